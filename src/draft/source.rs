//! The source as the article gives it: a first-line title, "Source:" and "Editor:" lines, a
//! printed publication time, and a dateline ("ASTANA, Oct. 12 (Xinhua) --"), with the year
//! from the article or the date given. Every field says why it was proposed.

use super::text::Doc;
use super::values::month;
use crate::facts::{is_local_date_time, parse_date, Date, Entity, Facts};
use serde::Serialize;
use std::collections::BTreeMap;

/// The proposed `[source]` table.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct ProposedSource {
    /// Source id (publisher, date, title words).
    pub id: String,
    /// The article's file name.
    pub file: String,
    /// The headline.
    pub title: String,
    /// The publisher's entity id ("" if unknown).
    pub publisher: String,
    /// The editor ("" if not printed).
    pub editor: String,
    /// Publication time as printed ("" if not printed).
    pub published: String,
    /// The dateline's place, an entity id ("" if unknown).
    pub dateline_place: String,
    /// The dateline's date ("" if unknown).
    pub dateline_date: String,
    /// Language tag.
    pub language: String,
    /// The dateline's place as printed, when the data does not know it.
    #[serde(skip)]
    pub dateline_name: String,
    /// Field -> why it was proposed (every field is a proposal).
    pub proposed: BTreeMap<String, String>,
}

/// Where the body starts (the dateline, or after the header lines), in bytes.
pub(crate) fn body_start(text: &str) -> usize {
    let Some((start, ..)) = dateline(text) else {
        return 0;
    };
    let line = &text[start..];
    line.find(" -- ")
        .map(|i| start + i + 4)
        .or_else(|| line.find(" — ").map(|i| start + i + " — ".len()))
        .unwrap_or(start)
}

/// A dateline's date words: "Oct. 12" (month, day) or "10 June 2071" (day, month, and a
/// year when it says one): the month, the day and the year.
fn month_day(words: &[&str]) -> Option<(u32, u32, Option<String>)> {
    let day = |w: Option<&&str>| {
        w.and_then(|w| w.parse::<u32>().ok())
            .filter(|d| (1..=31).contains(d))
    };
    let month_of = |w: Option<&&str>| w.and_then(|w| month(&w.to_lowercase()));
    if let Some(m) = month_of(words.first()) {
        return day(words.get(1)).map(|d| (m, d, None));
    }
    let d = day(words.first())?;
    let m = month_of(words.get(1))?;
    let year = words
        .get(2)
        .filter(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
        .map(|y| (*y).to_owned());
    Some((m, d, year))
}

/// The dateline: its byte offset, place words, month, day, the year it says, and agency.
#[allow(clippy::type_complexity)]
fn dateline(text: &str) -> Option<(usize, String, u32, u32, Option<String>, String)> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let here = offset;
        offset += line.len();
        let Some((head, rest)) = line.split_once(" -- ").or_else(|| line.split_once(" — "))
        else {
            continue;
        };
        let _ = rest;
        let Some((place, when)) = head.split_once(',') else {
            continue;
        };
        let when = when.trim();
        let (date, agency) = when.split_once('(').unwrap_or((when, ""));
        let mut words = date
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty());
        let Some((m, d, year)) = month_day(&words.by_ref().take(3).collect::<Vec<_>>()) else {
            continue;
        };
        return Some((
            here,
            place.trim().to_owned(),
            m,
            d,
            year,
            agency
                .trim_end_matches(|c: char| c == ')' || c.is_whitespace())
                .to_owned(),
        ));
    }
    None
}

fn entity_named<'f>(facts: &'f Facts, name: &str) -> Option<&'f Entity> {
    let name = name.trim().to_lowercase();
    facts.entities.iter().find(|e| {
        std::iter::once(&e.label)
            .chain(&e.other_names)
            .any(|n| n.to_lowercase() == name)
    })
}

