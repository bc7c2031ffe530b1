//! What a mention refers to, for a role that wants some classes: the entity it names, the
//! nearest earlier entity for a pronoun or a class noun, a new entity for a name the data does
//! not know, a new event for a verb that tells one.

use super::mentions::Refers;
use super::rules::{Rules, DATELINE_CLASS};

/// The class of countries: what an adjective of a name the data does not know may name ("a
/// Kazakh initiative"), and, with a city, what a name before "-based" may.
const COUNTRY_CLASS: &str = "Country";

/// Words before a name that make it a place ("in Laos", "from Seoul").
const PLACE_BEFORE: [&str; 4] = ["in", "from", "at", "near"];
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
            // An adjective ("Uzbek city", "the Pakistani capital", "Lao officials") names a
            // country or a people, never a city, a body or a format.
            Refers::Name(_)
                if mention.how == super::resolve::ADJECTIVE
                    && wanted.iter().all(|w| w != COUNTRY_CLASS) =>
            {
                None
            }
            // A name where a place stands ("the Islamabad-based secretariat", "in Laos") is a
            // place: no new body, format or document of it; before "-based", a city or a
            // country, not a region.
            Refers::Name(_)
                if (!wanted.iter().any(|w| self.is_place(w))
                    && place_position(self.doc, mention.first, mention.last))
                    || (based(self.doc, mention.last)
                        && !wanted
                            .iter()
                            .any(|w| w == DATELINE_CLASS || w == COUNTRY_CLASS)) =>
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
            // A new city is told where a place stands ("in Marsport", "Marsport-based"), not
            // as the holder of an office ("handed it over to Vietnam").
            Refers::Name(_)
                if wanted.iter().any(|w| w == DATELINE_CLASS)
                    && !city_position(self.doc, mention.first, mention.last) =>
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

    /// Whether a value fits a cue that is its class's noun: the cue "secretariat" finds a
    /// secretariat by its name ("the CICA Secretariat"), never a new one named by a person or
    /// a place beside it ("Kamran Siddiqui, who heads the secretariat").
    pub(super) fn named_as_cued(&self, item: &super::rules::Item, cue: &super::cues::Cue) -> bool {
        let super::rules::RawValue::Entity(e) = item.value else {
            return true;
        };
        let Some(k) = self.known(e).filter(|k| k.new) else {
            return true;
        };
        let Some(noun) = self.knowledge.nouns.get(&k.class) else {
            return true;
        };
        let bare = cue.parts.len() == 1 && cue.parts[0].len() == 1;
        let noun_cue = bare && noun.trim_end_matches('s') == cue.parts[0][0].trim_end_matches('s');
        !noun_cue || k.label.to_lowercase().contains(noun.as_str())
    }

    /// Whether class `class` is a place: its ids are those of the dateline's class.
    fn is_place(&self, class: &str) -> bool {
        self.schema.id_prefix(class).is_some()
            && self.schema.id_prefix(class) == self.schema.id_prefix(DATELINE_CLASS)
    }

    /// Whether mention `k` is a modifier of the lowercase noun right after it, not a thing
    /// named: a name the data does not know after "the" ("the Ruritanian kingdom", "the
    /// Freedonian city of Marsport"), unless it ends in "s" like a name that takes "the" ("the
    /// Philippines took over"), or, as a `value`, any name after "a" or "an" ("a Seoul think
    /// tank"; as a subject it may still be whose it is: "a CICA diplomat"), or any such name
    /// after an owner ("the forum's Central Asian core", "its Gulf members"). An adjective of a
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
            // After an owner ("the forum's Central Asian core", "its Gulf members").
            "its" | "their" => {
                matches!(&x.refers, Refers::Name(_) if x.how != super::resolve::ADJECTIVE)
            }
            "s" if x.first >= 2 && matches!(self.doc.between(x.first - 2), "'" | "\u{2019}") => {
                matches!(&x.refers, Refers::Name(_) if x.how != super::resolve::ADJECTIVE)
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

/// Whether the name at tokens `first..=last` stands where a place does: before "-based"
/// ("the Islamabad-based secretariat") or right after "in", "from", "at" or "near".
pub(super) fn place_position(doc: &Doc, first: usize, last: usize) -> bool {
    let after =
        first > 0 && PLACE_BEFORE.contains(&doc.lower(first - 1)) && doc.between(first - 1) == " ";
    based(doc, last) || after
}

/// Whether token `last` is followed by "-based" ("Islamabad-based").
fn based(doc: &Doc, last: usize) -> bool {
    doc.joined_by_hyphen(last) && doc.lower(last + 1) == "based"
}

/// Whether the name at tokens `first..=last` stands where a city is told: where a place stands
/// (see [`place_position`]), after "to" (not "over to": "handed it over to Vietnam"), "for",
/// "of", "via" or "hosted by", before "hosts" or "hosted", or beside "capital" or "city" ("the Uzbek
/// capital, Tashkent", "Manila, the Philippine capital").
pub(super) fn city_position(doc: &Doc, first: usize, last: usize) -> bool {
    let before = |k: usize| first >= k && doc.between(first - k) == " ";
    let prev = if first > 0 { doc.lower(first - 1) } else { "" };
    let after_word = before(1)
        && (matches!(prev, "for" | "of" | "via")
            || (prev == "to" && !(first >= 2 && doc.lower(first - 2) == "over"))
            || (prev == "by" && first >= 2 && doc.lower(first - 2) == "hosted"));
    let hosts = doc.between(last) == " "
        && matches!(doc.lower(last + 1), "hosts" | "hosted" | "hosting" | "host");
    let place_noun = |w: &str| matches!(w, "capital" | "city");
    let after_noun = first > 0 && place_noun(prev) && doc.between(first - 1).trim() == ",";
    let before_noun = doc.between(last).trim() == ","
        && doc.lower(last + 1) == "the"
        && (last + 2..last + 5).any(|k| place_noun(doc.lower(k)));
    place_position(doc, first, last) || after_word || hosts || after_noun || before_noun
}
