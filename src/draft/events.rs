//! Events an article tells by a verb without naming them: "the secretariat moved from Astana to
//! Almaty" is a relocation. A property whose domain is one kind of event (a class under
//! `cica:Event` with no subclasses) and whose cue has no `{s}` and no `{v}` right beside its
//! words ("moved", "relocate … {v}") is that event's verb: where it occurs in a sentence that names no such event
//! (by name or by the data's facts), the verb stands for a new one. Its label is made from its
//! candidates: the class's label, "of" the verb's value, and each value whose cue is a word
//! before it ("from Astana", "to Almaty").

use super::cues::{Knowledge, Side};
use super::mentions::{Known, Mention, Mentions, Refers};
use super::near::cue_hits;
use super::rules::{Raw, RawValue};
use super::text::Doc;
use crate::facts::{Facts, Value};
use crate::ontology::{Schema, ValueKind};

/// How a verb that tells an event was found.
pub const TOLD: &str = "an event told by its verb";
/// The class of events.
const EVENT_CLASS: &str = "Event";

/// The label an event told at token `first` has until its candidates are known.
pub fn placeholder(first: usize) -> String {
    format!("\u{0}told at {first}")
}

/// Adds a mention for each verb that tells an event the sentence does not name.
pub fn find(doc: &Doc, body: usize, m: &mut Mentions, schema: &Schema, knowledge: &Knowledge) {
    let mut verbs = Vec::new();
    for (name, cues) in &knowledge.cues {
        let Some(p) = schema.property(name) else {
            continue;
        };
        let [class] = p.domain.as_slice() else {
            continue;
        };
        if p.kind != ValueKind::Entity
            || !schema.is_a(class, EVENT_CLASS)
            || class == EVENT_CLASS
            || schema.id_prefix(class).is_none()
            || schema
                .class_names()
                .any(|c| c != class && schema.is_a(c, class))
        {
            continue;
        }
        // A verb: no subject marker, and the value not right beside the words ("from {v}").
        for cue in cues {
            let beside = |side| {
                matches!(
                    side,
                    Side::After { adjacent: true } | Side::Before { adjacent: true }
                )
            };
            if cue.subject == Side::Either && !beside(cue.value) {
                verbs.push((cue, class));
            }
        }
    }
    let mut told = Vec::new();
    for sentence in doc.sentences.iter().filter(|s| s.end > body) {
        let tokens = sentence.start.max(body)..sentence.end;
        let from = m.list.partition_point(|x| x.first < tokens.start);
        let named = |class: &str| {
            m.list[from..]
                .iter()
                .take_while(|x| x.first < tokens.end)
                .any(|x| matches!(x.refers, Refers::Entity(e) if schema.is_a(&m.entities[e].class, class)))
        };
        for (cue, class) in &verbs {
            if named(class) {
                continue;
            }
            for (first, last) in cue_hits(doc, &tokens, cue) {
                told.push(Mention {
                    first,
                    last,
                    refers: Refers::Told((*class).clone()),
                    how: TOLD,
                    nested: false,
                });
            }
        }
    }
    m.list.extend(told);
    m.list.sort_by_key(|x| (x.first, x.last));
    m.list
        .dedup_by(|a, b| a.first == b.first && a.refers == b.refers && a.how == TOLD);
}

/// The label of the told event `e` (an index among all entities, `entities` then `extra`):
/// its class's label, "of" the value of its verb, then each value whose cue is one word
/// before it ("from Astana"), in the text's order.
pub fn label(
    e: usize,
    class_label: &str,
    raws: &[Raw],
    label_of: impl Fn(usize) -> String,
) -> String {
    let mut of = Vec::new();
    let mut rest: Vec<(usize, String)> = Vec::new();
    for r in raws.iter().filter(|r| r.subject == e) {
        let RawValue::Entity(v) = r.value else {
            continue;
        };
        match beside_word(&r.cue) {
            Some(word) => rest.push((r.last, format!("{word} {}", label_of(v)))),
            None if !r.cue.is_empty() && !r.cue.contains("{s}") => {
                of.push(format!("of {}", label_of(v)))
            }
            _ => {}
        }
    }
    rest.sort();
    rest.dedup();
    of.dedup();
    std::iter::once(class_label.to_owned())
        .chain(of)
        .chain(rest.into_iter().map(|(_, w)| w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The word of a cue that is one word right before its value ("from" of "from {v}").
fn beside_word(cue: &str) -> Option<&str> {
    match cue.split_whitespace().collect::<Vec<_>>().as_slice() {
        [word, "{v}"] => Some(word),
        _ => None,
    }
}

/// Whether the told event `e` has a value placed by a word right before it ("from Astana",
/// "to Almaty"): a verb with none ("agreed to relocate once the lease lapses", "the meeting
/// moved on to trade") tells no event of its own.
pub fn placed(e: usize, raws: &[Raw]) -> bool {
    raws.iter().any(|r| {
        r.subject == e && matches!(r.value, RawValue::Entity(_)) && beside_word(&r.cue).is_some()
    })
}

/// The data's event that the told event `e` is: the one entity of its class whose facts hold
/// at least two of the told event's values (entities of the data, `known`), each under the
/// same property, and no other value of a functional one ("relocated from Almaty to Astana"
/// tells the data's relocation from Almaty to Astana again, not a new one).
pub fn in_data(
    e: usize,
    class: &str,
    raws: &[Raw],
    known: &[Known],
    facts: &Facts,
    schema: &Schema,
) -> Option<usize> {
    let mut told: Vec<(&str, &str)> = raws
        .iter()
        .filter(|r| r.subject == e)
        .filter_map(|r| match r.value {
            RawValue::Entity(v) => known
                .get(v)
                .filter(|k| !k.new)
                .map(|k| (r.property.as_str(), k.id.as_str())),
            RawValue::Literal(_) => None,
        })
        .collect();
    told.sort_unstable();
    told.dedup();
    if told.len() < 2 {
        return None;
    }
    let mut found = None;
    for (i, entity) in facts.entities.iter().enumerate() {
        if entity.class != class {
            continue;
        }
        let said: Vec<(&str, &str)> = facts
            .statements
            .iter()
            .filter(|s| s.subject == entity.id)
            .filter_map(|s| match &s.value {
                Value::Entity(v) => Some((s.property.as_str(), v.as_str())),
                _ => None,
            })
            .collect();
        let agree = told.iter().filter(|t| said.contains(t)).count();
        let other = told.iter().any(|(p, v)| {
            schema.property(p).is_some_and(|x| x.functional)
                && said.iter().any(|(q, w)| q == p && w != v)
        });
        if agree >= 2 && !other {
            if found.is_some() {
                return None;
            }
            found = Some(i);
        }
    }
    found
}

/// Whether a new entity is an event still to be labelled.
pub fn unlabelled(k: &Known) -> bool {
    k.label.starts_with('\u{0}')
}
