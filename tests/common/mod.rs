//! Helpers shared by the integration tests: the binary, temporary folders, the Python peers,
//! the OWL API, and readable diffs.

#![allow(dead_code)]

pub mod owlapi;
pub mod oxigraph;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The `cica-kg` binary built by cargo, run from a temporary folder so that it cannot lean on
/// the repository's files.
pub fn cica_kg() -> Command {
    let mut command = Command::cargo_bin("cica-kg").expect("cargo builds the binary");
    command.current_dir(std::env::temp_dir());
    command
}

/// Runs `cica-kg ARGS`, asserts success, and returns standard output.
pub fn run_ok(args: &[&str]) -> String {
    let output = cica_kg().args(args).output().expect("cica-kg runs");
    assert!(
        output.status.success(),
        "cica-kg {} failed with {}:\n{}",
        args.join(" "),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("cica-kg writes UTF-8")
}

/// A fresh temporary folder, removed when dropped.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder can be made")
}

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the shipped `data/` folder in a temporary folder, to edit for a test.
pub fn data_copy() -> tempfile::TempDir {
    let dir = temp_dir();
    for entry in std::fs::read_dir(repo().join("data")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    dir
}

/// A program installed by scripts/test.sh into ./.venv, named by an environment variable
/// (`CICA_KG_PYTHON`, `CICA_KG_OXIGRAPH`) or found in ./.venv/bin. The interop tests need it:
/// without it they fail and say how to install it, rather than pass without checking.
pub fn peer(variable: &str, venv_name: &str) -> PathBuf {
    if let Some(path) = std::env::var_os(variable) {
        return PathBuf::from(path);
    }
    let path = repo().join(".venv/bin").join(venv_name);
    assert!(
        path.exists(),
        "{} is missing: run ./scripts/test.sh, which installs the test peers into .venv (or set {variable})",
        path.display()
    );
    path
}

/// The Python of ./.venv, with RDFLib and pySHACL.
pub fn python() -> PathBuf {
    peer("CICA_KG_PYTHON", "python")
}

/// Asserts two texts are equal, showing the differing lines when they are not.
pub fn assert_same_text(actual: &str, expected: &str, what: &str) {
    if actual == expected {
        return;
    }
    let mut report = String::new();
    let (a, e): (Vec<_>, Vec<_>) = (actual.lines().collect(), expected.lines().collect());
    for i in 0..a.len().max(e.len()) {
        let (al, el) = (a.get(i), e.get(i));
        if al != el {
            report.push_str(&format!(
                "line {}:\n  expected: {}\n  actual:   {}\n",
                i + 1,
                el.unwrap_or(&"<none>"),
                al.unwrap_or(&"<none>")
            ));
        }
    }
    panic!("{what} differs from what was expected:\n{report}");
}

/// Reads a file to a string.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Asserts that a finished command succeeded, showing `what` and its standard error if not,
/// and hands its output back.
pub fn checked(output: std::process::Output, what: impl std::fmt::Display) -> std::process::Output {
    assert!(
        output.status.success(),
        "{what} failed with {}:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    output
}
