//! Editing the facts files in place for a person's decision: `link --accept ID=QID` writes the
//! QID into the entity's `[[entity]]` table (`wikidata = "Q..."`), keeping every comment, the
//! order of the keys and the layout (`toml_edit`) and the file's line endings (CRLF stays
//! CRLF), and replacing the file atomically. Several QIDs are written all or none; a note
//! saying that no QID is verified is removed with it.

use crate::output::{self, OutputError};
use crate::vocab::wikidata::Qid;
use std::io::Write;
use std::path::{Path, PathBuf};
use toml_edit::{value, DocumentMut, Item};

/// Why a QID cannot be written.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// No facts file of the folder defines the entity.
    #[error("no [[entity]] with id '{id}' in the facts files of {}; use an id of data/entities.toml", .dir.display())]
    NoEntity {
        /// The id.
        id: String,
        /// The data folder.
        dir: PathBuf,
    },
    /// The entity already has another QID.
    #[error("{id} already has the QID {existing} in {}; a verified link is changed by hand, with its evidence", .file.display())]
    AlreadyLinked {
        /// The id.
        id: String,
        /// Its QID.
        existing: String,
        /// The file.
        file: PathBuf,
    },
    /// Another entity has this QID.
    #[error("{qid} is already the item of {other} ({}); an item is one thing", .file.display())]
    TakenBy {
        /// The QID.
        qid: String,
        /// The entity that has it.
        other: String,
        /// The file.
        file: PathBuf,
    },
    /// A facts file cannot be read or is not TOML.
    #[error("{}: {why}", .file.display())]
    Unreadable {
        /// The file.
        file: PathBuf,
        /// What is wrong.
        why: String,
    },
    /// Writing failed.
    #[error(transparent)]
    Output(#[from] OutputError),
}

/// One QID written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    /// The entity id.
    pub id: String,
    /// The facts file that defines it.
    pub file: PathBuf,
    /// Its note saying that no QID is verified, removed since it no longer holds.
    pub removed_note: Option<String>,
}

/// The start of the note an entity without a QID carries in the shipped data.
const NO_QID_NOTE: &str = "No Wikidata QID is verified";

/// Writes `qid` as the Wikidata item of entity `id`, in whichever facts file of `dir` defines
/// it. Returns that file. Unchanged if the entity already has exactly this QID.
pub fn accept(dir: &Path, id: &str, qid: &Qid) -> Result<PathBuf, EditError> {
    let accepted = accept_all(dir, &[(id.to_owned(), qid.clone())])?;
    Ok(accepted
        .into_iter()
        .next()
        .map(|a| a.file)
        .unwrap_or_default())
}

/// Writes every (id, QID): all of them, or, if one cannot be written, none. An entity's note
/// that says no QID is verified is removed with it. Each file keeps its line endings.
pub fn accept_all(dir: &Path, accepted: &[(String, Qid)]) -> Result<Vec<Accepted>, EditError> {
    let mut documents = documents(dir)?;
    let mut changed = vec![false; documents.len()];
    let mut done = Vec::new();
    for (id, qid) in accepted {
        for (file, _, doc) in &documents {
            for entity in entities(doc) {
                let this = entity.get("id").and_then(Item::as_str);
                let linked = entity.get("wikidata").and_then(Item::as_str);
                if this != Some(id) && linked == Some(qid.as_str()) {
                    return Err(EditError::TakenBy {
                        qid: qid.to_string(),
                        other: this.unwrap_or("?").to_owned(),
                        file: file.clone(),
                    });
                }
            }
        }
        let found = documents.iter().position(|(_, _, doc)| {
            entities(doc).any(|e| e.get("id").and_then(Item::as_str) == Some(id))
        });
        let Some(index) = found else {
            return Err(EditError::NoEntity {
                id: id.to_owned(),
                dir: dir.to_owned(),
            });
        };
        let (file, _, doc) = &mut documents[index];
        let (wrote, removed_note) = link(doc, id, qid, file)?;
        changed[index] |= wrote;
        done.push(Accepted {
            id: id.clone(),
            file: file.clone(),
            removed_note,
        });
    }
    for ((file, crlf, doc), changed) in documents.iter().zip(changed) {
        if !changed {
            continue;
        }
        let mut text = doc.to_string();
        if *crlf {
            text = text.replace("\r\n", "\n").replace('\n', "\r\n");
        }
        output::write_file(file, |out: &mut dyn Write| out.write_all(text.as_bytes()))?;
    }
    Ok(done)
}

