//! Where the queries that clients send are evaluated, and what may come back.
//!
//! A [`Job`] is one query of the SPARQL protocol: its text, the dataset the protocol names,
//! the result format already chosen, and the largest answer allowed. [`execute`] runs it on a
//! store and writes the answer in that format; it is the same code in the two engines:
//!
//! - [`Engine::workers`]: a [`Pool`] of worker processes (`cica-kg serve` runs this one). A
//!   query past its time limit is stopped by killing its process, so it stops using the CPU
//!   at once, whatever Oxigraph's evaluation loops check (oxigraph#1336);
//! - [`Engine::in_process`]: on the server's own store, without a hard time limit (its
//!   cancellation is watched by a [`Watch`] the engine owns, started with the first query and
//!   joined when the engine is dropped), for tests of the HTTP handler and for embedding.

use super::clients::Cancel;
use super::pool::Pool;
use crate::query::{self, MemoryCap, Overrun, QueryError, QueryText, ResultFormat, Watch};
use crate::rdf::export::{self, ExportFormat};
use crate::rdf::KnowledgeGraph;
use crate::wikidata::federation::{
    Allowlist, ServiceError, ServiceFailure, ServiceHandler, ServiceSettings,
};
use oxigraph::model::{GraphName, NamedNode};
use oxigraph::sparql::{QueryEvaluationError, QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use serde::{Deserialize, Serialize};
use spargebra::algebra::QueryDataset;
use std::io::{self, Write};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// One query to answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    /// The SPARQL text as the client sent it.
    pub query: String,
    /// `default-graph-uri`: when this or `named_graphs` is given, the query's dataset.
    pub default_graphs: Vec<String>,
    /// `named-graph-uri`.
    pub named_graphs: Vec<String>,
    /// The result format's name: a [`ResultFormat`] for SELECT and ASK, an [`ExportFormat`]
    /// for CONSTRUCT and DESCRIBE.
    pub format: String,
    /// The largest answer, in bytes.
    pub max_bytes: usize,
    /// How long the query may run, in milliseconds.
    pub timeout_ms: u64,
    /// For a SELECT query: the number of rows, and one page of them (see [`super::Window`]).
    #[serde(default)]
    pub window: Option<super::window::Window>,
}

/// Why a query has no answer; each maps to an HTTP status.
#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize, Deserialize)]
pub enum RunError {
    /// The text is not a SPARQL query, or its dataset or format is wrong (400).
    #[error("{0}")]
    BadQuery(String),
    /// An update, or a SERVICE call that this server does not make (403).
    #[error("{0}")]
    Forbidden(String),
    /// The query ran past its time limit and was stopped (503).
    #[error("the query ran longer than the limit of {seconds} s and was stopped; make it more selective (add a LIMIT, or bind more of its variables)")]
    Timeout {
        /// The limit.
        seconds: f64,
    },
    /// The query used more memory than the worker's cap and was stopped (503).
    #[error("the query used more than {mib} MiB of memory, the limit of this server (--max-query-memory), and was stopped; make it more selective (add a LIMIT, or bind more of its variables)")]
    OutOfMemory {
        /// The cap, in MiB.
        mib: u64,
    },
    /// Every query slot stayed busy until the time limit (503).
    #[error("the server is busy: every query slot stayed in use for {seconds} s; try again later")]
    Busy {
        /// How long the query waited.
        seconds: f64,
    },
    /// The answer is larger than allowed (500).
    #[error("the answer is larger than the limit of {limit} bytes; add a LIMIT, or ask for fewer variables")]
    TooLarge {
        /// The limit.
        limit: usize,
    },
    /// A SERVICE call failed (502).
    #[error("{0}")]
    Service(String),
    /// Anything else (500).
    #[error("{0}")]
    Failed(String),
}

/// The endpoints that SERVICE calls may reach: none unless the server was started with some.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Services {
    /// The service IRIs allowed, exactly as queries write them.
    pub allowed: Vec<String>,
    /// How long one SERVICE call may take.
    pub timeout: Duration,
}

impl Services {
    /// The evaluator: offline when nothing is allowed, else one whose SERVICE handler calls
    /// the allowed endpoints only (the federation allowlist, with nothing on it but them: not
    /// even Wikidata's query service unless the operator allowed it).
    pub fn evaluator(&self) -> SparqlEvaluator {
        let mut allowlist = Allowlist::Only(Default::default());
        for iri in &self.allowed {
            match NamedNode::new(iri.as_str()) {
                Ok(iri) if allowlist.allow(&iri).is_ok() => {}
                _ => return query::offline(),
            }
        }
        if self.allowed.is_empty() {
            return query::offline();
        }
        let settings = ServiceSettings {
            allowlist,
            timeout: self.timeout,
            ..ServiceSettings::default()
        };
        match ServiceHandler::new(settings) {
            Ok(handler) => SparqlEvaluator::new().with_default_service_handler(handler),
            Err(_) => query::offline(),
        }
    }
}

