//! The HTTP handler: one plain function from a request to a response, so that the whole
//! server can be tested in-process. It routes by path (the endpoints, the pages, then the
//! Linked Data resources), turns a [`Problem`] into its response, adds the CORS headers when
//! they are enabled, answers OPTIONS, and sends no body for HEAD (but the `Content-Length`
//! that GET would). A URL that is not UTF-8 once percent-decoded is refused (400) before it
//! is routed.

use super::http::{self, Problem, Reply};
use super::{ld, pages, sparql, store, State};
use oxhttp::model::{Body, Method, Request, StatusCode};

/// Answers one request: the whole server, in-process (the connections, the worker processes
/// and the log are [`serve`](super::serve)'s).
///
/// ```
/// use cica_kg::facts::DataSource;
/// use cica_kg::rdf::KnowledgeGraph;
/// use cica_kg::serve::{self, Engine, Options, Services, State};
/// use cica_kg::vocab::Iris;
/// use oxhttp::model::{Body, Request};
///
/// let iris = Iris::new("http://127.0.0.1:7878/")?;
/// let kg = KnowledgeGraph::load(&DataSource::Embedded, iris)?;
/// let engine = Engine::in_process(Services::default());
/// let state = State::new(kg, engine, Options::default())?;
/// let ask = "ASK { <http://127.0.0.1:7878/summit/6> a ?class }";
/// let mut request = Request::builder()
///     .uri("http://127.0.0.1:7878/sparql")
///     .header("content-type", "application/sparql-query")
///     .header("accept", "application/sparql-results+json")
///     .method("POST")
///     .body(Body::from(ask))?;
/// let reply = serve::handle(&state, &mut request);
/// assert_eq!(reply.status().as_u16(), 200);
/// assert!(reply.into_body().to_string()?.contains("\"boolean\":true"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn handle(state: &State, request: &mut Request<Body>) -> Reply {
    let mut reply = if request.method() == Method::OPTIONS {
        options(state)
    } else {
        http::check_url(request)
            .and_then(|()| loaded(state, request))
            .and_then(|()| route(state, request))
            .unwrap_or_else(|problem| {
                if problem.status == StatusCode::NOT_FOUND && wants_html(request) {
                    pages::not_found(state, request.uri().path(), &problem.message)
                } else {
                    problem.into_reply()
                }
            })
    };
    if state.options.cors {
        http::set_header(&mut reply, "access-control-allow-origin", "*");
        http::set_header(
            &mut reply,
            "access-control-expose-headers",
            "Content-Location, Link, Vary",
        );
    }
    if request.method() == Method::HEAD {
        // The length GET would send, without the body.
        let length = std::mem::take(reply.body_mut())
            .to_vec()
            .map_or(0, |b| b.len());
        http::set_header(&mut reply, "content-length", &length.to_string());
    }
    reply
}

/// Waits, but for the home page once it is rendered ([`State::warm_home`]), until the
/// server's graph holds everything (see [`State::with_pending`]).
fn loaded(state: &State, request: &Request<Body>) -> Result<(), Problem> {
    let home =
        request.uri().path() == "/" && matches!(*request.method(), Method::GET | Method::HEAD);
    if home && state.home.get().is_some() {
        return Ok(());
    }
    state.loading.wait()
}

/// The response to a request, or why there is none.
fn route(state: &State, request: &mut Request<Body>) -> Result<Reply, Problem> {
    let path = request.uri().path().to_owned();
    match path.as_str() {
        "/sparql" => return sparql::handle(state, request),
        "/store" => return store::handle(state, request),
        _ => {}
    }
    match *request.method() {
        Method::GET | Method::HEAD => {}
        Method::PUT | Method::POST | Method::DELETE | Method::PATCH => {
            return Err(Problem::read_only(&format!("{path} cannot be written")))
        }
        ref method => return Err(Problem::method_not_allowed(method.as_str(), "GET")),
    }
    match path.as_str() {
        "/" => pages::home::page(state),
        "/query" => pages::query::page(state, &http::url_parameters(request)),
        "/search" => pages::search::page(state, &http::url_parameters(request)),
        "/entities" => pages::lists::class_page(state, &http::url_parameters(request)),
        "/sources" => pages::lists::sources_page(state, &http::url_parameters(request)),
        _ if ld::is_ontology(&path) => ld::ontology(state, request, &path),
        _ => ld::resource(state, request, &path),
    }
}

/// Whether the client is a browser: its `Accept` names HTML.
fn wants_html(request: &Request<Body>) -> bool {
    http::header(request, "accept").is_some_and(|accept| accept.contains("text/html"))
}

/// OPTIONS: the methods, and with CORS what a cross-origin request may send.
fn options(state: &State) -> Reply {
    let mut reply = http::text(StatusCode::NO_CONTENT, String::new());
    http::set_header(&mut reply, "allow", "GET, HEAD, POST, OPTIONS");
    if state.options.cors {
        http::set_header(
            &mut reply,
            "access-control-allow-methods",
            "GET, HEAD, POST, OPTIONS",
        );
        http::set_header(
            &mut reply,
            "access-control-allow-headers",
            "Accept, Content-Type",
        );
        http::set_header(&mut reply, "access-control-max-age", "86400");
    }
    reply
}
