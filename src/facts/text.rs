//! Characters no text of the facts may hold: control characters (C0, DEL and C1; a note may
//! hold tabs and line breaks) and Unicode noncharacters (U+FDD0..U+FDEF and the last two code
//! points of every plane, U+FFFE, U+FFFF, U+1FFFE ...). RDF/XML, SPARQL XML results and most
//! tables cannot carry them, and a person cannot see them, so they are refused where they are
//! written: at the character's own line and column, inside a TOML string (escapes such as
//! `\u0001` included) or in an article.

use super::files::{FileDoc, InputFile};
use super::load::Loader;
use crate::diagnostic::{line_column, Problem, Span};
use toml::Spanned;

/// What a field may hold besides printable characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Allow {
    /// Nothing: ids, names, labels, titles, quotes, text values are one line of text.
    Line,
    /// Tabs and line breaks (`\t`, `\n`, `\r`): notes and articles.
    Paragraphs,
}

/// The first character of `text` that is not allowed, with its byte and character index,
/// and how many such characters there are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Forbidden {
    pub character: char,
    pub byte: usize,
    pub index: usize,
    pub count: usize,
}

/// Whether `c` is a Unicode noncharacter.
pub fn is_noncharacter(c: char) -> bool {
    let u = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&u) || u & 0xFFFE == 0xFFFE
}

fn refused(c: char, allow: Allow) -> bool {
    let control =
        c.is_control() && !(allow == Allow::Paragraphs && matches!(c, '\t' | '\n' | '\r'));
    control || is_noncharacter(c)
}

/// The characters of `text` a field with `allow` may not hold, if any.
pub(super) fn forbidden(text: &str, allow: Allow) -> Option<Forbidden> {
    // Printable ASCII, which most fields are, holds none: one quick pass tells.
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return None;
    }
    let mut found: Option<Forbidden> = None;
    for (index, (byte, c)) in text.char_indices().enumerate() {
        if refused(c, allow) {
            match &mut found {
                Some(f) => f.count += 1,
                None => {
                    found = Some(Forbidden {
                        character: c,
                        byte,
                        index,
                        count: 1,
                    })
                }
            }
        }
    }
    found
}

/// `U+0001 (a control character)`.
pub(super) fn describe(c: char) -> String {
    let what = if c.is_control() {
        "a control character"
    } else {
        "a Unicode noncharacter"
    };
    format!("U+{:04X} ({what})", u32::from(c))
}

/// The byte offset, in `raw` (a TOML string as written, delimiters included), of the
/// character at byte `target` of `decoded`, the string it stands for; `None` when `raw`
/// does not read as `decoded` here (then the caller points at the value's start).
fn raw_offset(raw: &str, decoded: &str, target: usize) -> Option<usize> {
    let (delimiter, basic) = match raw.as_bytes() {
        [b'"', b'"', b'"', ..] => (3, true),
        [b'\'', b'\'', b'\'', ..] => (3, false),
        [b'"', ..] => (1, true),
        [b'\'', ..] => (1, false),
        _ => return None,
    };
    let body = raw.get(delimiter..raw.len().checked_sub(delimiter)?)?;
    // A line break right after a multi-line string's opening delimiter is not part of it.
    let mut i = match (delimiter, body.as_bytes()) {
        (3, [b'\r', b'\n', ..]) => 2,
        (3, [b'\n', ..]) => 1,
        _ => 0,
    };
    let mut out = 0;
    while i < body.len() {
        let c = body[i..].chars().next()?;
        let (stands_for, length) = if basic && c == '\\' {
            let rest = &body[i + 1..];
            let hex = |digits: usize| {
                let code = u32::from_str_radix(rest.get(1..=digits)?, 16).ok()?;
                Some((char::from_u32(code)?, digits + 2))
            };
            match rest.chars().next()? {
                'b' => ('\u{8}', 2),
                't' => ('\t', 2),
                'n' => ('\n', 2),
                'f' => ('\u{c}', 2),
                'r' => ('\r', 2),
                'e' => ('\u{1b}', 2),
                '"' => ('"', 2),
                '\\' => ('\\', 2),
                'x' => hex(2)?,
                'u' => hex(4)?,
                'U' => hex(8)?,
                ' ' | '\t' | '\r' | '\n' if delimiter == 3 => {
                    // A line-ending backslash: the whitespace up to the next text is dropped.
                    let kept = rest.trim_start_matches([' ', '\t', '\r', '\n']);
                    i = body.len() - kept.len();
                    continue;
                }
                _ => return None,
            }
        } else {
            (c, c.len_utf8())
        };
        if decoded[out..].chars().next()? != stands_for {
            return None;
        }
        if out == target {
            return Some(delimiter + i);
        }
        out += stands_for.len_utf8();
        i += length;
    }
    None
}

