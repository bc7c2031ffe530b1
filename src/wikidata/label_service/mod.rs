//! The Wikidata Query Service's label service, run locally: a query copied from WDQS with
//! `SERVICE wikibase:label { bd:serviceParam wikibase:language "en". }` is rewritten, in the
//! algebra, into patterns over the graph's own labels. Nothing reaches the network.
//!
//! The rules, as WDQS's manual gives them (Wikidata Query Service user manual, "Label
//! service"; the Wikibooks chapter "SPARQL/SERVICE - Label"), each tested in
//! `tests/label_service.rs` against the same query written without the service:
//!
//! - **Automatic mode** (a service with no bindings of its own): for each projected variable
//!   `?xLabel`, `?xAltLabel` or `?xDescription` that the query does not bind itself and whose
//!   `?x` is a variable of the query, the service binds the label (`rdfs:label`), the aliases
//!   (`skos:altLabel`) or the description (`schema:description`, `http://schema.org/` as
//!   Wikibase writes it) of `?x`.
//! - **Manual mode**: inside the service, `?x rdfs:label ?name`, `?x skos:altLabel ?aliases`
//!   and `?x schema:description ?text` bind the variable named (any name) the same way, and
//!   the automatic variables are then not bound.
//! - **Languages**: `wikibase:language "en,fr"` is a fallback list: the value in the first
//!   language that has one wins; a language matches a tag exactly (case aside), as WDQS does,
//!   so `"en"` does not take an `@en-gb` label. `[AUTO_LANGUAGE]` is the user interface's
//!   language on WDQS; offline it is English. No language given means English.
//! - **Aliases**: `?xAltLabel` is every alias in that first language that has any, joined by
//!   `", "`, as one literal in that language.
//! - **No value**: an entity without a label in any of the languages gets its id as its label
//!   (`"Q232"` for `wd:Q232`; another IRI gets the IRI as a string); a missing description or
//!   alias stays unbound.
//! - **Unbound entity**: where `?x` is unbound (an OPTIONAL that did not match), `?xLabel`,
//!   `?xDescription` and `?xAltLabel` stay unbound, and the row stays as it is: the service
//!   never binds `?x` (the manual says `?x` "should be bound"; WDQS leaves the label empty).

mod patterns;

use crate::query::bind::{body, map_body, rewrite_pattern};
use crate::vocab::{bd, rdfs, skos, wikibase, wikidata};
use oxigraph::model::{NamedNodeRef, Variable};
use patterns::bind_targets;
use spargebra::algebra::GraphPattern;
use spargebra::term::{NamedNodePattern, TermPattern, TriplePattern};
use spargebra::Query;
use std::collections::BTreeSet;

use super::hints;
use super::walk::map_children;

/// What the service reads of an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `rdfs:label`, falling back to the entity's id.
    Label,
    /// `skos:altLabel`, all of one language joined.
    AltLabel,
    /// `schema:description`.
    Description,
}

impl Kind {
    /// Every kind, with the suffix of its automatic variable; `AltLabel` before `Label`,
    /// which it ends with.
    const ALL: [(Kind, &'static str); 3] = [
        (Kind::AltLabel, "AltLabel"),
        (Kind::Label, "Label"),
        (Kind::Description, "Description"),
    ];

    /// The property the kind reads.
    fn property(self) -> NamedNodeRef<'static> {
        match self {
            Kind::Label => rdfs::LABEL,
            Kind::AltLabel => skos::ALT_LABEL,
            Kind::Description => wikidata::DESCRIPTION,
        }
    }

    /// The kind a property of a manual binding asks for.
    fn of(property: NamedNodeRef<'_>) -> Option<Kind> {
        Self::ALL
            .into_iter()
            .map(|(kind, _)| kind)
            .find(|kind| kind.property() == property)
    }
}

/// One variable the service binds: the entity variable, what is read, the variable it binds.
struct Target {
    entity: Variable,
    kind: Kind,
    output: Variable,
}

/// Rewrites every `SERVICE wikibase:label` of the query into local patterns, and removes the
/// query's optimizer hints (`hints`): what WDQS's own engine does to a query.
pub fn rewrite(query: Query) -> Query {
    let projected = projected(&query);
    rewrite_pattern(query, |pattern| {
        let pattern = hints::strip(pattern);
        let mut services = Vec::new();
        let pattern = remove_services(pattern, &mut services);
        if services.is_empty() {
            return pattern;
        }
        // Each service binds its own variables in its own languages; one without explicit
        // bindings binds the projected ?xLabel, ?xAltLabel and ?xDescription (automatic mode).
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

/// Reads a service's languages (`bd:serviceParam wikibase:language "en,fr"`) and its explicit
/// bindings (`?x rdfs:label ?name`, `?x skos:altLabel ?aliases`, `?x schema:description ?text`).
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
            ) => {
                if let Some(kind) = Kind::of(p.as_ref()) {
                    targets.push(Target {
                        entity: entity.clone(),
                        kind,
                        output: output.clone(),
                    });
                }
            }
            _ => {}
        }
    }
}

/// Automatic mode: a projected `?xLabel`, `?xAltLabel` or `?xDescription` that the pattern
/// does not bind, whose `?x` is a variable of the pattern.
fn automatic_targets(body: &GraphPattern, projected: &[Variable]) -> Vec<Target> {
    let mut in_scope = BTreeSet::new();
    body.on_in_scope_variable(|v| {
        in_scope.insert(v.as_str().to_owned());
    });
    let mut targets = Vec::new();
    for output in projected {
        let name = output.as_str();
        if in_scope.contains(name) {
            continue;
        }
        let found = Kind::ALL.into_iter().find_map(|(kind, suffix)| {
            let entity = name.strip_suffix(suffix)?;
            in_scope.contains(entity).then_some((kind, entity))
        });
        if let Some((kind, entity)) = found {
            targets.push(Target {
                entity: Variable::new_unchecked(entity),
                kind,
                output: output.clone(),
            });
        }
    }
    targets
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
        assert!(text.contains("LANG("), "{text}");
        assert!(text.contains("\"fr\"") && text.contains("\"en\""), "{text}");
        assert!(text.contains("AS ?xLabel"), "{text}");
    }

    #[test]
    fn queries_without_the_service_are_unchanged() {
        let query = parsed("SELECT ?x WHERE { ?x ?p ?o }");
        assert_eq!(rewrite(query.clone()), query);
    }
}
