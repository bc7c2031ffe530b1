//! The entities an article mentions: by label, other name or an acronym the article defines
//! ("Full Name (ACR)"), whatever the case and with a possessive; by an adjective that names a
//! place ("Kazakh" for Kazakhstan); by "here" (the dateline's place); by an ordinal and a
//! class noun ("the sixth summit": the summit the data numbers 6, or a new one); by facts (a
//! summit "in Almaty in June 2006" is the one the data holds with that place and date); and,
//! resolved by the rules, by a pronoun ("it", "its") or a class noun ("the secretariat").

use super::cues::Knowledge;
use super::text::Doc;
use super::values::ordinal_at;
use crate::facts::{Facts, Value};
use crate::ontology::{Schema, ValueKind};
use std::collections::{BTreeMap, HashMap};

/// An entity the draft may use: one of the data, or a new one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    /// Its id.
    pub id: String,
    /// Its class.
    pub class: String,
    /// Its label.
    pub label: String,
    /// Not in the data: proposed with the candidates that use it.
    pub new: bool,
}

impl Known {
    /// An entity of the data.
    pub fn of(e: &crate::facts::Entity) -> Self {
        Known {
            id: e.id.clone(),
            class: e.class.clone(),
            label: e.label.clone(),
            new: false,
        }
    }
}

/// What a mention refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refers {
    /// An entity (index in [`Mentions::entities`]).
    Entity(usize),
    /// "it", "its": the nearest earlier entity of the class a rule needs.
    Pronoun,
    /// "the secretariat": the nearest earlier entity of this class, or the data's only one.
    Class(String),
    /// A name the data does not know ("Baku"): a new entity of the class a rule needs.
    Name(String),
    /// An event of this class that the text tells by a verb without naming it ("moved"): a
    /// new entity.
    Told(String),
}

/// A mention: tokens `first..=last`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// First token.
    pub first: usize,
    /// Last token.
    pub last: usize,
    /// What it refers to.
    pub refers: Refers,
    /// How it was found.
    pub how: &'static str,
    /// Inside a longer mention (a name within a name).
    pub nested: bool,
}

/// The mentions of an article and the entities they refer to.
#[derive(Debug, Clone, Default)]
pub struct Mentions {
    /// The data's entities, then the new ones.
    pub entities: Vec<Known>,
    /// The mentions, by first token.
    pub list: Vec<Mention>,
    /// Entity index -> its ordinal (from the data or the article).
    pub ordinals: HashMap<usize, i64>,
}

impl Mentions {
    /// Adds a new entity of `class` (or returns the one with this label), minting its id:
    /// `prefix/N` when every id of the prefix is a number and an ordinal is known, else
    /// `prefix/slug-of-the-label`.
    pub fn new_entity(
        &mut self,
        schema: &Schema,
        class: &str,
        label: &str,
        ordinal: Option<i64>,
    ) -> Option<usize> {
        if let Some(i) = self
            .entities
            .iter()
            .position(|e| e.new && e.label == label && e.class == class)
        {
            return Some(i);
        }
        let prefix = schema.id_prefix(class)?;
        let numbered = self
            .entities
            .iter()
            .filter_map(|e| e.id.strip_prefix(prefix)?.strip_prefix('/'))
            .all(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()));
        let slug: String = label
            .to_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        let base = match ordinal {
            Some(n) if numbered => format!("{prefix}/{n}"),
            _ if slug.is_empty() => return None,
            _ => format!("{prefix}/{slug}"),
        };
        let mut id = base.clone();
        let mut n = 2;
        while self.entities.iter().any(|e| e.id == id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.entities.push(Known {
            id,
            class: class.to_owned(),
            label: label.to_owned(),
            new: true,
        });
        Some(self.entities.len() - 1)
    }
}

pub(super) fn words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// How a mention counted from the latest ordinal mention was found ("the next summit").
pub const RELATIVE: &str = "ordinal: counted from the latest ordinal mention";

