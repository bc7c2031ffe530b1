//! Tests of the drafter's general rules on sentences unlike the test articles': names after a
//! capitalized article, names within names, possessives, events told by their verb, appositions,
//! a chair taken over, the head noun of a name, a cue's value a few words on.
use super::*;
use crate::facts::{load, parse_date, DataSource};

/// Drafts `body` after a dateline of 3 March 2030 in Hanoi, against the shipped data.
pub(super) fn draft_of(body: &str) -> Draft {
    let ontology = crate::ontology::shipped().unwrap();
    let facts = load(&DataSource::Embedded, &ontology.schema).unwrap();
    let text = format!("Title\n\nHANOI, March 3 (Xinhua) -- {body}\n");
    draft(
        &text,
        "t.txt",
        Some(&parse_date("2030-03-03").unwrap()),
        &facts,
        ontology,
    )
    .unwrap()
}

/// Asserts that exactly one candidate has this subject, property and value (see [`found`]).
pub(super) fn proposed_once(d: &Draft, subject: &str, property: &str, value: &str) {
    assert_eq!(
        found(d, subject, property, value).len(),
        1,
        "{subject} {property} {value}: {:#?}",
        d.candidates
    );
}

/// Asserts that no candidate has this subject, property and value (see [`found`]).
pub(super) fn not_proposed(d: &Draft, subject: &str, property: &str, value: &str) {
    assert!(
        found(d, subject, property, value).is_empty(),
        "{subject} {property} {value}: {:#?}",
        d.candidates
    );
}

/// The candidates of this subject (an id, or a new entity's label), property and value (an
/// id, a new entity's label, a date, a number or a boolean).
pub(super) fn found<'d>(
    d: &'d Draft,
    subject: &str,
    property: &str,
    value: &str,
) -> Vec<&'d Candidate> {
    let names = |id: &str| {
        let label = d
            .entities
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.label.clone());
        [Some(id.to_owned()), label]
    };
    d.candidates
        .iter()
        .filter(|c| {
            names(&c.subject).contains(&Some(subject.to_owned()))
                && c.property == property
                && (c
                    .object
                    .as_deref()
                    .is_some_and(|o| names(o).contains(&Some(value.to_owned())))
                    || c.date.as_deref() == Some(value)
                    || c.integer.map(|n| n.to_string()).as_deref() == Some(value)
                    || c.boolean.map(|b| b.to_string()).as_deref() == Some(value))
        })
        .collect()
}

/// Asserts that the candidates of this subject, property and value (see [`found`]) have these
/// times: (point in time, start, end) each.
pub(super) fn timed(
    d: &Draft,
    subject: &str,
    property: &str,
    value: &str,
    want: &[(Option<String>, Option<String>, Option<String>)],
) {
    assert_eq!(
        times(&found(d, subject, property, value)),
        want,
        "{subject} {property} {value}: {:#?}",
        d.candidates
    );
}

/// Asserts that this subject, property and value is proposed once, at the point in time
/// `date` (a count "as of" a date), as [`timed`] does.
pub(super) fn at_point(d: &Draft, subject: &str, property: &str, value: &str, date: &str) {
    timed(
        d,
        subject,
        property,
        value,
        &[(Some(date.into()), None, None)],
    );
}

/// The (point in time, start, end) of each candidate.
pub(super) fn times(c: &[&Candidate]) -> Vec<(Option<String>, Option<String>, Option<String>)> {
    c.iter()
        .map(|c| (c.point_in_time.clone(), c.start.clone(), c.end.clone()))
        .collect()
}

#[test]
fn a_name_after_a_capitalized_article_is_a_name() {
    let d = draft_of("The Uzbek capital of Tashkent hosted the CICA. Uzbekistan chairs it.");
    proposed_once(&d, "Tashkent", "country", "Uzbekistan");
    assert_eq!(found(&d, "Uzbekistan", "capital", "Tashkent").len(), 1);
}

#[test]
fn an_adjective_of_a_name_names_no_city() {
    let d = draft_of(
        "The eighth summit convened in the Uzbek city of Tashkent in October 2029. Uzbekistan chairs the CICA.",
    );
    proposed_once(&d, "summit/8", "location", "Tashkent");
    assert!(d
        .entities
        .iter()
        .all(|e| !(e.class == "City" && e.label == "Uzbekistan")));
}

#[test]
fn a_name_that_begins_a_longer_name_is_mentioned_too() {
    let d = draft_of("The CICA Secretariat prepared the text.");
    proposed_once(
        &d,
        "organization/cica",
        "secretariat",
        "organization/cica-secretariat",
    );
}

#[test]
fn a_possessive_s_owner_is_the_subject_of_what_it_owns() {
    let d =
        draft_of("The CICA met in Astana. Its secretariat, based in Astana, prepared the text.");
    proposed_once(
        &d,
        "organization/cica",
        "secretariat",
        "organization/cica-secretariat",
    );
}

#[test]
fn a_move_told_by_its_verb_is_a_new_event() {
    let d = draft_of(
        "Member states agreed to relocate the CICA Secretariat from Astana to Dushanbe on 1 March 2031.",
    );
    let event = d
        .entities
        .iter()
        .find(|e| e.new && e.class == "Relocation")
        .unwrap_or_else(|| panic!("{:#?}", d));
    let e = event.id.as_str();
    assert!(
        event.label.contains("Astana") && event.label.contains("Dushanbe"),
        "{event:?}"
    );
    assert_eq!(
        found(&d, e, "movedOrganization", "organization/cica-secretariat").len(),
        1
    );
    assert_eq!(found(&d, e, "fromLocation", "place/astana").len(), 1);
    assert_eq!(found(&d, e, "toLocation", "place/dushanbe").len(), 1);
    assert_eq!(found(&d, e, "date", "2031-03-01").len(), 1);
    // A move the data already holds, mentioned by its place and date, is that move.
    let d = draft_of("The CICA Secretariat was moved from Almaty to Astana in September 2014.");
    assert!(
        d.entities
            .iter()
            .all(|e| !(e.new && e.class == "Relocation")),
        "{:#?}",
        d
    );
    proposed_once(
        &d,
        "event/secretariat-relocation",
        "fromLocation",
        "place/almaty",
    );
}

