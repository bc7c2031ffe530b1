//! When a time-varying property's candidate holds, from its sentence: a cue's `[start]` or
//! `[end]` date ("took over … from Uzbekistan in 2030" ends Uzbekistan's term; the sentence's
//! only date if none is near), the time
//! expression nearest the cue ("since 2020", "from 2020 to 2024", "currently"), a date right
//! after the value, or else the article's date. A time inside a relative clause that holds
//! neither the cue nor the value is that clause's ("X, which has chaired it since 2034, will
//! pass the presidency to Y in 2036": 2036 for Y), and a range of a few days is a meeting's,
//! not a term: the property holds on its first day. A fact in a ", when" clause after a date
//! holds on that date. In a timeline's entry ("-- June 2002:
//! …"), a sentence without a date of its own speaks of the entry's date (`timeline.rs`).

use super::cues::{Cue, Side};
use super::rules::{Item, Rules, REACH};
use super::text::Doc;
use super::time_phrases::When;
use super::values::{days_from_civil, Found};
use crate::facts::{Date, Precision, Time};
use crate::ontology::Property;

/// The relative clause that holds token `at`, if any: from a "which", "who" or "whose" right
/// after a comma to the next comma (or the sentence's end, `end`), its first and last token.
pub(super) fn relative_clause(
    doc: &Doc,
    start: usize,
    end: usize,
    at: usize,
) -> Option<(usize, usize)> {
    let comma_after = |i: usize| doc.between(i).contains(',');
    let opens = (start + 1..=at).rev().find(|&i| comma_after(i - 1))?;
    if !matches!(doc.lower(opens), "which" | "who" | "whose") {
        return None;
    }
    let closes = (at..end).find(|&i| comma_after(i)).unwrap_or(end - 1);
    Some((opens, closes))
}

/// How many words may stand between what a fact says and the "when" right after it.
const WHEN_GAP: usize = 2;

/// The date of a "when" clause beside the words `first..=last` of sentence `sentence`: one
/// right after them ("the CICA had 16 members when its first summit met in 2002"), or one
/// that opens the sentence and ends at the last comma before them ("When the first summit met in
/// 2002, the CICA had 16 members"). The clause's first date, before its next comma.
fn when_clause<'d>(
    doc: &Doc,
    sentence: &std::ops::Range<usize>,
    first: usize,
    last: usize,
    found_dates: &'d [Found<Date>],
) -> Option<&'d Date> {
    let comma_after = |i: usize| doc.between(i).contains(',');
    // The sentence's first word, also after a dateline's dash or a list's colon.
    let opening = (sentence.start..first).find(|&i| {
        doc.lower(i) == "when"
            && (i == sentence.start || doc.between(i - 1).contains(['-', ':', '\u{2014}']))
    });
    let opens = if let Some(when) = opening {
        let closes = (when..first).find(|&i| comma_after(i))?;
        (!(closes + 1..first).any(comma_after)).then_some(when)?
    } else {
        (last + 1..=last + 1 + WHEN_GAP)
            .take_while(|&i| i < sentence.end && (i == last + 1 || !comma_after(i - 1)))
            .find(|&i| doc.lower(i) == "when")?
    };
    let closes = (opens..sentence.end)
        .find(|&i| comma_after(i))
        .unwrap_or(sentence.end - 1);
    found_dates
        .iter()
        .find(|d| d.first > opens && d.last <= closes)
        .map(|d| &d.value)
}

/// The date a ", when" clause that holds the words from `first` on looks back to: the date
/// right before its comma ("its first summit met in Almaty in June 2002, when it had 16
/// members": June 2002), with no other comma between "when" and the words.
fn dated_when<'d>(
    doc: &Doc,
    sentence: &std::ops::Range<usize>,
    first: usize,
    found_dates: &'d [Found<Date>],
) -> Option<&'d Date> {
    let when = (sentence.start + 1..first)
        .rev()
        .take_while(|&i| !doc.between(i).contains(','))
        .find(|&i| doc.lower(i) == "when")?;
    if !doc.between(when - 1).contains(',') {
        return None;
    }
    found_dates
        .iter()
        .find(|d| d.last + 1 == when)
        .map(|d| &d.value)
}

