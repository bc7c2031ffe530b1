//! `cica-kg push`: sends named graphs into a triple store that people already run, over the
//! W3C protocols every store speaks, and checks afterwards that the store holds what was sent.
//!
//! - `plan`: what will be sent: each graph's triples cut into bounded requests (a
//!   [`Plan`], printed by a dry run);
//! - `gsp`: the SPARQL 1.1 Graph Store HTTP Protocol: the first request of a graph is a PUT
//!   (it replaces the graph), any further one a POST (it adds to it), each with an N-Triples
//!   body;
//! - `update`: SPARQL 1.1 Update for stores without it: `DROP SILENT GRAPH` then `INSERT
//!   DATA`, written by spargebra's update algebra;
//! - `verify`: counts each graph's triples through the store's query endpoint with
//!   `queries/internal/push-count.rq`, the graph bound by substitution;
//! - `http`: one request with ureq (TLS by rustls), the credentials, the timeout over the
//!   whole exchange, the answer cap ([`ANSWER_CAP`]), all on the calling thread;
//! - `resolver`: the host name's lookup, on the calling thread too;
//! - `flow`: the order of a push, per protocol (graph by graph, or staged then swapped);
//! - `send`: one graph's requests, chunks halved when the store finds them too large, and
//!   the retries with backoff (connection errors and 5xx answers, never 4xx);
//! - `staging`: with SPARQL Update, the staging graphs and the one request that moves them
//!   into place, so that a failed push leaves every graph as it was;
//! - `shown`: what is shown of a store's answer and of a URL (escaped, short, no password).
//!
//! A push is idempotent: every graph is replaced, so pushing twice leaves the same triples.
//! The Graph Store Protocol has no transaction across requests: a push that fails half-way
//! says which graphs were already replaced.

mod auth;
mod chunk;
#[cfg(test)]
mod exchange_tests;
mod flow;
pub(crate) mod gsp;
mod http;
pub(crate) mod plan;
mod resolver;
mod send;
mod shown;
pub(crate) mod staging;
pub(crate) mod update;
pub(crate) mod verify;

pub use auth::Credentials;
pub use http::parse_url;
pub use plan::{graphs, GraphUpload, Plan, Request};

use crate::input::Cap;
use crate::query::QueryError;
use flow::{push_graph_store, push_staged};
use http::Client;
use send::retry;
use std::fmt;
use std::time::{Duration, Instant};
use ureq::http::Uri;

/// The largest answer read from the store, 1 MiB: an answer to a push is a status line or a
/// count, thousands of times smaller. A larger one is an error (the wrong URL, or a
/// misbehaving store), read no further.
pub const ANSWER_CAP: Cap = Cap(1 << 20);

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
    /// Bounds each request's whole exchange: connecting, sending, reading the whole answer.
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
    /// A Graph Store Protocol push that failed after it had begun to replace graphs.
    #[error("{error}; the Graph Store Protocol has no transaction across requests: {}", replaced_note(.replaced, .failed))]
    Incomplete {
        /// Why it failed.
        error: Box<PushError>,
        /// The graphs already replaced, as `name <IRI>`.
        replaced: Vec<String>,
        /// The graph being sent, as `name <IRI>`, if the store took a request of it.
        failed: Option<String>,
    },
    /// A SPARQL Update push that failed before its swap, or in it: the target graphs were
    /// not changed (or, for a failed swap, are as the store's transactions leave them).
    #[error("{error}; {}", staged_note(*.swapping, .cleanup, .staging))]
    NotApplied {
        /// Why it failed.
        error: Box<PushError>,
        /// Whether the swap itself failed.
        swapping: bool,
        /// Whether the staging graphs were dropped, or why not.
        cleanup: Result<(), String>,
        /// The staging graphs' IRIs.
        staging: Vec<String>,
    },
}

impl PushError {
    /// The failure itself, under what a half-done push adds to it.
    pub fn cause(&self) -> &PushError {
        match self {
            Self::Incomplete { error, .. } | Self::NotApplied { error, .. } => error.cause(),
            other => other,
        }
    }
}

fn replaced_note(replaced: &[String], failed: &Option<String>) -> String {
    let mut note = if replaced.is_empty() {
        "no graph was replaced".to_owned()
    } else {
        format!("already replaced in the store: {}", replaced.join(", "))
    };
    if let Some(failed) = failed {
        note.push_str(&format!("; {failed} may be partly written"));
    }
    note.push_str("; push again to replace every graph");
    note
}

fn staged_note(swapping: bool, cleanup: &Result<(), String>, staging: &[String]) -> String {
    let mut note = if swapping {
        "the swap (one update request that moves every staging graph into place) failed: a store that runs an update request as one transaction, such as Oxigraph, left every target graph as it was; ".to_owned()
    } else {
        "no target graph was changed (the graphs were loaded into staging graphs, moved into place only once all are complete); ".to_owned()
    };
    match cleanup {
        Ok(()) => note.push_str("the staging graphs were dropped"),
        Err(why) => note.push_str(&format!(
            "the staging graphs could not be dropped ({why}); drop them with: {}",
            staging
                .iter()
                .map(|g| format!("DROP SILENT GRAPH <{g}>"))
                .collect::<Vec<_>>()
                .join(" ; ")
        )),
    }
    note
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
    /// The store refused `refused` triples of `graph` in one request as too many: from now
    /// on at most `size` go in one request.
    fn halved(&mut self, _graph: &GraphUpload, _refused: usize, _size: usize) {}
    /// A graph is in the store (with `--update`: in its staging graph).
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
    let mut graphs = match plan.target.protocol {
        Protocol::GraphStore => push_graph_store(plan, &client, connection.retries, progress)?,
        Protocol::Update => push_staged(plan, &client, connection.retries, progress)?,
    };
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

#[cfg(test)]
mod tests {
    use super::*;

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
