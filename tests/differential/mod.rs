//! A differential test of `query::Reach`, the store of what a query can read: generated
//! queries (variables in predicate position, property paths with `*`, `+`, `?`, `^`, `|`,
//! `/` and negated sets, `GRAPH ?g`, `FROM` and `FROM NAMED`, `OPTIONAL`, `MINUS`,
//! `EXISTS`, `NOT EXISTS`, `UNION`, subqueries, aggregates, `VALUES`, `BIND`, and the four
//! query forms, over the facts, provenance and ontology graphs) must answer over the store
//! `cica-kg query` builds for them exactly as over the whole graph.
//!
//! Answers are compared as multisets (solutions) or as graphs (CONSTRUCT, DESCRIBE), with
//! blank nodes up to renaming. The run is seeded, so it is the same every time; a failure
//! prints the smallest query proptest shrinks it to. At the end it prints how many queries of
//! each kind it compared (`cargo test differential -- --nocapture`).

use cica_kg::facts::{self, DataSource, Facts};
use cica_kg::ontology;
use cica_kg::query::{QueryText, Reach};
use cica_kg::rdf::KnowledgeGraph;
use cica_kg::vocab::Iris;
use oxigraph::model::graph::CanonicalizationAlgorithm;
use oxigraph::model::{Graph, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};
use std::collections::BTreeMap;

mod generate;
mod wikidata;

use generate::generated;

/// How many queries one run compares.
const CASES: u32 = 2_000;

/// A query whose answer has more rows than this is not compared (it is counted apart), so
/// that a generated cross product cannot make the run slow.
const MAX_ROWS: usize = 20_000;

/// An answer that can be compared: the sorted rows of solutions (blank nodes all written
/// `_:b`), a boolean, or a canonical graph; `None` when it has too many rows to compare.
pub(crate) fn answer(
    store: &Store,
    query: &spargebra::Query,
) -> Result<Option<Vec<String>>, String> {
    let mut prepared = SparqlEvaluator::new()
        .without_default_http_service_handler()
        .for_query(query.clone());
    if prepared.dataset().is_default_dataset() {
        prepared.dataset_mut().set_default_graph_as_union();
    }
    let results = prepared
        .on_store(store)
        .execute()
        .map_err(|e| e.to_string())?;
    let term = |term: &Term| match term {
        Term::BlankNode(_) => "_:b".to_owned(),
        other => other.to_string(),
    };
    Ok(match results {
        QueryResults::Boolean(b) => Some(vec![b.to_string()]),
        QueryResults::Solutions(solutions) => {
            let mut rows = Vec::new();
            for solution in solutions {
                let solution = solution.map_err(|e| e.to_string())?;
                if rows.len() == MAX_ROWS {
                    return Ok(None);
                }
                let mut row: Vec<String> = solution
                    .iter()
                    .map(|(v, t)| format!("{v}={}", term(t)))
                    .collect();
                row.sort();
                rows.push(row.join(" "));
            }
            rows.sort();
            Some(rows)
        }
        QueryResults::Graph(triples) => {
            let mut graph = Graph::new();
            for triple in triples {
                if graph.len() == MAX_ROWS {
                    return Ok(None);
                }
                graph.insert(&triple.map_err(|e| e.to_string())?);
            }
            graph.canonicalize(CanonicalizationAlgorithm::Unstable);
            let mut lines: Vec<String> = graph.iter().map(|t| t.to_string()).collect();
            lines.sort();
            Some(lines)
        }
    })
}

/// What differs between two answers, in a few lines.
pub(crate) fn difference(
    got: &Result<Option<Vec<String>>, String>,
    expected: &Result<Option<Vec<String>>, String>,
) -> String {
    match (got, expected) {
        (Ok(Some(got)), Ok(Some(expected))) => {
            let missing: Vec<&String> = expected.iter().filter(|r| !got.contains(r)).collect();
            let extra: Vec<&String> = got.iter().filter(|r| !expected.contains(r)).collect();
            format!(
                "{} rows instead of {}; missing {:?}; extra {:?}",
                got.len(),
                expected.len(),
                &missing[..missing.len().min(3)],
                &extra[..extra.len().min(3)]
            )
        }
        _ => format!("{got:?} instead of {expected:?}"),
    }
}