/// How queries are evaluated.
pub struct Engine {
    kind: Kind,
    /// The watch of the in-process queries' time limits, started with the first.
    watch: OnceLock<Watch>,
}

enum Kind {
    InProcess(Services),
    Workers(Pool),
}

impl Engine {
    /// On the server's own store, in the request's thread, without a hard time limit (a query
    /// is cancelled at its limit when it next reads the store).
    pub fn in_process(services: Services) -> Self {
        Self::new(Kind::InProcess(services))
    }

    /// In worker processes, killed at the time limit.
    pub fn workers(pool: Pool) -> Self {
        Self::new(Kind::Workers(pool))
    }

    fn new(kind: Kind) -> Self {
        Self {
            kind,
            watch: OnceLock::new(),
        }
    }

    /// Answers `job`: the bytes of the answer in the job's format.
    pub fn run(
        &self,
        kg: &KnowledgeGraph,
        prefixes: &[(String, String)],
        job: &Job,
    ) -> Result<Vec<u8>, RunError> {
        self.run_cancellable(kg, prefixes, job, &Cancel::default())
    }

    /// Answers `job`, stopping its worker when `cancel` is raised (its client went away).
    pub(crate) fn run_cancellable(
        &self,
        kg: &KnowledgeGraph,
        prefixes: &[(String, String)],
        job: &Job,
        cancel: &Cancel,
    ) -> Result<Vec<u8>, RunError> {
        match &self.kind {
            Kind::InProcess(services) => {
                let watch = self.watch.get_or_init(Watch::start);
                execute(kg.store(), prefixes, services, job, watch)
            }
            Kind::Workers(pool) => {
                let deadline = Instant::now() + Duration::from_millis(job.timeout_ms);
                pool.run_cancellable(job, deadline, cancel)
            }
        }
    }

    /// Stops the workers, if any.
    pub fn shutdown(&self) {
        if let Kind::Workers(pool) = &self.kind {
            pool.shutdown();
        }
    }
}

/// Parses, evaluates and serializes `job` on `store`, its time limit watched by `watch`.
pub fn execute(
    store: &Store,
    prefixes: &[(String, String)],
    services: &Services,
    job: &Job,
    watch: &Watch,
) -> Result<Vec<u8>, RunError> {
    let query = prepare(&job.query, prefixes)?;
    execute_prepared(store, prefixes, services, job, query, watch, None)
}

/// Parses a query with the predefined prefixes; the Wikidata label service runs locally.
pub fn prepare(text: &str, prefixes: &[(String, String)]) -> Result<spargebra::Query, RunError> {
    QueryText {
        origin: "query",
        text,
        prefixes,
        bindings: &[],
    }
    .prepare()
    .map(crate::wikidata::label_service::rewrite)
    .map_err(classify)
}

/// Evaluates and serializes `job`, whose text is already parsed as `query`, within the job's
/// time limit (cancelled at the next read of the store) and, with `memory`, a memory cap, both
/// watched by `watch` (see [`Watch::limit_capped`]).
pub fn execute_prepared(
    store: &Store,
    prefixes: &[(String, String)],
    services: &Services,
    job: &Job,
    mut query: spargebra::Query,
    watch: &Watch,
    memory: Option<(MemoryCap, Overrun)>,
) -> Result<Vec<u8>, RunError> {
    set_dataset(&mut query, &job.default_graphs, &job.named_graphs)?;
    let (cap, overrun) = memory.unzip();
    let limit = watch.limit_capped(Duration::from_millis(job.timeout_ms), cap, overrun);
    let evaluator = services.evaluator().with_cancellation_token(limit.token());
    let results = query::evaluate(store, "query", query, evaluator)
        .map(|results| limit.watch(results))
        .map_err(|e| classify(limit.explain(e)))?;
    let mut out = Limited::new(job.max_bytes);
    let written = match (results, job.window) {
        (QueryResults::Graph(triples), _) => {
            let format: ExportFormat = job.format.parse().map_err(bad)?;
            write_graph(triples, format, prefixes, &mut out)
        }
        (QueryResults::Solutions(solutions), Some(window)) => {
            let format: ResultFormat = job.format.parse().map_err(bad)?;
            super::window::write(solutions, window, format.w3c(), &mut out)
        }
        (results, _) => {
            let format: ResultFormat = job.format.parse().map_err(bad)?;
            let output = query::Output {
                solutions: format,
                solutions_chosen: true,
                rdf: ExportFormat::Turtle,
            };
            query::write_results(results, output, prefixes, &mut out)
        }
    };
    match written {
        Ok(()) => Ok(out.bytes),
        Err(_) if out.exceeded => Err(RunError::TooLarge {
            limit: job.max_bytes,
        }),
        Err(error) => Err(classify(limit.explain(error))),
    }
}

