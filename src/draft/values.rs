//! The values an article writes in words, found in its tokens: dates at the text's precision
//! ("June 2002" is `2002-06`, "Oct. 12" a day of the article's year, "Wednesday" the day of
//! that name nearest the article's date, "the 30th anniversary" a year), numbers in digits or
//! words ("nine", "twenty-seven") and ordinals ("sixth", "47th"); the time expressions that say
//! when a fact holds are in `time_phrases.rs`.

use super::relative::year_month;
use super::text::Doc;
use crate::facts::{parse_date, Date, Precision};

/// A value found at tokens `first..=last` of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<T> {
    /// Its first token.
    pub first: usize,
    /// Its last token.
    pub last: usize,
    /// What it says.
    pub value: T,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
/// The days of the week, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const ORDINAL_UNITS: [&str; 20] = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];
const ORDINAL_TENS: [&str; 8] = [
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
];

/// The month (1-12) a word names: a full name or an abbreviation ("Oct", "Sept").
pub fn month(word: &str) -> Option<u32> {
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| *m == word || (word.len() <= 4 && m.starts_with(word)))
        .map(|i| i as u32 + 1)
}

fn year(word: &str) -> Option<i32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| (1000..=2999).contains(y))
}

fn day(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    (!digits.is_empty() && digits.len() <= 2 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
        .filter(|d| (1..=31).contains(d))
}

/// A number in digits or words starting at token `i`: its value and last token.
pub fn number_at(doc: &Doc, i: usize) -> Option<(i64, usize)> {
    let word = doc.lower(i);
    if !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit()) && word.len() <= 9 {
        return word.parse().ok().map(|n| (n, i));
    }
    if let Some(n) = UNITS.iter().position(|u| *u == word) {
        return Some((n as i64, i));
    }
    let tens = TENS.iter().position(|t| *t == word)? as i64 * 10 + 20;
    if doc.joined_by_hyphen(i) {
        if let Some(unit) = UNITS[1..10].iter().position(|u| *u == doc.lower(i + 1)) {
            return Some((tens + unit as i64 + 1, i + 1));
        }
    }
    Some((tens, i))
}

/// An ordinal in digits ("47th") or words ("sixth", "twenty-first") at token `i`.
pub fn ordinal_at(doc: &Doc, i: usize) -> Option<(i64, usize)> {
    let word = doc.lower(i);
    for suffix in ["st", "nd", "rd", "th"] {
        if let Some(digits) = word.strip_suffix(suffix) {
            if !digits.is_empty() && digits.len() <= 4 && digits.bytes().all(|b| b.is_ascii_digit())
            {
                return digits.parse().ok().map(|n| (n, i));
            }
        }
    }
    if let Some(n) = ORDINAL_UNITS.iter().position(|u| *u == word) {
        return (n > 0).then_some((n as i64, i));
    }
    if let Some(n) = ORDINAL_TENS.iter().position(|t| *t == word) {
        return Some((n as i64 * 10 + 20, i));
    }
    let tens = TENS.iter().position(|t| *t == word)? as i64 * 10 + 20;
    if doc.joined_by_hyphen(i) {
        if let Some(unit) = ORDINAL_UNITS[1..10]
            .iter()
            .position(|u| *u == doc.lower(i + 1))
        {
            return Some((tens + unit as i64 + 1, i + 1));
        }
    }
    None
}

