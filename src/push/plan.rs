//! What a push will send, decided before anything is sent: each graph (its name, its IRI in
//! the store, its triples cut into bounded chunks) and the requests that carry the chunks. A
//! dry run prints the plan ([`Plan::write`]); a push sends the requests it lists, except that
//! a chunk the store refuses as too large is sent again in halves.

use super::{chunk, gsp, update, Protocol, Target};
use crate::table::{self, thousands};
use oxigraph::model::{NamedNode, Triple};
use std::io::{self, Write};
use ureq::http::{Method, Uri};

/// One graph to send.
#[derive(Debug, Clone)]
pub struct GraphUpload {
    /// Its name for people (`facts`).
    pub name: String,
    /// Its IRI in the store.
    pub iri: NamedNode,
    /// Its triples, in chunks of bounded size (none for an empty graph).
    pub chunks: Vec<Vec<Triple>>,
}

impl GraphUpload {
    /// A graph of `triples` (each once), cut into chunks of at most `chunk_size` triples.
    pub fn new(name: &str, iri: NamedNode, triples: Vec<Triple>, chunk_size: usize) -> Self {
        Self {
            name: name.to_owned(),
            iri,
            chunks: chunk::chunks(triples, chunk_size),
        }
    }

    /// The number of triples.
    pub fn triples(&self) -> usize {
        self.chunks.iter().map(Vec::len).sum()
    }
}

/// One request of a push.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// PUT, POST.
    pub method: Method,
    /// Where it goes.
    pub url: Uri,
    /// The media type of its body.
    pub content_type: &'static str,
    /// Which chunk of the graph it carries (none: it only empties the graph).
    pub chunk: Option<usize>,
    /// How many triples it carries.
    pub triples: usize,
    /// What it does, for people.
    pub action: &'static str,
}

/// Everything a push sends, and where it counts afterwards.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The store.
    pub target: Target,
    /// The graphs, in the order they are sent.
    pub graphs: Vec<GraphUpload>,
    /// The SPARQL query endpoint that counts each graph afterwards, if any.
    pub verify_url: Option<Uri>,
    /// The largest number of triples a request carries (blank-node groups excepted).
    pub chunk_size: usize,
}

impl Plan {
    /// The requests that send `graph`, in order.
    pub fn requests(&self, graph: &GraphUpload) -> Vec<Request> {
        match self.target.protocol {
            Protocol::GraphStore => gsp::requests(&self.target.url, graph),
            Protocol::Update => update::requests(&self.target.url, graph),
        }
    }

    /// The body of `request`, a request of `graph`.
    pub fn body(&self, graph: &GraphUpload, request: &Request) -> Vec<u8> {
        let chunk = request.chunk.map_or(&[][..], |i| &graph.chunks[i]);
        match self.target.protocol {
            Protocol::GraphStore => gsp::body(chunk),
            Protocol::Update => {
                update::body(&graph.iri, chunk, request.chunk.unwrap_or(0) == 0).into_bytes()
            }
        }
    }

    /// The number of triples of every graph.
    pub fn triples(&self) -> usize {
        self.graphs.iter().map(GraphUpload::triples).sum()
    }

