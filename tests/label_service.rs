//! The offline label service of `query --profile wikidata` (`SERVICE wikibase:label`), rule by
//! rule as the WDQS manual gives them (written down in src/wikidata/label_service/mod.rs):
//! each query with the service is run by cica-kg and compared with a reference, the same
//! question written without the service (its OPTIONAL rewrite) evaluated by Oxigraph itself on
//! the same profile graph (`export --profile wikidata`), and with answers written by hand from
//! data/entities.toml and data/cica-backgrounder.toml.

use crate::common::run_ok;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::sync::OnceLock;

const PREFIXES: &str = "PREFIX wd: <http://www.wikidata.org/entity/> \
    PREFIX wdt: <http://www.wikidata.org/prop/direct/> \
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> \
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#> \
    PREFIX schema: <http://schema.org/> ";

/// The profile graph, as `export --profile wikidata` writes it, in an Oxigraph store.
fn profile() -> &'static Store {
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE.get_or_init(|| {
        let triples = run_ok(&["export", "--profile", "wikidata", "-f", "ntriples"]);
        let store = Store::new().unwrap();
        store
            .load_from_reader(
                RdfParser::from_format(RdfFormat::NTriples),
                triples.as_bytes(),
            )
            .expect("the profile export parses");
        store
    })
}

/// The rows of cica-kg's answer (TSV), sorted: a multiset.
fn cica(sparql: &str) -> Vec<String> {
    let mut rows: Vec<String> =
        run_ok(&["query", "--profile", "wikidata", "-f", "tsv", "-e", sparql])
            .lines()
            .skip(1)
            .map(str::to_owned)
            .collect();
    rows.sort();
    rows
}

