//! "The Kyrgyz capital": in a news story, the dateline's city (like "here"), unless the data
//! knows another capital of that country or the sentence names the dateline's city, or the
//! article calls the dateline's city the capital of another adjective ("Male, the Maldivian
//! capital": "the Armenian capital" is not Male).

use super::mentions::Refers;
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
    let names = dateline_names(facts, here);
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

/// The names of the dateline's place `here` (an id of the data, or a name it does not know).
fn dateline_names<'f>(facts: &'f Facts, here: Option<&'f str>) -> Vec<&'f str> {
    match here.and_then(|h| facts.entities.iter().find(|e| e.id == h)) {
        Some(e) => std::iter::once(&e.label)
            .chain(&e.other_names)
            .map(String::as_str)
            .collect(),
        None => here.into_iter().collect(),
    }
}

/// The adjective, lower case, that the article gives the dateline's city in an apposition
/// ("Male, the Maldivian capital" or "the Maldivian capital, Male"), if one.
fn adjective_said(doc: &Doc, names: &[&str]) -> Option<String> {
    let text = doc.text;
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    for name in names.iter().filter(|n| !n.is_empty()) {
        for (at, _) in text.match_indices(name) {
            let end = at + name.len();
            if word(text[..at].chars().next_back()) || word(text[end..].chars().next()) {
                continue;
            }
            // "Male, the Maldivian capital".
            let after: Vec<&str> = text[end..].splitn(5, ' ').collect();
            if let [",", "the", adjective, capital, ..] = after.as_slice() {
                if capital.trim_end_matches([',', '.', ';']) == "capital" {
                    return Some(adjective.to_lowercase());
                }
            }
            // "the Maldivian capital, Male".
            let before: Vec<&str> = text[..at].rsplitn(5, ' ').collect();
            if let ["", capital, adjective, the, ..] = before.as_slice() {
                if *capital == "capital," && the.eq_ignore_ascii_case("the") {
                    return Some(adjective.to_lowercase());
                }
            }
        }
    }
    None
}

/// What "here" or "the Kyrgyz capital" (token `i`) in an article dated at `here` refers to.
pub struct Dateline<'a, 'f> {
    /// The dateline's place: an id of the data or a name it does not know.
    pub here: Option<&'f str>,
    /// The data's entities by id.
    pub index: &'a HashMap<&'f str, usize>,
    /// The data's places by the first letters of their names (see
    /// [`super::resolve::adjective_of`]).
    pub adjectives: &'a HashMap<String, Vec<(String, usize)>>,
    /// The data.
    pub facts: &'f Facts,
}

impl Dateline<'_, '_> {
    /// The entity or name "here" or "the Kyrgyz capital" (token `i`) refers to, and how it
    /// was found; none when it is another country's capital the data does not know.
    /// `adjective` keeps the adjective the article gives the dateline's city, once found.
    pub fn refers(
        &self,
        doc: &Doc,
        i: usize,
        adjective: &mut Option<Option<String>>,
    ) -> Option<(Refers, &'static str)> {
        if doc.lower(i) != "here" {
            // "the Tajik capital" away from Dushanbe: the capital the data knows, if one.
            if let Some(other) = other_capital(doc, i, self.adjectives, self.facts, self.here) {
                let e = *other.and_then(|c| self.index.get(c))?;
                return Some((Refers::Entity(e), "the capital of the country named"));
            }
            // "the Armenian capital" in an article that calls its dateline's city "the
            // Maldivian capital": another city.
            let said = adjective
                .get_or_insert_with(|| adjective_said(doc, &dateline_names(self.facts, self.here)))
                .as_deref();
            if said.is_some_and(|a| a != doc.lower(i - 1)) {
                return None;
            }
        }
        match self.here.map(|h| (h, self.index.get(h))) {
            Some((_, Some(&e))) => Some((Refers::Entity(e), "here: the dateline's place")),
            Some((name, None)) => Some((
                Refers::Name(name.to_owned()),
                "here: the dateline's place, a new name",
            )),
            None => None,
        }
    }
}
