//! Acceptance (`cica-kg accept SOURCE`): the reviewed candidates of a draft facts file become
//! its `[[statement]]` tables (their `confidence` and `why` dropped; comments, order and layout
//! kept, with `toml_edit`), and the `[[new_entity]]` tables they use become `[[entity]]` tables
//! of `entities.toml`. Every candidate is checked again first, and the whole data folder is
//! loaded as it would be written: any problem refuses it all, with file, line and column.
//! Nothing is half-written.

mod tables;

use tables::{array, remove_new_entities, to_statements};

use super::check::check_all;
use super::{Candidate, DraftEntity};
use crate::diagnostic::{line_column, Problem, Problems, Span};
use crate::facts::{self, DataSource};
use crate::ontology::Ontology;
use crate::output::{self, OutputError};
use serde::Deserialize;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use toml::Spanned;
use toml_edit::{DocumentMut, Table};

/// Why nothing was accepted.
#[derive(Debug, thiserror::Error)]
pub enum AcceptError {
    /// No facts file of the folder has this source.
    #[error("no facts file in {} has the source '{wanted}' (give its [source] id or its file name without .toml)", .dir.display())]
    NoDraft {
        /// The source asked for.
        wanted: String,
        /// The folder.
        dir: PathBuf,
    },
    /// The draft has no candidate.
    #[error("{}: no [[candidate]] to accept", .0.display())]
    Nothing(PathBuf),
    /// The draft has no candidate at this index (one accepted alone).
    #[error("{}: no [[candidate]] number {} (the file has {count}); reload it", .file.display(), .index + 1)]
    NoCandidate {
        /// The draft facts file.
        file: PathBuf,
        /// The index asked for, from 0.
        index: usize,
        /// How many candidates it has.
        count: usize,
    },
    /// Problems: each with its file, line and column.
    #[error("{0}")]
    Refused(Problems),
    /// Writing failed.
    #[error(transparent)]
    Output(#[from] OutputError),
}

/// What was (or, without writing, would be) accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    /// The draft facts file.
    pub file: PathBuf,
    /// Statements written.
    pub statements: usize,
    /// Entities added to entities.toml.
    pub entities: Vec<String>,
}

/// A draft facts file as TOML reads it: what `accept` and the review page both take from it.
#[derive(Deserialize)]
pub(crate) struct DraftDoc {
    pub(crate) source: Option<toml::Table>,
    #[serde(default)]
    pub(crate) candidate: Vec<Spanned<Candidate>>,
    #[serde(default)]
    pub(crate) new_entity: Vec<Spanned<DraftEntity>>,
}

fn problem(file: &Path, text: &str, offset: usize, message: String, help: &str) -> Problem {
    let at = line_column(text, offset.min(text.len()));
    Problem::facts(
        Span::at(file.display().to_string(), at.line, at.column),
        message,
        help,
    )
}

fn refused(problems: Vec<Problem>) -> AcceptError {
    AcceptError::Refused(Problems(problems))
}

/// Accepts the candidates of the draft of `source` in `dir`; with `write` false, checks only.
pub fn accept(
    dir: &Path,
    source: &str,
    ontology: &Ontology,
    write: bool,
) -> Result<Accepted, AcceptError> {
    accept_some(dir, source, ontology, write, None)
}

/// Accepts the candidate number `index` (from 0) of the draft of `source` alone, as [`accept`]
/// would accept it were it the only one: it becomes a `[[statement]]` where it stands, the
/// `[[new_entity]]` tables it (or the `[source]`) uses go to `entities.toml`, and the other
/// candidates and new entities stay in the draft. All or nothing.
pub fn accept_one(
    dir: &Path,
    source: &str,
    ontology: &Ontology,
    index: usize,
) -> Result<Accepted, AcceptError> {
    accept_some(dir, source, ontology, true, Some(index))
}

