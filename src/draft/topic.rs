//! The article's topic for a property: a sentence that tells a property's entity value by a
//! change or right beside its cue and names no subject ("Oman, which took over the rotating
//! presidency from Laos in May, …"), in an article about one organization, tells of that
//! organization. The topic of a domain is the data's entity of that domain the article names most often, at
//! least [`TIMES`] times (inside a longer name too: "the CICA Secretariat" names the CICA)
//! and more often than any other; counted once per article. So is a count said right beside
//! its cue in a sentence that names no subject at all ("Membership stands at 27.").

use super::cues::{Cue, Side};
use super::mentions::Refers;
use super::rules::{Item, RawValue, Rules};
use crate::facts::Value;
use crate::ontology::Property;
use std::collections::HashMap;

/// How often the topic is named at least.
const TIMES: usize = 3;

impl Rules<'_> {
    /// The topic of `domain`, as a subject standing at the cue (tokens `cs..=ce`), so that the
    /// quote is the sentence's words.
    pub(super) fn topic_subject(&self, domain: &[String], (cs, ce): (usize, usize)) -> Vec<Item> {
        let key = domain.join(" ");
        let topic = *self.topics.borrow_mut().entry(key).or_insert_with(|| {
            let mut times: HashMap<usize, usize> = HashMap::new();
            for x in &self.m.list {
                if let Refers::Entity(e) = x.refers {
                    if !self.m.entities[e].new && self.fits(e, domain) {
                        *times.entry(e).or_default() += 1;
                    }
                }
            }
            let mut ranked: Vec<(usize, usize)> = times.into_iter().map(|(e, n)| (n, e)).collect();
            ranked.sort_unstable_by(|a, b| b.cmp(a));
            match ranked.as_slice() {
                [(n, e), rest @ ..] if *n >= TIMES && rest.first().is_none_or(|r| r.0 < *n) => {
                    Some(*e)
                }
                _ => None,
            }
        });
        topic
            .map(|e| Item {
                first: cs,
                last: ce,
                value: RawValue::Entity(e),
            })
            .into_iter()
            .collect()
    }

    /// The topic as the subject of a count told right beside its cue ("Membership stands at
    /// 27", "now 31 members strong") in the sentence `tokens`, which names nothing that could
    /// be its subject: no name the data does not know ("ASEAN has ten members") and no
    /// pronoun.
    pub(super) fn topic_of_count(
        &self,
        tokens: &std::ops::Range<usize>,
        property: &Property,
        cue: &Cue,
        values: &[Item],
        at: (usize, usize),
    ) -> Vec<Item> {
        let beside = matches!(
            cue.value,
            Side::Before { adjacent: true } | Side::After { adjacent: true }
        );
        let from = self.m.list.partition_point(|x| x.first < tokens.start);
        let other = self.m.list[from..]
            .iter()
            .take_while(|x| x.first < tokens.end)
            // The cue's own words are no name ("Membership stands at 27").
            .filter(|x| x.last < at.0 || x.first > at.1)
            .any(|x| matches!(x.refers, Refers::Name(_) | Refers::Pronoun));
        // "One observer withdrew": a change, not the count.
        let one = values
            .iter()
            .any(|v| v.value == RawValue::Literal(Value::Integer(1)));
        if !beside || other || one {
            return Vec::new();
        }
        self.topic_subject(&property.domain, at)
    }
}
