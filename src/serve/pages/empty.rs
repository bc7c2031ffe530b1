//! Why a query has no rows, where that can be known from the query and the graph: a plain
//! literal that the graph has only with a language tag (`"Kazakhstan"` where the labels are
//! `"Kazakhstan"@en`), and a property or class that the graph does not have (with the closest
//! one it has). The query's algebra is walked for its constant predicates, classes and
//! compared literals; each is looked up with `serve-exists.rq`.

use super::super::State;
use super::search;
use crate::suggest;
use crate::vocab::{rdf, XSD};
use oxigraph::model::{Literal, NamedNode, Term};
use spargebra::algebra::{Expression, GraphPattern, PropertyPathExpression};
use spargebra::term::{NamedNodePattern, TermPattern};
use spargebra::Query;

/// What a query names: its constant predicates, its classes, and its literals (each with the
/// variable it is compared with, if any).
#[derive(Debug, Default)]
struct Named {
    predicates: Vec<NamedNode>,
    classes: Vec<NamedNode>,
    literals: Vec<(Literal, Option<String>)>,
}

impl Named {
    fn pattern(&mut self, pattern: &GraphPattern) {
        match pattern {
            GraphPattern::Bgp { patterns } => {
                for triple in patterns {
                    if let NamedNodePattern::NamedNode(p) = &triple.predicate {
                        match (&triple.object, p.as_ref() == rdf::TYPE) {
                            (TermPattern::NamedNode(class), true) => {
                                self.classes.push(class.clone())
                            }
                            _ => self.predicates.push(p.clone()),
                        }
                    }
                    if let TermPattern::Literal(l) = &triple.object {
                        self.literals.push((l.clone(), None));
                    }
                }
            }
            GraphPattern::Path { path, object, .. } => {
                self.path(path);
                if let TermPattern::Literal(l) = object {
                    self.literals.push((l.clone(), None));
                }
            }
            GraphPattern::Join { left, right }
            | GraphPattern::Union { left, right }
            | GraphPattern::Minus { left, right }
            | GraphPattern::Lateral { left, right } => {
                self.pattern(left);
                self.pattern(right);
            }
            GraphPattern::LeftJoin {
                left,
                right,
                expression,
            } => {
                self.pattern(left);
                self.pattern(right);
                if let Some(e) = expression {
                    self.expression(e);
                }
            }
            GraphPattern::Filter { expr, inner } => {
                self.expression(expr);
                self.pattern(inner);
            }
            GraphPattern::Graph { inner, .. }
            | GraphPattern::Extend { inner, .. }
            | GraphPattern::OrderBy { inner, .. }
            | GraphPattern::Project { inner, .. }
            | GraphPattern::Distinct { inner }
            | GraphPattern::Reduced { inner }
            | GraphPattern::Slice { inner, .. }
            | GraphPattern::Group { inner, .. } => self.pattern(inner),
            // SERVICE reads another graph; VALUES names nothing of this one.
            GraphPattern::Service { .. } | GraphPattern::Values { .. } => {}
        }
    }

    fn path(&mut self, path: &PropertyPathExpression) {
        match path {
            PropertyPathExpression::NamedNode(p) => self.predicates.push(p.clone()),
            PropertyPathExpression::Reverse(inner)
            | PropertyPathExpression::ZeroOrMore(inner)
            | PropertyPathExpression::OneOrMore(inner)
            | PropertyPathExpression::ZeroOrOne(inner) => self.path(inner),
            PropertyPathExpression::Sequence(a, b) | PropertyPathExpression::Alternative(a, b) => {
                self.path(a);
                self.path(b);
            }
            PropertyPathExpression::NegatedPropertySet(_) => {}
        }
    }

