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

/// The dateline: its byte offset, place words, month, day and agency.
fn dateline(text: &str) -> Option<(usize, String, u32, u32, String)> {
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
        let Some(m) = words.next().and_then(|w| month(&w.to_lowercase())) else {
            continue;
        };
        let Some(d) = words.next().and_then(|w| w.parse::<u32>().ok()) else {
            continue;
        };
        return Some((
            here,
            place.trim().to_owned(),
            m,
            d,
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
    if let Some((_, place, m, d, agency)) = dateline(text) {
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
        let year = date
            .map(|d| d.lexical[..4].to_owned())
            .or_else(|| (s.published.len() >= 4).then(|| s.published[..4].to_owned()))
            .or_else(|| Doc::new(text).first_year());
        if let Some(date) = year.and_then(|y| parse_date(&format!("{y}-{m:02}-{d:02}")).ok()) {
            s.dateline_date = date.lexical;
            why(
                "dateline_date",
                "the dateline's month and day, with the year of the article (or --date)".into(),
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
