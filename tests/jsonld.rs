//! Compact JSON-LD: every export, for every `--graph` choice and with another `--base`, parses
//! back (with RDFLib, from PyPI, and with Oxigraph) to a graph isomorphic to the N-Quads export;
//! the context shipped in `ontology/context.jsonld` has a term for every class and property of
//! the ontology; the first summit reads as written by hand below; the expanded form stays.

use crate::common::{checked, cica_kg, python, read, repo, run_ok, temp_dir};
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser};
use oxigraph::model::dataset::CanonicalizationAlgorithm;
use oxigraph::model::{Dataset, GraphName, Quad, Term};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Every `--graph` choice (none: the default, the facts).
const GRAPHS: [&[&str]; 5] = [
    &[],
    &["--graph", "facts"],
    &["--graph", "provenance"],
    &["--graph", "ontology"],
    &["--graph", "all"],
];

/// RDFLib: is the JSON-LD file isomorphic to the N-Quads file? As datasets (graph by graph)
/// when "named", else as graphs (the graph names of the N-Quads dropped).
const RDFLIB_ISOMORPHIC: &str = r#"
import sys, rdflib
from rdflib.compare import isomorphic
jsonld, nquads, mode = sys.argv[1], sys.argv[2], sys.argv[3]
first_format = sys.argv[4] if len(sys.argv) > 4 else "json-ld"
j = rdflib.Dataset(); j.parse(jsonld, format=first_format)
n = rdflib.Dataset(); n.parse(nquads, format="nquads")
def graph(quads):
    g = rdflib.Graph()
    for s, p, o, _ in quads:
        g.add((s, p, o))
    return g
if mode == "named":
    names = sorted(str(g.identifier) for g in n.graphs() if len(g))
    jnames = sorted(str(g.identifier) for g in j.graphs() if len(g))
    assert names == jnames, (names, jnames)
    for name in names:
        a, b = j.graph(rdflib.URIRef(name)), n.graph(rdflib.URIRef(name))
        assert isomorphic(a, b), name
        assert len(j.graph(rdflib.URIRef(name))) == len(b), name
    print(sum(len(n.graph(rdflib.URIRef(x))) for x in names))
else:
    a, b = graph(j.quads((None, None, None, None))), graph(n.quads((None, None, None, None)))
    assert len(a) == len(b), (len(a), len(b))
    assert isomorphic(a, b)
    print(len(a))
"#;

/// pyld (the JSON-LD processor of the JSON-LD editors, from PyPI) turns a JSON-LD file into
/// N-Quads: `python -c PYLD_TO_NQUADS IN.jsonld OUT.nq`.
const PYLD_TO_NQUADS: &str = r#"
import json, sys
from pyld import jsonld
with open(sys.argv[1], encoding="utf-8") as f:
    document = json.load(f)
nquads = jsonld.to_rdf(document, {"format": "application/n-quads"})
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write(nquads)
"#;

/// Exports `format` with `args` into `dir/name` and returns the path.
fn export(dir: &Path, name: &str, base: &str, args: &[&str]) -> std::path::PathBuf {
    let path = dir.join(name);
    let output = cica_kg()
        .args(["--base", base, "export", "-o", path.to_str().unwrap()])
        .args(args)
        .output()
        .unwrap();
    checked(output, format!("cica-kg export {args:?}"));
    path
}

