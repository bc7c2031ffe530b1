//! The Wikidata Query Service's label service, run locally: a query copied from WDQS with
//! `SERVICE wikibase:label { bd:serviceParam wikibase:language "en". }` is rewritten, in the
//! algebra, so that each `?xLabel` (and `?xDescription`) it projects is bound from the graph's
//! own `rdfs:label` (and `schema:description`) of `?x` in the first of the languages given
//! that has one (else, for a label, the item's id or the IRI, as WDQS does). Explicit
//! bindings inside the service (`?x rdfs:label ?name`) work too. Nothing reaches the network.

use crate::query::bind::{body, map_body, rewrite_pattern};
use crate::vocab::{bd, rdfs, schema, wikibase, wikidata};
use oxigraph::model::{Literal, NamedNode, Variable};
use spargebra::algebra::{Expression, Function, GraphPattern};
use spargebra::term::{NamedNodePattern, TermPattern, TriplePattern};
use spargebra::Query;
use std::collections::BTreeSet;

/// One variable the service binds: the entity variable, the property read, the variable it
/// binds, and whether an unlabelled entity falls back to its id.
struct Target {
    entity: Variable,
    property: NamedNode,
    output: Variable,
    fallback: bool,
}

/// Rewrites every `SERVICE wikibase:label` of the query into local patterns.
pub fn rewrite(query: Query) -> Query {
    let projected = projected(&query);
    rewrite_pattern(query, |pattern| {
        let mut services = Vec::new();
        let pattern = remove_services(pattern, &mut services);
        if services.is_empty() {
            return pattern;
        }
        // Each service binds its own variables in its own languages; one without explicit
        // bindings binds the projected ?xLabel and ?xDescription (WDQS's automatic mode).
        let mut bound = Vec::new();
        for inner in &services {
            let (mut languages, mut targets) = (Vec::new(), Vec::new());
            read_service(inner, &mut languages, &mut targets);
            if languages.is_empty() {
                languages.push("en".to_owned());
            }
            if targets.is_empty() {
                targets = automatic_targets(body(&pattern), &projected);
            }
            bound.push((targets, languages));
        }
        map_body(pattern, |mut body| {
            for (n, (targets, languages)) in bound.iter().enumerate() {
                body = bind_targets(body, n, targets, languages);
            }
            body
        })
    })
}

/// The projected variables of a SELECT.
fn projected(query: &Query) -> Vec<Variable> {
    let Query::Select { pattern, .. } = query else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut p = pattern;
    loop {
        match p {
            GraphPattern::Slice { inner, .. }
            | GraphPattern::Distinct { inner }
            | GraphPattern::Reduced { inner }
            | GraphPattern::OrderBy { inner, .. } => p = inner,
            GraphPattern::Project { variables, .. } => {
                found.clone_from(variables);
                return found;
            }
            _ => return found,
        }
    }
}

/// The pattern without its label services (each replaced by the empty pattern), and their
/// inner patterns.
fn remove_services(pattern: GraphPattern, found: &mut Vec<GraphPattern>) -> GraphPattern {
    match pattern {
        GraphPattern::Service {
            name: NamedNodePattern::NamedNode(name),
            inner,
            ..
        } if name.as_ref() == wikibase::LABEL => {
            found.push(*inner);
            GraphPattern::Bgp {
                patterns: Vec::new(),
            }
        }
        other => map_children(other, &mut |p| remove_services(p, found)),
    }
}

/// The pattern with `f` applied to each of its sub-patterns (not inside another SERVICE).
fn map_children(
    pattern: GraphPattern,
    f: &mut impl FnMut(GraphPattern) -> GraphPattern,
) -> GraphPattern {
    let mut map = |p: Box<GraphPattern>| Box::new(f(*p));
    match pattern {
        GraphPattern::Join { left, right } => GraphPattern::Join {
            left: map(left),
            right: map(right),
        },
        GraphPattern::LeftJoin {
            left,
            right,
            expression,
        } => GraphPattern::LeftJoin {
            left: map(left),
            right: map(right),
            expression,
        },
        GraphPattern::Union { left, right } => GraphPattern::Union {
            left: map(left),
            right: map(right),
        },
        GraphPattern::Minus { left, right } => GraphPattern::Minus {
            left: map(left),
            right: map(right),
        },
        other => map_inner(other, f),
    }
}

/// [`map_children`] for the patterns with one sub-pattern.
fn map_inner(
    pattern: GraphPattern,
    f: &mut impl FnMut(GraphPattern) -> GraphPattern,
) -> GraphPattern {
    let mut map = |p: Box<GraphPattern>| Box::new(f(*p));
    match pattern {
        GraphPattern::Filter { expr, inner } => GraphPattern::Filter {
            expr,
            inner: map(inner),
        },
        GraphPattern::Extend {
            inner,
            variable,
            expression,
        } => GraphPattern::Extend {
            inner: map(inner),
            variable,
            expression,
        },
        GraphPattern::Project { inner, variables } => GraphPattern::Project {
            inner: map(inner),
            variables,
        },
        GraphPattern::Distinct { inner } => GraphPattern::Distinct { inner: map(inner) },
        GraphPattern::Reduced { inner } => GraphPattern::Reduced { inner: map(inner) },
        GraphPattern::OrderBy { inner, expression } => GraphPattern::OrderBy {
            inner: map(inner),
            expression,
        },
        GraphPattern::Slice {
            inner,
            start,
            length,
        } => GraphPattern::Slice {
            inner: map(inner),
            start,
            length,
        },
        GraphPattern::Graph { name, inner } => GraphPattern::Graph {
            name,
            inner: map(inner),
        },
        GraphPattern::Group {
            inner,
            variables,
            aggregates,
        } => GraphPattern::Group {
            inner: map(inner),
            variables,
            aggregates,
        },
        other => other,
    }
}

