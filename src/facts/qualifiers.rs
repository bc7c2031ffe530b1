//! When a statement holds and how much it counts, as in Wikidata's statement model: its time
//! (a point in time, or a start and/or an end, at the source's precision) and its rank
//! (preferred, normal, deprecated). A property that changes over time (`cica:timeVarying` in
//! the ontology) needs a time on every statement; any other property takes none.

use super::date::{parse_date, Date, DateError};
use super::files::{InputFile, StatementDoc};
use super::load::Loader;
use crate::diagnostic::Span;
use std::fmt;
use std::str::FromStr;
use toml::Spanned;

/// When a statement holds: the qualifiers point in time, start time and end time.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Time {
    /// `point_in_time = "2022-10-12"`: it holds at this time ("currently", in an article of
    /// that day).
    pub point_in_time: Option<Date>,
    /// `start = "2020"`: it holds from this time ("since 2020").
    pub start: Option<Date>,
    /// `end = "..."`: it held until this time.
    pub end: Option<Date>,
}

impl Time {
    /// No time is given.
    pub fn is_empty(&self) -> bool {
        self.point_in_time.is_none() && self.start.is_none() && self.end.is_none()
    }

    /// Where the statement stands in time, to find the latest: its point in time or start
    /// (else its end), and whether it is still open (has no end), so that of two statements
    /// of the same moment the one that began then comes after the one that ended then.
    /// Dates compare by their text, which orders `2020` < `2020-05` < `2020-05-01` < `2021`.
    /// `None` for a statement without a time.
    pub fn order(&self) -> Option<(&str, bool)> {
        let when = self
            .point_in_time
            .as_ref()
            .or(self.start.as_ref())
            .or(self.end.as_ref())?;
        Some((when.lexical.as_str(), self.end.is_none()))
    }
}

impl fmt::Display for Time {
    /// `2022-10-12`, `since 2020`, `2006-06 to 2014-09`, `until 2014-09`, or nothing.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.point_in_time, &self.start, &self.end) {
            (Some(point), _, _) => write!(f, "{point}"),
            (None, Some(start), Some(end)) => write!(f, "{start} to {end}"),
            (None, Some(start), None) => write!(f, "since {start}"),
            (None, None, Some(end)) => write!(f, "until {end}"),
            (None, None, None) => Ok(()),
        }
    }
}

/// How much a statement counts among those of its subject and property.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rank {
    /// Chosen over the others: when any statement is preferred, only the preferred ones give
    /// the direct triple.
    Preferred,
    /// The default.
    #[default]
    Normal,
    /// Known to be wrong: kept with its source, never a direct triple, never compared.
    Deprecated,
}

impl Rank {
    /// Every rank, best first.
    pub const ALL: [Rank; 3] = [Self::Preferred, Self::Normal, Self::Deprecated];

    /// The name written in the facts files: `preferred`, `normal`, `deprecated`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Preferred => "preferred",
            Self::Normal => "normal",
            Self::Deprecated => "deprecated",
        }
    }
}

impl fmt::Display for Rank {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A rank name that is not one of the three.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown rank '{0}'")]
pub struct UnknownRank(pub String);

impl FromStr for Rank {
    type Err = UnknownRank;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|rank| rank.name() == name)
            .ok_or_else(|| UnknownRank(name.to_owned()))
    }
}

