//! SPARQL over the knowledge graph: the query files (`catalog`), reading a query with
//! errors a person can act on (`parse`), binding variables (`bind`), evaluation with
//! Oxigraph (`eval`) with its panics contained (`contain`), a time limit and a memory cap
//! (`limit`, `memory`), what a query can read (`reach`), a stable order for `ORDER BY` (`order`), and the result formats
//! (`results`).

pub(crate) mod bind;
pub(crate) mod catalog;
pub(crate) mod contain;
pub(crate) mod eval;
pub(crate) mod limit;
pub(crate) mod memory;
pub(crate) mod order;
pub(crate) mod parse;
pub(crate) mod reach;
pub(crate) mod results;

pub use bind::{check_unique, parse_binding, BindError, Binding};
pub use catalog::{
    is_file_argument, named_queries, named_query, Answer, CatalogError, Header, NamedQuery,
};
pub use contain::{containing, EnginePanic};
pub(crate) use eval::run_internal;
pub use eval::{evaluate, offline, QueryText};
pub use limit::{Overran, Overrun, TimeLimit, TimeLimitExceeded, Watch, OVERRUN_GRACE};
pub use memory::{MemoryCap, MemoryCapError, MemoryLimitExceeded};
pub use parse::ParseError;
pub use reach::Reach;
pub use results::{plain, plain_rows, write_results, Output, ResultFormat};

use crate::rdf::export::{ExportError, ExportFormat};
use oxigraph::sparql::QueryEvaluationError;

/// Why a query could not be answered.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// The text does not parse.
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// A binding does not fit the query.
    #[error(transparent)]
    Bind(#[from] BindError),
    /// The query is not in the catalog.
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    /// Evaluation failed.
    #[error("{origin}: {source}")]
    Evaluation {
        /// Where the query comes from.
        origin: String,
        /// Oxigraph's error.
        #[source]
        source: QueryEvaluationError,
    },
    /// The query engine panicked (a bug of the engine, contained).
    #[error(transparent)]
    Engine(#[from] EnginePanic),
    /// The query ran past its time limit (see [`TimeLimit`]). The limit is also the source,
    /// so that a caller finds it in the chain of causes however this error is wrapped.
    #[error("{0}")]
    TimedOut(#[source] TimeLimitExceeded),
    /// The query's memory passed its cap (see [`Watch::limit_capped`]); the cap is also
    /// the source.
    #[error("{0}")]
    OutOfMemory(#[source] MemoryLimitExceeded),
    /// A SELECT result was expected.
    #[error("not a SELECT query")]
    NotSelect,
    /// A SELECT/ASK result format given for a CONSTRUCT or DESCRIBE query.
    #[error("the query returns RDF (CONSTRUCT or DESCRIBE), which cannot be written as {format} results; leave out the result format, or choose an RDF format: {}", ExportFormat::names())]
    FormatForGraph {
        /// The format given.
        format: ResultFormat,
    },
    /// Writing the results failed.
    #[error("cannot write the results: {0}")]
    Write(#[from] std::io::Error),
    /// Serializing RDF or results failed.
    #[error(transparent)]
    Export(#[from] ExportError),
}

impl QueryError {
    /// An evaluation error met while reading the results.
    pub(crate) fn evaluation(source: QueryEvaluationError) -> Self {
        Self::evaluation_of("the query failed", source)
    }

    /// An evaluation error of the query from `origin`; a contained panic of the engine is
    /// [`QueryError::Engine`].
    pub(crate) fn evaluation_of(origin: &str, source: QueryEvaluationError) -> Self {
        match contain::engine_panic(&source) {
            Some(panic) => Self::Engine(panic.clone()),
            None => Self::Evaluation {
                origin: origin.to_owned(),
                source,
            },
        }
    }

    /// Whether evaluation was stopped by a cancellation token (see [`TimeLimit`]).
    pub(crate) fn is_cancelled(&self) -> bool {
        matches!(
            self,
            Self::Evaluation {
                source: QueryEvaluationError::Cancelled,
                ..
            }
        )
    }
}
