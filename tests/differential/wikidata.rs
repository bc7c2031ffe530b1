//! The Wikidata profile with and without the label service: generated queries with a
//! `SERVICE wikibase:label` (automatic mode, `?xLabel` and `?xDescription`, fallback lists of
//! languages) answer, through cica-kg's rewrite, exactly as the same question written here by
//! hand without the service, evaluated by Oxigraph on the same profile store.
//!
//! The equivalent is written from the rules of the WDQS manual (src/wikidata/label_service):
//! per language, an `OPTIONAL` label whose entity is the same term as `?x` (so that an
//! unbound `?x` gets no label and keeps its row), then `COALESCE` over the languages, falling
//! back to the entity's id (`Q232` for `wd:Q232`, the IRI as a string for another IRI).

use super::{answer, config, difference, facts};
use cica_kg::query::QueryText;
use cica_kg::rdf::KnowledgeGraph;
use cica_kg::vocab::Iris;
use cica_kg::wikidata::{label_service, profile, Profile};
use proptest::prelude::*;
use proptest::test_runner::{TestCaseError, TestRunner};
use std::collections::BTreeMap;

const PREFIXES: &str = "PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX wikibase: <http://wikiba.se/ontology#>
PREFIX bd: <http://www.bigdata.com/rdf#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <http://schema.org/>
";

/// Properties whose values are items (or other IRIs of the graph).
#[rustfmt::skip]
const ITEM_PROPERTIES: &[&str] = &[
    "wdt:P31", "wdt:P17", "wdt:P276", "wdt:P36", "wdt:P155", "wdt:P156", "wdt:P664",
    "wdt:P361", "wdt:P527", "wdt:P999999",
];

/// Properties whose values are literals: they bind `?v`, never a labelled variable.
const VALUE_PROPERTIES: &[&str] = &["wdt:P580", "wdt:P571", "wdt:P582", "wdt:P1128"];

/// The variables the service may label.
const ENTITIES: &[&str] = &["a", "b", "c"];

/// The language lists of `wikibase:language`.
const LANGUAGES: &[&str] = &["en", "fr,en", "[AUTO_LANGUAGE]", "de", "de,fr", "en,de"];

#[derive(Debug, Clone)]
enum Pattern {
    Item(&'static str, &'static str, &'static str),
    Value(&'static str, &'static str),
    Join(Box<Pattern>, Box<Pattern>),
    Optional(Box<Pattern>, Box<Pattern>),
    Union(Box<Pattern>, Box<Pattern>),
    Minus(Box<Pattern>, Box<Pattern>),
}

impl Pattern {
    fn write(&self, out: &mut String) {
        let pair = |out: &mut String, a: &Pattern, word: &str, b: &Pattern| {
            out.push_str("{ ");
            a.write(out);
            out.push_str(&format!(" }} {word} {{ "));
            b.write(out);
            out.push_str(" }");
        };
        match self {
            Self::Item(s, p, o) => out.push_str(&format!("?{s} {p} ?{o} .")),
            Self::Value(s, p) => out.push_str(&format!("?{s} {p} ?v .")),
            Self::Join(a, b) => pair(out, a, "", b),
            Self::Optional(a, b) => pair(out, a, "OPTIONAL", b),
            Self::Union(a, b) => pair(out, a, "UNION", b),
            Self::Minus(a, b) => pair(out, a, "MINUS", b),
        }
    }
}

/// A query: its pattern, the labels and descriptions asked for, the language list.
#[derive(Debug, Clone)]
struct Labelled {
    pattern: Pattern,
    labels: Vec<&'static str>,
    descriptions: Vec<&'static str>,
    languages: &'static str,
}

impl Labelled {
    fn head(&self) -> String {
        let mut head = String::from("SELECT ?a ?b ?c ?v");
        for x in &self.labels {
            head.push_str(&format!(" ?{x}Label"));
        }
        for x in &self.descriptions {
            head.push_str(&format!(" ?{x}Description"));
        }
        head
    }

    fn body(&self) -> String {
        let mut body = String::new();
        self.pattern.write(&mut body);
        body
    }

    /// The query with the label service, as a WDQS user writes it.
    fn with_service(&self) -> String {
        format!(
            "{PREFIXES}{} WHERE {{ {} SERVICE wikibase:label {{ bd:serviceParam wikibase:language \"{}\" . }} }}",
            self.head(),
            self.body(),
            self.languages
        )
    }

