//! `cica-kg validate` against a real SHACL engine: pySHACL (PyPI, in ./.venv) validates the
//! same data with the same `ontology/shapes.ttl`, and both must give the same verdict, shape by
//! shape: conforms on the real data, and on each bad fixture the same violated shapes on the
//! same focus nodes, which the fixture also names by hand.
//!
//! Two kinds of bad fixture, chosen by what `src/facts/` lets through:
//! - a facts edit (a second ordinal, a missing location, ...) that the facts files accept but
//!   the shapes do not: cica-kg validates the edited `--data` folder, and pySHACL the graph
//!   that `cica-kg --data DIR export --graph all` writes from it;
//! - a graph edit for what the facts files refuse before any graph exists (a malformed
//!   Wikidata IRI, a negative count, a blank or untagged label, a subject or object outside
//!   the property's domain or range, a summit that follows itself, a fact or statement without
//!   its evidence): the real graph, exported, edited as N-Triples text, and given to both
//!   engines as the same file (`cica-kg validate --graph-file FILE`). An edited fact no longer
//!   matches its reified statement, so cicash:FactStatementShape names it too.

use crate::common::{checked, cica_kg, data_copy, python, read, repo, run_ok, temp_dir};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

const SHAPES_NS: &str = "https://w3id.org/cica-kg/shapes#";
const BASE: &str = "https://w3id.org/cica-kg/";

/// pySHACL's verdicts on the N-Triples files after the shapes file, one process for them all
/// (starting Python and importing pySHACL took a second or two a file): one JSON line each,
/// `{"conforms": bool, "results": [[focus, sourceShape], ...]}`.
const PYSHACL: &str = r#"
import json, sys, rdflib, pyshacl
shapes = rdflib.Graph().parse(sys.argv[1], format="turtle")
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
for path in sys.argv[2:]:
    data = rdflib.Graph().parse(path, format="nt")
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    results = sorted({
        (str(report.value(r, SH.focusNode)), str(report.value(r, SH.sourceShape)))
        for r in report.subjects(rdflib.RDF.type, SH.ValidationResult)
    })
    print(json.dumps({"conforms": conforms, "results": results}))
"#;

pub(crate) type Violations = BTreeSet<(String, String)>;

/// Runs pySHACL on an N-Triples file: whether it conforms, and its (focus, shape) pairs.
pub(crate) fn pyshacl(graph: &Path) -> (bool, Violations) {
    pyshacl_each(&[graph]).remove(0)
}

/// [`pyshacl`] of each file, in one Python process.
pub(crate) fn pyshacl_each(graphs: &[&Path]) -> Vec<(bool, Violations)> {
    let output = Command::new(python())
        .args(["-c", PYSHACL])
        .arg(repo().join("ontology/shapes.ttl"))
        .args(graphs)
        .output()
        .expect("the venv's python runs");
    let output = checked(output, "pySHACL");
    let verdicts: Vec<(bool, Violations)> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let verdict: serde_json::Value = serde_json::from_str(line).unwrap();
            let results = verdict["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|pair| {
                    (
                        pair[0].as_str().unwrap().to_owned(),
                        pair[1].as_str().unwrap().to_owned(),
                    )
                })
                .collect();
            (verdict["conforms"].as_bool().unwrap(), results)
        })
        .collect();
    assert_eq!(verdicts.len(), graphs.len(), "one verdict a file");
    verdicts
}

/// Runs `cica-kg [--data DIR] validate --format json [--graph-file FILE]`: the exit status and
/// the report.
pub(crate) fn cica_kg_validate(
    data: Option<&Path>,
    graph: Option<&Path>,
) -> (i32, serde_json::Value) {
    let mut command = cica_kg();
    if let Some(data) = data {
        command.arg("--data").arg(data);
    }
    command.args(["validate", "--format", "json"]);
    if let Some(graph) = graph {
        command.arg("--graph-file").arg(graph);
    }
    let output = command.output().unwrap();
    let report = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "cica-kg validate wrote no JSON report ({e}):\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (output.status.code().unwrap(), report)
}

