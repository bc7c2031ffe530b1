//! Embeds the shipped `data/`, `ontology/` and `queries/` files into the binary, so that
//! `cica-kg` works from any directory. Writes `$OUT_DIR/embedded.rs`: one sorted list of
//! `(relative path, contents)` per folder, each read with `include_str!`.
//!
//! The ontology files are embedded as N-Triples, converted here from their Turtle by oxttl
//! (Oxigraph's parser and serializer): a shipped file that does not parse stops the build, and
//! every run then reads the simplest syntax there is, without checking again what was checked
//! here (parsing `cica.ttl` was the largest part of a cold query's start-up). Blank nodes get
//! labels of their own file (`cica-shapes-b0`), the same at every build. The triples are
//! grouped by predicate, and `ONTOLOGY_PREDICATES` gives each group's byte range, so that a
//! run parses only the predicates it reads (the schema reads no label or comment).

use oxrdf::{BlankNode, NamedOrBlankNode, Term};
use oxttl::{NTriplesSerializer, TurtleParser};
use std::collections::HashMap;
use std::env;
use std::fmt::Write as _;
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&root);
    let mut code = String::new();
    let mut predicates = Vec::new();
    for (name, dir, extensions) in [
        ("DATA", "data", &["toml", "txt"][..]),
        ("ONTOLOGY", "ontology", &["ttl"][..]),
        ("QUERIES", "queries", &["rq"][..]),
        ("CHECKS", "queries/checks", &["rq"][..]),
        ("INTERNAL", "queries/internal", &["rq"][..]),
    ] {
        let folder = root.join(dir);
        println!("cargo::rerun-if-changed={}", folder.display());
        // A folder may be missing (git keeps no empty folder): it then embeds no file.
        let mut files: Vec<String> = fs::read_dir(&folder)
            .into_iter()
            .flatten()
            .map(|entry| entry.expect("readable directory entry").path())
            .filter(|path| {
                path.is_file()
                    && path
                        .extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| extensions.contains(&e))
            })
            .map(|path| {
                println!("cargo::rerun-if-changed={}", path.display());
                path.file_name().unwrap().to_string_lossy().into_owned()
            })
            .collect();
        files.sort();
        writeln!(code, "/// The files of `{dir}/`, sorted by name.").unwrap();
        writeln!(code, "pub const {name}: &[(&str, &str)] = &[").unwrap();
        for file in &files {
            let mut path = folder.join(file);
            if name == "ONTOLOGY" {
                let (converted, groups) = to_ntriples(&path);
                path = converted;
                predicates.push((file.clone(), groups));
            }
            writeln!(
                code,
                "    ({file:?}, include_str!({:?})),",
                path.display().to_string()
            )
            .unwrap();
        }
        writeln!(code, "];").unwrap();
    }
    code.push_str(
        "/// Each predicate's IRI and the byte range of its triples in a file of `ONTOLOGY`.\n\
         pub type PredicateRanges = &'static [(&'static str, std::ops::Range<usize>)];\n\
         /// For each file of `ONTOLOGY`, whose triples are grouped by predicate, its groups.\n\
         pub const ONTOLOGY_PREDICATES: &[(&str, PredicateRanges)] = &[\n",
    );
    for (file, groups) in predicates {
        writeln!(code, "    ({file:?}, &[").unwrap();
        for (predicate, range) in groups {
            writeln!(code, "        ({predicate:?}, {range:?}),").unwrap();
        }
        writeln!(code, "    ]),").unwrap();
    }
    writeln!(code, "];").unwrap();
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}

/// Converts a shipped Turtle file to N-Triples in `$OUT_DIR/ontology/`, its blank nodes
/// labelled by its name and their order, its triples grouped by predicate (in the order of
/// their IRIs; each group in the file's order); the path of the result, and each predicate
/// with the byte range of its group.
fn to_ntriples(path: &Path) -> (PathBuf, Vec<(String, Range<usize>)>) {
    let turtle = fs::read(path).expect("a readable ontology file");
    let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
    let mut labels: HashMap<String, BlankNode> = HashMap::new();
    let mut relabel = |node: &BlankNode| {
        let next = labels.len();
        labels
            .entry(node.as_str().to_owned())
            .or_insert_with(|| BlankNode::new_unchecked(format!("cica-{stem}-b{next}")))
            .clone()
    };
    let mut triples = Vec::new();
    for triple in TurtleParser::new().for_slice(&turtle) {
        let mut triple =
            triple.unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()));
        if let NamedOrBlankNode::BlankNode(node) = &triple.subject {
            triple.subject = relabel(node).into();
        }
        if let Term::BlankNode(node) = &triple.object {
            triple.object = relabel(node).into();
        }
        triples.push(triple);
    }
    // A stable sort: each predicate's triples keep the file's order.
    triples.sort_by(|a, b| a.predicate.as_str().cmp(b.predicate.as_str()));
    let mut text = Vec::new();
    let mut groups: Vec<(String, Range<usize>)> = Vec::new();
    for group in triples.chunk_by(|a, b| a.predicate == b.predicate) {
        let start = text.len();
        let mut serializer = NTriplesSerializer::new().for_writer(text);
        for triple in group {
            serializer
                .serialize_triple(triple)
                .expect("writing to memory");
        }
        text = serializer.finish();
        groups.push((group[0].predicate.as_str().to_owned(), start..text.len()));
    }
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("ontology");
    fs::create_dir_all(&out).expect("OUT_DIR is writable");
    let target = out.join(path.file_name().unwrap()).with_extension("nt");
    fs::write(&target, text).expect("OUT_DIR is writable");
    (target, groups)
}
