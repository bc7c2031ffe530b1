//! One diagnostic type for everything a person reads about bad input: a [`Problem`] says
//! where (a [`Span`]: the file, and the line and column where there is one), what is wrong and
//! what to change. Loading the facts and `cica-kg validate` both report with it.

use serde::{Serialize, Serializer};
use std::fmt;

/// A file, and a 1-based line and column (in characters) where there is one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// The file (or folder) as the user named it, such as `data/cica-backgrounder.toml`.
    pub file: String,
    /// Where in the file, if anywhere in particular.
    pub position: Option<Position>,
}

/// A 1-based line and column, in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl Span {
    /// A whole file.
    pub fn file(file: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            position: None,
        }
    }

    /// A line and column of a file.
    pub fn at(file: impl Into<String>, line: usize, column: usize) -> Self {
        Self {
            file: file.into(),
            position: Some(Position { line, column }),
        }
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(Position { line, column }) = self.position {
            write!(f, ":{line}:{column}")?;
        }
        Ok(())
    }
}

/// Which check found a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// The facts files (TOML) or their articles, as loading checks them.
    Facts,
    /// A graph file given to `validate` that cannot be read.
    Graph,
    /// A quote that is not at its offsets in its source article.
    Quote,
    /// A SHACL shape of `ontology/shapes.ttl`.
    Shape,
}

/// One thing wrong with the input, where it is, and what to change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where.
    pub span: Span,
    /// Which check found it.
    pub kind: Kind,
    /// The IRI of the violated shape (shape problems only).
    pub shape: Option<String>,
    /// The IRI of the offending node (shape and quote problems).
    pub focus: Option<String>,
    /// What is wrong.
    pub message: String,
    /// What to change.
    pub help: String,
}

impl Problem {
    /// A problem of `kind` at `span`.
    pub fn new(
        kind: Kind,
        span: Span,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Self {
        Self {
            span,
            kind,
            shape: None,
            focus: None,
            message: message.into(),
            help: help.into(),
        }
    }

    /// A problem in the facts files.
    pub fn facts(span: Span, message: impl Into<String>, help: impl Into<String>) -> Self {
        Self::new(Kind::Facts, span, message, help)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}; {}", self.span, self.message, self.help)
    }
}

/// The JSON form of `cica-kg validate --format json`: `file`, `line` and `column` (null where
/// there is none) beside the other fields.
impl Serialize for Problem {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Problem", 8)?;
        s.serialize_field("file", &self.span.file)?;
        s.serialize_field("line", &self.span.position.map(|p| p.line))?;
        s.serialize_field("column", &self.span.position.map(|p| p.column))?;
        s.serialize_field("kind", &self.kind)?;
        s.serialize_field("shape", &self.shape)?;
        s.serialize_field("focus", &self.focus)?;
        s.serialize_field("message", &self.message)?;
        s.serialize_field("help", &self.help)?;
        s.end()
    }
}

/// Every problem found in the input: the error of loading the facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.0.len();
        let plural = if count == 1 { "" } else { "s" };
        write!(f, "the facts have {count} problem{plural}:")?;
        for problem in &self.0 {
            write!(f, "\n  {problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// 1-based line and column (in characters) of a byte offset of `text`.
pub fn line_column(text: &str, offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Position {
        line,
        column: before[line_start..].chars().count() + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_show_the_position_only_where_there_is_one() {
        assert_eq!(Span::file("data").to_string(), "data");
        assert_eq!(Span::at("f.toml", 3, 7).to_string(), "f.toml:3:7");
        let problem = Problem::facts(Span::at("f.toml", 1, 2), "bad", "fix it");
        assert_eq!(problem.to_string(), "f.toml:1:2: bad; fix it");
    }

    #[test]
    fn line_and_column_count_characters() {
        assert_eq!(line_column("ab\ncé d", 7), Position { line: 2, column: 4 });
        assert_eq!(line_column("x", 0), Position { line: 1, column: 1 });
        // Inside a character: the character's own column.
        assert_eq!(line_column("é", 1), Position { line: 1, column: 1 });
    }

    #[test]
    fn json_has_null_line_and_column_for_a_whole_file() {
        let json = serde_json::to_value(Problem::facts(Span::file("d"), "m", "h")).unwrap();
        assert_eq!(json["file"], "d");
        assert!(json["line"].is_null() && json["column"].is_null());
        assert_eq!(json["kind"], "facts");
    }
}
