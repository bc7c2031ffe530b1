//! The facts as reviewable data: reads the TOML files of `data/` (or of `--data DIR`) with
//! serde, checks every entity and statement, finds each statement's quote in its source
//! article (with character offsets), and reports every problem with its file, line and column
//! and what to change. Nothing here knows about RDF: [`crate::triples`] turns [`Facts`] into
//! triples.

use crate::embedded;
use crate::vocab::{self, ValueKind};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// Where the facts are read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataSource {
    /// The `data/` folder shipped inside the binary.
    Embedded,
    /// A folder of `*.toml` files and the articles they cite.
    Directory(PathBuf),
}

/// All the facts: sources, entities and statements, checked.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// The source articles.
    pub sources: Vec<Source>,
    /// The entities, in file order.
    pub entities: Vec<Entity>,
    /// The statements, in file order.
    pub statements: Vec<Statement>,
}

/// Where something was written: a file and a 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The file, as the user named it (`data/cica-backgrounder.toml`).
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// A source article and its metadata.
#[derive(Debug, Clone)]
pub struct Source {
    /// Stable id, the last segment of its IRI.
    pub id: String,
    /// The text file's name, as written in the facts file.
    pub file: String,
    /// The article's text, unchanged.
    pub text: String,
    /// Headline.
    pub title: String,
    /// The publisher's entity id.
    pub publisher: String,
    /// The editor, as printed.
    pub editor: String,
    /// Publication time as printed, without a time zone (none is given).
    pub published: String,
    /// The dateline's place, an entity id.
    pub dateline_place: String,
    /// The dateline's date.
    pub dateline_date: Date,
    /// BCP 47 language tag.
    pub language: String,
}

/// A thing the article talks about.
#[derive(Debug, Clone)]
pub struct Entity {
    /// `kind/slug`, such as `summit/6`.
    pub id: String,
    /// Local name of its class in the ontology, such as `Summit`.
    pub class: String,
    /// English label.
    pub label: String,
    /// Other English names.
    pub other_names: Vec<String>,
    /// Verified Wikidata QID.
    pub wikidata: Option<String>,
    /// What a person would type into Wikidata's search to find the item of an unlinked
    /// entity, when its label alone is not enough (`cica-kg link --report`).
    pub search: Option<String>,
    /// Editor's note.
    pub note: Option<String>,
    /// Where it is defined.
    pub origin: Origin,
}

/// One fact, with the words of the article that support it.
#[derive(Debug, Clone)]
pub struct Statement {
    /// Entity id of the subject.
    pub subject: String,
    /// Local name of the property in the ontology.
    pub property: String,
    /// The value.
    pub value: Value,
    /// The supporting quote, located in the source.
    pub quote: Quote,
    /// Index of its source in [`Facts::sources`].
    pub source: usize,
    /// Where it is written.
    pub origin: Origin,
}

/// The value of a statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Another entity, by id.
    Entity(String),
    /// English text.
    Text(String),
    /// A date at the article's precision.
    Date(Date),
    /// A whole number.
    Integer(i64),
    /// True or false.
    Boolean(bool),
}

/// A date at the precision the article gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Date {
    /// `1992`, `2002-06` or `2022-10-12`.
    pub lexical: String,
    /// Year, month or day.
    pub precision: Precision,
}

/// How precise a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    /// `xsd:gYear`.
    Year,
    /// `xsd:gYearMonth`.
    Month,
    /// `xsd:date`.
    Day,
}

/// A verbatim quote and where it is in its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The exact words.
    pub text: String,
    /// Character offset of its first character in the source text (0-based).
    pub start: usize,
    /// Character offset just after its last character.
    pub end: usize,
}

/// One thing wrong with the input, and what to change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file (or folder) at fault.
    pub file: String,
    /// 1-based line and column, where there is one.
    pub position: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
    /// What to change.
    pub help: String,
}