/// Reads a service's languages (`bd:serviceParam wikibase:language "en,fr"`) and its explicit
/// bindings (`?x rdfs:label ?name`, `?x schema:description ?text`).
fn read_service(inner: &GraphPattern, languages: &mut Vec<String>, targets: &mut Vec<Target>) {
    let GraphPattern::Bgp { patterns } = inner else {
        return;
    };
    for TriplePattern {
        subject,
        predicate,
        object,
    } in patterns
    {
        match (subject, predicate, object) {
            (
                TermPattern::NamedNode(s),
                NamedNodePattern::NamedNode(p),
                TermPattern::Literal(list),
            ) if s.as_ref() == bd::SERVICE_PARAM && p.as_ref() == wikibase::LANGUAGE => {
                languages.extend(
                    list.value()
                        .split(',')
                        .map(|l| l.trim().to_ascii_lowercase())
                        .filter(|l| !l.is_empty())
                        .map(|l| {
                            if l == "[auto_language]" {
                                "en".to_owned()
                            } else {
                                l
                            }
                        }),
                );
            }
            (
                TermPattern::Variable(entity),
                NamedNodePattern::NamedNode(p),
                TermPattern::Variable(output),
            ) if p.as_ref() == rdfs::LABEL || p.as_ref() == schema::DESCRIPTION => {
                targets.push(Target {
                    entity: entity.clone(),
                    property: p.clone(),
                    output: output.clone(),
                    fallback: p.as_ref() == rdfs::LABEL,
                });
            }
            _ => {}
        }
    }
}

/// WDQS's automatic mode: a projected `?xLabel` or `?xDescription` whose `?x` is a variable of
/// the pattern.
fn automatic_targets(body: &GraphPattern, projected: &[Variable]) -> Vec<Target> {
    let mut in_scope = BTreeSet::new();
    body.on_in_scope_variable(|v| {
        in_scope.insert(v.as_str().to_owned());
    });
    let mut targets = Vec::new();
    for output in projected {
        let name = output.as_str();
        for (suffix, property, fallback) in [
            ("Label", rdfs::LABEL, true),
            ("Description", schema::DESCRIPTION, false),
        ] {
            if let Some(entity) = name.strip_suffix(suffix) {
                if in_scope.contains(entity) && !in_scope.contains(name) {
                    targets.push(Target {
                        entity: Variable::new_unchecked(entity),
                        property: property.into_owned(),
                        output: output.clone(),
                        fallback,
                    });
                }
            }
        }
    }
    targets
}

/// The body with, for each target, one OPTIONAL per language and the output bound to the
/// first that matched (or the fallback).
fn bind_targets(
    mut body: GraphPattern,
    service: usize,
    targets: &[Target],
    languages: &[String],
) -> GraphPattern {
    for (t, target) in targets.iter().enumerate() {
        let mut candidates = Vec::new();
        for (l, language) in languages.iter().enumerate() {
            let value = Variable::new_unchecked(format!("cica_label_{service}_{t}_{l}"));
            body = GraphPattern::LeftJoin {
                left: Box::new(body),
                right: Box::new(GraphPattern::Bgp {
                    patterns: vec![TriplePattern {
                        subject: target.entity.clone().into(),
                        predicate: target.property.clone().into(),
                        object: value.clone().into(),
                    }],
                }),
                expression: Some(Expression::FunctionCall(
                    Function::LangMatches,
                    vec![
                        Expression::FunctionCall(
                            Function::Lang,
                            vec![Expression::Variable(value.clone())],
                        ),
                        Expression::Literal(Literal::new_simple_literal(language)),
                    ],
                )),
            };
            candidates.push(Expression::Variable(value));
        }
        if target.fallback {
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

#[cfg(test)]
mod tests {
    use super::*;
    use spargebra::SparqlParser;

    fn parsed(text: &str) -> Query {
        SparqlParser::new()
            .with_prefix("wikibase", wikibase::NAMESPACE)
            .unwrap()
            .with_prefix("bd", bd::NAMESPACE)
            .unwrap()
            .parse_query(text)
            .unwrap()
    }

    #[test]
    fn the_service_becomes_local_optional_labels() {
        let query = rewrite(parsed(
            "SELECT ?x ?xLabel WHERE { ?x ?p ?o . SERVICE wikibase:label { bd:serviceParam wikibase:language \"fr,en\". } }",
        ));
        let text = query.to_string();
        assert!(!text.contains("SERVICE"), "{text}");
        assert!(text.contains("LANGMATCHES"), "{text}");
        assert!(text.contains("\"fr\"") && text.contains("\"en\""), "{text}");
        assert!(text.contains("AS ?xLabel"), "{text}");
    }

    #[test]
    fn queries_without_the_service_are_unchanged() {
        let query = parsed("SELECT ?x WHERE { ?x ?p ?o }");
        assert_eq!(rewrite(query.clone()), query);
    }
}
