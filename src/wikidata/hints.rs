//! Blazegraph's query hints in queries copied from the Wikidata Query Service
//! (`hint:Query hint:optimizer "None" .`, `hint:Prior hint:runLast true .`): advice to that
//! engine's optimizer, which WDQS reads and removes before it evaluates the query. They are
//! not data, so they are removed here too: a hint triple left in would match nothing and empty
//! the answer.

use super::walk::map_children;
use crate::vocab::hint;
use spargebra::algebra::GraphPattern;
use spargebra::term::{NamedNodePattern, TermPattern, TriplePattern};

/// The pattern without its hint triples (those whose subject or predicate is in the `hint:`
/// namespace), at any depth but inside a SERVICE, which the remote engine reads.
pub fn strip(pattern: GraphPattern) -> GraphPattern {
    match pattern {
        GraphPattern::Bgp { patterns } => GraphPattern::Bgp {
            patterns: patterns.into_iter().filter(|t| !is_hint(t)).collect(),
        },
        other => map_children(other, &mut strip),
    }
}

/// Whether a triple pattern is a query hint.
fn is_hint(triple: &TriplePattern) -> bool {
    let in_hints = |iri: &str| iri.starts_with(hint::NAMESPACE);
    let subject = matches!(&triple.subject, TermPattern::NamedNode(s) if in_hints(s.as_str()));
    let predicate =
        matches!(&triple.predicate, NamedNodePattern::NamedNode(p) if in_hints(p.as_str()));
    subject || predicate
}

#[cfg(test)]
mod tests {
    use super::*;
    use spargebra::{Query, SparqlParser};

    fn pattern(text: &str) -> GraphPattern {
        let parsed = SparqlParser::new()
            .with_prefix("hint", hint::NAMESPACE)
            .unwrap()
            .parse_query(text)
            .unwrap();
        let Query::Select { pattern, .. } = parsed else {
            panic!("a SELECT")
        };
        pattern
    }

    #[test]
    fn hints_go_and_everything_else_stays() {
        let with = pattern(
            "SELECT * WHERE { hint:Query hint:optimizer \"None\" . ?s ?p ?o . OPTIONAL { ?s ?q ?v . hint:Prior hint:runLast true } }",
        );
        let without = pattern("SELECT * WHERE { ?s ?p ?o . OPTIONAL { ?s ?q ?v } }");
        assert_eq!(strip(with), without);
    }
}
