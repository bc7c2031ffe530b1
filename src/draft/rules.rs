//! The built-in drafter's rules, sentence by sentence: a property's cue with a value of its
//! range and a subject of its domain nearby (where the cue says they stand; a list of values
//! for a property with several: "the Almaty Act and the Declaration"), the time of a
//! time-varying property from the sentence's time expressions. The rules over the whole
//! article (ordinals, series, restated facts) are in `article.rs`; where a rule looks in a
//! sentence, in `near.rs`.

use super::cues::{Knowledge, Side};
use super::in_name::in_name;
use super::mentions::{Known, Mention, Mentions};
use super::near::{
    cue_hits, list, literal, nearest_cue_claims, only_wished, opening_phrase, pick_in, pick_subject,
};
use super::office::untimed_office;
use super::text::Doc;
use super::time_phrases::whens;
use super::timeline::entry_value;
use super::values::{dates, numbers};
use crate::facts::{Date, Facts, Time, Value};
use crate::ontology::{Schema, ValueKind};
use std::cell::RefCell;

/// A candidate before it has ids and a quote: tokens `first..=last` hold its evidence.
#[derive(Debug, Clone)]
pub struct Raw {
    /// Subject (entity index).
    pub subject: usize,
    /// Property.
    pub property: String,
    /// Value: an entity index, or a literal.
    pub value: RawValue,
    /// When it holds.
    pub time: Time,
    /// First token of its evidence.
    pub first: usize,
    /// Last token of its evidence.
    pub last: usize,
    /// 0-1.
    pub confidence: f64,
    /// The rule or cue.
    pub why: String,
    /// The cue's text, when a cue proposed it.
    pub cue: String,
    /// How closely the text says its time: 0, the article's date for want of a time; 1, a
    /// time expression or date (or a property without time); 2, the cue's `[start]`/`[end]`.
    pub time_said: u8,
}

/// A value before it has ids.
#[derive(Debug, Clone, PartialEq)]
pub enum RawValue {
    /// An entity (index in the mentions' entities).
    Entity(usize),
    /// A literal.
    Literal(Value),
}

/// The class of a dateline's place (`cica:datelinePlace rdfs:range cica:City`), which the
/// schema leaves out as a property the program writes.
pub(super) const DATELINE_CLASS: &str = "City";
/// How far (in words) a value or subject may stand from its cue.
pub(super) const REACH: usize = 16;
/// Words that join the items of a list.
pub(super) const JOINERS: [&str; 7] = ["and", "or", "as", "well", "the", "a", "an"];

/// A value or subject found: tokens and what it is.
#[derive(Debug, Clone)]
pub(super) struct Item {
    pub first: usize,
    pub last: usize,
    pub value: RawValue,
}

/// The rules' shared state.
pub struct Rules<'a> {
    /// The article.
    pub doc: &'a Doc<'a>,
    /// Its mentions.
    pub m: &'a Mentions,
    /// The schema.
    pub schema: &'a Schema,
    /// Cues and steps.
    pub knowledge: &'a Knowledge,
    /// The article's date.
    pub today: Option<&'a Date>,
    /// The data's facts.
    pub facts: &'a Facts,
    /// The new entities the rules proposed for names the data does not know: entity index
    /// `m.entities.len() + k` is `extra[k]`.
    pub extra: RefCell<Vec<Known>>,
    /// The article's topic of each domain, once found (see `topic.rs`).
    pub topics: RefCell<std::collections::HashMap<String, Option<usize>>>,
}

