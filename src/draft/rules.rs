//! The built-in drafter's rules, sentence by sentence: a property's cue with a value of its
//! range and a subject of its domain nearby (where the cue says they stand; a list of values
//! for a property with several: "the Almaty Act and the Declaration"), the time of a
//! time-varying property from the sentence's time expressions; an ordinal mention gives the
//! entity's ordinal; two mentioned events of a numbered series give the series properties
//! (`cica:seriesStep`); an entity mentioned by its facts restates those facts.

use super::cues::{Cue, Knowledge, Side};
use super::mentions::{Known, Mention, Mentions, Refers};
use super::text::Doc;
use super::values::{dates, numbers, whens, Found, When};
use crate::facts::{Date, Facts, Time, Value};
use crate::ontology::{Property, Schema, ValueKind};
use std::cell::RefCell;
use std::collections::HashMap;

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
}

/// A value before it has ids.
#[derive(Debug, Clone, PartialEq)]
pub enum RawValue {
    /// An entity (index in the mentions' entities).
    Entity(usize),
    /// A literal.
    Literal(Value),
}

/// How far (in words) a value or subject may stand from its cue.
const REACH: usize = 16;
/// Words that join the items of a list.
const JOINERS: [&str; 7] = ["and", "or", "as", "well", "the", "a", "an"];

/// A value or subject found: tokens and what it is.
#[derive(Debug, Clone)]
struct Item {
    first: usize,
    last: usize,
    value: RawValue,
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
}

