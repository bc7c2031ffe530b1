//! `cica-kg --generate`: the man page renders with `man -l` and has every command (with the
//! query's predefined prefixes); the completion scripts load in bash, zsh and fish, and
//! complete a command's name there. The shells and man come from Debian (scripts/test.sh
//! installs them): without one, a test prints one line and skips, unless the `peers` feature
//! is on (as in ./scripts/test.sh), where it fails.

use crate::common::{checked, cica_kg, run_ok, temp_dir};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The program `name` on PATH, or `None` (with a line saying so) when it is missing; with the
/// `peers` feature a missing program fails.
fn tool(name: &str, package: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|path| is_program(path))
    });
    if found.is_none() {
        let message = format!(
            "{name} is missing: install the Debian package {package} (./scripts/test.sh does)"
        );
        if cfg!(feature = "peers") {
            panic!("{message}; the peers feature requires it");
        }
        println!("skipped: {message}");
    }
    found
}

/// Whether `path` is a file that may be run (on Unix, one with an execute bit).
fn is_program(path: &Path) -> bool {
    let Ok(metadata) = std::fs::metadata(path) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        metadata.is_file() && metadata.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        metadata.is_file()
    }
}

/// `cica-kg --generate WHAT`, saved as `file` in `dir`.
fn generated(what: &str, dir: &Path, file: &str) -> PathBuf {
    let path = dir.join(file);
    std::fs::write(&path, run_ok(&["--generate", what])).unwrap();
    path
}

/// Runs the program and returns its standard output, failing with its standard error.
fn output_of(command: &mut Command, what: &str) -> String {
    let output = checked(command.output().expect("the program runs"), what);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.is_empty(), "{what} complained:\n{stderr}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_man_page_renders_with_every_command_and_the_prefixes() {
    let Some(man) = tool("man", "man-db") else {
        return;
    };
    let dir = temp_dir();
    let page = generated("man", dir.path(), "cica-kg.1");
    let text = output_of(
        Command::new(man)
            .args(["--warnings", "-l"])
            .arg(&page)
            .env("MANWIDTH", "100")
            .env("MAN_KEEP_FORMATTING", ""),
        "man -l cica-kg.1",
    );
    for heading in [
        "NAME",
        "SYNOPSIS",
        "OPTIONS",
        "CICA-KG EXPORT",
        "CICA-KG QUERY",
        "CICA-KG LINK",
        "CICA-KG QUICKSTATEMENTS",
        "CICA-KG WIKIDATA",
        "CICA-KG WIKIDATA DIFF",
        "CICA-KG VALIDATE",
        "CICA-KG SERVE",
        "CICA-KG PUSH",
        "CICA-KG SOURCES",
    ] {
        assert!(
            text.lines().any(|line| line == heading),
            "the man page has no section {heading}:\n{text}"
        );
    }
    // The hidden worker command is left out, and so is clap's own `help`.
    assert!(!text.contains("SERVE-WORKER"), "{text}");
    assert!(!text.contains("CICA-KG HELP"), "{text}");
    // Options of the program and of a command, and query's list of predefined prefixes.
    assert!(text.contains("--generate <WHAT>"), "{text}");
    assert!(text.contains("--jsonld-form <JSONLD_FORM>"), "{text}");
    assert!(
        text.contains("Predefined prefixes (entity prefixes follow --base):"),
        "{text}"
    );
    assert!(
        text.contains("summit        <https://w3id.org/cica-kg/summit/>"),
        "{text}"
    );
}

#[test]
fn the_bash_completion_loads_and_completes_a_command() {
    let Some(bash) = tool("bash", "bash") else {
        return;
    };
    let dir = temp_dir();
    let script = generated("complete-bash", dir.path(), "cica-kg.bash");
    // `complete -p` prints how cica-kg is completed; then the completion function is asked
    // for the words that complete `cica-kg exp`, as bash would on TAB.
    let text = output_of(
        Command::new(bash).arg("-c").arg(format!(
            "source '{}' && complete -p cica-kg && \
             COMP_WORDS=(cica-kg exp) COMP_CWORD=1 COMP_LINE='cica-kg exp' COMP_POINT=11 && \
             _cica__kg cica-kg exp cica-kg && echo \"words: ${{COMPREPLY[*]}}\"",
            script.display()
        )),
        "bash loading the completion",
    );
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[0].starts_with("complete "), "{text}");
    assert!(lines[0].ends_with(" -F _cica__kg cica-kg"), "{text}");
    assert_eq!(lines[1], "words: export");
}

#[test]
fn the_zsh_completion_loads_and_is_registered() {
    let Some(zsh) = tool("zsh", "zsh") else {
        return;
    };
    let dir = temp_dir();
    let script = generated("complete-zsh", dir.path(), "_cica-kg");
    // compinit -D writes no dump file; $_comps maps a command to its completion function.
    let text = output_of(
        Command::new(zsh)
            .arg("-f")
            .arg("-c")
            .arg(format!(
                "autoload -Uz compinit && compinit -D && source '{}' && print -r -- \"$_comps[cica-kg]\"",
                script.display()
            ))
            .env("HOME", dir.path()),
        "zsh loading the completion",
    );
    assert_eq!(text, "_cica-kg\n");
}

#[test]
fn the_fish_completion_loads_and_completes_a_command() {
    let Some(fish) = tool("fish", "fish") else {
        return;
    };
    let dir = temp_dir();
    let script = generated("complete-fish", dir.path(), "cica-kg.fish");
    // `complete -C` prints the candidates fish offers for the command line so far.
    let text = output_of(
        Command::new(fish)
            .arg("--no-config")
            .arg("-c")
            .arg(format!(
                "source '{}'; and complete -C 'cica-kg exp'",
                script.display()
            ))
            .env("HOME", dir.path())
            .env("XDG_CONFIG_HOME", dir.path())
            .env("XDG_DATA_HOME", dir.path()),
        "fish loading the completion",
    );
    let first = text.lines().next().unwrap_or("");
    assert!(
        first.starts_with("export\tWrite the graph as RDF"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 1, "{text}");
}

#[test]
fn the_powershell_completion_registers_a_completer_for_cica_kg() {
    // No PowerShell on Debian's archive: the script is only checked to be the completer.
    let text = run_ok(&["--generate", "complete-powershell"]);
    assert!(
        text.contains("Register-ArgumentCompleter -Native -CommandName 'cica-kg'"),
        "{text}"
    );
}

#[test]
fn generate_with_a_command_is_refused() {
    let output = cica_kg()
        .args(["--generate", "man", "export"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr
            .starts_with("error: the argument '--generate <WHAT>' cannot be used with a command\n"),
        "{stderr}"
    );
}