impl Rules<'_> {
    /// Entity `e`, a new one included (a copy: the new ones are behind a `RefCell`).
    pub(super) fn known(&self, e: usize) -> Option<Known> {
        match self.m.entities.get(e) {
            Some(k) => Some(k.clone()),
            None => self.extra.borrow().get(e - self.m.entities.len()).cloned(),
        }
    }

    /// The class of entity `e`, a new one included.
    fn class_of(&self, e: usize) -> String {
        self.known(e).map(|k| k.class).unwrap_or_default()
    }

    pub(super) fn fits(&self, entity: usize, wanted: &[String]) -> bool {
        let class = self.class_of(entity);
        wanted.is_empty() || wanted.iter().any(|w| self.schema.is_a(&class, w))
    }

    /// Whether a value is an entity of the same name as entity `subject` (one name is one
    /// thing: "Tashkent" is not the capital of "Tashkent").
    fn same_name(&self, subject: usize, value: &RawValue) -> bool {
        let RawValue::Entity(e) = value else {
            return false;
        };
        let label = |e: usize| self.known(e).map(|k| k.label);
        label(subject) == label(*e)
    }

    /// A new entity of the one class `wanted` names, for a name the data does not know.
    pub(super) fn new_entity(&self, label: &str, wanted: &[String]) -> Option<usize> {
        let [class] = wanted else { return None };
        self.schema.id_prefix(class)?;
        // Only a class without subclasses: a name says which kind of place or body it is
        // no better than that. And not a class of numbered events (the domain of a functional
        // integer property, an ordinal): a summit is "the eighth summit", not "Tashkent".
        let numbered = self
            .schema
            .property_names()
            .filter_map(|p| self.schema.property(p))
            .any(|p| {
                p.functional
                    && p.kind == ValueKind::Integer
                    && p.domain.iter().any(|d| self.schema.is_a(class, d))
            });
        if numbered
            || self
                .schema
                .class_names()
                .any(|c| c != class && self.schema.is_a(c, class))
        {
            return None;
        }
        Some(self.extra_entity(label, class))
    }

    /// The new entity of this label and class (made on first use).
    pub(super) fn extra_entity(&self, label: &str, class: &str) -> usize {
        let mut extra = self.extra.borrow_mut();
        let k = extra
            .iter()
            .position(|e| e.label == label && e.class == class)
            .unwrap_or_else(|| {
                extra.push(Known {
                    id: String::new(),
                    class: class.to_owned(),
                    label: label.to_owned(),
                    new: true,
                });
                extra.len() - 1
            });
        self.m.entities.len() + k
    }

    fn entity_items(
        &self,
        tokens: &std::ops::Range<usize>,
        wanted: &[String],
        cue: (usize, usize),
        values: bool,
    ) -> Vec<Item> {
        let start = self.m.list.partition_point(|x| x.first < tokens.start);
        // The mentions around the cue (within the sentence: no scan of the whole list).
        let outer: Vec<&Mention> = self.m.list[start..]
            .iter()
            .take_while(|x| x.first <= cue.0)
            .filter(|x| !x.nested && x.last >= cue.1)
            .collect();
        (start..self.m.list.len())
            .take_while(|&k| self.m.list[k].first < tokens.end)
            .filter(|&k| {
                let x = &self.m.list[k];
                !x.nested || outer.iter().any(|o| o.first <= x.first && o.last >= x.last)
            })
            .filter(|&k| !(values && self.modifier(k, true)))
            .filter_map(|k| {
                let x = &self.m.list[k];
                self.resolve(k, wanted).map(|e| Item {
                    first: x.first,
                    last: x.last,
                    value: RawValue::Entity(e),
                })
            })
            .collect()
    }

    /// Every candidate of the sentence `tokens`.
    pub fn sentence(&self, tokens: std::ops::Range<usize>, out: &mut Vec<Raw>) {
        // Each with its value's first token and its cue's first and last.
        let mut found: Vec<(Raw, usize, usize, usize)> = Vec::new();
        let found_dates = dates(self.doc, tokens.clone(), self.today);
        let found_numbers = numbers(self.doc, tokens.clone(), &found_dates);
        let found_whens = whens(self.doc, tokens.clone(), self.today);
        for (name, cues) in &self.knowledge.cues {
            let Some(property) = self.schema.property(name) else {
                continue;
            };
            if property.kind == ValueKind::Text {
                continue;
            }
            for cue in cues {
                for (cs, ce) in cue_hits(self.doc, &tokens, cue) {
                    if cue.value != Side::Either && only_wished(self.doc, tokens.start, cs) {
                        continue;
                    }
                    if in_name(self.doc, tokens.start, cs) {
                        continue;
                    }
                    let values: Vec<Item> = match property.kind {
                        ValueKind::Entity => self.owners(
                            &self
                                .entity_items(&tokens, property.range.as_slice(), (cs, ce), true)
                                .into_iter()
                                .filter(|x| self.named_as_cued(x, cue))
                                .collect::<Vec<_>>(),
                        ),
                        ValueKind::Date => found_dates
                            .iter()
                            .map(|d| literal(d, Value::Date(d.value.clone())))
                            .collect(),
                        ValueKind::Integer => found_numbers
                            .iter()
                            .map(|n| literal(n, Value::Integer(n.value)))
                            .collect(),
                        ValueKind::Boolean => {
                            let negated = (cs.saturating_sub(3)..cs)
                                .any(|i| matches!(self.doc.lower(i), "not" | "never" | "no"));
                            vec![Item {
                                first: cs,
                                last: ce,
                                value: RawValue::Literal(Value::Boolean(!negated)),
                            }]
                        }
                        ValueKind::Text => continue,
                    };
                    let (values, chosen) =
                        match pick_in(Some(self.doc), &values, cue.value, (cs, ce)) {
                            Some(k) => (values, k),
                            None if property.kind == ValueKind::Date => {
                                let Some(entry) = entry_value(self.doc, cue, (cs, ce), self.today)
                                else {
                                    continue;
                                };
                                (vec![entry], 0)
                            }
                            None => continue,
                        };
                    let (total, unsure) =
                        self.total(property, name, &values, chosen, cue, (cs, ce));
                    let chosen_values = if let Some(total) = total {
                        vec![total]
                    } else if property.functional {
                        vec![values[chosen].clone()]
                    } else {
                        list(self.doc, &values, chosen)
                    };
                    let mut subjects = super::apposition::outside(
                        self.doc,
                        self.entity_items(&tokens, &property.domain, (cs, ce), false),
                        cs,
                    );
                    if subjects.is_empty() {
                        subjects = self.left_out_subject(tokens.start, &property.domain);
                    }
                    // An entity value told with no subject, by a change or right beside the cue: the
                    // article's topic's.
                    if subjects.is_empty()
                        && (cue.starts || cue.ends || cue.value != Side::Either)
                        && property.kind == ValueKind::Entity
                    {
                        subjects = self.topic_subject(&property.domain, (cs, ce));
                    }
                    if subjects.is_empty() && property.kind == ValueKind::Integer {
                        subjects =
                            self.topic_of_count(&tokens, property, cue, &chosen_values, (cs, ce));
                    }
                    let taken: Vec<&RawValue> = chosen_values.iter().map(|v| &v.value).collect();
                    let others: Vec<Item> = subjects
                        .iter()
                        .filter(|s| !taken.contains(&&s.value))
                        .cloned()
                        .collect();
                    let (subjects, others) = (self.owners(&subjects), self.owners(&others));
                    let (pool, k) = match pick_subject(self.doc, &others, cue.subject, (cs, ce)) {
                        Some(k) => (&others, k),
                        None => match pick_subject(self.doc, &subjects, cue.subject, (cs, ce)) {
                            Some(k) => (&subjects, k),
                            None => continue,
                        },
                    };
                    let chosen_subjects = list(self.doc, pool, k);
                    let adjacent = !matches!(cue.value, Side::Either) as u8 as f64 * 0.15;
                    for s in &chosen_subjects {
                        let RawValue::Entity(subject) = s.value else {
                            continue;
                        };
                        for v in &chosen_values {
                            if v.value == RawValue::Entity(subject)
                                || self.same_name(subject, &v.value)
                            {
                                continue;
                            }
                            // A subject after its cue comes before its value ("… held, the
                            // summit, in Almaty"), not after it; unless the cue opens the
                            // sentence ("Proposed by Kazakhstan in 1992, the CICA …") or the
                            // opening phrase that holds both ("Set up on a proposal made in
                            // 1995, the forum …"); or the subject is what the gathering is for
                            // ("met in Hue in May for the ninth summit"); or the value stands
                            // right after a cue of a change ("succeeded China as chair of the
                            // CICA").
                            if cue.subject == Side::Either
                                && !(cue.value == (Side::After { adjacent: true })
                                    && (cue.starts || cue.ends))
                                && s.first > ce
                                && v.first > ce
                                && v.last < s.first
                                && cs != tokens.start
                                && !opening_phrase(self.doc, tokens.start, v.last, s.first)
                                && !for_the_event(self.doc, s.first)
                            {
                                continue;
                            }
                            // A possessive stands beside its noun, not beside the cue ("its
                            // seat in Astana" is not "it in Astana").
                            if cue.subject == (Side::Before { adjacent: true })
                                && matches!(self.doc.lower(s.first), "its" | "their")
                                && s.last + 1 != cs
                            {
                                continue;
                            }
                            let Some((time, time_said)) =
                                self.time(property, cue, v, &found_dates, &found_whens, (cs, ce))
                            else {
                                continue;
                            };
                            if time_said == 0 && untimed_office(self.doc, property, cue, cs) {
                                continue;
                            }
                            let first = cs.min(s.first).min(v.first);
                            let last = ce.max(s.last).max(v.last);
                            let spread = (last - first) as f64;
                            found.push((
                                Raw {
                                    subject,
                                    property: name.clone(),
                                    value: v.value.clone(),
                                    time,
                                    first,
                                    last,
                                    confidence: (0.6 + adjacent - unsure - spread * 0.01)
                                        .clamp(0.1, 0.95),
                                    why: format!("cue \"{}\" of {name}", cue.text),
                                    cue: cue.text.clone(),
                                    time_said,
                                },
                                v.first,
                                cs,
                                ce,
                            ));
                        }
                    }
                }
            }
        }
        out.extend(nearest_cue_claims(self.doc, found));
    }
}

/// Whether the mention at token `first` is what a gathering is for ("met in Hue for the
/// ninth summit", "for the forum's ninth summit"): "for" before it, past its determiner.
fn for_the_event(doc: &Doc, first: usize) -> bool {
    let mut i = first;
    for _ in 0..4 {
        let Some(before) = i.checked_sub(1) else {
            return false;
        };
        match doc.lower(before) {
            "for" => return true,
            "the" | "a" | "its" | "their" => i = before,
            // An owner's possessive: "the forum's".
            "s" if before > 0 && doc.between(before - 1).ends_with(['\'', '\u{2019}']) => {
                i = before - 1
            }
            _ => return false,
        }
    }
    false
}
