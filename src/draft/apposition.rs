//! A name inside an apposition is no subject of the clause around it: in "Its secretariat,
//! the permanent body of the forum, is based in Yerevan", what is based in Yerevan is the
//! secretariat, not the forum the apposition names on the way.

use super::rules::Item;
use super::text::Doc;

/// `items` (a clause's subjects) less those inside an apposition before the cue at token
/// `cs`: an item that comes after another item and a comma, past a determiner that opens the
/// apposition and before the comma that closes it, with no comma between.
pub(super) fn outside(doc: &Doc, items: Vec<Item>, cs: usize) -> Vec<Item> {
    let comma = |k: usize| doc.between(k).contains(',');
    let inside = |s: &Item| {
        s.last < cs
            && (s.last..cs).any(comma)
            && items.iter().any(|t| {
                t.value != s.value
                    && t.last + 1 < s.first
                    && comma(t.last)
                    && matches!(doc.lower(t.last + 1), "the" | "a" | "an")
                    && s.first > t.last + 2
                    && !(t.last + 1..s.first).any(comma)
            })
    };
    let keep: Vec<bool> = items.iter().map(|s| !inside(s)).collect();
    items
        .into_iter()
        .zip(keep)
        .filter_map(|(s, k)| k.then_some(s))
        .collect()
}
