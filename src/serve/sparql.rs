//! The SPARQL 1.1 Protocol at `/sparql`, for queries only.
//!
//! - a query by GET (`?query=`), by POST of a form (`application/x-www-form-urlencoded`), or
//!   by POST of the query itself (`application/sparql-query`, other parameters in the URL);
//! - `default-graph-uri` and `named-graph-uri` replace the query's FROM and FROM NAMED;
//!   without them the default graph is the union of the named graphs;
//! - the answer's format by `?format=` or `Accept`: JSON, XML, CSV or TSV for SELECT and ASK,
//!   any RDF format for CONSTRUCT and DESCRIBE;
//! - a GET without a query gives the service description;
//! - statuses: 400 with the parser's message, 403 for an update (or a SERVICE call that is not
//!   allowed), 405, 406, 413, 415, 429 when the client's other queries stay at its limit
//!   (`--max-queries-per-client`), 503 when the query passes the time limit or the memory cap
//!   or the server is busy, 500 when the answer passes the size limit.

use super::clients::Client;
use super::formats;
use super::http::{self, Problem, Reply};
use super::{description, Job, RunError, State};
use crate::query::{ParseError, QueryError, QueryText};
use oxhttp::model::header::ACCEPT;
use oxhttp::model::{Body, Method, Request, StatusCode};
use std::time::Instant;

/// The parameters of a protocol request.
#[derive(Debug, Default, PartialEq, Eq)]
struct Params {
    query: Option<String>,
    update: bool,
    default_graphs: Vec<String>,
    named_graphs: Vec<String>,
    format: Option<String>,
}

impl Params {
    fn read(pairs: Vec<(String, String)>) -> Result<Self, Problem> {
        let mut params = Self::default();
        for (name, value) in pairs {
            match name.as_str() {
                "query" if params.query.is_some() => {
                    return Err(Problem::bad_request(
                        "the request gives 'query' twice; give one query",
                    ))
                }
                "query" => params.query = Some(value),
                "update" | "using-graph-uri" | "using-named-graph-uri" => params.update = true,
                "default-graph-uri" => params.default_graphs.push(value),
                "named-graph-uri" => params.named_graphs.push(value),
                "format" => params.format = Some(value),
                _ => {}
            }
        }
        Ok(params)
    }
}

/// Answers a request to `/sparql`.
pub fn handle(state: &State, request: &mut Request<Body>) -> Result<Reply, Problem> {
    let params = match *request.method() {
        Method::GET | Method::HEAD => Params::read(http::url_parameters(request))?,
        Method::POST => post_params(state, request)?,
        ref method => return Err(Problem::method_not_allowed(method.as_str(), "GET, POST")),
    };
    if params.update {
        return Err(Problem::read_only("SPARQL Update is not available"));
    }
    match params.query.clone() {
        Some(query) => answer(state, request, params, &query),
        None if request.method() == Method::POST => Err(Problem::bad_request(
            "no query: send it as the 'query' form field or as an application/sparql-query body",
        )),
        None => description::reply(state, request),
    }
}

/// The parameters of a POST: the form, or the query as the body and the others in the URL.
fn post_params(state: &State, request: &mut Request<Body>) -> Result<Params, Problem> {
    let limit = state.options.limits.max_body_bytes;
    match http::content_type(request).as_deref() {
        Some("application/x-www-form-urlencoded") => {
            let mut pairs = http::url_parameters(request);
            pairs.extend(http::form(&http::read_body(request, limit)?));
            Params::read(pairs)
        }
        Some("application/sparql-query") => {
            let mut params = Params::read(http::url_parameters(request))?;
            if params.query.is_some() {
                return Err(Problem::bad_request(
                    "the query is both in the body and in the URL; give it once",
                ));
            }
            params.query = Some(http::utf8(http::read_body(request, limit)?)?);
            Ok(params)
        }
        Some("application/sparql-update") => {
            Err(Problem::read_only("SPARQL Update is not available"))
        }
        other => Err(Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!(
                "a POST to /sparql must be application/x-www-form-urlencoded or application/sparql-query, not {}",
                other.unwrap_or("a body without a Content-Type")
            ),
        )),
    }
}