impl Problem {
    fn new(file: &str, message: impl Into<String>, help: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            position: None,
            message: message.into(),
            help: help.into(),
        }
    }

    fn at(mut self, origin: &Origin) -> Self {
        self.position = Some((origin.line, origin.column));
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => write!(f, "{}:{line}:{column}: ", self.file)?,
            None => write!(f, "{}: ", self.file)?,
        }
        write!(f, "{}; {}", self.message, self.help)
    }
}

/// Every problem found in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.0.len();
        write!(
            f,
            "the facts have {count} problem{}:",
            if count == 1 { "" } else { "s" }
        )?;
        for problem in &self.0 {
            write!(f, "\n  {problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

// ── The files as written ────────────────────────────────────────────────────

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDoc {
    source: Option<Spanned<SourceDoc>>,
    #[serde(default)]
    entity: Vec<Spanned<EntityDoc>>,
    #[serde(default)]
    statement: Vec<Spanned<StatementDoc>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceDoc {
    id: Spanned<String>,
    file: Spanned<String>,
    title: Spanned<String>,
    publisher: Spanned<String>,
    editor: String,
    published: Spanned<String>,
    dateline_place: Spanned<String>,
    dateline_date: Spanned<String>,
    language: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntityDoc {
    id: Spanned<String>,
    class: Spanned<String>,
    label: Spanned<String>,
    #[serde(default)]
    other_names: Vec<Spanned<String>>,
    wikidata: Option<Spanned<String>>,
    search: Option<Spanned<String>>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StatementDoc {
    subject: Spanned<String>,
    property: Spanned<String>,
    object: Option<Spanned<String>>,
    text: Option<Spanned<String>>,
    date: Option<Spanned<String>>,
    integer: Option<Spanned<i64>>,
    boolean: Option<Spanned<bool>>,
    quote: Spanned<String>,
}

/// One input file's name (as shown to the user) and text.
struct InputFile {
    name: String,
    text: String,
    /// Byte offset of the start of each line (the first is 0), so that [`InputFile::origin`]
    /// needs no scan from the start of the file for each of the hundreds of spans it turns
    /// into lines and columns at every start.
    line_starts: Vec<usize>,
}

impl InputFile {
    fn new(name: String, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            name,
            text,
            line_starts,
        }
    }

    /// The file, line and column of a span's start; the same as [`line_column`].
    fn origin(&self, span: Range<usize>) -> Origin {
        let offset = span.start.min(self.text.len());
        // line_starts[0] is 0, so at least one line starts at or before the offset.
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let line_start = self.line_starts[line - 1];
        Origin {
            file: self.name.clone(),
            line,
            column: self.text[line_start..offset].chars().count() + 1,
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

// ── Loading ─────────────────────────────────────────────────────────────────

/// Reads and checks all the facts. Returns every problem found, not just the first.
pub fn load(data: &DataSource) -> Result<Facts, Problems> {
    let files = read_files(data)?;
    let mut loader = Loader::default();
    let mut parsed = Vec::new();
    for file in &files {
        match toml::from_str::<FileDoc>(&file.text) {
            Ok(doc) => parsed.push((file, doc)),
            Err(e) => {
                let mut problem = Problem::new(
                    &file.name,
                    format!("invalid facts file: {}", e.message().trim_end()),
                    "fix the TOML; the header of data/cica-backgrounder.toml lists the fields",
                );
                if let Some(span) = e.span() {
                    let origin = file.origin(span);
                    problem = problem.at(&origin);
                }
                loader.problems.push(problem);
            }
        }
    }
    // Entities first, so that statements in any file can name them.
    for (file, doc) in &parsed {
        for entity in &doc.entity {
            loader.entity(file, entity);
        }
    }
    for (file, doc) in &parsed {
        let source = doc
            .source
            .as_ref()
            .and_then(|source| loader.source(data, file, source));
        if source.is_none() && doc.source.is_none() {
            if let Some(first) = doc.statement.first() {
                let origin = file.origin(first.span());
                loader.problems.push(
                    Problem::new(
                        &file.name,
                        "statements without a [source]",
                        "add a [source] table naming the article these statements quote",
                    )
                    .at(&origin),
                );
            }
        }
        if let Some(source) = source {
            for statement in &doc.statement {
                loader.statement(file, source, statement);
            }
        }
    }
    if loader.problems.is_empty() && loader.facts.statements.is_empty() {
        loader.problems.push(Problem::new(
            &data_name(data),
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

fn data_name(data: &DataSource) -> String {
    match data {
        DataSource::Embedded => "data".to_owned(),
        DataSource::Directory(dir) => dir.display().to_string(),
    }
}

fn read_files(data: &DataSource) -> Result<Vec<InputFile>, Problems> {
    match data {
        DataSource::Embedded => Ok(embedded::DATA
            .iter()
            .filter(|(name, _)| name.ends_with(".toml"))
            .map(|(name, text)| InputFile::new(format!("data/{name}"), (*text).to_owned()))
            .collect()),
        DataSource::Directory(dir) => {
            let name = dir.display().to_string();
            let entries = std::fs::read_dir(dir).map_err(|e| {
                Problems(vec![Problem::new(
                    &name,
                    format!("cannot read the data folder: {e}"),
                    "give --data a folder that holds the *.toml facts files",
                )])
            })?;
            let mut paths: Vec<PathBuf> = entries
                .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                .filter(|path| path.extension().is_some_and(|e| e == "toml") && path.is_file())
                .collect();
            paths.sort();
            if paths.is_empty() {
                return Err(Problems(vec![Problem::new(
                    &name,
                    "no facts files (*.toml) in the data folder",
                    "put the facts files there, or leave out --data to use the shipped data",
                )]));
            }
            let mut files = Vec::new();
            let mut problems = Vec::new();
            for path in paths {
                match read_text(&path) {
                    Ok(text) => files.push(InputFile::new(path.display().to_string(), text)),
                    Err(problem) => problems.push(problem),
                }
            }
            if problems.is_empty() {
                Ok(files)
            } else {
                Err(Problems(problems))
            }
        }
    }
}

/// Reads a UTF-8 text file, or says which byte is not UTF-8.
fn read_text(path: &Path) -> Result<String, Problem> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        Problem::new(
            &name,
            format!("cannot read the file: {e}"),
            "check the path",
        )
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let valid = std::str::from_utf8(&e.as_bytes()[..offset]).unwrap_or_default();
        let (line, column) = line_column(valid, offset);
        Problem {
            file: name,
            position: Some((line, column)),
            message: format!("the file is not UTF-8 (invalid byte at byte offset {offset})"),
            help: "save the file as UTF-8".to_owned(),
        }
    })
}

#[derive(Default)]
struct Loader {
    facts: Facts,
    problems: Vec<Problem>,
    entity_index: HashMap<String, usize>,
    statement_keys: HashSet<(String, String, String)>,
}

impl Loader {
    fn problem(&mut self, origin: &Origin, message: impl Into<String>, help: impl Into<String>) {
        self.problems
            .push(Problem::new(&origin.file, message, help).at(origin));
    }

    fn entity(&mut self, file: &InputFile, doc: &Spanned<EntityDoc>) {
        let doc = doc.get_ref();
        let origin = file.origin(doc.id.span());
        let id = doc.id.get_ref();
        let mut ok = self.check_entity_id(&origin, id);
        if let Some(&previous) = self.entity_index.get(id) {
            let first = self.facts.entities[previous].origin.clone();
            self.problem(
                &origin,
                format!("duplicate entity id '{id}' (first defined at {first})"),
                "give each entity its own id, or merge the two",
            );
            ok = false;
        }
        let class = doc.class.get_ref();
        if !vocab::CLASSES.contains(&class.as_str()) {
            self.problem(
                &file.origin(doc.class.span()),
                format!("unknown class '{class}'"),
                format!("use one of: {}", vocab::CLASSES.join(", ")),
            );
            ok = false;
        }
        let label = doc.label.get_ref().trim();
        if label.is_empty() {
            self.problem(
                &file.origin(doc.label.span()),
                format!("entity '{id}' has an empty label"),
                "write its English name in label",
            );
            ok = false;
        }
        for name in &doc.other_names {
            if name.get_ref().trim().is_empty() {
                self.problem(
                    &file.origin(name.span()),
                    format!("entity '{id}' has an empty other name"),
                    "remove it from other_names",
                );
                ok = false;
            }
        }
        if let Some(qid) = &doc.wikidata {
            if !is_qid(qid.get_ref()) {
                self.problem(
                    &file.origin(qid.span()),
                    format!("malformed Wikidata QID '{}'", qid.get_ref()),
                    "write it as Q followed by digits, such as \"Q232\", or leave wikidata out",
                );
                ok = false;
            }
        }
        if let Some(search) = &doc.search {
            if search.get_ref().trim().is_empty() {
                self.problem(
                    &file.origin(search.span()),
                    format!("entity '{id}' has an empty search text"),
                    "write the words a person would search Wikidata for, or leave search out",
                );
                ok = false;
            }
        }
        if ok {
            self.entity_index
                .insert(id.clone(), self.facts.entities.len());
            self.facts.entities.push(Entity {
                id: id.clone(),
                class: class.clone(),
                label: label.to_owned(),
                other_names: doc
                    .other_names
                    .iter()
                    .map(|n| n.get_ref().trim().to_owned())
                    .collect(),
                wikidata: doc.wikidata.as_ref().map(|q| q.get_ref().clone()),
                search: doc.search.as_ref().map(|s| s.get_ref().trim().to_owned()),
                note: doc.note.clone(),
                origin,
            });
        } else if !self.entity_index.contains_key(id) {
            // Remember the id so that statements about it are not reported twice.
            self.entity_index.insert(id.clone(), usize::MAX);
        }
    }

    fn check_entity_id(&mut self, origin: &Origin, id: &str) -> bool {
        let valid = id.split_once('/').is_some_and(|(kind, slug)| {
            vocab::ENTITY_KINDS.contains(&kind)
                && !slug.is_empty()
                && slug
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        });
        if !valid {
            self.problem(
                origin,
                format!("invalid entity id '{id}'"),
                format!(
                    "write it as kind/slug with kind one of {} and a slug of a-z, 0-9 and '-', such as \"place/astana\"",
                    vocab::ENTITY_KINDS.join(", ")
                ),
            );
        }
        valid
    }

    /// Checks that `id` names a known entity; reports it at `origin` otherwise.
    fn known_entity(&mut self, origin: &Origin, id: &str, role: &str) -> bool {
        if self.entity_index.contains_key(id) {
            return true;
        }
        let help = match closest(id, self.entity_index.keys().map(String::as_str)) {
            Some(near) => {
                format!("did you mean '{near}'? Otherwise add an [[entity]] with this id")
            }
            None => "add an [[entity]] with this id to entities.toml".to_owned(),
        };
        self.problem(origin, format!("{role} '{id}' is not a known entity"), help);
        false
    }

    fn source(
        &mut self,
        data: &DataSource,
        file: &InputFile,
        doc: &Spanned<SourceDoc>,
    ) -> Option<usize> {
        let doc = doc.get_ref();
        let before = self.problems.len();
        let id = doc.id.get_ref();
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            self.problem(
                &file.origin(doc.id.span()),
                format!("invalid source id '{id}'"),
                "use a-z, 0-9 and '-' only, such as \"xinhua-2022-10-12-cica-backgrounder\"",
            );
        }
        if let Some(other) = self.facts.sources.iter().find(|s| &s.id == id) {
            let other = other.id.clone();
            self.problem(
                &file.origin(doc.id.span()),
                format!("duplicate source id '{other}'"),
                "give each source its own id",
            );
        }
        if doc.title.get_ref().trim().is_empty() {
            self.problem(
                &file.origin(doc.title.span()),
                "the source has an empty title",
                "write the article's headline in title",
            );
        }
        self.known_entity(
            &file.origin(doc.publisher.span()),
            doc.publisher.get_ref(),
            "publisher",
        );
        self.known_entity(
            &file.origin(doc.dateline_place.span()),
            doc.dateline_place.get_ref(),
            "dateline place",
        );
        if !is_local_date_time(doc.published.get_ref()) {
            self.problem(
                &file.origin(doc.published.span()),
                format!(
                    "invalid publication time '{}'",
                    doc.published.get_ref()
                ),
                "write it as YYYY-MM-DDThh:mm:ss, as printed (no time zone unless the article gives one)",
            );
        }
        let dateline_date = match parse_date(doc.dateline_date.get_ref()) {
            Ok(date) if date.precision == Precision::Day => Some(date),
            Ok(_) => {
                self.problem(
                    &file.origin(doc.dateline_date.span()),
                    "the dateline date must be a day",
                    "write it as YYYY-MM-DD",
                );
                None
            }
            Err(e) => {
                self.problem(&file.origin(doc.dateline_date.span()), e.0, e.1);
                None
            }
        };
        let language = doc.language.get_ref();
        if language.is_empty()
            || !language
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            self.problem(
                &file.origin(doc.language.span()),
                format!("invalid language tag '{language}'"),
                "write a BCP 47 tag such as \"en\"",
            );
        }
        let text = self.source_text(data, file, &doc.file);
        if self.problems.len() > before {
            return None;
        }
        self.facts.sources.push(Source {
            id: id.clone(),
            file: doc.file.get_ref().clone(),
            text: text?,
            title: doc.title.get_ref().trim().to_owned(),
            publisher: doc.publisher.get_ref().clone(),
            editor: doc.editor.clone(),
            published: doc.published.get_ref().clone(),
            dateline_place: doc.dateline_place.get_ref().clone(),
            dateline_date: dateline_date?,
            language: language.clone(),
        });
        Some(self.facts.sources.len() - 1)
    }

    fn source_text(
        &mut self,
        data: &DataSource,
        file: &InputFile,
        name: &Spanned<String>,
    ) -> Option<String> {
        let origin = file.origin(name.span());
        let name = name.get_ref();
        if name.is_empty() || name.contains('/') || name.contains('\\') {
            self.problem(
                &origin,
                format!("invalid source file name '{name}'"),
                "name a text file in the same folder as the facts file",
            );
            return None;
        }
        match data {
            DataSource::Embedded => {
                let found = embedded::DATA.iter().find(|(n, _)| n == name);
                if found.is_none() {
                    self.problem(
                        &origin,
                        format!("source article data/{name} not found"),
                        "put the article's text in data/ under this name",
                    );
                }
                found.map(|(_, text)| (*text).to_owned())
            }
            DataSource::Directory(dir) => {
                let path = dir.join(name);
                if !path.is_file() {
                    self.problem(
                        &origin,
                        format!("source article {} not found", path.display()),
                        "put the article's text file beside the facts file, or correct `file`",
                    );
                    return None;
                }
                match read_text(&path) {
                    Ok(text) => Some(text),
                    Err(problem) => {
                        self.problems.push(problem);
                        None
                    }
                }
            }
        }
    }

    fn statement(&mut self, file: &InputFile, source: usize, doc: &Spanned<StatementDoc>) {
        let origin = file.origin(doc.span());
        let doc = doc.get_ref();
        let before = self.problems.len();
        let subject = doc.subject.get_ref();
        self.known_entity(&file.origin(doc.subject.span()), subject, "subject");
        let property = doc.property.get_ref();
        let kind = vocab::property_kind(property);
        if kind.is_none() {
            let names: Vec<&str> = vocab::PROPERTIES.iter().map(|(p, _)| *p).collect();
            let near = closest(property, names.iter().copied())
                .map(|near| format!("did you mean '{near}'? "))
                .unwrap_or_default();
            self.problem(
                &file.origin(doc.property.span()),
                format!("unknown property '{property}'"),
                format!("{near}use one of: {}", names.join(", ")),
            );
        }
        let value = self.value(file, &origin, doc, kind);
        let quote = self.quote(file, source, &doc.quote);
        if self.problems.len() > before {
            return;
        }
        let (Some(value), Some(quote)) = (value, quote) else {
            return;
        };
        let key = (subject.clone(), property.clone(), format!("{value:?}"));
        if !self.statement_keys.insert(key) {
            self.problem(
                &origin,
                format!("duplicate statement: '{subject}' {property} is stated twice with the same value"),
                "remove one of the two",
            );
            return;
        }
        self.facts.statements.push(Statement {
            subject: subject.clone(),
            property: property.clone(),
            value,
            quote,
            source,
            origin,
        });
    }

    fn value(
        &mut self,
        file: &InputFile,
        origin: &Origin,
        doc: &StatementDoc,
        kind: Option<ValueKind>,
    ) -> Option<Value> {
        let mut given: Vec<(ValueKind, Range<usize>)> = [
            doc.object.as_ref().map(|v| (ValueKind::Entity, v.span())),
            doc.text.as_ref().map(|v| (ValueKind::Text, v.span())),
            doc.date.as_ref().map(|v| (ValueKind::Date, v.span())),
            doc.integer.as_ref().map(|v| (ValueKind::Integer, v.span())),
            doc.boolean.as_ref().map(|v| (ValueKind::Boolean, v.span())),
        ]
        .into_iter()
        .flatten()
        .collect();
        // In file order, so that "more than one value" points at the one written second.
        given.sort_by_key(|(_, span)| span.start);
        let property = doc.property.get_ref();
        let expected = kind.map_or_else(
            || "one of object, text, date, integer or boolean".to_owned(),
            |k| format!("{} = ...", k.key()),
        );
        let (given_kind, span) = match given.as_slice() {
            [] => {
                self.problem(
                    origin,
                    format!("statement about '{}' has no value", doc.subject.get_ref()),
                    format!("add {expected}"),
                );
                return None;
            }
            [one] => one.clone(),
            [_, second, ..] => {
                self.problem(
                    &file.origin(second.1.clone()),
                    "statement has more than one value",
                    format!("keep only {expected}"),
                );
                return None;
            }
        };
        let kind = kind?;
        if given_kind != kind {
            self.problem(
                &file.origin(span),
                format!(
                    "property '{property}' takes {} {kind} value, not {} {given_kind} value",
                    article(kind.key()),
                    article(given_kind.key())
                ),
                format!(
                    "write {} = ... instead of {} = ...",
                    kind.key(),
                    given_kind.key()
                ),
            );
            return None;
        }
        let value_origin = file.origin(span);
        match kind {
            ValueKind::Entity => {
                let id = doc.object.as_ref()?.get_ref();
                self.known_entity(&value_origin, id, "object")
                    .then(|| Value::Entity(id.clone()))
            }
            ValueKind::Text => {
                let text = doc.text.as_ref()?.get_ref().trim();
                if text.is_empty() {
                    self.problem(
                        &value_origin,
                        "empty text value",
                        "write the text, or remove the statement",
                    );
                    return None;
                }
                Some(Value::Text(text.to_owned()))
            }
            ValueKind::Date => match parse_date(doc.date.as_ref()?.get_ref()) {
                Ok(date) => Some(Value::Date(date)),
                Err((message, help)) => {
                    self.problem(&value_origin, message, help);
                    None
                }
            },
            ValueKind::Integer => {
                let n = *doc.integer.as_ref()?.get_ref();
                if n < 0 {
                    self.problem(
                        &value_origin,
                        format!("negative count {n}"),
                        "counts and ordinals are zero or more",
                    );
                    return None;
                }
                Some(Value::Integer(n))
            }
            ValueKind::Boolean => Some(Value::Boolean(*doc.boolean.as_ref()?.get_ref())),
        }
    }

    fn quote(&mut self, file: &InputFile, source: usize, quote: &Spanned<String>) -> Option<Quote> {
        let origin = file.origin(quote.span());
        let words = quote.get_ref();
        let source = &self.facts.sources[source];
        if words.trim().is_empty() {
            self.problem(
                &origin,
                "empty quote",
                "copy the words of the article that say this fact",
            );
            return None;
        }
        match locate_quote(&source.text, words) {
            QuoteMatch::Once(quote) => Some(quote),
            QuoteMatch::Missing => {
                let file_name = source.file.clone();
                self.problem(
                    &origin,
                    format!("quote not found in the source article {file_name}: \"{words}\""),
                    "copy the words exactly as the article prints them (same spelling, spaces and punctuation)",
                );
                None
            }
            QuoteMatch::Several(count) => {
                let file_name = source.file.clone();
                self.problem(
                    &origin,
                    format!("quote found {count} times in {file_name}, so its offsets are ambiguous: \"{words}\""),
                    "lengthen the quote with the words around it until it occurs once",
                );
                None
            }
        }
    }
}

/// Where a quote stands in a text.
#[derive(Debug, PartialEq, Eq)]
pub enum QuoteMatch {
    /// Found once, at these character offsets.
    Once(Quote),
    /// Not found.
    Missing,
    /// Found this many times.
    Several(usize),
}

/// Finds `words` in `text`, with character (not byte) offsets.
pub fn locate_quote(text: &str, words: &str) -> QuoteMatch {
    let mut found = text.match_indices(words);
    let Some((byte_start, _)) = found.next() else {
        return QuoteMatch::Missing;
    };
    let others = found.count();
    // Overlapping occurrences count too ("aa" in "aaa").
    let overlapping =
        text[byte_start + words.chars().next().map_or(1, char::len_utf8)..].contains(words);
    if others > 0 || overlapping {
        return QuoteMatch::Several(others.max(1) + 1);
    }
    let start = text[..byte_start].chars().count();
    QuoteMatch::Once(Quote {
        text: words.to_owned(),
        start,
        end: start + words.chars().count(),
    })
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, rejecting impossible dates.
pub fn parse_date(lexical: &str) -> Result<Date, (String, String)> {
    let help = "write a year \"1992\", a month \"2002-06\" or a day \"2022-10-12\", at the precision the article gives";
    let bad = |why: &str| (format!("invalid date '{lexical}': {why}"), help.to_owned());
    let parts: Vec<&str> = lexical.split('-').collect();
    let number = |s: &str, len: usize| -> Option<u32> {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
    };
    let year = parts
        .first()
        .and_then(|y| number(y, 4))
        .ok_or_else(|| bad("the year must have four digits"))?;
    let precision = match parts.len() {
        1 => Precision::Year,
        2 => Precision::Month,
        3 => Precision::Day,
        _ => return Err(bad("too many parts")),
    };
    if let Some(month) = parts.get(1) {
        let month = number(month, 2).ok_or_else(|| bad("the month must have two digits"))?;
        if !(1..=12).contains(&month) {
            return Err(bad(&format!("month {month} does not exist (01 to 12)")));
        }
        if let Some(day) = parts.get(2) {
            let day = number(day, 2).ok_or_else(|| bad("the day must have two digits"))?;
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            let days = match month {
                2 if leap => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            if !(1..=days).contains(&day) {
                return Err(bad(&format!(
                    "day {day} does not exist in that month (01 to {days})"
                )));
            }
        }
    }
    Ok(Date {
        lexical: lexical.to_owned(),
        precision,
    })
}

/// `YYYY-MM-DDThh:mm:ss`, a valid local date and time.
fn is_local_date_time(value: &str) -> bool {
    let Some((date, time)) = value.split_once('T') else {
        return false;
    };
    let time_ok = time.len() == 8
        && time.split(':').enumerate().all(|(i, part)| {
            part.len() == 2
                && part
                    .parse::<u32>()
                    .is_ok_and(|n| n < [24, 60, 60][i.min(2)])
        })
        && time.matches(':').count() == 2;
    time_ok && parse_date(date).is_ok_and(|d| d.precision == Precision::Day)
}

/// "an" before a word that starts with a vowel ("an integer value"), else "a".
fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// `Q` followed by digits, without a leading zero.
pub fn is_qid(value: &str) -> bool {
    value.strip_prefix('Q').is_some_and(|n| {
        !n.is_empty() && !n.starts_with('0') && n.bytes().all(|b| b.is_ascii_digit())
    })
}

/// The candidate closest to `word` by edit distance, if it is close enough to be a typo.
fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (edit_distance(&word.to_lowercase(), &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min()
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = if ca == *cb {
                previous
            } else {
                1 + previous.min(row[j]).min(row[j + 1])
            };
            previous = current;
        }
    }
    row[b.len()]
}

impl Facts {
    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_keep_their_precision() {
        assert_eq!(parse_date("1992").unwrap().precision, Precision::Year);
        assert_eq!(parse_date("2002-06").unwrap().precision, Precision::Month);
        assert_eq!(parse_date("2022-10-12").unwrap().precision, Precision::Day);
        assert_eq!(parse_date("2024-02-29").unwrap().precision, Precision::Day);
    }

    #[test]
    fn impossible_dates_are_rejected() {
        assert!(parse_date("2002-13")
            .unwrap_err()
            .0
            .contains("month 13 does not exist"));
        assert!(parse_date("2023-02-29").unwrap_err().0.contains("day 29"));
        assert!(parse_date("June 2002").is_err());
        assert!(parse_date("92").is_err());
    }

    #[test]
    fn quotes_are_located_by_character() {
        assert_eq!(
            locate_quote("Türkiye and Astana", "Astana"),
            QuoteMatch::Once(Quote {
                text: "Astana".into(),
                start: 12,
                end: 18
            })
        );
        assert_eq!(locate_quote("a b a", "a"), QuoteMatch::Several(2));
        assert_eq!(locate_quote("aaa", "aa"), QuoteMatch::Several(2));
        assert_eq!(locate_quote("abc", "x"), QuoteMatch::Missing);
    }

    #[test]
    fn qids_are_checked() {
        assert!(is_qid("Q232"));
        assert!(!is_qid("Q"));
        assert!(!is_qid("232"));
        assert!(!is_qid("Q023"));
        assert!(!is_qid("Q23x"));
    }

    #[test]
    fn local_times_have_no_zone() {
        assert!(is_local_date_time("2022-10-12T23:39:15"));
        assert!(!is_local_date_time("2022-10-12T24:39:15"));
        assert!(!is_local_date_time("2022-10-12"));
    }

    #[test]
    fn line_and_column_count_characters() {
        assert_eq!(line_column("ab\ncé d", 7), (2, 4));
        assert_eq!(line_column("x", 0), (1, 1));
    }

    #[test]
    fn origins_agree_with_line_column() {
        let text = "ab\ncé d\n\nÄ\nlast";
        let file = InputFile::new("f.toml".into(), text.into());
        for offset in (0..=text.len() + 2).filter(|&i| i > text.len() || text.is_char_boundary(i)) {
            let origin = file.origin(offset..offset);
            assert_eq!(
                (origin.line, origin.column),
                line_column(text, offset),
                "at {offset}"
            );
        }
    }

    #[test]
    fn typos_find_their_correction() {
        assert_eq!(
            closest("locaton", ["location", "date"].into_iter()),
            Some("location")
        );
        assert_eq!(closest("zzzzzz", ["location"].into_iter()), None);
    }
}