/// The rows of the reference query evaluated by Oxigraph on the profile graph, in the same
/// shape (terms as in TSV, an unbound variable empty), sorted.
fn reference(sparql: &str) -> Vec<String> {
    let QueryResults::Solutions(solutions) = SparqlEvaluator::new()
        .parse_query(&format!("{PREFIXES}{sparql}"))
        .unwrap()
        .on_store(profile())
        .execute()
        .unwrap()
    else {
        panic!("not solutions");
    };
    let variables = solutions.variables().to_vec();
    let mut rows: Vec<String> = solutions
        .map(|s| {
            let s = s.unwrap();
            variables
                .iter()
                .map(|v| s.get(v).map(ToString::to_string).unwrap_or_default())
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect();
    rows.sort();
    rows
}

/// cica-kg's answer with the service, checked against the reference; returned for the
/// answers written by hand.
fn same(with_service: &str, without: &str) -> Vec<String> {
    let actual = cica(with_service);
    assert_eq!(actual, reference(without), "{with_service}");
    actual
}

fn sorted(rows: &[&str]) -> Vec<String> {
    let mut rows: Vec<String> = rows.iter().map(|r| (*r).to_owned()).collect();
    rows.sort();
    rows
}

const WD: &str = "http://www.wikidata.org/entity/";

#[test]
fn an_unbound_entity_gets_no_label_and_keeps_its_row() {
    // Four countries (Kazakhstan, Tajikistan, Turkey, China); the article names the capitals
    // of two: Astana (Kazakh capital) and Dushanbe (Tajik capital). One row each, not one per
    // labelled entity.
    let rows = same(
        "SELECT ?country ?capital ?capitalLabel WHERE { ?country wdt:P31 wd:Q6256 . \
         OPTIONAL { ?country wdt:P36 ?capital } \
         SERVICE wikibase:label { bd:serviceParam wikibase:language \"en\". } }",
        "SELECT ?country ?capital ?capitalLabel WHERE { ?country wdt:P31 wd:Q6256 . \
         OPTIONAL { ?country wdt:P36 ?capital \
           OPTIONAL { ?capital rdfs:label ?capitalLabel FILTER(LANG(?capitalLabel) = \"en\") } } }",
    );
    assert_eq!(
        rows,
        sorted(&[
            &format!("<{WD}Q232>\t<{WD}Q1520>\t\"Astana\"@en"),
            &format!("<{WD}Q863>\t<{WD}Q9365>\t\"Dushanbe\"@en"),
            &format!("<{WD}Q43>\t\t"),
            &format!("<{WD}Q148>\t\t"),
        ])
    );
    // Five cities (Almaty, Astana, Istanbul, Shanghai, Dushanbe), none with a capital.
    let rows = same(
        "SELECT ?c ?city ?cityLabel WHERE { ?c wdt:P31 wd:Q515 . OPTIONAL { ?c wdt:P36 ?city } \
         SERVICE wikibase:label { bd:serviceParam wikibase:language \"en\". } }",
        "SELECT ?c ?city ?cityLabel WHERE { ?c wdt:P31 wd:Q515 . OPTIONAL { ?c wdt:P36 ?city \
           OPTIONAL { ?city rdfs:label ?cityLabel FILTER(LANG(?cityLabel) = \"en\") } } }",
    );
    assert_eq!(rows.len(), 5, "{rows:?}");
    assert!(rows.iter().all(|r| r.ends_with("\t\t")), "{rows:?}");
}

#[test]
fn the_first_language_of_the_list_that_has_a_label_wins() {
    // The graph's labels are English: "fr,en" and "[AUTO_LANGUAGE]" (English offline) give
    // the English label.
    let reference_query = "SELECT ?c ?cLabel WHERE { ?c wdt:P31 wd:Q6256 . \
         OPTIONAL { ?c rdfs:label ?fr FILTER(LANG(?fr) = \"fr\") } \
         OPTIONAL { ?c rdfs:label ?en FILTER(LANG(?en) = \"en\") } \
         BIND(COALESCE(?fr, ?en) AS ?cLabel) }";
    for languages in ["fr,en", "[AUTO_LANGUAGE]", "fr, en"] {
        let rows = same(
            &format!(
                "SELECT ?c ?cLabel WHERE {{ ?c wdt:P31 wd:Q6256 . \
                 SERVICE wikibase:label {{ bd:serviceParam wikibase:language \"{languages}\". }} }}"
            ),
            reference_query,
        );
        assert_eq!(
            rows,
            sorted(&[
                &format!("<{WD}Q232>\t\"Kazakhstan\"@en"),
                &format!("<{WD}Q863>\t\"Tajikistan\"@en"),
                &format!("<{WD}Q43>\t\"Turkey\"@en"),
                &format!("<{WD}Q148>\t\"China\"@en"),
            ]),
            "{languages}"
        );
    }
}

#[test]
fn an_item_without_a_label_in_the_languages_is_labelled_with_its_id() {
    let rows = same(
        "SELECT ?c ?cLabel WHERE { ?c wdt:P31 wd:Q6256 . \
         SERVICE wikibase:label { bd:serviceParam wikibase:language \"fr\". } }",
        "SELECT ?c ?cLabel WHERE { ?c wdt:P31 wd:Q6256 . \
         OPTIONAL { ?c rdfs:label ?fr FILTER(LANG(?fr) = \"fr\") } \
         BIND(COALESCE(?fr, STRAFTER(STR(?c), STR(wd:))) AS ?cLabel) }",
    );
    assert!(rows.contains(&format!("<{WD}Q232>\t\"Q232\"")), "{rows:?}");
    assert!(rows.contains(&format!("<{WD}Q148>\t\"Q148\"")), "{rows:?}");
}

#[test]
fn descriptions_and_aliases_are_bound_in_the_language_asked_for() {
    // China's other name is "People's Republic of China"; the CICA's is "CICA", and its
    // description "a forum on security issues"; Kazakhstan has neither.
    let rows = same(
        "SELECT ?x ?xAltLabel ?xDescription WHERE { \
         VALUES ?x { wd:Q148 wd:Q232 <https://w3id.org/cica-kg/organization/cica> } \
         SERVICE wikibase:label { bd:serviceParam wikibase:language \"en\". } }",
        "SELECT ?x ?xAltLabel ?xDescription WHERE { \
         VALUES ?x { wd:Q148 wd:Q232 <https://w3id.org/cica-kg/organization/cica> } \
         OPTIONAL { SELECT ?x (STRLANG(GROUP_CONCAT(STR(?a); SEPARATOR=\", \"), \"en\") AS ?xAltLabel) \
           WHERE { ?x skos:altLabel ?a FILTER(LANG(?a) = \"en\") } GROUP BY ?x } \
         OPTIONAL { ?x schema:description ?xDescription FILTER(LANG(?xDescription) = \"en\") } }",
    );
    assert_eq!(
        rows,
        sorted(&[
            &format!("<{WD}Q148>\t\"People's Republic of China\"@en\t"),
            &format!("<{WD}Q232>\t\t"),
            "<https://w3id.org/cica-kg/organization/cica>\t\"CICA\"@en\t\"a forum on security issues\"@en",
        ])
    );
}

#[test]
fn manual_mode_binds_the_variables_named_inside_the_service() {
    let rows = same(
        "SELECT ?name ?aliases ?text WHERE { VALUES ?x { <https://w3id.org/cica-kg/organization/cica> } \
         SERVICE wikibase:label { bd:serviceParam wikibase:language \"en\". \
           ?x rdfs:label ?name . ?x skos:altLabel ?aliases . ?x schema:description ?text } }",
        "SELECT ?name ?aliases ?text WHERE { VALUES ?x { <https://w3id.org/cica-kg/organization/cica> } \
         OPTIONAL { ?x rdfs:label ?name FILTER(LANG(?name) = \"en\") } \
         OPTIONAL { ?x skos:altLabel ?aliases FILTER(LANG(?aliases) = \"en\") } \
         OPTIONAL { ?x schema:description ?text FILTER(LANG(?text) = \"en\") } }",
    );
    assert_eq!(
        rows,
        sorted(&["\"Conference on Interaction and Confidence Building Measures in Asia\"@en\t\"CICA\"@en\t\"a forum on security issues\"@en"])
    );
}

#[test]
fn query_hints_are_accepted_and_change_nothing() {
    let rows = same(
        "SELECT ?c ?cLabel WHERE { hint:Query hint:optimizer \"None\" . ?c wdt:P31 wd:Q6256 . \
         hint:Prior hint:runFirst true . \
         SERVICE wikibase:label { bd:serviceParam wikibase:language \"en\". } }",
        "SELECT ?c ?cLabel WHERE { ?c wdt:P31 wd:Q6256 ; rdfs:label ?cLabel FILTER(LANG(?cLabel) = \"en\") }",
    );
    assert_eq!(rows.len(), 4, "{rows:?}");
}
