//! `cica-kg push`: sends named graphs into a triple store that people already run, over the
//! W3C protocols every store speaks, and checks afterwards that the store holds what was sent.
//!
//! - [`plan`]: what will be sent: each graph's triples cut into bounded requests (a
//!   [`Plan`], printed by a dry run);
//! - [`gsp`]: the SPARQL 1.1 Graph Store HTTP Protocol: the first request of a graph is a PUT
//!   (it replaces the graph), any further one a POST (it adds to it), each with an N-Triples
//!   body;
//! - [`update`]: SPARQL 1.1 Update for stores without it: `DROP SILENT GRAPH` then `INSERT
//!   DATA`, written by spargebra's update algebra;
//! - [`verify`]: counts each graph's triples through the store's query endpoint with
//!   `queries/internal/push-count.rq`, the graph bound by substitution;
//! - [`http`]: one request with Oxigraph's HTTP client (TLS by rustls), the credentials, the
//!   timeout, and the retries with backoff (connection errors and 5xx answers, never 4xx).
//!
//! A push is idempotent: every graph is replaced, so pushing twice leaves the same triples.
//! When a request of a graph fails in a way worth retrying, the whole graph is sent again
//! from its first request, so that the graph ends up exactly as planned even when the store
//! had applied part of a failed attempt.

mod auth;
mod chunk;
pub mod gsp;
mod http;
pub mod plan;
pub mod update;
pub mod verify;

pub use auth::Credentials;
pub use http::parse_url;
pub use plan::{GraphUpload, Plan, Request};

use crate::query::QueryError;
use http::{Client, Failure};
use oxhttp::model::Uri;
use std::fmt;
use std::time::{Duration, Instant};

/// The protocol a store is written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// SPARQL 1.1 Graph Store HTTP Protocol (Oxigraph's `/store`, Virtuoso's
    /// `/sparql-graph-crud`).
    GraphStore,
    /// SPARQL 1.1 Update (Oxigraph's `/update`, Virtuoso's `/sparql`).
    Update,
}

impl Protocol {
    /// The number of triples a request carries unless told otherwise: large requests for the
    /// Graph Store Protocol (few requests, the store parses N-Triples fast), smaller ones for
    /// SPARQL Update (some stores parse long updates slowly).
    pub fn default_chunk_size(self) -> usize {
        match self {
            Self::GraphStore => 100_000,
            Self::Update => 5_000,
        }
    }
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::GraphStore => "SPARQL 1.1 Graph Store HTTP Protocol",
            Self::Update => "SPARQL 1.1 Update",
        })
    }
}

/// Where the graphs go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The protocol.
    pub protocol: Protocol,
    /// The endpoint: the Graph Store Protocol's service URL or the SPARQL Update endpoint.
    pub url: Uri,
}

/// How to talk to the store.
#[derive(Debug, Clone)]
pub struct Connection {
    /// Sent with every request, if given.
    pub credentials: Option<Credentials>,
    /// Bounds connecting and each wait for the store to accept or answer.
    pub timeout: Duration,
    /// How many times a failed graph or count is tried again (connection errors, 5xx).
    pub retries: u32,
}

/// Why a push could not be done. (A count that differs from what was sent is not an error:
/// it is in the [`Report`].)
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    /// A URL that cannot be used.
    #[error("'{url}' {why}")]
    Url {
        /// The URL as given.
        url: String,
        /// What is wrong.
        why: String,
    },
    /// The store refused a request (a 4xx answer, never retried).
    #[error("{what}: {url} answered HTTP {status}{}", excerpt_suffix(.excerpt))]
    Refused {
        /// What was being done.
        what: String,
        /// Where it was sent.
        url: String,
        /// The HTTP status code.
        status: u16,
        /// The start of the answer's body.
        excerpt: String,
        /// The authentication scheme a 401 asks for, such as `Digest`.
        challenge: Option<String>,
    },
    /// A request that cannot succeed as it is (a redirect, a bad URL, an answer that is not
    /// SPARQL results).
    #[error("{what}: {url}: {why}")]
    Failed {
        /// What was being done.
        what: String,
        /// Where it was sent.
        url: String,
        /// What went wrong and what to do.
        why: String,
    },
    /// Connection errors or 5xx answers, as many times as allowed.
    #[error("{what}: {url}: {reason} (gave up after {attempts} attempts)")]
    GaveUp {
        /// What was being done.
        what: String,
        /// Where it was sent.
        url: String,
        /// How many attempts were made.
        attempts: u32,
        /// The last failure.
        reason: String,
    },
    /// The count query could not be prepared (a defect of the program).
    #[error(transparent)]
    Query(#[from] QueryError),
}

fn excerpt_suffix(excerpt: &str) -> String {
    if excerpt.is_empty() {
        String::new()
    } else {
        format!(": {excerpt}")
    }
}

/// Hears how a push goes, to show progress.
pub trait Progress {
    /// A request of `graph` was answered; `sent` of its triples are in the store so far.
    fn sent(&mut self, _graph: &GraphUpload, _sent: usize) {}
    /// `what` failed with `reason` and is tried again after `wait` (attempt `attempt` of
    /// `attempts`).
    fn retrying(
        &mut self,
        _what: &str,
        _reason: &str,
        _attempt: u32,
        _attempts: u32,
        _wait: Duration,
    ) {
    }
    /// A graph is in the store.
    fn uploaded(&mut self, _graph: &GraphUpload, _report: &GraphReport) {}
}