/// Whether a query returns RDF (CONSTRUCT, DESCRIBE) rather than solutions; parsed here for
/// its kind and for the parser's message (400), or 403 for an update.
pub fn returns_rdf(state: &State, query: &str) -> Result<bool, Problem> {
    if let Some(kind) = state.kinds.get(query) {
        return Ok(kind);
    }
    let prepared = QueryText {
        origin: "query",
        text: query,
        prefixes: &state.prefixes,
        bindings: &[],
    }
    .prepare()
    .map_err(|error| match error {
        QueryError::Parse(ParseError::Update { .. }) => {
            Problem::read_only("this is a SPARQL update, not a query")
        }
        other => Problem::bad_request(other.to_string()),
    })?;
    let rdf = matches!(
        prepared,
        spargebra::Query::Construct { .. } | spargebra::Query::Describe { .. }
    );
    state.kinds.insert(query, rdf);
    Ok(rdf)
}

/// The job of a query, with the server's limits.
pub fn job(state: &State, query: &str, format: &str) -> Job {
    let limits = &state.options.limits;
    Job {
        query: query.to_owned(),
        default_graphs: Vec::new(),
        named_graphs: Vec::new(),
        format: format.to_owned(),
        max_bytes: limits.max_result_bytes,
        timeout_ms: limits.timeout.as_millis() as u64,
        window: None,
    }
}

/// Chooses the format by `?format=` or `Accept`, and has the engine answer the query.
fn answer(
    state: &State,
    request: &Request<Body>,
    params: Params,
    query: &str,
) -> Result<Reply, Problem> {
    let accept = http::header(request, ACCEPT.as_str());
    let format = params.format.as_deref();
    let (media_type, format) = if returns_rdf(state, query)? {
        let (m, f) = formats::choose(
            format,
            accept,
            formats::GRAPHS,
            formats::graphs_by_name,
            formats::GRAPH_NAMES,
        )?;
        (m, f.name())
    } else {
        let (m, f) = formats::choose(
            format,
            accept,
            formats::SOLUTIONS,
            formats::solutions_by_name,
            formats::SOLUTION_NAMES,
        )?;
        (m, f.name())
    };
    let job = Job {
        default_graphs: params.default_graphs,
        named_graphs: params.named_graphs,
        ..job(state, query, format)
    };
    let bytes = run(state, request, &job)?;
    let mut reply = http::body(StatusCode::OK, media_type, bytes);
    http::set_header(&mut reply, "vary", "Accept");
    Ok(reply)
}

/// Has the engine answer `job`; a request from a connection counts against its client's limit
/// and is stopped when the client goes away ([`super::clients`]).
fn run(state: &State, request: &Request<Body>, job: &Job) -> Result<Vec<u8>, Problem> {
    let Some(client) = request.extensions().get::<Client>() else {
        return state
            .engine
            .run(&state.kg, &state.prefixes, job)
            .map_err(problem);
    };
    let limits = &state.options.limits;
    let started = Instant::now();
    let per_client = limits.max_queries_per_client;
    let _slot = state
        .clients
        .enter(client, per_client, started + limits.timeout)
        .map_err(|_| {
            let mut problem = Problem::new(
                StatusCode::TOO_MANY_REQUESTS,
                format!(
                    "this client ({}) already has {per_client} queries running, the limit of one client (--max-queries-per-client {per_client}), and none ended within {:.1} s; send fewer queries at once",
                    client.key,
                    started.elapsed().as_secs_f64()
                ),
            );
            problem.headers.push(("retry-after", "1".to_owned()));
            problem
        })?;
    state
        .engine
        .run_cancellable(&state.kg, &state.prefixes, job, &client.cancel)
        .map_err(problem)
}

/// The status of a query that has no answer.
pub fn problem(error: RunError) -> Problem {
    let message = error.to_string();
    match error {
        RunError::BadQuery(_) => Problem::bad_request(message),
        RunError::Forbidden(_) => Problem::new(StatusCode::FORBIDDEN, message),
        RunError::Timeout { .. } | RunError::Busy { .. } | RunError::OutOfMemory { .. } => {
            Problem::unavailable(message, 1)
        }
        RunError::TooLarge { .. } | RunError::Failed(_) => {
            Problem::new(StatusCode::INTERNAL_SERVER_ERROR, message)
        }
        RunError::Service(_) => Problem::new(StatusCode::BAD_GATEWAY, message),
    }
}
