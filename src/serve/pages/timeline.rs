//! The timeline of the home page: the CICA's dated events (`serve-timeline.rq`) drawn as SVG
//! at the precision of their dates — a year as a span of a year, a month as a span of a
//! month, a day as a point — with the summits above the axis and the other milestones below,
//! each a link to its entity; and the same events as a list, for reading without the picture.

use super::super::http::Problem;
use super::super::state::{literal, named};
use super::super::State;
use crate::facts::{parse_date, Precision};
use crate::vocab::xsd;
use maud::{html, Markup};
use oxigraph::model::{Literal, NamedNode, Term};

/// A date at its precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// The date of an `xsd:gYear`, `xsd:gYearMonth` or `xsd:date` literal.
    pub fn from_literal(literal: &Literal) -> Option<Self> {
        let precision = match literal.datatype() {
            d if d == xsd::G_YEAR => Precision::Year,
            d if d == xsd::G_YEAR_MONTH => Precision::Month,
            d if d == xsd::DATE => Precision::Day,
            _ => return None,
        };
        let date = parse_date(literal.value()).ok()?;
        if date.precision != precision {
            return None;
        }
        let mut parts = date.lexical.split('-').map(|p| p.parse::<u32>().ok());
        Some(Self {
            year: i32::try_from(parts.next()??).ok()?,
            month: parts.next().flatten(),
            day: parts.next().flatten(),
        })
    }

    /// `1992`, `June 2002`, `12 October 2022`.
    pub fn words(&self) -> String {
        let month = |m: u32| MONTHS[(m as usize).clamp(1, 12) - 1];
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", month(m), self.year),
            (Some(m), None) => format!("{} {}", month(m), self.year),
            _ => self.year.to_string(),
        }
    }

    /// Where it starts and ends, in years (a day is a point: both are its start).
    pub fn span(&self) -> (f64, f64) {
        let year = f64::from(self.year);
        match (self.month, self.day) {
            (Some(m), Some(d)) => {
                let x = year + (f64::from(m) - 1.0) / 12.0 + (f64::from(d) - 1.0) / 365.0;
                (x, x)
            }
            (Some(m), None) => (
                year + (f64::from(m) - 1.0) / 12.0,
                year + f64::from(m) / 12.0,
            ),
            _ => (year, year + 1.0),
        }
    }
}

/// `2022-10-12T23:39:15` as `12 October 2022, 23:39`; any other text as it is.
pub fn date_time_words(lexical: &str) -> String {
    let Some((day, time)) = lexical.split_once('T') else {
        return lexical.to_owned();
    };
    let parts: Vec<Option<u32>> = day.split('-').map(|p| p.parse().ok()).collect();
    let (Some(Some(year)), Some(Some(month)), Some(Some(d)), true) = (
        parts.first(),
        parts.get(1),
        parts.get(2),
        (1..=12).contains(parts.get(1).copied().flatten().as_ref().unwrap_or(&0)),
    ) else {
        return lexical.to_owned();
    };
    match time.get(..5).filter(|t| t.as_bytes().get(2) == Some(&b':')) {
        Some(hm) => format!("{d} {} {year}, {hm}", MONTHS[*month as usize - 1]),
        None => lexical.to_owned(),
    }
}

/// One event of the timeline.
#[derive(Debug, Clone)]
pub struct Event {
    /// `proposal`, `operation`, `summit`, `secretariat` or `move`.
    pub kind: String,
    /// The entity it links to.
    pub entity: NamedNode,
    /// What the event is, in words.
    pub caption: String,
    /// When it started.
    pub date: Date,
    /// When it ended, if the article says.
    pub end: Option<Date>,
    /// Where it was, for a summit: its city.
    pub place: Option<String>,
}

/// The events, in order of date.
pub fn events(state: &State) -> Result<Vec<Event>, Problem> {
    let date = |term: Option<&Term>| match term {
        Some(Term::Literal(l)) => Date::from_literal(l),
        _ => None,
    };
    let mut events: Vec<Event> = state
        .internal("serve-timeline", &[])?
        .iter()
        .filter_map(|row| {
            let kind = literal(row, "kind")?;
            let name = literal(row, "name").unwrap_or_default();
            let caption = match kind.as_str() {
                "proposal" => format!("proposed by {name}"),
                "operation" => "starts operation".to_owned(),
                "secretariat" => format!("{name} launched"),
                "move" => format!("secretariat moves to {name}"),
                _ => name,
            };
            Some(Event {
                kind,
                entity: named(row, "event")?,
                caption,
                date: date(row.get("date"))?,
                end: date(row.get("end")),
                place: literal(row, "place"),
            })
        })
        .collect();
    // Events of one date (the second summit and the secretariat's launch, June 2006) in the
    // order of their IRIs: the query's order of them changed from one evaluation to the next.
    events.sort_by(|a, b| {
        (a.date.span().0.total_cmp(&b.date.span().0))
            .then_with(|| a.entity.as_str().cmp(b.entity.as_str()))
            .then_with(|| a.caption.cmp(&b.caption))
    });
    Ok(events)
}

