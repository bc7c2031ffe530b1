//! SPARQL 1.1 Update, for stores without the Graph Store Protocol: the first request of a
//! graph is `DROP SILENT GRAPH <g>` followed, in the same request, by the first chunk; each
//! further chunk is one more request. `<g>` is the graph's staging graph
//! ([`super::staging`]), moved into place once every graph is complete. Requests are written by spargebra's update algebra (an
//! [`Update`] printed with its `Display`).
//!
//! A chunk with blank nodes is the exception. Virtuoso 7.2 refuses blank nodes in `INSERT
//! DATA` (SPARQL 1.1 allows them), and misreads the equivalent template as spargebra prints
//! it (one `GRAPH <g> { s p o } .` per triple). So such a chunk is the standard `INSERT {
//! GRAPH <g> { ... } } WHERE { }` with one `GRAPH` block, its triples written by Oxigraph's
//! N-Triples serializer; the tests parse it back with spargebra to the same operation.

use super::plan::{GraphUpload, Request};
use oxigraph::model::{NamedNode, NamedOrBlankNode, Term, Triple};
use spargebra::term::{GraphName, Quad};
use spargebra::{GraphUpdateOperation, Update};
use ureq::http::{Method, Uri};

/// The media type of the bodies (the protocol's "update via POST directly").
pub const SPARQL_UPDATE: &str = "application/sparql-update";

/// The requests of one graph: the first drops the graph and inserts the first chunk; each
/// further one inserts a chunk. An empty graph is only dropped.
pub fn requests(endpoint: &Uri, graph: &GraphUpload) -> Vec<Request> {
    let request = |chunk: Option<usize>, triples: usize, action| Request {
        method: Method::POST,
        url: endpoint.clone(),
        content_type: SPARQL_UPDATE,
        chunk,
        triples,
        action,
    };
    if graph.chunks.is_empty() {
        return vec![request(None, 0, "DROP SILENT GRAPH of the staging graph")];
    }
    graph
        .chunks
        .iter()
        .enumerate()
        .map(|(i, chunk)| {
            let action = match (i, has_blank_nodes(chunk)) {
                (0, false) => "DROP SILENT GRAPH, INSERT DATA, into the staging graph",
                (0, true) => "DROP SILENT GRAPH, INSERT WHERE {}, into the staging graph",
                (_, false) => "INSERT DATA into the staging graph",
                (_, true) => "INSERT WHERE {} into the staging graph",
            };
            request(Some(i), chunk.len(), action)
        })
        .collect()
}

/// The update that sends `triples` into `graph`, after dropping it when `first`.
pub fn body(graph: &NamedNode, triples: &[Triple], first: bool) -> String {
    let mut operations = Vec::new();
    if first {
        operations.push(GraphUpdateOperation::Drop {
            silent: true,
            graph: spargebra::algebra::GraphTarget::NamedNode(graph.clone()),
        });
    }
    let template = has_blank_nodes(triples);
    if !triples.is_empty() && !template {
        operations.push(insert_data(graph, triples));
    }
    let mut text = Update {
        base_iri: None,
        operations,
    }
    .to_string();
    if template {
        text.push_str(&insert_template(graph, triples));
    }
    text
}

/// `INSERT { GRAPH <g> { triples } } WHERE { }`, the triples in N-Triples.
fn insert_template(graph: &NamedNode, triples: &[Triple]) -> String {
    let mut text = String::from("INSERT {\nGRAPH ");
    text.push_str(&graph.to_string());
    text.push_str(" {\n");
    text.push_str(
        &String::from_utf8(super::gsp::body(triples)).expect("N-Triples are written in UTF-8"),
    );
    text.push_str("}\n} WHERE { }\n");
    text
}

fn has_blank_nodes(triples: &[Triple]) -> bool {
    triples.iter().any(|t| {
        matches!(t.subject, NamedOrBlankNode::BlankNode(_))
            || matches!(t.object, Term::BlankNode(_))
    })
}

/// `INSERT DATA { GRAPH <g> { triples } }`.
fn insert_data(graph: &NamedNode, triples: &[Triple]) -> GraphUpdateOperation {
    GraphUpdateOperation::InsertData {
        data: triples
            .iter()
            .map(|t| Quad {
                subject: t.subject.clone(),
                predicate: t.predicate.clone(),
                object: t.object.clone(),
                graph_name: GraphName::NamedNode(graph.clone()),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{BlankNode, Literal};
    use spargebra::algebra::GraphPattern;
    use spargebra::term::{GraphNamePattern, NamedNodePattern, QuadPattern, TermPattern};
    use spargebra::SparqlParser;

    fn iri(s: &str) -> NamedNode {
        NamedNode::new(format!("http://example.org/{s}")).unwrap()
    }

    #[test]
    fn updates_parse_back_to_the_same_operations() {
        let graph = iri("g");
        let triples = vec![
            Triple::new(
                iri("s"),
                iri("p"),
                Literal::new_language_tagged_literal("a \"q\" & <b>\n", "en").unwrap(),
            ),
            Triple::new(iri("s"), iri("p"), Literal::from(27)),
        ];
        let text = body(&graph, &triples, true);
        assert!(
            text.starts_with("DROP SILENT GRAPH <http://example.org/g>"),
            "{text}"
        );
        let parsed = SparqlParser::new().parse_update(&text).unwrap();
        assert_eq!(parsed.operations.len(), 2);
        assert_eq!(parsed.operations[1], insert_data(&graph, &triples));
    }

    #[test]
    fn blank_nodes_are_inserted_with_one_graph_template() {
        let b = BlankNode::new("b1").unwrap();
        let graph = iri("g");
        let triples = vec![
            Triple::new(iri("s"), iri("p"), b.clone()),
            Triple::new(b, iri("p"), Literal::new_simple_literal("x\\y\u{e9}")),
        ];
        let text = body(&graph, &triples, true);
        assert_eq!(
            text.matches("GRAPH <http://example.org/g> {").count(),
            1,
            "{text}"
        );
        let parsed = SparqlParser::new().parse_update(&text).unwrap();
        let GraphUpdateOperation::DeleteInsert {
            delete,
            insert,
            using,
            pattern,
        } = &parsed.operations[1]
        else {
            panic!("not an INSERT template: {text}");
        };
        assert!(delete.is_empty() && using.is_none());
        assert_eq!(
            **pattern,
            GraphPattern::Bgp {
                patterns: Vec::new()
            }
        );
        let expected: Vec<QuadPattern> = triples
            .iter()
            .map(|t| QuadPattern {
                subject: TermPattern::from(Term::from(t.subject.clone())),
                predicate: NamedNodePattern::NamedNode(t.predicate.clone()),
                object: TermPattern::from(t.object.clone()),
                graph_name: GraphNamePattern::NamedNode(graph.clone()),
            })
            .collect();
        assert_eq!(*insert, expected);
    }
}
