//! Reading a query with SPARQL's own parser (spargebra, as Oxigraph does), and turning its
//! errors into ones a person can act on: an unknown prefix is named with the predefined ones
//! and the closest; an update is told that the graph is read-only; any other mistake gets its
//! line, column and the text there, without the parser's lists of character classes. A text
//! nested past [`crate::nesting::NESTING_LIMIT`] is refused before the parser sees it (the
//! parser recurses once for each level, and would overflow the stack).

use crate::diagnostic::{line_column, Position};
use crate::nesting::{self, Syntax, TooDeep};
use crate::suggest::closest;
use oxiri::Iri;
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
    /// Nested too deeply for the parser.
    #[error("{origin}:{error}")]
    TooDeep {
        /// Where the query comes from.
        origin: String,
        /// Where, and the limit.
        #[source]
        error: TooDeep,
    },
    /// Any other syntax error.
    #[error("{origin}:{position}: SPARQL syntax error {near}{}\n  {line}", .expected.as_ref().map(|e| format!(" (expected {e})")).unwrap_or_default())]
    Syntax {
        /// Where the query comes from.
        origin: String,
        /// Where the parser stopped.
        position: LineColumn,
        /// The text there: "at 'WORD'", "near 'TEXT'" or "at the end of the query".
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
    nesting::check(text.as_bytes(), Syntax::Sparql).map_err(|error| ParseError::TooDeep {
        origin: origin.to_owned(),
        error,
    })?;
    let parser = || {
        prefixes
            .iter()
            .fold(SparqlParser::new(), |parser, (name, iri)| {
                // A prefix whose namespace is not an IRI is left out. with_prefix takes the
                // parser and gives none back on an error, so the IRI is checked first (not
                // by keeping a copy of the parser for each prefix).
                if Iri::parse(iri.as_str()).is_err() {
                    return parser;
                }
                parser
                    .with_prefix(name, iri)
                    .unwrap_or_else(|_| SparqlParser::new())
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
        if let Some((prefix, name_start)) = prefix_near(text, position) {
            let known: Vec<String> = prefixes.iter().map(|(p, _)| p.clone()).collect();
            return Err(ParseError::UnknownPrefix {
                origin: origin.to_owned(),
                position: LineColumn(name_start),
                closest: closest(&prefix, known.iter().map(String::as_str)).map(str::to_owned),
                prefix,
                known,
            });
        }
    }
    let expected = Alternatives::read(&error);
    let reported = offset_of(text, position);
    let (position, near, line) = where_it_stopped(text, expected.start(text, reported), reported);
    Err(ParseError::Syntax {
        origin: origin.to_owned(),
        position: LineColumn(position),
        near,
        expected: expected.in_words(),
        line,
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

/// The prefix of the prefixed name that ends at, or starts at, `position`, and where the name
/// starts.
fn prefix_near(text: &str, position: Position) -> Option<(String, Position)> {
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
    let column = start + 1;
    Some((
        prefix.to_owned(),
        Position {
            line: position.line,
            column,
        },
    ))
}

/// Where the parse stopped, for a person: the position, the text there ("at 'WORD'", "near
/// 'TEXT'" when the mistake lies between `start` and `reported`, or "at the end of the
/// query") and its line. Past the last word, it is the end of the last non-blank line.
fn where_it_stopped(text: &str, start: usize, reported: usize) -> (Position, String, String) {
    let end = text.trim_end().len();
    if start >= end {
        let position = line_column(text, end);
        let line = text.lines().nth(position.line - 1).unwrap_or("");
        return (
            position,
            "at the end of the query".to_owned(),
            line.to_owned(),
        );
    }
    let position = line_column(text, start);
    let line = text.lines().nth(position.line - 1).unwrap_or("").trim_end();
    let shown = |words: &str| -> String {
        let words: Vec<&str> = words.split_whitespace().collect();
        words.join(" ").chars().take(40).collect()
    };
    let near = if reported > start {
        format!("near '{}'", shown(&text[start..reported.min(text.len())]))
    } else {
        let word = text[start..].split_whitespace().next().unwrap_or("");
        format!("at '{}'", shown(word))
    };
    (position, near, line.to_owned())
}

/// The byte offset of a 1-based line and column in `text` (its end when past it).
fn offset_of(text: &str, position: Position) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(position.line.saturating_sub(1))
        .map(str::len)
        .sum();
    text[line_start.min(text.len())..]
        .char_indices()
        .nth(position.column.saturating_sub(1))
        .map_or(text.len(), |(i, _)| line_start + i)
}

/// What the parser expected where it stopped, sorted by kind: literal tokens (`"}"`, `"."`),
/// keywords (`BY`, `CONSTRUCT`) and the rest (character classes, which are left out).
#[derive(Debug, Default)]
struct Alternatives {
    tokens: Vec<String>,
    keywords: Vec<String>,
    /// `[_]`: any character, which the parser wanted when it read past the end of the text.
    any: bool,
}

impl Alternatives {
    /// The alternatives of an error `error at L:C: expected one of A, B, ...`.
    fn read(error: &str) -> Self {
        let mut found = Self::default();
        let Some((_, list)) = error.split_once("expected ") else {
            return found;
        };
        let mut rest = list.strip_prefix("one of ").unwrap_or(list).trim();
        while !rest.is_empty() {
            let (item, after) = next_alternative(rest);
            if item == "[_]" {
                found.any = true;
            } else if item.starts_with('"') {
                found.tokens.push(item.to_owned());
            } else if !item.is_empty() && item.chars().all(|c| c.is_alphanumeric() || c == '_') {
                found.keywords.push(item.to_owned());
            }
            rest = after.trim_start_matches(',').trim_start();
        }
        found
    }

    /// Where the mistake starts. The parser reads a keyword's length of text before it
    /// compares, so when only keywords were expected it reports the position after that text:
    /// the mistake is where the shortest of them started. When it only read past the end, the
    /// mistake is the last word.
    fn start(&self, text: &str, offset: usize) -> usize {
        if !self.tokens.is_empty() {
            return offset;
        }
        let Some(shortest) = self.keywords.iter().map(|k| k.chars().count()).min() else {
            if self.any {
                let before = text[..offset].trim_end();
                return before
                    .char_indices()
                    .rev()
                    .find(|(_, c)| c.is_whitespace())
                    .map_or(0, |(i, c)| i + c.len_utf8());
            }
            return offset;
        };
        text[..offset]
            .char_indices()
            .rev()
            .nth(shortest - 1)
            .map_or(0, |(i, _)| i)
    }

    /// The alternatives worth telling a person: a few literal tokens, BY, or the query forms.
    /// Other keywords are the ones the parser happened to try last (every function name, say),
    /// which would mislead; they are left out.
    fn in_words(&self) -> Option<String> {
        const FORMS: [&str; 4] = ["SELECT", "CONSTRUCT", "DESCRIBE", "ASK"];
        match (self.tokens.as_slice(), self.keywords.as_slice()) {
            ([], [one]) if FORMS.contains(&one.as_str()) => {
                Some("SELECT, CONSTRUCT, DESCRIBE or ASK".to_owned())
            }
            ([], [one]) if one == "BY" => Some(one.clone()),
            ([one], _) => Some(one.clone()),
            (tokens, _) if (2..=8).contains(&tokens.len()) => {
                Some(format!("one of {}", tokens.join(" ")))
            }
            _ => None,
        }
    }
}

/// The first alternative of a list and the rest: a quoted token, a bracketed class, or a word.
fn next_alternative(list: &str) -> (&str, &str) {
    let end = if list.starts_with('"') {
        let mut escaped = false;
        list.char_indices()
            .skip(1)
            .find(|&(_, c)| {
                let close = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                close
            })
            .map_or(list.len(), |(i, _)| i + 1)
    } else if list.starts_with('[') {
        list.find("], ").map_or(list.len(), |i| i + 1)
    } else {
        list.find(", ").unwrap_or(list.len())
    };
    list.split_at(end)
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
        assert!(message.starts_with("-e:1:15: "), "{message}");
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

    #[test]
    fn a_mistake_before_a_keyword_is_shown_where_it_starts() {
        // The parser reports the end of the text here (it tried the function names after '>');
        // the mistake is the ')' on line 4.
        let text = "SELECT ?s\nWHERE {\n  ?s cica:ordinal ?o\n  FILTER(?o >)\n}\n";
        let message = parse("q.rq", text, &prefixes()).unwrap_err().to_string();
        assert_eq!(
            message,
            "q.rq:4:14: SPARQL syntax error near ') }'\n    FILTER(?o >)"
        );
        let message = parse("-e", "SELECT ?s WHERE { ?s ?p ?o } ORDER ?s", &prefixes())
            .unwrap_err()
            .to_string();
        assert!(
            message.starts_with("-e:1:36: SPARQL syntax error near '?s' (expected BY)"),
            "{message}"
        );
        let message = parse("-e", "SELEC ?s WHERE { ?s ?p ?o }", &prefixes())
            .unwrap_err()
            .to_string();
        assert!(
            message.contains(":1:1: SPARQL syntax error near 'SELEC ?s' (expected SELECT, CONSTRUCT, DESCRIBE or ASK)"),
            "{message}"
        );
    }

    #[test]
    fn a_query_that_stops_short_is_told_so() {
        let message = parse("-e", "SELECT ?s WHERE { ?s ?p ?o\n\n", &prefixes())
            .unwrap_err()
            .to_string();
        assert!(
            message.starts_with(
                "-e:1:27: SPARQL syntax error at the end of the query (expected one of "
            ),
            "{message}"
        );
        assert!(message.contains("\"}\""), "{message}");
        assert!(
            message.ends_with("\n  SELECT ?s WHERE { ?s ?p ?o"),
            "{message}"
        );
        let message = parse("-e", "SELECT ?s WHERE { ?s ?p ?o } }", &prefixes())
            .unwrap_err()
            .to_string();
        assert!(
            message.starts_with("-e:1:30: SPARQL syntax error near '}'"),
            "{message}"
        );
    }

    #[test]
    fn a_query_nested_too_deeply_is_refused_before_the_parser() {
        // 600 levels overflow the parser on a 2 MiB thread (a test's, or an HTTP thread's).
        let text = format!("ASK{}{}", "{".repeat(600), "}".repeat(600));
        let message = parse("-e", &text, &prefixes()).unwrap_err().to_string();
        assert!(
            message.starts_with("-e:1:68: brackets ({, ( and [) and NOT (!) nest more than 64 levels deep here, past the limit of 64 levels"),
            "{message}"
        );
        let text = format!("ASK{{FILTER({}1{})}}", "!(".repeat(30), ")".repeat(30));
        let message = parse("q.rq", &text, &prefixes()).unwrap_err().to_string();
        assert!(message.contains("limit of 4 nested negations"), "{message}");
    }

    #[test]
    fn the_parsers_alternatives_are_read_by_kind() {
        let found = Alternatives::read(
            "error at 1:2: expected one of \",\", \"\\\"\", ABS, ['a' ..= 'z' | '_'], [_]",
        );
        assert_eq!(found.tokens, ["\",\"", "\"\\\"\""]);
        assert_eq!(found.keywords, ["ABS"]);
        assert!(found.any);
    }
}
