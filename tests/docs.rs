//! The documentation's examples are what the program says: every `$ cica-kg ...` line of a
//! `console` block of README.md, ARCHITECTURE.md and the guide (`docs/*.md`) is run, and its
//! output (standard output, or standard error when it fails) must be the lines that follow it.
//! No page points outside the repository, and every relative link leads to a file that is
//! there.

use crate::common::{cica_kg, read, repo};
use std::path::PathBuf;

/// README.md, ARCHITECTURE.md and every chapter of the guide.
fn pages() -> Vec<PathBuf> {
    let mut pages = vec![repo().join("README.md"), repo().join("ARCHITECTURE.md")];
    let mut guide: Vec<PathBuf> = std::fs::read_dir(repo().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    guide.sort();
    pages.extend(guide);
    pages
}

/// One example: where it is, the arguments after `cica-kg`, and the output shown below them.
struct Example {
    page: String,
    line: usize,
    args: Vec<String>,
    output: String,
}

/// Splits a command line as a shell would for the README's examples: words separated by
/// spaces, and '...' quoted words.
fn words(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut started = false;
    for c in command.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                started = true;
            }
            ' ' if !quoted => {
                if started {
                    words.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            _ => {
                word.push(c);
                started = true;
            }
        }
    }
    assert!(!quoted, "an unclosed quote in {command:?}");
    if started {
        words.push(word);
    }
    words
}

/// The examples of a page's ```console blocks.
fn examples(page: &str, readme: &str) -> Vec<Example> {
    let mut examples: Vec<Example> = Vec::new();
    let mut in_console = false;
    for (i, line) in readme.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            in_console = line.trim() == "```console";
            continue;
        }
        if !in_console {
            continue;
        }
        if let Some(command) = line.strip_prefix("$ ") {
            let args = words(command);
            assert_eq!(args[0], "cica-kg", "{page} line {}: {line}", i + 1);
            examples.push(Example {
                page: page.to_owned(),
                line: i + 1,
                args: args[1..].to_vec(),
                output: String::new(),
            });
        } else if let Some(example) = examples.last_mut() {
            example.output.push_str(line);
            example.output.push('\n');
        }
    }
    for example in &mut examples {
        // A blank line separates one example from the next.
        let trimmed = example.output.trim_end_matches('\n').len();
        example.output.truncate(trimmed);
        example.output.push('\n');
    }
    examples
}

#[test]
fn the_documentation_s_examples_are_the_programs_output() {
    let mut examples = Vec::new();
    for page in pages() {
        let name = page.strip_prefix(repo()).unwrap().display().to_string();
        examples.extend(self::examples(&name, &read(&page)));
    }
    assert!(examples.len() >= 15, "{} examples", examples.len());
    let mut failures = Vec::new();
    for example in &examples {
        let mut args = example.args.clone();
        // On a terminal a query prints a table; here standard output is a pipe, so ask for it.
        let table = example
            .output
            .lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("--"));
        if table && !args.iter().any(|a| a == "-f" || a == "--format") {
            args.extend(["-f".to_owned(), "table".to_owned()]);
        }
        let output = cica_kg().args(&args).output().expect("cica-kg runs");
        let shown = if output.status.success() {
            &output.stdout
        } else {
            &output.stderr
        };
        let actual = String::from_utf8_lossy(shown).replace("\r\n", "\n");
        if actual != example.output {
            failures.push(format!(
                "{} line {}: cica-kg {}\n--- the page:\n{}--- cica-kg:\n{actual}",
                example.page,
                example.line,
                example.args.join(" "),
                example.output
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_documentation_points_nowhere_outside_the_repository() {
    for page in pages() {
        let text = read(&page);
        let dir = page.parent().unwrap();
        for (i, line) in text.lines().enumerate() {
            // Any path that climbs with `..`, in a link or in prose, leads to a file or folder of
            // the repository.
            for path in line
                .split(|c: char| c.is_whitespace() || "()[]<>`'\",;".contains(c))
                .map(|word| match word.strip_suffix('.') {
                    // A sentence's full stop, not a folder's `..`.
                    Some(path) if !path.ends_with('.') => path,
                    _ => word,
                })
                .filter(|word| word.starts_with("../") || word.contains("/../"))
            {
                assert!(
                    within(&repo(), &dir.join(path)).is_some_and(|p| p.exists()),
                    "{} line {}: {path} is not a path of the repository",
                    page.display(),
                    i + 1
                );
            }
            // Relative links: ](path) or ](path#anchor), not web addresses or anchors alone.
            for link in line.split("](").skip(1) {
                let target = link.split([')', '#']).next().unwrap_or("");
                if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
                    continue;
                }
                let path = dir.join(target);
                assert!(
                    path.exists(),
                    "{} line {}: the link to {target} leads nowhere",
                    page.display(),
                    i + 1
                );
                let inside = path.canonicalize().unwrap();
                assert!(
                    inside.starts_with(repo().canonicalize().unwrap()),
                    "{} line {}: {target} is outside the repository",
                    page.display(),
                    i + 1
                );
            }
        }
    }
}

/// `path` with its `..` and `.` folded away (without asking the file system), if it lies in
/// `root`.
fn within(root: &std::path::Path, path: &std::path::Path) -> Option<PathBuf> {
    use std::path::Component;
    let mut folded = PathBuf::new();
    for part in path.components() {
        match part {
            Component::ParentDir => {
                if !folded.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            other => folded.push(other),
        }
    }
    folded.starts_with(root).then_some(folded)
}
