//! Running a query on a store: parse (with the predefined prefixes), bind variables, and
//! evaluate with Oxigraph, the default graph being the union of the named graphs unless the
//! query names its dataset.

use super::bind::{self, Binding};
use super::parse;
use super::QueryError;
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;

/// A query to run: where it comes from (for messages), its text, the prefixes it may use
/// without declaring them, and the values of some of its variables.
#[derive(Debug, Clone, Copy)]
pub struct QueryText<'a> {
    /// `-e`, a file's path, or `queries/NAME.rq`.
    pub origin: &'a str,
    /// The SPARQL.
    pub text: &'a str,
    /// Predefined prefixes.
    pub prefixes: &'a [(String, String)],
    /// Values given to variables before it runs.
    pub bindings: &'a [Binding],
}

impl QueryText<'_> {
    /// Parses the text and joins in the bindings.
    pub fn prepare(&self) -> Result<spargebra::Query, QueryError> {
        let query = parse::parse(self.origin, self.text, self.prefixes)?;
        Ok(bind::apply(query, self.bindings)?)
    }
}

/// Evaluates a prepared query on `store` with `evaluator` (which says how SERVICE calls are
/// made, if at all).
pub fn evaluate<'a>(
    store: &'a Store,
    origin: &str,
    query: spargebra::Query,
    evaluator: SparqlEvaluator,
) -> Result<QueryResults<'a>, QueryError> {
    let mut prepared = evaluator.for_query(query);
    if prepared.dataset().is_default_dataset() {
        prepared.dataset_mut().set_default_graph_as_union();
    }
    prepared
        .on_store(store)
        .execute()
        .map_err(|source| QueryError::Evaluation {
            origin: format!("{origin}: the query failed"),
            source,
        })
}

/// An evaluator that never calls out: SERVICE fails without a connection. For the queries
/// the program runs itself.
pub fn offline() -> SparqlEvaluator {
    SparqlEvaluator::new().without_default_http_service_handler()
}

/// Runs one of the program's own queries (`queries/internal/NAME.rq` or a check), with
/// variables bound by substitution, offline.
pub fn run_internal<'a>(
    store: &'a Store,
    origin: &str,
    text: &str,
    bindings: &[Binding],
) -> Result<QueryResults<'a>, QueryError> {
    let query = QueryText {
        origin,
        text,
        prefixes: &[],
        bindings,
    }
    .prepare()?;
    evaluate(store, origin, query, offline())
}