impl Loader<'_> {
    /// The time and rank of a statement, checked against its property (if known): `None`
    /// when they have problems, which are reported.
    pub(super) fn qualifiers(
        &mut self,
        file: &InputFile,
        origin: &Span,
        doc: &StatementDoc,
    ) -> Option<(Time, Rank)> {
        let before = self.problems.len();
        let mut date = |value: &Option<Spanned<String>>| {
            let value = value.as_ref()?;
            parse_date(value.get_ref())
                .map_err(|e| self.problem(file.span(value.span()), e.to_string(), DateError::HELP))
                .ok()
        };
        let time = Time {
            point_in_time: date(&doc.point_in_time),
            start: date(&doc.start),
            end: date(&doc.end),
        };
        let rank = match &doc.rank {
            None => Rank::Normal,
            Some(rank) => rank.get_ref().parse().unwrap_or_else(|e: UnknownRank| {
                let help = "write rank = \"preferred\", \"normal\" or \"deprecated\", or leave it out (normal)";
                self.problem(file.span(rank.span()), e.to_string(), help);
                Rank::Normal
            }),
        };
        if self.problems.len() == before {
            self.check_time(file, origin, doc, &time);
        }
        (self.problems.len() == before).then_some((time, rank))
    }

    /// A time that fits: a point in time or a start and/or end, not both; an end not before
    /// its start; a time exactly when the property changes over time.
    fn check_time(&mut self, file: &InputFile, origin: &Span, doc: &StatementDoc, time: &Time) {
        let property = doc.property.get_ref();
        let first_given = [&doc.point_in_time, &doc.start, &doc.end]
            .into_iter()
            .flatten()
            .min_by_key(|v| v.span().start);
        if let (Some(point), true) = (&doc.point_in_time, doc.start.is_some() || doc.end.is_some())
        {
            self.problem(
                file.span(point.span()),
                "a statement has a point in time or a start and end, not both",
                "keep point_in_time for a time the source speaks of (\"currently\"), or start and/or end for a period",
            );
            return;
        }
        if let (Some(start), Some(end), Some(end_doc)) = (&time.start, &time.end, &doc.end) {
            if end.lexical < start.lexical && !start.lexical.starts_with(&end.lexical) {
                self.problem(
                    file.span(end_doc.span()),
                    format!("the statement ends ({end}) before it starts ({start})"),
                    "correct start or end",
                );
            }
        }
        let Some(p) = self.schema.property(property) else {
            return;
        };
        match (p.time_varying, first_given) {
            (true, None) => self.problem(
                origin.clone(),
                format!("{property} changes over time: give point_in_time, or start and/or end"),
                "write when the statement holds, at the source's precision: point_in_time = \"2022-10-12\" for \"currently\" in an article of that day, start = \"2020\" for \"since 2020\"",
            ),
            (false, Some(given)) => self.problem(
                file.span(given.span()),
                format!("{property} does not change over time (the ontology does not mark it cica:timeVarying), so its statements take no point_in_time, start or end"),
                "remove the time; a date the source gives for the fact itself is a statement of its own (such as property = \"startDate\")",
            ),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn time(point: Option<&str>, start: Option<&str>, end: Option<&str>) -> Time {
        let date = |d: Option<&str>| d.map(|d| parse_date(d).unwrap());
        Time {
            point_in_time: date(point),
            start: date(start),
            end: date(end),
        }
    }

    #[test]
    fn the_latest_time_comes_last() {
        let count_2022 = time(Some("2022-10-12"), None, None);
        let count_2023 = time(Some("2023-06"), None, None);
        assert!(count_2022.order() < count_2023.order());
        // Moved to Astana in September 2014: the seat that began then is later than the one
        // that ended then.
        let almaty = time(None, None, Some("2014-09"));
        let astana = time(None, Some("2014-09"), None);
        assert!(almaty.order() < astana.order());
        assert!(time(None, Some("2010"), None).order() < time(None, Some("2020"), None).order());
        assert_eq!(Time::default().order(), None);
    }

    #[test]
    fn times_and_ranks_read_as_written() {
        assert_eq!(
            time(Some("2022-10-12"), None, None).to_string(),
            "2022-10-12"
        );
        assert_eq!(time(None, Some("2020"), None).to_string(), "since 2020");
        assert_eq!(
            time(None, Some("2006-06"), Some("2014-09")).to_string(),
            "2006-06 to 2014-09"
        );
        assert_eq!("deprecated".parse::<Rank>(), Ok(Rank::Deprecated));
        assert_eq!(Rank::default(), Rank::Normal);
        assert!("best".parse::<Rank>().is_err());
    }
}
