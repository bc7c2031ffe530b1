//! One decision on one candidate of a draft: accept it (exactly `cica-kg accept` restricted to
//! it: [`accept::accept_one`]), reject it (its `[[candidate]]` table is removed), or edit it
//! (its subject, property, value, time and quote keys are set; its confidence and why kept).
//! Editing and rejecting go through `toml_edit`, so the file keeps its comments, order and
//! line endings; a `[[new_entity]]` that no candidate nor the `[source]` uses any more goes
//! with them. The file is replaced atomically ([`crate::output`]), or left unchanged.

use super::drafts::{self, fingerprint};
use crate::draft::accept::{self, AcceptError, Accepted};
use crate::draft::Candidate;
use crate::ontology::{Ontology, ValueKind};
use crate::output::{self, OutputError};
use std::io::Write;
use std::path::{Path, PathBuf};
use toml_edit::{value, DocumentMut, Item, Table};

/// The new keys of an edited candidate, as the form gives them (empty: none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Edit {
    /// Entity id.
    pub subject: String,
    /// Property local name.
    pub property: String,
    /// The value, read as the property's range says (an entity id, a text, a date, an
    /// integer, `true` or `false`).
    pub value: String,
    /// When it holds.
    pub point_in_time: String,
    /// From when.
    pub start: String,
    /// Until when.
    pub end: String,
    /// The article's exact words.
    pub quote: String,
}

/// A person's decision on a candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Make it a statement.
    Accept,
    /// Remove it.
    Reject,
    /// Change its keys.
    Edit(Edit),
}

/// What was done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Done {
    /// Accepted: a statement, and these new entities in entities.toml.
    Accepted(Accepted),
    /// Removed.
    Rejected,
    /// Changed.
    Edited,
}

/// Why a decision was not made; the file is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum DecideError {
    /// No such draft.
    #[error("no draft {0} in the data folder")]
    NoDraft(String),
    /// The candidate changed (or moved) since the page was shown.
    #[error("candidate {} of {} changed since the page was shown (edited elsewhere?); reload the page and decide again", .index + 1, .file.display())]
    Changed {
        /// The file.
        file: PathBuf,
        /// The candidate's index.
        index: usize,
    },
    /// A field of the form cannot be written.
    #[error("{0}")]
    Form(String),
    /// The file cannot be read or parsed.
    #[error("{0}")]
    Unreadable(String),
    /// Accepting refused (problems with file, line and column).
    #[error(transparent)]
    Accept(#[from] AcceptError),
    /// Writing failed.
    #[error(transparent)]
    Output(#[from] OutputError),
}

/// Makes `decision` on candidate `index` of the draft `name` in `dir`, if its content still
/// has the `fingerprint` the page showed.
pub fn decide(
    dir: &Path,
    name: &str,
    ontology: &Ontology,
    index: usize,
    seen: &str,
    decision: &Decision,
) -> Result<Done, DecideError> {
    let file = drafts::file_of(dir, name).ok_or_else(|| DecideError::NoDraft(name.to_owned()))?;
    let text = drafts::read_text(&file).map_err(DecideError::Unreadable)?;
    let current = candidates(&text)
        .map_err(|e| DecideError::Unreadable(format!("{}: {e}", file.display())))?;
    if current.get(index).map(fingerprint).as_deref() != Some(seen) {
        return Err(DecideError::Changed { file, index });
    }
    if *decision == Decision::Accept {
        return Ok(Done::Accepted(accept::accept_one(
            dir, name, ontology, index,
        )?));
    }
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        DecideError::Unreadable(format!("{}: {e}", file.display()))
    })?;
    let tables = doc
        .get_mut("candidate")
        .and_then(Item::as_array_of_tables_mut)
        .filter(|t| index < t.len())
        .ok_or_else(|| DecideError::Changed {
            file: file.clone(),
            index,
        })?;
    let done = match decision {
        Decision::Edit(edit) => {
            let table = tables.get_mut(index).ok_or_else(|| DecideError::Changed {
                file: file.clone(),
                index,
            })?;
            set(table, edit, ontology)?;
            Done::Edited
        }
        _ => {
            tables.remove(index);
            if tables.is_empty() {
                doc.remove("candidate");
            }
            Done::Rejected
        }
    };
    prune(&mut doc);
    let mut written = doc.to_string();
    if text.contains("\r\n") {
        written = written.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    output::write_file(&file, |out: &mut dyn Write| {
        out.write_all(written.as_bytes())
    })?;
    Ok(done)
}

