//! The time expressions that say when a fact holds ("currently", "as of June 2023", "since
//! 2020", "from 2020 to 2024", "since the 18th summit, held in Dhaka in October 2064").

use super::text::Doc;
use super::values::{date_at, Found};
use crate::facts::Date;

/// When a fact holds, as the text says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum When {
    /// At a time ("currently", "as of ...").
    Point(Date),
    /// From a time ("since 2020").
    Start(Date),
    /// From a time until another ("from 2020 to 2024").
    Between(Date, Date),
    /// Until a time.
    End(Date),
}

/// How many words "since the …" may run before its date.
const SINCE_THE: usize = 12;

/// The date of an event said after "since the" at token `since`: the first date within a few
/// words, before the sentence's end `end` and before any other time word ("since the 18th
/// summit, held in Dhaka in October 2064": October 2064).
fn since_the(doc: &Doc, since: usize, end: usize, today: Option<&Date>) -> Option<(Date, usize)> {
    if doc.lower(since + 1) != "the" {
        return None;
    }
    for j in since + 2..(since + 2 + SINCE_THE).min(end) {
        if matches!(
            doc.lower(j),
            "since" | "until" | "till" | "from" | "to" | "through" | "when" | "before" | "after"
        ) {
            return None;
        }
        if let Some((d, last)) = date_at(doc, j, today).filter(|(_, last)| *last < end) {
            return Some((d, last));
        }
    }
    None
}

/// How many words "until" may run, telling what ended it, before its date.
const UNTIL_CLAUSE: usize = 6;

/// The date of what "until" at token `until` tells ended a term: the first date within a few
/// words, before a comma and the sentence's end `end` ("from 2024 until Iran took over in
/// 2027": 2027).
fn until_the(doc: &Doc, until: usize, end: usize, today: Option<&Date>) -> Option<(Date, usize)> {
    for j in until + 1..(until + 1 + UNTIL_CLAUSE).min(end) {
        if doc.between(j - 1).contains([',', ';', '(']) {
            return None;
        }
        if let Some((d, last)) = date_at(doc, j, today).filter(|(_, last)| *last < end) {
            return Some((d, last));
        }
    }
    None
}

/// The time expressions of tokens `range`: "currently", "now", "at present", "today" (the
/// article's date), "as of DATE", "since DATE", "since the EVENT … DATE", "from DATE to
/// DATE", "from DATE until X took over in DATE", "until DATE".
pub fn whens(doc: &Doc, range: std::ops::Range<usize>, today: Option<&Date>) -> Vec<Found<When>> {
    let mut found = Vec::new();
    for i in range.clone() {
        let word = doc.lower(i);
        let at = |j: usize| date_at(doc, j, today).filter(|(_, last)| *last < range.end);
        let when = match word {
            "currently" | "now" | "presently" | "today" => {
                today.map(|t| (When::Point(t.clone()), i))
            }
            "present" if i > 0 && doc.lower(i - 1) == "at" => {
                today.map(|t| (When::Point(t.clone()), i))
            }
            "as" if doc.lower(i + 1) == "of" => at(i + 2).map(|(d, l)| (When::Point(d), l)),
            "since" => at(i + 1)
                .or_else(|| since_the(doc, i, range.end, today))
                .map(|(d, l)| (When::Start(d), l)),
            "until" | "till" => at(i + 1).map(|(d, l)| (When::End(d), l)),
            "from" => at(i + 1).and_then(|(d1, l1)| {
                let joiner = doc.lower(l1 + 1);
                (joiner == "to" || joiner == "until" || joiner == "through")
                    .then(|| at(l1 + 2))
                    .flatten()
                    .or_else(|| {
                        (joiner == "until")
                            .then(|| until_the(doc, l1 + 1, range.end, today))
                            .flatten()
                    })
                    .map(|(d2, l2)| (When::Between(d1, d2), l2))
            }),
            _ => None,
        };
        if let Some((value, last)) = when {
            found.push(Found {
                first: i,
                last,
                value,
            });
        }
    }
    found
}