/// A [`Progress`] that shows nothing.
pub struct Quiet;

impl Progress for Quiet {}

/// What happened to one graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphReport {
    /// Its name for people (`facts`).
    pub name: String,
    /// Its IRI in the store.
    pub iri: String,
    /// How many triples were sent.
    pub sent: usize,
    /// How many requests it took (retries included).
    pub requests: usize,
    /// From its first request to its last answer (retries included).
    pub elapsed: Duration,
    /// How many triples the store holds in it afterwards, when counted.
    pub stored: Option<u64>,
}

impl GraphReport {
    /// Whether the store was counted and holds another number of triples than was sent.
    pub fn mismatch(&self) -> bool {
        self.stored.is_some_and(|stored| stored != self.sent as u64)
    }
}

/// What a push did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Each graph, in the order sent.
    pub graphs: Vec<GraphReport>,
    /// The time all the uploads took.
    pub upload: Duration,
    /// The time the counts took, when counted.
    pub verify: Option<Duration>,
}

/// Sends every graph of `plan`, then counts them through `plan.verify_url` if there is one.
pub fn push(
    plan: &Plan,
    connection: &Connection,
    progress: &mut dyn Progress,
) -> Result<Report, PushError> {
    let client = Client::new(connection)?;
    let started = Instant::now();
    let mut graphs = Vec::with_capacity(plan.graphs.len());
    for graph in &plan.graphs {
        let report = upload(plan, graph, &client, connection.retries, progress)?;
        progress.uploaded(graph, &report);
        graphs.push(report);
    }
    let upload = started.elapsed();
    let verify = match &plan.verify_url {
        Some(url) => {
            let started = Instant::now();
            for (graph, report) in plan.graphs.iter().zip(&mut graphs) {
                let what = format!(
                    "counting the triples of graph {} <{}>",
                    graph.name,
                    graph.iri.as_str()
                );
                let count = retry(&what, url, connection.retries, progress, |_| {
                    verify::count(&client, url, &graph.iri)
                })?;
                report.stored = Some(count);
            }
            Some(started.elapsed())
        }
        None => None,
    };
    Ok(Report {
        graphs,
        upload,
        verify,
    })
}

/// Sends one graph, all its requests, trying the whole graph again after a retryable failure.
fn upload(
    plan: &Plan,
    graph: &GraphUpload,
    client: &Client,
    retries: u32,
    progress: &mut dyn Progress,
) -> Result<GraphReport, PushError> {
    let what = format!("sending graph {} <{}>", graph.name, graph.iri.as_str());
    let started = Instant::now();
    let requests = plan.requests(graph);
    let url = requests
        .first()
        .map(|r| r.url.clone())
        .unwrap_or_else(|| plan.target.url.clone());
    let mut sent_requests = 0;
    let sent = retry(&what, &url, retries, progress, |progress| {
        let mut sent = 0;
        for request in &requests {
            sent_requests += 1;
            let body = plan.body(graph, request);
            client.send(
                &request.method,
                &request.url,
                request.content_type,
                None,
                body,
            )?;
            sent += request.triples;
            progress.sent(graph, sent);
        }
        Ok(sent)
    })?;
    Ok(GraphReport {
        name: graph.name.clone(),
        iri: graph.iri.as_str().to_owned(),
        sent,
        requests: sent_requests,
        elapsed: started.elapsed(),
        stored: None,
    })
}

/// Runs `call` until it succeeds, fails for good, or has failed `retries + 1` times.
fn retry<T>(
    what: &str,
    url: &Uri,
    retries: u32,
    progress: &mut dyn Progress,
    mut call: impl FnMut(&mut dyn Progress) -> Result<T, Failure>,
) -> Result<T, PushError> {
    let attempts = retries + 1;
    let mut attempt = 1;
    loop {
        match call(progress) {
            Ok(value) => return Ok(value),
            Err(Failure::Retry(reason)) if attempt < attempts => {
                let wait = backoff(attempt);
                progress.retrying(what, &reason, attempt, attempts, wait);
                std::thread::sleep(wait);
                attempt += 1;
            }
            Err(failure) => return Err(failure.into_error(what, &url.to_string(), attempts)),
        }
    }
}

/// The wait before attempt `attempt + 1`: half a second, doubling each time, at most 8 s.
fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(500 << attempt.saturating_sub(1).min(4))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_a_bound() {
        let waits: Vec<u64> = (1..=7).map(|a| backoff(a).as_millis() as u64).collect();
        assert_eq!(waits, [500, 1000, 2000, 4000, 8000, 8000, 8000]);
    }

    #[test]
    fn a_mismatch_needs_a_count() {
        let mut report = GraphReport {
            name: "facts".into(),
            iri: "http://example.org/g".into(),
            sent: 3,
            requests: 1,
            elapsed: Duration::ZERO,
            stored: None,
        };
        assert!(!report.mismatch());
        report.stored = Some(3);
        assert!(!report.mismatch());
        report.stored = Some(2);
        assert!(report.mismatch());
    }
}
