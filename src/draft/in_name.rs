//! A cue's word written with a capital inside a sentence, with the name going on after it
//! ("the Organization for Security and Co-operation in Europe", "the Shanghai Cooperation
//! Organisation"), is a word of a proper name, not prose that tells a fact.

use super::text::Doc;

/// Small words a proper name keeps in lower case between its capitalised words (not "in"
/// or "on": "the Secretariat in Islamabad" is a name and where it is).
const NAME_JOINERS: [&str; 3] = ["and", "for", "of"];

/// Whether token `i`, a cue's word, is a word of a proper name: capitalised though not the
/// first of its sentence, and followed by another capitalised word, right after it or past
/// one of a name's small words ("Security and Co-operation"), or preceded by one past such a
/// word ("Council for Security", "Security and Cooperation"). A capitalised word right
/// before it is not enough: "the CICA Secretariat" is the secretariat, named.
pub(super) fn in_name(doc: &Doc, sentence_start: usize, i: usize) -> bool {
    if i == sentence_start || !doc.capitalized(i) || i + 1 >= doc.len() {
        return false;
    }
    let joined = |a: usize| !doc.between(a).contains([',', '.', ';', ':', '(', ')']);
    let joiner = |k: usize| NAME_JOINERS.contains(&doc.lower(k));
    let after = |k: usize| k < doc.len() && doc.capitalized(k) && joined(k - 1);
    let before = i >= sentence_start + 2
        && joiner(i - 1)
        && doc.capitalized(i - 2)
        && joined(i - 2)
        && joined(i - 1);
    after(i + 1) || (joiner(i + 1) && joined(i) && after(i + 2)) || before
}
