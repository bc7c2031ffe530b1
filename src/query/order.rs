//! A stable order for `ORDER BY`: rows that the query's own keys leave tied come out in the
//! same order every run.
//!
//! SPARQL leaves the order of tied rows open, and Oxigraph's in-memory store walks its graphs in
//! an order that changes from run to run, so `SELECT * { ?s a ?c . GRAPH ?g {} } ORDER BY ?c
//! LIMIT 4` gave 5 different answers in 6 runs. A query that asks for an order is sorted
//! anyway; each projected variable is added after its own keys as one more key, compared as
//! `STR(?v)` (a string, so that the added keys never compare a number with a string, which
//! Oxigraph does not order totally: docs/upstream-oxigraph-sort-panic.md). The rows the query
//! orders stay in its order; only ties are broken. A query without `ORDER BY` is left as it is.

use spargebra::algebra::{Expression, Function, GraphPattern, OrderExpression};
use spargebra::term::Variable;
use spargebra::Query;

/// The query, its `ORDER BY` (at the top of a SELECT, under its projection) given tie-breaking
/// keys.
pub fn stable(query: Query) -> Query {
    match query {
        Query::Select {
            dataset,
            pattern,
            base_iri,
        } => Query::Select {
            dataset,
            pattern: top(pattern),
            base_iri,
        },
        other => other,
    }
}

/// Walks down the solution modifiers (slice, distinct, reduced, projection) to the ORDER BY.
fn top(pattern: GraphPattern) -> GraphPattern {
    match pattern {
        GraphPattern::Slice {
            inner,
            start,
            length,
        } => GraphPattern::Slice {
            inner: Box::new(top(*inner)),
            start,
            length,
        },
        GraphPattern::Distinct { inner } => GraphPattern::Distinct {
            inner: Box::new(top(*inner)),
        },
        GraphPattern::Reduced { inner } => GraphPattern::Reduced {
            inner: Box::new(top(*inner)),
        },
        GraphPattern::Project { inner, variables } => {
            let inner = match *inner {
                GraphPattern::OrderBy { inner, expression } => GraphPattern::OrderBy {
                    inner,
                    expression: with_ties_broken(expression, &variables),
                },
                other => other,
            };
            GraphPattern::Project {
                inner: Box::new(inner),
                variables,
            }
        }
        other => other,
    }
}

/// The keys, then `STR(?v)` of each variable.
fn with_ties_broken(
    mut keys: Vec<OrderExpression>,
    variables: &[Variable],
) -> Vec<OrderExpression> {
    keys.extend(variables.iter().map(|v| {
        OrderExpression::Asc(Expression::FunctionCall(
            Function::Str,
            vec![Expression::Variable(v.clone())],
        ))
    }));
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::sparql::{QueryResults, SparqlEvaluator};
    use oxigraph::store::Store;

    fn answer(store: &Store, text: &str) -> String {
        let query = spargebra::SparqlParser::new().parse_query(text).unwrap();
        let QueryResults::Solutions(solutions) = SparqlEvaluator::new()
            .for_query(stable(query))
            .on_store(store)
            .execute()
            .unwrap()
        else {
            panic!("a SELECT query")
        };
        solutions
            .map(|s| format!("{:?}", s.unwrap().values()))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn ties_are_broken_by_the_projected_variables_and_the_query_s_keys_come_first() {
        let store = Store::new().unwrap();
        // Four rows tied on ?k; the query's own key orders ?k descending.
        let text = "SELECT ?k ?v { VALUES (?k ?v) { (1 \"d\") (1 \"b\") (2 \"a\") (1 \"c\") } } ORDER BY DESC(?k) LIMIT 3";
        let answer = answer(&store, text);
        let rows: Vec<&str> = answer.lines().collect();
        assert_eq!(rows.len(), 3);
        assert!(
            rows[0].contains("\"2\"") && rows[0].contains("\"a\""),
            "{answer}"
        );
        assert!(rows[1].contains("\"b\""), "{answer}");
        assert!(rows[2].contains("\"c\""), "{answer}");
    }

    #[test]
    fn numbers_and_strings_together_are_tie_broken_as_strings_without_a_panic() {
        let store = Store::new().unwrap();
        let values: Vec<String> = (1..=30).map(|n| n.to_string()).collect();
        let text = format!(
            "SELECT ?v {{ VALUES ?v {{ \"5\" {} }} BIND(1 AS ?k) }} ORDER BY ?k",
            values.join(" ")
        );
        assert_eq!(answer(&store, &text).lines().count(), 31);
    }

    #[test]
    fn a_query_without_order_by_is_left_as_it_is() {
        let text = "SELECT ?v { VALUES ?v { 2 1 } } LIMIT 1";
        let query = spargebra::SparqlParser::new().parse_query(text).unwrap();
        assert_eq!(stable(query.clone()), query);
    }
}
