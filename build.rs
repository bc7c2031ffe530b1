//! Embeds the shipped `data/`, `ontology/` and `queries/` files into the binary, so that
//! `cica-kg` works from any directory. Writes `$OUT_DIR/embedded.rs`: one sorted list of
//! `(relative path, contents)` per folder, each read with `include_str!`.
//!
//! The ontology files are parsed here, by oxttl (Oxigraph's Turtle parser): a shipped file
//! that does not parse stops the build. Each is embedded as N-Triples, which a run reads with
//! Oxigraph's N-Triples parser (a quarter of the time of Turtle). Blank nodes get labels of
//! their own file (`cica-shapes-b0`), the same at every build, so that the files' blank
//! nodes never meet.

use oxrdf::{BlankNode, NamedOrBlankNode, Term, Triple};
use oxttl::TurtleParser;
use std::collections::HashMap;
use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&root);
    let mut code = String::new();
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
        if name == "ONTOLOGY" {
            writeln!(code, "pub const {name}: &[(&str, &str)] = &[").unwrap();
            for file in &files {
                let ntriples = ntriples(&folder.join(file));
                writeln!(code, "    ({file:?}, {ntriples:?}),").unwrap();
            }
        } else {
            writeln!(code, "pub const {name}: &[(&str, &str)] = &[").unwrap();
            for file in &files {
                let path = folder.join(file).display().to_string();
                writeln!(code, "    ({file:?}, include_str!({path:?})),").unwrap();
            }
        }
        writeln!(code, "];").unwrap();
    }
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}

/// A shipped Turtle file as N-Triples, its blank nodes labelled by the file's name and their
/// order.
fn ntriples(path: &Path) -> String {
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
    let mut code = String::new();
    for triple in TurtleParser::new().for_slice(&turtle) {
        let mut triple: Triple =
            triple.unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()));
        if let NamedOrBlankNode::BlankNode(node) = &triple.subject {
            triple.subject = relabel(node).into();
        }
        if let Term::BlankNode(node) = &triple.object {
            triple.object = relabel(node).into();
        }
        writeln!(code, "{triple} .").unwrap();
    }
    code
}
