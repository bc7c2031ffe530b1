//! A cue's word in the text in another regular form: "succeed" as "succeeds", "succeeded",
//! "succeeding"; and an "-ing" form that is a noun ("a ministerial meeting"), not the verb.

use super::text::Doc;

/// Whether the text's word `word` is the cue's word `cue` or a regular inflection of it (a
/// cue word of four letters or more): "succeed" is also "succeeds", "succeeded" and
/// "succeeding"; "relocate", "relocated" and "relocating"; "seat", "seated"; "ship",
/// "shipped". Irregular forms ("took", "held") are cues of their own.
pub(super) fn inflected(word: &str, cue: &str) -> bool {
    if word == cue {
        return true;
    }
    let Some(rest) = word.strip_prefix(cue.strip_suffix('e').unwrap_or(cue)) else {
        return false;
    };
    if cue.len() < 4 {
        return false;
    }
    let e = cue.ends_with('e');
    let doubled = cue
        .chars()
        .last()
        .filter(|c| !"aeiouwxy".contains(*c))
        .and_then(|c| rest.strip_prefix(c));
    let suffix = |r: &str| matches!(r, "s" | "es" | "ed" | "ing");
    match (e, rest) {
        (true, "es" | "ed" | "ing") => true,
        (true, _) => false,
        (false, r) if suffix(r) => true,
        _ => doubled.is_some_and(|r| matches!(r, "ed" | "ing")),
    }
}

/// Whether token `i`, an "-ing" form of the cue word `cue`, is a noun ("a ministerial
/// meeting", "such a gathering"), not the verb ("Meeting in Astana", "began working").
pub(super) fn gerund_noun(doc: &Doc, i: usize, cue: &str) -> bool {
    let word = doc.lower(i);
    let before = if i > 0 { doc.lower(i - 1) } else { "" };
    word != cue
        && word.ends_with("ing")
        && (DETERMINERS.contains(&before) || (before.ends_with("al") && !doc.capitalized(i - 1)))
}

/// Words before a noun that say which one.
const DETERMINERS: [&str; 11] = [
    "a", "an", "the", "this", "that", "its", "their", "each", "every", "such", "next",
];
