//! Statements: every fact has its value, its time (for a property that changes over time),
//! its rank and its reference. The facts files are refused when a time is missing or out of
//! place, and `cica-kg validate` holds the graph to the statement shapes of
//! `ontology/shapes.ttl` with the same verdict as pySHACL, on graphs edited by hand here.

use crate::common::{checked, cica_kg, data_copy, python, read, temp_dir};
use crate::validate::{
    cica_kg_validate, expected, export_all, pyshacl, pyshacl_each, shape_violations,
};
use std::path::Path;
use std::process::Command;

const CICA: &str = "https://w3id.org/cica-kg/ontology#";
const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

/// The statement node whose rdf:predicate is `cica:property`, in an N-Triples export.
fn statement_of(graph: &str, property: &str) -> String {
    let tail = format!(" <{RDF}predicate> <{CICA}{property}> .");
    let line = graph
        .lines()
        .find(|l| l.ends_with(&tail))
        .unwrap_or_else(|| panic!("no statement of cica:{property}"));
    line.split(' ')
        .next()
        .unwrap()
        .trim_matches(['<', '>'])
        .to_owned()
}

/// The one line of `graph` with this subject and predicate.
fn line_of(graph: &str, subject: &str, predicate: &str) -> String {
    let head = format!("<{subject}> <{predicate}> ");
    let lines: Vec<&str> = graph.lines().filter(|l| l.starts_with(&head)).collect();
    assert_eq!(lines.len(), 1, "{head}");
    lines[0].to_owned()
}

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs RDFLib and pySHACL (PyPI): ./scripts/test.sh installs it and runs with --features peers"
)]
fn graphs_that_break_a_statement_shape_are_refused_by_both_engines() {
    let dir = temp_dir();
    let real_path = dir.path().join("real.nt");
    export_all(None, &real_path);
    let real = read(&real_path);
    let members = statement_of(&real, "memberCount");
    let presidency = statement_of(&real, "presidency");
    let point = line_of(&real, &members, &format!("{CICA}pointInTime"));
    let start = line_of(&real, &presidency, &format!("{CICA}startTime"));
    let rank = line_of(&real, &members, &format!("{CICA}rank"));
    let source = line_of(
        &real,
        &format!("{members}-evidence"),
        "http://www.w3.org/ns/oa#hasSource",
    );
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "a second value",
            format!("{real}<{members}> <{RDF}object> \"28\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"),
            "StatementValueShape",
        ),
        (
            "a count without its time",
            real.replace(&format!("{point}\n"), ""),
            "StatementTimeShape",
        ),
        (
            "a point in time that is not a date",
            real.replace(
                &point,
                &format!("<{members}> <{CICA}pointInTime> \"currently\" ."),
            ),
            "StatementQualifiersShape",
        ),
        (
            "two start times",
            format!("{real}<{presidency}> <{CICA}startTime> \"2021\"^^<http://www.w3.org/2001/XMLSchema#gYear> .\n"),
            "StatementQualifiersShape",
        ),
        (
            "a rank that is not one of the three",
            real.replace(&rank, &format!("<{members}> <{CICA}rank> <{CICA}BestRank> .")),
            "StatementRankShape",
        ),
        (
            "no rank",
            real.replace(&format!("{rank}\n"), ""),
            "StatementRankShape",
        ),
        (
            "a quote from another source",
            real.replace(
                &source,
                &format!("<{members}-evidence> <http://www.w3.org/ns/oa#hasSource> <https://w3id.org/cica-kg/source/another> ."),
            ),
            "StatementReferenceShape",
        ),
    ];
    assert!(real.contains(&start));
    let mut failures = Vec::new();
    let mut checked = Vec::new();
    for (i, (name, graph_text, shape)) in cases.into_iter().enumerate() {
        assert_ne!(graph_text, real, "{name}: the edit changed nothing");
        let graph = dir.path().join(format!("bad-{i}.nt"));
        std::fs::write(&graph, graph_text).unwrap();
        let (status, report) = cica_kg_validate(None, Some(&graph));
        checked.push((name, shape, status, report, graph));
    }
    let graphs: Vec<&Path> = checked.iter().map(|(.., graph)| graph.as_path()).collect();
    let verdicts = pyshacl_each(&graphs);
    for ((name, shape, status, report, _), (conforms, theirs)) in checked.iter().zip(verdicts) {
        let focus = if *name == "two start times" {
            &presidency
        } else {
            &members
        };
        let want = expected(&[(focus.as_str(), shape)]);
        let ours = shape_violations(report);
        if *status != 1 || ours != want || conforms || theirs != want {
            failures.push(format!(
                "{name}: expected {want:?}\n  cica-kg (exit {status}): {ours:?}\n  pySHACL (conforms {conforms}): {theirs:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Replaces `old` (once) in the shipped facts file of a data copy; returns the 1-based line
/// where the replacement starts.
fn edit_facts(dir: &Path, old: &str, new: &str) -> usize {
    let path = dir.join("cica-backgrounder.toml");
    let text = read(&path);
    assert_eq!(text.matches(old).count(), 1, "{old:?}");
    let at = text.find(old).unwrap();
    std::fs::write(&path, text.replacen(old, new, 1)).unwrap();
    text[..at].matches('\n').count() + 1
}

/// `cica-kg --data DIR validate`: must exit 1 with `message` at `file:line:column`.
fn refused(dir: &Path, line: usize, column: usize, message: &str) {
    let output = cica_kg()
        .arg("--data")
        .arg(dir)
        .arg("validate")
        .output()
        .unwrap();
    let out = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(1), "{out}");
    let at = format!(
        "{}:{line}:{column}: {message}",
        dir.join("cica-backgrounder.toml").display()
    );
    assert!(out.contains(&at), "expected {at:?} in:\n{out}");
}

#[test]
fn a_count_without_its_time_is_refused() {
    let dir = data_copy();
    let old = "integer = 27\npoint_in_time = \"2022-10-12\"\n";
    // The statement starts three lines above its value.
    let line = edit_facts(dir.path(), old, "integer = 27\n") - 3;
    refused(
        dir.path(),
        line,
        1,
        "memberCount changes over time: give point_in_time, or start and/or end; write when the statement holds",
    );
}

#[test]
fn a_time_on_a_fact_that_does_not_change_is_refused() {
    let dir = data_copy();
    let old = "integer = 4\n";
    let line = edit_facts(dir.path(), old, "integer = 4\nstart = \"2014\"\n") + 1;
    refused(
        dir.path(),
        line,
        9,
        "ordinal does not change over time (the ontology does not mark it cica:timeVarying), so its statements take no point_in_time, start or end",
    );
}

#[test]
fn times_that_cannot_be_are_refused() {
    let dir = data_copy();
    let line = edit_facts(
        dir.path(),
        "start = \"2020\"\n",
        "start = \"2020\"\nend = \"2019\"\n",
    ) + 1;
    refused(
        dir.path(),
        line,
        7,
        "the statement ends (2019) before it starts (2020); correct start or end",
    );
    let dir = data_copy();
    let line = edit_facts(
        dir.path(),
        "start = \"2020\"\n",
        "point_in_time = \"2022\"\nstart = \"2020\"\n",
    );
    refused(
        dir.path(),
        line,
        17,
        "a statement has a point in time or a start and end, not both",
    );
    let dir = data_copy();
    let line = edit_facts(dir.path(), "start = \"2020\"\n", "start = \"2020-13\"\n");
    refused(
        dir.path(),
        line,
        9,
        "invalid date '2020-13': month 13 does not exist",
    );
    let dir = data_copy();
    let line = edit_facts(
        dir.path(),
        "start = \"2020\"\n",
        "start = \"2020\"\nrank = \"best\"\n",
    ) + 1;
    refused(
        dir.path(),
        line,
        8,
        "unknown rank 'best'; write rank = \"preferred\", \"normal\" or \"deprecated\", or leave it out (normal)",
    );
}

#[test]
fn one_source_stating_a_fact_twice_is_still_a_duplicate() {
    let dir = data_copy();
    let path = dir.path().join("cica-backgrounder.toml");
    let text = read(&path);
    let line = text.lines().count() + 2;
    std::fs::write(
        &path,
        format!("{text}\n[[statement]]\nsubject = \"organization/cica\"\nproperty = \"memberCount\"\ninteger = 27\npoint_in_time = \"2022-10-12\"\nquote = \"the CICA has 27 member states\"\n"),
    )
    .unwrap();
    refused(
        dir.path(),
        line,
        1,
        "duplicate statement: 'organization/cica' memberCount is stated twice with the same value (and time) by this source",
    );
}

#[test]
fn a_deprecated_statement_stays_in_the_record_but_not_in_the_facts() {
    let dir = data_copy();
    edit_facts(
        dir.path(),
        "integer = 14\n",
        "integer = 14\nrank = \"deprecated\"\n",
    );
    let query = |text: &str| {
        let output = cica_kg()
            .arg("--data")
            .arg(dir.path())
            .args(["query", "-f", "csv", "-e", text])
            .output()
            .unwrap();
        String::from_utf8(checked(output, text).stdout)
            .unwrap()
            .replace("\r\n", "\n")
    };
    assert_eq!(
        query("SELECT ?n { organization:cica cica:observerCount ?n }"),
        "n\n"
    );
    assert_eq!(
        query("SELECT ?n ?rank { ?s rdf:predicate cica:observerCount ; rdf:object ?n ; cica:rank ?rank }"),
        format!("n,rank\n14,{CICA}DeprecatedRank\n")
    );
    let output = cica_kg()
        .arg("--data")
        .arg(dir.path())
        .arg("validate")
        .output()
        .unwrap();
    assert!(output.status.success());
}

/// Counts, with RDFLib, what an N-Quads export of several sources holds.
const RDFLIB_COUNT: &str = r#"
import sys, rdflib
g = rdflib.Dataset()
g.parse(sys.argv[1], format="nquads")
q = """
PREFIX cica: <https://w3id.org/cica-kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?n ?t ?best WHERE {
  GRAPH ?g { ?s rdf:predicate cica:memberCount ; rdf:object ?n ; cica:pointInTime ?t .
             BIND(EXISTS { ?s a cica:BestStatement } AS ?best) } }
ORDER BY ?t
"""
for row in g.query(q):
    print(row.n, row.t, row.best)
"#;

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs RDFLib and pySHACL (PyPI): ./scripts/test.sh installs it and runs with --features peers"
)]
fn an_export_of_two_sources_reads_back_in_rdflib_and_conforms_for_pyshacl() {
    let dir = data_copy();
    let fixtures = crate::common::repo().join("tests/fixtures/sources");
    for file in [
        "test-entities.toml",
        "fictional-2023-members.txt",
        "fictional-2023-members.toml",
    ] {
        std::fs::copy(fixtures.join(file), dir.path().join(file)).unwrap();
    }
    let out = temp_dir();
    let nquads = out.path().join("graph.nq");
    let output = cica_kg()
        .arg("--data")
        .arg(dir.path())
        .args(["export", "-o"])
        .arg(&nquads)
        .output()
        .unwrap();
    checked(output, "cica-kg export");
    let output = Command::new(python())
        .args(["-c", RDFLIB_COUNT])
        .arg(&nquads)
        .output()
        .unwrap();
    let rows = String::from_utf8(checked(output, "RDFLib").stdout).unwrap();
    assert_eq!(rows, "27 2022-10-12 false\n28 2023-06-15 true\n");
    let all = out.path().join("all.nt");
    export_all(Some(dir.path()), &all);
    let (conforms, results) = pyshacl(&all);
    assert!(conforms, "{results:?}");
}
