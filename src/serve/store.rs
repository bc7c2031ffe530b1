//! The SPARQL 1.1 Graph Store HTTP Protocol at `/store`, read-only:
//!
//! - `GET /store?graph=IRI`: one named graph (`graph/facts`, `graph/provenance`,
//!   `graph/ontology`), in any RDF format;
//! - `GET /store?default`: the default graph, which here (as for queries) is the union of the
//!   named graphs;
//! - `GET /store`: the whole dataset, with its named graphs, as N-Quads or TriG.
//!
//! PUT, POST, DELETE and PATCH answer 403: the graph is built from the facts.

use super::formats::{self, DATASETS, GRAPHS};
use super::http::{self, Problem, Reply};
use super::State;
use crate::rdf::export;
use crate::vocab::GraphKind;
use oxhttp::model::header::ACCEPT;
use oxhttp::model::{Body, Method, Request, StatusCode};
use oxigraph::model::{GraphName, Quad};

/// Which part of the dataset a request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Graph(GraphKind),
    Default,
    Dataset,
}

/// Answers a request to `/store`.
pub fn handle(state: &State, request: &mut Request<Body>) -> Result<Reply, Problem> {
    match *request.method() {
        Method::GET | Method::HEAD => {}
        Method::PUT | Method::POST | Method::DELETE | Method::PATCH => {
            return Err(Problem::read_only("the graph store cannot be written"))
        }
        ref method => return Err(Problem::method_not_allowed(method.as_str(), "GET")),
    }
    let params = http::url_parameters(request);
    let target = target(state, &params)?;
    let format = params
        .iter()
        .find(|(n, _)| n == "format")
        .map(|(_, v)| v.as_str());
    let accept = http::header(request, ACCEPT.as_str());
    let (offers, names) = match target {
        Target::Dataset => (DATASETS, "nquads, trig"),
        _ => (GRAPHS, formats::GRAPH_NAMES),
    };
    let (media_type, format) =
        formats::choose(format, accept, offers, formats::graphs_by_name, names)?;
    let quads = quads(state, target)?;
    let mut bytes = Vec::new();
    export::write(&quads, format, &state.prefixes, &mut bytes)
        .map_err(|e| Problem::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    let mut reply = http::body(StatusCode::OK, media_type, bytes);
    http::set_header(&mut reply, "vary", "Accept");
    Ok(reply)
}

/// The target named by `graph=IRI` or `default`, or the dataset.
fn target(state: &State, params: &[(String, String)]) -> Result<Target, Problem> {
    let graph = params.iter().find(|(n, _)| n == "graph").map(|(_, v)| v);
    let default = params.iter().any(|(n, _)| n == "default");
    match (graph, default) {
        (Some(_), true) => Err(Problem::bad_request(
            "give either ?graph=IRI or ?default, not both",
        )),
        (None, true) => Ok(Target::Default),
        (None, false) => Ok(Target::Dataset),
        (Some(iri), false) => GraphKind::ALL
            .into_iter()
            .find(|kind| state.iris().graph(*kind).as_str() == iri)
            .map(Target::Graph)
            .ok_or_else(|| {
                let names: Vec<String> = GraphKind::ALL
                    .iter()
                    .map(|k| format!("<{}>", state.iris().graph(*k).as_str()))
                    .collect();
                Problem::new(
                    StatusCode::NOT_FOUND,
                    format!(
                        "there is no graph <{iri}> here; the named graphs are {}",
                        names.join(", ")
                    ),
                )
            }),
    }
}

/// The quads of the target: a graph's in its default graph, the dataset's in their graphs.
fn quads(state: &State, target: Target) -> Result<Vec<Quad>, Problem> {
    let failed =
        |e: crate::rdf::StoreError| Problem::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string());
    let quads = match target {
        Target::Dataset => return state.kg.quads(&GraphKind::ALL).map_err(failed),
        Target::Default => state.kg.quads(&GraphKind::ALL).map_err(failed)?,
        Target::Graph(kind) => state.kg.quads(&[kind]).map_err(failed)?,
    };
    let mut quads: Vec<Quad> = quads
        .into_iter()
        .map(|q| Quad::new(q.subject, q.predicate, q.object, GraphName::DefaultGraph))
        .collect();
    export::sort(&mut quads, &[]);
    Ok(quads)
}
