//! The facts files as written: reading them (from the shipped `data/` or a folder), the TOML
//! schema they follow (serde, unknown fields refused), and turning a byte span of a file into
//! its line and column.

use crate::diagnostic::{line_column, Problem, Problems, Span};
use crate::embedded;
use crate::input;
use serde::Deserialize;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

use super::model::DataSource;

/// One facts file: `[source]`, `[[entity]]` and `[[statement]]` tables, and the
/// `[[candidate]]` and `[[new_entity]]` tables of a draft (`cica-kg draft`), which await a
/// person's review: they are listed, never loaded as facts (`cica-kg accept` turns them into
/// statements and entities).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileDoc {
    pub source: Option<Spanned<SourceDoc>>,
    #[serde(default)]
    pub entity: Vec<Spanned<EntityDoc>>,
    #[serde(default)]
    pub statement: Vec<Spanned<StatementDoc>>,
    #[serde(default)]
    pub candidate: Vec<Spanned<toml::Table>>,
    /// Read so that a draft loads; its entities become facts only when accepted.
    #[serde(default, rename = "new_entity")]
    pub _new_entity: Vec<Spanned<toml::Table>>,
}

/// `[source]`: the article and its metadata.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SourceDoc {
    pub id: Spanned<String>,
    pub file: Spanned<String>,
    pub title: Spanned<String>,
    pub publisher: Spanned<String>,
    pub editor: Spanned<String>,
    pub published: Spanned<String>,
    pub dateline_place: Spanned<String>,
    pub dateline_date: Spanned<String>,
    pub language: Spanned<String>,
    pub url: Option<Spanned<String>>,
    /// When the article was read at its url (a year, a month or a day).
    pub retrieved: Option<Spanned<String>>,
}

/// `[[entity]]`: a thing the articles talk about.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct EntityDoc {
    pub id: Spanned<String>,
    pub class: Spanned<String>,
    pub label: Spanned<String>,
    #[serde(default)]
    pub other_names: Vec<Spanned<String>>,
    pub wikidata: Option<Spanned<String>>,
    pub search: Option<Spanned<String>>,
    pub note: Option<Spanned<String>>,
}

/// `[[statement]]`: one fact, its value and its quote.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct StatementDoc {
    pub subject: Spanned<String>,
    pub property: Spanned<String>,
    pub object: Option<Spanned<String>>,
    pub text: Option<Spanned<String>>,
    pub date: Option<Spanned<String>>,
    pub integer: Option<Spanned<i64>>,
    pub boolean: Option<Spanned<bool>>,
    pub quote: Spanned<String>,
    // When the statement holds and its rank (src/facts/qualifiers.rs).
    pub point_in_time: Option<Spanned<String>>,
    pub start: Option<Spanned<String>>,
    pub end: Option<Spanned<String>>,
    pub rank: Option<Spanned<String>>,
}

/// One input file's name (as shown to the user) and text.
pub(super) struct InputFile {
    pub name: String,
    pub text: String,
    /// Byte offset of the start of each line (the first is 0), so that [`InputFile::span`]
    /// needs no scan from the start of the file for each of the hundreds of spans it turns
    /// into lines and columns.
    line_starts: Vec<usize>,
}

impl InputFile {
    pub fn new(name: String, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            name,
            text,
            line_starts,
        }
    }

    /// The file, line and column of a byte span's start.
    pub fn span(&self, span: Range<usize>) -> Span {
        let mut offset = span.start.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        // line_starts[0] is 0, so at least one line starts at or before the offset.
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let line_start = self.line_starts[line - 1];
        Span::at(
            &self.name,
            line,
            self.text[line_start..offset].chars().count() + 1,
        )
    }

    /// Parses the file as a facts file.
    pub fn parse(&self) -> Result<FileDoc, Box<Problem>> {
        toml::from_str::<FileDoc>(&self.text).map_err(|e| {
            let span = match e.span() {
                Some(span) => self.span(span),
                None => Span::file(&self.name),
            };
            Box::new(Problem::facts(
                span,
                format!("invalid facts file: {}", e.message().trim_end()),
                "fix the TOML; the header of data/cica-backgrounder.toml lists the fields",
            ))
        })
    }
}

/// The name of the data for messages: `data`, or the folder.
pub(super) fn data_name(data: &DataSource) -> String {
    match data {
        DataSource::Embedded => "data".to_owned(),
        DataSource::Directory(dir) => dir.display().to_string(),
    }
}

/// The facts files (`*.toml`), sorted by name.
pub(super) fn read_files(data: &DataSource) -> Result<Vec<InputFile>, Problems> {
    let dir = match data {
        DataSource::Embedded => {
            return Ok(embedded::DATA
                .iter()
                .filter(|(name, _)| name.ends_with(".toml"))
                .map(|(name, text)| InputFile::new(format!("data/{name}"), (*text).to_owned()))
                .collect())
        }
        DataSource::Directory(dir) => dir,
    };
    let name = dir.display().to_string();
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Problems(vec![Problem::facts(
            Span::file(&name),
            format!("cannot read the data folder: {e}"),
            "give a data folder that holds the *.toml facts files",
        )])
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        // Every `*.toml` entry, whatever it is: one that is not a regular file (a folder, a
        // link to a device) is refused by name below, never skipped in silence.
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(Problems(vec![Problem::facts(
            Span::file(&name),
            "no facts files (*.toml) in the data folder",
            "put the facts files there, or use the data shipped in the program",
        )]));
    }
    let (files, problems): (Vec<_>, Vec<_>) = paths
        .iter()
        .map(|path| read_text(path).map(|text| InputFile::new(path.display().to_string(), text)))
        .partition(Result::is_ok);
    if problems.is_empty() {
        Ok(files.into_iter().flatten().collect())
    } else {
        Err(Problems(
            problems
                .into_iter()
                .filter_map(Result::err)
                .map(|p| *p)
                .collect(),
        ))
    }
}

/// Reads a UTF-8 text file, or says which byte is not UTF-8.
pub(super) fn read_text(path: &Path) -> Result<String, Box<Problem>> {
    let name = path.display().to_string();
    let bytes = input::read_regular_file(path, input::DATA_FILE_CAP, "facts files and articles")
        .map_err(|e| {
            Box::new(Problem::facts(
                Span::file(&name),
                e.to_string(),
                "give a regular text file (a link must lead to one)",
            ))
        })?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let valid = std::str::from_utf8(&e.as_bytes()[..offset]).unwrap_or_default();
        let position = line_column(valid, offset);
        Box::new(Problem::facts(
            Span::at(&name, position.line, position.column),
            format!("the file is not UTF-8 (invalid byte at byte offset {offset})"),
            "save the file as UTF-8",
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_agree_with_line_column() {
        let text = "ab\ncé d\n\nÄ\nlast";
        let file = InputFile::new("f.toml".into(), text.into());
        for offset in (0..=text.len() + 2).filter(|&i| i > text.len() || text.is_char_boundary(i)) {
            let span = file.span(offset..offset);
            assert_eq!(
                span.position,
                Some(line_column(text, offset)),
                "at {offset}"
            );
        }
    }
}
