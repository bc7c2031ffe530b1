//! The patterns the label service becomes: for each variable it binds, one OPTIONAL per
//! language (guarded so that an unbound entity matches nothing), and the variable bound to the
//! first language's value, else (for a label) the entity's id.

use super::{Kind, Target};
use crate::vocab::wikidata;
use oxigraph::model::{Literal, Variable};
use spargebra::algebra::{
    AggregateExpression, AggregateFunction, Expression, Function, GraphPattern,
};
use spargebra::term::TriplePattern;

/// The body with, for each target, one OPTIONAL per language and the output bound to the
/// first that matched (or the fallback).
///
/// The entity may be unbound in a row (an OPTIONAL of the query that did not match): an
/// OPTIONAL `{ ?x rdfs:label ?v }` would then match every label in the graph and bind `?x`
/// to each labelled entity. So the row first records whether `?x` is bound
/// (`?cica_bound_… = BOUND(?x)`, from the left side alone), and each OPTIONAL's condition
/// requires it.
pub(super) fn bind_targets(
    mut body: GraphPattern,
    service: usize,
    targets: &[Target],
    languages: &[String],
) -> GraphPattern {
    for (t, target) in targets.iter().enumerate() {
        let bound = Variable::new_unchecked(format!("cica_bound_{service}_{t}"));
        body = GraphPattern::Extend {
            inner: Box::new(body),
            variable: bound.clone(),
            expression: Expression::Bound(target.entity.clone()),
        };
        let mut candidates = Vec::new();
        for (l, language) in languages.iter().enumerate() {
            let value = Variable::new_unchecked(format!("cica_label_{service}_{t}_{l}"));
            let (right, condition) = match target.kind {
                Kind::AltLabel => (aliases(target, &value, language), None),
                Kind::Label | Kind::Description => (
                    GraphPattern::Bgp {
                        patterns: vec![triple(target, &value)],
                    },
                    Some(in_language(&value, language)),
                ),
            };
            let guard = Expression::Variable(bound.clone());
            body = GraphPattern::LeftJoin {
                left: Box::new(body),
                right: Box::new(right),
                expression: Some(match condition {
                    Some(condition) => Expression::And(Box::new(guard), Box::new(condition)),
                    None => guard,
                }),
            };
            candidates.push(Expression::Variable(value));
        }
        if target.kind == Kind::Label {
            candidates.push(id_of(&target.entity));
        }
        body = GraphPattern::Extend {
            inner: Box::new(body),
            variable: target.output.clone(),
            expression: Expression::Coalesce(candidates),
        };
    }
    body
}

/// `?x <property> ?value`.
fn triple(target: &Target, value: &Variable) -> TriplePattern {
    TriplePattern {
        subject: target.entity.clone().into(),
        predicate: target.kind.property().into_owned().into(),
        object: value.clone().into(),
    }
}

/// `LCASE(LANG(?value)) = "en"`: WDQS matches a language code exactly.
fn in_language(value: &Variable, language: &str) -> Expression {
    Expression::Equal(
        Box::new(Expression::FunctionCall(
            Function::LCase,
            vec![Expression::FunctionCall(
                Function::Lang,
                vec![Expression::Variable(value.clone())],
            )],
        )),
        Box::new(Expression::Literal(Literal::new_simple_literal(language))),
    )
}

/// `{ SELECT ?x (STRLANG(GROUP_CONCAT(STR(?a); SEPARATOR=", "), "en") AS ?value)
///    WHERE { ?x skos:altLabel ?a FILTER(LCASE(LANG(?a)) = "en") } GROUP BY ?x }`:
/// the entity's aliases in one language, joined.
fn aliases(target: &Target, value: &Variable, language: &str) -> GraphPattern {
    let alias = Variable::new_unchecked(format!("{}_alias", value.as_str()));
    let joined = Variable::new_unchecked(format!("{}_joined", value.as_str()));
    let each = GraphPattern::Filter {
        expr: in_language(&alias, language),
        inner: Box::new(GraphPattern::Bgp {
            patterns: vec![triple(target, &alias)],
        }),
    };
    let grouped = GraphPattern::Group {
        inner: Box::new(each),
        variables: vec![target.entity.clone()],
        aggregates: vec![(
            joined.clone(),
            AggregateExpression::FunctionCall {
                name: AggregateFunction::GroupConcat {
                    separator: Some(", ".to_owned()),
                },
                // Each alias as a simple literal: STRLANG takes no tagged one.
                expr: Expression::FunctionCall(Function::Str, vec![Expression::Variable(alias)]),
                distinct: false,
            },
        )],
    };
    let tagged = GraphPattern::Extend {
        inner: Box::new(grouped),
        variable: value.clone(),
        expression: Expression::FunctionCall(
            Function::StrLang,
            vec![
                Expression::Variable(joined),
                Expression::Literal(Literal::new_simple_literal(language)),
            ],
        ),
    };
    GraphPattern::Project {
        inner: Box::new(tagged),
        variables: vec![target.entity.clone(), value.clone()],
    }
}

/// What WDQS shows for an entity without a label: an item's id (`Q35493`), else the IRI.
fn id_of(entity: &Variable) -> Expression {
    let iri = Expression::FunctionCall(Function::Str, vec![Expression::Variable(entity.clone())]);
    let namespace = Expression::Literal(Literal::new_simple_literal(wikidata::WD_NAMESPACE));
    Expression::If(
        Box::new(Expression::FunctionCall(
            Function::StrStarts,
            vec![iri.clone(), namespace.clone()],
        )),
        Box::new(Expression::FunctionCall(
            Function::StrAfter,
            vec![iri.clone(), namespace],
        )),
        Box::new(iri),
    )
}
