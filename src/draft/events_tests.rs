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
