//! The quotes are where the provenance graph says: for every reified statement, the
//! characters `oa:start..oa:end` of its source article are exactly its `oa:exact` quote
//! (`queries/internal/validate-quotes.rq` lists them).

use super::locate::Locator;
use super::ValidateError;
use crate::diagnostic::{Kind, Problem};
use crate::facts::Facts;
use crate::query::{catalog, plain, run_internal, QueryError};
use crate::vocab::Iris;
use oxigraph::model::{Term, TermRef};
use oxigraph::sparql::QueryResults;
use oxigraph::store::Store;
use std::collections::HashMap;

/// The quote problems of the graph in `store`, and how many quotes were checked.
pub fn quote_problems(
    store: &Store,
    facts: &Facts,
    iris: &Iris,
    locate: &Locator,
    prefixes: &[(String, String)],
) -> Result<(Vec<Problem>, usize), ValidateError> {
    let texts: HashMap<String, (&str, Chars)> = facts
        .sources
        .iter()
        .map(|s| {
            let iri = iris.source(&s.id).as_str().to_owned();
            (iri, (s.file.as_str(), Chars::new(&s.text)))
        })
        .collect();
    let origin = "queries/internal/validate-quotes.rq";
    let text = catalog::internal("validate-quotes").map_err(QueryError::from)?;
    let QueryResults::Solutions(solutions) = run_internal(store, origin, text, &[])? else {
        return Err(ValidateError::Rules(format!(
            "{origin} is not a SELECT query"
        )));
    };
    let mut problems = Vec::new();
    let mut checked = 0;
    for solution in solutions {
        let solution = solution.map_err(QueryError::evaluation)?;
        let get = |name: &str| solution.get(name).map(Term::as_ref);
        let (Some(TermRef::NamedNode(statement)), Some(source), Some(TermRef::Literal(exact))) =
            (get("statement"), get("source"), get("exact"))
        else {
            continue;
        };
        checked += 1;
        let offset = |name: &str| match get(name) {
            Some(TermRef::Literal(l)) => l.value().parse::<usize>().ok(),
            _ => None,
        };
        let article = match source {
            TermRef::NamedNode(n) => texts.get(n.as_str()),
            _ => None,
        };
        let trouble = match (article, offset("start"), offset("end")) {
            (None, _, _) => Some((
                format!("the quote cites {source}, which is not a source of the facts"),
                "cite the article of a [source] table of the facts files",
            )),
            (_, None, _) | (_, _, None) => Some((
                "the quote's oa:start or oa:end is not a whole number".to_owned(),
                "give the character offsets of the quote in the article",
            )),
            (Some((file, text)), Some(start), Some(end)) => {
                misplaced(file, text, start, end, exact.value()).map(|message| {
                    (message, "rebuild the graph from the facts (cica-kg finds each quote's offsets), or correct oa:start and oa:end")
                })
            }
        };
        if let Some((message, help)) = trouble {
            let span = locate.locate(statement.as_str(), None).remove(0);
            let named = plain(statement.into(), prefixes);
            let mut problem = Problem::new(Kind::Quote, span, format!("{named}: {message}"), help);
            problem.focus = Some(statement.as_str().to_owned());
            problems.push(problem);
        }
    }
    problems.sort_by(|a, b| (&a.span, &a.message).cmp(&(&b.span, &b.message)));
    Ok((problems, checked))
}

/// What is wrong with a quote that is not at `start..end` of `text`, if anything.
fn misplaced(file: &str, text: &Chars, start: usize, end: usize, exact: &str) -> Option<String> {
    let found = text.slice(start, end);
    if found == Some(exact) {
        return None;
    }
    let what = match &found {
        Some(found) => format!("\"{found}\""),
        None => format!("nothing (the article has {} characters)", text.len),
    };
    Some(format!(
        "the quote \"{exact}\" is not at characters {start}..{end} of {file}, which hold {what}"
    ))
}

/// A text addressed by character offsets, without a copy of it as characters (which takes
/// four bytes a character): the byte offset of every 64th character, or none for ASCII text,
/// where the two offsets are the same.
struct Chars<'a> {
    text: &'a str,
    /// How many characters it has.
    len: usize,
    /// The byte offset of characters 0, 64, 128, ... (empty for ASCII text).
    marks: Vec<usize>,
}

impl<'a> Chars<'a> {
    const STEP: usize = 64;

    fn new(text: &'a str) -> Self {
        if text.is_ascii() {
            return Self {
                text,
                len: text.len(),
                marks: Vec::new(),
            };
        }
        let mut marks = Vec::new();
        let mut len = 0;
        for (i, (byte, _)) in text.char_indices().enumerate() {
            if i % Self::STEP == 0 {
                marks.push(byte);
            }
            len += 1;
        }
        Self { text, len, marks }
    }

    /// The byte offset of a character offset, up to the text's length.
    fn byte(&self, char: usize) -> Option<usize> {
        if char >= self.len {
            return (char == self.len).then_some(self.text.len());
        }
        if self.marks.is_empty() {
            return Some(char);
        }
        let mark = self.marks[char / Self::STEP];
        self.text[mark..]
            .char_indices()
            .nth(char % Self::STEP)
            .map(|(byte, _)| mark + byte)
    }

    /// Characters `start..end`, if there are such characters.
    fn slice(&self, start: usize, end: usize) -> Option<&'a str> {
        if start > end {
            return None;
        }
        Some(&self.text[self.byte(start)?..self.byte(end)?])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn character_offsets_slice_like_a_vector_of_characters() {
        let long: String = "aé€😀b".repeat(40);
        for text in ["", "plain ascii", "Türkiye and Astana", long.as_str()] {
            let chars: Vec<char> = text.chars().collect();
            let indexed = Chars::new(text);
            assert_eq!(indexed.len, chars.len());
            for start in 0..=chars.len() + 1 {
                for end in [
                    start,
                    start + 1,
                    start + 7,
                    start + 70,
                    chars.len(),
                    chars.len() + 1,
                ] {
                    let expected: Option<String> = (start <= end && end <= chars.len())
                        .then(|| chars[start..end].iter().collect());
                    assert_eq!(
                        indexed.slice(start, end).map(str::to_owned),
                        expected,
                        "{start}..{end} of {text:?}"
                    );
                }
            }
        }
    }
}
