//! How QuickStatements V1 writes values: items `Q148`; quantities `27`; monolingual text
//! `en:"CICA"`; strings and URLs `"..."`; times `+2002-06-00T00:00:00Z/10` with precision
//! `/9` (year), `/10` (month) or `/11` (day); and the Wikidata datatype of each property used.

use crate::facts::{Date, Precision, Value};
use std::fmt;

/// The Wikidata datatype of a property: it decides how a value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Datatype {
    /// An item: `Q148`.
    Item,
    /// A point in time: `+2002-06-00T00:00:00Z/10`.
    Time,
    /// A quantity: `27`.
    Quantity,
    /// Text in a language: `en:"CICA"`.
    MonolingualText,
    /// A URL, written as a string: `"https://..."`.
    Url,
}

impl fmt::Display for Datatype {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Item => "item",
            Self::Time => "time",
            Self::Quantity => "quantity",
            Self::MonolingualText => "monolingual text",
            Self::Url => "URL",
        })
    }
}

/// The datatype of each Wikidata property the mapping uses or the references use. Every PID
/// and where it was verified is listed in docs/wikidata.md; the datatypes were read from a
/// public table of Wikidata property labels and types (hiropppe/neo4j-js-ng2,
/// src/app/service/wikidata.service.ts) and from the verified-ID list (P2124 quantity; P1448,
/// P1813 monolingual text).
pub const DATATYPES: &[(&str, Datatype)] = &[
    ("P17", Datatype::Item),
    ("P30", Datatype::Item),
    ("P31", Datatype::Item),
    ("P36", Datatype::Item),
    ("P112", Datatype::Item),
    ("P123", Datatype::Item),
    ("P131", Datatype::Item),
    ("P155", Datatype::Item),
    ("P156", Datatype::Item),
    ("P159", Datatype::Item),
    ("P276", Datatype::Item),
    ("P279", Datatype::Item),
    ("P361", Datatype::Item),
    ("P463", Datatype::Item),
    ("P488", Datatype::Item),
    ("P527", Datatype::Item),
    ("P571", Datatype::Time),
    ("P577", Datatype::Time),
    ("P854", Datatype::Url),
    ("P580", Datatype::Time),
    ("P582", Datatype::Time),
    ("P585", Datatype::Time),
    ("P664", Datatype::Item),
    ("P710", Datatype::Item),
    ("P740", Datatype::Item),
    ("P793", Datatype::Item),
    ("P813", Datatype::Time),
    ("P856", Datatype::Url),
    ("P973", Datatype::Url),
    ("P1132", Datatype::Quantity),
    ("P1344", Datatype::Item),
    ("P1448", Datatype::MonolingualText),
    ("P1476", Datatype::MonolingualText),
    ("P1813", Datatype::MonolingualText),
    ("P2124", Datatype::Quantity),
];

/// The datatype of a PID, if known.
pub fn datatype(pid: &str) -> Option<Datatype> {
    DATATYPES
        .iter()
        .find(|(p, _)| *p == pid)
        .map(|(_, datatype)| *datatype)
}

/// A time value: `+2002-06-00T00:00:00Z/10`, at the date's own precision.
pub fn time(date: &Date) -> String {
    let mut parts = date.lexical.split('-');
    let year = parts.next().unwrap_or("0000");
    let month = parts.next().unwrap_or("00");
    let day = parts.next().unwrap_or("00");
    let precision = match date.precision {
        Precision::Year => 9,
        Precision::Month => 10,
        Precision::Day => 11,
    };
    format!("+{year}-{month}-{day}T00:00:00Z/{precision}")
}

/// A string value: `"..."`. QuickStatements V1 cannot escape a double quote, a tab or a line
/// break inside one.
pub fn quoted(text: &str) -> Result<String, String> {
    if text.contains(['"', '\t', '\n', '\r']) {
        return Err(format!(
            "\"{text}\" contains a double quote, a tab or a line break, which QuickStatements V1 cannot write inside a string"
        ));
    }
    Ok(format!("\"{text}\""))
}

/// What kind of value a statement has, for notes.
pub fn kind(value: &Value) -> &'static str {
    match value {
        Value::Entity(_) => "an entity",
        Value::Text(_) => "text",
        Value::Date(_) => "a date",
        Value::Integer(_) => "an integer",
        Value::Boolean(_) => "a boolean",
    }
}

/// A value as the notes show it.
pub fn shown(value: &Value) -> String {
    match value {
        Value::Entity(id) => id.clone(),
        Value::Text(text) if text.chars().count() > 60 => {
            format!("\"{}...\"", text.chars().take(57).collect::<String>())
        }
        Value::Text(text) => format!("\"{text}\""),
        Value::Date(date) => date.lexical.clone(),
        Value::Integer(n) => n.to_string(),
        Value::Boolean(b) => b.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::parse_date;
    use std::collections::BTreeSet;

    #[test]
    fn times_keep_their_precision() {
        let at = |lexical: &str| time(&parse_date(lexical).unwrap());
        assert_eq!(at("1992"), "+1992-00-00T00:00:00Z/9");
        assert_eq!(at("2002-06"), "+2002-06-00T00:00:00Z/10");
        assert_eq!(at("2022-10-12"), "+2022-10-12T00:00:00Z/11");
    }

    #[test]
    fn strings_cannot_hold_quotes() {
        assert_eq!(quoted("CICA").unwrap(), "\"CICA\"");
        assert!(quoted("say \"hi\"").is_err());
        assert!(quoted("a\tb").is_err());
    }

    #[test]
    fn every_datatype_is_known_once() {
        let pids: BTreeSet<&str> = DATATYPES.iter().map(|(p, _)| *p).collect();
        assert_eq!(pids.len(), DATATYPES.len());
        assert_eq!(datatype("P2124"), Some(Datatype::Quantity));
        assert_eq!(datatype("P1813"), Some(Datatype::MonolingualText));
        assert_eq!(datatype("P2975"), None);
    }
}
