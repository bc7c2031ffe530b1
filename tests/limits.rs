//! The limits of `cica-kg query` (issue 8): no panic, whatever the cell width, option value
//! or query, and a time limit. The SERVICE limits are in `service_limits.rs`; the bad files
//! (FIFOs, folders, files over their cap, an entity bomb) in the bad-input catalogue.

use crate::common::{checked, cica_kg, data_copy, read, temp_dir};
use assert_cmd::assert::Assert;
use std::time::Duration;

/// A cell longer than `format!`'s width limit (65,535).
fn long_text() -> String {
    "Long ".repeat(14_000)
}

/// Asserts that `cica-kg` failed with status 2, said `fragments` and did not panic.
pub fn refused(assert: Assert, fragments: &[&str]) {
    let output = assert.get_output().clone();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for fragment in fragments {
        assert!(stderr.contains(fragment), "no {fragment:?} in:\n{stderr}");
    }
}

/// A copy of the data where Almaty's label and the CICA's description are wider than
/// `format!` pads, and a runner for `cica-kg --data COPY ARGS` that must succeed.
fn long_cells() -> (tempfile::TempDir, String) {
    let data = data_copy();
    let long = long_text();
    let entities = data.path().join("entities.toml");
    let text = read(&entities).replace("label = \"Almaty\"", &format!("label = \"Almaty {long}\""));
    std::fs::write(&entities, text).unwrap();
    let facts = data.path().join("cica-backgrounder.toml");
    let text = read(&facts).replace(
        "text = \"a forum on security issues\"",
        &format!("text = \"a forum on security issues {long}\""),
    );
    std::fs::write(&facts, text).unwrap();
    (data, long.trim_end().to_owned())
}

fn run_in(data: &tempfile::TempDir, args: &[&str]) -> String {
    let output = cica_kg()
        .arg("--data")
        .arg(data.path())
        .args(args)
        .output()
        .unwrap();
    let output = checked(output, format_args!("cica-kg {}", args.join(" ")));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn a_table_cell_wider_than_65535_characters_is_laid_out() {
    let (data, long) = long_cells();
    let table = run_in(
        &data,
        &[
            "query",
            "-f",
            "table",
            "-e",
            "SELECT ?label WHERE { place:almaty rdfs:label ?label }",
        ],
    );
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 4, "header, rule, row, count");
    assert_eq!(lines[0], "?label");
    assert_eq!(lines[1], "-".repeat("Almaty ".len() + long.len()));
    assert_eq!(lines[2], format!("Almaty {long}"));
    assert_eq!(lines[3], "(1 row)");
}

#[test]
fn evidence_with_a_value_wider_than_65535_characters_is_laid_out() {
    let (data, long) = long_cells();
    let evidence = run_in(
        &data,
        &[
            "query",
            "evidence",
            "-f",
            "table",
            "--bind",
            "subject=organization:cica",
            "--bind",
            "property=cica:description",
        ],
    );
    let lines: Vec<&str> = evidence.lines().collect();
    assert_eq!(lines.len(), 4, "header, rule, row, count");
    let object = format!("a forum on security issues {long}");
    assert_eq!(
        lines[0],
        format!(
            "?subject           ?property         ?object{}  ?quote",
            " ".repeat(object.len() - "?object".len())
        ) + &" ".repeat(
            "The idea of convening the CICA, a forum on security issues,".len() - "?quote".len()
        ) + "  ?start  ?end"
    );
    assert!(lines[2].starts_with(&format!(
        "organization:cica  cica:description  {object}  The idea of convening the CICA, a forum on security issues,  "
    )));
}

#[test]
fn a_link_report_with_a_label_wider_than_65535_characters_is_laid_out() {
    let (data, long) = long_cells();
    let report = run_in(&data, &["link", "--report"]);
    let almaty = report
        .lines()
        .find(|l| l.trim_start().starts_with("place/almaty"))
        .expect("Almaty is linked");
    let label_and_qid = almaty
        .trim_start()
        .strip_prefix("place/almaty")
        .unwrap()
        .trim_start();
    assert_eq!(label_and_qid, format!("Almaty {long}  Q35493"));
}

#[test]
fn numbers_out_of_range_are_refused_by_the_command_line() {
    let cases: &[(&str, &str, &str)] = &[
        ("--service-timeout", "SECONDS", "1..=3600"),
        ("--timeout", "SECONDS", "1..=86400"),
        ("--service-max-bytes", "BYTES", "1..=4294967296"),
    ];
    for (option, value_name, range) in cases {
        for value in ["0", "3601", "86401", "4294967297", "9223372036854775807"] {
            let in_range = match *option {
                "--service-timeout" => false,
                "--timeout" => value == "3601",
                _ => matches!(value, "3601" | "86401"),
            };
            let assert = cica_kg().args(["query", "summits", option, value]).assert();
            if in_range {
                assert.success();
                continue;
            }
            refused(
                assert,
                &[
                    &format!("invalid value '{value}' for '{option} <{value_name}>'"),
                    range,
                ],
            );
        }
    }
    refused(
        cica_kg()
            .args(["query", "summits", "--timeout", "-1"])
            .assert(),
        &["unexpected argument '-1'"],
    );
}

