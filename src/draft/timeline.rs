//! A timeline's entries: a list line that opens with a dash or bullet, a date and a colon
//! ("-- June 2002: The first summit is convened in Almaty. Sixteen states belong to the CICA
//! at the time."), or with a date and a colon or dash (a chronology's "June 2002 -- Almaty
//! hosts the first summit."), dates every fact of its entry. Its present tense is the entry's time, not
//! the article's: a fact said there without a time of its own holds on the entry's date.

use super::cues::{Cue, Side};
use super::rules::{Item, RawValue};
use super::text::Doc;
use super::values::date_at;
use crate::facts::{Date, Value};

/// How far back (in bytes) an entry's line may start: an entry is a few sentences, and a
/// bounded look keeps the drafter linear in the article's length.
const LINE_REACH: usize = 2000;

/// The date of the timeline entry that holds token `at`, if it is in one: the date right
/// after the line's dash or bullet followed by a colon, or the line's first words, a date
/// followed by a colon or a dash. `today` gives a date its year.
pub(super) fn entry_date(doc: &Doc, at: usize, today: Option<&Date>) -> Option<Date> {
    let here = doc.bytes(at, at).start;
    let floor = here.saturating_sub(LINE_REACH);
    let floor = (floor..=here)
        .find(|&b| doc.text.is_char_boundary(b))
        .unwrap_or(here);
    let line_start = match doc.text[floor..here].rfind('\n') {
        Some(k) => floor + k + 1,
        None if floor == 0 => 0,
        None => return None,
    };
    let line = doc.text[line_start..here].trim_start();
    let bullet = line
        .strip_prefix("--")
        .or_else(|| line.strip_prefix(['-', '\u{2013}', '\u{2014}', '\u{2022}', '*']));
    if bullet.is_some_and(|b| !b.starts_with(char::is_whitespace)) {
        return None;
    }
    // The line's first word: the first token at or after its start.
    let first = (0..=at)
        .rev()
        .take_while(|&i| doc.bytes(i, i).start >= line_start)
        .last()?;
    let (date, last) = date_at(doc, first, today)?;
    let after = doc.between(last).trim_start();
    // After a bullet, a colon; a line that opens with its date (a chronology's "June 2002 --
    // ..."), a colon or a dash.
    let marked = after.starts_with(':')
        || (bullet.is_none() && after.starts_with(['-', '\u{2013}', '\u{2014}']));
    (last < at && marked).then_some(date)
}

/// The value of a date cue at tokens `cs..=ce` that finds no date where it wants one, in a
/// timeline's entry: the entry's date ("-- June 2002: The first summit is convened in
/// Almaty."), unless the cue wants it right beside it ("from {v}": "from Sri Lanka").
pub(super) fn entry_value(
    doc: &Doc,
    cue: &Cue,
    (cs, ce): (usize, usize),
    today: Option<&Date>,
) -> Option<Item> {
    let beside = matches!(
        cue.value,
        Side::Before { adjacent: true } | Side::After { adjacent: true }
    );
    if beside {
        return None;
    }
    Some(Item {
        first: cs,
        last: ce,
        value: RawValue::Literal(Value::Date(entry_date(doc, cs, today)?)),
    })
}
