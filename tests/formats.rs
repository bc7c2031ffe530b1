//! Turtle and TriG for people, and XML that is always well formed:
//!
//! - the Turtle and TriG exports read the same in rapper (Debian raptor2-utils), serdi
//!   (Debian serdi), RDFLib and Oxigraph: a graph isomorphic to the N-Quads export;
//! - they start with a header (what, source, ontology version, counts), declare only the
//!   prefixes they use, sorted, put a blank line between subjects and the type first, and are
//!   the same bytes from run to run;
//! - RDF/XML exports and SPARQL XML results parse with a strict XML parser (Python's expat)
//!   for labels with quotes, ampersands, angle brackets and non-Latin text, and keep them.

use crate::common::{checked, cica_kg, data_copy, python, read, repo, run_ok, temp_dir};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::dataset::CanonicalizationAlgorithm;
use oxigraph::model::{Dataset, GraphName, Quad};
use std::path::Path;
use std::process::Command;

/// Parses N-Triples or N-Quads text into a canonical dataset; `triples` drops graph names.
fn canonical(text: &[u8], format: RdfFormat, triples: bool) -> Dataset {
    let mut dataset: Dataset = RdfParser::from_format(format)
        .for_slice(text)
        .map(|q| {
            let mut quad: Quad = q.unwrap();
            if triples {
                quad.graph_name = GraphName::DefaultGraph;
            }
            quad
        })
        .collect();
    dataset.canonicalize(CanonicalizationAlgorithm::Unstable);
    dataset
}

/// Runs a converter and returns its standard output.
fn convert(program: &str, args: &[&str], path: &Path) -> Vec<u8> {
    let output = Command::new(program)
        .args(args)
        .arg(path)
        .output()
        .unwrap_or_else(|e| {
            panic!("{program} does not run ({e}): run ./scripts/test.sh, which installs it")
        });
    checked(output, format!("{program} reading {}", path.display())).stdout
}

const RDFLIB_TO_NQUADS: &str = r#"
import sys, rdflib
d = rdflib.Dataset()
d.parse(sys.argv[1], format=sys.argv[2])
sys.stdout.write(d.serialize(format="nquads"))
"#;

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs rapper, serdi and RDFLib: ./scripts/test.sh installs it and runs with --features peers"
)]
fn turtle_and_trig_read_the_same_in_rapper_serdi_rdflib_and_oxigraph() {
    let dir = temp_dir();
    for (format, extension, graph) in [
        ("turtle", "ttl", &[][..]),
        ("turtle", "ttl", &["--graph", "all"][..]),
        ("trig", "trig", &[][..]),
        ("trig", "trig", &["--graph", "all"][..]),
    ] {
        let dataset = format == "trig";
        let path = dir.path().join(format!("graph.{extension}"));
        let output = cica_kg()
            .args(["export", "-f", format, "-o", path.to_str().unwrap()])
            .args(graph)
            .output()
            .unwrap();
        checked(output, "cica-kg export");
        let nq_graph: &[&str] = if graph.is_empty() && !dataset {
            &["--graph", "facts"]
        } else {
            graph
        };
        let mut args = vec!["export", "-f", "nquads"];
        args.extend(nq_graph);
        let expected = canonical(run_ok(&args).as_bytes(), RdfFormat::NQuads, !dataset);
        let (nt, syntax) = if dataset {
            ("nquads", "trig")
        } else {
            ("ntriples", "turtle")
        };
        let readers: [(&str, Vec<u8>); 4] = [
            (
                "rapper",
                convert("rapper", &["-q", "-i", syntax, "-o", nt], &path),
            ),
            ("serdi", convert("serdi", &["-i", syntax, "-o", nt], &path)),
            (
                "RDFLib",
                checked(
                    Command::new(python())
                        .args(["-c", RDFLIB_TO_NQUADS, path.to_str().unwrap(), syntax])
                        .output()
                        .unwrap(),
                    "RDFLib",
                )
                .stdout,
            ),
            ("Oxigraph", read(&path).into_bytes()),
        ];
        for (reader, text) in readers {
            let parsed = if reader == "Oxigraph" {
                let rdf_format = RdfFormat::from_extension(extension).unwrap();
                canonical(&text, rdf_format, !dataset)
            } else {
                canonical(&text, RdfFormat::NQuads, !dataset)
            };
            assert!(
                parsed == expected,
                "{reader} reads {format} {graph:?} as {} quads, not the {} of the N-Quads export",
                parsed.len(),
                expected.len()
            );
        }
    }
}

