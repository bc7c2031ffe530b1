//! Linked Data: every IRI of the data answers at its path, and so does the ontology.
//!
//! The path of a resource is its IRI relative to the base: with the base
//! `http://127.0.0.1:7878/` (the default of `cica-kg serve`), `<http://127.0.0.1:7878/summit/6>`
//! is `/summit/6`. A GET of that path answers **200** with the description of the resource in
//! the format the `Accept` header prefers (HTML for browsers; Turtle, N-Triples, JSON-LD or
//! RDF/XML for programs), with `Vary: Accept`, a `Content-Location` naming the document that
//! was sent (`/summit/6.ttl`; the 2012 resolution of httpRange-14 allows a 200 for a thing
//! that is not a document when the response says which document it is), and `Link` headers to
//! the other formats. Each document also answers at its own path: `/summit/6.html`, `.ttl`,
//! `.nt`, `.jsonld`, `.rdf`.
//!
//! The description holds every triple with the resource as subject and every triple that
//! points at it (`queries/internal/serve-describe.rq`). The IRI of a named graph is sent to
//! the graph store (303). The ontology answers at `/ontology` (its terms are fragments of it:
//! `/ontology#Summit`), as HTML or RDF the same way.

use super::http::{self, Problem, Reply};
use super::pages;
use super::State;
use crate::rdf::export::{self, ExportFormat};
use crate::rdf::jsonld::JsonLdForm;
use crate::rdf::present::{self, Presentation};
use crate::vocab::GraphKind;
use oxhttp::model::header::ACCEPT;
use oxhttp::model::{Body, Request, StatusCode};
use oxigraph::model::{GraphName, NamedNode, Quad};

/// The documents of a resource: extension, media type, format (`None` for HTML).
const DOCUMENTS: &[(&str, &str, Option<ExportFormat>)] = &[
    ("html", "text/html; charset=utf-8", None),
    ("ttl", "text/turtle", Some(ExportFormat::Turtle)),
    ("nt", "application/n-triples", Some(ExportFormat::Ntriples)),
    ("jsonld", "application/ld+json", Some(ExportFormat::Jsonld)),
    ("rdf", "application/rdf+xml", Some(ExportFormat::Rdfxml)),
];

/// What a client may ask for by `Accept`, and the document (extension) that answers it.
const OFFERS: &[(&str, &str)] = &[
    ("text/html", "html"),
    ("text/turtle", "ttl"),
    ("application/n-triples", "nt"),
    ("application/ld+json", "jsonld"),
    ("application/rdf+xml", "rdf"),
    ("application/x-turtle", "ttl"),
    ("text/plain", "nt"),
    ("application/json", "jsonld"),
    // Last among the application/ types, so that `Accept: application/*` (a program's) gets
    // data, not a page.
    ("application/xhtml+xml", "html"),
];

/// How a resource is shown as HTML.
enum Page {
    /// The ontology page.
    Ontology,
    /// The page of a resource of the data.
    Resource(NamedNode),
}

/// Answers a GET of a path that is not a page or an endpoint: a resource of the data, or 404.
pub fn resource(state: &State, request: &Request<Body>, path: &str) -> Result<Reply, Problem> {
    let (stem, extension) = split_document(path);
    let local = stem.trim_start_matches('/');
    let Ok(iri) = NamedNode::new(format!("{}{local}", state.iris().base())) else {
        return Err(Problem::not_found(path));
    };
    if let Some(kind) = GraphKind::ALL
        .into_iter()
        .find(|k| state.iris().graph(*k) == iri)
    {
        let query = http::encode(&[("graph", state.iris().graph(kind).as_str())]);
        return Ok(http::redirect(
            StatusCode::SEE_OTHER,
            &format!("/store?{query}"),
        ));
    }
    // Whether it is there, without its description: the CICA's is 23,000 triples with
    // 80,000 statements, and its page for people does not read it.
    if state
        .internal("serve-is-resource", &[("entity", iri.clone().into())])?
        .is_empty()
    {
        return Err(Problem::not_found(path));
    }
    let description = || -> Result<Vec<Quad>, Problem> {
        let triples = state.internal_graph("serve-describe", &[("entity", iri.clone().into())])?;
        Ok(triples
            .into_iter()
            .map(|t| t.in_graph(GraphName::DefaultGraph))
            .collect())
    };
    document(
        state,
        request,
        stem,
        extension,
        Page::Resource(iri.clone()),
        description,
    )
}

