//! `--base`: the data can live under any namespace, and nothing else changes. The same facts
//! under two bases give the same graph up to the base (blank nodes compared by
//! canonicalization), the named queries answer the same, and no IRI of the default base is
//! left in any output under another base (only the ontology's and the shapes' fixed
//! namespaces stay).

use crate::common::run_ok;
use cica_kg::query::named_queries;
use cica_kg::vocab::{cica, cicash, Iris, DEFAULT_BASE};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::dataset::CanonicalizationAlgorithm;
use oxigraph::model::{Dataset, GraphName, NamedNode, NamedOrBlankNode, Quad, Term};

const OTHER: &str = "http://example.org/kg/";

/// `cica-kg [--base BASE] ARGS`.
fn under(base: Option<&str>, args: &[&str]) -> String {
    let mut all: Vec<&str> = Vec::new();
    if let Some(base) = base {
        all.extend(["--base", base]);
    }
    all.extend(args);
    run_ok(&all)
}

/// The data namespaces (entities, sources, statements, graphs) under the default base and
/// under `OTHER`: the predefined prefixes whose namespace moves with the base.
fn data_namespaces() -> Vec<(String, String)> {
    let other = Iris::new(OTHER).expect("a valid base").prefixes();
    let moving: Vec<(String, String)> = Iris::default()
        .prefixes()
        .into_iter()
        .zip(other)
        .filter(|(default, other)| default.1 != other.1)
        .map(|((_, default), (_, other))| (default, other))
        .collect();
    // summit, place, organization, document, event, mechanism, source, statement, graph.
    assert_eq!(moving.len(), 9, "{moving:?}");
    moving
}

/// An IRI with the default base of a data namespace replaced by `OTHER`.
fn moved(iri: &NamedNode, namespaces: &[(String, String)]) -> NamedNode {
    namespaces
        .iter()
        .find_map(|(default, other)| {
            let local = iri.as_str().strip_prefix(default.as_str())?;
            Some(NamedNode::new(format!("{other}{local}")).expect("a valid IRI"))
        })
        .unwrap_or_else(|| iri.clone())
}

fn dataset(nquads: &str) -> Dataset {
    RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(nquads.as_bytes())
        .map(|q| q.expect("cica-kg's N-Quads parse"))
        .collect()
}

#[test]
fn the_same_facts_under_another_base_differ_only_by_the_base() {
    let args = ["export", "-f", "nquads", "--graph", "all"];
    let default = dataset(&under(None, &args));
    let other = dataset(&under(Some(OTHER), &args));
    assert_eq!(default.len(), other.len());
    assert!(default.len() > 1000, "{} quads", default.len());
    let namespaces = data_namespaces();
    let mut expected: Dataset = default
        .iter()
        .map(|quad| {
            let quad = quad.into_owned();
            let subject = match quad.subject {
                NamedOrBlankNode::NamedNode(n) => moved(&n, &namespaces).into(),
                other => other,
            };
            let object = match quad.object {
                Term::NamedNode(n) => moved(&n, &namespaces).into(),
                other => other,
            };
            let graph_name = match quad.graph_name {
                GraphName::NamedNode(n) => moved(&n, &namespaces).into(),
                other => other,
            };
            Quad::new(
                subject,
                moved(&quad.predicate, &namespaces),
                object,
                graph_name,
            )
        })
        .collect();
    assert_ne!(expected, default, "moving the base changes the data's IRIs");
    let mut other = other;
    expected.canonicalize(CanonicalizationAlgorithm::Unstable);
    other.canonicalize(CanonicalizationAlgorithm::Unstable);
    let missing: Vec<String> = expected
        .iter()
        .filter(|q| !other.contains(*q))
        .take(5)
        .map(|q| q.to_string())
        .collect();
    let extra: Vec<String> = other
        .iter()
        .filter(|q| !expected.contains(*q))
        .take(5)
        .map(|q| q.to_string())
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "under {OTHER}, missing: {missing:#?}\nextra: {extra:#?}"
    );
}

#[test]
fn the_named_queries_answer_the_same_under_another_base() {
    let mut compared = 0;
    for query in named_queries().expect("the shipped queries") {
        if query.header.requires.is_some() {
            continue; // needs a remote endpoint
        }
        let mut args = vec!["query", query.name.as_str(), "-f", "table"];
        args.extend(query.header.example.iter().map(String::as_str));
        let default = under(None, &args);
        let other = under(Some(OTHER), &args);
        assert_eq!(default, other, "{} under {OTHER}", query.name);
        compared += 1;
    }
    assert!(compared >= 12, "{compared} queries");
    // The same bound query, by IRIs: the base moved and nothing else.
    let args = [
        "query",
        "evidence",
        "-f",
        "tsv",
        "--bind",
        "subject=summit:3",
        "--bind",
        "property=cica:location",
    ];
    let default = under(None, &args);
    let other = under(Some(OTHER), &args);
    assert!(
        default.contains(&format!("<{DEFAULT_BASE}summit/3>")),
        "{default}"
    );
    let expected = data_namespaces().iter().fold(default, |text, (from, to)| {
        text.replace(&format!("<{from}"), &format!("<{to}"))
    });
    assert_eq!(other, expected);
}

/// Where `text` names an IRI under the default base that is not one of the fixed namespaces
/// (the ontology, its versions, the shapes).
fn leaks(text: &str) -> Vec<String> {
    let fixed = [
        &cica::ONTOLOGY[DEFAULT_BASE.len()..],
        &cicash::NAMESPACE[DEFAULT_BASE.len()..],
    ];
    text.match_indices(DEFAULT_BASE)
        .map(|(at, _)| &text[at + DEFAULT_BASE.len()..])
        .filter(|rest| !fixed.iter().any(|f| rest.starts_with(f)))
        .map(|rest| {
            format!(
                "{DEFAULT_BASE}{}",
                rest.chars().take(30).collect::<String>()
            )
        })
        .collect()
}

#[test]
fn no_iri_of_the_default_base_leaks_under_another_base() {
    assert!(!leaks(&format!("<{DEFAULT_BASE}summit/1>")).is_empty());
    let mut outputs: Vec<Vec<&str>> = Vec::new();
    for format in ["turtle", "ntriples", "nquads", "trig", "rdfxml", "jsonld"] {
        outputs.push(vec!["export", "-f", format, "--graph", "all"]);
        outputs.push(vec!["export", "-f", format, "--profile", "wikidata"]);
        outputs.push(vec!["link", "-f", format]);
    }
    outputs.extend([
        vec!["link", "--report"],
        vec!["quickstatements", "--create"],
        vec!["validate", "--format", "json"],
        vec!["query", "--prefixes"],
        vec!["query", "-f", "tsv", "-e", "SELECT * WHERE { ?s ?p ?o }"],
        vec![
            "query",
            "--rdf-format",
            "ntriples",
            "-e",
            "DESCRIBE summit:6 source:xinhua-2022-10-12-cica-backgrounder",
        ],
    ]);
    let mut found = Vec::new();
    for args in &outputs {
        let out = under(Some(OTHER), args);
        if args[0] == "query" {
            assert!(
                out.contains(&format!("{OTHER}source/")),
                "{args:?} names the source"
            );
        }
        assert!(
            out.contains(OTHER) || args[0] != "export",
            "{args:?} has no IRI under {OTHER}"
        );
        found.extend(
            leaks(&out)
                .into_iter()
                .map(|l| format!("{}: {l}", args.join(" "))),
        );
    }
    found.dedup();
    assert!(found.is_empty(), "{found:#?}");
}