/// The query of issue 8: every pair of literals, sorted; Oxigraph's sort panics on it.
const SORT_PANIC: &str =
    "SELECT ?o ?z { ?s ?p ?o FILTER(isLiteral(?o)) ?x ?y ?z FILTER(isLiteral(?z)) } ORDER BY ?o ?z";

const ENGINE_FAILED: &str = "error: the query engine failed: user-provided comparison function does not correctly implement a total order; this is a bug in the query engine, please report it with the query\n";

#[test]
fn a_panic_of_the_query_engine_is_an_error() {
    let out = temp_dir();
    let file = out.path().join("sorted.tsv");
    let output = cica_kg()
        .args(["query", "-f", "tsv", "-e", SORT_PANIC, "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&output.stderr), ENGINE_FAILED);
    assert!(output.stdout.is_empty());
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0, "no file");

    // LATERAL sorts the inner query while the outer solutions are read and written.
    let numbers: Vec<String> = (1..=20).map(|i| i.to_string()).collect();
    let lateral = format!(
        "SELECT ?x ?o WHERE {{ VALUES ?x {{ 1 2 }} LATERAL {{ SELECT ?o WHERE {{ VALUES ?o {{ \"5\" {} }} }} ORDER BY ?o }} }}",
        numbers.join(" ")
    );
    for format in ["table", "json"] {
        let output = cica_kg()
            .args(["query", "-f", format, "-e", &lateral])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{format}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), ENGINE_FAILED);
        // Results stream: a table waits for its first rows to size its columns, so nothing is
        // printed; JSON may have begun, as the README says a query failing half-way does, but
        // never as a complete document.
        let stdout = String::from_utf8_lossy(&output.stdout);
        match format {
            "table" => assert!(stdout.is_empty(), "{format}: {stdout}"),
            _ => assert!(!stdout.trim_end().ends_with('}'), "{format}: {stdout}"),
        }
    }
}

/// Every triple with every triple with every triple: 1,653³ rows, minutes of work.
const CROSS_PRODUCT: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";

#[test]
fn a_query_that_does_not_stop_when_cancelled_is_ended_soon_after_its_limit() {
    // Counting the rows of VALUES blocks never reads the graph, so Oxigraph never looks at
    // the cancellation token: before the hard stop, `--timeout 1` ran 51 s (debug build) with
    // 300 values a block. With 1,000 (10⁹ rows) it cannot end by itself within the 2 s grace
    // even with optimized dependencies on a quiet machine, where 300 sometimes did.
    let values: Vec<String> = (1..=1000).map(|n| n.to_string()).collect();
    let values = values.join(" ");
    let query = format!(
        "SELECT (COUNT(*) AS ?n) {{ VALUES ?a {{ {values} }} VALUES ?b {{ {values} }} VALUES ?c {{ {values} }} }}"
    );
    let out = temp_dir();
    let file = out.path().join("count.tsv");
    let started = std::time::Instant::now();
    let assert = cica_kg()
        .args(["query", "--timeout", "1", "-e", &query, "-o"])
        .arg(&file)
        .timeout(Duration::from_secs(120))
        .assert();
    refused(
        assert,
        &["error: the query took longer than 1 s (--timeout) and did not stop when cancelled"],
    );
    // 1 s, the 2 s grace, and start-up; the bound is generous for a loaded machine.
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(
        std::fs::read_dir(out.path()).unwrap().count(),
        0,
        "no file left"
    );
}

#[test]
fn a_query_past_its_time_limit_is_stopped() {
    let time_limit = |args: &[&str]| {
        let assert = cica_kg()
            .args(args)
            .timeout(Duration::from_secs(120)) // the bound: without --timeout, many minutes
            .assert();
        // Cancelled, or (on a loaded machine, where cancelling takes longer than the grace)
        // ended by the hard stop: either way within moments, exit status 2, no output.
        refused(
            assert,
            &[
                "error: the query took longer than 1 s (--timeout)",
                "give it more time with --timeout SECONDS",
            ],
        );
    };
    time_limit(&["query", "--timeout", "1", "-e", CROSS_PRODUCT]);
    // Results produced from solutions already read (the rows of a cross product) are
    // watched as they are written.
    let out = temp_dir();
    let file = out.path().join("rows.tsv");
    let every_row = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    time_limit(&[
        "query",
        "--timeout",
        "1",
        "-e",
        every_row,
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(
        std::fs::read_dir(out.path()).unwrap().count(),
        0,
        "no file left"
    );
}