/// The quads of an RDF file parsed by Oxigraph, canonicalized, per graph name (the default
/// graph's name is "").
fn oxigraph_graphs(path: &Path, format: RdfFormat, keep_names: bool) -> BTreeMap<String, Dataset> {
    let mut graphs: BTreeMap<String, Vec<Quad>> = BTreeMap::new();
    for quad in RdfParser::from_format(format).for_slice(read(path).as_bytes()) {
        let mut quad = quad.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = match &quad.graph_name {
            GraphName::NamedNode(n) if keep_names => n.as_str().to_owned(),
            _ => String::new(),
        };
        quad.graph_name = GraphName::DefaultGraph;
        graphs.entry(name).or_default().push(quad);
    }
    graphs
        .into_iter()
        .map(|(name, quads)| {
            let mut dataset: Dataset = quads.into_iter().collect();
            dataset.canonicalize(CanonicalizationAlgorithm::Unstable);
            (name, dataset)
        })
        .collect()
}

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs RDFLib and pyld (PyPI): ./scripts/test.sh installs it and runs with --features peers"
)]
fn compact_json_ld_reads_back_as_the_n_quads_export_in_rdflib_and_oxigraph() {
    let dir = temp_dir();
    let jsonld_format = RdfFormat::JsonLd {
        profile: JsonLdProfileSet::empty(),
    };
    for base in [
        "https://w3id.org/cica-kg/",
        "http://example.org/elsewhere/kg#",
    ] {
        for graph in GRAPHS {
            let named = graph == ["--graph", "all"];
            let jsonld = export(dir.path(), "graph.jsonld", base, graph);
            // N-Quads keeps the facts and provenance by default; the JSON-LD default is the
            // facts alone.
            let nq_graph: &[&str] = if graph.is_empty() {
                &["--graph", "facts"]
            } else {
                graph
            };
            let nquads = export(dir.path(), "graph.nq", base, nq_graph);
            let text = read(&jsonld);
            let document: Value = serde_json::from_str(&text).expect("the export is JSON");
            assert!(document["@context"].is_object(), "an inline context");
            assert!(!text.contains("\"http://www.w3.org/1999/02/22-rdf-syntax-ns#type\""));

            let mode = if named { "named" } else { "graph" };
            let output = Command::new(python())
                .args(["-c", RDFLIB_ISOMORPHIC])
                .args([jsonld.to_str().unwrap(), nquads.to_str().unwrap(), mode])
                .output()
                .unwrap();
            let output = checked(output, format!("RDFLib comparing {base} {graph:?}"));
            let count: usize = String::from_utf8(output.stdout)
                .unwrap()
                .trim()
                .parse()
                .unwrap();
            assert!(count > 100, "{base} {graph:?}: only {count} triples");

            let from_jsonld = oxigraph_graphs(&jsonld, jsonld_format, named);
            let from_nquads = oxigraph_graphs(&nquads, RdfFormat::NQuads, named);
            assert_eq!(
                from_jsonld.keys().collect::<Vec<_>>(),
                from_nquads.keys().collect::<Vec<_>>(),
                "{base} {graph:?}: the graphs"
            );
            for (name, dataset) in &from_nquads {
                assert!(
                    from_jsonld[name] == *dataset,
                    "{base} {graph:?}: Oxigraph reads graph '{name}' of the JSON-LD ({} triples) otherwise than the N-Quads ({} triples)",
                    from_jsonld[name].len(),
                    dataset.len()
                );
            }
        }
    }
}

