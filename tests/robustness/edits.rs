//! Random edits of a file's bytes and lines, for the facts files, the article and queries.

use proptest::prelude::*;

/// One random edit; positions are fractions of the file's length, so that they shrink well.
#[derive(Debug, Clone)]
pub(crate) enum Edit {
    Replace { at: f64, byte: u8 },
    Delete { at: f64, len: usize },
    Insert { at: f64, text: String },
    DeleteLine { at: f64 },
    DuplicateLine { at: f64 },
    SwapLines { a: f64, b: f64 },
    Truncate { at: f64 },
}

/// Texts that mean something to TOML, to the facts, to dates and to quotes.
#[rustfmt::skip]
const SNIPPETS: &[&str] = &[
    "\"", "'", "\"\"\"", "'''", "\n", "\r\n", "\t", "#", "=", "[", "]", "[[statement]]",
    "[[entity]]", "{", "}", ",", "\\", "\\u0000", "\\uD800", "\u{0}", "\u{7}", "\u{85}", "\u{FEFF}",
    "\u{FFFE}", "\u{FFFF}", "\u{10FFFF}", "é", "🙂", "Almaty", "Astana", "summit/1", "summit/99",
    "place/astana", "date = \"2002-06\"", "date = \"0000-01\"", "date = \"2022-02-30\"",
    "integer = 99999999999999999999", "integer = -1", "boolean = true", "object = \"place/x\"",
    "property = \"date\"", "property = \"nope\"", "lang = \"en\"", "lang = \"x-\"", "quote = \"\"",
    "wikidata = \"Q0\"", "wikidata = \"Q1\"", "subject = \"\"", "text = \"", "1e999", "-0",
];

fn position() -> impl Strategy<Value = f64> {
    0.0..1.0
}

pub(crate) fn snippet() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(SNIPPETS).prop_map(str::to_owned),
        1 => prop::collection::vec(any::<char>(), 1..6).prop_map(String::from_iter),
    ]
}

pub(crate) fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (position(), any::<u8>()).prop_map(|(at, byte)| Edit::Replace { at, byte }),
        (position(), 1usize..80).prop_map(|(at, len)| Edit::Delete { at, len }),
        (position(), snippet()).prop_map(|(at, text)| Edit::Insert { at, text }),
        position().prop_map(|at| Edit::DeleteLine { at }),
        position().prop_map(|at| Edit::DuplicateLine { at }),
        (position(), position()).prop_map(|(a, b)| Edit::SwapLines { a, b }),
        position().prop_map(|at| Edit::Truncate { at }),
    ]
}

fn index(at: f64, len: usize) -> usize {
    ((at * len as f64) as usize).min(len)
}

pub(crate) fn apply(bytes: &mut Vec<u8>, edit: &Edit) {
    let len = bytes.len();
    match edit {
        Edit::Replace { at, byte } => {
            if len > 0 {
                bytes[index(*at, len - 1)] = *byte;
            }
        }
        Edit::Delete { at, len: n } => {
            let start = index(*at, len);
            bytes.drain(start..(start + n).min(len));
        }
        Edit::Insert { at, text } => {
            let i = index(*at, len);
            bytes.splice(i..i, text.bytes());
        }
        Edit::Truncate { at } => bytes.truncate(index(*at, len)),
        Edit::DeleteLine { at } | Edit::DuplicateLine { at } | Edit::SwapLines { a: at, .. } => {
            let mut lines: Vec<Vec<u8>> =
                bytes.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
            let last = lines.len() - 1;
            let i = index(*at, last);
            match edit {
                Edit::DeleteLine { .. } => drop(lines.remove(i)),
                Edit::DuplicateLine { .. } => lines.insert(i, lines[i].clone()),
                Edit::SwapLines { b, .. } => lines.swap(i, index(*b, last)),
                _ => unreachable!(),
            }
            *bytes = lines.join(&b'\n');
        }
    }
}
