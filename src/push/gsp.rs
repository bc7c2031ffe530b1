//! The SPARQL 1.1 Graph Store HTTP Protocol (indirect graph identification: the service URL
//! with `?graph=IRI`): the first request of a graph is a PUT, which replaces the graph, and
//! each further chunk a POST, which adds to it. Bodies are N-Triples written by Oxigraph's
//! serializer, one bounded chunk per request, each sent with its `Content-Length`: Virtuoso
//! 7.2 answers `201 Created` to a PUT with a chunked transfer encoding and stores nothing.

use super::plan::{GraphUpload, Request};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{NamedNode, Triple};
use ureq::http::{Method, Uri};

/// The media type of the bodies.
pub const N_TRIPLES: &str = "application/n-triples";

/// The service URL with the graph's IRI as the `graph` query parameter.
pub fn graph_url(service: &Uri, graph: &NamedNode) -> Uri {
    let mut url = service.to_string();
    url.push(if service.query().is_some() { '&' } else { '?' });
    url.push_str("graph=");
    url.extend(form_urlencoded::byte_serialize(graph.as_str().as_bytes()));
    url.parse()
        .expect("a valid URL with an encoded query parameter is valid")
}

/// The requests of one graph: a PUT of the first chunk (an empty body for an empty graph),
/// then a POST of each further chunk.
pub fn requests(service: &Uri, graph: &GraphUpload) -> Vec<Request> {
    let url = graph_url(service, &graph.iri);
    if graph.chunks.is_empty() {
        return vec![Request {
            method: Method::PUT,
            url,
            content_type: N_TRIPLES,
            chunk: None,
            triples: 0,
            action: "replace the graph",
        }];
    }
    graph
        .chunks
        .iter()
        .enumerate()
        .map(|(i, chunk)| Request {
            method: if i == 0 { Method::PUT } else { Method::POST },
            url: url.clone(),
            content_type: N_TRIPLES,
            chunk: Some(i),
            triples: chunk.len(),
            action: if i == 0 {
                "replace the graph"
            } else {
                "add to the graph"
            },
        })
        .collect()
}

/// A chunk as N-Triples.
pub fn body(triples: &[Triple]) -> Vec<u8> {
    // About 150 bytes a triple in this graph's N-Triples.
    let mut serializer = RdfSerializer::from_format(RdfFormat::NTriples)
        .for_writer(Vec::with_capacity(triples.len() * 160));
    for triple in triples {
        serializer
            .serialize_triple(triple)
            .expect("writing to memory does not fail");
    }
    serializer
        .finish()
        .expect("writing to memory does not fail")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_graph_is_a_query_parameter() {
        let graph = NamedNode::new("https://w3id.org/cica-kg/graph/facts?x=1&y=é").unwrap();
        let url = graph_url(&"http://127.0.0.1:7878/store".parse().unwrap(), &graph);
        assert_eq!(
            url.to_string(),
            "http://127.0.0.1:7878/store?graph=https%3A%2F%2Fw3id.org%2Fcica-kg%2Fgraph%2Ffacts%3Fx%3D1%26y%3D%C3%A9"
        );
        let url = graph_url(&"http://h/crud?token=a".parse().unwrap(), &graph);
        assert!(url
            .to_string()
            .starts_with("http://h/crud?token=a&graph=https%3A"));
    }
}