/// Proposes the source of `text`, read from `file`; `date` is the date given with `--date`.
pub fn propose(text: &str, file: &str, facts: &Facts, date: Option<&Date>) -> ProposedSource {
    let mut s = ProposedSource {
        file: file.to_owned(),
        language: "en".to_owned(),
        ..Default::default()
    };
    let mut why = |field: &str, reason: String| {
        s.proposed.insert(field.to_owned(), reason);
    };
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    why("language", "the default, English".into());
    why("file", "the article's file name".into());
    let mut title = lines.first().copied().unwrap_or_default().to_owned();
    let mut publisher = None;
    for line in lines.iter().take(12) {
        if let Some(name) = line.strip_prefix("Source:") {
            publisher = entity_named(facts, name).map(|e| e.id.clone());
            if publisher.is_some() {
                why("publisher", format!("the line \"{line}\""));
            }
        } else if let Some(editor) = line.strip_prefix("Editor:") {
            s.editor = editor.trim().to_owned();
            why("editor", format!("the line \"{line}\""));
        } else if is_local_date_time(&line.replace(' ', "T")) && s.published.is_empty() {
            s.published = line.replace(' ', "T");
            why("published", format!("the line \"{line}\""));
        }
    }
    if let Some((_, place, m, d, said_year, agency)) = dateline(text) {
        if publisher.is_none() {
            publisher = entity_named(facts, &agency).map(|e| e.id.clone());
            if publisher.is_some() {
                why("publisher", format!("the dateline's agency \"{agency}\""));
            }
        }
        if let Some(e) = entity_named(facts, &place) {
            s.dateline_place = e.id.clone();
            why(
                "dateline_place",
                format!("the dateline's place \"{place}\""),
            );
        } else {
            s.dateline_name = super::resolve::label_of(&place);
        }
        let year = said_year
            .or_else(|| date.map(|d| d.lexical[..4].to_owned()))
            .or_else(|| (s.published.len() >= 4).then(|| s.published[..4].to_owned()))
            .or_else(|| Doc::new(text).first_year());
        if let Some(date) = year.and_then(|y| parse_date(&format!("{y}-{m:02}-{d:02}")).ok()) {
            s.dateline_date = date.lexical;
            why(
                "dateline_date",
                "the dateline's month and day, with its year or the article's (or --date)".into(),
            );
        }
    }
    if s.dateline_date.is_empty() {
        if let Some(d) = date {
            s.dateline_date = d.lexical.clone();
            why("dateline_date", "--date".into());
        }
    }
    // A title printed with its publisher after a dash ("...-Xinhua") loses it when the
    // article prints it again without.
    if let Some((head, _)) = title.rsplit_once('-') {
        if lines.iter().skip(1).any(|l| *l == head.trim()) {
            title = head.trim().to_owned();
        }
    }
    why("title", "the first line".into());
    s.title = title;
    s.publisher = publisher.unwrap_or_default();
    let slug = |t: &str| {
        t.to_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(6)
            .collect::<Vec<_>>()
            .join("-")
    };
    let who = s
        .publisher
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_owned();
    s.id = [
        who.as_str(),
        s.dateline_date.as_str(),
        slug(&s.title).as_str(),
    ]
    .iter()
    .filter(|p| !p.is_empty())
    .copied()
    .collect::<Vec<_>>()
    .join("-");
    why(
        "id",
        "the publisher, the date and the title's first words".into(),
    );
    s
}

impl Doc<'_> {
    /// The first year the text names.
    pub fn first_year(&self) -> Option<String> {
        (0..self.len())
            .map(|i| self.lower(i))
            .find(|w| {
                w.len() == 4
                    && w.bytes().all(|b| b.is_ascii_digit())
                    && (w.starts_with("19") || w.starts_with("20"))
            })
            .map(str::to_owned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dateline_with_the_day_before_the_month_gives_its_own_year_and_the_body() {
        // A press release's dateline: day, month, year. Its year wins over the article's
        // first year (1999) and over --date.
        let text = "Minister visits\n\nKARACHI, 4 August 2031 -- In 1999 the port was small. \
                    It is bigger now.\n";
        let given = parse_date("2030-01-01").unwrap();
        let facts = Facts::default();
        let s = propose(text, "k.txt", &facts, Some(&given));
        assert_eq!(s.dateline_date, "2031-08-04");
        assert_eq!(s.dateline_name, "Karachi");
        assert_eq!(&text[body_start(text)..body_start(text) + 7], "In 1999");
        // A chronology's line ("1992 -- ...") and a title's dash are no dateline.
        let chronology = "Key dates -- a list\n\n1992 -- A forum is proposed.\n";
        assert_eq!(body_start(chronology), 0);
    }
}
