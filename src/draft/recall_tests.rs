//! Tests of the rules that find what news wording says in other words, each on a sentence
//! written for it: an adjective that only looks like a known country's, dates said relative
//! to the article's, counts brought to a number, a presidency handed on, a proposal called
//! for, a body based in a city.
use super::rules_tests::{at_point, draft_of, found, not_proposed, proposed_once, timed};

#[test]
fn an_adjective_is_of_the_name_it_ends_like_not_of_a_name_it_only_starts_like() {
    let d =
        draft_of("Envoys met in Ashgabat, the Turkmen capital, where Turkmenistan's leader spoke.");
    not_proposed(&d, "place/ashgabat", "country", "place/turkey");
    proposed_once(&d, "place/ashgabat", "country", "Turkmenistan");
}

#[test]
fn a_count_brought_or_raised_to_a_number_is_the_count_now() {
    let d = draft_of(
        "Two accessions bring the CICA's membership to 31 states. Laos was made an observer, \
         raising the CICA's number of observers to 9.",
    );
    at_point(&d, "organization/cica", "memberCount", "31", "2030-03-03");
    proposed_once(&d, "organization/cica", "observerCount", "9");
}

#[test]
fn a_presidency_handed_on_in_a_month_of_this_year_starts_then() {
    let d = draft_of(
        "The CICA met in Hanoi. Turkey will hand the CICA presidency to China in November.",
    );
    timed(
        &d,
        "organization/cica",
        "presidency",
        "place/china",
        &[(None, Some("2030-11".into()), None)],
    );
}

#[test]
fn a_presidency_taken_over_last_year_in_an_article_about_one_forum_is_that_forum_s() {
    let d = draft_of(
        "The CICA met here. The CICA praised its staff.\n\nTurkey, which took over the rotating \
         presidency from China in June last year, spoke first. The CICA adjourned.",
    );
    timed(
        &d,
        "organization/cica",
        "presidency",
        "place/turkey",
        &[(None, Some("2029-06".into()), None)],
    );
    timed(
        &d,
        "organization/cica",
        "presidency",
        "place/china",
        &[(None, None, Some("2029-06".into()))],
    );
}

#[test]
fn a_country_that_first_called_for_a_forum_proposed_it() {
    let d = draft_of("The CICA grew fast. Turkey first called for such a forum in 1994.");
    proposed_once(&d, "organization/cica", "proposedBy", "place/turkey");
    proposed_once(&d, "organization/cica", "proposedIn", "1994");
}

#[test]
fn a_body_based_in_a_city_or_opened_there_has_its_headquarters_there() {
    let d = draft_of("Envoys toured the Istanbul-based CICA secretariat.");
    proposed_once(
        &d,
        "organization/cica-secretariat",
        "headquarters",
        "place/istanbul",
    );
    let d = draft_of("The CICA secretariat opened in Istanbul in April 2031.");
    timed(
        &d,
        "organization/cica-secretariat",
        "headquarters",
        "place/istanbul",
        &[(None, Some("2031-04".into()), None)],
    );
    proposed_once(&d, "organization/cica-secretariat", "inception", "2031-04");
}

#[test]
fn a_summit_that_met_in_a_city_was_held_there_then() {
    let d = draft_of("The ninth CICA summit, which met in Hue in July 2029, was short.");
    proposed_once(&d, "ninth CICA summit", "location", "Hue");
    proposed_once(&d, "ninth CICA summit", "startDate", "2029-07");
}

#[test]
fn a_proposal_told_with_no_subject_in_an_article_about_one_forum_is_that_forum_s() {
    let d = draft_of(
        "The CICA met here. The CICA praised its staff. The CICA adjourned.\n\nTurkey first \
         called for such a gathering in 1994.",
    );
    proposed_once(&d, "organization/cica", "proposedBy", "place/turkey");
}

#[test]
fn a_timeline_entry_s_date_dates_each_fact_of_the_entry() {
    let d = draft_of(
        "Some milestones of the CICA:\n\n-- May 2011: Turkey takes over the chairmanship from \
         China. The CICA has 12 member states.\n\n-- 2019: The CICA meets again.",
    );
    timed(
        &d,
        "organization/cica",
        "presidency",
        "place/turkey",
        &[(None, Some("2011-05".into()), None)],
    );
    timed(
        &d,
        "organization/cica",
        "presidency",
        "place/china",
        &[(None, None, Some("2011-05".into()))],
    );
    at_point(&d, "organization/cica", "memberCount", "12", "2011-05");
}

#[test]
fn a_sentence_after_a_timeline_is_of_the_article_s_date() {
    let d = draft_of("-- May 2011: The CICA met.\n\nThe CICA has 12 member states.");
    at_point(&d, "organization/cica", "memberCount", "12", "2030-03-03");
}