/// The runs: seeded (the same queries every time), a failure shrunk to its smallest query.
fn config() -> Config {
    Config {
        cases: CASES,
        rng_seed: RngSeed::Fixed(20_221_012),
        failure_persistence: None,
        max_shrink_iters: 2_000,
        ..Config::default()
    }
}

fn facts() -> Facts {
    let schema = &ontology::shipped().unwrap().schema;
    facts::load(&DataSource::Embedded, schema).unwrap()
}

#[test]
fn generated_queries_answer_the_same_over_the_store_of_what_they_read() {
    let facts = facts();
    let whole = KnowledgeGraph::from_facts(facts.clone(), Iris::default()).unwrap();
    let prefixes = Iris::default().prefixes();
    let counts = std::cell::RefCell::new(BTreeMap::<&str, usize>::new());
    let mut runner = TestRunner::new(config());
    let result = runner.run(&generated(), |generated| {
        let text = generated.text();
        let prepared = QueryText {
            origin: "generated",
            text: &text,
            prefixes: &prefixes,
            bindings: &[],
        }
        .prepare();
        // A generated BIND can rebind a variable of its group, which SPARQL forbids.
        let Ok(query) = prepared else {
            *counts
                .borrow_mut()
                .entry("not compared: not valid SPARQL")
                .or_default() += 1;
            return Ok(());
        };
        let reach = Reach::of(&query);
        for kind in generated.kinds() {
            *counts.borrow_mut().entry(kind).or_default() += 1;
        }
        if reach == Reach::All {
            // `cica-kg query` then builds the whole graph, as `whole` is built.
            *counts.borrow_mut().entry("reads everything").or_default() += 1;
            return Ok(());
        }
        let scoped = KnowledgeGraph::from_facts_selected(facts.clone(), Iris::default(), &reach)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let expected = answer(whole.store(), &query);
        let got = answer(scoped.store(), &query);
        let mut counts = counts.borrow_mut();
        match (&expected, &got) {
            (Ok(None), _) | (_, Ok(None)) => {
                *counts.entry("not compared: too many rows").or_default() += 1;
                return Ok(());
            }
            (Err(_), Err(_)) => *counts.entry("both failed alike").or_default() += 1,
            _ => {}
        }
        if got != expected {
            return Err(TestCaseError::fail(format!(
                "the store of what it reads ({reach:?}) answers otherwise: {}\n{text}",
                difference(&got, &expected)
            )));
        }
        *counts.entry("compared over a smaller store").or_default() += 1;
        Ok(())
    });
    if let Err(error) = result {
        panic!("{error}");
    }
    let counts = counts.into_inner();
    eprintln!("differential: queries compared, by kind: {counts:#?}");
    let compared = counts
        .get("compared over a smaller store")
        .copied()
        .unwrap_or(0);
    assert!(compared >= CASES as usize * 4 / 10, "{counts:#?}");
    for kind in [
        "SELECT",
        "aggregate",
        "ASK",
        "CONSTRUCT",
        "DESCRIBE",
        "OPTIONAL",
        "MINUS",
        "NOT EXISTS",
        "UNION",
        "GRAPH ?g",
        "FROM / FROM NAMED",
        "subquery",
        "VALUES",
        "BIND",
        "path *",
        "path +",
        "path ?",
        "path ^",
        "path |",
        "negated set",
        "variable predicate",
    ] {
        assert!(
            counts.get(kind).copied().unwrap_or(0) >= 20,
            "the generator made too few queries with {kind}: {counts:#?}"
        );
    }
}
