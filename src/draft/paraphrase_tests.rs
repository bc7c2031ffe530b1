//! Tests of facts told in other words than the cues' own: a regular inflection of a cue's
//! verb ("meets", "began working"), a presidency passed on by succession, a membership that
//! stood at or grew to a count, and a count told of a time said before ("then").
use super::rules_tests::{draft_of, not_proposed, timed};

fn when(
    p: Option<&str>,
    s: Option<&str>,
    e: Option<&str>,
) -> (Option<String>, Option<String>, Option<String>) {
    (
        p.map(str::to_owned),
        s.map(str::to_owned),
        e.map(str::to_owned),
    )
}

#[test]
fn an_inflected_cue_verb_is_the_cue() {
    let d = draft_of("The secretariat of the CICA began working in March 2027.");
    assert!(
        d.candidates
            .iter()
            .any(|c| c.subject == "organization/cica-secretariat"
                && c.property == "operationStart"
                && c.date.as_deref() == Some("2027-03")),
        "{:#?}",
        d.candidates
    );
    for body in [
        "The ninth summit meets in Marsport next month.",
        "The ninth summit, the next in the series, meets in Marsport.",
    ] {
        let d = draft_of(body);
        assert!(
            d.candidates.iter().any(|c| c.subject == "summit/9"
                && c.property == "location"
                && c.object.as_deref() == Some("place/marsport")),
            "{body}: {:#?}",
            d.candidates
        );
    }
}

#[test]
fn a_noun_of_a_cue_verb_is_not_the_cue() {
    // "a ministerial meeting in Samarkand" is no summit's place.
    let d = draft_of(
        "The ninth summit took place in Tashkent in 2028 and was followed by a ministerial meeting in Samarkand.",
    );
    not_proposed(&d, "summit/9", "location", "place/samarkand");
}

#[test]
fn a_successor_starts_and_its_predecessor_ends() {
    for body in [
        "Ruritania succeeds Freedonia as chair of the CICA in June 2029.",
        "In June 2029 Ruritania succeeded Freedonia at the helm of the CICA.",
    ] {
        let d = draft_of(body);
        timed(
            &d,
            "organization/cica",
            "presidency",
            "place/ruritania",
            &[when(None, Some("2029-06"), None)],
        );
        timed(
            &d,
            "organization/cica",
            "presidency",
            "place/freedonia",
            &[when(None, None, Some("2029-06"))],
        );
    }
}

#[test]
fn a_membership_stood_at_or_grew_to_a_count() {
    for (body, count, time) in [
        (
            "Membership of the CICA stood at 27 states in 2019.",
            27,
            "2019",
        ),
        (
            "Membership of the CICA, which stood at 16 states in 1999, has since grown to 43.",
            16,
            "1999",
        ),
        (
            "The CICA's membership rose to 31 in June 2029.",
            31,
            "2029-06",
        ),
        (
            "Its ranks swelled to 38 in 2028, the CICA said.",
            38,
            "2028",
        ),
    ] {
        let d = draft_of(body);
        timed(
            &d,
            "organization/cica",
            "memberCount",
            &count.to_string(),
            &[when(Some(time), None, None)],
        );
    }
}

#[test]
fn a_count_then_is_not_a_count_on_the_article_s_date() {
    for body in [
        "The CICA was founded in 1999. Its membership then stood at 16.",
        "The CICA was founded in 1999. It had 16 members at the time.",
    ] {
        let d = draft_of(body);
        not_proposed(&d, "organization/cica", "memberCount", "16");
    }
}
