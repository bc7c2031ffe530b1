//! A thing of a kind that always has an owner, named in an article about its owner: "The
//! senior officials committee meets twice a year", in an article about the forum whose
//! mechanism the data says it is, tells again that it is the forum's mechanism, whatever the
//! sentence's wording. The owner is the article's topic (see `topic.rs`) and the data must
//! already hold it as the thing's owner; each thing is told once, at its first mention.

use super::mentions::Refers;
use super::rules::{Raw, RawValue, Rules};
use crate::facts::{Time, Value};
use std::collections::HashSet;

impl Rules<'_> {
    /// Each first mention of an owned thing whose owner in the data is the article's topic.
    pub(super) fn owned_mentions(&self, out: &mut Vec<Raw>) {
        for (name, domain, range) in self.owned_kinds() {
            let mut told = HashSet::new();
            for x in &self.m.list {
                let Refers::Entity(e) = x.refers else {
                    continue;
                };
                if x.nested || self.m.entities[e].new || !self.fits(e, range) || told.contains(&e) {
                    continue;
                }
                let Some(RawValue::Entity(owner)) = self
                    .topic_subject(domain, (x.first, x.last))
                    .into_iter()
                    .next()
                    .map(|i| i.value)
                else {
                    continue;
                };
                let (owner_id, thing_id) = (&self.m.entities[owner].id, &self.m.entities[e].id);
                let held = self.facts.statements.iter().any(|s| {
                    s.property == name
                        && s.subject == *owner_id
                        && matches!(&s.value, Value::Entity(v) if v == thing_id)
                });
                if !held {
                    continue;
                }
                told.insert(e);
                out.push(Raw {
                    subject: owner,
                    property: name.to_owned(),
                    value: RawValue::Entity(e),
                    time: Time::default(),
                    first: x.first,
                    last: x.last,
                    confidence: 0.5,
                    why: format!(
                        "\"{}\" in an article about {}: the data's {name} of it",
                        &self.doc.text[self.doc.bytes(x.first, x.last)],
                        self.m.entities[owner].label
                    ),
                    cue: String::new(),
                    time_said: 1,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::rules_tests::{draft_of, not_proposed, proposed_once};

    /// An article that names the CICA three times, then `body`.
    fn about_cica(body: &str) -> String {
        format!(
            "The CICA met on Monday. Envoys of the CICA talked. The CICA closed its talks. {body}"
        )
    }

    #[test]
    fn a_format_named_in_an_article_about_its_body_is_its_mechanism() {
        for (body, format) in [
            (
                "The senior officials committee meets three times a year.",
                "mechanism/senior-officials-committee",
            ),
            (
                "A special working group handles the technical detail.",
                "mechanism/special-working-group",
            ),
            (
                "Custom says the host of the meetings of foreign ministers chairs them.",
                "mechanism/foreign-ministers-meetings",
            ),
        ] {
            let d = draft_of(&about_cica(body));
            proposed_once(&d, "organization/cica", "mechanism", format);
        }
    }

    #[test]
    fn a_format_in_an_article_about_no_body_of_the_data_is_nobody_s() {
        // The article names no body of the data three times: no topic, no owner.
        let d = draft_of("The senior officials committee meets three times a year.");
        not_proposed(
            &d,
            "organization/cica",
            "mechanism",
            "mechanism/senior-officials-committee",
        );
    }
}