    /// The same question without the service.
    fn without_service(&self) -> String {
        let languages: Vec<&str> = self
            .languages
            .split(',')
            .map(|l| if l == "[AUTO_LANGUAGE]" { "en" } else { l })
            .collect();
        let mut extra = String::new();
        let mut read = |x: &str, property: &str, kind: &str| -> Vec<String> {
            let mut values = Vec::new();
            for (i, language) in languages.iter().enumerate() {
                let (node, value) = (format!("?{x}_{kind}_e{i}"), format!("?{x}_{kind}_{i}"));
                extra.push_str(&format!(
                    " OPTIONAL {{ {node} {property} {value} FILTER(sameTerm({node}, ?{x}) && LCASE(LANG({value})) = \"{language}\") }}"
                ));
                values.push(value);
            }
            values
        };
        let mut binds = String::new();
        for x in &self.labels {
            let mut values = read(x, "rdfs:label", "l");
            values.push(format!(
                "IF(isIRI(?{x}), IF(STRSTARTS(STR(?{x}), STR(wd:)), STRAFTER(STR(?{x}), STR(wd:)), STR(?{x})), ?nothing)"
            ));
            binds.push_str(&format!(
                " BIND(COALESCE({}) AS ?{x}Label)",
                values.join(", ")
            ));
        }
        for x in &self.descriptions {
            let values = read(x, "schema:description", "d");
            binds.push_str(&format!(
                " BIND(COALESCE({}) AS ?{x}Description)",
                values.join(", ")
            ));
        }
        format!(
            "{PREFIXES}{} WHERE {{ {}{extra}{binds} }}",
            self.head(),
            self.body()
        )
    }
}

fn pattern() -> impl Strategy<Value = Pattern> {
    let entity = || prop::sample::select(ENTITIES);
    let leaf = prop_oneof![
        3 => (entity(), prop::sample::select(ITEM_PROPERTIES), entity())
            .prop_map(|(s, p, o)| Pattern::Item(s, p, o)),
        1 => (entity(), prop::sample::select(VALUE_PROPERTIES))
            .prop_map(|(s, p)| Pattern::Value(s, p)),
    ];
    leaf.prop_recursive(3, 8, 2, |inner| {
        let pair = || (inner.clone(), inner.clone());
        prop_oneof![
            pair().prop_map(|(a, b)| Pattern::Join(Box::new(a), Box::new(b))),
            pair().prop_map(|(a, b)| Pattern::Optional(Box::new(a), Box::new(b))),
            pair().prop_map(|(a, b)| Pattern::Union(Box::new(a), Box::new(b))),
            pair().prop_map(|(a, b)| Pattern::Minus(Box::new(a), Box::new(b))),
        ]
    })
}

fn labelled() -> impl Strategy<Value = Labelled> {
    let some = || prop::sample::subsequence(ENTITIES, 0..=3);
    (pattern(), some(), some(), prop::sample::select(LANGUAGES)).prop_map(
        |(pattern, labels, descriptions, languages)| Labelled {
            pattern,
            labels,
            descriptions,
            languages,
        },
    )
}

#[test]
fn the_label_service_answers_as_its_optional_equivalent_on_generated_queries() {
    let kg = KnowledgeGraph::from_facts(facts(), Iris::default()).unwrap();
    let store = profile::profile_store(&kg).unwrap();
    let prefixes = Profile::Wikidata.prefixes(&Iris::default());
    let counts = std::cell::RefCell::new(BTreeMap::<&str, usize>::new());
    let mut runner = TestRunner::new(config());
    let result = runner.run(&labelled(), |labelled| {
        let text = labelled.with_service();
        let query = QueryText {
            origin: "generated",
            text: &text,
            prefixes: &prefixes,
            bindings: &[],
        }
        .prepare()
        .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        let got = answer(&store, &label_service::rewrite(query));
        let reference = labelled.without_service();
        let reference_query = spargebra::SparqlParser::new()
            .parse_query(&reference)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{reference}")))?;
        let expected = answer(&store, &reference_query);
        if got != expected {
            return Err(TestCaseError::fail(format!(
                "the label service answers otherwise: {}\n{text}\nexpected as:\n{reference}",
                difference(&got, &expected)
            )));
        }
        let mut counts = counts.borrow_mut();
        *counts.entry("compared").or_default() += 1;
        let rows = expected.ok().flatten().map_or(0, |rows| rows.len());
        if rows > 0 {
            *counts.entry("with rows").or_default() += 1;
        }
        if text.contains("OPTIONAL") && !labelled.labels.is_empty() {
            *counts.entry("labels under OPTIONAL").or_default() += 1;
        }
        if !labelled.descriptions.is_empty() {
            *counts.entry("descriptions").or_default() += 1;
        }
        if labelled.languages.contains("de") {
            *counts.entry("a language without labels first").or_default() += 1;
        }
        Ok(())
    });
    if let Err(error) = result {
        panic!("{error}");
    }
    let counts = counts.into_inner();
    eprintln!("differential (label service): queries compared: {counts:#?}");
    for kind in [
        "with rows",
        "labels under OPTIONAL",
        "descriptions",
        "a language without labels first",
    ] {
        assert!(
            counts.get(kind).copied().unwrap_or(0) >= 100,
            "too few queries {kind}: {counts:#?}"
        );
    }
}
