//! The verdicts, on statements written here by hand in the shape the claims query reads.

use super::*;
use crate::facts::parse_date;
use oxigraph::model::{Literal, NamedNode};

fn item(qid: &str) -> Term {
    NamedNode::new_unchecked(format!("http://www.wikidata.org/entity/{qid}")).into()
}

fn day(lexical: &str) -> Term {
    Literal::new_typed_literal(
        format!("{lexical}T00:00:00Z"),
        NamedNode::new_unchecked("http://www.w3.org/2001/XMLSchema#dateTime"),
    )
    .into()
}

/// Astana as a capital, with a point in time of 2022-10-12 (a day).
fn capital_as_of_2022() -> OurClaim {
    OurClaim {
        value: Ours::Item("Q1520".parse().unwrap()),
        qualifiers: vec![("P585".to_owned(), parse_date("2022-10-12").unwrap())],
    }
}

fn statement(value: Term, deprecated: bool, qualifiers: &[(&str, Term, u8)]) -> Theirs {
    Theirs {
        value: Some(value),
        precision: None,
        deprecated,
        qualifiers: qualifiers
            .iter()
            .map(|(p, v, precision)| ((*p).to_owned(), v.clone(), Some(*precision)))
            .collect(),
    }
}

#[test]
fn a_value_without_our_qualifier_is_present_with_the_qualifier_missing() {
    let ours = capital_as_of_2022();
    let (status, missing) = verdict(&ours, &[statement(item("Q1520"), false, &[])]);
    assert_eq!(status, Status::QualifierMissing);
    assert_eq!(missing, ["P585 +2022-10-12T00:00:00Z/11"]);
    // Another qualifier (a start time) does not stand for ours.
    let started = statement(item("Q1520"), false, &[("P580", day("1997-12-10"), 11)]);
    assert_eq!(verdict(&ours, &[started]).0, Status::QualifierMissing);
}

#[test]
fn the_same_qualifier_is_present_and_another_value_of_it_is_different() {
    let ours = capital_as_of_2022();
    let same = statement(item("Q1520"), false, &[("P585", day("2022-10-12"), 11)]);
    assert_eq!(verdict(&ours, &[same]), (Status::Present, Vec::new()));
    let other_day = statement(item("Q1520"), false, &[("P585", day("2019-06-01"), 11)]);
    assert_eq!(verdict(&ours, &[other_day]).0, Status::Different);
    let other_precision = statement(item("Q1520"), false, &[("P585", day("2022-10-12"), 10)]);
    assert_eq!(verdict(&ours, &[other_precision]).0, Status::Different);
}

#[test]
fn a_value_wikidata_has_only_as_deprecated_is_its_own_status() {
    let ours = capital_as_of_2022();
    let deprecated = statement(item("Q1520"), true, &[]);
    assert_eq!(
        verdict(&ours, std::slice::from_ref(&deprecated)),
        (Status::Deprecated, Vec::new())
    );
    // Even beside another, live value.
    let other = statement(item("Q9365"), false, &[]);
    assert_eq!(
        verdict(&ours, &[other.clone(), deprecated]).0,
        Status::Deprecated
    );
    // A live statement with our value wins over a deprecated one.
    let live = statement(item("Q1520"), false, &[("P585", day("2022-10-12"), 11)]);
    let deprecated = statement(item("Q1520"), true, &[]);
    assert_eq!(verdict(&ours, &[deprecated, live]).0, Status::Present);
    // Only another value: different; only another, deprecated value: missing.
    assert_eq!(verdict(&ours, &[other]).0, Status::Different);
    let wrong = statement(item("Q9365"), true, &[]);
    assert_eq!(verdict(&ours, &[wrong]).0, Status::Missing);
    assert_eq!(verdict(&ours, &[]).0, Status::Missing);
}

#[test]
fn two_statements_with_our_value_and_no_qualifier_are_left_to_a_person() {
    let ours = capital_as_of_2022();
    let one = statement(item("Q1520"), false, &[]);
    assert_eq!(verdict(&ours, &[one.clone(), one]).0, Status::Different);
}

#[test]
fn only_the_query_service_may_be_mapped() {
    let mapping = |text: &str| crate::wikidata::federation::parse_mapping(text).unwrap();
    let alias = query_service_mappings(vec![mapping(
        "https://query.wikidata.org/bigdata/namespace/wdq/sparql=http://127.0.0.1:1/query",
    )])
    .unwrap();
    assert_eq!(
        alias[0].service.as_str(),
        "https://query.wikidata.org/sparql"
    );
    let error = query_service_mappings(vec![mapping("urn:x:mirror=http://127.0.0.1:1/query")])
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("<urn:x:mirror> is not Wikidata's query service"),
        "{error}"
    );
    assert!(
        error.contains("https://query.wikidata.org/sparql=URL"),
        "{error}"
    );
}