impl Rules<'_> {
    /// The class of entity `e`, a new one included.
    fn class_of(&self, e: usize) -> String {
        match self.m.entities.get(e) {
            Some(k) => k.class.clone(),
            None => self
                .extra
                .borrow()
                .get(e - self.m.entities.len())
                .map(|k| k.class.clone())
                .unwrap_or_default(),
        }
    }

    fn fits(&self, entity: usize, wanted: &[String]) -> bool {
        let class = self.class_of(entity);
        wanted.is_empty() || wanted.iter().any(|w| self.schema.is_a(&class, w))
    }

    /// A new entity of the one class `wanted` names, for a name the data does not know.
    fn new_entity(&self, label: &str, wanted: &[String]) -> Option<usize> {
        let [class] = wanted else { return None };
        self.schema.id_prefix(class)?;
        // Only a class without subclasses: a name says which kind of place or body it is
        // no better than that.
        if self
            .schema
            .class_names()
            .any(|c| c != class && self.schema.is_a(c, class))
        {
            return None;
        }
        let mut extra = self.extra.borrow_mut();
        let k = extra
            .iter()
            .position(|e| e.label == label && e.class == *class)
            .unwrap_or_else(|| {
                extra.push(Known {
                    id: String::new(),
                    class: class.clone(),
                    label: label.to_owned(),
                    new: true,
                });
                extra.len() - 1
            });
        Some(self.m.entities.len() + k)
    }

    /// What mention `k` refers to, for a role that wants these classes.
    fn resolve(&self, k: usize, wanted: &[String]) -> Option<usize> {
        let mention = &self.m.list[k];
        let sentence = self.doc.sentence_of(mention.first);
        let earlier = |class: Option<&str>| {
            self.m.list[..k]
                .iter()
                .rev()
                .take_while(|p| self.doc.sentence_of(p.first) + 3 > sentence)
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
            Refers::Name(label) => self.new_entity(label, wanted),
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

    fn entity_items(
        &self,
        tokens: &std::ops::Range<usize>,
        wanted: &[String],
        cue: (usize, usize),
        subject: bool,
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
            // "its second summit": the possessive is not the subject when what it owns is.
            .filter(|&k| {
                !subject
                    || self.doc.lower(self.m.list[k].first) != "its"
                    || self.m.list.get(k + 1).is_none_or(|next| {
                        next.first != self.m.list[k].last + 1
                            || self.resolve(k + 1, wanted).is_none()
                    })
            })
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
                    let values: Vec<Item> = match property.kind {
                        ValueKind::Entity => {
                            self.entity_items(&tokens, property.range.as_slice(), (cs, ce), false)
                        }
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
                    let Some(chosen) = pick(&values, cue.value, (cs, ce)) else {
                        continue;
                    };
                    let chosen_values = if property.functional {
                        vec![values[chosen].clone()]
                    } else {
                        list(self.doc, &values, chosen)
                    };
                    let subjects = self.entity_items(&tokens, &property.domain, (cs, ce), true);
                    let taken: Vec<&RawValue> = chosen_values.iter().map(|v| &v.value).collect();
                    let others: Vec<Item> = subjects
                        .iter()
                        .filter(|s| !taken.contains(&&s.value))
                        .cloned()
                        .collect();
                    let (pool, k) = match pick_subject(&others, cue.subject, (cs, ce)) {
                        Some(k) => (&others, k),
                        None => match pick_subject(&subjects, cue.subject, (cs, ce)) {
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
                            if v.value == RawValue::Entity(subject) {
                                continue;
                            }
                            let Some(time) =
                                self.time(property, cue, v, &found_dates, &found_whens, (cs, ce))
                            else {
                                continue;
                            };
                            let first = cs.min(s.first).min(v.first);
                            let last = ce.max(s.last).max(v.last);
                            let spread = (last - first) as f64;
                            out.push(Raw {
                                subject,
                                property: name.clone(),
                                value: v.value.clone(),
                                time,
                                first,
                                last,
                                confidence: (0.6 + adjacent - spread * 0.01).clamp(0.1, 0.95),
                                why: format!("cue \"{}\" of {name}", cue.text),
                            });
                        }
                    }
                }
            }
        }
    }

    /// When a time-varying property's candidate holds; `Some(empty)` for any other property,
    /// `None` when the sentence does not say.
    fn time(
        &self,
        property: &Property,
        cue: &Cue,
        value: &Item,
        found_dates: &[Found<Date>],
        found_whens: &[Found<When>],
        at: (usize, usize),
    ) -> Option<Time> {
        if !property.time_varying {
            return Some(Time::default());
        }
        if cue.starts {
            let date = found_dates
                .iter()
                .find(|d| d.first > value.last && d.first <= value.last + 8)?;
            return Some(Time {
                start: Some(date.value.clone()),
                ..Time::default()
            });
        }
        let distance = |f: &Found<When>| {
            if f.last < at.0 {
                at.0 - f.last
            } else {
                f.first.saturating_sub(at.1)
            }
        };
        if let Some(when) = found_whens.iter().min_by_key(|f| distance(f)) {
            return Some(match &when.value {
                When::Point(d) => Time {
                    point_in_time: Some(d.clone()),
                    ..Time::default()
                },
                When::Start(d) => Time {
                    start: Some(d.clone()),
                    ..Time::default()
                },
                When::End(d) => Time {
                    end: Some(d.clone()),
                    ..Time::default()
                },
                When::Between(a, b) => Time {
                    start: Some(a.clone()),
                    end: Some(b.clone()),
                    ..Time::default()
                },
            });
        }
        // A date right after the value is the time it speaks of; else, said without a time,
        // it holds on the article's date.
        let date = found_dates
            .iter()
            .find(|d| d.first > value.last && d.first <= value.last + 3)
            .map(|d| &d.value)
            .or(self.today)?;
        Some(Time {
            point_in_time: Some(date.clone()),
            ..Time::default()
        })
    }

    /// The ordinal of each entity mentioned by an ordinal; the series properties between
    /// mentioned events whose ordinals differ by the property's step; the data's facts
    /// restated where an entity is mentioned by them.
    pub fn whole(&self, out: &mut Vec<Raw>) {
        let mentioned: Vec<(usize, &Mention)> = self
            .m
            .list
            .iter()
            .filter_map(|x| match x.refers {
                Refers::Entity(e) if !x.nested => Some((e, x)),
                _ => None,
            })
            .collect();
        for (e, x) in &mentioned {
            if !x.how.starts_with("ordinal") {
                continue;
            }
            let class = &self.m.entities[*e].class;
            let ordinal = self.schema.property_names().find(|p| {
                let p = self.schema.property(p).expect("listed");
                p.functional
                    && p.kind == ValueKind::Integer
                    && (p.domain.is_empty() || p.domain.iter().any(|d| self.schema.is_a(class, d)))
            });
            if let (Some(p), Some(n)) = (ordinal, self.m.ordinals.get(e)) {
                out.push(Raw {
                    subject: *e,
                    property: p.to_owned(),
                    value: RawValue::Literal(Value::Integer(*n)),
                    time: Time::default(),
                    first: x.first,
                    last: x.last,
                    confidence: 0.9,
                    why: format!(
                        "ordinal \"{}\"",
                        self.doc.text[self.doc.bytes(x.first, x.last)].to_owned()
                    ),
                });
            }
        }
        for (name, step) in &self.knowledge.steps {
            let Some(property) = self.schema.property(name) else {
                continue;
            };
            for (a, xa) in &mentioned {
                // Only the mentions near this one: the quote must hold both.
                let from = mentioned.partition_point(|(_, y)| y.first + 60 < xa.first);
                let nearby = mentioned[from..]
                    .iter()
                    .take_while(|(_, y)| y.first <= xa.last + 60);
                for (b, xb) in nearby {
                    let (Some(na), Some(nb)) = (self.m.ordinals.get(a), self.m.ordinals.get(b))
                    else {
                        continue;
                    };
                    if na + step != *nb
                        || !self.fits(*a, &property.domain)
                        || property
                            .range
                            .as_ref()
                            .is_some_and(|r| !self.schema.is_a(&self.m.entities[*b].class, r))
                        || self.m.entities[*a].class != self.m.entities[*b].class
                    {
                        continue;
                    }
                    let (first, last) = (xa.first.min(xb.first), xa.last.max(xb.last));
                    if last - first <= 60 {
                        out.push(Raw {
                            subject: *a,
                            property: name.clone(),
                            value: RawValue::Entity(*b),
                            time: Time::default(),
                            first,
                            last,
                            confidence: 0.6,
                            why: format!("series: ordinals {na} and {nb} (cica:seriesStep {step})"),
                        });
                    }
                }
            }
        }
        let mut by_subject: HashMap<&str, Vec<&crate::facts::Statement>> = HashMap::new();
        for s in &self.facts.statements {
            by_subject.entry(s.subject.as_str()).or_default().push(s);
        }
        for (e, x) in &mentioned {
            if !x.how.starts_with("facts") {
                continue;
            }
            let (first, last) = (
                x.first.saturating_sub(REACH / 2),
                (x.last + REACH / 2).min(self.doc.len() - 1),
            );
            let sentence = &self.doc.sentences[self.doc.sentence_of(x.first)];
            let (first, last) = (first.max(sentence.start), last.min(sentence.end - 1));
            let near_dates = dates(self.doc, first..last + 1, self.today);
            for s in by_subject
                .get(self.m.entities[*e].id.as_str())
                .into_iter()
                .flatten()
            {
                if self
                    .schema
                    .property(&s.property)
                    .is_none_or(|p| p.time_varying)
                {
                    continue;
                }
                let at = match &s.value {
                    Value::Entity(id) => mentioned
                        [mentioned.partition_point(|(_, y)| y.first < first)..]
                        .iter()
                        .take_while(|(_, y)| y.first <= last)
                        .find(|(o, y)| {
                            self.m.entities[*o].id == *id && y.first >= first && y.last <= last
                        })
                        .map(|(_, y)| (y.first, y.last)),
                    Value::Date(d) => near_dates
                        .iter()
                        .find(|f| f.value == *d)
                        .map(|f| (f.first, f.last)),
                    _ => None,
                };
                let Some((vf, vl)) = at else { continue };
                let value = match &s.value {
                    Value::Entity(id) => RawValue::Entity(
                        self.m
                            .entities
                            .iter()
                            .position(|k| k.id == *id)
                            .expect("mentioned"),
                    ),
                    other => RawValue::Literal(other.clone()),
                };
                out.push(Raw {
                    subject: *e,
                    property: s.property.clone(),
                    value,
                    time: Time::default(),
                    first: x.first.min(vf),
                    last: x.last.max(vl),
                    confidence: 0.8,
                    why: format!(
                        "facts: {} is mentioned by the data's facts, and this is one of them",
                        self.m.entities[*e].id
                    ),
                });
            }
        }
    }
}

