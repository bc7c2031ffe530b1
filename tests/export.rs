//! Export: every format parses back with the same number of triples or quads, output is
//! deterministic, only used prefixes are declared, and files are written atomically.

use crate::common::{checked, cica_kg, read, run_ok, temp_dir};
use oxigraph::io::{RdfFormat, RdfParser};
use predicates::str::contains;

const FORMATS: [(&str, &str); 6] = [
    ("turtle", "ttl"),
    ("ntriples", "nt"),
    ("nquads", "nq"),
    ("trig", "trig"),
    ("rdfxml", "rdf"),
    ("jsonld", "jsonld"),
];

/// Exports `format` to a file and returns (the count cica-kg reports, file text). The report
/// is one line, `wrote COUNT UNIT (FORMAT) to PATH`, read as a whole: its unit must be the
/// format's (quads for datasets, and for compact JSON-LD of several graphs, which keeps them as
/// named graphs; triples otherwise), its format and path the ones asked for.
pub fn export_file(
    dir: &std::path::Path,
    format: &str,
    extension: &str,
    extra: &[&str],
) -> (usize, String) {
    let path = dir.join(format!("graph.{extension}"));
    let output = cica_kg()
        .args(["export", "--format", format, "-o", path.to_str().unwrap()])
        .args(extra)
        .output()
        .unwrap();
    let output = checked(output, "cica-kg");
    let stderr = String::from_utf8(output.stderr).unwrap();
    let several_graphs = extra.windows(2).any(|w| w == ["--graph", "all"]);
    let unit = if matches!(format, "nquads" | "trig") || (format == "jsonld" && several_graphs) {
        "quads"
    } else {
        "triples"
    };
    let count = written_count(&stderr, unit, format, &path).unwrap_or_else(|| {
        panic!(
            "not a report of the export to {}: {stderr:?}",
            path.display()
        )
    });
    (count, read(&path))
}

/// The count of `wrote COUNT UNIT (FORMAT) to PATH\n`, when `report` is exactly that line.
fn written_count(report: &str, unit: &str, format: &str, path: &std::path::Path) -> Option<usize> {
    let rest = report.strip_prefix("wrote ")?;
    let (count, rest) = rest.split_once(' ')?;
    let expected_rest = format!("{unit} ({format}) to {}\n", path.display());
    if rest != expected_rest || !count.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    count.parse().ok()
}

fn parse_count(format: RdfFormat, text: &str) -> usize {
    let mut count = 0;
    for quad in RdfParser::from_format(format).for_slice(text.as_bytes()) {
        quad.expect("cica-kg's output parses");
        count += 1;
    }
    count
}

#[test]
fn every_format_parses_back_with_the_same_count() {
    let dir = temp_dir();
    let (turtle_count, _) = export_file(dir.path(), "turtle", "ttl", &[]);
    for (format, extension) in FORMATS {
        let (count, text) = export_file(dir.path(), format, extension, &[]);
        let rdf_format = RdfFormat::from_extension(extension).unwrap();
        assert_eq!(parse_count(rdf_format, &text), count, "{format}");
        if !matches!(format, "nquads" | "trig") {
            assert_eq!(
                count, turtle_count,
                "{format} holds the same facts as turtle"
            );
        }
    }
}

#[test]
fn the_facts_graph_has_the_articles_facts() {
    let nt = run_ok(&["export", "-f", "ntriples"]);
    for line in [
        "<https://w3id.org/cica-kg/summit/1> <https://w3id.org/cica-kg/ontology#startDate> \"2002-06\"^^<http://www.w3.org/2001/XMLSchema#gYearMonth> .",
        "<https://w3id.org/cica-kg/summit/6> <https://w3id.org/cica-kg/ontology#startDate> \"2022-10-12\"^^<http://www.w3.org/2001/XMLSchema#date> .",
        "<https://w3id.org/cica-kg/summit/6> <https://w3id.org/cica-kg/ontology#endDate> \"2022-10-13\"^^<http://www.w3.org/2001/XMLSchema#date> .",
        "<https://w3id.org/cica-kg/organization/cica> <https://w3id.org/cica-kg/ontology#memberCount> \"27\"^^<http://www.w3.org/2001/XMLSchema#integer> .",
        "<https://w3id.org/cica-kg/organization/cica> <https://w3id.org/cica-kg/ontology#proposedIn> \"1992\"^^<http://www.w3.org/2001/XMLSchema#gYear> .",
        "<https://w3id.org/cica-kg/place/almaty> <http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q35493> .",
        "<https://w3id.org/cica-kg/organization/cica-secretariat> <https://w3id.org/cica-kg/ontology#headquarters> <https://w3id.org/cica-kg/place/astana> .",
    ] {
        assert!(nt.lines().any(|l| l == line), "missing: {line}");
    }
    // The article gives no QID for the CICA itself, and none is invented.
    assert!(!nt.lines().any(|l| l.starts_with(
        "<https://w3id.org/cica-kg/organization/cica> <http://www.w3.org/2002/07/owl#sameAs>"
    )));
}