/// [`accept`] of every candidate, or with `only` of that one.
fn accept_some(
    dir: &Path,
    source: &str,
    ontology: &Ontology,
    write: bool,
    only: Option<usize>,
) -> Result<Accepted, AcceptError> {
    let (file, text) = find(dir, source)?;
    let draft: DraftDoc = toml::from_str(&text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        refused(vec![problem(
            &file,
            &text,
            at,
            format!("invalid draft: {}", e.message().trim()),
            "fix the TOML (a candidate has the keys of a [[statement]], with confidence and why)",
        )])
    })?;
    if draft.candidate.is_empty() {
        return Err(AcceptError::Nothing(file));
    }
    if let Some(index) = only.filter(|i| *i >= draft.candidate.len()) {
        return Err(AcceptError::NoCandidate {
            file,
            index,
            count: draft.candidate.len(),
        });
    }
    let chosen = |i: &usize| only.is_none_or(|o| o == *i);
    // The new entities that the candidates or the [source] use, and the data lacks.
    let existing = entity_ids(dir, &file);
    let source_table = draft.source.as_ref();
    let from_source = ["publisher", "dateline_place"]
        .iter()
        .filter_map(|k| source_table?.get(*k)?.as_str());
    let referenced: Vec<&str> = draft
        .candidate
        .iter()
        .enumerate()
        .filter(|(i, _)| chosen(i))
        .flat_map(|(_, c)| {
            std::iter::once(c.get_ref().subject.as_str()).chain(c.get_ref().object.as_deref())
        })
        .chain(from_source)
        .collect();
    let used: Vec<&DraftEntity> = draft
        .new_entity
        .iter()
        .map(Spanned::get_ref)
        .filter(|e| !existing.contains(&e.id) && referenced.contains(&e.id.as_str()))
        .collect();
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        refused(vec![problem(
            &file,
            &text,
            0,
            e.to_string(),
            "fix the TOML",
        )])
    })?;
    let entities_file = dir.join("entities.toml");
    let entities_text = std::fs::read_to_string(&entities_file)
        .ok()
        .filter(|_| !used.is_empty());
    let mut entities_doc = match &entities_text {
        Some(t) => Some(t.parse::<DocumentMut>().map_err(|e| {
            refused(vec![problem(
                &entities_file,
                t,
                0,
                e.to_string(),
                "fix the TOML",
            )])
        })?),
        None => None,
    };
    {
        let into = entities_doc.as_mut().unwrap_or(&mut doc);
        for e in &used {
            let mut table = Table::new();
            table.insert("id", toml_edit::value(e.id.as_str()));
            table.insert("class", toml_edit::value(e.class.as_str()));
            table.insert("label", toml_edit::value(e.label.as_str()));
            array(into, "entity").push(table);
        }
    }
    let used_ids: Vec<&str> = used.iter().map(|e| e.id.as_str()).collect();
    remove_new_entities(&mut doc, only.map(|_| used_ids.as_slice()));
    let entities_new = entities_doc.as_ref().map(DocumentMut::to_string);
    // First the data with the draft's source and new entities but no candidate: what each
    // candidate is checked against, at its place in the draft.
    let mut base = doc.clone();
    base.remove("candidate");
    let facts = guard(
        dir,
        &file,
        &base.to_string(),
        entities_new.as_deref(),
        ontology,
    )?;
    let source_id = source_table
        .and_then(|s| s.get("id"))
        .and_then(toml::Value::as_str)
        .unwrap_or_default();
    let article = facts
        .sources
        .iter()
        .find(|s| s.id == source_id)
        .ok_or_else(|| {
            refused(vec![problem(
                &file,
                &text,
                0,
                "the draft has no [source]".into(),
                "fill in its [source] table",
            )])
        })?;
    let classes: HashMap<String, String> = facts
        .entities
        .iter()
        .map(|e| (e.id.clone(), e.class.clone()))
        .collect();
    let (spans, candidates): (Vec<usize>, Vec<Candidate>) = draft
        .candidate
        .into_iter()
        .enumerate()
        .filter(|(i, _)| chosen(i))
        .map(|(_, c)| (c.span().start, c.into_inner()))
        .unzip();
    let problems: Vec<Problem> = check_all(candidates, &article.text, &ontology.schema, &classes)
        .into_iter()
        .zip(spans)
        .filter_map(|(result, at)| {
            let dropped = result.err()?;
            let (c, why) = (dropped.candidate, dropped.reason);
            Some(problem(
                &file,
                &text,
                at,
                format!("candidate {} {}: {why}", c.subject, c.property),
                "fix the candidate, or delete it to reject it",
            ))
        })
        .collect();
    if !problems.is_empty() {
        return Err(refused(problems));
    }
    let count = to_statements(&mut doc, only);
    let draft_text = doc.to_string();
    // Then the data as it will be written.
    guard(dir, &file, &draft_text, entities_new.as_deref(), ontology)?;
    if write {
        if let Some(new) = &entities_new {
            output::write_file(&entities_file, |out: &mut dyn Write| {
                out.write_all(new.as_bytes())
            })?;
        }
        if let Err(e) = output::write_file(&file, |out: &mut dyn Write| {
            out.write_all(draft_text.as_bytes())
        }) {
            if let Some(old) = &entities_text {
                // Put entities.toml back: nothing is half-written.
                let _ = output::write_file(&entities_file, |out: &mut dyn Write| {
                    out.write_all(old.as_bytes())
                });
            }
            return Err(e.into());
        }
    }
    Ok(Accepted {
        file,
        statements: count,
        entities: used.iter().map(|e| e.id.clone()).collect(),
    })
}

