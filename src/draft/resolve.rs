//! Settling the mentions once all are found: a name the data does not know ("Baku"), and an
//! adjective of such a name ("Azerbaijani" for "Azerbaijan"); "the secretariat" as the
//! nearest earlier entity of its class, or the data's only one, so that a later "it" can
//! refer to it; the head nouns of the data's names ("the conference"); and the word tests
//! that find mentions: a name that runs on ("Declaration on Water and Climate Security"), an
//! adjective of the data's names ("Kazakh").

use super::mentions::{Mentions, Refers};
use super::text::Doc;
use crate::facts::Facts;
use crate::ontology::Schema;
use std::collections::HashMap;

/// How an adjective of a name the data does not know was found ("Uzbek" for "Uzbekistan").
pub const ADJECTIVE: &str = "adjective of a name the data does not know";

/// Words that start a sentence or a phrase with a capital without being a name.
const NOT_NAMES: [&str; 77] = [
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "their",
    "they",
    "he",
    "she",
    "we",
    "i",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "to",
    "of",
    "with",
    "after",
    "before",
    "since",
    "during",
    "as",
    "and",
    "but",
    "or",
    "if",
    "when",
    "while",
    "currently",
    "now",
    "today",
    "yesterday",
    "tomorrow",
    "also",
    "however",
    "meanwhile",
    "there",
    "here",
    "all",
    "some",
    "many",
    "most",
    "each",
    "every",
    "both",
    "such",
    "other",
    "another",
    "according",
    "source",
    "editor",
    "backgrounder",
    "under",
    "over",
    "about",
    "his",
    "besides",
    // Question and relative words ("Whichever country holds the chair ...").
    "which",
    "whichever",
    "what",
    "whatever",
    "where",
    "wherever",
    "who",
    "whoever",
    "whose",
    "why",
    "how",
    "whenever",
    "because",
];

/// Words that make a run of capitalized words a person's name or title, not a place's.
const TITLES: [&str; 14] = [
    "president",
    "prime",
    "minister",
    "secretary",
    "king",
    "queen",
    "mr",
    "mrs",
    "ms",
    "dr",
    "chairman",
    "ambassador",
    "spokesperson",
    "foreign",
];

fn plain(doc: &Doc, i: usize) -> bool {
    let word = doc.lower(i);
    doc.capitalized(i)
        && !NOT_NAMES.contains(&word)
        && super::values::month(word).is_none()
        && super::values::number_at(doc, i).is_none()
        && super::values::ordinal_at(doc, i).is_none()
        && !super::values::WEEKDAYS.contains(&word)
}

/// The last token of a run of capitalized words that starts at `i` and may be a name.
pub fn unknown_name(doc: &Doc, i: usize) -> Option<usize> {
    // A capitalized word before it joins it ("Central Asia", "Nur-Sultan"), unless it is no
    // name ("The Uzbek capital") or punctuation parts them ("(Xinhua) -- Mongolia").
    if !plain(doc, i)
        || (i > 0
            && doc.capitalized(i - 1)
            && !NOT_NAMES.contains(&doc.lower(i - 1))
            && doc.between(i - 1).chars().all(|c| c == ' ' || c == '-'))
    {
        return None;
    }
    let last = name_from(doc, i, i)?;
    // One word opening a sentence that the text also writes in lower case ("Leaders had
    // endorsed …" where "leaders" occurs too) is a common word, not a name.
    let opens = doc.sentences[doc.sentence_of(i)].start == i;
    (!(last == i && opens && doc.written_lower(i))).then_some(last)
}