fn literal<T>(found: &Found<T>, value: Value) -> Item {
    Item {
        first: found.first,
        last: found.last,
        value: RawValue::Literal(value),
    }
}

/// Where the cue's words occur in the sentence: first and last token of each occurrence.
fn cue_hits(doc: &Doc, tokens: &std::ops::Range<usize>, cue: &Cue) -> Vec<(usize, usize)> {
    let matches_at = |i: usize, words: &[String]| {
        words
            .iter()
            .enumerate()
            .all(|(k, w)| i + k < tokens.end && doc.lower(i + k) == w)
    };
    let mut hits = Vec::new();
    for i in tokens.clone() {
        if !matches_at(i, &cue.parts[0]) {
            continue;
        }
        let mut end = i + cue.parts[0].len() - 1;
        let mut ok = true;
        for part in &cue.parts[1..] {
            match (end + 1..(end + 8).min(tokens.end)).find(|&j| matches_at(j, part)) {
                Some(j) => end = j + part.len() - 1,
                None => ok = false,
            }
        }
        if ok {
            hits.push((i, end));
        }
    }
    hits
}

/// The item the side asks for, nearest the cue `(cs, ce)`.
fn pick(items: &[Item], side: Side, (cs, ce): (usize, usize)) -> Option<usize> {
    let distance = |x: &Item| {
        if x.last < cs {
            cs - x.last
        } else if x.first > ce {
            x.first - ce
        } else {
            0
        }
    };
    items
        .iter()
        .enumerate()
        .filter(|(_, x)| match side {
            Side::After { adjacent } => {
                x.first > ce && x.first - ce <= if adjacent { 2 } else { REACH }
            }
            Side::Before { adjacent } => {
                x.last < cs && cs - x.last <= if adjacent { 2 } else { REACH }
            }
            Side::Either => distance(x) <= REACH,
        })
        .min_by_key(|(_, x)| distance(x))
        .map(|(k, _)| k)
}

/// A subject: as the side asks, or (either side) the nearest before the cue, else after.
fn pick_subject(items: &[Item], side: Side, (cs, ce): (usize, usize)) -> Option<usize> {
    if side != Side::Either {
        return pick(items, side, (cs, ce));
    }
    items
        .iter()
        .enumerate()
        .filter(|(_, x)| x.first <= cs)
        .max_by_key(|(_, x)| x.first)
        .map(|(k, _)| k)
        .or_else(|| pick(items, Side::After { adjacent: false }, (cs, ce)))
}

/// Item `k` and the items listed with it ("A, B and C"), in order.
fn list(doc: &Doc, items: &[Item], k: usize) -> Vec<Item> {
    let joined = |a: &Item, b: &Item| {
        b.first > a.last
            && b.first - a.last <= 4
            && (a.last + 1..b.first).all(|i| JOINERS.contains(&doc.lower(i)))
    };
    let (mut lo, mut hi) = (k, k);
    while lo > 0 && joined(&items[lo - 1], &items[lo]) {
        lo -= 1;
    }
    while hi + 1 < items.len() && joined(&items[hi], &items[hi + 1]) {
        hi += 1;
    }
    items[lo..=hi].to_vec()
}
