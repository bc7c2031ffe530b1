//! Running a query on a store: parse (with the predefined prefixes), bind variables, and
//! evaluate with Oxigraph, the default graph being the union of the named graphs unless the
//! query names its dataset. A panic of the engine, while evaluating or while the results are
//! read, is an error ([`super::contain`]).

use super::bind::{self, Binding};
use super::contain;
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

/// Evaluates a prepared query on `store` with `evaluator` (its `ORDER BY` made stable:
/// `order`) (which says how SERVICE calls are
/// made, if at all, and may carry a cancellation token). The results' iterators are
/// contained too: a panic while they are read is an error item.
pub fn evaluate<'a>(
    store: &'a Store,
    origin: &str,
    query: spargebra::Query,
    evaluator: SparqlEvaluator,
) -> Result<QueryResults<'a>, QueryError> {
    let mut prepared = evaluator.for_query(super::order::stable(query));
    if prepared.dataset().is_default_dataset() {
        prepared.dataset_mut().set_default_graph_as_union();
    }
    let results = contain::contain(|| prepared.on_store(store).execute())?.map_err(|source| {
        QueryError::evaluation_of(&format!("{origin}: the query failed"), source)
    })?;
    Ok(contain::results(results))
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
#[cfg(test)]
mod tests {
    use super::*;

    /// Oxigraph's ORDER BY compares "5" and 10 as strings but 6 and 10 as numbers, which is
    /// not a total order; Rust's sort notices on 21 values (docs/upstream-oxigraph-sort-panic.md).
    fn sort_panic_values() -> String {
        let numbers: Vec<String> = (1..=20).map(|i| i.to_string()).collect();
        format!("\"5\" {}", numbers.join(" "))
    }

    fn run(text: &str) -> Result<usize, QueryError> {
        count(&Store::new().unwrap(), text)
    }

    fn count(store: &Store, text: &str) -> Result<usize, QueryError> {
        let query = parse::parse("test", text, &[]).unwrap();
        let QueryResults::Solutions(solutions) = evaluate(store, "test", query, offline())? else {
            unreachable!("a SELECT query")
        };
        solutions
            .map(|s| s.map_err(QueryError::evaluation))
            .try_fold(0, |n, s| s.map(|_| n + 1))
    }

    #[test]
    fn the_engines_sort_panic_is_an_error_while_evaluating() {
        let values = sort_panic_values();
        let error = run(&format!(
            "SELECT ?o WHERE {{ VALUES ?o {{ {values} }} }} ORDER BY ?o"
        ))
        .unwrap_err();
        assert!(matches!(error, QueryError::Engine(_)), "{error}");
        assert_eq!(
            error.to_string(),
            "the query engine failed: user-provided comparison function does not correctly implement a total order; this is a bug in the query engine, please report it with the query"
        );
        // Twenty values are sorted without noticing.
        assert_eq!(
            run("SELECT ?o WHERE { VALUES ?o { \"5\" 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 } } ORDER BY ?o").unwrap(),
            20
        );
    }

    #[test]
    fn the_engines_sort_panic_is_an_error_while_reading_results() {
        // LATERAL sorts the inner query only when the outer solutions are read.
        let values = sort_panic_values();
        let error = run(&format!(
            "SELECT ?x ?o WHERE {{ VALUES ?x {{ 1 2 }} LATERAL {{ SELECT ?o WHERE {{ VALUES ?o {{ {values} }} }} ORDER BY ?o }} }}"
        ))
        .unwrap_err();
        assert!(matches!(error, QueryError::Engine(_)), "{error}");
    }
}
