//! The service description of the endpoint (SPARQL 1.1 Service Description), given on a GET
//! of `/sparql` without a query: the endpoint, the query language, the result formats, that
//! the default graph is the union of the named graphs, and each named graph with its number of
//! triples (VoID). The endpoint's IRI is the server's base (`--base`, or the address it
//! listens on) followed by `sparql`. A browser that prefers HTML gets a page that explains the endpoint.

use super::formats;
use super::http::{self, Problem, Reply};
use super::State;
use crate::rdf::export;
use crate::vocab::{rdf, sd, void};
use oxhttp::model::header::ACCEPT;
use oxhttp::model::{Body, Request, StatusCode};
use oxigraph::model::{
    BlankNode, GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term,
};

/// The W3C format IRIs of the formats the endpoint writes.
const RESULT_FORMATS: &[&str] = &[
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "N-Quads",
    "TriG",
    "RDF_XML",
    "JSON-LD",
];

/// The description, in the format the client accepts.
pub fn reply(state: &State, request: &Request<Body>) -> Result<Reply, Problem> {
    let accept = http::header(request, ACCEPT.as_str());
    let mut offers: Vec<(&'static str, Option<crate::rdf::export::ExportFormat>)> =
        vec![("text/html", None)];
    offers.extend(formats::GRAPHS.iter().map(|(m, f)| (*m, Some(*f))));
    // HTML is offered last, so that a client without a preference gets Turtle.
    offers.rotate_left(1);
    let (media_type, format) = formats::choose(None, accept, &offers, |_| None, "")?;
    let Some(format) = format else {
        return Ok(super::pages::endpoint::page(state));
    };
    // The server's own base (--base, or the address it listens on), never the request's Host
    // header, which a client chooses.
    let endpoint = NamedNode::new_unchecked(format!("{}sparql", state.iris().base()));
    let mut prefixes = vec![
        (sd::PREFIX.to_owned(), sd::NAMESPACE.to_owned()),
        ("formats".to_owned(), sd::FORMATS.to_owned()),
        (void::PREFIX.to_owned(), void::NAMESPACE.to_owned()),
    ];
    prefixes.extend(state.prefixes.iter().cloned());
    let mut bytes = Vec::new();
    export::write(&quads(state, &endpoint), format, &prefixes, &mut bytes)
        .map_err(|e| Problem::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    let mut reply = http::body(StatusCode::OK, media_type, bytes);
    http::set_header(&mut reply, "vary", "Accept");
    Ok(reply)
}

/// The triples of the description of `endpoint`.
pub fn quads(state: &State, endpoint: &NamedNode) -> Vec<Quad> {
    let mut quads = Vec::new();
    let mut add = |s: NamedOrBlankNode, p: NamedNodeRef<'_>, o: Term| {
        quads.push(Quad::new(s, p.into_owned(), o, GraphName::DefaultGraph));
    };
    let service = NamedOrBlankNode::from(endpoint.clone());
    add(service.clone(), rdf::TYPE, sd::SERVICE.into_owned().into());
    add(service.clone(), sd::ENDPOINT, endpoint.clone().into());
    add(
        service.clone(),
        sd::SUPPORTED_LANGUAGE,
        sd::SPARQL11_QUERY.into_owned().into(),
    );
    for format in RESULT_FORMATS {
        add(
            service.clone(),
            sd::RESULT_FORMAT,
            sd::format(format).into(),
        );
    }
    add(
        service.clone(),
        sd::FEATURE,
        sd::UNION_DEFAULT_GRAPH.into_owned().into(),
    );
    if !state.options.services.is_empty() {
        add(
            service.clone(),
            sd::FEATURE,
            sd::BASIC_FEDERATED_QUERY.into_owned().into(),
        );
    }
    let dataset = NamedOrBlankNode::from(BlankNode::default());
    add(service, sd::DEFAULT_DATASET, dataset.clone().into());
    add(dataset.clone(), rdf::TYPE, sd::DATASET.into_owned().into());
    let default = NamedOrBlankNode::from(BlankNode::default());
    add(dataset.clone(), sd::DEFAULT_GRAPH, default.clone().into());
    add(default, rdf::TYPE, sd::GRAPH_CLASS.into_owned().into());
    for (name, triples) in state.graph_sizes() {
        let named = NamedOrBlankNode::from(BlankNode::default());
        let graph = NamedOrBlankNode::from(BlankNode::default());
        add(dataset.clone(), sd::NAMED_GRAPH, named.clone().into());
        add(
            named.clone(),
            rdf::TYPE,
            sd::NAMED_GRAPH_CLASS.into_owned().into(),
        );
        add(named.clone(), sd::NAME, name.clone().into());
        add(named, sd::GRAPH, graph.clone().into());
        add(
            graph.clone(),
            rdf::TYPE,
            sd::GRAPH_CLASS.into_owned().into(),
        );
        add(graph, void::TRIPLES, Literal::from(*triples as i64).into());
    }
    quads
}