/// The one entity of the data whose one-word name token `i` is an adjective of ("Kazakh" for
/// Kazakhstan): they share at least four first letters, the adjective ends with an
/// adjective's ending and the name differs in a few last letters.
/// `adjectives` holds the data's one-word names of five letters or more by their first four.
pub fn adjective_of(
    doc: &Doc,
    i: usize,
    adjectives: &HashMap<String, Vec<(String, usize)>>,
) -> Option<usize> {
    let word = doc.lower(i);
    if !doc.capitalized(i) || word.chars().count() < 4 {
        return None;
    }
    let key: String = word.chars().take(4).collect();
    let fits: Vec<usize> = adjectives
        .get(&key)
        .into_iter()
        .flatten()
        .filter(|(label, _)| {
            let common = label
                .chars()
                .zip(word.chars())
                .take_while(|(a, b)| a == b)
                .count();
            // What the adjective adds is an adjective's ending ("Chin-ese", "Turk-ish",
            // "Kazakh"): "Turkmen" is no adjective of Turkey.
            let ending: String = word.chars().skip(common).collect();
            label != word
                && common >= 4
                && ["", "i", "n", "an", "ian", "ean", "ese", "ish"].contains(&ending.as_str())
                && label.chars().count() - common <= 5
        })
        .map(|(_, e)| *e)
        .collect();
    match fits.as_slice() {
        [e] => Some(*e),
        _ => None,
    }
}

/// The body a name of meetings names ("senior officials committee" in "sessions of the senior
/// officials committee"): a meeting format is also told by the body that meets, when that is
/// two words or more.
pub fn meetings_of(name: &str) -> Option<&str> {
    let rest = ["meetings of ", "sessions of "]
        .iter()
        .find_map(|p| name.strip_prefix(p))?;
    let rest = rest.strip_prefix("the ").unwrap_or(rest);
    (rest.split_whitespace().count() >= 2 && !rest.contains('(')).then_some(rest)
}

/// The last token of a name that runs on past the data's name `i..=last` in capitalized
/// words ("Dushanbe Declaration on Water" past "Dushanbe"), if it does.
pub fn longer_name(doc: &Doc, i: usize, last: usize) -> Option<usize> {
    if !plain(doc, last + 1) || !doc.between(last).chars().all(|c| c == ' ') {
        return None;
    }
    name_from(doc, i, last + 1)
}

/// The last token of the name `i..=at` run on: capitalized words, then "on", "of" or "for"
/// and capitalized words ("Declaration on Water"), and after that "and" and capitalized
/// words ("… on Water and Climate Security"): a title-cased name with those words inside is
/// one name. A phrase that opens its sentence crosses no "of" ("Leaders of China") unless
/// two capitalized words come before it. None for a person's name or title.
fn name_from(doc: &Doc, i: usize, at: usize) -> Option<usize> {
    let run = |mut last: usize| {
        while last + 1 < doc.len()
            && doc.capitalized(last + 1)
            && doc.between(last).trim().is_empty()
        {
            last += 1;
        }
        last
    };
    let mut last = run(at);
    let opens = doc.sentences[doc.sentence_of(i)].start == i && last == i;
    let mut crossed = false;
    loop {
        let joiner = doc.lower(last + 1);
        let joins = match joiner {
            "on" | "of" | "for" => !opens,
            "and" => crossed,
            _ => false,
        };
        if !joins
            || !plain(doc, last + 2)
            || !doc.between(last).trim().is_empty()
            || !doc.between(last + 1).trim().is_empty()
        {
            break;
        }
        crossed = true;
        last = run(last + 2);
    }
    if (i..=last).any(|k| TITLES.contains(&doc.lower(k))) {
        return None;
    }
    Some(last)
}

