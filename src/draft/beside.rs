//! Whether a name stands beside a cue's words: at most one word between, or only the proper
//! name a noun is "of" ("the 21st summit of the Conference on Interaction and Confidence
//! Building Measures in Asia (CICA) in the Bhutanese capital").

use super::text::Doc;

/// Prepositions that give the name after them a role of its own: not beside a cue before them.
const ROLE_PREPOSITIONS: [&str; 8] = ["to", "from", "into", "for", "by", "with", "at", "toward"];

/// Whether at most one word other than an article stands between tokens `a` and `b` (`a < b`):
/// "Ulaanbaatar, the Mongolian capital" has "Ulaanbaatar" beside "Mongolian capital".
pub(super) fn beside(doc: Option<&Doc>, a: usize, b: usize) -> bool {
    match doc {
        Some(doc) => {
            let between: Vec<&str> = (a + 1..b)
                .map(|i| doc.lower(i))
                .filter(|w| !matches!(*w, "the" | "a" | "an"))
                .collect();
            // One word may stand between ("capital of Tashkent"), but not a preposition
            // that gives the name another role ("from the capital to Tashkent").
            (between.len() <= 1 && !between.iter().any(|w| ROLE_PREPOSITIONS.contains(w)))
                || of_a_name(doc, a, b)
        }
        None => b - a <= 2,
    }
}

/// Whether the tokens between `a` and `b` are "of" and a proper name only: capitalised words,
/// the small words a name keeps in lower case, and an acronym in brackets ("summit of the
/// Shanghai Cooperation Organisation (SCO) in").
fn of_a_name(doc: &Doc, a: usize, b: usize) -> bool {
    b > a + 2
        && doc.lower(a + 1) == "of"
        && doc.capitalized(b - 1)
        && (a + 2..b).all(|i| {
            doc.capitalized(i) || matches!(doc.lower(i), "the" | "and" | "of" | "on" | "in" | "for")
        })
        && !(a + 1..b - 1).any(|i| doc.between(i).contains([',', ';', '.']))
}
