//! `cica-kg query` builds a store of only the triples a query can read (`query::Reach`). That
//! must never change an answer: every shipped query, and queries written to reach into each
//! corner (the provenance and ontology graphs, `rdf:type` with and without a class, paths,
//! `EXISTS`, `MINUS`, subqueries, aggregates), answers the same over that store as over the
//! whole graph; and what cannot be told from the patterns reads everything.

use cica_kg::facts::{self, DataSource, Facts};
use cica_kg::ontology;
use cica_kg::query::{self, named_queries, Output, QueryText, Reach, ResultFormat};
use cica_kg::rdf::export::ExportFormat;
use cica_kg::rdf::KnowledgeGraph;
use cica_kg::vocab::Iris;
use oxigraph::store::Store;

const PREFIXES: &str = "PREFIX cica: <https://w3id.org/cica-kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX prov: <http://www.w3.org/ns/prov#>
";

/// Queries whose answers depend on the provenance or ontology graph, or on many kinds of
/// triple at once; each has at least one row (or is true) on the real data.
const CORNERS: &[&str] = &[
    "SELECT (COUNT(*) AS ?n) { ?s a ?class }",
    "SELECT ?class (COUNT(?s) AS ?n) { ?s a ?class } GROUP BY ?class",
    "SELECT ?q { ?e oa:exact ?q }",
    "ASK { ?s cica:evidence/oa:hasSelector/oa:start ?n }",
    "SELECT ?n { ?s cica:evidence/oa:hasSelector/oa:end ?n FILTER(?n > 100) }",
    "SELECT ?s { ?s a cica:Summit MINUS { ?s cica:ordinal 1 } }",
    "SELECT ?s ?o { ?o ^cica:location ?s }",
    "SELECT ?s { ?s (cica:location|cica:headquarters) ?o }",
    "SELECT ?n { { SELECT (COUNT(*) AS ?n) { ?st rdf:subject ?o } } }",
    "SELECT ?s { ?s a/rdfs:subClassOf ?super }",
    "SELECT ?l { ?c a owl:Class ; rdfs:label ?l }",
    "SELECT ?s ?l { ?s rdfs:label ?l FILTER NOT EXISTS { ?s a cica:Summit } }",
    "SELECT ?s ?e { ?s a cica:Summit BIND(EXISTS { ?x rdf:subject ?s } AS ?e) }",
    "SELECT ?s { ?s cica:ordinal ?o OPTIONAL { ?s cica:endDate ?end FILTER EXISTS { ?t prov:wasDerivedFrom ?src } } }",
    "SELECT ?s { ?s a cica:Summit } ORDER BY DESC(EXISTS { ?st rdf:subject ?s ; cica:rank cica:PreferredRank })",
    "SELECT ?s ?p ?o { ?s a cica:Summit ; ?p ?o }",
    "SELECT ?s ?o { ?s cica:follows+ ?o }",
    "SELECT ?s ?o { ?s cica:follows* ?o }",
    "SELECT ?s ?o { ?s !cica:follows ?o }",
    "SELECT ?g { GRAPH ?g { } }",
    "SELECT ?s { ?s cica:location ?o VALUES ?o { <https://w3id.org/cica-kg/place/almaty> } }",
    "CONSTRUCT { ?s cica:at ?o } WHERE { ?s cica:location ?o }",
    "DESCRIBE <https://w3id.org/cica-kg/summit/1>",
    "ASK { ?s a cica:Statement }",
];

fn facts() -> Facts {
    let schema = &ontology::shipped().unwrap().schema;
    facts::load(&DataSource::Embedded, schema).unwrap()
}

/// The answer of `text` over `store` in N-Triples-like TSV (or Turtle), its lines sorted
/// unless the query orders them.
fn answer(store: &Store, origin: &str, text: &str) -> Vec<String> {
    let prepared = prepare(origin, text);
    let ordered = text.contains("ORDER BY");
    let output = Output {
        solutions: ResultFormat::Tsv,
        solutions_chosen: true,
        rdf: ExportFormat::Ntriples,
    };
    let prefixes = Iris::default().prefixes();
    let results = query::evaluate(store, origin, prepared, query::offline()).unwrap();
    let mut written = Vec::new();
    query::write_results(results, output, &prefixes, &mut written).unwrap();
    let mut lines: Vec<String> = String::from_utf8(written)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    if !ordered {
        lines.sort();
    }
    lines
}

