//! Query texts: token soup, queries built from the graph's vocabulary, and the shipped
//! queries with random edits, in every result format, to standard output or a file.

use super::edits::{apply, edit};
use super::{check_run, config};
use crate::common::{repo, temp_dir};
use proptest::prelude::*;
use std::fs;

/// Pieces of SPARQL, and some that are not.
#[rustfmt::skip]
const TOKENS: &[&str] = &[
    "SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "WHERE", "FROM", "FROM NAMED", "GRAPH", "OPTIONAL",
    "UNION", "MINUS", "FILTER", "BIND", "VALUES", "AS", "ORDER BY", "GROUP BY", "HAVING", "LIMIT 3",
    "OFFSET 1", "DISTINCT", "REDUCED", "PREFIX ex: <http://example.org/>", "BASE <x:>", "{", "}",
    "(", ")", ".", ";", ",", "*", "a", "^", "|", "/", "+", "?", "!", "=", "!=", "<", ">=", "&&",
    "||", "-", "?s", "?p", "?o", "?x", "?label", "$s", "_:b", "[]", "cica:Summit", "cica:location",
    "cica:date", "cica:ordinal", "rdfs:label", "rdf:type", "summit:1", "place:astana", "wd:Q35493",
    "wdt:P585", "ex:x", "nope:x", "<http://example.org/x>", "<>", "<bad iri>", "\"x\"",
    "\"Astana\"@en", "\"é\"@kk-Cyrl", "'''multi\nline'''", "\"unclosed", "1", "-0", "1.5e3",
    "99999999999999999999999", "true", "\"2002-06\"^^xsd:gYearMonth", "\"x\"^^xsd:integer", "STR(",
    "LANG(", "LANGMATCHES(", "REGEX(", "REPLACE(", "STRLEN(", "SUBSTR(", "CONCAT(", "YEAR(",
    "NOW()", "RAND()", "COUNT(", "SUM(", "AVG(", "MIN(", "GROUP_CONCAT(", "SAMPLE(", "IF(",
    "COALESCE(", "EXISTS", "NOT EXISTS", "IN", "isLiteral(", "xsd:integer(", "ENCODE_FOR_URI(", "#",
    "\n", "\u{0}", "\u{FEFF}", "🙂", "é", "\\",
];

fn token_query() -> impl Strategy<Value = String> {
    let piece = (
        prop::sample::select(TOKENS),
        prop::sample::select(vec![" ", " ", "", "\n"]),
    );
    prop::collection::vec(piece, 0..30).prop_map(|pieces| {
        pieces
            .into_iter()
            .map(|(token, separator)| format!("{token}{separator}"))
            .collect()
    })
}

#[rustfmt::skip]
const PREDICATES: &[&str] = &[
    "rdfs:label", "a", "cica:date", "cica:startDate", "cica:ordinal", "cica:location",
    "cica:country", "oa:exact", "oa:start", "cica:memberCount", "skos:altLabel", "owl:sameAs",
    "rdfs:comment", "rdfs:domain", "prov:wasDerivedFrom", "cica:officialName",
];
#[rustfmt::skip]
const FILTERS: &[&str] = &[
    "", "FILTER(isLiteral(?o))", "FILTER(isLiteral(?o2))", "FILTER(LANG(?o) = \"en\")",
    "FILTER(?o > 3)", "FILTER(REGEX(STR(?o), \"a\", \"i\"))", "FILTER(STRLEN(STR(?o2)) > 5)",
    "FILTER(?s = ?s2)", "FILTER(?o != ?o2)", "FILTER(YEAR(?o) < 2010)", "FILTER(isIRI(?o))",
];
#[rustfmt::skip]
const BINDS: &[&str] = &[
    "", "BIND(STR(?o) AS ?t)", "BIND(CONCAT(STR(?o), \"|\", STR(?o2)) AS ?t)",
    "BIND(IF(isLiteral(?o), STRLEN(STR(?o)), -1) AS ?t)", "BIND(?o + ?o2 AS ?t)",
    "BIND(LANG(?o) AS ?t)", "BIND(DATATYPE(?o) AS ?t)", "BIND(xsd:integer(?o) AS ?t)",
    "BIND(UCASE(STR(?o)) AS ?t)", "BIND(BNODE() AS ?t)", "BIND(IRI(CONCAT(\"x:\", STR(?o))) AS ?t)",
];
#[rustfmt::skip]
const HEADS: &[&str] = &[
    "SELECT *", "SELECT ?o ?o2", "SELECT DISTINCT ?o", "SELECT ?s ?t",
    "SELECT ?s (COUNT(*) AS ?n) (GROUP_CONCAT(STR(?o); separator=\", \") AS ?all)",
    "SELECT (MIN(?o) AS ?min) (MAX(?o2) AS ?max) (SAMPLE(?t) AS ?any)", "ASK",
    "CONSTRUCT { ?s ?p ?o2 . ?o2 rdfs:label ?t }", "DESCRIBE ?s", "SELECT (SUM(?o) AS ?sum)",
];
#[rustfmt::skip]
const TAILS: &[&str] = &[
    "", "ORDER BY ?o", "ORDER BY ?o ?o2", "ORDER BY DESC(?o2) ?s", "ORDER BY ?t", "LIMIT 5",
    "GROUP BY ?s", "GROUP BY ?s ORDER BY ?s", "OFFSET 3 LIMIT 2", "ORDER BY STR(?o) LIMIT 7",
];

