//! How deeply a text nests, counted before a recursive parser reads it.
//!
//! Oxigraph's SPARQL parser (spargebra) and JSON-LD parser (oxjsonld) recurse once for each
//! level of nesting; a text nested a few hundred levels deep overflows the stack of the thread
//! that parses it, and Rust then aborts the whole process (a server included). oxjsonld also
//! uses memory quadratic in the depth, and Oxigraph's Turtle and RDF/XML parsers memory linear
//! in it (about 25 times the text). So every text a person gives to one of these parsers is
//! first scanned here and refused past [`NESTING_LIMIT`] levels, with the line and column
//! where the limit is passed (docs/upstream-oxigraph-deep-nesting.md has the measurements).
//!
//! The scan is lexical and linear, not a parser: it counts brackets (`{`, `(`, `[`; in XML,
//! elements) and skips what cannot hold one, string literals, comments and IRIs, by the
//! syntax's own lexical rules ([`turtle`] for SPARQL, Turtle and TriG; [`json`]; [`xml`]).

mod json;
mod turtle;
mod xml;

/// The deepest nesting read, in levels of brackets (or XML elements) of every kind together.
///
/// Measured on the stacks cica-kg parses on (the 2 MiB of an HTTP thread of `serve` being the
/// smallest), with Oxigraph 0.5.13 / spargebra 0.4.8 / oxjsonld 0.2.7: spargebra overflows a
/// 2 MiB stack at 164 nested `{` in a debug build and at 598 nested `[` in a release build
/// (its cheapest and dearest levels: `(` 204 / 866, path `(` 464 / 3509, collection `(`
/// 662 / 1622); oxjsonld at 29 nested objects (debug) and 934 (release), which is why
/// `validate --graph-file` parses on a thread of [`PARSER_STACK`]. 64 leaves a margin of 2.5
/// to the first, and keeps oxjsonld's quadratic memory under 5 MB (measured peak RSS of the
/// whole parse of 64 nested objects: 4.9 MB; 512: 57 MB). Real texts nest far less: the
/// queries of `queries/` at most 6 levels, an export 4.
pub const NESTING_LIMIT: usize = 64;

/// The most `!` (NOT) applied to brackets inside one another, in SPARQL. spargebra parses the
/// operand of `!` twice (it first tries the SPARQL 1.2 double negation `!!`), so each such
/// level doubles the time of the parse: 20 levels of `!(` take 2.3 s (release build), 30 would
/// take hours. 4 levels cost at most 16 times the parse of the innermost text.
pub const NEGATION_LIMIT: usize = 4;

/// The stack of the thread that parses a graph file: 64 MiB (reserved, not used until
/// needed), 32 times what spargebra and oxjsonld overflow at [`NESTING_LIMIT`] on a debug
/// build.
pub const PARSER_STACK: usize = 64 << 20;

/// The syntaxes scanned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// A SPARQL query.
    Sparql,
    /// Turtle or TriG (N-Triples and N-Quads do not nest).
    Turtle,
    /// JSON(-LD).
    Json,
    /// XML (RDF/XML).
    Xml,
}

/// Where, and how, a text nests too deeply.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TooDeep {
    /// Brackets (or elements) inside one another past [`NESTING_LIMIT`].
    #[error("{line}:{column}: {what} nest more than {limit} levels deep here, past the limit of {limit} levels of nesting; flatten it")]
    Nesting {
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// What nests: "brackets ({, ( and [) and NOT (!)", "elements".
        what: &'static str,
        /// The limit.
        limit: usize,
    },
    /// `!` inside `!` past [`NEGATION_LIMIT`].
    #[error("{line}:{column}: NOT (!) is applied inside NOT more than {limit} levels deep here, past the limit of {limit} nested negations (each level doubles the time of the parse); simplify the condition")]
    Negations {
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// The limit.
        limit: usize,
    },
}

/// Refuses a text nested deeper than the limits allow.
pub fn check(text: &[u8], syntax: Syntax) -> Result<(), TooDeep> {
    match syntax {
        Syntax::Sparql => turtle::scan(text, true),
        Syntax::Turtle => turtle::scan(text, false),
        Syntax::Json => json::scan(text),
        Syntax::Xml => xml::scan(text),
    }
}

/// One open level: how many levels it counts for (a bracket and the `!` before it), and
/// whether it is the operand of a `!`.
#[derive(Debug, Clone, Copy)]
struct Frame {
    weight: usize,
    negated: bool,
    /// The opening byte (`(` tells that `<` may be the less-than operator).
    opener: u8,
}

/// The open levels of a scan.
#[derive(Debug)]
struct Levels<'a> {
    text: &'a [u8],
    what: &'static str,
    frames: Vec<Frame>,
    depth: usize,
    negated: usize,
}

impl<'a> Levels<'a> {
    fn new(text: &'a [u8], what: &'static str) -> Self {
        Self {
            text,
            what,
            frames: Vec::new(),
            depth: 0,
            negated: 0,
        }
    }

    /// Refuses a depth past the limit at byte `at`.
    fn reach(&self, depth: usize, at: usize) -> Result<(), TooDeep> {
        if depth <= NESTING_LIMIT {
            return Ok(());
        }
        let (line, column) = line_column(self.text, at);
        Err(TooDeep::Nesting {
            line,
            column,
            what: self.what,
            limit: NESTING_LIMIT,
        })
    }

    /// Opens a level at byte `at`.
    fn open(&mut self, opener: u8, weight: usize, negated: bool, at: usize) -> Result<(), TooDeep> {
        self.reach(self.depth + weight, at)?;
        if negated && self.negated == NEGATION_LIMIT {
            let (line, column) = line_column(self.text, at);
            return Err(TooDeep::Negations {
                line,
                column,
                limit: NEGATION_LIMIT,
            });
        }
        self.depth += weight;
        self.negated += usize::from(negated);
        self.frames.push(Frame {
            weight,
            negated,
            opener,
        });
        Ok(())
    }

    /// Closes the innermost level (a closing bracket without an opening one is the parser's
    /// to report).
    fn close(&mut self) {
        if let Some(frame) = self.frames.pop() {
            self.depth -= frame.weight;
            self.negated -= usize::from(frame.negated);
        }
    }

    /// The opening byte of the innermost level.
    fn innermost(&self) -> Option<u8> {
        self.frames.last().map(|f| f.opener)
    }
}

/// The 1-based line and column (in characters) of byte `at`.
fn line_column(text: &[u8], at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    // Count characters, not bytes: a UTF-8 continuation byte starts none.
    let column = 1 + before[line_start..]
        .iter()
        .filter(|&&b| b & 0xC0 != 0x80)
        .count();
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        assert_eq!(line_column(b"ab\ncd", 4), (2, 2));
        assert_eq!(line_column("é(".as_bytes(), 2), (1, 2));
        assert_eq!(line_column(b"", 0), (1, 1));
    }

    #[test]
    fn the_message_names_the_place_and_the_limit() {
        let text = format!("ASK\n{}{}", "{".repeat(65), "}".repeat(65));
        let error = check(text.as_bytes(), Syntax::Sparql).unwrap_err();
        assert_eq!(
            error.to_string(),
            "2:65: brackets ({, ( and [) and NOT (!) nest more than 64 levels deep here, past the limit of 64 levels of nesting; flatten it"
        );
    }
}
