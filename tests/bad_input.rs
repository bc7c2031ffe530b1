//! The bad-input catalogue: each case breaks one thing (a facts file, the article, a query, an
//! option, an output path, a graph file) in a temporary copy of the data, runs cica-kg, and
//! asserts that it fails with exit status 2 (it could not run, and did not panic) with a
//! message that names the file (with line and column where there is one) and says what to
//! change, and that the output folder is exactly as it was: no output file created, an
//! existing one byte-for-byte unchanged, no temporary file left.
//!
//! The cases that break the facts also run `cica-kg validate`, which must exit with 1 and print
//! the same message. Expected messages are written here by hand from what each case breaks;
//! line numbers are counted from the edited file's text, never taken from cica-kg's output.

use crate::common::{cica_kg, data_copy, read, temp_dir};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where a case runs: a copy of `data/` to break, and the output folder whose contents must
/// not change.
pub(crate) struct Ctx {
    pub(crate) data: PathBuf,
    pub(crate) out: PathBuf,
}

impl Ctx {
    pub(crate) fn data(&self, file: &str) -> PathBuf {
        self.data.join(file)
    }

    pub(crate) fn shown(&self, file: &str) -> String {
        self.data(file).display().to_string()
    }
}

/// One bad input.
pub(crate) struct Case {
    pub(crate) name: &'static str,
    /// Breaks the input and returns the expected message fragments (the first names the file,
    /// line and column where there is one; another says what to change). A fragment that
    /// starts with `!` must not be in the message (a problem that must not be reported).
    pub(crate) setup: fn(&Ctx) -> Vec<String>,
    /// The arguments. `{data}` is the data copy, `{out}` the output folder, and `{file}` an
    /// output file in it: the case runs once with a new file and once with an existing one.
    pub(crate) args: &'static [&'static str],
    /// Whether the facts are broken, so that `validate` must report it too (exit status 1).
    pub(crate) facts: bool,
}

/// The line (1-based) of `path` that is exactly `line`, which must occur once.
pub(crate) fn line_of(path: &Path, line: &str) -> usize {
    let lines: Vec<usize> = read(path)
        .lines()
        .enumerate()
        .filter(|(_, l)| *l == line)
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(lines.len(), 1, "{line:?} is not once in {}", path.display());
    lines[0]
}

/// Replaces the one line of `path` that is exactly `old`; returns its line number.
pub(crate) fn replace_line(path: &Path, old: &str, new: &str) -> usize {
    let at = line_of(path, old);
    let text: Vec<String> = read(path)
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i + 1 == at {
                new.to_owned()
            } else {
                l.to_owned()
            }
        })
        .collect();
    std::fs::write(path, text.join("\n") + "\n").unwrap();
    at
}

/// Replaces the line `old` inside the `[[statement]]` about `subject` and `property`; returns
/// its line number.
pub(crate) fn replace_in_statement(
    path: &Path,
    subject: &str,
    property: &str,
    old: &str,
    new: &str,
) -> usize {
    let text = read(path);
    let head = format!("[[statement]]\nsubject = \"{subject}\"\nproperty = \"{property}\"\n");
    let start = text.find(&head).expect("the statement is in the facts");
    let offset = start
        + text[start..]
            .find(&format!("\n{old}\n"))
            .expect("the line is in the statement")
        + 1;
    std::fs::write(
        path,
        format!("{}{new}{}", &text[..offset], &text[offset + old.len()..]),
    )
    .unwrap();
    text[..offset].matches('\n').count() + 1
}

/// Appends `block` after an empty line; returns the line number of its first line.
pub(crate) fn append(path: &Path, block: &str) -> usize {
    let text = read(path);
    assert!(text.ends_with('\n'));
    std::fs::write(path, format!("{text}\n{block}")).unwrap();
    text.lines().count() + 2
}

const FACTS_HELP: &str = "fix the TOML; the header of data/cica-backgrounder.toml lists the fields";

