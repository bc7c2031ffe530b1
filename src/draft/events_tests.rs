//! Tests of the rules about events told by a verb (`events.rs`): a relocation told again is
//! the data's, a relocation told in other verbs.
use super::rules_tests::{draft_of, found, proposed_once};

#[test]
fn a_relocation_told_again_with_the_data_s_places_is_the_data_s_relocation() {
    let d = draft_of("Back then the CICA Secretariat was relocated from Almaty to Astana.");
    proposed_once(
        &d,
        "event/secretariat-relocation",
        "fromLocation",
        "place/almaty",
    );
    proposed_once(
        &d,
        "event/secretariat-relocation",
        "toLocation",
        "place/astana",
    );
    assert!(
        !d.entities.iter().any(|e| e.new && e.class == "Relocation"),
        "{:#?}",
        d.entities
    );
    // The other way round it is another move: a new one.
    let d = draft_of("In 2031 the CICA Secretariat was relocated from Astana to Almaty.");
    assert!(found(
        &d,
        "event/secretariat-relocation",
        "fromLocation",
        "place/astana"
    )
    .is_empty());
    assert!(
        d.entities.iter().any(|e| e.new && e.class == "Relocation"),
        "{:#?}",
        d.entities
    );
}

#[test]
fn a_body_transferred_or_that_moves_from_one_city_to_another_is_relocated() {
    let d = draft_of("The CICA Secretariat was transferred from Astana to Dushanbe in 2031.");
    let moves: Vec<&str> = d
        .entities
        .iter()
        .filter(|e| e.new && e.class == "Relocation")
        .map(|e| e.id.as_str())
        .collect();
    let [e] = moves.as_slice() else {
        panic!("{:#?}", d.entities)
    };
    proposed_once(&d, e, "movedOrganization", "organization/cica-secretariat");
    proposed_once(&d, e, "fromLocation", "place/astana");
    proposed_once(&d, e, "toLocation", "place/dushanbe");
    proposed_once(&d, e, "date", "2031");
    proposed_once(
        &d,
        "organization/cica-secretariat",
        "headquarters",
        "place/dushanbe",
    );
    let d = draft_of("The CICA Secretariat moves from Astana to Dushanbe in May 2031.");
    let e = d
        .entities
        .iter()
        .find(|e| e.new && e.class == "Relocation")
        .unwrap_or_else(|| panic!("{:#?}", d.entities));
    proposed_once(&d, &e.id, "date", "2031-05");
    proposed_once(&d, &e.id, "toLocation", "place/dushanbe");
}

#[test]
fn a_moving_verb_with_no_place_moved_from_or_to_tells_no_relocation() {
    for body in [
        "Talks on the CICA budget moved slowly in 2031.",
        "The CICA shifted its focus in 2031.",
    ] {
        let d = draft_of(body);
        assert!(
            !d.entities.iter().any(|e| e.class == "Relocation"),
            "{body}: {:#?}",
            d
        );
        assert!(
            !d.candidates
                .iter()
                .any(|c| c.property == "movedOrganization" || c.property == "date"),
            "{body}: {:#?}",
            d.candidates
        );
    }
}
