//! Editing the facts files in place for a person's decision: `link --accept ID=QID` writes the
//! QID into the entity's `[[entity]]` table (`wikidata = "Q..."`), keeping every comment, the
//! order of the keys and the layout (`toml_edit`), and replacing the file atomically.

use crate::rdf::output::{self, OutputError};
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

/// Writes `qid` as the Wikidata item of entity `id`, in whichever facts file of `dir` defines
/// it. Returns that file. Unchanged if the entity already has exactly this QID.
pub fn accept(dir: &Path, id: &str, qid: &Qid) -> Result<PathBuf, EditError> {
    let mut found = None;
    for (file, doc) in documents(dir)? {
        for entity in entities(&doc) {
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
        if found.is_none() && entities(&doc).any(|e| e.get("id").and_then(Item::as_str) == Some(id))
        {
            found = Some((file, doc));
        }
    }
    let Some((file, mut doc)) = found else {
        return Err(EditError::NoEntity {
            id: id.to_owned(),
            dir: dir.to_owned(),
        });
    };
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
            Some(existing) if existing == qid.as_str() => return Ok(file),
            Some(existing) => {
                return Err(EditError::AlreadyLinked {
                    id: id.to_owned(),
                    existing: existing.to_owned(),
                    file,
                })
            }
            None => {
                table.insert("wikidata", value(qid.as_str()));
            }
        }
    }
    let text = doc.to_string();
    output::write_file(&file, |out: &mut dyn Write| out.write_all(text.as_bytes()))?;
    Ok(file)
}

/// The `[[entity]]` tables of a document.
fn entities(doc: &DocumentMut) -> impl Iterator<Item = &toml_edit::Table> {
    doc.get("entity")
        .and_then(Item::as_array_of_tables)
        .into_iter()
        .flat_map(|a| a.iter())
}

/// Every `*.toml` of the folder, parsed for editing, sorted by name.
fn documents(dir: &Path) -> Result<Vec<(PathBuf, DocumentMut)>, EditError> {
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
            Ok((path, doc))
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
        let unknown = accept(dir.path(), "summit/9", &"Q1".parse().unwrap());
        assert!(
            matches!(unknown, Err(EditError::NoEntity { .. })),
            "{unknown:?}"
        );
    }
}