/// The ids of the `[[entity]]` tables of the folder's facts files other than `skip`.
fn entity_ids(dir: &Path, skip: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml") && p != skip)
        .filter_map(|p| toml::from_str::<toml::Table>(&std::fs::read_to_string(p).ok()?).ok())
        .flat_map(|t| match t.get("entity") {
            Some(toml::Value::Array(a)) => a
                .iter()
                .filter_map(|e| e.get("id")?.as_str().map(str::to_owned))
                .collect(),
            _ => Vec::new(),
        })
        .collect()
}

/// Loads the folder as it would be written (a copy): any problem refuses, named as in `dir`.
fn guard(
    dir: &Path,
    file: &Path,
    draft: &str,
    entities: Option<&str>,
    ontology: &Ontology,
) -> Result<facts::Facts, AcceptError> {
    let copy = tempfile::tempdir().map_err(|e| OutputError::Io {
        path: dir.to_owned(),
        source: e,
    })?;
    let entries = std::fs::read_dir(dir).map_err(|e| OutputError::Io {
        path: dir.to_owned(),
        source: e,
    })?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_file() {
            let _ = std::fs::copy(&path, copy.path().join(entry.file_name()));
        }
    }
    let name = file.file_name().unwrap_or_default();
    let write = |name: &std::ffi::OsStr, text: &str| {
        std::fs::write(copy.path().join(name), text).map_err(|e| OutputError::Io {
            path: copy.path().to_owned(),
            source: e,
        })
    };
    write(name, draft)?;
    if let Some(entities) = entities {
        write(std::ffi::OsStr::new("entities.toml"), entities)?;
    }
    facts::load(
        &DataSource::Directory(copy.path().to_owned()),
        &ontology.schema,
    )
    .map_err(|problems| {
        let from = copy.path().display().to_string();
        let to = dir.display().to_string();
        refused(
            problems
                .0
                .into_iter()
                .map(|mut p| {
                    p.span.file = p.span.file.replace(&from, &to);
                    p
                })
                .collect(),
        )
    })
}

/// The facts file of `source`: its `[source]` id, or its file name without `.toml`.
fn find(dir: &Path, source: &str) -> Result<(PathBuf, String), AcceptError> {
    let no = || AcceptError::NoDraft {
        wanted: source.to_owned(),
        dir: dir.to_owned(),
    };
    let direct = dir.join(format!("{source}.toml"));
    if direct.is_file() {
        let text = std::fs::read_to_string(&direct).map_err(|_| no())?;
        return Ok((direct, text));
    }
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|_| no())?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    for path in paths {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let id = toml::from_str::<toml::Table>(&text)
            .ok()
            .and_then(|t| t.get("source")?.get("id")?.as_str().map(str::to_owned));
        if id.as_deref() == Some(source) {
            return Ok((path, text));
        }
    }
    Err(no())
}
