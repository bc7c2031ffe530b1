//! What an article about one organization leaves unsaid because the article's topic says it:
//! "the sixth summit" in a story about a forum is the forum's sixth summit. A property whose
//! cue puts its value right before a class's noun ("{v} summit") names the owner of an event
//! of that class; an event mentioned by its ordinal and that noun with no owner before the
//! noun or after it ("of the General Assembly") is the topic's.

use super::cues::Side;
use super::mentions::Refers;
use super::rules::{Raw, Rules};
use crate::facts::Time;
use crate::ontology::ValueKind;

impl Rules<'_> {
    /// The topic as the owner of each event mentioned by its ordinal and its class's noun
    /// alone ("the 13th summit", "a second summit").
    pub(super) fn elided_owner(&self, out: &mut Vec<Raw>) {
        for (k, x) in self.m.list.iter().enumerate() {
            let Refers::Entity(e) = x.refers else {
                continue;
            };
            if x.nested || !x.how.starts_with("ordinal") {
                continue;
            }
            let class = &self.m.entities[e].class;
            let Some(noun) = self.knowledge.nouns.get(class) else {
                continue;
            };
            let said = self.doc.lower(x.last);
            if said != noun && said.strip_suffix('s') != Some(noun) {
                continue;
            }
            // An owner after the noun ("the 47th session of the General Assembly"), or a name
            // between the ordinal and the noun ("the sixth ASEAN summit"): not elided.
            let named_between = self.m.list[k + 1..]
                .iter()
                .take_while(|y| y.first <= x.last)
                .any(|y| y.first > x.first);
            if named_between || matches!(self.doc.lower(x.last + 1), "of" | "for") {
                continue;
            }
            for (name, cues) in &self.knowledge.cues {
                let Some(p) = self.schema.property(name) else {
                    continue;
                };
                let before_noun = cues.iter().any(|c| {
                    c.value == (Side::Before { adjacent: true })
                        && c.subject == Side::Either
                        && c.parts == [vec![noun.clone()]]
                });
                if p.kind != ValueKind::Entity || !before_noun || !self.fits(e, &p.domain) {
                    continue;
                }
                for owner in self.topic_subject(p.range.as_slice(), (x.first, x.last)) {
                    out.push(Raw {
                        subject: e,
                        property: name.clone(),
                        value: owner.value,
                        time: Time::default(),
                        first: x.first,
                        last: x.last,
                        confidence: 0.5,
                        why: format!(
                            "the article's topic: \"{}\" names no owner (cue \"{{v}} {noun}\" of {name})",
                            &self.doc.text[self.doc.bytes(x.first, x.last)]
                        ),
                        cue: String::new(),
                        time_said: 1,
                    });
                }
            }
        }
    }
}
