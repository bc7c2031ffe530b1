//! Tests of the rules that find where a forum's bodies sit and meet, each on a sentence
//! written for it: a body set up, reopened or working in a city has its headquarters there; a
//! format met in "the country holding the chair" is hosted by the presidency.
use super::rules_tests::{draft_of, proposed_once, timed};

#[test]
fn a_format_met_in_the_country_holding_the_chair_is_hosted_by_the_presidency() {
    // The generic "the country holding/that holds/in the chair" names the presidency's
    // holder, whichever it is: a format held there is hosted by the presidency.
    for body in [
        "Meetings of foreign ministers are normally held in the country holding the chair.",
        "By custom, the country that holds the chairmanship hosts the meetings of foreign ministers.",
        "Whichever country holds the presidency in a given year hosts the meetings of foreign ministers.",
        "The meetings of foreign ministers travel wherever the presidency goes.",
    ] {
        let d = draft_of(body);
        proposed_once(
            &d,
            "mechanism/foreign-ministers-meetings",
            "hostedByPresidency",
            "true",
        );
    }
    // The country holding the chair named, with no format: no rule of where one meets.
    let d = draft_of("The country holding the chair, Turkey, spoke first at the CICA.");
    assert!(
        !d.candidates
            .iter()
            .any(|c| c.property == "hostedByPresidency"),
        "{:#?}",
        d.candidates
    );
}

#[test]
fn a_body_set_up_reopened_or_working_in_a_city_has_its_headquarters_there() {
    let d = draft_of("The CICA secretariat was set up in Istanbul in May 2031.");
    timed(
        &d,
        "organization/cica-secretariat",
        "headquarters",
        "place/istanbul",
        &[(None, Some("2031-05".into()), None)],
    );
    let d = draft_of("In 2035 the CICA secretariat closed in Istanbul and reopened in Ankara.");
    proposed_once(
        &d,
        "organization/cica-secretariat",
        "headquarters",
        "Ankara",
    );
    let d = draft_of("The CICA secretariat works from Istanbul.");
    proposed_once(
        &d,
        "organization/cica-secretariat",
        "headquarters",
        "place/istanbul",
    );
}
