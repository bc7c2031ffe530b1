//! When a time-varying property's candidate holds, from its sentence: a cue's `[start]` or
//! `[end]` date ("took over … from Uzbekistan in 2030" ends Uzbekistan's term; the sentence's
//! only date if none is near), the time
//! expression nearest the cue ("since 2020", "from 2020 to 2024", "currently"), a date right
//! after the value, or else the article's date.

use super::cues::Cue;
use super::rules::{Item, Rules, REACH};
use super::values::{Found, When};
use crate::facts::{Date, Time};
use crate::ontology::Property;

impl Rules<'_> {
    /// When a time-varying property's candidate holds, and how closely the text says it (see
    /// [`super::rules::Raw::time_said`]); `Some(empty)` for any other property, `None` when the
    /// sentence does not say.
    pub(super) fn time(
        &self,
        property: &Property,
        cue: &Cue,
        value: &Item,
        found_dates: &[Found<Date>],
        found_whens: &[Found<When>],
        at: (usize, usize),
    ) -> Option<(Time, u8)> {
        if !property.time_varying {
            return Some((Time::default(), 1));
        }
        let distance = |first: usize, last: usize| {
            if last < at.0 {
                at.0 - last
            } else {
                first.saturating_sub(at.1)
            }
        };
        if cue.starts || cue.ends {
            // A date a few words after the value, else the date nearest the cue, else the
            // sentence's only date ("On 2 March Turkey assumed the presidency of …, taking the
            // gavel from China": one act, one date).
            let date = found_dates
                .iter()
                .find(|d| d.first > value.last && d.first <= value.last + 8)
                .or_else(|| {
                    found_dates
                        .iter()
                        .filter(|d| distance(d.first, d.last) <= REACH)
                        .min_by_key(|d| distance(d.first, d.last))
                })
                .or(match found_dates {
                    [only] => Some(only),
                    _ => None,
                })?;
            let date = Some(date.value.clone());
            return Some((
                match cue.starts {
                    true => Time {
                        start: date,
                        ..Time::default()
                    },
                    false => Time {
                        end: date,
                        ..Time::default()
                    },
                },
                2,
            ));
        }
        if let Some(when) = found_whens.iter().min_by_key(|f| distance(f.first, f.last)) {
            let time = match &when.value {
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
            };
            return Some((time, 1));
        }
        // A date right after the value is the time it speaks of; else, said without a time,
        // it holds on the article's date.
        let said = found_dates
            .iter()
            .find(|d| d.first > value.last && d.first <= value.last + 3)
            .map(|d| &d.value);
        let date = said.or(self.today)?;
        Some((
            Time {
                point_in_time: Some(date.clone()),
                ..Time::default()
            },
            u8::from(said.is_some()),
        ))
    }
}