#[test]
fn output_is_deterministic() {
    for (format, _) in FORMATS {
        let first = run_ok(&["export", "-f", format]);
        let second = run_ok(&["export", "-f", format]);
        assert_eq!(first, second, "{format} output changes between runs");
    }
}

#[test]
fn turtle_declares_only_the_prefixes_it_uses() {
    let turtle = run_ok(&["export"]);
    let declared: Vec<&str> = turtle
        .lines()
        .filter_map(|l| l.strip_prefix("@prefix "))
        .filter_map(|l| l.split(':').next())
        .collect();
    assert!(declared.contains(&"summit") && declared.contains(&"cica") && declared.contains(&"wd"));
    let body: String = turtle
        .lines()
        .filter(|l| !l.starts_with("@prefix"))
        .collect::<Vec<_>>()
        .join("\n");
    for prefix in &declared {
        assert!(
            body.contains(&format!("{prefix}:")),
            "{prefix}: is declared but unused"
        );
    }
    for unused in ["oa", "prov", "sh", "statement", "graph", "wdt"] {
        assert!(
            !declared.contains(&unused),
            "{unused}: is declared in the facts graph"
        );
    }
}

#[test]
fn turtle_groups_each_subjects_triples() {
    let turtle = run_ok(&["export"]);
    let subjects: Vec<&str> = turtle
        .lines()
        .filter(|l| !l.starts_with(['@', '#', '\t']) && !l.is_empty())
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    let mut unique = subjects.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        subjects.len(),
        unique.len(),
        "a subject appears in two groups"
    );
}

#[test]
fn the_format_follows_the_extension() {
    let dir = temp_dir();
    let path = dir.path().join("out.nt");
    cica_kg()
        .args(["export", "-o", path.to_str().unwrap()])
        .assert()
        .success();
    assert!(read(&path).starts_with('<'));
    let path = dir.path().join("out.unknown");
    cica_kg()
        .args(["export", "-o", path.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(contains("give --format"))
        .stderr(contains("turtle, ntriples, nquads, trig, rdfxml, jsonld"));
    assert!(!path.exists());
}

#[test]
fn datasets_carry_named_graphs() {
    let nq = run_ok(&["export", "-f", "nquads"]);
    assert!(nq
        .lines()
        .any(|l| l.ends_with("<https://w3id.org/cica-kg/graph/facts> .")));
    assert!(nq
        .lines()
        .any(|l| l.ends_with("<https://w3id.org/cica-kg/graph/provenance> .")));
    assert!(!nq.contains("<https://w3id.org/cica-kg/graph/ontology> ."));
    let all = run_ok(&["export", "-f", "nquads", "--graph", "all"]);
    assert!(all.contains("<https://w3id.org/cica-kg/graph/ontology> ."));
}

/// A command refused before it starts writing (a bad base) leaves the file alone; a failure
/// while writing is tested in `outputs`.
#[test]
fn an_export_refused_before_writing_leaves_the_existing_file_unchanged() {
    let dir = temp_dir();
    let path = dir.path().join("graph.ttl");
    std::fs::write(&path, "precious").unwrap();
    cica_kg()
        .args(["--base", "bad base", "export", "-o", path.to_str().unwrap()])
        .assert()
        .code(2);
    assert_eq!(read(&path), "precious");
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 1, "a temporary file was left behind");
}