fn prepare(origin: &str, text: &str) -> spargebra::Query {
    let prefixes = Iris::default().prefixes();
    QueryText {
        origin,
        text,
        prefixes: &prefixes,
        bindings: &[],
    }
    .prepare()
    .unwrap_or_else(|e| panic!("{origin}: {e}"))
}

fn same_answer(whole: &KnowledgeGraph, origin: &str, text: &str) -> Vec<String> {
    let reach = Reach::of(&prepare(origin, text));
    let scoped = KnowledgeGraph::from_facts_selected(facts(), Iris::default(), &reach).unwrap();
    let expected = answer(whole.store(), origin, text);
    assert_eq!(
        answer(scoped.store(), origin, text),
        expected,
        "{origin}: the store of what it reads ({} quads) answers otherwise",
        scoped.store().len().unwrap()
    );
    expected
}

#[test]
fn every_shipped_query_answers_the_same_over_the_store_of_what_it_reads() {
    let whole = KnowledgeGraph::from_facts(facts(), Iris::default()).unwrap();
    let mut with_rows = 0;
    for named in named_queries().unwrap() {
        if named.header.requires.is_some() {
            continue; // SERVICE: reads the whole store anyway (see below)
        }
        // A header line and at least one row.
        if same_answer(&whole, &named.name, &named.text).len() > 1 {
            with_rows += 1;
        }
    }
    assert!(with_rows >= 12, "{with_rows}");
}

#[test]
fn queries_into_every_graph_answer_the_same_over_the_store_of_what_they_read() {
    let whole = KnowledgeGraph::from_facts(facts(), Iris::default()).unwrap();
    for corner in CORNERS {
        let text = format!("{PREFIXES}{corner}");
        let lines = same_answer(&whole, corner, &text);
        // A header and a row, a triple, or `true`.
        let answered = match corner.split(' ').next() {
            Some("SELECT") => lines.len() >= 2,
            Some("ASK") => lines == ["true"],
            _ => !lines.is_empty(),
        };
        assert!(answered, "{corner} has no answer to compare: {lines:?}");
    }
}

#[test]
fn a_query_about_summits_reads_no_provenance_and_little_ontology() {
    let named = query::named_query("summits").unwrap();
    let reach = Reach::of(&prepare(&named.name, &named.text));
    let scoped = KnowledgeGraph::from_facts_selected(facts(), Iris::default(), &reach).unwrap();
    let whole = KnowledgeGraph::from_facts(facts(), Iris::default()).unwrap();
    let iris = Iris::default();
    let in_graph = |kg: &KnowledgeGraph, kind| {
        let name = iris.graph(kind);
        kg.store()
            .quads_for_pattern(None, None, None, Some(name.as_ref().into()))
            .count()
    };
    use cica_kg::vocab::GraphKind;
    assert_eq!(in_graph(&scoped, GraphKind::Provenance), 0);
    assert!(in_graph(&whole, GraphKind::Provenance) > 1000);
    // The ontology's labels (rdfs:label is read) stay; its axioms do not.
    let ontology = in_graph(&scoped, GraphKind::Ontology);
    assert!(
        ontology > 0 && ontology * 4 < in_graph(&whole, GraphKind::Ontology),
        "{ontology}"
    );
    // Exactly the six summits are typed: no other rdf:type triple is there.
    let types = scoped
        .store()
        .quads_for_pattern(None, Some(cica_kg::vocab::rdf::TYPE), None, None)
        .count();
    assert_eq!(types, 6);
}

#[test]
fn what_cannot_be_told_from_the_patterns_reads_everything() {
    for text in [
        "SELECT * { ?s ?p ?o }",
        "SELECT * { ?s cica:follows* ?o }",
        "SELECT * { ?s cica:follows? ?o }",
        "SELECT * { ?s !cica:follows ?o }",
        "SELECT * { GRAPH ?g { ?s cica:location ?o } }",
        "SELECT * FROM <https://w3id.org/cica-kg/graph/facts> { ?s cica:location ?o }",
        "SELECT * { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }",
        "DESCRIBE ?s { ?s a cica:Summit }",
        "SELECT * { ?s a cica:Summit FILTER EXISTS { ?s ?p 1 } }",
    ] {
        let query = prepare(text, &format!("{PREFIXES}{text}"));
        assert_eq!(Reach::of(&query), Reach::All, "{text}");
    }
    let summits = prepare(
        "summits",
        &format!("{PREFIXES}SELECT * {{ ?s a cica:Summit }}"),
    );
    assert_ne!(Reach::of(&summits), Reach::All);
}