/// Answers `/ontology` and its documents.
pub fn ontology(state: &State, request: &Request<Body>, path: &str) -> Result<Reply, Problem> {
    let (stem, extension) = split_document(path);
    let quads = || -> Result<Vec<Quad>, Problem> {
        Ok(state
            .kg
            .quads(&[GraphKind::Ontology])
            .map_err(|e| Problem::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
            .into_iter()
            .map(|q| Quad::new(q.subject, q.predicate, q.object, GraphName::DefaultGraph))
            .collect())
    };
    document(state, request, stem, extension, Page::Ontology, quads)
}

/// Whether `path` is the ontology or one of its documents.
pub fn is_ontology(path: &str) -> bool {
    split_document(path).0 == "/ontology"
}

/// `/summit/6.ttl` is the document `ttl` of `/summit/6`; other paths are resources.
fn split_document(path: &str) -> (&str, Option<&'static str>) {
    if let Some((stem, extension)) = path.rsplit_once('.') {
        if let Some((ext, _, _)) = DOCUMENTS.iter().find(|(e, _, _)| *e == extension) {
            return (stem, Some(*ext));
        }
    }
    (path, None)
}

/// The document of a resource: the one its path names, else the one `Accept` prefers.
fn document(
    state: &State,
    request: &Request<Body>,
    stem: &str,
    extension: Option<&'static str>,
    page: Page,
    quads: impl FnOnce() -> Result<Vec<Quad>, Problem>,
) -> Result<Reply, Problem> {
    let chosen = match extension {
        Some(extension) => extension,
        None => {
            let accept = http::header(request, ACCEPT.as_str());
            super::negotiate::choose(accept, OFFERS)
                .map(|(_, e)| *e)
                .ok_or_else(|| {
                    Problem::not_acceptable(&OFFERS.iter().map(|(m, _)| *m).collect::<Vec<_>>())
                })?
        }
    };
    let (_, media_type, format) = DOCUMENTS
        .iter()
        .find(|(e, _, _)| *e == chosen)
        .expect("every offer names a document");
    let mut reply = match (format, page) {
        (None, Page::Ontology) => pages::ontology::page(state)?,
        (None, Page::Resource(iri)) => {
            pages::resource(state, &iri, &http::url_parameters(request))?
        }
        (Some(format), page) => {
            // As `cica-kg export` writes them: Turtle with its header, sorted prefixes and a
            // blank line between subjects; JSON-LD compact with the export's context.
            let mut quads = quads()?;
            export::sort(&mut quads, &[]);
            let what = match &page {
                Page::Ontology => "the ontology".to_owned(),
                Page::Resource(iri) => format!("the description of <{}>", iri.as_str()),
            };
            let presentation = Presentation {
                what: &what,
                jsonld: JsonLdForm::Compact,
            };
            let mut bytes = Vec::new();
            present::write(
                state.kg.facts(),
                state.iris(),
                quads,
                *format,
                presentation,
                &mut bytes,
            )
            .map_err(|e| Problem::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
            http::body(StatusCode::OK, media_type, bytes)
        }
    };
    if extension.is_none() {
        http::set_header(&mut reply, "content-location", &format!("{stem}.{chosen}"));
        http::set_header(&mut reply, "vary", "Accept");
    }
    let links: Vec<String> = DOCUMENTS
        .iter()
        .map(|(e, m, _)| {
            let media = m.split(';').next().unwrap_or(m);
            format!("<{stem}.{e}>; rel=\"alternate\"; type=\"{media}\"")
        })
        .collect();
    http::set_header(&mut reply, "link", &links.join(", "));
    Ok(reply)
}
