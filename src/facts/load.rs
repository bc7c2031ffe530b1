//! Loading: reads every facts file, checks entities first (so that statements in any file can
//! name them), then each file's source and statements, then every quote of each article in
//! one pass; returns every problem found, not just the first.

use super::files::{data_name, read_files, FileDoc, InputFile};
use super::model::{Awaiting, DataSource, Facts, Statement, Time, Value};
use super::quote::{locate_quotes, QuoteMatch};
use crate::diagnostic::{Problem, Problems, Span};
use crate::ontology::Schema;
use crate::suggest::closest;
use std::collections::{HashMap, HashSet};

/// Reads and checks all the facts against `schema`.
pub fn load(data: &DataSource, schema: &Schema) -> Result<Facts, Problems> {
    read(data)?.check(schema)
}

/// Reads the facts files of `data` and parses their TOML: all that can be done before the
/// schema is known. Problems of a file that does not parse wait in the result, to be
/// reported with the others by [`Read::check`].
pub fn read(data: &DataSource) -> Result<Read<'_>, Problems> {
    let files = read_files(data)?;
    let mut docs = Vec::new();
    let mut problems = Vec::new();
    for (index, file) in files.iter().enumerate() {
        match file.parse() {
            Ok(doc) => docs.push((index, doc)),
            Err(problem) => problems.push(*problem),
        }
    }
    Ok(Read {
        data,
        files,
        docs,
        problems,
    })
}

/// The facts files of a data source, read and parsed, not yet checked.
pub struct Read<'d> {
    data: &'d DataSource,
    files: Vec<InputFile>,
    /// The files that parse (by index in `files`), with what they hold.
    docs: Vec<(usize, FileDoc)>,
    /// Those that do not.
    problems: Vec<Problem>,
}

impl Read<'_> {
    /// Checks the facts against `schema`: every problem, or the facts.
    pub fn check(self, schema: &Schema) -> Result<Facts, Problems> {
        let parsed: Vec<(&InputFile, &FileDoc)> = self
            .docs
            .iter()
            .map(|(index, doc)| (&self.files[*index], doc))
            .collect();
        let mut loader = Loader::new(schema);
        loader.problems = self.problems;
        check_files(loader, self.data, &parsed)
    }
}

/// Checks the entities of every file first (so that statements in any file can name them),
/// then each file's source and statements, then the quotes.
fn check_files(
    mut loader: Loader<'_>,
    data: &DataSource,
    parsed: &[(&InputFile, &FileDoc)],
) -> Result<Facts, Problems> {
    let statements = parsed.iter().map(|(_, doc)| doc.statement.len()).sum();
    loader.statement_keys.reserve(statements);
    loader.facts.statements.reserve(statements);
    for (file, doc) in parsed {
        loader.check_characters(file, doc);
    }
    for (file, doc) in parsed {
        for entity in &doc.entity {
            loader.entity(file, entity);
        }
        for candidate in &doc.candidate {
            let key = |k: &str| {
                candidate
                    .get_ref()
                    .get(k)
                    .and_then(toml::Value::as_str)
                    .unwrap_or_default()
                    .to_owned()
            };
            loader.facts.awaiting.push(Awaiting {
                subject: key("subject"),
                property: key("property"),
                origin: file.span(candidate.span()),
            });
        }
    }
    for (file, doc) in parsed {
        let source = doc
            .source
            .as_ref()
            .and_then(|source| loader.source(data, file, source));
        match (source, &doc.source, doc.statement.first()) {
            (Some(source), _, _) => {
                for statement in &doc.statement {
                    loader.statement(file, source, statement);
                }
            }
            (None, None, Some(first)) => loader.problem(
                file.span(first.span()),
                "statements without a [source]",
                "add a [source] table naming the article these statements quote",
            ),
            _ => {}
        }
    }
    loader.locate_quotes();
    if loader.problems.is_empty() && loader.facts.statements.is_empty() {
        loader.problems.push(Problem::facts(
            Span::file(data_name(data)),
            "the facts files hold no statements",
            "add [[statement]] tables (see data/cica-backgrounder.toml)",
        ));
    }
    if loader.problems.is_empty() {
        Ok(loader.facts)
    } else {
        Err(Problems(loader.problems))
    }
}

