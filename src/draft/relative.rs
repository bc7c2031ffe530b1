//! Dates said relative to the article's date, at the text's precision: "last year", "next
//! year", "October last year", "next September", "last December", and a month without a year
//! after a preposition ("in September": of the article's year).

use super::text::Doc;
use super::values::{date, month};
use crate::facts::Date;

/// The article's year and, when it says one, month.
pub(super) fn year_month(today: &Date) -> Option<(i32, Option<u32>)> {
    let year = today.lexical.get(..4)?.parse().ok()?;
    Some((year, today.lexical.get(5..7).and_then(|m| m.parse().ok())))
}

/// How many years "last", "this" or "next" move from the article's.
fn shift(word: &str) -> Option<i32> {
    match word {
        "last" => Some(-1),
        "this" => Some(0),
        "next" => Some(1),
        _ => None,
    }
}

/// The date of the month `m` at token `i` that has no year or day beside it: "October last
/// year", "September next year"; or, right after a preposition, the month of the article's
/// year ("in September"). `None` for a bare month elsewhere ("March" the verb).
pub fn month_of(doc: &Doc, i: usize, m: u32, today: Option<&Date>) -> Option<(Date, usize)> {
    let (year, _) = year_month(today?)?;
    if let Some(k) = shift(doc.lower(i + 1)).filter(|_| doc.lower(i + 2) == "year") {
        return date(year + k, Some(m), None).map(|d| (d, i + 2));
    }
    let after = |w: &str| {
        matches!(
            w,
            "in" | "since" | "until" | "till" | "by" | "from" | "through"
        )
    };
    if i > 0 && after(doc.lower(i - 1)) {
        return date(year, Some(m), None).map(|d| (d, i));
    }
    None
}

/// The date that starts at word `i` with "last", "this" or "next": a year ("last year"), or a
/// month's nearest occurrence before ("last December") or after ("next September") the
/// article's month.
pub fn from_word(doc: &Doc, i: usize, today: Option<&Date>) -> Option<(Date, usize)> {
    let k = shift(doc.lower(i))?;
    let (year, this_month) = year_month(today?)?;
    if doc.lower(i + 1) == "year" {
        return date(year + k, None, None).map(|d| (d, i + 1));
    }
    let m = month(doc.lower(i + 1)).filter(|_| doc.capitalized(i + 1))?;
    let this_month = this_month?;
    let y = match k {
        -1 if m >= this_month => year - 1,
        1 if m <= this_month => year + 1,
        _ => year,
    };
    date(y, Some(m), None).map(|d| (d, i + 1))
}