#[test]
fn a_range_of_days_starts_on_its_first() {
    let d = draft_of("The ninth CICA summit will be held in Astana on 14-15 June 2032.");
    proposed_once(&d, "ninth CICA summit", "startDate", "2032-06-14");
    assert!(found(&d, "ninth CICA summit", "startDate", "2032-06-15").is_empty());
}

#[test]
fn an_apposition_names_a_city_s_country_and_capital() {
    let d = draft_of("Mongolia hosted the talks in Ulaanbaatar, the Mongolian capital.");
    proposed_once(&d, "Ulaanbaatar", "country", "Mongolia");
    let capital = found(&d, "Mongolia", "capital", "Ulaanbaatar");
    assert_eq!(times(&capital), [(Some("2030-03-03".into()), None, None)]);
    let d = draft_of("The CICA will meet in Dushanbe, the capital of Tajikistan, next year.");
    proposed_once(&d, "place/dushanbe", "country", "place/tajikistan");
}

#[test]
fn a_chair_taken_over_from_another_starts_one_term_and_ends_the_other() {
    let d = draft_of(
        "Mongolia took over the rotating chairmanship of the CICA from Uzbekistan in 2030.",
    );
    timed(
        &d,
        "organization/cica",
        "presidency",
        "Mongolia",
        &[(None, Some("2030".into()), None)],
    );
    timed(
        &d,
        "organization/cica",
        "presidency",
        "Uzbekistan",
        &[(None, None, Some("2030".into()))],
    );
}

#[test]
fn the_head_noun_of_a_name_refers_to_it() {
    // "the conference": the only entity whose name's head is "conference".
    let d = draft_of("The conference, established in 1992, met again.");
    proposed_once(&d, "organization/cica", "inception", "1992");
}

#[test]
fn a_region_may_stand_a_few_words_after_its_cue() {
    let d = draft_of("The CICA is a forum for dialogue on security issues in Asia.");
    proposed_once(&d, "organization/cica", "region", "place/asia");
}

#[test]
fn a_subject_may_stand_between_the_parts_of_its_cue() {
    // "relocate … to {v}": the secretariat between "relocate" and "to" is what moves.
    let d = draft_of(
        "Members agreed to relocate the CICA Secretariat from Astana to Dushanbe on 1 March 2031.",
    );
    timed(
        &d,
        "organization/cica-secretariat",
        "headquarters",
        "place/dushanbe",
        &[(None, Some("2031-03-01".into()), None)],
    );
}

#[test]
fn a_sentence_that_opens_with_its_cue_has_its_subject_after_the_value() {
    let d =
        draft_of("Proposed by Kazakhstan in October 1992, the CICA held its first summit in 2002.");
    proposed_once(&d, "organization/cica", "proposedBy", "place/kazakhstan");
    proposed_once(&d, "organization/cica", "proposedIn", "1992-10");
}

#[test]
fn a_possessive_is_not_beside_a_cue_its_noun_stands_beside() {
    let d = draft_of("The fifth CICA summit met. The CICA Secretariat has its seat in Astana.");
    not_proposed(&d, "summit/5", "location", "place/astana");
}

#[test]
fn a_name_that_opens_with_an_ordinal_gives_the_ordinal() {
    // "fifth CICA summit" is the data's label of summit/5.
    let d = draft_of("Dushanbe hosted the fifth CICA summit in June 2019.");
    proposed_once(&d, "summit/5", "ordinal", "5");
}

#[test]
fn a_transitive_verb_s_object_is_what_it_moves() {
    let d = draft_of(
        "Officials of the CICA agreed to relocate the forum's secretariat from Astana to Dushanbe.",
    );
    let moved: Vec<&Candidate> = d
        .candidates
        .iter()
        .filter(|c| c.property == "movedOrganization")
        .collect();
    assert_eq!(moved.len(), 1, "{:#?}", d.candidates);
    assert_eq!(
        moved[0].object.as_deref(),
        Some("organization/cica-secretariat")
    );
}

#[test]
fn a_chain_of_pronouns_carries_the_entity_along() {
    // "Its" is three sentences after "The CICA", but "its work" between them refers to it.
    let d = draft_of(
        "The CICA has 28 member states. Eight observer states take part in its work. \
         The summit was held in Astana. Its secretariat, based in Astana, wrote it.",
    );
    proposed_once(
        &d,
        "organization/cica",
        "secretariat",
        "organization/cica-secretariat",
    );
}

#[test]
fn a_range_of_days_ends_on_its_last() {
    let d = draft_of("The ninth CICA summit will be held in Astana on 14-15 June 2032.");
    proposed_once(&d, "ninth CICA summit", "endDate", "2032-06-15");
    assert!(found(&d, "ninth CICA summit", "endDate", "2032-06-14").is_empty());
}

#[test]
fn a_cue_s_own_end_beats_a_time_expression_of_the_sentence() {
    let d = draft_of(
        "Uzbekistan has chaired the CICA since 2026, taking over the presidency from Azerbaijan.",
    );
    timed(
        &d,
        "organization/cica",
        "presidency",
        "Azerbaijan",
        &[(None, None, Some("2026".into()))],
    );
}