/// The (focus, shape) pairs of the shape problems of a cica-kg report.
pub(crate) fn shape_violations(report: &serde_json::Value) -> Violations {
    report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == "shape")
        .map(|p| {
            (
                p["focus"].as_str().unwrap().to_owned(),
                p["shape"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// `(entity id, shape local name)` pairs, as full IRIs.
pub(crate) fn expected(pairs: &[(&str, &str)]) -> Violations {
    pairs
        .iter()
        .map(|(focus, shape)| {
            let focus = if focus.starts_with("http") {
                (*focus).to_owned()
            } else {
                format!("{BASE}{focus}")
            };
            (focus, format!("{SHAPES_NS}{shape}"))
        })
        .collect()
}

/// The whole graph (facts, provenance, ontology) as N-Triples, from the shipped data or a folder.
pub(crate) fn export_all(data: Option<&Path>, to: &Path) {
    let mut command = cica_kg();
    if let Some(data) = data {
        command.arg("--data").arg(data);
    }
    let output = command
        .args(["export", "--graph", "all", "-f", "ntriples", "-o"])
        .arg(to)
        .output()
        .unwrap();
    checked(output, "cica-kg export");
}

#[test]
fn the_real_data_is_valid() {
    let out = run_ok(&["validate"]);
    let last = out.lines().last().unwrap();
    assert_eq!(out.lines().count(), 1, "only the summary line:\n{out}");
    // The counts of the summary, counted here from the text of the facts files.
    let count = |table: &str| -> usize {
        std::fs::read_dir(repo().join("data"))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|e| e == "toml"))
            .map(|path| read(&path).lines().filter(|l| l.trim() == table).count())
            .sum()
    };
    let entities = count("[[entity]]");
    let statements = count("[[statement]]");
    assert!(
        last.starts_with(&format!(
            "valid: {entities} entities and {statements} statements load, {statements} quotes are at their offsets in the article, 36 SHACL shapes (ontology/shapes.ttl) hold on "
        )),
        "{last}"
    );
}

#[test]
fn the_json_report_is_one_stable_object() {
    let (status, report) = cica_kg_validate(None, None);
    assert_eq!(status, 0);
    assert_eq!(report["valid"], true);
    assert_eq!(report["problems"], serde_json::json!([]));
    let keys: Vec<&str> = report["summary"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "entities",
            "problems",
            "quotes",
            "shapes",
            "statements",
            "triples"
        ]
    );
    // The targeted shapes of ontology/shapes.ttl, counted there by hand.
    assert_eq!(report["summary"]["shapes"], 36);
    assert_eq!(report["summary"]["problems"], 0);
}

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs pySHACL (PyPI): ./scripts/test.sh installs it and runs with --features peers"
)]
fn pyshacl_agrees_that_the_real_data_conforms() {
    let dir = temp_dir();
    let graph = dir.path().join("all.nt");
    export_all(None, &graph);
    let (conforms, results) = pyshacl(&graph);
    assert!(conforms, "pySHACL finds violations: {results:?}");
    let (status, report) = cica_kg_validate(None, Some(&graph));
    assert_eq!(status, 0, "{report}");
}

/// A facts edit that loading accepts (`src/facts/`) and a shape refuses.
struct FactsCase {
    name: &'static str,
    edit: fn(&Path),
    violations: &'static [(&'static str, &'static str)],
}

/// Removes the `[[statement]]` whose subject and property are these, and returns its text.
fn remove_statement(dir: &Path, subject: &str, property: &str) -> String {
    let path = dir.join("cica-backgrounder.toml");
    let text = read(&path);
    let needle = format!("[[statement]]\nsubject = \"{subject}\"\nproperty = \"{property}\"\n");
    let start = text
        .find(&needle)
        .unwrap_or_else(|| panic!("no statement {subject} {property}"));
    let end = text[start..]
        .find("\n\n")
        .map_or(text.len(), |i| start + i + 2);
    let removed = text[start..end].to_owned();
    std::fs::write(&path, format!("{}{}", &text[..start], &text[end..])).unwrap();
    removed
}

