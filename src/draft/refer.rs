//! What a mention refers to, for a role that wants some classes: the entity it names, the
//! nearest earlier entity for a pronoun or a class noun, a new entity for a name the data does
//! not know, a new event for a verb that tells one.

use super::mentions::Refers;
use super::rules::{Rules, DATELINE_CLASS};
use super::text::Doc;

impl Rules<'_> {
    /// What mention `k` refers to, for a role that wants these classes.
    pub(super) fn resolve(&self, k: usize, wanted: &[String]) -> Option<usize> {
        let mention = &self.m.list[k];
        if self.modifier(k, false) {
            return None;
        }
        let sentence = self.doc.sentence_of(mention.first);
        // Within three sentences back, or three back from an earlier pronoun ("It … its …
        // Its secretariat": a chain of pronouns carries the entity along, a few sentences).
        let earlier = |class: Option<&str>| {
            let mut horizon = sentence;
            self.m.list[..k]
                .iter()
                .rev()
                .take_while(|p| {
                    let at = self.doc.sentence_of(p.first);
                    // At most six sentences back, so that a long article stays linear.
                    if at + 3 > horizon && at + 6 >= sentence && p.refers == Refers::Pronoun {
                        horizon = at;
                    }
                    at + 3 > horizon
                })
                .find_map(|p| match p.refers {
                    Refers::Entity(e)
                        if !p.nested
                            && self.fits(e, wanted)
                            && class
                                .is_none_or(|c| self.schema.is_a(&self.m.entities[e].class, c)) =>
                    {
                        Some(e)
                    }
                    _ => None,
                })
        };
        match &mention.refers {
            Refers::Entity(e) => self.fits(*e, wanted).then_some(*e),
            Refers::Pronoun => earlier(None),
            // The dateline's place is a city (the range of cica:datelinePlace).
            Refers::Name(label) if mention.how.starts_with("here") => self
                .new_entity(label, &[DATELINE_CLASS.to_owned()])
                .filter(|e| self.fits(*e, wanted)),
            // An adjective ("Uzbek city") names a country or a people, never a city.
            Refers::Name(_)
                if mention.how == super::resolve::ADJECTIVE
                    && wanted.iter().any(|w| self.schema.is_a(w, DATELINE_CLASS)) =>
            {
                None
            }
            // A city's name takes no "the" ("in the Gulf"): no new city of it.
            Refers::Name(_)
                if mention.first > 0
                    && self.doc.lower(mention.first - 1) == "the"
                    && wanted.iter().any(|w| self.schema.is_a(w, DATELINE_CLASS)) =>
            {
                None
            }
            Refers::Name(label) => self.new_entity(label, wanted),
            // Labelled once its candidates are known (`events::label`).
            Refers::Told(class) => (wanted.is_empty()
                || wanted.iter().any(|w| self.schema.is_a(class, w)))
            .then(|| self.extra_entity(&super::events::placeholder(mention.first), class)),
            Refers::Class(class) => earlier(Some(class)).or_else(|| {
                let only: Vec<usize> = (0..self.m.entities.len())
                    .filter(|&e| {
                        !self.m.entities[e].new
                            && self.schema.is_a(&self.m.entities[e].class, class)
                            && self.fits(e, wanted)
                    })
                    .collect();
                (only.len() == 1).then(|| only[0])
            }),
        }
    }

    /// Whether mention `k` is a modifier of the lowercase noun right after it, not a thing
    /// named: a name the data does not know after "the" ("the Ruritanian kingdom", "the
    /// Freedonian city of Marsport"), unless it ends in "s" like a name that takes "the" ("the
    /// Philippines took over"), or, as a `value`, any name after "a" or "an" ("a Seoul think
    /// tank"; as a subject it may still be whose it is: "a CICA diplomat"). An adjective of a
    /// name the article also says ("Uzbek" for "Uzbekistan") stays that name's.
    pub(super) fn modifier(&self, k: usize, value: bool) -> bool {
        let x = &self.m.list[k];
        let next = x.last + 1;
        if x.first == 0
            || next >= self.doc.len()
            || self.doc.between(x.last) != " "
            || !self.doc.capitalized(x.first)
            || !self.doc.word(next).starts_with(|c: char| c.is_lowercase())
        {
            return false;
        }
        match self.doc.lower(x.first - 1) {
            "a" | "an" => value,
            "the" => {
                matches!(&x.refers, Refers::Name(label)
                    if x.how != super::resolve::ADJECTIVE && !label.ends_with('s'))
            }
            _ => false,
        }
    }
}

/// Words before a class noun that tell which of several it is ("the next summit", "the
/// other secretariat"), not what the one is like.
const WHICH: [&str; 14] = [
    "next",
    "previous",
    "last",
    "first",
    "following",
    "latest",
    "upcoming",
    "past",
    "former",
    "other",
    "same",
    "another",
    "each",
    "every",
];

/// Whether token `i` (a class noun) comes after "the", "its" or "their" and one adjective
/// written in lower case that says what it is like ("the standing secretariat", "its
/// permanent secretariat"), not which of several it is ("the next summit").
pub(super) fn described(doc: &Doc, i: usize) -> bool {
    i >= 2
        && matches!(doc.lower(i - 2), "the" | "its" | "their")
        && !doc.capitalized(i - 1)
        && doc.between(i - 2) == " "
        && doc.between(i - 1) == " "
        && doc.lower(i - 1).chars().all(char::is_alphabetic)
        && !WHICH.contains(&doc.lower(i - 1))
}
