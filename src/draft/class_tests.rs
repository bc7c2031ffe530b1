//! Tests of the class a new entity gets: a name that stands where a place does ("in X",
//! "X-based") is no new body or format; a name after an owner is a modifier.
use super::rules_tests::draft_of;
use super::Draft;

/// The classes of the new entities labelled `label`.
fn new_classes(d: &Draft, label: &str) -> Vec<String> {
    d.entities
        .iter()
        .filter(|e| e.new && e.label == label)
        .map(|e| e.class.clone())
        .collect()
}

/// No new entity labelled `label` other than a place.
fn only_a_place(d: &Draft, label: &str) {
    let classes = new_classes(d, label);
    assert!(
        classes.iter().all(|c| c == "City" || c == "Country"),
        "{label}: {classes:?} {:#?}",
        d.candidates
    );
}

#[test]
fn a_name_before_based_is_a_place_not_a_secretariat() {
    for body in [
        "The Ruritown-based secretariat of the CICA said so.",
        "Officials at the CICA's Ruritown-based secretariat declined to comment.",
        "Ministers thanked the Ruritown-based secretariat for its work.",
    ] {
        only_a_place(&draft_of(body), "Ruritown");
    }
}

#[test]
fn a_name_after_in_or_from_is_a_place_not_a_format() {
    for body in [
        "The CICA's main formats met in Marsport last year.",
        "Envoys from Marsport attended the meetings of the CICA's formats.",
    ] {
        only_a_place(&draft_of(body), "Marsport");
    }
}

#[test]
fn a_name_after_an_owner_is_a_modifier() {
    for body in [
        "The move brings the secretariat closer to the forum's Central Asian core.",
        "The CICA's formats include its Gulf dialogue, officials said.",
    ] {
        let d = draft_of(body);
        assert!(
            !d.entities
                .iter()
                .any(|e| e.new && (e.label == "Central Asian" || e.label == "Gulf")),
            "{:#?}",
            d.entities
        );
    }
}

#[test]
fn a_new_city_is_told_where_a_place_stands() {
    // Not a city: a country an office passes to, or a name after "that".
    for (body, name) in [
        ("Mongolia, which had held the rotating chairmanship of the CICA since October 2048, handed it over to Ruritania.", "Ruritania"),
        ("The ninth summit was held months after Ruritania took over the chair of the CICA.", "Ruritania"),
        ("Freedonia has held the chair since that Marsport gathering, the ninth summit.", "Marsport"),
    ] {
        let d = draft_of(body);
        assert!(!new_classes(&d, name).contains(&"City".to_owned()), "{body}: {:#?}", d.entities);
    }
    // A city: in, hosted by, hosting, beside "capital" or "city".
    for body in [
        "The ninth summit was held in Marsport in May 2040.",
        "The ninth summit was hosted by Marsport in May 2040.",
        "Marsport hosted the ninth summit in May 2040.",
        "The ninth summit was held in the Ruritanian capital, Marsport, in May 2040.",
    ] {
        let d = draft_of(body);
        assert!(
            new_classes(&d, "Marsport").contains(&"City".to_owned()),
            "{body}: {:#?}",
            d.entities
        );
    }
}