/// Writes the QID into the entity's table; whether anything changed, and the note removed.
fn link(
    doc: &mut DocumentMut,
    id: &str,
    qid: &Qid,
    file: &Path,
) -> Result<(bool, Option<String>), EditError> {
    let tables = doc
        .get_mut("entity")
        .and_then(Item::as_array_of_tables_mut)
        .into_iter()
        .flat_map(|a| a.iter_mut());
    for table in tables {
        if table.get("id").and_then(Item::as_str) != Some(id) {
            continue;
        }
        match table.get("wikidata").and_then(Item::as_str) {
            Some(existing) if existing == qid.as_str() => return Ok((false, None)),
            Some(existing) => {
                return Err(EditError::AlreadyLinked {
                    id: id.to_owned(),
                    existing: existing.to_owned(),
                    file: file.to_owned(),
                })
            }
            None => {
                let note = table.get("note").and_then(Item::as_str).map(str::to_owned);
                let removed = note.filter(|n| n.starts_with(NO_QID_NOTE));
                if removed.is_some() {
                    table.remove("note");
                }
                table.insert("wikidata", value(qid.as_str()));
                return Ok((true, removed));
            }
        }
    }
    Ok((false, None))
}

/// The `[[entity]]` tables of a document.
fn entities(doc: &DocumentMut) -> impl Iterator<Item = &toml_edit::Table> {
    doc.get("entity")
        .and_then(Item::as_array_of_tables)
        .into_iter()
        .flat_map(|a| a.iter())
}

/// Every `*.toml` of the folder, parsed for editing, sorted by name, with whether its lines
/// end in CRLF.
fn documents(dir: &Path) -> Result<Vec<(PathBuf, bool, DocumentMut)>, EditError> {
    let unreadable = |file: &Path, why: String| EditError::Unreadable {
        file: file.to_owned(),
        why,
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| unreadable(dir, e.to_string()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml") && p.is_file())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text =
                std::fs::read_to_string(&path).map_err(|e| unreadable(&path, e.to_string()))?;
            let doc = text
                .parse::<DocumentMut>()
                .map_err(|e| unreadable(&path, e.to_string()))?;
            Ok((path, text.contains("\r\n"), doc))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_qid_is_written_and_the_comments_kept() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("entities.toml");
        let text = "# The things.\n\n[[entity]]\n# the forum\nid = \"organization/cica\"\nclass = \"Forum\"\nlabel = \"CICA\"  # its name\n\n[[entity]]\nid = \"place/almaty\"\nclass = \"City\"\nlabel = \"Almaty\"\nwikidata = \"Q35493\"\n";
        std::fs::write(&file, text).unwrap();
        let qid: Qid = "Q4115189".parse().unwrap();
        accept(dir.path(), "organization/cica", &qid).unwrap();
        let written = std::fs::read_to_string(&file).unwrap();
        assert_eq!(
            written,
            text.replace(
                "label = \"CICA\"  # its name\n",
                "label = \"CICA\"  # its name\nwikidata = \"Q4115189\"\n"
            )
        );
        // Taken, already linked, unknown.
        let taken = accept(dir.path(), "organization/cica", &"Q35493".parse().unwrap());
        assert!(matches!(taken, Err(EditError::TakenBy { .. })), "{taken:?}");
        let linked = accept(dir.path(), "organization/cica", &"Q1".parse().unwrap());
        assert!(
            matches!(linked, Err(EditError::AlreadyLinked { .. })),
            "{linked:?}"
        );
        // All or nothing.
        let before = std::fs::read_to_string(&file).unwrap();
        let q2: Qid = "Q2".parse().unwrap();
        let both = [
            ("place/almaty".to_owned(), "Q35493".parse().unwrap()),
            ("summit/9".to_owned(), q2),
        ];
        assert!(accept_all(dir.path(), &both).is_err());
        assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
        let unknown = accept(dir.path(), "summit/9", &"Q1".parse().unwrap());
        assert!(
            matches!(unknown, Err(EditError::NoEntity { .. })),
            "{unknown:?}"
        );
    }
}