pub(super) fn date(y: i32, m: Option<u32>, d: Option<u32>) -> Option<Date> {
    let lexical = match (m, d) {
        (None, _) => format!("{y:04}"),
        (Some(m), None) => format!("{y:04}-{m:02}"),
        (Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
    };
    parse_date(&lexical).ok()
}

/// The date that starts at token `i`, if one does, with its last token. `today` is the
/// article's date: it gives the year of a day without one, and the day of a weekday.
pub fn date_at(doc: &Doc, i: usize, today: Option<&Date>) -> Option<(Date, usize)> {
    let word = doc.lower(i);
    let this_year = today.and_then(year_month).map(|(year, _)| year);
    let month_at = |j: usize| month(doc.lower(j)).filter(|_| doc.capitalized(j));
    // A range of days, "14-15 June 2032" or "June 14-15, 2032": the first day borrows the
    // month and year of the second.
    if let (Some(d), true, Some(_)) = (day(word), doc.joined_by_hyphen(i), day(doc.lower(i + 1))) {
        if let (Some(m), Some(y)) = (month_at(i + 2), year(doc.lower(i + 3))) {
            return date(y, Some(m), Some(d)).map(|x| (x, i));
        }
        if let (Some(m), Some(y)) = (i.checked_sub(1).and_then(month_at), year(doc.lower(i + 2))) {
            return date(y, Some(m), Some(d)).map(|x| (x, i));
        }
    }
    if let (Some(d), Some(y), true) = (day(word), year(doc.lower(i + 1)), i >= 2) {
        if doc.joined_by_hyphen(i - 1) && day(doc.lower(i - 1)).is_some() {
            if let Some(m) = month_at(i - 2) {
                return date(y, Some(m), Some(d)).map(|x| (x, i + 1));
            }
        }
    }
    if let Some(m) = month_at(i) {
        if let Some(y) = year(doc.lower(i + 1)) {
            return date(y, Some(m), None).map(|d| (d, i + 1));
        }
        if let Some(d) = day(doc.lower(i + 1)).filter(|_| i + 1 < doc.len()) {
            if doc.joined_by_hyphen(i + 1) && day(doc.lower(i + 2)).is_some() {
                if let Some(y) = year(doc.lower(i + 3)) {
                    return date(y, Some(m), Some(d)).map(|x| (x, i + 1));
                }
            }
            if let Some(y) = year(doc.lower(i + 2)) {
                return date(y, Some(m), Some(d)).map(|x| (x, i + 2));
            }
            return date(this_year?, Some(m), Some(d)).map(|x| (x, i + 1));
        }
        return super::relative::month_of(doc, i, m, today);
    }
    if let Some(d) = day(word) {
        if let Some(m) = month(doc.lower(i + 1)).filter(|_| doc.capitalized(i + 1)) {
            if let Some(y) = year(doc.lower(i + 2)) {
                return date(y, Some(m), Some(d)).map(|x| (x, i + 2));
            }
        }
    }
    if let Some(y) = year(word) {
        return date(y, None, None).map(|d| (d, i));
    }
    if let Some(w) = WEEKDAYS.iter().position(|d| *d == word) {
        return weekday_near(today?, w as i64).map(|d| (d, i));
    }
    if let Some(found) = super::relative::from_word(doc, i, today) {
        return Some(found);
    }
    if let Some((n, last)) = ordinal_at(doc, i) {
        if doc.lower(last + 1) == "anniversary" {
            return date(this_year? - n as i32, None, None).map(|d| (d, last + 1));
        }
    }
    None
}

/// Every value `at` finds in tokens `range`, left to right, none inside another, leaving out
/// the tokens `skip` says.
fn scan<T>(
    range: std::ops::Range<usize>,
    skip: impl Fn(usize) -> bool,
    at: impl Fn(usize) -> Option<(T, usize)>,
) -> Vec<Found<T>> {
    let mut found = Vec::new();
    let mut i = range.start;
    while i < range.end {
        // A value ends in the range: "27." at a sentence's end is no day of the month that
        // the next line's "March 2042" names.
        match at(i).filter(|(_, last)| !skip(i) && *last < range.end) {
            Some((value, last)) => {
                found.push(Found {
                    first: i,
                    last,
                    value,
                });
                i = last + 1;
            }
            None => i += 1,
        }
    }
    found
}

/// Every date of tokens `range`, left to right, none inside another.
pub fn dates(doc: &Doc, range: std::ops::Range<usize>, today: Option<&Date>) -> Vec<Found<Date>> {
    scan(range, |_| false, |i| date_at(doc, i, today))
}

/// Every number of tokens `range` that is not part of a date, nor the earlier end of a change
/// ("grew from 12 to 30", "30, up from 12": 12 was the count before, not the count the
/// sentence's time speaks of).
pub fn numbers(doc: &Doc, range: std::ops::Range<usize>, dates: &[Found<Date>]) -> Vec<Found<i64>> {
    let found = scan(
        range,
        |i| dates.iter().any(|d| (d.first..=d.last).contains(&i)),
        |i| number_at(doc, i),
    );
    let after = |n: &Found<i64>, word: &str| n.first > 0 && doc.lower(n.first - 1) == word;
    let earlier = |k: usize| {
        let n = &found[k];
        after(n, "from")
            && ((n.first > 1 && matches!(doc.lower(n.first - 2), "up" | "down"))
                || found[k + 1..]
                    .iter()
                    .take_while(|m| m.first <= n.last + 6)
                    .any(|m| after(m, "to")))
    };
    (0..found.len())
        .filter(|&k| !earlier(k))
        .map(|k| found[k].clone())
        .collect()
}

/// The day named `weekday` (0 Monday) nearest `today`, within three days either way.
fn weekday_near(today: &Date, weekday: i64) -> Option<Date> {
    if today.precision != Precision::Day {
        return None;
    }
    let parts: Vec<i64> = today
        .lexical
        .split('-')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let days = days_from_civil(parts[0], parts[1], parts[2]);
    let today_weekday = (days + 3).rem_euclid(7); // 1970-01-01 was a Thursday (3).
    let mut offset = weekday - today_weekday;
    if offset > 3 {
        offset -= 7;
    } else if offset < -3 {
        offset += 7;
    }
    let (y, m, d) = civil_from_days(days + offset);
    date(y as i32, Some(m as u32), Some(d as u32))
}

/// Days since 1970-01-01 (H. Hinnant's algorithm).
pub(super) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// The ordinal word of `n` ("seventh", "twenty-first", "47th").
pub fn ordinal_word(n: i64) -> String {
    match n {
        1..=19 => ORDINAL_UNITS[n as usize].to_owned(),
        20..=99 if n % 10 == 0 => ORDINAL_TENS[(n / 10 - 2) as usize].to_owned(),
        21..=99 => format!(
            "{}-{}",
            TENS[(n / 10 - 2) as usize],
            ORDINAL_UNITS[(n % 10) as usize]
        ),
        _ => {
            let suffix = match (n % 10, n % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            format!("{n}{suffix}")
        }
    }
}

#[cfg(test)]
#[path = "values_tests.rs"]
mod tests;