/// A label from words as printed: "BAKU" becomes "Baku".
pub fn label_of(words: &str) -> String {
    if words.chars().any(char::is_lowercase) {
        return words.to_owned();
    }
    words
        .split(' ')
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or(String::new(), |c| {
                c.to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The head noun of each name of three words or more that no other entity's name shares and
/// that is no class's noun ("conference" in "Conference on Interaction and ..."): the word
/// before the first "of", "on", "for" or "in", or the last word. Numbered entities are left
/// out: "the summit" is not one summit.
pub fn head_nouns(
    facts: &Facts,
    m: &Mentions,
    nouns: &HashMap<&str, &str>,
) -> HashMap<String, usize> {
    let mut heads: HashMap<String, Option<usize>> = HashMap::new();
    for (i, e) in facts.entities.iter().enumerate() {
        if m.ordinals.contains_key(&i) {
            continue;
        }
        for name in std::iter::once(&e.label).chain(&e.other_names) {
            let w = super::mentions::words(name);
            if w.len() < 3 {
                continue;
            }
            let end = w
                .iter()
                .position(|x| matches!(x.as_str(), "of" | "on" | "for" | "in"))
                .unwrap_or(w.len());
            let Some(head) = end.checked_sub(1).map(|k| w[k].clone()) else {
                continue;
            };
            if nouns.contains_key(head.as_str()) || nouns.contains_key(head.trim_end_matches('s')) {
                continue;
            }
            let slot = heads.entry(head).or_insert(Some(i));
            if *slot != Some(i) {
                *slot = None;
            }
        }
    }
    heads
        .into_iter()
        .filter_map(|(h, e)| Some((h, e?)))
        .collect()
}

/// Settles adjectives of new names and class nouns.
pub fn settle(m: &mut Mentions, doc: &Doc, schema: &Schema) {
    let names: std::collections::BTreeSet<String> = m
        .list
        .iter()
        .filter_map(|x| match &x.refers {
            Refers::Name(n) if !n.contains(' ') => Some(n.clone()),
            _ => None,
        })
        .collect();
    // An adjective and its name share their first four letters: only those are compared.
    let mut by_prefix: std::collections::HashMap<String, Vec<&String>> = Default::default();
    for n in &names {
        by_prefix
            .entry(n.chars().take(4).collect())
            .or_default()
            .push(n);
    }
    for x in &mut m.list {
        if let Refers::Name(label) = &x.refers {
            let key: String = label.chars().take(4).collect();
            let adjective_of = by_prefix.get(&key).into_iter().flatten().find(|n| {
                let common = n
                    .chars()
                    .zip(label.chars())
                    .take_while(|(a, b)| a == b)
                    .count();
                let (a, b) = (n.chars().count(), label.chars().count());
                // One is the other and a suffix: "Azerbaijan-i" is the adjective of the shorter;
                // "Uzbek-istan" the name of the longer.
                let (short, long) = if a < b {
                    (n.as_str(), label.as_str())
                } else {
                    (label.as_str(), n.as_str())
                };
                let suffix = &long[short.len().min(long.len())..];
                let name_is_short = ["i", "ese", "ish", "an", "ian", "n"].contains(&suffix);
                **n != label
                    && common >= 4
                    && common == a.min(b)
                    && a.abs_diff(b) <= 5
                    && (if name_is_short { a < b } else { a > b })
            });
            if let Some(n) = adjective_of {
                x.refers = Refers::Name((*n).clone());
                x.how = ADJECTIVE;
            }
        }
    }
    for k in 0..m.list.len() {
        let Refers::Class(class) = &m.list[k].refers else {
            continue;
        };
        let sentence = doc.sentence_of(m.list[k].first);
        let earlier = m.list[..k]
            .iter()
            .rev()
            .take_while(|p| doc.sentence_of(p.first) + 3 > sentence)
            .find_map(|p| match p.refers {
                Refers::Entity(e) if !p.nested && schema.is_a(&m.entities[e].class, class) => {
                    Some(e)
                }
                _ => None,
            });
        let only: Vec<usize> = (0..m.entities.len())
            .filter(|&e| !m.entities[e].new && schema.is_a(&m.entities[e].class, class))
            .collect();
        if let Some(e) = earlier.or_else(|| (only.len() == 1).then(|| only[0])) {
            m.list[k].refers = Refers::Entity(e);
        }
    }
}
