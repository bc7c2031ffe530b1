//! The command line as a user meets it: help, listing, formats, errors that name the fix.

use crate::common::{cica_kg, run_ok};
use predicates::str::contains;

#[test]
fn help_lists_the_commands() {
    let help = run_ok(&["--help"]);
    for command in ["export", "query"] {
        assert!(
            help.contains(command),
            "--help does not mention {command}:\n{help}"
        );
    }
}

#[test]
fn query_list_shows_every_named_question() {
    let list = run_ok(&["query", "--list"]);
    assert!(
        list.contains("summits  ") && list.contains("Where and when was each CICA summit held")
    );
    assert!(list.lines().count() >= 12, "{list}");
}

#[test]
fn an_unknown_named_query_lists_the_names() {
    cica_kg()
        .args(["query", "no-such-question"])
        .assert()
        .code(2)
        .stderr(contains("unknown query 'no-such-question'"))
        .stderr(contains("summits"));
}

#[test]
fn an_unknown_format_lists_the_valid_ones() {
    cica_kg()
        .args(["export", "--format", "yaml"])
        .assert()
        .failure()
        .stderr(contains("turtle"))
        .stderr(contains("jsonld"));
}

#[test]
fn a_sparql_syntax_error_gives_line_and_column() {
    cica_kg()
        .args(["query", "-e", "SELECT ?s\nWHERE { ?s ?p }"])
        .assert()
        .code(2)
        .stderr(contains("SPARQL syntax error"))
        .stderr(contains("2:"));
}

#[test]
fn inline_queries_have_the_usual_prefixes() {
    let out = run_ok(&[
        "query",
        "-f",
        "csv",
        "-e",
        "SELECT ?l WHERE { summit:3 cica:location/rdfs:label ?l }",
    ]);
    assert_eq!(out.replace("\r\n", "\n"), "l\nIstanbul\n");
}

#[test]
fn ask_prints_true_or_false() {
    assert_eq!(
        run_ok(&["query", "summit-in-china", "-f", "table"]),
        "true\n"
    );
    let out = run_ok(&[
        "query",
        "-f",
        "table",
        "-e",
        "ASK { ?s cica:location place:istanbul ; cica:ordinal 1 }",
    ]);
    assert_eq!(out, "false\n");
}

#[test]
fn construct_prints_rdf() {
    let out = run_ok(&[
        "query",
        "--rdf-format",
        "ntriples",
        "-e",
        "CONSTRUCT { ?s cica:location ?o } WHERE { ?s cica:location ?o ; cica:ordinal 3 }",
    ]);
    assert_eq!(
        out,
        "<https://w3id.org/cica-kg/summit/3> <https://w3id.org/cica-kg/ontology#location> <https://w3id.org/cica-kg/place/istanbul> .\n"
    );
}

#[test]
fn result_formats_are_the_w3c_ones() {
    let json = run_ok(&["query", "presidency", "-f", "json"]);
    assert!(json.contains("\"vars\":[\"country\",\"since\"]"), "{json}");
    let xml = run_ok(&["query", "presidency", "-f", "xml"]);
    assert!(
        xml.contains("<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">"),
        "{xml}"
    );
    let tsv = run_ok(&["query", "presidency", "-f", "tsv"]);
    assert!(
        tsv.starts_with("?country\t?since\n\"Kazakhstan\"@en\t"),
        "{tsv}"
    );
}

#[test]
fn the_base_namespace_can_be_changed() {
    let out = run_ok(&[
        "--base",
        "http://example.org/kg/",
        "export",
        "-f",
        "ntriples",
    ]);
    assert!(out.contains("<http://example.org/kg/summit/6>"));
    assert!(!out.contains("https://w3id.org/cica-kg/summit/"));
}

#[test]
fn an_invalid_base_is_refused() {
    cica_kg()
        .args(["--base", "not an iri", "export"])
        .assert()
        .code(2)
        .stderr(contains("--base"))
        .stderr(contains("absolute IRI"));
}
