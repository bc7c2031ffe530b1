//! Option values: result and RDF formats, `--bind`, `--base` and `-o` paths (existing files,
//! folders, a read-only file, links, odd names), on every command that takes them.

use super::queries::{RDF_FORMATS, RESULT_FORMATS};
use super::{check_run, config};
use crate::common::temp_dir;
use proptest::prelude::*;
use std::fs;
use std::path::PathBuf;

/// Any characters but NUL, which no argument can hold.
fn junk() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..12)
        .prop_map(|chars| chars.into_iter().filter(|c| *c != '\0').collect())
}

fn format_value() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(RDF_FORMATS).prop_map(str::to_owned),
        prop::sample::select(RESULT_FORMATS).prop_map(str::to_owned),
        junk(),
    ]
}

#[rustfmt::skip]
const BIND_NAMES: &[&str] = &["subject", "property", "object", "quote", "x", "", "?s", "1"];
#[rustfmt::skip]
const BIND_TERMS: &[&str] = &[
    "summit:1", "cica:location", "place:almaty", "<https://w3id.org/cica-kg/summit/1>", "\"x\"",
    "\"Almaty\"@en", "1", "-1.5", "true", "\"2002-06\"^^xsd:gYearMonth", "nope:x", "<bad iri>",
    "_:b", "?x", "} SELECT * {", "\"", "", "summit:", "<>", "\"x\"@", "1e999",
];

fn bind_value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (prop::sample::select(BIND_NAMES), prop::sample::select(BIND_TERMS))
            .prop_map(|(name, term)| format!("{name}={term}")),
        1 => junk(),
    ]
}

#[rustfmt::skip]
const BASES: &[&str] = &[
    "https://example.org/kg/", "http://127.0.0.1:7878/", "urn:example:", "https://example.org/kg",
    "not an iri", "", "https://example.org/a b/", "http://[::1]/x/", "https://例え.jp/kg/",
    "file:///tmp/kg/", "https://example.org/kg/#", "https://example.org/kg/?q=1&", "x:",
    "https://w3id.org/cica-kg/ontology#",
];

fn base_value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(BASES).prop_map(str::to_owned),
        1 => junk().prop_map(|j| format!("https://example.org/{j}")),
        1 => junk(),
    ]
}

/// Path pieces: existing files, folders and links prepared by [`output_folder`], and names.
#[rustfmt::skip]
const PATH_PIECES: &[&str] = &[
    "out.ttl", "out.nt", "out.nq", "out.trig", "out.rdf", "out.jsonld", "out.csv", "out", "x.yaml",
    "dir", "sub", "missing", "ro.ttl", "link.ttl", "dangling.ttl", "loop.ttl", "fifo-free",
    "✓ name.ttl", "a\nb.ttl", " ", ".", "..", "-",
];

fn output_path() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PATH_PIECES), 1..4).prop_map(|pieces| {
        // At most two "..": the run's folder is two levels below the case's folder.
        let mut ups = 0;
        let kept: Vec<&str> = pieces
            .into_iter()
            .filter(|p| {
                ups += usize::from(*p == "..");
                *p != ".." || ups <= 2
            })
            .collect();
        kept.join("/")
    })
}

/// A case's folder: `root/a/b` is where cica-kg runs, with a folder, a read-only file, links.
fn output_folder() -> (tempfile::TempDir, PathBuf) {
    let root = temp_dir();
    let cwd = root.path().join("a/b");
    fs::create_dir_all(cwd.join("dir")).unwrap();
    fs::create_dir_all(cwd.join("sub")).unwrap();
    fs::write(cwd.join("out.ttl"), "old\n").unwrap();
    let read_only = cwd.join("ro.ttl");
    fs::write(&read_only, "old\n").unwrap();
    let mut permissions = fs::metadata(&read_only).unwrap().permissions();
    permissions.set_readonly(true);
    fs::set_permissions(&read_only, permissions).unwrap();
    std::os::unix::fs::symlink("out.ttl", cwd.join("link.ttl")).unwrap();
    std::os::unix::fs::symlink("sub/new.ttl", cwd.join("dangling.ttl")).unwrap();
    std::os::unix::fs::symlink("loop.ttl", cwd.join("loop.ttl")).unwrap();
    (root, cwd)
}

#[derive(Debug, Clone)]
struct Options {
    command: usize,
    format: Option<String>,
    binds: Vec<String>,
    base: Option<String>,
    output: Option<String>,
}

fn options() -> impl Strategy<Value = Options> {
    (
        0usize..6,
        prop::option::of(format_value()),
        prop::collection::vec(bind_value(), 0..3),
        prop::option::of(base_value()),
        prop::option::of(output_path()),
    )
        .prop_map(|(command, format, binds, base, output)| Options {
            command,
            format,
            binds,
            base,
            output,
        })
}

fn option_args(options: &Options) -> Vec<String> {
    let mut args = Vec::new();
    if let Some(base) = &options.base {
        args.extend(["--base".to_owned(), base.clone()]);
    }
    let command: &[&str] = match options.command {
        0 => &["export"],
        1 => &["query", "evidence"],
        2 => &[
            "query",
            "-e",
            "SELECT ?s ?l WHERE { ?s rdfs:label ?l ; a ?class }",
        ],
        3 => &["link"],
        4 => &["link", "--report"],
        _ => &["quickstatements"],
    };
    args.extend(command.iter().map(|a| a.to_string()));
    if let Some(format) = &options.format {
        args.extend(["-f".to_owned(), format.clone()]);
    }
    if options.command == 1 || options.command == 2 {
        for bind in &options.binds {
            args.extend(["--bind".to_owned(), bind.clone()]);
        }
    }
    if let Some(output) = &options.output {
        args.extend(["-o".to_owned(), output.clone()]);
    }
    args
}

proptest! {
    #![proptest_config(config())]

    /// Generated formats, bindings, base IRIs and output paths.
    #[test]
    fn option_values_never_panic(options in options()) {
        let (root, cwd) = output_folder();
        let args = option_args(&options);
        check_run(&args, &cwd, root.path())?;
        // The read-only file and the links are as they were.
        prop_assert_eq!(fs::read_to_string(cwd.join("ro.ttl")).unwrap(), "old\n");
        for link in ["link.ttl", "dangling.ttl", "loop.ttl"] {
            prop_assert!(fs::symlink_metadata(cwd.join(link)).unwrap().file_type().is_symlink());
        }
    }
}
