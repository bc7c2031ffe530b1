//! The rules over the whole article, after its sentences: an ordinal mention gives the
//! entity's ordinal; two mentioned events of a numbered series give the series properties
//! (`cica:seriesStep`); an entity mentioned by its facts restates those facts; a possessive
//! of a thing that always has an owner names its owner (`possessive.rs`).

use super::mentions::{Mention, Refers, RELATIVE};
use super::rules::{Raw, RawValue, Rules, REACH};
use super::values::dates;
use crate::facts::{Time, Value};
use crate::ontology::ValueKind;
use std::collections::HashMap;

/// How far (in words) a mention counted from an earlier one may stand from it and still give
/// the series properties between them.
const FAR: usize = 240;

impl Rules<'_> {
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
            // An ordinal mention, or a name that opens with the entity's ordinal ("fifth CICA
            // summit").
            let named_by_ordinal = x.how == "name"
                && self.m.ordinals.get(e).is_some_and(|n| {
                    super::values::ordinal_at(self.doc, x.first).is_some_and(|(k, _)| k == *n)
                });
            if !x.how.starts_with("ordinal") && !named_by_ordinal {
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
                    cue: String::new(),
                    time_said: 1,
                });
            }
        }
        for (name, step) in &self.knowledge.steps {
            let Some(property) = self.schema.property(name) else {
                continue;
            };
            for (a, xa) in &mentioned {
                // Only the mentions near this one: the quote must hold both. A mention
                // counted from an earlier one ("the next summit", a few sentences after "the
                // tenth summit") reaches farther: the text itself ties the two.
                let from = mentioned.partition_point(|(_, y)| y.first + FAR < xa.first);
                let nearby = mentioned[from..]
                    .iter()
                    .take_while(|(_, y)| y.first <= xa.last + FAR);
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
                    let (mut first, mut last) = (xa.first.min(xb.first), xa.last.max(xb.last));
                    // A quote is one line: across paragraphs, the counted mention's words
                    // ("the next summit") are the evidence.
                    if self.doc.text[self.doc.bytes(first, last)].contains('\n') {
                        let counted = if xa.how == RELATIVE { xa } else { xb };
                        (first, last) = (counted.first, counted.last);
                    }
                    let counted = |x: &Mention| x.how == RELATIVE;
                    if last - first <= 60 || counted(xa) || counted(xb) {
                        out.push(Raw {
                            subject: *a,
                            property: name.clone(),
                            value: RawValue::Entity(*b),
                            time: Time::default(),
                            first,
                            last,
                            confidence: 0.6,
                            why: format!("series: ordinals {na} and {nb} (cica:seriesStep {step})"),
                            cue: String::new(),
                            time_said: 1,
                        });
                    }
                }
            }
        }
        self.dateline_capital(out);
        self.city_comma_country(out);
        self.elided_owner(out);
        self.possessives(out);
        self.owned_mentions(out);
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
                    cue: String::new(),
                    time_said: 1,
                });
            }
        }
    }

    /// "the Kyrgyz capital" for the dateline's city (a mention like "here"): the city's
    /// country and the country's capital, unless the data gives the city another country.
    fn dateline_capital(&self, out: &mut Vec<Raw>) {
        let (Some(country), Some(capital)) = (
            self.schema.property("country"),
            self.schema.property("capital"),
        ) else {
            return;
        };
        for (k, x) in self.m.list.iter().enumerate() {
            if !x.how.starts_with("here") || self.doc.lower(x.first) != "capital" || k == 0 {
                continue;
            }
            let adjective = &self.m.list[k - 1];
            if adjective.last + 1 != x.first {
                continue;
            }
            let (Some(city), Some(nation)) = (
                self.resolve(k, &country.domain),
                self.resolve(k - 1, country.range.as_slice()),
            ) else {
                continue;
            };
            let ids = |e: usize| self.known(e).map(|k| k.id).unwrap_or_default();
            let (city_id, nation_id) = (ids(city), ids(nation));
            let elsewhere = self.facts.statements.iter().any(|s| {
                s.subject == city_id
                    && s.property == "country"
                    && s.value != Value::Entity(nation_id.clone())
            });
            if elsewhere || !self.fits(city, capital.range.as_slice()) {
                continue;
            }
            let said = format!(
                "the dateline's city, said as \"{}\"",
                &self.doc.text[self.doc.bytes(adjective.first, x.last)]
            );
            let raw = |subject, property: &str, value, time| Raw {
                subject,
                property: property.to_owned(),
                value: RawValue::Entity(value),
                time,
                first: adjective.first,
                last: x.last,
                confidence: 0.5,
                why: said.clone(),
                cue: String::new(),
                time_said: 0,
            };
            out.push(raw(city, "country", nation, Time::default()));
            if let Some(today) = self.today {
                let time = Time {
                    point_in_time: Some(today.clone()),
                    ..Time::default()
                };
                out.push(raw(nation, "capital", city, time));
            }
        }
    }
}
