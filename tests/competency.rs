//! Every competency question of `queries/` answers as its header says: the expected answers
//! there were written by hand from the article, and this runs each query through the real
//! binary and compares (order-insensitive unless the header says "ordered").

use crate::common::{checked, cica_kg, repo};
use cica_kg::query::{named_queries, plain, Answer};
use cica_kg::vocab::Iris;
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, SliceQueryResultsParserOutput,
};

/// Reads the TSV the binary prints with a SPARQL results parser, and renders each term as the
/// expected answers write it, through the library's own [`plain`] and the vocabulary's
/// prefixes: literal values, IRIs as prefix:local.
fn cells(tsv: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let prefixes = Iris::default().prefixes();
    let parsed = QueryResultsParser::from_format(QueryResultsFormat::Tsv)
        .for_slice(tsv.as_bytes())
        .unwrap_or_else(|e| panic!("not SPARQL TSV results ({e}):\n{tsv}"));
    let SliceQueryResultsParserOutput::Solutions(solutions) = parsed else {
        panic!("not solutions:\n{tsv}");
    };
    let columns: Vec<String> = solutions
        .variables()
        .iter()
        .map(|v| v.as_str().to_owned())
        .collect();
    let rows = solutions
        .map(|solution| {
            let solution = solution.expect("a well-formed TSV row");
            columns
                .iter()
                .map(|c| {
                    solution
                        .get(c.as_str())
                        .map(|term| plain(term.as_ref(), &prefixes))
                        .unwrap_or_default()
                })
                .collect()
        })
        .collect();
    (columns, rows)
}

#[test]
fn every_competency_question_answers_as_the_article_says() {
    let queries = named_queries().expect("the shipped queries have headers");
    assert!(queries.len() >= 12);
    let mut answered = 0;
    for query in queries {
        if query.header.requires.is_some() {
            continue; // needs a remote endpoint; tested on its own with a local server
        }
        let answer = query
            .header
            .answer
            .clone()
            .unwrap_or_else(|| panic!("{} has no expected answer", query.name));
        let output = cica_kg()
            .args(["query", &query.name, "--format", "tsv"])
            .args(&query.header.example)
            .output()
            .unwrap();
        let output = checked(output, &query.name);
        let stdout = String::from_utf8(output.stdout).unwrap();
        match answer {
            Answer::Boolean(expected) => {
                // TSV has no boolean form: oxigraph writes the XML/JSON one, so ask for table.
                let table = cica_kg()
                    .args(["query", &query.name, "--format", "table"])
                    .output()
                    .unwrap();
                assert_eq!(
                    String::from_utf8(table.stdout).unwrap().trim(),
                    expected.to_string(),
                    "{}",
                    query.name
                );
            }
            Answer::Table {
                columns,
                rows,
                ordered,
            } => {
                let (actual_columns, mut actual_rows) = cells(&stdout);
                assert_eq!(actual_columns, columns, "{}: columns", query.name);
                let mut expected_rows = rows;
                if !ordered {
                    actual_rows.sort();
                    expected_rows.sort();
                }
                assert_eq!(
                    actual_rows, expected_rows,
                    "{}: the answer differs from the one written in its header",
                    query.name
                );
            }
        }
        answered += 1;
    }
    assert!(answered >= 12, "only {answered} questions were checked");
}

#[test]
fn the_evidence_of_a_fact_is_its_quote() {
    // Written by hand: the article's words for a few facts.
    for (bindings, quote) in [
        (
            ["subject=summit:4", "property=cica:location"],
            "in the Chinese city of Shanghai",
        ),
        (
            ["subject=organization:cica", "property=cica:memberCount"],
            "Currently, the CICA has 27 member states",
        ),
        (
            [
                "subject=organization:cica-secretariat",
                "property=cica:inception",
            ],
            "the secretariat, was launched in June 2006.",
        ),
    ] {
        let output = cica_kg()
            .args([
                "query",
                "evidence",
                "-f",
                "csv",
                "--bind",
                bindings[0],
                "--bind",
                bindings[1],
            ])
            .output()
            .unwrap();
        let csv = String::from_utf8(output.stdout).unwrap();
        assert_eq!(csv.lines().count(), 2, "{bindings:?}: {csv}");
        assert!(csv.contains(quote), "{bindings:?}: {csv}");
    }
}

#[test]
fn queries_run_from_a_file_too() {
    let path = repo().join("queries/presidency.rq");
    let output = cica_kg()
        .args(["query", path.to_str().unwrap(), "-f", "csv"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(output.stdout)
            .unwrap()
            .replace("\r\n", "\n"),
        "country,since\nKazakhstan,2020\n"
    );
}