/// Finds the mentions of `doc`'s tokens from `body` on; `here` is the dateline's place: an
/// entity id, or a name the data does not know.
pub fn find(
    doc: &Doc,
    body: usize,
    facts: &Facts,
    schema: &Schema,
    knowledge: &Knowledge,
    here: Option<&str>,
    today: Option<&crate::facts::Date>,
) -> Mentions {
    let mut m = Mentions {
        entities: facts.entities.iter().map(Known::of).collect(),
        ..Mentions::default()
    };
    let index: HashMap<&str, usize> = facts
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    // Names by first word, longest first.
    let mut names: HashMap<String, Vec<(Vec<String>, usize)>> = HashMap::new();
    let add_name =
        |names: &mut HashMap<String, Vec<(Vec<String>, usize)>>, name: &str, entity: usize| {
            let w = words(name);
            if let Some(first) = w.first().cloned() {
                let list = names.entry(first).or_default();
                list.push((w, entity));
                list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
            }
        };
    let mut adjectives: HashMap<String, Vec<(String, usize)>> = HashMap::new();
    for (i, e) in facts.entities.iter().enumerate() {
        for name in std::iter::once(&e.label).chain(&e.other_names) {
            add_name(&mut names, name, i);
            if let Some(body) = super::resolve::meetings_of(name) {
                add_name(&mut names, body, i);
            }
            let w = words(name);
            if w.len() == 1 && w[0].chars().count() >= 5 {
                let key: String = w[0].chars().take(4).collect();
                adjectives.entry(key).or_default().push((w[0].clone(), i));
            }
        }
    }
    // Ordinals and facts from the data.
    let mut by_ordinal: HashMap<(String, i64), usize> = HashMap::new();
    let mut values: BTreeMap<&str, (Vec<&str>, Vec<&str>)> = BTreeMap::new();
    for s in &facts.statements {
        let Some(&subject) = index.get(s.subject.as_str()) else {
            continue;
        };
        let property = schema.property(&s.property);
        match &s.value {
            Value::Integer(n)
                if property.is_some_and(|p| p.functional && p.kind == ValueKind::Integer) =>
            {
                by_ordinal.insert((m.entities[subject].class.clone(), *n), subject);
                m.ordinals.insert(subject, *n);
            }
            Value::Entity(id) => values.entry(&s.subject).or_default().0.push(id),
            Value::Date(d) => values.entry(&s.subject).or_default().1.push(&d.lexical),
            _ => {}
        }
    }
    let place_date = super::by_facts::place_date(&values, &index);
    // The adjective the article gives the dateline's city ("Male, the Maldivian capital").
    let mut dateline_adjective: Option<Option<String>> = None;
    let nouns: HashMap<&str, &str> = knowledge
        .nouns
        .iter()
        .map(|(c, n)| (n.as_str(), c.as_str()))
        .collect();
    let noun_class = |word: &str| {
        nouns
            .get(word)
            .or_else(|| nouns.get(word.strip_suffix('s').unwrap_or("")))
            .copied()
    };
    let heads = super::resolve::head_nouns(facts, &m, &nouns);
    let mut covered_until = body;
    // The class and number of the latest ordinal mention ("the third" after "its second
    // summit"; "the previous summit" after "the seventh summit").
    let mut latest: Option<(String, i64, usize)> = None;
    for i in body..doc.len() {
        let word = doc.lower(i);
        let nested = i < covered_until;
        let push = |m: &mut Mentions, last: usize, refers: Refers, how: &'static str| {
            m.list.push(Mention {
                first: i,
                last,
                refers,
                how,
                nested,
            });
        };
        // By name (the longest that starts here).
        let named = names.get(word).and_then(|list| {
            list.iter()
                .find(|(w, _)| (0..w.len()).all(|k| doc.lower(i + k) == w[k]))
                .map(|(w, e)| (i + w.len() - 1, *e))
        });
        if let Some((last, entity)) = named {
            // A name the data does not know that runs on past it ("Dushanbe Declaration"):
            // the data's name is a name within it.
            let longer = (!nested)
                .then(|| super::resolve::longer_name(doc, i, last))
                .flatten();
            push(&mut m, last, Refers::Entity(entity), "name");
            if let Some(end) = longer {
                let nested_at = m.list.len() - 1;
                m.list[nested_at].nested = true;
                let label = super::resolve::label_of(&doc.text[doc.bytes(i, end)]);
                push(
                    &mut m,
                    end,
                    Refers::Name(label),
                    "a name the data does not know",
                );
                covered_until = covered_until.max(end + 1);
                continue;
            }
            // A shorter name of another entity at the start of this one ("CICA" in "CICA
            // Secretariat") is a name within a name.
            let shorter = names.get(word).into_iter().flatten().find(|(w, e)| {
                *e != entity
                    && i + w.len() <= last
                    && (0..w.len()).all(|k| doc.lower(i + k) == w[k])
            });
            if let Some((w, e)) = shorter {
                m.list.push(Mention {
                    first: i,
                    last: i + w.len() - 1,
                    refers: Refers::Entity(*e),
                    how: "name",
                    nested: true,
                });
            }
            covered_until = covered_until.max(last + 1);
            // "Full Name (ACR)": the acronym names it too.
            let acronym = doc.word(last + 1);
            if doc.between(last).ends_with('(')
                && doc.between(last + 1).starts_with(')')
                && acronym.len() >= 2
                && acronym.chars().all(|c| c.is_uppercase())
                && words(&m.entities[entity].label).len() > 1
            {
                add_name(&mut names, acronym, entity);
            }
            continue;
        }
        if nested {
            continue;
        }
        if word == "here" || super::capital::dateline_capital(doc, i) {
            let said = super::capital::Dateline {
                here,
                index: &index,
                adjectives: &adjectives,
                facts,
            }
            .refers(doc, i, &mut dateline_adjective);
            if let Some((refers, how)) = said {
                push(&mut m, i, refers, how);
            }
            continue;
        }
        if word == "it" || word == "its" {
            push(&mut m, i, Refers::Pronoun, "pronoun");
            continue;
        }
        let relative = match word {
            "previous" | "preceding" | "last" => Some(-1),
            "next" | "following" => Some(1),
            _ => None,
        };
        let ordinal = ordinal_at(doc, i)
            .map(|(n, last)| (n, last, None))
            .or_else(|| {
                let (class, n, _) = latest.as_ref()?;
                relative.map(|step| (n + step, i, Some(class.clone())))
            });
        if let Some((n, last, relative_to)) = ordinal {
            let noun = (last + 1..=last + 2)
                .find_map(|j| noun_class(doc.lower(j)).map(|c| (j, c.to_owned())))
                .filter(|(_, class)| relative_to.as_ref().is_none_or(|c| c == class));
            // "the third", right after an ordinal mention of a class: another of that class.
            let elliptic = latest
                .as_ref()
                .filter(|(_, _, sentence)| {
                    doc.sentence_of(i) <= sentence + 1
                        && i > 0
                        && doc.lower(i - 1) == "the"
                        && relative.is_none()
                })
                .map(|(class, _, _)| (last, class.clone()));
            if let Some((noun_at, class)) = noun.or(elliptic) {
                let known = schema
                    .class_names()
                    .filter(|c| schema.is_a(c, &class))
                    .find_map(|c| by_ordinal.get(&(c.to_owned(), n)).copied());
                let label = match knowledge.class_labels.get(&class) {
                    Some(class_label) => {
                        format!("{} {class_label}", super::values::ordinal_word(n))
                    }
                    None => doc.text[doc.bytes(i, noun_at)].to_lowercase(),
                };
                let entity = known.or_else(|| m.new_entity(schema, &class, &label, Some(n)));
                if let Some(e) = entity {
                    m.ordinals.insert(e, n);
                    push(
                        &mut m,
                        noun_at,
                        Refers::Entity(e),
                        match (relative_to.is_some(), known.is_some()) {
                            (true, _) => RELATIVE,
                            (false, true) => "ordinal: the data's entity with this ordinal",
                            (false, false) => "ordinal: a new entity",
                        },
                    );
                    covered_until = noun_at + 1;
                    latest = Some((class, n, doc.sentence_of(i)));
                }
                continue;
            }
        }
        let before = if i > 0 { doc.lower(i - 1) } else { "" };
        // "the forum's secretariat" as "its secretariat".
        let possessive =
            before == "s" && i >= 2 && doc.between(i - 2).ends_with(['\'', '\u{2019}']);
        if (possessive
            || matches!(before, "the" | "its" | "their")
            || super::refer::described(doc, i))
            && !matches!(doc.lower(i + 1), "of" | "on")
        {
            if let Some(class) = noun_class(word) {
                push(&mut m, i, Refers::Class(class.to_owned()), "class noun");
                continue;
            }
            // "the conference": the one entity whose name has that head noun.
            if let Some(&e) = heads.get(word) {
                push(&mut m, i, Refers::Entity(e), "the head noun of a name");
                continue;
            }
        }
        // An adjective of a place: "Kazakh" for Kazakhstan.
        if let Some(e) = super::resolve::adjective_of(doc, i, &adjectives) {
            push(&mut m, i, Refers::Entity(e), "adjective of a place");
            continue;
        }
        if let Some(last) = super::resolve::unknown_name(doc, i) {
            let label = super::resolve::label_of(&doc.text[doc.bytes(i, last)]);
            push(
                &mut m,
                last,
                Refers::Name(label),
                "a name the data does not know",
            );
            covered_until = last + 1;
        }
    }
    let by_facts = super::by_facts::find(doc, &m, &place_date, today);
    m.list.extend(by_facts);
    m.list.sort_by_key(|x| (x.first, x.last));
    super::resolve::settle(&mut m, doc, schema);
    m
}