#[test]
fn a_membership_that_stands_at_a_number_or_states_that_belong_are_a_count() {
    let d = draft_of(
        "Some milestones of the CICA:\n\n-- May 2011: The CICA meets in Hanoi. Nine states \
         belong to the CICA at the time.\n\n-- 2019: The CICA meets again. Membership stands \
         at 14.",
    );
    at_point(&d, "organization/cica", "memberCount", "9", "2011-05");
    at_point(&d, "organization/cica", "memberCount", "14", "2019");
}

#[test]
fn a_summit_told_in_a_timeline_entry_starts_on_the_entry_s_date() {
    let d = draft_of("Milestones:\n\n-- May 2011: The fourth summit is convened in Hanoi.");
    proposed_once(&d, "summit/4", "startDate", "2011-05");
}

#[test]
fn a_city_that_hosts_a_summit_in_a_timeline_entry_dates_it() {
    let d = draft_of("Milestones:\n\n-- 2015: Hanoi hosts the fifth summit.");
    proposed_once(&d, "summit/5", "startDate", "2015");
}

#[test]
fn a_summit_named_by_its_ordinal_alone_in_an_article_about_one_forum_is_that_forum_s() {
    let d = draft_of(
        "The CICA met here. The CICA praised its staff. The CICA adjourned.\n\nLeaders will \
         gather in Hue for the ninth summit. The 47th session of the General Assembly opens.",
    );
    proposed_once(&d, "ninth CICA summit", "organizer", "organization/cica");
    assert!(
        found(&d, "event/unga-47", "organizer", "organization/cica").is_empty()
            && !d
                .candidates
                .iter()
                .any(|c| c.property == "organizer" && c.subject != "summit/9"),
        "{:#?}",
        d.candidates
    );
}

#[test]
fn a_city_that_hosted_a_summit_is_its_location_and_a_host_s_year_its_start() {
    let d = draft_of(
        "Dushanbe hosted the ninth summit. Tajikistan will host the tenth summit in 2031.",
    );
    proposed_once(&d, "ninth CICA summit", "location", "place/dushanbe");
    proposed_once(&d, "tenth CICA summit", "startDate", "2031");
}

#[test]
fn a_chair_handed_on_ends_on_the_date_after_the_handover_not_on_an_earlier_one() {
    let d = draft_of(
        "The CICA met here. The CICA praised its staff. The CICA adjourned.\n\nTurkey, which \
         took over in May 2029, will hand the chair to China in June.",
    );
    timed(
        &d,
        "organization/cica",
        "presidency",
        "place/turkey",
        &[
            (None, Some("2029-05".into()), None),
            (None, None, Some("2030-06".into())),
        ],
    );
    timed(
        &d,
        "organization/cica",
        "presidency",
        "place/china",
        &[(None, Some("2030-06".into()), None)],
    );
}

#[test]
fn a_count_that_names_no_subject_in_an_article_about_one_forum_is_that_forum_s() {
    let d = draft_of(
        "The CICA met here. The CICA praised its staff. The CICA adjourned.\n\nLeaders met in \
         Hue. Membership stands at 30. One observer withdrew.\n\nMarch was calm.",
    );
    proposed_once(&d, "organization/cica", "memberCount", "30");
    not_proposed(&d, "organization/cica", "observerCount", "1");
}

#[test]
fn a_gathering_in_a_city_for_a_summit_places_and_dates_the_summit() {
    let d = draft_of(
        "The CICA met here. The CICA praised its staff. The CICA adjourned.\n\nLeaders will \
         meet in Hue in May for the forum's ninth summit.",
    );
    proposed_once(&d, "ninth CICA summit", "location", "Hue");
    proposed_once(&d, "ninth CICA summit", "startDate", "2030-05");
}

#[test]
fn a_presidency_held_since_an_event_starts_on_the_event_s_date() {
    let d = draft_of(
        "Laos has chaired the CICA since the seventh summit, which was held in Hue in May 2027.",
    );
    timed(
        &d,
        "organization/cica",
        "presidency",
        "Laos",
        &[(None, Some("2027-05".into()), None)],
    );
}

#[test]
fn a_summit_s_leaders_adopt_a_document_in_the_present_tense() {
    let d = draft_of("At the sixth CICA summit, leaders adopt the Hue Charter on Rivers.");
    proposed_once(&d, "summit/6", "adopted", "Hue Charter on Rivers");
}