    /// Writes the plan for people: the store, one line per graph, every request, and the
    /// check that follows.
    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        let requests: Vec<Vec<Request>> = self.graphs.iter().map(|g| self.requests(g)).collect();
        writeln!(
            out,
            "Push {} ({} triples) to {} ({}), at most {} triples a request:",
            graphs(self.graphs.len()),
            thousands(self.triples()),
            self.target.url,
            self.target.protocol,
            thousands(self.chunk_size),
        )?;
        let mut rows = vec![vec![
            "graph".to_owned(),
            "triples".to_owned(),
            "requests".to_owned(),
            "IRI in the store".to_owned(),
        ]];
        for (graph, requests) in self.graphs.iter().zip(&requests) {
            rows.push(vec![
                graph.name.clone(),
                thousands(graph.triples()),
                requests.len().to_string(),
                graph.iri.as_str().to_owned(),
            ]);
        }
        table::align_right(&mut rows, &[1, 2]);
        let widths = table::widths(&rows);
        for row in &rows {
            writeln!(out, "  {}", table::line(row, &widths))?;
        }
        writeln!(out, "Requests, in order:")?;
        let mut n = 0;
        for (graph, requests) in self.graphs.iter().zip(&requests) {
            for request in requests {
                n += 1;
                writeln!(
                    out,
                    "  {n}. {} {} ({}; {} triples of {})",
                    request.method,
                    request.url,
                    request.action,
                    thousands(request.triples),
                    graph.name
                )?;
            }
        }
        if self.target.protocol == Protocol::Update {
            writeln!(
                out,
                "  {}. POST {} (MOVE each staging graph to its graph, in one request; {} names the staging graphs)",
                n + 1,
                self.target.url,
                super::staging::PREFIX
            )?;
        }
        match &self.verify_url {
            Some(url) => writeln!(
                out,
                "Then count each graph's triples through {url} (queries/internal/push-count.rq)."
            ),
            None => writeln!(
                out,
                "No query endpoint is given: the counts will not be checked."
            ),
        }
    }
}

/// "1 graph", "3 graphs".
pub fn graphs(n: usize) -> String {
    if n == 1 {
        "1 graph".to_owned()
    } else {
        format!("{n} graphs")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::Literal;

    fn plan(protocol: Protocol) -> Plan {
        let iri = |s: &str| NamedNode::new(format!("http://example.org/{s}")).unwrap();
        let triples = (0..5)
            .map(|n| Triple::new(iri("s"), iri("p"), Literal::from(n)))
            .collect();
        Plan {
            target: Target {
                protocol,
                url: "http://127.0.0.1:1/endpoint".parse().unwrap(),
            },
            graphs: vec![
                GraphUpload::new("facts", iri("graph/facts"), triples, 2),
                GraphUpload::new("empty", iri("graph/empty"), Vec::new(), 2),
            ],
            verify_url: None,
            chunk_size: 2,
        }
    }

    #[test]
    fn the_plan_lists_every_request() {
        let plan = plan(Protocol::GraphStore);
        let mut out = Vec::new();
        plan.write(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("Push 2 graphs (5 triples) to http://127.0.0.1:1/endpoint (SPARQL 1.1 Graph Store HTTP Protocol), at most 2 triples a request:"), "{text}");
        assert!(text.contains("  1. PUT http://127.0.0.1:1/endpoint?graph=http%3A%2F%2Fexample.org%2Fgraph%2Ffacts (replace the graph; 2 triples of facts)"), "{text}");
        assert!(text.contains("  3. POST http://127.0.0.1:1/endpoint?graph=http%3A%2F%2Fexample.org%2Fgraph%2Ffacts (add to the graph; 1 triples of facts)"), "{text}");
        assert!(text.contains("  4. PUT http://127.0.0.1:1/endpoint?graph=http%3A%2F%2Fexample.org%2Fgraph%2Fempty (replace the graph; 0 triples of empty)"), "{text}");
        assert!(text.contains("the counts will not be checked"), "{text}");
    }

    #[test]
    fn update_requests_drop_first() {
        let plan = plan(Protocol::Update);
        let graph = &plan.graphs[0];
        let requests = plan.requests(graph);
        assert_eq!(requests.len(), 3);
        let first = String::from_utf8(plan.body(graph, &requests[0])).unwrap();
        assert!(
            first.starts_with("DROP SILENT GRAPH <http://example.org/graph/facts>"),
            "{first}"
        );
        let second = String::from_utf8(plan.body(graph, &requests[1])).unwrap();
        assert!(!second.contains("DROP"), "{second}");
        let empty = &plan.graphs[1];
        let only = plan.requests(empty);
        assert_eq!(only.len(), 1);
        let text = String::from_utf8(plan.body(empty, &only[0])).unwrap();
        assert_eq!(
            text.trim(),
            "DROP SILENT GRAPH <http://example.org/graph/empty> ;"
        );
    }
}