fn cases() -> Vec<Case> {
    let mut cases = vec![
        // ── The facts files ──────────────────────────────────────────────────────
        Case {
            name: "malformed TOML",
            setup: |c| {
                let path = c.data("cica-backgrounder.toml");
                let line = replace_in_statement(
                    &path,
                    "organization/cica",
                    "memberCount",
                    "integer = 27",
                    "integer = 27 member states",
                );
                vec![
                    format!("{}:{line}:", path.display()),
                    "invalid facts file".into(),
                    FACTS_HELP.into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "unknown field",
            setup: |c| {
                let path = c.data("entities.toml");
                let line = replace_line(
                    &path,
                    "label = \"Almaty\"",
                    "label = \"Almaty\"\ncolour = \"blue\"",
                ) + 1;
                vec![
                    format!(
                        "{}:{line}:1: invalid facts file: unknown field `colour`, expected one of",
                        path.display()
                    ),
                    "`label`".into(),
                    FACTS_HELP.into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "missing required field",
            setup: |c| {
                let path = c.data("cica-backgrounder.toml");
                let text = read(&path).replacen(
                    "integer = 27\npoint_in_time = \"2022-10-12\"\nquote = \"Currently, the CICA has 27 member states\"\n",
                    "integer = 27\npoint_in_time = \"2022-10-12\"\n",
                    1,
                );
                std::fs::write(&path, text).unwrap();
                // The [[statement]] table that lacks it, three lines above its integer.
                let line = line_of(&path, "integer = 27") - 3;
                vec![
                    format!("{}:{line}:", path.display()),
                    "missing field `quote`".into(),
                    FACTS_HELP.into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "wrong TOML type",
            setup: |c| {
                let path = c.data("cica-backgrounder.toml");
                let line = replace_in_statement(
                    &path,
                    "organization/cica",
                    "memberCount",
                    "integer = 27",
                    "integer = \"27\"",
                );
                vec![
                    format!("{}:{line}:11: invalid facts file: invalid type: string \"27\", expected i64", path.display()),
                    FACTS_HELP.into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "wrong value type for the property",
            setup: |c| {
                let path = c.data("cica-backgrounder.toml");
                let line = replace_in_statement(
                    &path,
                    "organization/cica",
                    "memberCount",
                    "integer = 27",
                    "text = \"27\"",
                );
                vec![
                    format!("{}:{line}:8: property 'memberCount' takes an integer value, not a text value", path.display()),
                    "write integer = ... instead of text = ...".into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "duplicate entity id",
            setup: |c| {
                let path = c.data("entities.toml");
                let first = line_of(&path, "id = \"place/almaty\"");
                let line = append(
                    &path,
                    "[[entity]]\nid = \"place/almaty\"\nclass = \"City\"\nlabel = \"Alma-Ata\"\n",
                ) + 1;
                let shown = path.display();
                vec![
                    format!("{shown}:{line}:6: duplicate entity id 'place/almaty' (first defined at {shown}:{first}:6)"),
                    "give each entity its own id, or merge the two".into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "statement about an unknown entity",
            setup: |c| {
                let path = c.data("cica-backgrounder.toml");
                let line = append(&path, "[[statement]]\nsubject = \"summit/7\"\nproperty = \"ordinal\"\ninteger = 7\nquote = \"The sixth summit\"\n") + 1;
                vec![
                    format!(
                        "{}:{line}:11: subject 'summit/7' is not a known entity",
                        path.display()
                    ),
                    "did you mean 'summit/".into(),
                    "Otherwise add an [[entity]] with this id".into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "unknown property",
            setup: |c| {
                let path = c.data("cica-backgrounder.toml");
                let line = replace_in_statement(
                    &path,
                    "summit/1",
                    "location",
                    "property = \"location\"",
                    "property = \"locaton\"",
                );
                vec![
                    format!("{}:{line}:12: unknown property 'locaton'", path.display()),
                    "did you mean 'location'? use one of: adopted, aim,".into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "impossible date (2002-13)",
            setup: |c| {
                let path = c.data("cica-backgrounder.toml");
                let line = replace_in_statement(
                    &path,
                    "summit/1",
                    "startDate",
                    "date = \"2002-06\"",
                    "date = \"2002-13\"",
                );
                vec![
                    format!(
                        "{}:{line}:8: invalid date '2002-13': month 13 does not exist (01 to 12)",
                        path.display()
                    ),
                    "write a year \"1992\", a month \"2002-06\" or a day \"2022-10-12\"".into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "a quote not in the article",
            setup: |c| {
                let path = c.data("cica-backgrounder.toml");
                let line = replace_in_statement(
                    &path,
                    "organization/cica",
                    "memberCount",
                    "quote = \"Currently, the CICA has 27 member states\"",
                    "quote = \"Currently, the CICA has 27 members\"",
                );
                vec![
                    format!("{}:{line}:9: quote not found in the source article cica-backgrounder.txt: \"Currently, the CICA has 27 members\"", path.display()),
                    "copy the words exactly as the article prints them".into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "a quote found twice",
            setup: |c| {
                let path = c.data("cica-backgrounder.toml");
                // "in June 2006": the second summit and the launch of the secretariat.
                let line = replace_in_statement(
                    &path,
                    "summit/2",
                    "startDate",
                    "quote = \"in Almaty in June 2006\"",
                    "quote = \"in June 2006\"",
                );
                vec![
                    format!("{}:{line}:9: quote found 2 times in cica-backgrounder.txt, so its offsets are ambiguous: \"in June 2006\"", path.display()),
                    "lengthen the quote with the words around it until it occurs once".into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "malformed QID",
            setup: |c| {
                let path = c.data("entities.toml");
                let line = replace_line(&path, "wikidata = \"Q232\"", "wikidata = \"Q0232\"");
                vec![
                    format!(
                        "{}:{line}:12: malformed Wikidata QID: 'Q0232' is not a Wikidata QID",
                        path.display()
                    ),
                    "write it as Q followed by digits, such as \"Q232\", or leave wikidata out"
                        .into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "a source url that is not an http(s) address",
            setup: |c| {
                let path = c.data("cica-backgrounder.toml");
                let line = replace_line(
                    &path,
                    "url = \"https://english.news.cn/20221012/5b362cce06d345519b5f960a41ae9f30/c.html\"",
                    "url = \"english.news.cn/20221012\"",
                );
                vec![
                    format!(
                        "{}:{line}:7: invalid url 'english.news.cn/20221012'",
                        path.display()
                    ),
                    "write the address where the article is published".into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "empty label",
            setup: |c| {
                let path = c.data("entities.toml");
                let line = replace_line(&path, "label = \"Almaty\"", "label = \" \"");
                vec![
                    format!(
                        "{}:{line}:9: entity 'place/almaty' has an empty label",
                        path.display()
                    ),
                    "write its English name in label".into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "negative count",
            setup: |c| {
                let path = c.data("cica-backgrounder.toml");
                let line = replace_in_statement(
                    &path,
                    "organization/cica",
                    "memberCount",
                    "integer = 27",
                    "integer = -27",
                );
                vec![
                    format!("{}:{line}:11: negative count -27", path.display()),
                    "counts and ordinals are zero or more".into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "unknown class",
            setup: |c| {
                let path = c.data("entities.toml");
                // Almaty's class, the line above its label.
                let line = line_of(&path, "label = \"Almaty\"") - 1;
                let text = read(&path);
                let mut lines: Vec<&str> = text.lines().collect();
                assert_eq!(lines[line - 1], "class = \"City\"");
                lines[line - 1] = "class = \"Town\"";
                std::fs::write(&path, lines.join("\n") + "\n").unwrap();
                vec![
                    format!("{}:{line}:9: unknown class 'Town'", path.display()),
                    "use one of: AssemblySession, City, Continent, Country,".into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "invalid entity id",
            setup: |c| {
                let path = c.data("entities.toml");
                let line = append(
                    &path,
                    "[[entity]]\nid = \"Place/Bishkek\"\nclass = \"City\"\nlabel = \"Bishkek\"\n",
                ) + 1;
                vec![
                    format!("{}:{line}:6: invalid entity id 'Place/Bishkek'", path.display()),
                    "write it as kind/slug with kind one of document, event, mechanism, organization, place, summit".into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "an entity id whose kind does not fit its class",
            setup: |c| {
                let path = c.data("entities.toml");
                // A summit/ id cannot name a City (whose ids start with place/).
                let line = append(
                    &path,
                    "[[entity]]\nid = \"summit/x\"\nclass = \"City\"\nlabel = \"Nowhere\"\n",
                ) + 2;
                vec![
                    format!(
                        "{}:{line}:9: entity 'summit/x' is a summit, so it cannot be of class 'City' (whose ids start with place/)",
                        path.display()
                    ),
                    "give it one of the classes of summit/ ids: Summit, or an id that starts with place/".into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "a statement with two values",
            setup: |c| {
                let path = c.data("cica-backgrounder.toml");
                let line = append(&path, "[[statement]]\nsubject = \"organization/cica\"\nproperty = \"observerCount\"\ninteger = 14\ntext = \"fourteen\"\nquote = \"14 observer states and organizations\"\n");
                // Reported at the value written second: text, four lines down.
                vec![
                    format!(
                        "{}:{}:8: statement has more than one value",
                        path.display(),
                        line + 4
                    ),
                    "keep only integer = ...".into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "statements without a [source]",
            setup: |c| {
                let path = c.data("more.toml");
                std::fs::write(&path, "[[statement]]\nsubject = \"summit/6\"\nproperty = \"ordinal\"\ninteger = 6\nquote = \"The sixth summit\"\n").unwrap();
                vec![
                    format!("{}:1:1: statements without a [source]", path.display()),
                    "add a [source] table naming the article these statements quote".into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "a facts file that is not UTF-8",
            setup: |c| {
                let path = c.data("entities.toml");
                let text = read(&path);
                let mut bytes = text.clone().into_bytes();
                bytes.extend_from_slice(b"\n# caf\xe9\n");
                std::fs::write(&path, bytes).unwrap();
                // The byte after "\n# caf", on the second line after the old text.
                vec![
                    format!(
                        "{}:{}:6: the file is not UTF-8 (invalid byte at byte offset {})",
                        path.display(),
                        text.lines().count() + 2,
                        text.len() + 6
                    ),
                    "save the file as UTF-8".into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "an article that is not UTF-8",
            setup: |c| {
                let path = c.data("cica-backgrounder.txt");
                let text = read(&path);
                let mut bytes = text.clone().into_bytes();
                bytes.push(0xff);
                std::fs::write(&path, bytes).unwrap();
                let last_line = text.rsplit('\n').next().unwrap();
                vec![
                    format!(
                        "{}:{}:{}: the file is not UTF-8 (invalid byte at byte offset {})",
                        path.display(),
                        text.matches('\n').count() + 1,
                        last_line.chars().count() + 1,
                        text.len()
                    ),
                    "save the file as UTF-8".into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "a missing source article",
            setup: |c| {
                std::fs::remove_file(c.data("cica-backgrounder.txt")).unwrap();
                let facts = c.data("cica-backgrounder.toml");
                let line = line_of(&facts, "file = \"cica-backgrounder.txt\"");
                vec![
                    format!(
                        "{}:{line}:8: source article {} not found",
                        facts.display(),
                        c.shown("cica-backgrounder.txt")
                    ),
                    "put the article's text file beside the facts file, or correct `file`".into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "an article that is a link to /dev/zero",
            setup: |c| {
                let path = c.data("cica-backgrounder.txt");
                std::fs::remove_file(&path).unwrap();
                std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
                vec![
                    format!("{}: {} is a device, not a regular file", path.display(), path.display()),
                    "give a regular text file (a link must lead to one)".into(),
                    "!not found".into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "a facts file that is a link to /dev/zero",
            setup: |c| {
                let path = c.data("more.toml");
                std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
                vec![
                    format!("{}: {} is a device, not a regular file", path.display(), path.display()),
                    "give a regular text file (a link must lead to one)".into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "an empty facts directory",
            setup: |c| {
                for entry in std::fs::read_dir(&c.data).unwrap() {
                    std::fs::remove_file(entry.unwrap().path()).unwrap();
                }
                vec![
                    format!(
                        "{}: no facts files (*.toml) in the data folder",
                        c.data.display()
                    ),
                    "put the facts files there, or use the data shipped in the program".into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        Case {
            name: "a missing facts directory",
            setup: |c| {
                std::fs::remove_dir_all(&c.data).unwrap();
                vec![
                    format!("{}: cannot read the data folder", c.data.display()),
                    "give a data folder that holds the *.toml facts files".into(),
                ]
            },
            args: &["export", "-o", "{file}"],
            facts: true,
        },
        // ── Queries ──────────────────────────────────────────────────────────────
        Case {
            name: "a SPARQL syntax error (line and column)",
            setup: |c| {
                let path = c.data("bad.rq");
                std::fs::write(&path, "SELECT ?s\nWHER { ?s ?p ?o }\nLIMIT 1\n").unwrap();
                // WHERE is misspelt: line 2, column 1.
                vec![
                    format!("{}:2:1: SPARQL syntax error near 'WHER'", path.display()),
                    "\n  WHER { ?s ?p ?o }\n".into(),
                ]
            },
            args: &["query", "{data}/bad.rq", "-o", "{file}"],
            facts: false,
        },
        Case {
            name: "an unknown named query",
            setup: |_| {
                vec![
                    "unknown query 'no-such-question'".into(),
                    "give a .rq file, an inline query, or one of the named queries:".into(),
                    " summits".into(),
                ]
            },
            args: &["query", "no-such-question", "-o", "{file}"],
            facts: false,
        },
        Case {
            name: "a query file that does not exist",
            setup: |c| {
                vec![
                    format!("cannot read the query file {}", c.shown("none.rq")),
                    "check the path, or give a named query (see cica-kg query --list)".into(),
                ]
            },
            args: &["query", "{data}/none.rq", "-o", "{file}"],
            facts: false,
        },
        Case {
            name: "a query file that is not UTF-8",
            setup: |c| {
                let path = c.data("latin1.rq");
                std::fs::write(&path, b"# caf\xe9\nSELECT * { ?s ?p ?o }\n").unwrap();
                vec![
                    format!("{}: the query file is not UTF-8", path.display()),
                    "save it as UTF-8".into(),
                ]
            },
            args: &["query", "{data}/latin1.rq", "-o", "{file}"],
            facts: false,
        },
        Case {
            name: "a --bind with an unknown prefix",
            setup: |_| {
                vec![
                    "--bind: 'subject=nope:1': unknown prefix 'nope:'".into(),
                    "use one of ".into(),
                    "summit".into(),
                ]
            },
            args: &[
                "query",
                "evidence",
                "--bind",
                "subject=nope:1",
                "-o",
                "{file}",
            ],
            facts: false,
        },
        Case {
            name: "a query file that is a FIFO",
            setup: |c| {
                let path = c.data("pipe.rq");
                mkfifo(&path);
                vec![
                    format!("the query file {} is a FIFO (named pipe), not a regular file", path.display()),
                    "give the path of a file".into(),
                ]
            },
            args: &["query", "{data}/pipe.rq", "-o", "{file}"],
            facts: false,
        },
        Case {
            name: "a query file that is a folder",
            setup: |c| {
                std::fs::create_dir(c.data("folder.rq")).unwrap();
                vec![format!(
                    "the query file {} is a folder, not a regular file; give the path of a file",
                    c.shown("folder.rq")
                )]
            },
            args: &["query", "{data}/folder.rq", "-o", "{file}"],
            facts: false,
        },
        Case {
            name: "a query file over the 16 MiB cap",
            setup: |c| {
                sparse_file(&c.data("huge.rq"), (16 << 20) + 1);
                vec![format!(
                    "the query file {} is larger than the 16 MiB cap for query files; give a smaller file",
                    c.shown("huge.rq")
                )]
            },
            args: &["query", "{data}/huge.rq", "-o", "{file}"],
            facts: false,
        },
        Case {
            name: "a query on which the query engine panics",
            setup: |_| {
                vec![
                    "the query engine failed: user-provided comparison function does not correctly implement a total order".into(),
                    "this is a bug in the query engine, please report it with the query".into(),
                ]
            },
            args: &[
                "query",
                "-e",
                "SELECT ?o ?z { ?s ?p ?o FILTER(isLiteral(?o)) ?x ?y ?z FILTER(isLiteral(?z)) } ORDER BY ?o ?z",
                "-o",
                "{file}",
            ],
            facts: false,
        },
        Case {
            name: "a query that runs past its --timeout",
            setup: |_| {
                vec![
                    "the query took longer than 1 s (--timeout)".into(),
                    "give it more time with --timeout SECONDS".into(),
                ]
            },
            args: &[
                "query",
                "--timeout",
                "1",
                "-e",
                "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
                "-o",
                "{file}",
            ],
            facts: false,
        },
        Case {
            name: "a runaway sort past its --max-query-memory",
            setup: |_| {
                vec![
                    "the query used more than 100 MiB (--max-query-memory)".into(),
                    "give it more with --max-query-memory SIZE (at most 1TiB), or ask for less"
                        .into(),
                ]
            },
            args: &[
                "query",
                "--max-query-memory",
                "100MiB",
                "-e",
                "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c LIMIT 1",
                "-o",
                "{file}",
            ],
            facts: false,
        },
        Case {
            name: "a SERVICE to an endpoint that is not allowed",
            setup: |_| {
                vec![
                    "SERVICE <http://127.0.0.1:9/sparql>: not an allowed endpoint".into(),
                    "so it was not called".into(),
                    "--allow-service URL allows it".into(),
                ]
            },
            args: &[
                "query",
                "-e",
                "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
                "-o",
                "{file}",
            ],
            facts: false,
        },
        Case {
            name: "an RDF/XML entity bomb as the graph file",
            setup: |c| {
                let path = c.data("laughs.rdf");
                std::fs::write(&path, entity_bomb()).unwrap();
                vec![
                    format!("{}: the RDF/XML declares XML entities (<!ENTITY in its DTD), which are refused", path.display()),
                    "write their text out in full, or give the graph in another format".into(),
                ]
            },
            args: &["validate", "--graph-file", "{data}/laughs.rdf"],
            facts: false,
        },
        Case {
            name: "a graph file that is a FIFO",
            setup: |c| {
                let path = c.data("pipe.ttl");
                mkfifo(&path);
                vec![format!(
                    "{} is a FIFO (named pipe), not a regular file; give the path of a file",
                    path.display()
                )]
            },
            args: &["validate", "--graph-file", "{data}/pipe.ttl"],
            facts: false,
        },
        Case {
            name: "a graph file over the 256 MiB cap",
            setup: |c| {
                sparse_file(&c.data("huge.nt"), (256 << 20) + 1);
                vec![format!(
                    "{} is larger than the 256 MiB cap for graph files; give a smaller file",
                    c.shown("huge.nt")
                )]
            },
            args: &["validate", "--graph-file", "{data}/huge.nt"],
            facts: false,
        },
        Case {
            name: "a query file nested 5,000 levels deep",
            setup: |c| {
                // Aborted cica-kg with a stack overflow (exit 134) before the nesting limit.
                let text = format!("ASK\n{}{}", "{".repeat(5000), "}".repeat(5000));
                std::fs::write(c.data("deep.rq"), text).unwrap();
                vec![
                    // The 65th `{` of line 2.
                    format!("{}:2:65: brackets ({{, ( and [) and NOT (!) nest more than 64 levels deep here, past the limit of 64 levels of nesting", c.shown("deep.rq")),
                    "flatten it".into(),
                ]
            },
            args: &["query", "{data}/deep.rq", "-o", "{file}"],
            facts: false,
        },
        Case {
            name: "a query file of NOT inside NOT 30 levels deep",
            setup: |c| {
                // Took hours: spargebra parses the operand of each `!` twice.
                let text = format!("ASK {{ FILTER({}1{}) }}", "!(".repeat(30), ")".repeat(30));
                std::fs::write(c.data("negations.rq"), text).unwrap();
                // "ASK { FILTER(" is 13 characters; the 5th "!(" starts at 22, its `(` is 23.
                vec![
                    format!("{}:1:23: NOT (!) is applied inside NOT more than 4 levels deep here, past the limit of 4 nested negations", c.shown("negations.rq")),
                    "simplify the condition".into(),
                ]
            },
            args: &["query", "{data}/negations.rq", "-o", "{file}"],
            facts: false,
        },
        Case {
            name: "a JSON-LD graph file nested 2,000 levels deep",
            setup: |c| {
                // 12 KB that took 765 MB (oxjsonld's memory is quadratic in the depth).
                let head = r#"{"@context":{"@vocab":"http://x/"},"@id":"http://x/a","p":"#;
                let n = 2000;
                let text = format!("{head}{}\"v\"{}}}", r#"{"p":"#.repeat(n), "}".repeat(n));
                std::fs::write(c.data("deep.jsonld"), text).unwrap();
                // Level 1 is the outer object; level 65 is the 64th {"p": (5 characters each).
                let column = head.len() + 63 * 5 + 1;
                vec![
                    format!("{}: 1:{column}: JSON objects and arrays nest more than 64 levels deep here, past the limit of 64 levels of nesting", c.shown("deep.jsonld")),
                    "flatten it".into(),
                ]
            },
            args: &["validate", "--graph-file", "{data}/deep.jsonld"],
            facts: false,
        },
        Case {
            name: "a JSON-LD graph file of scoped contexts nested 10,000 levels deep",
            setup: |c| {
                // 760 KB that overflowed the stack (exit 134).
                let n = 10_000;
                let open = r#"{"p":{"@id":"http://x/p","@context":"#;
                let text = format!(
                    r#"{{"@context":{}{{"@vocab":"http://x/"}}{},"@id":"http://x/a","p":"v"}}"#,
                    open.repeat(n),
                    "}}".repeat(n)
                );
                std::fs::write(c.data("contexts.jsonld"), text).unwrap();
                // The outer object is level 1, then two levels for each scoped context: level
                // 65 is the second `{` of the 32nd.
                let column = r#"{"@context":"#.len() + 31 * open.len() + r#"{"p":"#.len() + 1;
                vec![format!("{}: 1:{column}: JSON objects and arrays nest more than 64 levels deep here", c.shown("contexts.jsonld"))]
            },
            args: &["validate", "--graph-file", "{data}/contexts.jsonld"],
            facts: false,
        },
        Case {
            name: "a Turtle graph file of blank nodes nested 100,000 levels deep",
            setup: |c| {
                let head = "<http://x/a> <http://x/p> ";
                let n = 100_000;
                let text = format!("{head}{}1{} .\n", "[<http://x/p> ".repeat(n), "]".repeat(n));
                std::fs::write(c.data("deep.ttl"), text).unwrap();
                let column = head.len() + 64 * "[<http://x/p> ".len() + 1;
                vec![format!("{}: 1:{column}: brackets ({{, ( and [) nest more than 64 levels deep here, past the limit of 64 levels of nesting", c.shown("deep.ttl"))]
            },
            args: &["validate", "--graph-file", "{data}/deep.ttl"],
            facts: false,
        },
        Case {
            name: "a TriG graph file of collections nested 100,000 levels deep",
            setup: |c| {
                let head = "<http://x/g> { <http://x/a> <http://x/p> ";
                let n = 100_000;
                let text = format!("{head}{}{} . }}\n", "(".repeat(n), ")".repeat(n));
                std::fs::write(c.data("deep.trig"), text).unwrap();
                // The graph's `{` is level 1.
                let column = head.len() + 63 + 1;
                vec![format!("{}: 1:{column}: brackets ({{, ( and [) nest more than 64 levels deep here", c.shown("deep.trig"))]
            },
            args: &["validate", "--graph-file", "{data}/deep.trig"],
            facts: false,
        },
        Case {
            name: "an RDF/XML graph file nested 100,000 elements deep",
            setup: |c| {
                let head = r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:x="http://x/"><rdf:Description rdf:about="http://x/a">"#;
                let n = 100_000;
                let open = "<x:p><rdf:Description>";
                let text = format!("{head}{}{}</rdf:Description></rdf:RDF>", open.repeat(n), "</rdf:Description></x:p>".repeat(n));
                std::fs::write(c.data("deep.rdf"), text).unwrap();
                // rdf:RDF and the first description are levels 1 and 2; level 65 is the
                // first element of the 32nd repetition.
                let column = head.len() + 31 * open.len() + 1;
                vec![format!("{}: 1:{column}: XML elements nest more than 64 levels deep here", c.shown("deep.rdf"))]
            },
            args: &["validate", "--graph-file", "{data}/deep.rdf"],
            facts: false,
        },
        Case {
            name: "XML results of a value that XML 1.0 cannot carry (U+0001)",
            setup: |_| {
                vec!["the data holds the character U+0001, which XML 1.0 cannot carry, so it cannot be written as XML results; choose another format".into()]
            },
            args: &[
                "query",
                "-e",
                "SELECT ?x { BIND(\"a\\u0001b\" AS ?x) }",
                "-f",
                "xml",
                "-o",
                "{file}",
            ],
            facts: false,
        },
        Case {
            name: "RDF/XML of a value that XML 1.0 cannot carry (U+0001)",
            setup: |_| {
                vec!["the data holds the character U+0001, which XML 1.0 cannot carry, so it cannot be written as RDF/XML; choose another format".into()]
            },
            args: &[
                "query",
                "-e",
                "CONSTRUCT { <http://x/a> <http://x/p> \"a\\u0001b\" } {}",
                "--rdf-format",
                "rdfxml",
                "-o",
                "{file}",
            ],
            facts: false,
        },
        // ── Options ──────────────────────────────────────────────────────────────
        Case {
            name: "an unknown output format",
            setup: |_| {
                vec![
                    "invalid value 'yaml' for '--format <FORMAT>'".into(),
                    "[possible values: turtle, ntriples, nquads, trig, rdfxml, jsonld]".into(),
                ]
            },
            args: &["export", "--format", "yaml", "-o", "{file}"],
            facts: false,
        },
        Case {
            name: "--generate with a command",
            setup: |_| {
                vec![
                    "the argument '--generate <WHAT>' cannot be used with".into(),
                    "cica-kg --generate <WHAT>".into(),
                ]
            },
            args: &["--generate", "man", "export", "-o", "{file}"],
            facts: false,
        },
        Case {
            name: "a --service-timeout out of its range",
            setup: |_| {
                vec![
                    "invalid value '9223372036854775807' for '--service-timeout <SECONDS>'".into(),
                    "9223372036854775807 is not in 1..=3600".into(),
                ]
            },
            args: &[
                "query",
                "summits",
                "--service-timeout",
                "9223372036854775807",
                "-o",
                "{file}",
            ],
            facts: false,
        },
        Case {
            name: "a --max-query-memory below its range",
            setup: |_| {
                vec![
                    "invalid value '8MiB' for '--max-query-memory <SIZE>'".into(),
                    "8MiB is out of range: give a size from 16MiB to 1TiB".into(),
                ]
            },
            args: &[
                "query",
                "summits",
                "--max-query-memory",
                "8MiB",
                "-o",
                "{file}",
            ],
            facts: false,
        },
        Case {
            name: "a --max-query-memory of serve above its range",
            setup: |_| {
                vec![
                    "invalid value '2TiB' for '--max-query-memory <SIZE>'".into(),
                    "2TiB is out of range: give a size from 16MiB to 1TiB".into(),
                ]
            },
            args: &["serve", "--max-query-memory", "2TiB"],
            facts: false,
        },
        Case {
            name: "a --max-query-memory without a unit",
            setup: |_| {
                vec![
                    "invalid value '512' for '--max-query-memory <SIZE>'".into(),
                    "'512' is not a size: give a number and a unit, such as 512MiB or 1GiB".into(),
                ]
            },
            args: &["serve", "--max-query-memory", "512"],
            facts: false,
        },
        Case {
            name: "an output file whose extension names no format",
            setup: |c| {
                vec![
                    format!(
                        "cannot tell the format of {} from its extension 'yaml'",
                        c.out.join("graph.yaml").display()
                    ),
                    "give --format, one of: turtle, ntriples, nquads, trig, rdfxml, jsonld".into(),
                ]
            },
            args: &["export", "-o", "{out}/graph.yaml"],
            facts: false,
        },
        Case {
            name: "an invalid --base IRI",
            setup: |_| {
                vec![
                    "--base: invalid base IRI <not an iri>".into(),
                    "give an absolute IRI such as https://w3id.org/cica-kg/".into(),
                ]
            },
            args: &["--base", "not an iri", "export", "-o", "{file}"],
            facts: false,
        },
        Case {
            name: "a --base that does not end a namespace",
            setup: |_| {
                vec![
                    "--base: invalid base IRI <https://example.org/kg>".into(),
                    "it must end with '/' or '#', such as https://w3id.org/cica-kg/".into(),
                ]
            },
            args: &["--base", "https://example.org/kg", "export", "-o", "{file}"],
            facts: false,
        },
        // ── Output paths ─────────────────────────────────────────────────────────
        Case {
            name: "an output path in a missing directory",
            setup: |c| {
                vec![
                    format!(
                        "cannot write {}: the directory {} does not exist",
                        c.out.join("missing/graph.ttl").display(),
                        c.out.join("missing").display()
                    ),
                    "create it first or choose another path".into(),
                ]
            },
            args: &["export", "-o", "{out}/missing/graph.ttl"],
            facts: false,
        },
        Case {
            name: "an output path that is a directory",
            setup: |c| {
                let folder = c.out.join("folder");
                vec![
                    format!("output path {} is a directory", folder.display()),
                    format!("give a file name, such as {}/cica-kg.ttl", folder.display()),
                ]
            },
            args: &["export", "-o", "{out}/folder"],
            facts: false,
        },
        Case {
            name: "an unwritable (read-only) output file",
            setup: |c| {
                vec![
                    format!(
                        "cannot write {}: the file is read-only",
                        c.out.join("read-only.ttl").display()
                    ),
                    "make it writable (chmod u+w) or choose another path".into(),
                ]
            },
            args: &["export", "-o", "{out}/read-only.ttl"],
            facts: false,
        },
        Case {
            name: "an output device with no space left",
            setup: |_| {
                vec![
                    "cannot write /dev/full: No space left on device".into(),
                    "free some space, or choose another path".into(),
                ]
            },
            args: &["export", "-o", "/dev/full"],
            facts: false,
        },
        Case {
            name: "an output path that names no file",
            setup: |c| {
                vec![format!(
                    "output path '{}' names no file; give a file name, such as cica-kg.ttl",
                    c.out.join("missing/..").display()
                )]
            },
            args: &["export", "-o", "{out}/missing/.."],
            facts: false,
        },
        Case {
            name: "an article to draft that is not UTF-8",
            setup: |c| {
                std::fs::write(c.data("latin1.txt"), b"ASTANA, Oct. 12 -- Caf\xe9 talks.").unwrap();
                vec![
                    format!("{} is not UTF-8 (invalid byte at byte offset 22)", c.shown("latin1.txt")),
                    "save it as UTF-8".into(),
                ]
            },
            args: &["draft", "{data}/latin1.txt"],
            facts: false,
        },
        Case {
            name: "an article to draft that is a FIFO",
            setup: |c| {
                mkfifo(&c.data("article.txt"));
                vec![format!("{} is a FIFO (named pipe), not a regular file", c.shown("article.txt"))]
            },
            args: &["draft", "{data}/article.txt"],
            facts: false,
        },
        Case {
            name: "a draft over an existing file, without --force",
            setup: |c| {
                vec![
                    format!("{} exists", c.out.join("existing.ttl").display()),
                    "give another --output, or --force to replace it".into(),
                ]
            },
            args: &["draft", "{data}/cica-backgrounder.txt", "-o", "{out}/existing.ttl"],
            facts: false,
        },
        Case {
            name: "a draft's impossible --date",
            setup: |_| vec!["--date: invalid date '2022-13-01': month 13 does not exist".into()],
            args: &["draft", "{data}/cica-backgrounder.txt", "--date", "2022-13-01"],
            facts: false,
        },
        Case {
            name: "an extractor that fails",
            setup: |_| vec!["the extractor 'echo broken >&2; exit 3' failed".into(), "broken".into()],
            args: &["draft", "{data}/cica-backgrounder.txt", "--extractor", "echo broken >&2; exit 3"],
            facts: false,
        },
        Case {
            name: "accept of a source that has no facts file",
            setup: |c| vec![format!("no facts file in {} has the source 'nowhere'", c.data.display())],
            args: &["accept", "nowhere", "--all-checked"],
            facts: false,
        },
    ];
    cases.extend(crate::bad_facts::cases());
    cases
}

/// Whether `text` has `fragment`, or, for a fragment written `!text`, lacks it.
fn says(text: &str, fragment: &str) -> bool {
    match fragment.strip_prefix('!') {
        Some(absent) => !text.contains(absent),
        None => text.contains(fragment),
    }
}

/// Makes a FIFO (named pipe) at `path`, which blocks whoever opens it to read.
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

/// A file of `len` bytes that takes no room on disk (a hole).
fn sparse_file(path: &Path, len: u64) {
    std::fs::File::create(path).unwrap().set_len(len).unwrap();
}

/// The "billion laughs": ten levels of XML entities, each ten references to the one below,
/// in a kilobyte of RDF/XML; expanded, the last is 3 × 10⁹ characters (Oxigraph 0.5 asked
/// for 4.8 GB and aborted).
fn entity_bomb() -> String {
    let mut bomb =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE rdf:RDF [\n  <!ENTITY lol \"lol\">\n");
    for level in 1..=9 {
        let below = if level == 1 {
            "lol".to_owned()
        } else {
            format!("lol{}", level - 1)
        };
        bomb.push_str(&format!(
            "  <!ENTITY lol{level} \"{}\">\n",
            format!("&{below};").repeat(10)
        ));
    }
    bomb.push_str("]>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:rdfs=\"http://www.w3.org/2000/01/rdf-schema#\">\n  <rdf:Description rdf:about=\"https://w3id.org/cica-kg/place/almaty\"><rdfs:label>&lol9;</rdfs:label></rdf:Description>\n</rdf:RDF>\n");
    bomb
}

/// Every file under `dir`: its bytes and whether it is read-only.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, bool)> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(snapshot(&path));
        } else {
            let readonly = std::fs::metadata(&path).unwrap().permissions().readonly();
            files.insert(path.clone(), (std::fs::read(&path).unwrap(), readonly));
        }
    }
    files
}

/// The output folder every case starts from: an existing export, a folder, a read-only file.
fn output_folder() -> tempfile::TempDir {
    let out = temp_dir();
    std::fs::write(
        out.path().join("existing.ttl"),
        "# an export the user already has\n",
    )
    .unwrap();
    std::fs::create_dir(out.path().join("folder")).unwrap();
    std::fs::write(out.path().join("folder/kept.txt"), "kept\n").unwrap();
    let read_only = out.path().join("read-only.ttl");
    std::fs::write(&read_only, "# read-only\n").unwrap();
    let mut permissions = std::fs::metadata(&read_only).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&read_only, permissions).unwrap();
    out
}

/// Runs one case (with a new and with an existing output file where it writes `{file}`) and
/// returns what went wrong.
fn run_case(case: &Case) -> Vec<String> {
    let mut failures = Vec::new();
    let outputs: &[&str] = if case.args.contains(&"{file}") {
        &["new.ttl", "existing.ttl"]
    } else {
        &[""]
    };
    for output in outputs {
        let data = data_copy();
        let out = output_folder();
        let ctx = Ctx {
            data: data.path().join("data"),
            out: out.path().to_owned(),
        };
        // The data copy is one level down, so that a case can remove the folder itself.
        std::fs::create_dir(&ctx.data).unwrap();
        for entry in std::fs::read_dir(data.path()).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                std::fs::rename(&path, ctx.data.join(path.file_name().unwrap())).unwrap();
            }
        }
        let expected = (case.setup)(&ctx);
        let before = snapshot(&ctx.out);
        let args: Vec<String> = case
            .args
            .iter()
            .map(|a| {
                a.replace("{file}", &ctx.out.join(output).display().to_string())
                    .replace("{out}", &ctx.out.display().to_string())
                    .replace("{data}", &ctx.data.display().to_string())
            })
            .collect();
        let result = cica_kg()
            .arg("--data")
            .arg(&ctx.data)
            .args(&args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&result.stderr);
        let what = format!("{} (cica-kg {})", case.name, args.join(" "));
        if result.status.code() != Some(2) {
            failures.push(format!("{what}: exited with {}, not 2", result.status));
        }
        for fragment in &expected {
            if !says(&stderr, fragment) {
                failures.push(format!("{what}: the message lacks {fragment:?}:\n{stderr}"));
            }
        }
        if snapshot(&ctx.out) != before {
            failures.push(format!(
                "{what}: the output folder changed (a file was created, changed or left behind)"
            ));
        }
        if case.facts && output.starts_with("new") {
            let result = cica_kg()
                .arg("--data")
                .arg(&ctx.data)
                .arg("validate")
                .output()
                .unwrap();
            let stdout = String::from_utf8_lossy(&result.stdout);
            if result.status.code() != Some(1) {
                failures.push(format!(
                    "{}: validate exited with {:?}, not 1",
                    case.name,
                    result.status.code()
                ));
            }
            for fragment in &expected {
                if !says(&stdout, fragment) {
                    failures.push(format!(
                        "{}: validate's report lacks {fragment:?}:\n{stdout}",
                        case.name
                    ));
                }
            }
            if !stdout.lines().last().unwrap_or("").starts_with("invalid: ") {
                failures.push(format!(
                    "{}: validate prints no summary:\n{stdout}",
                    case.name
                ));
            }
        }
    }
    failures
}

#[test]
fn the_catalogue_has_at_least_25_cases_with_distinct_names() {
    let cases = cases();
    assert!(cases.len() >= 25, "{} cases", cases.len());
    let mut names: Vec<&str> = cases.iter().map(|c| c.name).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), cases.len());
}

/// Runs every `n`-th case from `first`, so that the catalogue runs in a few parallel tests.
fn run_share(first: usize, n: usize) {
    let failures: Vec<String> = cases()
        .iter()
        .skip(first)
        .step_by(n)
        .flat_map(run_case)
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn bad_inputs_are_refused_and_leave_outputs_alone_1() {
    run_share(0, 3);
}

#[test]
fn bad_inputs_are_refused_and_leave_outputs_alone_2() {
    run_share(1, 3);
}

#[test]
fn bad_inputs_are_refused_and_leave_outputs_alone_3() {
    run_share(2, 3);
}
