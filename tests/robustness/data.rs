//! Copies of `data/` with random edits of one of its files (the statements, the entities or
//! the article), run through every command with `--data`.

use super::edits::{apply, edit};
use super::{check_run, config, temporary_files};
use crate::common::{data_copy, temp_dir};
use proptest::prelude::*;
use std::fs;
use std::path::Path;

const DATA_FILES: [&str; 3] = [
    "cica-backgrounder.toml",
    "entities.toml",
    "cica-backgrounder.txt",
];

/// The commands run on edited data: `{data}` is the copy, `{out}` a file in the output folder.
#[rustfmt::skip]
const DATA_COMMANDS: &[&[&str]] = &[
    &["validate"],
    &["validate", "--format", "json"],
    &["export", "--graph", "all", "-o", "{out}/graph.trig"],
    &["export", "-o", "{out}/graph.rdf"],
    &[
        "export",
        "--profile",
        "wikidata",
        "-o",
        "{out}/graph.jsonld",
    ],
    &["query", "summits", "-f", "table", "-o", "{out}/summits.txt"],
    &["query", "evidence", "-f", "xml", "-o", "{out}/evidence.xml"],
    &["link", "--report", "-o", "{out}/report.txt"],
    &["quickstatements", "--create", "-o", "{out}/batch.tsv"],
];

fn data_args(command: &[&str], data: &Path, out: &Path) -> Vec<String> {
    let mut args = vec!["--data".to_owned(), data.display().to_string()];
    args.extend(
        command
            .iter()
            .map(|a| a.replace("{out}", &out.display().to_string())),
    );
    args
}

proptest! {
    #![proptest_config(config())]

    /// Edited facts files and article: every command ends deliberately.
    #[test]
    fn edited_data_never_panics(
        file in prop::sample::select(DATA_FILES.to_vec()),
        edits in prop::collection::vec(edit(), 1..5),
        commands in prop::sample::subsequence(DATA_COMMANDS, 2),
    ) {
        let data = data_copy();
        let out = temp_dir();
        let path = data.path().join(file);
        let mut bytes = fs::read(&path).unwrap();
        for edit in &edits {
            apply(&mut bytes, edit);
        }
        fs::write(&path, &bytes).unwrap();
        for command in commands {
            let args = data_args(command, data.path(), out.path());
            check_run(&args, out.path(), out.path())?;
            prop_assert!(temporary_files(data.path()).is_empty());
        }
    }
}
