//! Tests of the drafter as a whole: mentions, facts-based matching, quotes, times.
use super::*;
use crate::facts::{load, DataSource};

fn facts() -> Facts {
    load(
        &DataSource::Embedded,
        &crate::ontology::shipped().unwrap().schema,
    )
    .unwrap()
}

fn has(d: &Draft, subject: &str, property: &str, value: &str) -> bool {
    d.candidates.iter().any(|c| {
        c.subject == subject
            && c.property == property
            && [
                c.object.clone(),
                c.date.clone(),
                c.integer.map(|n| n.to_string()),
            ]
            .contains(&Some(value.to_owned()))
    })
}

#[test]
fn mentions_by_name_case_possessive_acronym_adjective_and_ordinal() {
    let text = "Title\n\nDUSHANBE, June 3 (Xinhua) -- The Organization of Things (OOT) met here. Tajikistan's \
                capital hosted it. The OOT's seventh summit was held in the Kazakh city of ALMATY in May 2024.";
    let d = draft(
        text,
        "t.txt",
        Some(&crate::facts::parse_date("2024-06-03").unwrap()),
        &facts(),
        crate::ontology::shipped().unwrap(),
    )
    .unwrap();
    // ALMATY in capitals, and "Kazakh" for Kazakhstan.
    assert!(
        has(&d, "place/almaty", "country", "place/kazakhstan"),
        "{:#?}",
        d.candidates
    );
    // An ordinal the data does not have: a new summit, with its ordinal, its place and date.
    assert!(has(&d, "summit/7", "ordinal", "7"));
    assert!(has(&d, "summit/7", "location", "place/almaty"));
    assert!(has(&d, "summit/7", "startDate", "2024-05"));
    let new = d.entities.iter().find(|e| e.id == "summit/7").unwrap();
    assert!(
        new.new && new.class == "Summit" && new.label == "seventh CICA summit",
        "{new:?}"
    );
    // "Tajikistan's capital" ... "here": the dateline's place.
    assert_eq!(d.source.dateline_place, "place/dushanbe");
    assert_eq!(d.source.dateline_date, "2024-06-03");
}

#[test]
fn an_entity_is_found_by_the_data_s_facts() {
    // The data holds the summit in Almaty in June 2006 (summit/2): no ordinal is needed.
    let text = "Leaders met again in Almaty in June 2006 and signed nothing.";
    let d = draft(
        text,
        "t.txt",
        None,
        &facts(),
        crate::ontology::shipped().unwrap(),
    )
    .unwrap();
    assert!(
        has(&d, "summit/2", "location", "place/almaty"),
        "{:#?}",
        d.candidates
    );
    assert!(has(&d, "summit/2", "startDate", "2006-06"));
    assert!(!has(&d, "summit/1", "startDate", "2006-06"));
}

#[test]
fn quotes_are_widened_until_they_occur_once() {
    let text = "The CICA has 27 member states. Later the CICA has 27 member states, again.";
    let d = draft(
        text,
        "t.txt",
        Some(&crate::facts::parse_date("2022-10-12").unwrap()),
        &facts(),
        crate::ontology::shipped().unwrap(),
    )
    .unwrap();
    let counts: Vec<&Candidate> = d
        .candidates
        .iter()
        .filter(|c| c.property == "memberCount")
        .collect();
    assert!(!counts.is_empty(), "{:#?}", d);
    for c in counts {
        assert_eq!(text.matches(c.quote.as_str()).count(), 1, "{}", c.quote);
        assert!(c.quote.contains("27 member"));
        let (start, end) = (c.quote_start.unwrap(), c.quote_end.unwrap());
        assert_eq!(
            text.chars()
                .skip(start)
                .take(end - start)
                .collect::<String>(),
            c.quote
        );
    }
}

#[test]
fn the_shipped_article_s_time_varying_facts_have_their_time() {
    let text = crate::embedded::DATA
        .iter()
        .find(|(n, _)| *n == "cica-backgrounder.txt")
        .unwrap()
        .1;
    let d = draft(
        text,
        "cica-backgrounder.txt",
        None,
        &facts(),
        crate::ontology::shipped().unwrap(),
    )
    .unwrap();
    let find = |p: &str| {
        d.candidates
            .iter()
            .find(|c| c.property == p)
            .unwrap_or_else(|| panic!("{p}"))
    };
    assert_eq!(
        find("memberCount").point_in_time.as_deref(),
        Some("2022-10-12")
    );
    assert_eq!(find("memberCount").integer, Some(27));
    assert_eq!(find("presidency").start.as_deref(), Some("2020"));
    assert_eq!(
        find("presidency").object.as_deref(),
        Some("place/kazakhstan")
    );
    assert_eq!(find("operationStart").date.as_deref(), Some("1993-03"));
    assert!(d.dropped.is_empty(), "{:?}", d.dropped);
}