/// Valid-looking queries over the graph's own vocabulary: two triple patterns with constant
/// predicates (so no result is huge), a filter, a bind, and a head and tail that may not fit
/// them (an aggregate without GROUP BY, a CONSTRUCT with an unbound variable).
fn structured_query() -> impl Strategy<Value = String> {
    (
        prop::sample::select(HEADS),
        prop::sample::select(PREDICATES),
        prop::sample::select(PREDICATES),
        prop::sample::select(vec!["?s", "?o"]),
        prop::sample::select(FILTERS),
        prop::sample::select(BINDS),
        prop::sample::select(TAILS),
    )
        .prop_map(|(head, p1, p2, join, filter, bind, tail)| {
            let second = if join == "?s" { "?s" } else { "?o" };
            format!(
                "{head} WHERE {{ ?s {p1} ?o . OPTIONAL {{ {second} {p2} ?o2 }} BIND({second} AS ?s2) {filter} {bind} }} {tail}"
            )
        })
}

/// The queries that ship with cica-kg, none of which calls a SERVICE.
fn shipped_queries() -> Vec<String> {
    let mut texts = Vec::new();
    for folder in ["queries", "queries/checks", "queries/internal"] {
        for entry in fs::read_dir(repo().join(folder)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "rq") {
                let text = fs::read_to_string(&path).unwrap();
                if !text.to_ascii_uppercase().contains("SERVICE") {
                    texts.push(text);
                }
            }
        }
    }
    texts.sort();
    texts
}

fn mutated_query() -> impl Strategy<Value = String> {
    let texts = shipped_queries();
    (
        prop::sample::select(texts),
        prop::collection::vec(edit(), 1..4),
    )
        .prop_map(|(text, edits)| {
            let mut bytes = text.into_bytes();
            for edit in &edits {
                apply(&mut bytes, edit);
            }
            String::from_utf8_lossy(&bytes).into_owned()
        })
}

#[rustfmt::skip]
pub(crate) const RESULT_FORMATS: &[&str] = &["table", "csv", "tsv", "json", "xml"];
#[rustfmt::skip]
pub(crate) const RDF_FORMATS: &[&str] = &["turtle", "ntriples", "nquads", "trig", "rdfxml", "jsonld"];

fn query_args(text: &str, format: Option<&str>, rdf: &str, to_file: bool) -> Vec<String> {
    let mut args = vec!["query".to_owned(), "-e".to_owned(), text.to_owned()];
    if let Some(format) = format {
        args.extend(["-f".to_owned(), format.to_owned()]);
    }
    args.extend(["--rdf-format".to_owned(), rdf.to_owned()]);
    if to_file {
        args.extend(["-o".to_owned(), "results.out".to_owned()]);
    }
    args
}

proptest! {
    #![proptest_config(config())]

    /// Generated query texts, and the shipped queries with random edits.
    #[test]
    fn query_texts_never_panic(
        text in prop_oneof![token_query(), mutated_query(), structured_query()],
        format in prop::option::of(prop::sample::select(RESULT_FORMATS)),
        rdf in prop::sample::select(RDF_FORMATS),
        to_file in any::<bool>(),
    ) {
        prop_assume!(!text.to_ascii_uppercase().contains("SERVICE"));
        // An argument cannot hold a NUL byte; the query file can.
        let out = temp_dir();
        let args = if text.contains('\0') {
            let file = out.path().join("query.rq");
            fs::write(&file, &text).unwrap();
            let mut args = query_args("", format, rdf, to_file);
            args.splice(1..3, [file.display().to_string()]);
            args
        } else {
            query_args(&text, format, rdf, to_file)
        };
        check_run(&args, out.path(), out.path())?;
    }
}