/// The most summits drawn and listed one by one; past it, they are counted by year.
pub const MAX_SUMMITS: usize = 24;

/// The timeline section: the picture and the list. Past [`MAX_SUMMITS`] summits, the summits
/// are a count a year (in the picture, a bar as tall as the year's share of the busiest year),
/// with a link to `every_summit`, the list of them all.
pub fn section(state: &State, events: &[Event], every_summit: Option<&str>) -> Markup {
    let summits = events.iter().filter(|e| e.kind == "summit").count();
    let by_year = summits > MAX_SUMMITS;
    let shown: Vec<&Event> = events
        .iter()
        .filter(|e| !by_year || e.kind != "summit")
        .collect();
    let mut years: Vec<(i32, usize)> = Vec::new();
    if by_year {
        for event in events.iter().filter(|e| e.kind == "summit") {
            match years.iter_mut().find(|(y, _)| *y == event.date.year) {
                Some((_, n)) => *n += 1,
                None => years.push((event.date.year, 1)),
            }
        }
        years.sort_unstable();
    }
    html! {
        figure.timeline {
            (svg(state, events, &shown, &years, every_summit))
            figcaption.muted {
                "Spans are as long as the article's dates are precise: a year, a month; a day is a point."
                @if by_year { " The " (summits) " summits are counted by year." }
            }
        }
        ol.events {
            @for event in &shown {
                li {
                    (dates(event)) ": "
                    @match super::href(state, event.entity.as_str()) {
                        Some(target) => a href=(target) { (event.caption) },
                        None => (event.caption),
                    }
                    @if let Some(place) = &event.place { ", " (place) }
                }
            }
        }
        @if by_year {
            p {
                (summits) " summits, by year: "
                @for (i, (year, n)) in years.iter().enumerate() {
                    @if i > 0 { ", " }
                    (year) " (" (n) ")"
                }
                @if let Some(all) = every_summit { ". " a href=(all) { "Every summit" } ", a page at a time." }
            }
        }
    }
}

/// A count in words up to twelve (`six`), in digits past it.
fn count_words(n: usize) -> String {
    const WORDS: [&str; 13] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| (*w).to_owned())
}

fn dates(event: &Event) -> String {
    match &event.end {
        Some(end) => format!("{} to {}", event.date.words(), end.words()),
        None => event.date.words(),
    }
}

const WIDTH: f64 = 1000.0;
const MARGIN: f64 = 40.0;
const AXIS: f64 = 90.0;

/// The SVG: an axis of years (spanning every event), the summits above (`shown`, or their
/// counts by year, `years`), the milestones below.
fn svg(
    state: &State,
    events: &[Event],
    shown: &[&Event],
    years: &[(i32, usize)],
    every_summit: Option<&str>,
) -> Markup {
    let first = events.iter().map(|e| e.date.year).min().unwrap_or(1990) - 1;
    let last = events
        .iter()
        .map(|e| e.end.unwrap_or(e.date).year)
        .max()
        .unwrap_or(2025)
        + 2;
    let x = |years: f64| {
        MARGIN + (years - f64::from(first)) / f64::from(last - first) * (WIDTH - 2.0 * MARGIN)
    };
    let ticks: Vec<i32> = (first..=last).filter(|y| y % 5 == 0).collect();
    let mut below = 0;
    html! {
        svg viewBox="0 0 1000 190" role="img"
            aria-label=(format!("Timeline of the CICA: its proposal, start of operation, {} summits, and its secretariat", count_words(events.iter().filter(|e| e.kind == "summit").count()))) {
            line.axis x1=(MARGIN) y1=(AXIS) x2=(WIDTH - MARGIN) y2=(AXIS) {}
            @for year in &ticks {
                line.axis x1=(x(f64::from(*year))) y1=(AXIS - 4.0) x2=(x(f64::from(*year))) y2=(AXIS + 4.0) {}
                text.tick x=(x(f64::from(*year))) y=(AXIS + 18.0) text-anchor="middle" { (year) }
            }
            @let busiest = years.iter().map(|(_, n)| *n).max().unwrap_or(1) as f64;
            @for (year, n) in years {
                @let (left, right) = (x(f64::from(*year)), x(f64::from(*year) + 1.0));
                @let height = (40.0 * *n as f64 / busiest).max(2.0);
                @let name = format!("{n} summits in {year}");
                a href=[every_summit] aria-label=(name) {
                    g.summit {
                        title { (name) }
                        rect x=(left) y=(AXIS - height) width=((right - left).max(0.5)) height=(height) {}
                    }
                }
            }
            @for event in shown {
                @let summit = event.kind == "summit";
                @let row = if summit { 0 } else { below += 1; below };
                (mark(state, event, &x, summit, row))
            }
        }
    }
}

