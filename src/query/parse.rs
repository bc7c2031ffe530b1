//! Reading a query with SPARQL's own parser (spargebra, as Oxigraph does), and turning its
//! errors into ones a person can act on: an unknown prefix is named with the predefined ones
//! and the closest; an update is told that the graph is read-only; any other mistake gets its
//! line, column and the text there, without the parser's lists of character classes.

use crate::diagnostic::{line_column, Position};
use crate::suggest::closest;
use spargebra::{Query, SparqlParser};

/// Why a query text cannot be run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// A prefix that is neither declared in the query nor predefined.
    #[error("{origin}:{position}: unknown prefix '{prefix}:'{}; the predefined prefixes are {}, or declare it with PREFIX {prefix}: <IRI>", .closest.as_ref().map(|c| format!(" (did you mean '{c}:'?)")).unwrap_or_default(), .known.join(", "))]
    UnknownPrefix {
        /// Where the query comes from (`-e`, a file, a named query).
        origin: String,
        /// Where the prefix is used.
        position: LineColumn,
        /// The prefix.
        prefix: String,
        /// The closest predefined prefix.
        closest: Option<String>,
        /// The predefined prefixes.
        known: Vec<String>,
    },
    /// A SPARQL Update.
    #[error("{origin}: this is a SPARQL update, and the graph is read-only; it is built from the facts in data/ (edit them and re-run)")]
    Update {
        /// Where the query comes from.
        origin: String,
    },
    /// Any other syntax error.
    #[error("{origin}:{position}: SPARQL syntax error at {near}{}\n  {line}", .expected.as_ref().map(|e| format!(" (expected {e})")).unwrap_or_default())]
    Syntax {
        /// Where the query comes from.
        origin: String,
        /// Where the parser stopped.
        position: LineColumn,
        /// The text there, quoted, or "the end of the query".
        near: String,
        /// What the parser expected, when it says so in words.
        expected: Option<String>,
        /// The line of the query where it stopped.
        line: String,
    },
}

/// A 1-based line and column, shown as `LINE:COLUMN`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineColumn(pub Position);

impl std::fmt::Display for LineColumn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.0.line, self.0.column)
    }
}

/// Parses a query with these prefixes predefined.
pub fn parse(origin: &str, text: &str, prefixes: &[(String, String)]) -> Result<Query, ParseError> {
    let parser = || {
        prefixes
            .iter()
            .fold(SparqlParser::new(), |parser, (name, iri)| {
                parser.clone().with_prefix(name, iri).unwrap_or(parser)
            })
    };
    let error = match parser().parse_query(text) {
        Ok(query) => return Ok(query),
        Err(error) => error.to_string(),
    };
    if parser().parse_update(text).is_ok() || starts_as_update(text) {
        return Err(ParseError::Update {
            origin: origin.to_owned(),
        });
    }
    let position = error_position(&error, text);
    if error.contains("Prefix not found") {
        if let Some(prefix) = prefix_near(text, position) {
            let known: Vec<String> = prefixes.iter().map(|(p, _)| p.clone()).collect();
            return Err(ParseError::UnknownPrefix {
                origin: origin.to_owned(),
                position: LineColumn(position),
                closest: closest(&prefix, known.iter().map(String::as_str)).map(str::to_owned),
                prefix,
                known,
            });
        }
    }
    let line = text.lines().nth(position.line - 1).unwrap_or("").trim_end();
    Err(ParseError::Syntax {
        origin: origin.to_owned(),
        position: LineColumn(position),
        near: near_text(line, position.column),
        expected: expected_in_words(&error),
        line: line.to_owned(),
    })
}

/// The position of `error at LINE:COLUMN: ...`, or the end of the text.
fn error_position(error: &str, text: &str) -> Position {
    let found = error
        .strip_prefix("error at ")
        .and_then(|rest| rest.split_once(':'))
        .and_then(|(line, rest)| {
            let column = rest.split(':').next()?;
            Some(Position {
                line: line.trim().parse().ok()?,
                column: column.trim().parse().ok()?,
            })
        });
    found.unwrap_or_else(|| line_column(text, text.len()))
}

