//! SPARQL over the knowledge graph: the query files ([`catalog`]), reading a query with
//! errors a person can act on ([`parse`]), binding variables ([`bind`]), evaluation with
//! Oxigraph ([`eval`]) and the result formats ([`results`]).

pub mod bind;
pub mod catalog;
pub mod eval;
pub mod parse;
pub mod results;

pub use bind::{parse_binding, BindError, Binding};
pub use catalog::{named_queries, named_query, Answer, CatalogError, Header, NamedQuery};
pub use eval::{evaluate, offline, run_internal, QueryText};
pub use parse::ParseError;
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
    pub fn evaluation(source: QueryEvaluationError) -> Self {
        Self::Evaluation {
            origin: "the query failed".to_owned(),
            source,
        }
    }
}