/// One event: its span (or point, or points), its label, and a tooltip, in a link.
fn mark(state: &State, event: &Event, x: &dyn Fn(f64) -> f64, summit: bool, row: usize) -> Markup {
    let (start, end) = event.date.span();
    let (start, end) = match event.end {
        Some(last) => (start, last.span().1),
        None => (start, end),
    };
    let top = if summit { AXIS - 40.0 } else { AXIS + 28.0 };
    let label_y = if summit {
        AXIS - 48.0
    } else {
        AXIS + 66.0 + 16.0 * ((row + 1) % 2) as f64
    };
    let label = if summit {
        match &event.place {
            Some(place) => format!("{place} {}", event.date.year),
            None => event.date.year.to_string(),
        }
    } else {
        format!("{} {}", event.date.year, event.caption)
    };
    let class = if summit { "summit" } else { "milestone" };
    // A label near an edge grows inwards, so that it is not cut off.
    let middle = (x(start) + x(end)) / 2.0;
    let anchor = match middle {
        m if !summit && m < WIDTH * 0.2 => "start",
        m if !summit && m > WIDTH * 0.8 => "end",
        _ => "middle",
    };
    let target = super::href(state, event.entity.as_str()).unwrap_or_default();
    let points: Vec<f64> = std::iter::once(event.date)
        .chain(event.end)
        .filter(|d| d.day.is_some())
        .map(|d| x(d.span().0))
        .collect();
    let name = match &event.place {
        Some(place) => format!("{}, {place}, {}", event.caption, dates(event)),
        None => format!("{}, {}", event.caption, dates(event)),
    };
    html! {
        a href=(target) aria-label=(name) {
            g class=(class) {
                title { (name) }
                @if points.is_empty() {
                    rect x=(x(start)) y=(top) width=((x(end) - x(start)).max(0.5)) height="24" {}
                } @else {
                    @for cx in &points {
                        circle cx=(cx) cy=(top + 12.0) r="5" {}
                    }
                }
                text.label x=(middle) y=(label_y) text-anchor=(anchor) { (label) }
                @if summit {
                    // On a phone the picture is a third of its size: the year alone, larger.
                    text.short x=(middle) y=(AXIS - 48.0) text-anchor="middle" { (event.date.year) }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(lexical: &str, datatype: oxigraph::model::NamedNodeRef<'_>) -> Date {
        Date::from_literal(&Literal::new_typed_literal(lexical, datatype)).unwrap()
    }

    #[test]
    fn dates_keep_their_precision() {
        let year = date("1992", xsd::G_YEAR);
        assert_eq!(year.words(), "1992");
        assert_eq!(year.span(), (1992.0, 1993.0));
        let month = date("1993-03", xsd::G_YEAR_MONTH);
        assert_eq!(month.words(), "March 1993");
        let (start, end) = month.span();
        assert!((end - start - 1.0 / 12.0).abs() < 1e-9);
        let day = date("2022-10-12", xsd::DATE);
        assert_eq!(day.words(), "12 October 2022");
        assert_eq!(day.span().0, day.span().1);
    }

    #[test]
    fn a_time_reads_as_words() {
        assert_eq!(
            date_time_words("2022-10-12T23:39:15"),
            "12 October 2022, 23:39"
        );
        assert_eq!(
            date_time_words("2022-13-12T23:39:15"),
            "2022-13-12T23:39:15"
        );
        assert_eq!(date_time_words("soon"), "soon");
    }

    #[test]
    fn a_datatype_that_disagrees_is_not_a_date() {
        let wrong = Literal::new_typed_literal("2002-06", xsd::G_YEAR);
        assert!(Date::from_literal(&wrong).is_none());
        assert!(Date::from_literal(&Literal::from("2002")).is_none());
    }
}
