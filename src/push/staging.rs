//! Staging for `--update` pushes, so that a push changes every graph or none: each graph is
//! loaded into a staging graph of its own, `urn:cica-kg:push-staging:RUN:N-NAME` (RUN unique
//! to the run, N the graph's place in the plan, NAME its name, such as `facts`), and once
//! every staging graph is complete one request moves them all into place (`MOVE <staging> TO
//! <target>`, or `DROP SILENT GRAPH <target>` for an empty graph). When anything fails before,
//! one request drops the staging graphs. A store that runs an update request as one
//! transaction (Oxigraph) applies the swap whole or not at all.

use oxigraph::model::NamedNode;
use spargebra::algebra::GraphTarget;
use spargebra::{GraphUpdateOperation, Update};
use std::time::{SystemTime, UNIX_EPOCH};

/// The start of every staging graph's IRI.
pub const PREFIX: &str = "urn:cica-kg:push-staging:";

/// A name for this run, unique enough that two pushes at once do not share staging graphs:
/// the time in nanoseconds and the process id, in hexadecimal.
pub fn run_id() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{nanos:x}-{:x}", std::process::id())
}

/// The staging graph of graph number `index`, named `name`, in run `run`.
pub fn iri(run: &str, index: usize, name: &str) -> NamedNode {
    let name: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    NamedNode::new(format!("{PREFIX}{run}:{index}-{name}"))
        .expect("a URN of ASCII letters, digits, '-' and ':' is an IRI")
}

/// The swap: each `(staging, target, empty)` moved into place, in one update request.
/// SPARQL's `MOVE` is written as such (spargebra's algebra has no `MOVE`: it reads one as
/// `DROP`, `INSERT ... WHERE` and `DROP`); the IRIs are checked `NamedNode`s.
pub fn swap(graphs: &[(NamedNode, NamedNode, bool)]) -> String {
    graphs
        .iter()
        .map(|(staging, target, empty)| {
            if *empty {
                format!("DROP SILENT GRAPH {target}")
            } else {
                format!("MOVE {staging} TO {target}")
            }
        })
        .collect::<Vec<_>>()
        .join(" ;\n")
}

/// The cleanup: `DROP SILENT GRAPH` of each staging graph, in one update request.
pub fn drop_all(staging: &[NamedNode]) -> String {
    Update {
        base_iri: None,
        operations: staging
            .iter()
            .map(|graph| GraphUpdateOperation::Drop {
                silent: true,
                graph: GraphTarget::NamedNode(graph.clone()),
            })
            .collect(),
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use spargebra::SparqlParser;

    #[test]
    fn staging_iris_are_unique_per_run_and_graph() {
        let a = iri("r1", 0, "facts");
        assert_eq!(a.as_str(), "urn:cica-kg:push-staging:r1:0-facts");
        assert_ne!(a, iri("r1", 1, "facts"));
        assert_ne!(a, iri("r2", 0, "facts"));
        assert_eq!(
            iri("r", 2, "a b").as_str(),
            "urn:cica-kg:push-staging:r:2-a-b"
        );
    }

    #[test]
    fn the_swap_and_the_cleanup_are_valid_updates() {
        let g = |s: &str| NamedNode::new(format!("http://example.org/{s}")).unwrap();
        let text = swap(&[
            (iri("r", 0, "facts"), g("facts"), false),
            (iri("r", 1, "empty"), g("empty"), true),
        ]);
        assert_eq!(
            text,
            "MOVE <urn:cica-kg:push-staging:r:0-facts> TO <http://example.org/facts> ;\nDROP SILENT GRAPH <http://example.org/empty>"
        );
        let parsed = SparqlParser::new().parse_update(&text).unwrap();
        // MOVE is read as DROP SILENT target, INSERT ... WHERE, DROP staging; then the DROP.
        assert_eq!(parsed.operations.len(), 4);
        let cleanup = drop_all(&[iri("r", 0, "facts"), iri("r", 1, "empty")]);
        let parsed = SparqlParser::new().parse_update(&cleanup).unwrap();
        assert_eq!(parsed.operations.len(), 2, "{cleanup}");
    }
}