fn bad(error: impl std::fmt::Display) -> RunError {
    RunError::BadQuery(error.to_string())
}

/// The quads of a CONSTRUCT or DESCRIBE answer, kept only while they fit the limit (counted
/// as N-Triples), then sorted and written like an export.
fn write_graph(
    triples: oxigraph::sparql::QueryTripleIter<'_>,
    format: ExportFormat,
    prefixes: &[(String, String)],
    out: &mut Limited,
) -> Result<(), QueryError> {
    let mut quads = Vec::new();
    let mut size = 0;
    for triple in triples {
        let triple = triple.map_err(QueryError::evaluation)?;
        size += triple.to_string().len() + 3;
        if size > out.limit {
            out.exceeded = true;
            return Err(QueryError::Write(io::Error::other("too large")));
        }
        quads.push(triple.in_graph(GraphName::DefaultGraph));
    }
    export::sort(&mut quads, &[]);
    export::write(&quads, format, prefixes, out)?;
    Ok(())
}

/// The protocol's dataset replaces the query's own FROM and FROM NAMED, if given.
fn set_dataset(
    query: &mut spargebra::Query,
    default: &[String],
    named: &[String],
) -> Result<(), RunError> {
    if default.is_empty() && named.is_empty() {
        return Ok(());
    }
    let iris = |list: &[String]| {
        list.iter()
            .map(|iri| {
                NamedNode::new(iri.as_str())
                    .map_err(|e| RunError::BadQuery(format!("graph <{iri}> is not an IRI: {e}")))
            })
            .collect::<Result<Vec<_>, _>>()
    };
    let dataset = QueryDataset {
        default: iris(default)?,
        named: if named.is_empty() {
            None
        } else {
            Some(iris(named)?)
        },
    };
    let (spargebra::Query::Select { dataset: d, .. }
    | spargebra::Query::Construct { dataset: d, .. }
    | spargebra::Query::Describe { dataset: d, .. }
    | spargebra::Query::Ask { dataset: d, .. }) = query;
    *d = Some(dataset);
    Ok(())
}

/// The status an error maps to.
fn classify(error: QueryError) -> RunError {
    match error {
        QueryError::Parse(crate::query::ParseError::Update { .. }) => RunError::Forbidden(
            "this is a SPARQL update, and this endpoint is read-only: the graph is built from the facts of the articles".to_owned(),
        ),
        QueryError::Parse(e) => RunError::BadQuery(e.to_string()),
        QueryError::Bind(e) => RunError::BadQuery(e.to_string()),
        QueryError::Evaluation { source, .. } => evaluation(source),
        QueryError::TimedOut(exceeded) => RunError::Timeout {
            seconds: exceeded.seconds,
        },
        QueryError::OutOfMemory(exceeded) => RunError::OutOfMemory {
            mib: exceeded.cap.mib(),
        },
        other => RunError::Failed(other.to_string()),
    }
}

fn evaluation(error: QueryEvaluationError) -> RunError {
    match error {
        QueryEvaluationError::UnsupportedService(service) => RunError::Forbidden(format!(
            "SERVICE {service} is not allowed: this server makes no SERVICE calls unless its operator allows them"
        )),
        QueryEvaluationError::Service(inner)
            if inner.downcast_ref::<ServiceError>().is_some_and(|e| {
                matches!(
                    e.kind(),
                    ServiceFailure::NotAllowed | ServiceFailure::Off | ServiceFailure::LabelService
                )
            }) =>
        {
            RunError::Forbidden(inner.to_string())
        }
        QueryEvaluationError::Service(inner) => RunError::Service(inner.to_string()),
        other => RunError::Failed(format!("the query failed: {other}")),
    }
}

/// A buffer that refuses to grow past its limit.
struct Limited {
    bytes: Vec<u8>,
    limit: usize,
    exceeded: bool,
}

impl Limited {
    fn new(limit: usize) -> Self {
        Self {
            bytes: Vec::new(),
            limit,
            exceeded: false,
        }
    }
}

impl Write for Limited {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.bytes.len() + buf.len() > self.limit {
            self.exceeded = true;
            return Err(io::Error::other("the answer is too large"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
