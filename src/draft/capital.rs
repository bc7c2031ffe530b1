//! "The Kyrgyz capital": in a news story, the dateline's city (like "here"), unless the data
//! knows another capital of that country or the sentence names the dateline's city.

use super::text::Doc;
use crate::facts::Facts;
use std::collections::HashMap;

/// Whether token `i` is "capital" in "the Kyrgyz capital" with no name beside it (not "the
/// Kyrgyz capital, Bishkek", "the Kyrgyz capital of Bishkek" or "Bishkek, the Kyrgyz
/// capital"): in a news story that is the dateline's city, like "here".
pub fn dateline_capital(doc: &Doc, i: usize) -> bool {
    i >= 2
        && doc.lower(i) == "capital"
        && doc.lower(i - 2) == "the"
        && doc.capitalized(i - 1)
        && !(doc.capitalized(i + 1) && doc.between(i).chars().all(|c| c == ' ' || c == ','))
        && doc.lower(i + 1) != "of"
        && !(i >= 3 && doc.between(i - 3).contains(','))
}

/// "the Tajik capital" (token `i`, see [`dateline_capital`]) when the data knows the capital
/// of the country the adjective names and the dateline's place `here` is not it: that
/// capital's id, or `Some(None)` when the data knows several or the sentence names the
/// dateline's city; `None` when the data knows none (then it is the dateline's city).
pub fn other_capital<'f>(
    doc: &Doc,
    i: usize,
    adjectives: &HashMap<String, Vec<(String, usize)>>,
    facts: &'f Facts,
    here: Option<&str>,
) -> Option<Option<&'f str>> {
    // A sentence that names the dateline's city calls no other city so ("moved from the Uzbek
    // capital to Kuala Lumpur", from Kuala Lumpur).
    let place = here.and_then(|h| facts.entities.iter().find(|e| e.id == h));
    let names: Vec<&str> = match place {
        Some(e) => std::iter::once(&e.label)
            .chain(&e.other_names)
            .map(String::as_str)
            .collect(),
        None => here.into_iter().collect(),
    };
    let sentence = &doc.sentences[doc.sentence_of(i)];
    let said = &doc.text[doc.bytes(sentence.start, sentence.end - 1)];
    if names.iter().any(|n| said.contains(n)) {
        return Some(None);
    }
    let country = &facts.entities[super::resolve::adjective_of(doc, i - 1, adjectives)?].id;
    let mut capitals: Vec<&str> = facts
        .statements
        .iter()
        .filter(|s| s.subject == *country && s.property == "capital")
        .filter_map(|s| match &s.value {
            crate::facts::Value::Entity(c) => Some(c.as_str()),
            _ => None,
        })
        .collect();
    capitals.sort_unstable();
    capitals.dedup();
    if capitals.is_empty() || here.is_some_and(|h| capitals.contains(&h)) {
        return None;
    }
    Some((capitals.len() == 1).then(|| capitals[0]))
}