#[test]
fn the_first_summit_reads_as_json_people_write() {
    let text = run_ok(&["export", "-f", "jsonld"]);
    let document: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(document["@context"]["@language"], "en");
    assert_eq!(
        document["@context"]["summit"],
        "https://w3id.org/cica-kg/summit/"
    );
    let nodes = document["@graph"].as_array().unwrap();
    let summit = nodes
        .iter()
        .find(|n| n["@id"] == "summit:1")
        .expect("a node summit:1");
    // From the article: "Its first summit was held in the Kazakh city of Almaty in June 2002,
    // when the Almaty Act and the Declaration on Eliminating Terrorism and Promoting Dialogue
    // among Civilizations were signed and approved."
    assert_eq!(
        *summit,
        json!({
            "@id": "summit:1",
            "@type": "Summit",
            "label": "first CICA summit",
            "adopted": ["document:almaty-act", "document:declaration-on-eliminating-terrorism"],
            "followedBy": "summit:2",
            "location": "place:almaty",
            "ordinal": 1,
            "organizer": "organization:cica",
            "startDate": { "@value": "2002-06", "@type": "xsd:gYearMonth" }
        })
    );
    let cica = nodes
        .iter()
        .find(|n| n["@id"] == "organization:cica")
        .unwrap();
    assert_eq!(cica["memberCount"], 27, "a native number");
    assert_eq!(cica["observerCount"], 14);
    assert_eq!(cica["altLabel"], "CICA", "English text is a plain string");
    // One property a line, the node's keys in order: @id, @type, label, then the others.
    assert!(text.contains(
        "    {\n      \"@id\": \"summit:1\",\n      \"@type\": \"Summit\",\n      \"label\": \"first CICA summit\",\n      \"adopted\": [\"document:almaty-act\", \"document:declaration-on-eliminating-terrorism\"],\n"
    ), "{text}");
    let formats = nodes
        .iter()
        .find(|n| n["@id"] == "mechanism:summits")
        .unwrap();
    assert_eq!(formats["hostedByPresidency"], true, "a native boolean");
}

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs RDFLib and pyld (PyPI): ./scripts/test.sh installs it and runs with --features peers"
)]
fn expanded_json_ld_of_all_graphs_keeps_the_graph_names() {
    // Each named graph is an object with "@id" and "@graph" (as in the compact form): RDFLib
    // and Oxigraph read the same quads, graph by graph, as from the N-Quads export.
    let dir = temp_dir();
    let base = "https://w3id.org/cica-kg/";
    let all = ["--graph", "all"];
    let jsonld = export(
        dir.path(),
        "all.jsonld",
        base,
        &[
            "-f",
            "jsonld",
            "--jsonld-form",
            "expanded",
            "--graph",
            "all",
        ],
    );
    let nquads = export(dir.path(), "all.nq", base, &all);
    let document: Value = serde_json::from_str(&read(&jsonld)).unwrap();
    let graphs: Vec<&str> = document
        .as_array()
        .expect("expanded JSON-LD is an array")
        .iter()
        .map(|g| {
            assert!(g["@graph"].is_array(), "a named graph has @graph");
            g["@id"].as_str().expect("a named graph has @id")
        })
        .collect();
    assert_eq!(
        graphs,
        [
            "https://w3id.org/cica-kg/graph/facts",
            "https://w3id.org/cica-kg/graph/provenance",
            "https://w3id.org/cica-kg/graph/ontology",
        ]
    );
    let output = Command::new(python())
        .args(["-c", RDFLIB_ISOMORPHIC])
        .args([jsonld.to_str().unwrap(), nquads.to_str().unwrap(), "named"])
        .output()
        .unwrap();
    checked(
        output,
        "RDFLib comparing the expanded JSON-LD of all graphs",
    );
    // pyld reads the same quads, graph by graph.
    let from_pyld = dir.path().join("pyld.nq");
    let output = Command::new(python())
        .args(["-c", PYLD_TO_NQUADS])
        .args([jsonld.to_str().unwrap(), from_pyld.to_str().unwrap()])
        .output()
        .unwrap();
    checked(output, "pyld reading the expanded JSON-LD of all graphs");
    let output = Command::new(python())
        .args(["-c", RDFLIB_ISOMORPHIC])
        .args([
            from_pyld.to_str().unwrap(),
            nquads.to_str().unwrap(),
            "named",
            "nquads",
        ])
        .output()
        .unwrap();
    checked(
        output,
        "RDFLib comparing pyld's quads with the N-Quads export",
    );
    let jsonld_format = RdfFormat::JsonLd {
        profile: JsonLdProfileSet::empty(),
    };
    let from_jsonld = oxigraph_graphs(&jsonld, jsonld_format, true);
    let from_nquads = oxigraph_graphs(&nquads, RdfFormat::NQuads, true);
    assert_eq!(
        from_jsonld.keys().collect::<Vec<_>>(),
        from_nquads.keys().collect::<Vec<_>>()
    );
    for (name, dataset) in &from_nquads {
        assert!(from_jsonld[name] == *dataset, "graph {name}");
    }
}

#[test]
fn the_expanded_form_stays_available() {
    let text = run_ok(&["export", "-f", "jsonld", "--jsonld-form", "expanded"]);
    let document: Value = serde_json::from_str(&text).unwrap();
    let nodes = document
        .as_array()
        .expect("expanded JSON-LD is an array of nodes");
    assert!(nodes.iter().all(|n| n.get("@context").is_none()));
    assert!(text.contains("\"@id\":\"https://w3id.org/cica-kg/summit/1\""));
    assert!(text.contains("\"http://www.w3.org/1999/02/22-rdf-syntax-ns#type\""));
    cica_kg()
        .args(["export", "-f", "jsonld", "--jsonld-form", "flat"])
        .assert()
        .code(2);
}

/// A term definition: its expanded IRI, its "@type", its "@language" (if given).
type Definition = (String, Option<String>, Option<Value>);

