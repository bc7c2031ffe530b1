//! The command line as a user meets it: help, listing, formats, errors that name the fix.

use crate::common::{cica_kg, repo, run_ok};
use predicates::str::contains;

/// The lines of `--help` that name a subcommand: two spaces, the name, spaces, its summary.
fn listed_commands(help: &str) -> Vec<&str> {
    let section = help
        .split_once("Commands:\n")
        .map(|(_, rest)| rest)
        .unwrap_or_else(|| panic!("no Commands section in --help:\n{help}"));
    section
        .lines()
        .take_while(|l| l.starts_with("  "))
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .collect()
}

#[test]
fn help_lists_the_commands() {
    let help = run_ok(&["--help"]);
    assert!(
        help.starts_with("Build, query and export the knowledge graph"),
        "{help}"
    );
    assert!(
        help.contains("Usage: cica-kg [OPTIONS] <COMMAND>"),
        "{help}"
    );
    assert_eq!(
        listed_commands(&help),
        [
            "export",
            "query",
            "link",
            "quickstatements",
            "wikidata",
            "validate",
            "serve",
            "push",
            "sources",
            "draft",
            "accept",
            "review",
            "help"
        ]
    );
    for option in ["--data <DIR>", "--base <IRI>", "--version"] {
        assert!(help.contains(option), "--help lacks {option}:\n{help}");
    }
}

/// Each command, its usage line and the options a user of it needs, written from the README.
const COMMAND_HELP: &[(&str, &str, &[&str])] = &[
    (
        "export",
        "Usage: cica-kg export [OPTIONS]",
        &[
            "--format <FORMAT>",
            "--output <FILE>",
            "--graph <GRAPH>",
            "--profile <PROFILE>",
            "rdfxml",
            "jsonld",
        ],
    ),
    (
        "query",
        "Usage: cica-kg query [OPTIONS] <NAME|FILE> | -e QUERY | --list | --prefixes",
        &[
            "--expression <SPARQL>",
            "--bind <VAR=TERM>",
            "--list",
            "--prefixes",
            "--format <FORMAT>",
            "--rdf-format <RDF_FORMAT>",
            "--service-map <IRI=URL>",
            "--service-timeout <SECONDS>",
        ],
    ),
    (
        "link",
        "Usage: cica-kg link [OPTIONS]",
        &["--report", "--format <FORMAT>", "--output <FILE>"],
    ),
    (
        "quickstatements",
        "Usage: cica-kg quickstatements [OPTIONS]",
        &["--qid <ID=QID>", "--create [<ID>...]", "--output <FILE>"],
    ),
    (
        "validate",
        "Usage: cica-kg validate [OPTIONS]",
        &[
            "--format <FORMAT>",
            "--graph-file <FILE>",
            "Exit status 0 valid, 1 problems found, 2 the check could not run",
        ],
    ),
];

#[test]
fn every_command_has_its_help() {
    for &(command, usage, options) in COMMAND_HELP {
        for args in [[command, "--help"], ["help", command]] {
            let help = run_ok(&args);
            assert!(
                help.contains(usage),
                "{args:?}: no usage line {usage:?}:\n{help}"
            );
            for option in options {
                assert!(help.contains(option), "{args:?} lacks {option}:\n{help}");
            }
            // The global options are offered under every command.
            assert!(
                help.contains("--data <DIR>") && help.contains("--base <IRI>"),
                "{help}"
            );
        }
    }
}

#[test]
fn query_list_shows_every_named_question() {
    let list = run_ok(&["query", "--list"]);
    // One line per file of queries/ (not checks/ or internal/), counted here from the folder.
    let mut files: Vec<String> = std::fs::read_dir(repo().join("queries"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut names: Vec<String> = list
        .lines()
        .map(|l| {
            l.split_once("  ")
                .expect("name, then the question")
                .0
                .to_owned()
        })
        .collect();
    names.sort();
    assert_eq!(names, files);
    assert!(
        list.lines().any(|l| l.starts_with("summits  ")
            && l.ends_with("  Where and when was each CICA summit held, in order?")),
        "{list}"
    );
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
fn an_invalid_base_is_refused() {
    cica_kg()
        .args(["--base", "not an iri", "export"])
        .assert()
        .code(2)
        .stderr(contains("--base"))
        .stderr(contains("absolute IRI"));
}