/// The candidates of a draft's text.
fn candidates(text: &str) -> Result<Vec<Candidate>, String> {
    #[derive(serde::Deserialize)]
    struct Doc {
        #[serde(default)]
        candidate: Vec<Candidate>,
    }
    toml::from_str::<Doc>(text)
        .map(|d| d.candidate)
        .map_err(|e| format!("invalid draft: {}", e.message().trim()))
}

/// Sets the edited keys of a candidate's table: an empty field removes its key.
fn set(table: &mut Table, edit: &Edit, ontology: &Ontology) -> Result<(), DecideError> {
    let property = ontology
        .schema
        .property(edit.property.trim())
        .ok_or_else(|| {
            DecideError::Form(format!(
                "unknown property '{}': choose one of the ontology's",
                edit.property
            ))
        })?;
    let raw = edit.value.trim();
    if raw.is_empty() {
        return Err(DecideError::Form(format!(
            "no value: {} takes {} = ...",
            edit.property, property.kind
        )));
    }
    let new_value = match property.kind {
        ValueKind::Integer => value(raw.parse::<i64>().map_err(|_| {
            DecideError::Form(format!(
                "value '{raw}': {} takes a whole number",
                edit.property
            ))
        })?),
        ValueKind::Boolean => value(raw.parse::<bool>().map_err(|_| {
            DecideError::Form(format!(
                "value '{raw}': {} takes true or false",
                edit.property
            ))
        })?),
        _ => value(raw),
    };
    let value_key = property.kind.key();
    let keep_value = table.contains_key(value_key);
    for key in ["object", "text", "date", "integer", "boolean"] {
        if key != value_key {
            table.remove(key);
        }
    }
    let pairs = [
        ("subject", edit.subject.trim()),
        ("property", edit.property.trim()),
        ("point_in_time", edit.point_in_time.trim()),
        ("start", edit.start.trim()),
        ("end", edit.end.trim()),
        ("quote", edit.quote.as_str()),
    ];
    for (key, given) in pairs {
        let required = matches!(key, "subject" | "property" | "quote");
        if given.is_empty() && required {
            return Err(DecideError::Form(format!(
                "no {key}: a candidate needs one"
            )));
        } else if given.is_empty() {
            table.remove(key);
        } else if table.get(key).and_then(Item::as_str) != Some(given) {
            // Unchanged keys keep their comments.
            table.insert(key, value(given));
        }
    }
    if keep_value {
        table[value_key] = new_value;
    } else {
        table.insert(value_key, new_value);
    }
    Ok(())
}

/// Removes the `[[new_entity]]` tables that no candidate and not the `[source]` uses.
fn prune(doc: &mut DocumentMut) {
    let mut used: Vec<String> = doc
        .get("candidate")
        .and_then(Item::as_array_of_tables)
        .into_iter()
        .flat_map(|a| a.iter())
        .flat_map(|t| ["subject", "object"].map(|k| t.get(k).and_then(Item::as_str)))
        .flatten()
        .map(str::to_owned)
        .collect();
    if let Some(source) = doc.get("source").and_then(Item::as_table) {
        used.extend(
            ["publisher", "dateline_place"]
                .iter()
                .filter_map(|k| source.get(k).and_then(Item::as_str))
                .map(str::to_owned),
        );
    }
    if let Some(tables) = doc
        .get_mut("new_entity")
        .and_then(Item::as_array_of_tables_mut)
    {
        tables.retain(|t| {
            t.get("id")
                .and_then(Item::as_str)
                .is_some_and(|id| used.iter().any(|u| u == id))
        });
        if tables.is_empty() {
            doc.remove("new_entity");
        }
    }
}
