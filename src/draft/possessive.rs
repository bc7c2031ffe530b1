//! A possessive that joins an owner to a thing of a kind that always has an owner: "the
//! forum's senior officials committee" is one of the forum's mechanisms. A property with an
//! entity value, several values and no time qualifies when every entity of its range in the
//! data is the value of one of its statements (each meeting format is some body's mechanism;
//! not every organization is some body's secretariat).

use super::mentions::Refers;
use super::rules::{Raw, RawValue, Rules};
use crate::facts::{Time, Value};
use crate::ontology::ValueKind;
use std::collections::HashSet;

impl Rules<'_> {
    /// The properties whose every value-class entity in the data is some subject's value.
    pub(super) fn owned_kinds(&self) -> Vec<(&str, &[String], &[String])> {
        self.schema
            .property_names()
            .filter_map(|name| {
                let p = self.schema.property(name)?;
                if p.kind != ValueKind::Entity || p.functional || p.time_varying {
                    return None;
                }
                let values: HashSet<&str> = self
                    .facts
                    .statements
                    .iter()
                    .filter(|s| s.property == name)
                    .filter_map(|s| match &s.value {
                        Value::Entity(id) => Some(id.as_str()),
                        _ => None,
                    })
                    .collect();
                let mut of_range = self
                    .facts
                    .entities
                    .iter()
                    .filter(|e| p.range.iter().any(|r| self.schema.is_a(&e.class, r)))
                    .peekable();
                let owned =
                    of_range.peek().is_some() && of_range.all(|e| values.contains(e.id.as_str()));
                owned.then_some((name, p.domain.as_slice(), p.range.as_slice()))
            })
            .collect()
    }

    /// Each "OWNER's THING" and "its THING" where the thing is of a kind that always has an
    /// owner (see the module's doc).
    pub(super) fn possessives(&self, out: &mut Vec<Raw>) {
        let kinds = self.owned_kinds();
        if kinds.is_empty() {
            return;
        }
        let list = &self.m.list;
        for (k, x) in list.iter().enumerate() {
            if x.nested {
                continue;
            }
            let owned_at = if x.refers == Refers::Pronoun && self.doc.lower(x.first) == "its" {
                x.last + 1
            } else if self.doc.lower(x.last + 1) == "s"
                && self.doc.between(x.last).ends_with(['\'', '\u{2019}'])
            {
                x.last + 2
            } else {
                continue;
            };
            let Some(t) = (k + 1..list.len())
                .take_while(|&t| list[t].first <= owned_at)
                .filter(|&t| list[t].first == owned_at && !list[t].nested)
                .max_by_key(|&t| list[t].last)
            else {
                continue;
            };
            for (name, domain, range) in &kinds {
                let (Some(owner), Some(thing)) = (self.resolve(k, domain), self.resolve(t, range))
                else {
                    continue;
                };
                if owner == thing {
                    continue;
                }
                out.push(Raw {
                    subject: owner,
                    property: (*name).to_owned(),
                    value: RawValue::Entity(thing),
                    time: Time::default(),
                    first: x.first,
                    last: list[t].last,
                    confidence: 0.6,
                    why: format!(
                        "possessive \"{}\": a {name} always has an owner",
                        &self.doc.text[self.doc.bytes(x.first, list[t].last)]
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
    use super::super::rules_tests::{draft_of, proposed_once};

    #[test]
    fn a_body_s_meeting_format_is_its_mechanism() {
        let d = draft_of("Envoys said the CICA's special working group would meet in Hue in May.");
        proposed_once(
            &d,
            "organization/cica",
            "mechanism",
            "mechanism/special-working-group",
        );
    }
}