/// Whether the days of `a` and `b` are at most two weeks apart (a meeting's days).
fn days_apart_few(a: &Date, b: &Date) -> bool {
    let days = |d: &Date| {
        let p: Vec<i64> = d
            .lexical
            .split('-')
            .filter_map(|x| x.parse().ok())
            .collect();
        (d.precision == Precision::Day && p.len() == 3).then(|| days_from_civil(p[0], p[1], p[2]))
    };
    matches!((days(a), days(b)), (Some(x), Some(y)) if (0..=14).contains(&(y - x)))
}

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
        let sentence = &self.doc.sentences[self.doc.sentence_of(at.0)];
        // A timeline entry's date, for a sentence that says no time of its own.
        let entry = super::timeline::entry_date(self.doc, at.0, self.today);
        let apart = |first: usize| {
            relative_clause(self.doc, sentence.start, sentence.end, first)
                .is_some_and(|(a, b)| !(a..=b).contains(&at.0) && !(a..=b).contains(&value.first))
        };
        let found_dates: Vec<Found<Date>> = found_dates
            .iter()
            .filter(|d| !apart(d.first))
            .cloned()
            .collect();
        let found_dates = found_dates.as_slice();
        let found_whens: Vec<Found<When>> = found_whens
            .iter()
            .filter(|w| !apart(w.first))
            .map(|w| match &w.value {
                When::Between(a, b) if days_apart_few(a, b) => Found {
                    value: When::Point(a.clone()),
                    ..w.clone()
                },
                _ => w.clone(),
            })
            .collect();
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
            // A value before the cue ("Oman … will hand the chair to Laos on Friday"): a date
            // a few words after the cue, rather than one said of the value's clause.
            let after_cue = matches!(cue.value, Side::Before { .. })
                .then(|| {
                    found_dates
                        .iter()
                        .find(|d| d.first > at.1 && d.first <= at.1 + 8)
                })
                .flatten();
            let date = after_cue
                .or_else(|| {
                    found_dates
                        .iter()
                        .find(|d| d.first > value.last && d.first <= value.last + 8)
                })
                .or_else(|| {
                    found_dates
                        .iter()
                        .filter(|d| distance(d.first, d.last) <= REACH)
                        .min_by_key(|d| distance(d.first, d.last))
                })
                .or(match found_dates {
                    [only] => Some(only),
                    _ => None,
                })
                .map(|d| d.value.clone())
                .or(entry.clone())?;
            let date = Some(date);
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
        // A date right after the value is the time it speaks of, or one of a "when" clause
        // beside it ("had 16 members when its first summit met in 2002"); else, said
        // without a time, it holds on the article's date.
        let said = found_dates
            .iter()
            .find(|d| d.first > value.last && d.first <= value.last + 3)
            .map(|d| &d.value)
            .or_else(|| {
                when_clause(
                    self.doc,
                    sentence,
                    at.0.min(value.first),
                    at.1.max(value.last),
                    found_dates,
                )
            })
            .or_else(|| dated_when(self.doc, sentence, at.0.min(value.first), found_dates));
        let said = said.or(entry.as_ref());
        // "Its membership then stood at 16": a time said earlier, not the article's date.
        if said.is_none() && then_said(self.doc, sentence) {
            return None;
        }
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

/// Whether the sentence speaks of a time said before it: "then" (not "since then", "and
/// then", "until then"), "at the time", "at that time".
fn then_said(doc: &Doc, sentence: &std::ops::Range<usize>) -> bool {
    sentence.clone().any(|i| {
        let before = |k: usize| (i >= sentence.start + k).then(|| doc.lower(i - k));
        match doc.lower(i) {
            "then" => !matches!(before(1), Some("since" | "and" | "until" | "by" | "from")),
            "time" => before(2) == Some("at") && matches!(before(1), Some("the" | "that")),
            _ => false,
        }
    })
}
