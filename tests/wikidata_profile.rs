//! The Wikidata profile in the shape Wikibase's RDF gives Wikidata (checked against Wikibase's
//! own code, as docs/wikidata.md records): `schema:` is `http://schema.org/`; the prefixes
//! WDQS users write are predefined; best statements are `wikibase:BestRank`; full value nodes
//! are `wdv:` nodes with the time's timezone and calendar and the count's unit. Answers written
//! by hand from the article and data/*.toml.

use crate::common::run_ok;
use std::collections::BTreeSet;

/// The TSV rows of `query --profile wikidata` over `data` (the shipped data if `None`).
fn rows_in(data: Option<&str>, sparql: &str) -> BTreeSet<String> {
    let mut args = Vec::new();
    if let Some(dir) = data {
        args.extend(["--data", dir]);
    }
    args.extend(["query", "--profile", "wikidata", "-f", "tsv", "-e", sparql]);
    run_ok(&args).lines().skip(1).map(str::to_owned).collect()
}

fn rows(sparql: &str) -> BTreeSet<String> {
    rows_in(None, sparql)
}

fn set(rows: &[&str]) -> BTreeSet<String> {
    rows.iter().map(|r| (*r).to_owned()).collect()
}

const WD: &str = "http://www.wikidata.org/entity/";

#[test]
fn schema_is_http_schema_org_as_wikibase_writes_it() {
    // The CICA's description, as a WDQS user asks for it.
    assert_eq!(
        rows("SELECT ?d WHERE { ?cica wdt:P31 wd:Q484652 ; schema:description ?d }"),
        set(&["\"a forum on security issues\"@en"])
    );
    assert_eq!(
        rows("SELECT ?d WHERE { ?cica wdt:P31 wd:Q484652 ; <http://schema.org/description> ?d }"),
        set(&["\"a forum on security issues\"@en"])
    );
    // The cica profile keeps its own https://schema.org/ (the article is a schema:NewsArticle).
    let out = run_ok(&[
        "query",
        "-f",
        "tsv",
        "-e",
        "SELECT (COUNT(*) AS ?n) WHERE { ?a a schema:NewsArticle }",
    ]);
    assert_eq!(out.lines().nth(1), Some("1"), "{out}");
}

#[test]
fn the_prefixes_wdqs_users_write_are_predefined() {
    // Every full value node is a wdv: node. Each prefix WDQS users write parses (the
    // statement and reference nodes keep the graph's own IRIs, and qualifiers and references
    // have no value nodes, so these find nothing; hint: is in tests/label_service.rs).
    let count = |filter: &str| {
        rows(&format!(
            "SELECT (COUNT(DISTINCT ?v) AS ?n) WHERE {{ ?st ?psv ?v . \
             ?v a ?class FILTER(?class IN (wikibase:TimeValue, wikibase:QuantityValue)) {filter} }}"
        ))
    };
    let all = count("");
    assert_ne!(all, set(&["0"]));
    assert_eq!(count("FILTER(STRSTARTS(STR(?v), STR(wdv:)))"), all);
    for prefix in ["pqv", "prv", "wds", "wdref", "wdv"] {
        let out = run_ok(&[
            "query",
            "--profile",
            "wikidata",
            "-f",
            "tsv",
            "-e",
            &format!("SELECT (COUNT(*) AS ?n) WHERE {{ ?s {prefix}:x ?o }}"),
        ]);
        assert_eq!(out.lines().nth(1), Some("0"), "{prefix}: {out}");
    }
}

#[test]
fn time_value_nodes_carry_timezone_and_calendar_and_counts_their_unit() {
    // The sixth summit began on 12 October 2022 (a day: 11), in UTC, in the proleptic
    // Gregorian calendar (Q1985727).
    assert_eq!(
        rows("SELECT ?precision ?timezone ?calendar WHERE { ?s wdt:P276 wd:Q1520 ; p:P580/psv:P580 ?v . \
              ?v wikibase:timePrecision ?precision ; wikibase:timeTimezone ?timezone ; wikibase:timeCalendarModel ?calendar }"),
        set(&[&format!("11\t0\t<{WD}Q1985727>")])
    );
    // 27 member states: a quantity whose unit is "1" (Q199).
    assert_eq!(
        rows("SELECT ?amount ?unit WHERE { ?cica p:P2124/psv:P2124 ?v . ?v wikibase:quantityAmount ?amount ; wikibase:quantityUnit ?unit }"),
        set(&[&format!("\"27\"^^<http://www.w3.org/2001/XMLSchema#decimal>\t<{WD}Q199>")])
    );
}

#[test]
fn best_statements_are_best_rank() {
    // The shipped article (27 member states, 2022-10-12) and a fictional one of 2023 (28):
    // both are statements, only the latest is the best one.
    let data = crate::sources::data_with(&["fictional-2023-members"]);
    let dir = data.path().to_str().unwrap();
    assert_eq!(
        rows_in(
            Some(dir),
            "SELECT ?n WHERE { ?cica p:P2124 ?st . ?st ps:P2124 ?n ; a wikibase:BestRank }"
        ),
        set(&["\"28\"^^<http://www.w3.org/2001/XMLSchema#decimal>"])
    );
    // With the shipped article alone, its count is the best statement.
    assert_eq!(
        rows("SELECT ?n WHERE { ?cica p:P2124 ?st . ?st ps:P2124 ?n ; a wikibase:BestRank }"),
        set(&["\"27\"^^<http://www.w3.org/2001/XMLSchema#decimal>"])
    );
}
