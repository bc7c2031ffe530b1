//! Dates at the precision the article gives: a year (`1992`), a month (`2002-06`) or a day
//! (`2022-10-12`), never a made-up day; and the publication time of a source as printed.

use std::fmt;

/// A date at the precision the article gives.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    /// `1992`, `2002-06` or `2022-10-12`.
    pub lexical: String,
    /// Year, month or day.
    pub precision: Precision,
}

/// How precise a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    /// `xsd:gYear`.
    Year,
    /// `xsd:gYearMonth`.
    Month,
    /// `xsd:date`.
    Day,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.lexical)
    }
}

/// Why a date is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date '{lexical}': {why}")]
pub struct DateError {
    /// The date as written.
    pub lexical: String,
    /// What is wrong with it.
    pub why: String,
}

impl DateError {
    /// What to write instead.
    pub const HELP: &'static str = "write a year \"1992\", a month \"2002-06\" or a day \"2022-10-12\", at the precision the article gives";
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, rejecting impossible dates and years before 1.
pub fn parse_date(lexical: &str) -> Result<Date, DateError> {
    let bad = |why: &str| DateError {
        lexical: lexical.to_owned(),
        why: why.to_owned(),
    };
    let parts: Vec<&str> = lexical.split('-').collect();
    let number = |s: &str, len: usize| -> Option<u32> {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
    };
    let year = parts
        .first()
        .and_then(|y| number(y, 4))
        .ok_or_else(|| bad("the year must have four digits"))?;
    if year == 0 {
        return Err(bad("there is no year 0000 (years start at 0001)"));
    }
    let precision = match parts.len() {
        1 => Precision::Year,
        2 => Precision::Month,
        3 => Precision::Day,
        _ => return Err(bad("too many parts")),
    };
    if let Some(month) = parts.get(1) {
        let month = number(month, 2).ok_or_else(|| bad("the month must have two digits"))?;
        if !(1..=12).contains(&month) {
            return Err(bad(&format!("month {month} does not exist (01 to 12)")));
        }
        if let Some(day) = parts.get(2) {
            let day = number(day, 2).ok_or_else(|| bad("the day must have two digits"))?;
            let days = days_in_month(year, month);
            if !(1..=days).contains(&day) {
                return Err(bad(&format!(
                    "day {day} does not exist in that month (01 to {days})"
                )));
            }
        }
    }
    Ok(Date {
        lexical: lexical.to_owned(),
        precision,
    })
}

fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `YYYY-MM-DDThh:mm:ss`, a valid local date and time (no zone: none is printed).
pub fn is_local_date_time(value: &str) -> bool {
    let Some((date, time)) = value.split_once('T') else {
        return false;
    };
    let time_ok = time.len() == 8
        && time.matches(':').count() == 2
        && time.split(':').enumerate().all(|(i, part)| {
            part.len() == 2
                && part.bytes().all(|b| b.is_ascii_digit())
                && part
                    .parse::<u32>()
                    .is_ok_and(|n| n < [24, 60, 60][i.min(2)])
        });
    time_ok && parse_date(date).is_ok_and(|d| d.precision == Precision::Day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_keep_their_precision() {
        assert_eq!(parse_date("1992").unwrap().precision, Precision::Year);
        assert_eq!(parse_date("2002-06").unwrap().precision, Precision::Month);
        assert_eq!(parse_date("2022-10-12").unwrap().precision, Precision::Day);
        assert_eq!(parse_date("2024-02-29").unwrap().precision, Precision::Day);
    }

    #[test]
    fn impossible_dates_are_rejected() {
        let why = |s: &str| parse_date(s).unwrap_err().to_string();
        assert!(why("2002-13").contains("month 13 does not exist"));
        assert!(why("2023-02-29").contains("day 29"));
        assert!(why("0000").contains("no year 0000"));
        assert!(parse_date("June 2002").is_err());
        assert!(parse_date("92").is_err());
    }

    #[test]
    fn local_times_have_no_zone() {
        assert!(is_local_date_time("2022-10-12T23:39:15"));
        assert!(!is_local_date_time("2022-10-12T24:39:15"));
        assert!(!is_local_date_time("2022-10-12T+1:39:15"));
        assert!(!is_local_date_time("2022-10-12"));
    }
}