impl Loader<'_> {
    /// Checks every text field of a facts file for characters it may not hold.
    pub(super) fn check_characters(&mut self, file: &InputFile, doc: &FileDoc) {
        use Allow::{Line, Paragraphs};
        if let Some(source) = &doc.source {
            let s = source.get_ref();
            for (name, field) in [
                ("id", &s.id),
                ("file", &s.file),
                ("title", &s.title),
                ("publisher", &s.publisher),
                ("editor", &s.editor),
                ("published", &s.published),
                ("dateline_place", &s.dateline_place),
                ("dateline_date", &s.dateline_date),
                ("language", &s.language),
            ] {
                self.check_field(file, name, field, Line);
            }
        }
        for entity in &doc.entity {
            let e = entity.get_ref();
            for (name, field) in [("id", &e.id), ("class", &e.class), ("label", &e.label)] {
                self.check_field(file, name, field, Line);
            }
            for name in &e.other_names {
                self.check_field(file, "other_names", name, Line);
            }
            for (name, field, allow) in [
                ("wikidata", &e.wikidata, Line),
                ("search", &e.search, Line),
                ("note", &e.note, Paragraphs),
            ] {
                if let Some(field) = field {
                    self.check_field(file, name, field, allow);
                }
            }
        }
        for statement in &doc.statement {
            let s = statement.get_ref();
            let fields = [
                ("subject", Some(&s.subject)),
                ("property", Some(&s.property)),
                ("object", s.object.as_ref()),
                ("text", s.text.as_ref()),
                ("date", s.date.as_ref()),
                ("quote", Some(&s.quote)),
            ];
            for (name, field) in fields {
                if let Some(field) = field {
                    self.check_field(file, name, field, Line);
                }
            }
        }
    }

    /// Reports the first character of a field it may not hold, at its own line and column,
    /// and remembers the field so that the checks of its value do not report it again.
    fn check_field(&mut self, file: &InputFile, name: &str, field: &Spanned<String>, allow: Allow) {
        let value = field.get_ref();
        let Some(bad) = forbidden(value, allow) else {
            return;
        };
        let span = field.span();
        let raw = file.text.get(span.clone()).unwrap_or_default();
        let at = match raw_offset(raw, value, bad.byte) {
            Some(offset) => file.span(span.start + offset..span.end),
            None => file.span(span.clone()),
        };
        let more = match bad.count {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        let message = format!(
            "`{name}` holds {} at character {} of its value{more}",
            describe(bad.character),
            bad.index + 1
        );
        let help = match allow {
            Allow::Line => "remove it: this field is one line of visible text (no control characters, line breaks, tabs or noncharacters)",
            Allow::Paragraphs => "remove it: a note may hold tabs and line breaks, but no other control character and no noncharacter",
        };
        self.problems.push(Problem::facts(at, message, help));
        self.flagged.insert(file.span(span));
    }
}

/// A problem for an article that holds a character no text may hold (tabs and line breaks
/// are fine), at its line and column, or `None`.
pub(super) fn article_problem(name: &str, text: &str) -> Option<Problem> {
    let bad = forbidden(text, Allow::Paragraphs)?;
    let position = line_column(text, bad.byte);
    let more = match bad.count {
        1 => String::new(),
        n => format!(" ({n} such characters in all)"),
    };
    Some(Problem::facts(
        Span::at(name, position.line, position.column),
        format!(
            "the source article holds {}{more}",
            describe(bad.character)
        ),
        "remove it from the article's text (an article may hold tabs and line breaks, but no other control character and no noncharacter)",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_and_noncharacters_are_refused() {
        for c in [
            '\u{0}',
            '\u{1}',
            '\u{1b}',
            '\u{7f}',
            '\u{80}',
            '\u{9f}',
            '\u{fdd0}',
            '\u{fdef}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{1fffe}',
            '\u{10ffff}',
        ] {
            assert!(refused(c, Allow::Paragraphs), "{c:?}");
        }
        for c in [
            'a',
            ' ',
            'é',
            '\u{a0}',
            '\u{fdcf}',
            '\u{fdf0}',
            '\u{fffd}',
            '\u{1f600}',
        ] {
            assert!(!refused(c, Allow::Line), "{c:?}");
        }
        for c in ['\t', '\n', '\r'] {
            assert!(refused(c, Allow::Line) && !refused(c, Allow::Paragraphs));
        }
        assert_eq!(
            forbidden("aé\u{1}b\u{ffff}", Allow::Line),
            Some(Forbidden {
                character: '\u{1}',
                byte: 3,
                index: 2,
                count: 2
            })
        );
        assert_eq!(describe('\u{ffff}'), "U+FFFF (a Unicode noncharacter)");
    }

    #[test]
    fn offsets_in_the_decoded_string_map_to_where_the_character_is_written() {
        // "a\u0001b": the control character is the escape at byte 2 of the raw string.
        assert_eq!(raw_offset(r#""a\u0001b""#, "a\u{1}b", 1), Some(2));
        assert_eq!(raw_offset(r#""é\t\u0001""#, "é\t\u{1}", 3), Some(5));
        assert_eq!(raw_offset("'a\u{85}'", "a\u{85}", 1), Some(2));
        assert_eq!(
            raw_offset("\"\"\"\nx\\\n   \u{80}\"\"\"", "x\u{80}", 1),
            Some(10)
        );
        assert_eq!(raw_offset("'''\nab\u{fffe}'''", "ab\u{fffe}", 2), Some(6));
        // Not what it decodes to: no offset.
        assert_eq!(raw_offset(r#""abc""#, "xbc", 1), None);
    }
}