/// Appends a statement to the facts.
fn add_statement(dir: &Path, block: &str) {
    let path = dir.join("cica-backgrounder.toml");
    let text = read(&path);
    std::fs::write(&path, format!("{text}\n[[statement]]\n{block}")).unwrap();
}

const FACTS_CASES: &[FactsCase] = &[
    FactsCase {
        name: "a summit with two ordinals",
        edit: |dir| {
            add_statement(
                dir,
                "subject = \"summit/2\"\nproperty = \"ordinal\"\ninteger = 3\nquote = \"in the Turkish city of Istanbul in June 2010\"\n",
            )
        },
        violations: &[("summit/2", "SummitOrdinalShape")],
    },
    FactsCase {
        name: "a summit without an ordinal",
        edit: |dir| {
            remove_statement(dir, "summit/4", "ordinal");
        },
        violations: &[("summit/4", "SummitOrdinalShape")],
    },
    FactsCase {
        name: "a summit without a location",
        edit: |dir| {
            remove_statement(dir, "summit/6", "location");
        },
        violations: &[("summit/6", "SummitLocationShape")],
    },
    FactsCase {
        name: "a summit with both a date and a start date",
        edit: |dir| {
            add_statement(
                dir,
                "subject = \"summit/5\"\nproperty = \"date\"\ndate = \"2019-06-15\"\nquote = \"in the Tajik capital of Dushanbe in June 2019\"\n",
            )
        },
        violations: &[("summit/5", "SummitDateShape")],
    },
    FactsCase {
        name: "a summit without any date",
        edit: |dir| {
            remove_statement(dir, "summit/6", "startDate");
        },
        violations: &[("summit/6", "SummitDateShape")],
    },
    FactsCase {
        name: "a summit dated with cica:date instead of its start date",
        edit: |dir| {
            let removed = remove_statement(dir, "summit/1", "startDate");
            add_statement(
                dir,
                &removed
                    .trim_start_matches("[[statement]]\n")
                    .replace("property = \"startDate\"", "property = \"date\""),
            );
        },
        violations: &[("summit/1", "SummitDateShape")],
    },
];

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs pySHACL (PyPI): ./scripts/test.sh installs it and runs with --features peers"
)]
fn facts_that_break_a_shape_are_refused_by_both_engines() {
    let mut failures = Vec::new();
    let mut cases = Vec::new();
    for case in FACTS_CASES {
        let data = data_copy();
        (case.edit)(data.path());
        let (status, report) = cica_kg_validate(Some(data.path()), None);
        let graph = data.path().join("all.nt");
        export_all(Some(data.path()), &graph);
        cases.push((case, status, report, data, graph));
    }
    let graphs: Vec<&Path> = cases.iter().map(|(.., graph)| graph.as_path()).collect();
    let verdicts = pyshacl_each(&graphs);
    for ((case, status, report, ..), (conforms, theirs)) in cases.iter().zip(verdicts) {
        let want = expected(case.violations);
        let ours = shape_violations(report);
        if *status != 1 || ours != want || conforms || theirs != want {
            failures.push(format!(
                "{}: expected {want:?}\n  cica-kg (exit {status}): {ours:?}\n  pySHACL (conforms {conforms}): {theirs:?}",
                case.name
            ));
        }
        // Every shape problem names the facts file and line it comes from.
        for problem in report["problems"].as_array().unwrap() {
            let file = problem["file"].as_str().unwrap();
            if !file.ends_with(".toml") || !problem["line"].is_u64() {
                failures.push(format!(
                    "{}: not mapped to a facts file line: {problem}",
                    case.name
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A graph edit: the real graph's N-Triples, with lines replaced, removed or added.
struct GraphCase {
    name: &'static str,
    /// (old, new): `old` must occur exactly once; an empty `new` removes the line.
    replace: &'static [(&'static str, &'static str)],
    /// Lines added at the end.
    add: &'static [&'static str],
    violations: &'static [(&'static str, &'static str)],
}

const GRAPH_CASES: &[GraphCase] = &[
    GraphCase {
        name: "a Wikidata IRI with a leading zero",
        replace: &[(
            "<https://w3id.org/cica-kg/place/kazakhstan> <http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q232> .",
            "<https://w3id.org/cica-kg/place/kazakhstan> <http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q0232> .",
        )],
        add: &[],
        violations: &[("place/kazakhstan", "WikidataLinkShape")],
    },
    GraphCase {
        name: "a Wikidata page instead of its item",
        replace: &[(
            "<https://w3id.org/cica-kg/place/almaty> <http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q35493> .",
            "<https://w3id.org/cica-kg/place/almaty> <http://www.w3.org/2002/07/owl#sameAs> <https://www.wikidata.org/wiki/Q35493> .",
        )],
        add: &[],
        violations: &[("place/almaty", "WikidataLinkShape")],
    },
    GraphCase {
        name: "a negative member count",
        replace: &[(
            "<https://w3id.org/cica-kg/organization/cica> <https://w3id.org/cica-kg/ontology#memberCount> \"27\"^^<http://www.w3.org/2001/XMLSchema#integer> .",
            "<https://w3id.org/cica-kg/organization/cica> <https://w3id.org/cica-kg/ontology#memberCount> \"-27\"^^<http://www.w3.org/2001/XMLSchema#integer> .",
        )],
        add: &[],
        violations: &[
            ("organization/cica", "MemberCountShape"),
            ("organization/cica", "FactStatementShape"),
        ],
    },
    GraphCase {
        name: "an observer count written as text",
        replace: &[(
            "<https://w3id.org/cica-kg/organization/cica> <https://w3id.org/cica-kg/ontology#observerCount> \"14\"^^<http://www.w3.org/2001/XMLSchema#integer> .",
            "<https://w3id.org/cica-kg/organization/cica> <https://w3id.org/cica-kg/ontology#observerCount> \"14\" .",
        )],
        add: &[],
        violations: &[
            ("organization/cica", "ObserverCountShape"),
            ("organization/cica", "FactStatementShape"),
        ],
    },
    GraphCase {
        name: "a blank label",
        replace: &[(
            "<https://w3id.org/cica-kg/place/almaty> <http://www.w3.org/2000/01/rdf-schema#label> \"Almaty\"@en .",
            "<https://w3id.org/cica-kg/place/almaty> <http://www.w3.org/2000/01/rdf-schema#label> \" \"@en .",
        )],
        add: &[],
        violations: &[("place/almaty", "EntityLabelShape")],
    },
    GraphCase {
        name: "a label without a language",
        replace: &[(
            "<https://w3id.org/cica-kg/place/dushanbe> <http://www.w3.org/2000/01/rdf-schema#label> \"Dushanbe\"@en .",
            "<https://w3id.org/cica-kg/place/dushanbe> <http://www.w3.org/2000/01/rdf-schema#label> \"Dushanbe\" .",
        )],
        add: &[],
        violations: &[("place/dushanbe", "EntityLabelShape")],
    },
    GraphCase {
        name: "two labels",
        replace: &[],
        add: &["<https://w3id.org/cica-kg/summit/4> <http://www.w3.org/2000/01/rdf-schema#label> \"Shanghai summit\"@en ."],
        violations: &[("summit/4", "EntityLabelShape")],
    },
    GraphCase {
        name: "an entity without a label",
        replace: &[(
            "<https://w3id.org/cica-kg/place/asia> <http://www.w3.org/2000/01/rdf-schema#label> \"Asia\"@en .",
            "",
        )],
        add: &[],
        violations: &[("place/asia", "EntityLabelShape")],
    },
    GraphCase {
        name: "an ordinal written as text",
        replace: &[(
            "<https://w3id.org/cica-kg/summit/2> <https://w3id.org/cica-kg/ontology#ordinal> \"2\"^^<http://www.w3.org/2001/XMLSchema#integer> .",
            "<https://w3id.org/cica-kg/summit/2> <https://w3id.org/cica-kg/ontology#ordinal> \"2\" .",
        )],
        add: &[],
        violations: &[
            ("summit/2", "SummitOrdinalShape"),
            ("summit/2", "FactStatementShape"),
        ],
    },
    GraphCase {
        name: "a summit held in a country, not a city",
        replace: &[(
            "<https://w3id.org/cica-kg/summit/3> <https://w3id.org/cica-kg/ontology#location> <https://w3id.org/cica-kg/place/istanbul> .",
            "<https://w3id.org/cica-kg/summit/3> <https://w3id.org/cica-kg/ontology#location> <https://w3id.org/cica-kg/place/turkey> .",
        )],
        add: &[],
        violations: &[
            ("summit/3", "CityRangeShape"),
            ("summit/3", "FactStatementShape"),
        ],
    },
    GraphCase {
        name: "the presidency points at a city",
        replace: &[(
            "<https://w3id.org/cica-kg/organization/cica> <https://w3id.org/cica-kg/ontology#presidency> <https://w3id.org/cica-kg/place/kazakhstan> .",
            "<https://w3id.org/cica-kg/organization/cica> <https://w3id.org/cica-kg/ontology#presidency> <https://w3id.org/cica-kg/place/astana> .",
        )],
        add: &[],
        violations: &[
            ("organization/cica", "CountryRangeShape"),
            ("organization/cica", "FactStatementShape"),
        ],
    },
    GraphCase {
        name: "a summit follows itself",
        replace: &[],
        add: &["<https://w3id.org/cica-kg/summit/2> <https://w3id.org/cica-kg/ontology#follows> <https://w3id.org/cica-kg/summit/2> ."],
        violations: &[
            ("summit/2", "IrreflexiveShape"),
            ("summit/2", "FactStatementShape"),
        ],
    },
    GraphCase {
        name: "a meeting format alternates with itself",
        replace: &[],
        add: &["<https://w3id.org/cica-kg/mechanism/summits> <https://w3id.org/cica-kg/ontology#alternatesWith> <https://w3id.org/cica-kg/mechanism/summits> ."],
        violations: &[
            ("mechanism/summits", "IrreflexiveShape"),
            ("mechanism/summits", "FactStatementShape"),
        ],
    },
    GraphCase {
        name: "a city with a member count (domain cica:Organization)",
        replace: &[],
        add: &["<https://w3id.org/cica-kg/place/almaty> <https://w3id.org/cica-kg/ontology#memberCount> \"3\"^^<http://www.w3.org/2001/XMLSchema#integer> ."],
        violations: &[
            ("place/almaty", "OrganizationDomainShape"),
            ("place/almaty", "FactStatementShape"),
        ],
    },
    GraphCase {
        name: "a summit with an aim (domain: an organization or a document)",
        replace: &[],
        add: &["<https://w3id.org/cica-kg/summit/1> <https://w3id.org/cica-kg/ontology#aim> \"peace\"@en ."],
        violations: &[
            ("summit/1", "AimDomainShape"),
            ("summit/1", "FactStatementShape"),
        ],
    },
    GraphCase {
        name: "a city that is the location of an event (domain cica:Event)",
        replace: &[],
        add: &["<https://w3id.org/cica-kg/place/astana> <https://w3id.org/cica-kg/ontology#location> <https://w3id.org/cica-kg/place/kazakhstan> ."],
        violations: &[
            ("place/astana", "EventDomainShape"),
            ("place/astana", "CityRangeShape"),
            ("place/astana", "FactStatementShape"),
        ],
    },
    GraphCase {
        name: "a well-formed fact without its reified statement",
        replace: &[],
        add: &["<https://w3id.org/cica-kg/summit/6> <https://w3id.org/cica-kg/ontology#follows> <https://w3id.org/cica-kg/summit/4> ."],
        violations: &[("summit/6", "FactStatementShape")],
    },
];

/// The real graph as N-Triples text, with a case's edits.
fn edited_graph(case: &GraphCase, real: &str) -> String {
    let mut lines: Vec<String> = real.lines().map(str::to_owned).collect();
    for (old, new) in case.replace {
        let at: Vec<usize> = (0..lines.len()).filter(|&i| lines[i] == *old).collect();
        assert_eq!(
            at.len(),
            1,
            "{}: the line to edit is not there once: {old}",
            case.name
        );
        if new.is_empty() {
            lines.remove(at[0]);
        } else {
            lines[at[0]] = (*new).to_owned();
        }
    }
    lines.extend(case.add.iter().map(|l| (*l).to_owned()));
    lines.join("\n") + "\n"
}

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs pySHACL (PyPI): ./scripts/test.sh installs it and runs with --features peers"
)]
fn graphs_that_break_a_shape_are_refused_by_both_engines() {
    let dir = temp_dir();
    let real_path = dir.path().join("real.nt");
    export_all(None, &real_path);
    let real = read(&real_path);
    let mut failures = Vec::new();
    let mut cases = Vec::new();
    for (i, case) in GRAPH_CASES.iter().enumerate() {
        let graph = dir.path().join(format!("bad-{i}.nt"));
        std::fs::write(&graph, edited_graph(case, &real)).unwrap();
        let (status, report) = cica_kg_validate(None, Some(&graph));
        cases.push((case, status, report, graph));
    }
    let graphs: Vec<&Path> = cases.iter().map(|(.., graph)| graph.as_path()).collect();
    let verdicts = pyshacl_each(&graphs);
    for ((case, status, report, _), (conforms, theirs)) in cases.iter().zip(verdicts) {
        let want = expected(case.violations);
        let ours = shape_violations(report);
        if *status != 1 || ours != want || conforms || theirs != want {
            failures.push(format!(
                "{}: expected {want:?}\n  cica-kg (exit {status}): {ours:?}\n  pySHACL (conforms {conforms}): {theirs:?}",
                case.name
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The first line of the N-Triples `graph` whose predicate is `predicate` (`<iri>`), read with
/// an N-Triples parser, and the IRI of its subject.
fn first_subject_with(graph: &str, predicate: &str) -> (String, String) {
    graph
        .lines()
        .find_map(|line| {
            let triple = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::NTriples)
                .for_slice(line.as_bytes())
                .next()?
                .expect("an N-Triples line");
            let oxigraph::model::NamedOrBlankNode::NamedNode(subject) = triple.subject else {
                return None;
            };
            (format!("<{}>", triple.predicate.as_str()) == predicate)
                .then(|| (line.to_owned(), subject.into_string()))
        })
        .unwrap_or_else(|| panic!("no triple with {predicate}"))
}

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs pySHACL (PyPI): ./scripts/test.sh installs it and runs with --features peers"
)]
fn provenance_without_evidence_or_source_is_refused_by_both_engines() {
    let dir = temp_dir();
    let real_path = dir.path().join("real.nt");
    export_all(None, &real_path);
    let real = read(&real_path);
    let without = |line: &str| -> String {
        assert!(real.contains(line));
        real.replacen(&format!("{line}\n"), "", 1)
    };
    // No cica:evidence: no evidence, and so no quote either, and no reference from the source
    // it is derived from.
    let (line, statement) =
        first_subject_with(&real, "<https://w3id.org/cica-kg/ontology#evidence>");
    let graph = dir.path().join("no-evidence.nt");
    std::fs::write(&graph, without(&line)).unwrap();
    let want = expected(&[
        (statement.as_str(), "StatementEvidenceShape"),
        (statement.as_str(), "StatementQuoteShape"),
        (statement.as_str(), "StatementOffsetsShape"),
        (statement.as_str(), "StatementReferenceShape"),
    ]);
    let (status, report) = cica_kg_validate(None, Some(&graph));
    assert_eq!((status, shape_violations(&report)), (1, want.clone()));
    assert_eq!(pyshacl(&graph), (false, want));

    // No prov:wasDerivedFrom: and so its quote is of a source it is not derived from.
    let (line, statement) = first_subject_with(&real, "<http://www.w3.org/ns/prov#wasDerivedFrom>");
    let graph = dir.path().join("no-source.nt");
    std::fs::write(&graph, without(&line)).unwrap();
    let want = expected(&[
        (statement.as_str(), "StatementSourceShape"),
        (statement.as_str(), "StatementReferenceShape"),
    ]);
    let (status, report) = cica_kg_validate(None, Some(&graph));
    assert_eq!((status, shape_violations(&report)), (1, want.clone()));
    assert_eq!(pyshacl(&graph), (false, want));
}

#[test]
fn an_empty_graph_file_is_not_valid() {
    let dir = temp_dir();
    for name in ["empty.nq", "empty.nt"] {
        let graph = dir.path().join(name);
        std::fs::write(&graph, "").unwrap();
        let (status, report) = cica_kg_validate(None, Some(&graph));
        assert_eq!(status, 1, "{report}");
        let problems = report["problems"].as_array().unwrap();
        assert_eq!(problems.len(), 1, "{report}");
        assert_eq!(problems[0]["file"], graph.display().to_string());
        assert_eq!(problems[0]["kind"], "graph");
        let message = problems[0]["message"].as_str().unwrap();
        assert!(
            message.starts_with("the graph file holds no fact"),
            "{message}"
        );
    }
}

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs pySHACL (PyPI): ./scripts/test.sh installs it and runs with --features peers"
)]
fn a_graph_without_its_start_offsets_is_not_valid_for_either_engine() {
    let dir = temp_dir();
    // Every reified statement, one per [[statement]] of the facts files.
    let statements = read(&repo().join("data/cica-backgrounder.toml"))
        .lines()
        .filter(|l| *l == "[[statement]]")
        .count();
    for (format, name) in [("nquads", "all.nq"), ("ntriples", "all.nt")] {
        let real = dir.path().join(name);
        checked(
            cica_kg()
                .args(["export", "--graph", "all", "-f", format, "-o"])
                .arg(&real)
                .output()
                .unwrap(),
            "cica-kg export",
        );
        let without: String = read(&real)
            .lines()
            .filter(|l| l.split(' ').nth(1) != Some("<http://www.w3.org/ns/oa#start>"))
            .map(|l| format!("{l}\n"))
            .collect();
        let graph = dir.path().join(format!("no-start-{name}"));
        std::fs::write(&graph, without).unwrap();
        let (status, report) = cica_kg_validate(None, Some(&graph));
        assert_eq!(status, 1, "{report}");
        let ours = shape_violations(&report);
        assert_eq!(ours.len(), statements, "{report}");
        assert!(
            ours.iter().all(
                |(focus, shape)| focus.starts_with(&format!("{BASE}statement/"))
                    && *shape == format!("{SHAPES_NS}StatementOffsetsShape")
            ),
            "{ours:?}"
        );
        if format == "ntriples" {
            assert_eq!(pyshacl(&graph), (false, ours));
        }
    }
}

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs pySHACL (PyPI): ./scripts/test.sh installs it and runs with --features peers"
)]
fn a_quote_moved_off_its_offsets_is_found_though_no_shape_sees_it() {
    let dir = temp_dir();
    let real_path = dir.path().join("real.nt");
    export_all(None, &real_path);
    let real = read(&real_path);
    // The first summit's location: "Its first summit was held in the Kazakh city of Almaty"
    // is at characters 1151..1205 of the article (queries/evidence.rq); move its start by one.
    let quote = "<http://www.w3.org/ns/oa#exact> \"Its first summit was held in the Kazakh city of Almaty\" .";
    let (quote_line, _) = first_subject_with(&real, "<http://www.w3.org/ns/oa#exact>");
    let selector = real
        .lines()
        .find(|l| l.ends_with(quote))
        .unwrap_or_else(|| panic!("no quote selector in {quote_line}"))
        .split(' ')
        .next()
        .unwrap();
    let position = selector.replace("-quote>", "-position>");
    let start = format!("{position} <http://www.w3.org/ns/oa#start> \"1151\"");
    assert_eq!(real.matches(&start).count(), 1, "{start}");
    let graph = dir.path().join("moved.nt");
    std::fs::write(
        &graph,
        real.replace(&start, &start.replace("\"1151\"", "\"1152\"")),
    )
    .unwrap();
    let (status, report) = cica_kg_validate(None, Some(&graph));
    assert_eq!(status, 1, "{report}");
    let problems = report["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{report}");
    assert_eq!(problems[0]["kind"], "quote");
    let message = problems[0]["message"].as_str().unwrap();
    assert!(
        message.contains("the quote \"Its first summit was held in the Kazakh city of Almaty\" is not at characters 1152..1205 of cica-backgrounder.txt, which hold \"ts first summit was held in the Kazakh city of Almaty\""),
        "{message}"
    );
    // Offsets are beyond what a shape can say about the graph alone: pySHACL sees no problem.
    assert_eq!(pyshacl(&graph), (true, Violations::new()));
}

#[test]
fn a_shape_problem_points_at_the_facts_line_and_says_what_to_change() {
    let data = data_copy();
    let removed = remove_statement(data.path(), "summit/6", "location");
    assert!(removed.contains("place/astana"));
    let facts = data.path().join("entities.toml");
    // summit/6 is defined at the line of its id.
    let line = read(&facts)
        .lines()
        .position(|l| l == "id = \"summit/6\"")
        .unwrap()
        + 1;
    let output = cica_kg()
        .arg("--data")
        .arg(data.path())
        .arg("validate")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let out = String::from_utf8(output.stdout).unwrap();
    let expected = format!(
        "{}:{line}:6: summit:6 has no cica:location (shape cicash:SummitLocationShape); give the summit exactly one [[statement]] with property = \"location\" and object = a place whose class is City\ninvalid: 1 problem (1 shape violation)\n",
        facts.display()
    );
    assert_eq!(out, expected);
}

#[test]
fn a_graph_file_that_does_not_parse_is_reported_at_its_line() {
    let dir = temp_dir();
    let graph = dir.path().join("broken.nt");
    std::fs::write(
        &graph,
        "<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n<http://example.org/a> <http://example.org/b> .\n",
    )
    .unwrap();
    let output = cica_kg()
        .arg("validate")
        .arg("--graph-file")
        .arg(&graph)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let out = String::from_utf8(output.stdout).unwrap();
    assert!(out.starts_with(&format!("{}:2:", graph.display())), "{out}");
    assert!(out.contains("does not parse as ntriples"), "{out}");
    assert!(out.contains("fix the RDF syntax there"), "{out}");
}

#[test]
fn a_graph_file_that_cannot_be_read_exits_with_2() {
    let dir = temp_dir();
    let missing = dir.path().join("missing.ttl");
    cica_kg()
        .arg("validate")
        .arg("--graph-file")
        .arg(&missing)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::starts_with(format!(
            "error: cannot read {}: ",
            missing.display()
        )))
        .stderr(predicates::str::contains("check the path"));
    // An extension that names no RDF format: nothing to validate either.
    let yaml = dir.path().join("graph.yaml");
    std::fs::write(&yaml, "summit: 6\n").unwrap();
    cica_kg()
        .arg("validate")
        .arg("--graph-file")
        .arg(&yaml)
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!(
            "error: {}: cannot tell the RDF format from the extension 'yaml'; name the file with one of the extensions .ttl, .nt, .nq, .trig, .rdf, .jsonld (turtle, ntriples, nquads, trig, rdfxml, jsonld)\n",
            yaml.display()
        ));
    // A file that is there, in a known format, but does not parse is a problem found: 1.
    let broken = dir.path().join("broken.ttl");
    std::fs::write(&broken, "summit:6 a cica:Summit .\n").unwrap();
    cica_kg()
        .arg("validate")
        .arg("--graph-file")
        .arg(&broken)
        .assert()
        .code(1)
        .stdout(predicates::str::starts_with(format!(
            "{}:1:",
            broken.display()
        )));
}

#[test]
fn validate_exits_with_2_when_it_cannot_run() {
    // Without a valid base namespace there is no graph to check.
    cica_kg()
        .args(["--base", "not an iri", "validate"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--base: invalid base IRI <not an iri>",
        ));
}
