//! The nesting of SPARQL, Turtle and TriG: `{`, `(` and `[` outside string literals
//! (`"…"`, `'…'`, `"""…"""`, `'''…'''`, with `\` escapes), comments (`#` to the end of the
//! line) and IRIs (`<…>` of the characters IRIREF allows); in SPARQL, `!` too.
//!
//! In SPARQL, `<` is also the less-than operator, and `?a<((1))>0` would read as an IRI
//! though spargebra reads brackets there. So the brackets inside an IRI count as if they might
//! be code: the IRI adds the most it could open (the largest sum of a run of its brackets, a
//! closing one counting -1), and no closing bracket of an IRI closes anything. After an IRI
//! with `#` or `'` inside `(` (where `<` may be an operator, making `#` a comment or `'` a
//! string), strings and comments count that way too for the rest of the text. A real IRI has
//! balanced brackets or none, so this costs a real query nothing.
//!
//! `!` (NOT) is recursion of its own in spargebra: `!!!!…` nests without any bracket, and a
//! bracket after `!` counts for one level more (the `!` stays open while its operand is read),
//! and as a negation ([`super::NEGATION_LIMIT`]).

use super::{Levels, TooDeep};

/// Scans `text`; `sparql` turns on `!` and the reading of `<` as a possible operator.
pub fn scan(text: &[u8], sparql: bool) -> Result<(), TooDeep> {
    let what = if sparql {
        "brackets ({, ( and [) and NOT (!)"
    } else {
        "brackets ({, ( and [)"
    };
    let mut levels = Levels::new(text, what);
    // `!` read since the last operand ended: they apply to the next bracket.
    let mut bangs = 0usize;
    // Whether strings and comments may be code (see the module's documentation).
    let mut unsure = false;
    let mut i = 0;
    while i < text.len() {
        let byte = text[i];
        let end = match byte {
            b'#' => line_end(text, i),
            b'"' | b'\'' => string_end(text, i),
            b'<' => match iri_end(text, i) {
                Some(end) => {
                    let body = &text[i + 1..end - 1];
                    if sparql {
                        if levels.innermost() == Some(b'(')
                            && body.iter().any(|b| matches!(b, b'#' | b'\''))
                        {
                            unsure = true;
                        }
                        maybe_code(&mut levels, body, i)?;
                    }
                    i = end;
                    continue;
                }
                None => {
                    bangs = 0;
                    i + 1
                }
            },
            b'{' | b'(' | b'[' => {
                levels.open(byte, 1 + bangs, bangs > 0, i)?;
                bangs = 0;
                i + 1
            }
            b'}' | b')' | b']' => {
                levels.close();
                bangs = 0;
                i + 1
            }
            b'!' if sparql && text.get(i + 1) != Some(&b'=') => {
                bangs += 1;
                levels.reach(levels.depth + bangs, i)?;
                i + 1
            }
            b'&' | b'|' | b',' | b';' | b'=' | b'>' => {
                bangs = 0;
                i + 1
            }
            _ => i + 1,
        };
        if end > i + 1 && unsure {
            maybe_code(&mut levels, &text[i..end], i)?;
        }
        i = end;
    }
    Ok(())
}

/// Counts the brackets of a skipped stretch as if they might be code: it may open as many
/// levels as its largest run adds up to, and closes none.
fn maybe_code(levels: &mut Levels, stretch: &[u8], at: usize) -> Result<(), TooDeep> {
    let (mut run, mut most) = (0usize, 0usize);
    for &byte in stretch {
        match byte {
            b'{' | b'(' | b'[' => run += 1,
            b'}' | b')' | b']' => run = run.saturating_sub(1),
            _ => {}
        }
        most = most.max(run);
    }
    levels.reach(levels.depth + most, at)?;
    for _ in 0..run {
        levels.open(b'?', 1, false, at)?;
    }
    Ok(())
}

/// The end of a comment: its line's end (the line break is code).
fn line_end(text: &[u8], start: usize) -> usize {
    text[start..]
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(text.len(), |p| start + p)
}

/// The end (exclusive) of the string literal that starts at `start`. A short string ends at
/// its line's end at the latest (it cannot hold a line break; the parser will say so).
fn string_end(text: &[u8], start: usize) -> usize {
    let quote = text[start];
    let long = text.get(start + 1) == Some(&quote) && text.get(start + 2) == Some(&quote);
    let mut i = start + if long { 3 } else { 1 };
    while i < text.len() {
        match text[i] {
            b'\\' => i += 2,
            b if b == quote && !long => return i + 1,
            b if b == quote
                && text.get(i + 1) == Some(&quote)
                && text.get(i + 2) == Some(&quote) =>
            {
                return i + 3
            }
            b'\n' | b'\r' if !long => return i,
            _ => i += 1,
        }
    }
    text.len()
}