/// Update keywords, for a text that starts as an update but does not parse as one either.
fn starts_as_update(text: &str) -> bool {
    const UPDATES: &[&str] = &[
        "INSERT", "DELETE", "DROP", "LOAD", "CLEAR", "CREATE", "ADD", "MOVE", "COPY", "WITH",
    ];
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .map(str::to_ascii_uppercase)
        .find(|word| {
            word != "PREFIX" && word != "BASE" && !word.ends_with(':') && !word.starts_with('<')
        })
        .is_some_and(|word| UPDATES.contains(&word.as_str()))
}

/// The prefix of the prefixed name that ends at, or starts at, `position`.
fn prefix_near(text: &str, position: Position) -> Option<String> {
    let line: Vec<char> = text.lines().nth(position.line - 1)?.chars().collect();
    let is_name = |c: &char| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':');
    let at = (position.column - 1).min(line.len());
    let start = line[..at]
        .iter()
        .rposition(|c| !is_name(c))
        .map_or(0, |i| i + 1);
    let end = line[at..]
        .iter()
        .position(|c| !is_name(c))
        .map_or(line.len(), |i| at + i);
    let token: String = line[start..end].iter().collect();
    let (prefix, _) = token.split_once(':')?;
    Some(prefix.to_owned())
}

/// The word at a column, quoted, or "the end of the line".
fn near_text(line: &str, column: usize) -> String {
    let rest: String = line.chars().skip(column.saturating_sub(1)).collect();
    let word: String = rest
        .split_whitespace()
        .next()
        .unwrap_or("")
        .chars()
        .take(40)
        .collect();
    if word.is_empty() {
        "the end of the line".to_owned()
    } else {
        format!("'{word}'")
    }
}

/// The parser's "expected ..." alternatives that are words (keywords, names), without its
/// character classes; `None` when none is.
fn expected_in_words(error: &str) -> Option<String> {
    let list = error.split_once("expected ")?.1;
    let list = list.strip_prefix("one of ").unwrap_or(list);
    let words: Vec<&str> = list
        .split(", ")
        .map(str::trim)
        .filter(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_alphanumeric() || c == ' ' || c == '_')
        })
        .filter(|w| *w != "_")
        .take(6)
        .collect();
    match words.as_slice() {
        [] => None,
        [one] => Some((*one).to_owned()),
        many => Some(format!("one of {}", many.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prefixes() -> Vec<(String, String)> {
        vec![
            ("cica".into(), "https://w3id.org/cica-kg/ontology#".into()),
            ("summit".into(), "https://w3id.org/cica-kg/summit/".into()),
        ]
    }

    #[test]
    fn an_unknown_prefix_is_named_with_the_closest() {
        let error = parse("-e", "SELECT * { ?s cia:date ?o }", &prefixes()).unwrap_err();
        let message = error.to_string();
        assert!(message.contains("unknown prefix 'cia:'"), "{message}");
        assert!(message.contains("did you mean 'cica:'?"), "{message}");
        assert!(message.contains("cica, summit"), "{message}");
        assert!(!message.contains("\\u{"), "{message}");
    }

    #[test]
    fn updates_are_told_the_graph_is_read_only() {
        for update in [
            "INSERT DATA { <a:b> <a:c> <a:d> }",
            "PREFIX x: <a:> DELETE WHERE { ?s ?p ?o }",
            "DROP ALL",
            "LOAD <http://example.org/x>",
            "insert data { ?broken",
        ] {
            let error = parse("-e", update, &prefixes()).unwrap_err();
            assert!(
                matches!(error, ParseError::Update { .. }),
                "{update}: {error}"
            );
            assert!(error.to_string().contains("read-only"));
        }
    }

    #[test]
    fn other_errors_show_the_line_and_the_text_there() {
        let error = parse("q.rq", "SELECT ?s\nWHERE { ?s ?p }", &prefixes()).unwrap_err();
        let message = error.to_string();
        assert!(message.starts_with("q.rq:2:"), "{message}");
        assert!(message.contains("WHERE { ?s ?p }"), "{message}");
        assert!(message.lines().count() <= 2, "{message}");
        assert!(!message.contains('['), "{message}");
    }
}
