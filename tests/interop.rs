//! Interoperability with a real peer: RDFLib (from PyPI, in ./.venv) parses every export
//! format (the cica profile's graphs and the Wikidata profile) and finds as many triples (or
//! quads) as cica-kg says it wrote.

use crate::common::{checked, python, temp_dir};
use crate::export::export_file;
use std::process::Command;

const RDFLIB_COUNT: &str = r#"
import sys, rdflib
path, fmt, named = sys.argv[1], sys.argv[2], sys.argv[3] == "named"
if fmt in ("nquads", "trig") or named:
    g = rdflib.Dataset()
    g.parse(path, format=fmt)
    print(sum(1 for _ in g.quads((None, None, None, None))))
else:
    g = rdflib.Graph()
    g.parse(path, format=fmt)
    print(len(g))
"#;

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs RDFLib (PyPI): ./scripts/test.sh installs it and runs with --features peers"
)]
fn rdflib_reads_every_format_with_the_same_count() {
    let dir = temp_dir();
    for (format, extension, rdflib_format) in [
        ("turtle", "ttl", "turtle"),
        ("ntriples", "nt", "nt"),
        ("nquads", "nq", "nquads"),
        ("trig", "trig", "trig"),
        ("rdfxml", "rdf", "xml"),
        ("jsonld", "jsonld", "json-ld"),
    ] {
        for graph in [
            &[][..],
            &["--graph", "all"][..],
            &["--profile", "wikidata"][..],
        ] {
            let (count, _) = export_file(dir.path(), format, extension, graph);
            let path = dir.path().join(format!("graph.{extension}"));
            // Compact JSON-LD of several graphs keeps them as named graphs.
            let named = if format == "jsonld" && !graph.is_empty() {
                "named"
            } else {
                "default"
            };
            let output = Command::new(python())
                .args([
                    "-c",
                    RDFLIB_COUNT,
                    path.to_str().unwrap(),
                    rdflib_format,
                    named,
                ])
                .output()
                .expect("the venv's python runs");
            let output = checked(output, format!("RDFLib reading cica-kg's {format}"));
            let rdflib_count: usize = String::from_utf8(output.stdout)
                .unwrap()
                .trim()
                .parse()
                .unwrap();
            assert_eq!(
                rdflib_count, count,
                "RDFLib counts {rdflib_count} in {format} {graph:?}, cica-kg wrote {count}"
            );
        }
    }
}