/// The end (exclusive, after `>`) of the IRI that starts at `start`, if the text there is
/// one: IRIREF excludes the controls, space, `<>"{}|^` and `` ` ``.
fn iri_end(text: &[u8], start: usize) -> Option<usize> {
    for (i, &b) in text.iter().enumerate().skip(start + 1) {
        match b {
            b'>' => return Some(i + 1),
            0..=0x20 | b'<' | b'"' | b'{' | b'}' | b'|' | b'^' | b'`' => return None,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::{check, Syntax, TooDeep, NESTING_LIMIT};

    fn depth_ok(text: &str, syntax: Syntax) -> bool {
        check(text.as_bytes(), syntax).is_ok()
    }

    fn nested(open: &str, inner: &str, close: &str, n: usize) -> String {
        format!("{}{inner}{}", open.repeat(n), close.repeat(n))
    }

    #[test]
    fn the_limit_is_on_every_kind_of_bracket_together() {
        let n = NESTING_LIMIT;
        let at = |extra: usize| format!("ASK{{{}}}", nested("(", "1", ")", n - 1 + extra));
        assert!(depth_ok(
            &format!("ASK{}", nested("{", "", "}", n)),
            Syntax::Sparql
        ));
        assert!(!depth_ok(
            &format!("ASK{}", nested("{", "", "}", n + 1)),
            Syntax::Sparql
        ));
        assert!(depth_ok(
            &at(0).replace("ASK{", "ASK{FILTER"),
            Syntax::Sparql
        ));
        assert!(!depth_ok(
            &at(1).replace("ASK{", "ASK{FILTER"),
            Syntax::Sparql
        ));
        let mixed = nested("{?s ?p [?p (", "1", ")]}", 22);
        assert!(!depth_ok(&format!("ASK{mixed}"), Syntax::Sparql));
        assert!(!depth_ok(&nested("[<p> ", "1", "]", n + 1), Syntax::Turtle));
        // Siblings do not add up.
        let siblings = "{ ( [ ] ) } ".repeat(1000);
        assert!(depth_ok(&siblings, Syntax::Turtle));
    }

    #[test]
    fn brackets_in_strings_comments_and_iris_do_not_count() {
        let deep = "{".repeat(100);
        for text in [
            format!("ASK {{ FILTER(?x = \"{deep}\") }}"),
            format!("ASK {{ FILTER(?x = '{deep}') }}"),
            format!("ASK {{ FILTER(?x = \"\"\"{deep}\n{deep}\"\"\") }}"),
            format!("ASK {{ FILTER(?x = '''{deep}\n\\''' {deep}''') }}"),
            format!("ASK {{ FILTER(?x = \"a\\\"{deep}\") }}"),
            format!("# {deep}\nASK {{ }}"),
            format!("ASK {{ ?s <http://x/{}> ?o }}", "a_(b)".repeat(100)),
        ] {
            assert!(depth_ok(&text, Syntax::Sparql), "{text}");
        }
        let ttl = format!(
            "<http://x/a#{}> <http://x/p> \"{deep}\", '''{deep}''' . # {deep}\n",
            "(".repeat(100)
        );
        assert!(depth_ok(&ttl, Syntax::Turtle));
    }

    #[test]
    fn a_less_than_that_looks_like_an_iri_still_counts() {
        // spargebra reads `<` as the operator and the brackets after it as code.
        let text = format!("ASK{{FILTER(1<{}1{}>0)}}", "(".repeat(70), ")".repeat(70));
        assert!(!depth_ok(&text, Syntax::Sparql));
        // `#` after `<` inside ( ) may start a comment: a long string after it may be code.
        let text = format!(
            "ASK{{FILTER(?a<?b#>\"\"\"\n{}1{}\n\"\"\")}}",
            "(".repeat(70),
            ")".repeat(70)
        );
        assert!(!depth_ok(&text, Syntax::Sparql));
        // A real IRI with a fragment before a string with brackets is fine.
        let text = "PREFIX x: <http://x/#>\nASK { ?s x:p \"(((\" FILTER(?o = <http://x/#a>) }";
        assert!(depth_ok(text, Syntax::Sparql));
    }

    #[test]
    fn not_counts_and_nested_negations_are_limited() {
        assert!(!depth_ok(
            &format!("ASK{{FILTER({}1)}}", "!".repeat(70)),
            Syntax::Sparql
        ));
        assert!(depth_ok(
            &format!("ASK{{FILTER({}1)}}", "!".repeat(10)),
            Syntax::Sparql
        ));
        let negations = |n: usize| format!("ASK{{FILTER({})}}", nested("!(", "1", ")", n));
        assert!(depth_ok(&negations(4), Syntax::Sparql));
        let error = check(negations(5).as_bytes(), Syntax::Sparql).unwrap_err();
        assert!(
            matches!(error, TooDeep::Negations { limit: 4, .. }),
            "{error}"
        );
        // Negations side by side, `!=` and `!` in a string are not nested.
        let flat = format!("ASK{{FILTER({} 1 != 2)}}", "!BOUND(?x) && ".repeat(50));
        assert!(depth_ok(&flat, Syntax::Sparql));
        assert!(depth_ok(
            &format!("ASK{{FILTER(\"{}\")}}", "!(".repeat(50)),
            Syntax::Sparql
        ));
        // `!` is no operator in Turtle.
        assert!(depth_ok(
            &format!("<a> <b> \"x\" . {}", "!".repeat(100)),
            Syntax::Turtle
        ));
    }

    #[test]
    fn the_scan_is_linear() {
        // A megabyte of unclosed IRIs, quotes and brackets is scanned at once.
        let text = "<a'<b#(<".repeat(1 << 17);
        let _ = check(text.as_bytes(), Syntax::Sparql);
        let text = "\"".repeat(1 << 20);
        assert!(depth_ok(&text, Syntax::Turtle));
    }
}