/// A statement whose value is checked and whose quote is still to be found.
pub(super) struct Pending {
    pub statement: Statement,
    /// Where the quote is written.
    pub quote_span: Span,
}

pub(super) struct Loader<'a> {
    pub schema: &'a Schema,
    pub facts: Facts,
    pub problems: Vec<Problem>,
    /// Entity id -> its index in `facts.entities`, or `None` for an entity with problems
    /// (remembered so that statements about it are not reported twice).
    pub entity_index: HashMap<String, Option<usize>>,
    /// Source, subject, property, value and time of each statement: two statements of one
    /// source that share them all are duplicates (two sources stating one fact are not).
    pub statement_keys: HashSet<(usize, String, String, Value, Time)>,
    /// Per source, the statements waiting for their quotes.
    pub pending: Vec<Vec<Pending>>,
    /// Sources whose article is empty: reported once, their quotes not searched.
    pub empty_sources: HashSet<usize>,
    /// Where the text fields that hold a refused character start: that character is
    /// reported, and the other problems of the same value are not (they repeat it).
    pub flagged: HashSet<Span>,
}

impl<'a> Loader<'a> {
    fn new(schema: &'a Schema) -> Self {
        Self {
            schema,
            facts: Facts::default(),
            problems: Vec::new(),
            entity_index: HashMap::new(),
            statement_keys: HashSet::new(),
            pending: Vec::new(),
            empty_sources: HashSet::new(),
            flagged: HashSet::new(),
        }
    }

    /// Reports a problem at `span`, unless the value there holds a refused character, which
    /// is reported already.
    pub fn problem(&mut self, span: Span, message: impl Into<String>, help: impl Into<String>) {
        if self.flagged.contains(&span) {
            return;
        }
        self.problems.push(Problem::facts(span, message, help));
    }

    /// Checks that `id` names a known entity; reports it at `span` otherwise.
    pub fn known_entity(&mut self, span: Span, id: &str, role: &str) -> bool {
        if self.entity_index.contains_key(id) {
            return true;
        }
        let help = match closest(id, self.entity_index.keys().map(String::as_str)) {
            Some(near) => {
                format!("did you mean '{near}'? Otherwise add an [[entity]] with this id")
            }
            None => "add an [[entity]] with this id to entities.toml".to_owned(),
        };
        self.problem(span, format!("{role} '{id}' is not a known entity"), help);
        false
    }

    /// Finds the quotes of each source's statements, in one pass over its article.
    fn locate_quotes(&mut self) {
        for (index, pending) in std::mem::take(&mut self.pending).into_iter().enumerate() {
            if pending.is_empty() || self.empty_sources.contains(&index) {
                continue;
            }
            let source = &self.facts.sources[index];
            let words: Vec<&str> = pending
                .iter()
                .map(|p| p.statement.quote.text.as_str())
                .collect();
            let found = locate_quotes(&source.text, &words);
            let file = source.file.clone();
            for (mut pending, found) in pending.into_iter().zip(found) {
                let words = &pending.statement.quote.text;
                match found {
                    QuoteMatch::Once(quote) => {
                        pending.statement.quote = quote;
                        self.facts.statements.push(pending.statement);
                    }
                    QuoteMatch::Missing => {
                        let message =
                            format!("quote not found in the source article {file}: \"{words}\"");
                        self.problem(
                            pending.quote_span,
                            message,
                            "copy the words exactly as the article prints them (same spelling, spaces and punctuation)",
                        );
                    }
                    QuoteMatch::Several(count) => {
                        let message = format!("quote found {count} times in {file}, so its offsets are ambiguous: \"{words}\"");
                        self.problem(
                            pending.quote_span,
                            message,
                            "lengthen the quote with the words around it until it occurs once",
                        );
                    }
                }
            }
        }
        // Statements in file order, whatever the order of their sources.
        self.facts
            .statements
            .sort_by(|a, b| a.origin.cmp(&b.origin));
    }
}