#[test]
fn a_chronology_line_that_opens_with_its_date_dates_each_fact_of_the_line() {
    // No bullet: the line's first words are its date, then a dash or a colon.
    let d = draft_of(
        "Key dates of the CICA:\n\nMay 2011 -- Hanoi hosts the fourth summit. The CICA has 12 \
         member states.\n\n2015: Turkey takes over the CICA chairmanship.",
    );
    proposed_once(&d, "summit/4", "startDate", "2011-05");
    at_point(&d, "organization/cica", "memberCount", "12", "2011-05");
    timed(
        &d,
        "organization/cica",
        "presidency",
        "place/turkey",
        &[(None, Some("2015".into()), None)],
    );
    // A sentence that merely starts with a date is no entry.
    let d = draft_of(
        "In 2011, the CICA met. May 2011 saw no summit.\n\nThe CICA has 12 member states.",
    );
    at_point(&d, "organization/cica", "memberCount", "12", "2030-03-03");
}

#[test]
fn a_cue_that_wants_its_date_beside_it_takes_no_entry_date_from_a_place() {
    // "to {v}" of endDate finds "to the fourth summit", no date: the entry's date is not the
    // summit's end.
    let d = draft_of("Key dates:\n\nMay 2011 -- Delegates flew from Hanoi to the fourth summit.");
    not_proposed(&d, "summit/4", "endDate", "2011-05");
}

#[test]
fn a_count_said_with_a_when_clause_holds_at_the_clause_s_date() {
    let d = draft_of("The CICA had 20 member states when its leaders gathered in Hue in May 2012.");
    at_point(&d, "organization/cica", "memberCount", "20", "2012-05");
    let d = draft_of("When the forum met in Hue in 2012, the CICA had 20 member states.");
    at_point(&d, "organization/cica", "memberCount", "20", "2012");
    // A "when" far from the count, past another clause, is not its time.
    let d = draft_of(
        "The CICA has 44 member states, a number that nobody expected when it began in 1992.",
    );
    at_point(&d, "organization/cica", "memberCount", "44", "2030-03-03");
}

#[test]
fn a_summit_that_opens_convenes_or_gathers_on_a_day_starts_then() {
    let d = draft_of("The ninth CICA summit opens in Hue on 14 May 2031.");
    proposed_once(&d, "ninth CICA summit", "startDate", "2031-05-14");
    let d = draft_of("Leaders gather in Hue on 14 May 2031 for the ninth CICA summit.");
    proposed_once(&d, "ninth CICA summit", "startDate", "2031-05-14");
    let d = draft_of("The ninth CICA summit will convene in Hue in June 2031.");
    proposed_once(&d, "ninth CICA summit", "startDate", "2031-06");
}

#[test]
fn a_summit_scheduled_for_or_due_in_a_city_meets_there_then() {
    let d = draft_of("The ninth summit is scheduled for Dushanbe in June 2031.");
    proposed_once(&d, "summit/9", "location", "place/dushanbe");
    proposed_once(&d, "summit/9", "startDate", "2031-06");
    let d = draft_of("The ninth summit is due in Dushanbe, the Tajik capital, in June 2031.");
    proposed_once(&d, "summit/9", "location", "place/dushanbe");
    proposed_once(&d, "summit/9", "startDate", "2031-06");
}

#[test]
fn a_count_in_a_when_clause_after_a_date_holds_on_that_date() {
    let s = |p: &str| Some(p.to_owned());
    let d = draft_of("Its third summit met in Almaty in May 2010, when the CICA had 24 members.");
    timed(
        &d,
        "organization/cica",
        "memberCount",
        "24",
        &[(s("2010-05"), None, None)],
    );
}

#[test]
fn a_term_from_a_date_until_another_took_over_on_a_date_spans_both() {
    let s = |p: &str| Some(p.to_owned());
    let d = draft_of(
        "Turkey, which chaired the CICA from 2024 until Iran took over in 2027, sent envoys.",
    );
    timed(
        &d,
        "organization/cica",
        "presidency",
        "place/turkey",
        &[(None, s("2024"), s("2027"))],
    );
}

#[test]
fn a_summit_of_a_named_body_in_a_city_is_in_that_city() {
    // The body's full name, acronym and all, stands between the summit and "in".
    let d = draft_of(
        "Envoys attended the ninth summit of the Conference on Interaction and Confidence Building Measures in Asia (CICA) in Dushanbe.",
    );
    proposed_once(&d, "summit/9", "location", "place/dushanbe");
}

#[test]
fn a_city_a_comma_and_a_country_places_the_city() {
    let d = draft_of("The ninth summit met in Thimphu, Bhutan, in May.");
    proposed_once(&d, "Thimphu", "country", "Bhutan");
    let d = draft_of("The ninth summit met in Dushanbe, Tajikistan.");
    proposed_once(&d, "place/dushanbe", "country", "place/tajikistan");
    // A list is no city and its country.
    let d = draft_of("Talks were held in Ruritania, Freedonia and Sylvania.");
    not_proposed(&d, "Ruritania", "country", "Freedonia");
}
