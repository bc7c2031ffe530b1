//! An office named by its noun alone ("the Vietnamese chairmanship", "Sri Lanka's
//! chairmanship", "whose term as Chair") says whose term is meant, not when it holds: with no
//! time in its sentence, it is no fact of the article's date. A verb of holding before it
//! ("holds the presidency") still says that the term holds now.

use super::cues::{Cue, Side};
use super::text::Doc;
use crate::ontology::{Property, ValueKind};

/// The nouns of an office held for a term.
const OFFICES: [&str; 3] = ["presidency", "chairmanship", "chair"];

/// Words before the noun that say the office is held.
const HOLDING: [&str; 4] = ["holds", "hold", "holding", "occupies"];

/// Whether the cue at token `cs` is an office's noun alone, for an entity-valued,
/// time-varying property, with no verb of holding in the three words before it.
pub(super) fn untimed_office(doc: &Doc, property: &Property, cue: &Cue, cs: usize) -> bool {
    property.time_varying
        && property.kind == ValueKind::Entity
        && cue.value == Side::Either
        && !cue.starts
        && !cue.ends
        && cue.parts.len() == 1
        && cue.parts[0].len() == 1
        && OFFICES.contains(&cue.parts[0][0].as_str())
        && !(cs.saturating_sub(3)..cs).any(|i| HOLDING.contains(&doc.lower(i)))
}