#[test]
fn turtle_is_laid_out_for_people() {
    let turtle = run_ok(&["export"]);
    let ntriples = run_ok(&["export", "-f", "ntriples"]);
    let ontology = read(&repo().join("ontology/cica.ttl"));
    let version = ontology
        .lines()
        .find_map(|l| l.trim().strip_prefix("owl:versionInfo \""))
        .and_then(|l| l.split('"').next())
        .expect("the ontology has a version");
    let lines: Vec<&str> = turtle.lines().collect();
    assert_eq!(
        lines[..5],
        [
            "# The CICA knowledge graph: the facts graph, written as Turtle by cica-kg 0.1.0.",
            "# Source: \"Backgrounder: Conference on Interaction and Confidence Building Measures in Asia\", Xinhua News Agency, 2022-10-12T23:39:15 (source:xinhua-2022-10-12-cica-backgrounder).",
            &format!("# Ontology: <https://w3id.org/cica-kg/ontology>, version {version}."),
            &format!("# Counts: {} triples (facts {}).", ntriples.lines().count(), ntriples.lines().count()),
            "",
        ]
    );
    let prefixes: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.starts_with("@prefix"))
        .collect();
    let names: Vec<&str> = prefixes
        .iter()
        .map(|l| l.split_whitespace().nth(1).unwrap())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "prefixes in order");
    let body = lines[5 + prefixes.len() + 1..].join("\n");
    for name in &names {
        assert!(
            body.split(char::is_whitespace)
                .any(|w| w.starts_with(name) || w.contains(&format!("^^{name}"))),
            "{name} is declared but not used"
        );
    }
    assert_eq!(
        lines[5 + prefixes.len()],
        "",
        "a blank line after the prefixes"
    );
    // Subjects: each starts a paragraph, its type first.
    for paragraph in body.split("\n\n") {
        let first = paragraph.lines().next().unwrap();
        assert!(
            !first.starts_with('\t'),
            "a paragraph starts with its subject: {paragraph}"
        );
        assert_eq!(
            paragraph.lines().filter(|l| !l.starts_with('\t')).count(),
            1,
            "one subject a paragraph: {paragraph}"
        );
        if paragraph.contains(" a ") {
            let words: Vec<&str> = first.split_whitespace().collect();
            assert_eq!(words.get(1), Some(&"a"), "the type first: {paragraph}");
        }
    }
    assert!(
        body.contains("\n\nsummit:1 a cica:Summit ;\n\trdfs:label \"first CICA summit\"@en ;\n")
    );
}

#[test]
fn exports_are_the_same_bytes_every_time() {
    // The ontology has blank nodes: the export labels them the same every time.
    for format in ["turtle", "trig", "nquads", "jsonld", "rdfxml"] {
        let first = run_ok(&["export", "-f", format, "--graph", "all"]);
        let second = run_ok(&["export", "-f", format, "--graph", "all"]);
        assert!(first == second, "two {format} exports differ");
    }
}

/// Python's expat reads the file (or says why not) and prints the text of every element
/// named by argv[2] (a local name), one per line, as JSON strings.
const EXPAT_TEXTS: &str = r#"
import sys, json, xml.dom.minidom
document = xml.dom.minidom.parse(sys.argv[1])
for node in document.getElementsByTagNameNS("*", sys.argv[2]):
    print(json.dumps("".join(c.data for c in node.childNodes if c.nodeType == c.TEXT_NODE), ensure_ascii=False))
"#;

fn expat_texts(path: &Path, element: &str) -> Vec<String> {
    let output = Command::new(python())
        .args(["-c", EXPAT_TEXTS, path.to_str().unwrap(), element])
        .output()
        .unwrap();
    let output = checked(output, format!("expat reading {}", path.display()));
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs rapper, serdi and RDFLib: ./scripts/test.sh installs it and runs with --features peers"
)]
fn xml_is_well_formed_for_awkward_labels() {
    let label = "Almaty \"Алматы\" & <阿拉木图> 'Almaty' ]]> --";
    let data = data_copy();
    let entities = data.path().join("entities.toml");
    let text = read(&entities).replacen(
        "label = \"Almaty\"",
        &format!("label = {}", toml_string(label)),
        1,
    );
    assert!(text.contains("Алматы"), "the fixture edit took");
    std::fs::write(&entities, text).unwrap();
    let dir = temp_dir();
    let data_arg = data.path().to_str().unwrap();
    // An IRI with an ampersand and apostrophes, in rdf:about attributes.
    for base in [
        "https://w3id.org/cica-kg/",
        "http://example.org/kg?a=1&b='2'/",
    ] {
        let rdf = dir.path().join("graph.rdf");
        let output = cica_kg()
            .args([
                "--data",
                data_arg,
                "--base",
                base,
                "export",
                "-o",
                rdf.to_str().unwrap(),
            ])
            .args(["--graph", "all"])
            .output()
            .unwrap();
        checked(output, "cica-kg export rdfxml");
        let labels = expat_texts(&rdf, "label");
        assert!(
            labels.iter().any(|l| l == label),
            "the label survives in RDF/XML: {labels:?}"
        );

        let xml = dir.path().join("results.xml");
        let output = cica_kg()
            .args([
                "--data",
                data_arg,
                "--base",
                base,
                "query",
                "-f",
                "xml",
                "-o",
                xml.to_str().unwrap(),
            ])
            .args([
                "-e",
                "SELECT ?s ?label WHERE { ?s rdfs:label ?label } ORDER BY ?label",
            ])
            .output()
            .unwrap();
        checked(output, "cica-kg query -f xml");
        let literals = expat_texts(&xml, "literal");
        assert!(
            literals.iter().any(|l| l == label),
            "the label survives in SPARQL XML: {literals:?}"
        );
        let uris = expat_texts(&xml, "uri");
        assert!(
            uris.iter().any(|u| u == &format!("{base}place/almaty")),
            "{uris:?}"
        );
    }
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