    fn expression(&mut self, expression: &Expression) {
        match expression {
            Expression::Equal(a, b) | Expression::SameTerm(a, b) => match (&**a, &**b) {
                (Expression::Variable(v), Expression::Literal(l))
                | (Expression::Literal(l), Expression::Variable(v)) => {
                    self.literals.push((l.clone(), Some(v.as_str().to_owned())));
                }
                _ => {}
            },
            Expression::In(e, list) => {
                if let Expression::Variable(v) = &**e {
                    for item in list {
                        if let Expression::Literal(l) = item {
                            self.literals.push((l.clone(), Some(v.as_str().to_owned())));
                        }
                    }
                }
            }
            Expression::And(a, b) | Expression::Or(a, b) => {
                self.expression(a);
                self.expression(b);
            }
            Expression::Not(e) => self.expression(e),
            Expression::Exists(p) => self.pattern(p),
            _ => {}
        }
    }
}

/// Whether the graph has a triple with property `p` and value `o` (either may be open).
fn exists(state: &State, p: Option<&NamedNode>, o: Option<Term>) -> bool {
    let mut bindings: Vec<(&str, Term)> = Vec::new();
    if let Some(p) = p {
        bindings.push(("p", p.clone().into()));
    }
    if let Some(o) = o {
        bindings.push(("o", o));
    }
    // A failure of the lookup is no reason to say anything.
    state
        .internal("serve-exists", &bindings)
        .map_or(true, |rows| !rows.is_empty())
}

/// The reasons the query may have no rows, in words, for a page.
pub fn reasons(state: &State, query: &Query) -> Vec<String> {
    let mut named = Named::default();
    match query {
        Query::Select { pattern, .. }
        | Query::Construct { pattern, .. }
        | Query::Describe { pattern, .. }
        | Query::Ask { pattern, .. } => named.pattern(pattern),
    }
    let mut reasons = Vec::new();
    let labelled: Vec<&str> = search::index(state)
        .map(|i| i.labelled().collect())
        .unwrap_or_default();
    let closest = |missing: &NamedNode| {
        let (namespace, _) = split(missing.as_str());
        let locals: Vec<&str> = labelled
            .iter()
            .filter(|iri| split(iri).0 == namespace)
            .map(|iri| split(iri).1)
            .collect();
        suggest::closest(split(missing.as_str()).1, locals)
            .map(|local| {
                format!(
                    " Did you mean {}?",
                    super::short(state, &format!("{namespace}{local}"))
                )
            })
            .unwrap_or_default()
    };
    let mut seen = Vec::new();
    for predicate in &named.predicates {
        if seen.contains(predicate) || exists(state, Some(predicate), None) {
            continue;
        }
        seen.push(predicate.clone());
        reasons.push(format!(
            "The graph has no property {}.{}",
            super::short(state, predicate.as_str()),
            closest(predicate)
        ));
    }
    for class in &named.classes {
        if seen.contains(class)
            || exists(
                state,
                Some(&rdf::TYPE.into_owned()),
                Some(class.clone().into()),
            )
        {
            continue;
        }
        seen.push(class.clone());
        reasons.push(format!(
            "The graph has nothing of the class {}.{}",
            super::short(state, class.as_str()),
            closest(class)
        ));
    }
    let mut told = Vec::new();
    for (literal, variable) in &named.literals {
        let plain =
            literal.language().is_none() && literal.datatype().as_str() == format!("{XSD}string");
        if !plain || told.contains(&literal.value().to_owned()) {
            continue;
        }
        let Ok(tagged) = Literal::new_language_tagged_literal(literal.value(), "en") else {
            continue;
        };
        if exists(state, None, Some(literal.clone().into()))
            || !exists(state, None, Some(tagged.clone().into()))
        {
            continue;
        }
        told.push(literal.value().to_owned());
        let str_form = variable
            .as_ref()
            .map(|v| format!(", or compare the text alone: STR(?{v}) = {literal}"))
            .unwrap_or_default();
        reasons.push(format!(
            "{literal} is a plain literal, but the graph has these words only with a language tag, as {tagged}. Write {tagged}{str_form}."
        ));
    }
    reasons
}

/// An IRI cut after its last `#` or `/`: namespace and local name.
fn split(iri: &str) -> (&str, &str) {
    let at = iri.rfind(['#', '/']).map_or(0, |i| i + 1);
    iri.split_at(at)
}