/// The context, and its term definitions by name.
fn context_terms() -> (Value, BTreeMap<String, Definition>) {
    let text = read(&repo().join("ontology/context.jsonld"));
    // serde_json keeps the last of two equal keys: find duplicates in the text first.
    let mut keys: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("    \"")?.split('"').next())
        .collect();
    let count = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(
        keys.len(),
        count,
        "a term is defined twice in ontology/context.jsonld"
    );
    let document: Value = serde_json::from_str(&text).unwrap();
    let context = document["@context"].clone();
    let definitions = context.as_object().unwrap();
    let expand = |iri: &str| -> String {
        match iri.split_once(':') {
            Some((prefix, local)) => match definitions.get(prefix).and_then(Value::as_str) {
                Some(namespace) => format!("{namespace}{local}"),
                None => iri.to_owned(),
            },
            None => iri.to_owned(),
        }
    };
    let mut terms = BTreeMap::new();
    for (name, definition) in definitions {
        let (id, kind, language) = match definition {
            Value::String(id) => (id.clone(), None, None),
            Value::Object(d) => (
                d["@id"].as_str().unwrap().to_owned(),
                d.get("@type").and_then(Value::as_str).map(str::to_owned),
                d.get("@language").cloned(),
            ),
            _ => continue,
        };
        terms.insert(name.clone(), (expand(&id), kind, language));
    }
    (context, terms)
}

#[test]
fn the_context_has_a_term_for_every_class_and_property() {
    let (context, terms) = context_terms();
    let ontology = read(&repo().join("ontology/cica.ttl"));
    let triples: Vec<_> = RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(ontology.as_bytes())
        .map(|t| t.unwrap())
        .collect();
    let namespace = context["cica"].as_str().unwrap();
    let rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    let range = "http://www.w3.org/2000/01/rdf-schema#range";
    let mut checked_terms = 0;
    for triple in triples.iter().filter(|t| t.predicate.as_str() == rdf_type) {
        let subject = triple.subject.to_string();
        let subject = subject.trim_matches(['<', '>']);
        if !subject.starts_with(namespace) {
            continue;
        }
        let Term::NamedNode(kind) = &triple.object else {
            continue;
        };
        let kind = kind.as_str().rsplit(['#', '/']).next().unwrap();
        if ![
            "Class",
            "Datatype",
            "ObjectProperty",
            "DatatypeProperty",
            "AnnotationProperty",
        ]
        .contains(&kind)
        {
            continue;
        }
        let (name, (_, coercion, language)) = terms
            .iter()
            .find(|(_, (iri, _, _))| iri == subject)
            .unwrap_or_else(|| {
                panic!("no term in ontology/context.jsonld for <{subject}> ({kind})")
            });
        checked_terms += 1;
        let ranges: Vec<String> = triples
            .iter()
            .filter(|t| {
                t.subject.to_string() == format!("<{subject}>") && t.predicate.as_str() == range
            })
            .map(|t| t.object.to_string())
            .collect();
        match kind {
            "ObjectProperty" => {
                assert_eq!(coercion.as_deref(), Some("@id"), "{name}: values are IRIs")
            }
            "DatatypeProperty" if ranges.iter().any(|r| r.ends_with("XMLSchema#string>")) => {
                assert_eq!(
                    *language,
                    Some(Value::Null),
                    "{name}: strings without a language"
                )
            }
            "DatatypeProperty" => {
                assert_eq!(
                    *coercion, None,
                    "{name}: typed values stay native or explicit"
                );
                assert_eq!(*language, None, "{name}: English text by default");
            }
            _ => {}
        }
        assert!(!name.starts_with('@') && !name.contains(':'), "{name}");
    }
    assert!(
        checked_terms > 50,
        "only {checked_terms} classes and properties"
    );
    // Every data prefix of the exports is there, for compact entity IRIs.
    for kind in [
        "document",
        "event",
        "graph",
        "mechanism",
        "organization",
        "place",
        "source",
        "statement",
        "summit",
    ] {
        assert_eq!(
            context[kind].as_str(),
            Some(format!("https://w3id.org/cica-kg/{kind}/").as_str()),
            "prefix {kind}"
        );
    }
}

#[test]
fn json_ld_prefixes_follow_the_base() {
    let text = run_ok(&["--base", "http://example.org/kg/", "export", "-f", "jsonld"]);
    let document: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        document["@context"]["place"],
        "http://example.org/kg/place/"
    );
    assert_eq!(
        document["@context"]["cica"],
        "https://w3id.org/cica-kg/ontology#"
    );
    assert!(document["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["@id"] == "summit:6"));
}
