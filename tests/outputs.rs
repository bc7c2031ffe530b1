//! What every command writes: each output ends with exactly one newline (issue 7, item 9);
//! CONSTRUCT and DESCRIBE write RDF (Turtle unless told otherwise) sorted like `export`; and a
//! command that fails while it is writing a file leaves the old file as it was (item 12).

use crate::common::{cica_kg, read, run_ok, temp_dir};
use oxigraph::io::{RdfFormat, RdfParser};
use predicates::str::contains;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Asserts that `text` is not empty and ends with one newline (`\n`, or `\r\n` in CSV), not
/// with none and not with a blank line.
fn assert_one_final_newline(text: &str, what: &str) {
    let tail: String = text
        .chars()
        .rev()
        .take(40)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    assert!(!text.is_empty(), "{what}: no output");
    assert!(
        text.ends_with('\n'),
        "{what} does not end with a newline: ...{tail:?}"
    );
    let body = text.trim_end_matches('\n').trim_end_matches('\r');
    assert_eq!(
        text.len() - body.len(),
        if text.ends_with("\r\n") { 2 } else { 1 },
        "{what} ends with more than one newline: ...{tail:?}"
    );
}

const RDF_FORMATS: [&str; 6] = ["turtle", "ntriples", "nquads", "trig", "rdfxml", "jsonld"];

#[test]
fn every_export_format_ends_with_one_newline() {
    for format in RDF_FORMATS {
        for graph in ["facts", "provenance", "ontology", "all"] {
            let out = run_ok(&["export", "-f", format, "--graph", graph]);
            assert_one_final_newline(&out, &format!("export -f {format} --graph {graph}"));
        }
        let out = run_ok(&["export", "-f", format, "--profile", "wikidata"]);
        assert_one_final_newline(&out, &format!("export -f {format} --profile wikidata"));
        let out = run_ok(&["link", "-f", format]);
        assert_one_final_newline(&out, &format!("link -f {format}"));
    }
}

#[test]
fn an_export_file_ends_with_one_newline() {
    let dir = temp_dir();
    for (format, extension) in [("rdfxml", "rdf"), ("jsonld", "jsonld")] {
        let path = dir.path().join(format!("graph.{extension}"));
        cica_kg()
            .args(["export", "-o", path.to_str().unwrap()])
            .assert()
            .success()
            .stderr(contains(format!("({format})")));
        assert_one_final_newline(&read(&path), &path.display().to_string());
    }
}

#[test]
fn every_result_format_ends_with_one_newline() {
    for format in ["table", "csv", "tsv", "json", "xml"] {
        for query in [
            "presidency",      // SELECT, one row
            "summits",         // SELECT, six rows
            "summit-in-china", // ASK
        ] {
            let out = run_ok(&["query", query, "-f", format]);
            assert_one_final_newline(&out, &format!("query {query} -f {format}"));
        }
        let out = run_ok(&[
            "query",
            "-f",
            format,
            "-e",
            "SELECT ?s WHERE { ?s cica:ordinal 99 }",
        ]);
        assert_one_final_newline(&out, &format!("no solutions, -f {format}"));
    }
    for format in RDF_FORMATS {
        for query in [
            "CONSTRUCT { ?s cica:location ?o } WHERE { ?s cica:location ?o }",
            "DESCRIBE summit:6",
        ] {
            let out = run_ok(&["query", "--rdf-format", format, "-e", query]);
            assert_one_final_newline(&out, &format!("{query} --rdf-format {format}"));
        }
    }
}

#[test]
fn every_other_output_ends_with_one_newline() {
    for args in [
        &["query", "--list"][..],
        &["query", "--prefixes"],
        &["link", "--report"],
        &["quickstatements"],
        &["quickstatements", "--create"],
        &["validate"],
        &["validate", "--format", "json"],
        &["--help"],
        &["query", "--help"],
    ] {
        let out = run_ok(args);
        assert_one_final_newline(&out, &args.join(" "));
    }
}

// ── CONSTRUCT and DESCRIBE: RDF, sorted like export ─────────────────────────────────────

/// Parses RDF and returns its triples as N-Triples lines, sorted.
fn triples(format: RdfFormat, text: &str) -> Vec<String> {
    let mut lines: Vec<String> = RdfParser::from_format(format)
        .for_slice(text.as_bytes())
        .map(|q| format!("{} .", q.expect("cica-kg's output parses")))
        .collect();
    lines.sort();
    lines
}

#[test]
fn construct_writes_turtle_unless_told_otherwise() {
    let query = "CONSTRUCT { ?s cica:location ?o } WHERE { ?s cica:location ?o ; cica:ordinal 3 }";
    let turtle = run_ok(&["query", "-e", query]);
    assert!(turtle.starts_with("@prefix "), "{turtle}");
    assert!(
        turtle.contains("summit:3 cica:location place:istanbul ."),
        "{turtle}"
    );
    let expected = ["<https://w3id.org/cica-kg/summit/3> <https://w3id.org/cica-kg/ontology#location> <https://w3id.org/cica-kg/place/istanbul> ."];
    assert_eq!(triples(RdfFormat::Turtle, &turtle), expected);
    let xml = run_ok(&["query", "--rdf-format", "rdfxml", "-e", query]);
    assert_eq!(triples(RdfFormat::RdfXml, &xml), expected);
}

#[test]
fn construct_output_is_sorted_like_export() {
    // By subject; in each, the type first, then the label, then the other predicates by IRI
    // (so dcterms:title, whose IRI sorts before rdf:type, comes last).
    let out = run_ok(&[
        "query",
        "--rdf-format",
        "ntriples",
        "-e",
        "CONSTRUCT { ?s dcterms:title ?l ; rdfs:label ?l ; a cica:Summit } WHERE { ?s a cica:Summit ; rdfs:label ?l }",
    ]);
    let mut expected = String::new();
    for (n, label) in ["first", "second", "third", "fourth", "fifth", "sixth"]
        .iter()
        .enumerate()
    {
        let s = format!("<https://w3id.org/cica-kg/summit/{}>", n + 1);
        expected.push_str(&format!("{s} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/cica-kg/ontology#Summit> .\n"));
        expected.push_str(&format!(
            "{s} <http://www.w3.org/2000/01/rdf-schema#label> \"{label} CICA summit\"@en .\n"
        ));
        expected.push_str(&format!(
            "{s} <http://purl.org/dc/terms/title> \"{label} CICA summit\"@en .\n"
        ));
    }
    assert_eq!(out, expected);
}

#[test]
fn describe_output_is_sorted_like_export() {
    // What the article says about the third summit, in export order.
    let out = run_ok(&[
        "query",
        "--rdf-format",
        "ntriples",
        "-e",
        "DESCRIBE summit:3",
    ]);
    let s = "<https://w3id.org/cica-kg/summit/3>";
    let cica = "https://w3id.org/cica-kg/ontology#";
    let expected = [
        format!("{s} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{cica}Summit> ."),
        format!("{s} <http://www.w3.org/2000/01/rdf-schema#label> \"third CICA summit\"@en ."),
        format!("{s} <{cica}followedBy> <https://w3id.org/cica-kg/summit/4> ."),
        format!("{s} <{cica}follows> <https://w3id.org/cica-kg/summit/2> ."),
        format!("{s} <{cica}location> <https://w3id.org/cica-kg/place/istanbul> ."),
        format!("{s} <{cica}ordinal> \"3\"^^<http://www.w3.org/2001/XMLSchema#integer> ."),
        format!("{s} <{cica}organizer> <https://w3id.org/cica-kg/organization/cica> ."),
        format!(
            "{s} <{cica}startDate> \"2010-06\"^^<http://www.w3.org/2001/XMLSchema#gYearMonth> ."
        ),
    ];
    assert_eq!(out.lines().collect::<Vec<_>>(), expected);
}

// ── A failure while the file is being written ────────────────────────────────────────────

/// A SPARQL endpoint on 127.0.0.1 that reads one request, waits until it is told to answer,
/// then answers with SPARQL JSON results that break off half-way.
struct BrokenEndpoint {
    port: u16,
    answer: mpsc::Sender<()>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl BrokenEndpoint {
    fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free loopback port");
        let port = listener.local_addr().unwrap().port();
        let (answer, told) = mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            let Ok((stream, _)) = listener.accept() else {
                return;
            };
            read_request(&stream);
            // Answer when told to (or when the test is gone).
            let _ = told.recv_timeout(Duration::from_secs(60));
            let body = "{\"head\":{\"vars\":[\"s\"]},\"results\":{\"bindings\":[{\"s\":{\"type\":\"uri\",\"value\":\"http://example.org/a\"}},{\"s\":{\"type\":";
            let mut stream = stream;
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        });
        Self {
            port,
            answer,
            thread: Some(thread),
        }
    }
}

impl Drop for BrokenEndpoint {
    fn drop(&mut self) {
        let _ = self.answer.send(());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Reads an HTTP request's head and its body (by Content-Length).
fn read_request(stream: &TcpStream) {
    let mut reader = BufReader::new(stream);
    let mut length = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0; length];
    let _ = reader.read_exact(&mut body);
}

/// The files in `dir` other than `keep`, with their sizes.
fn other_files(dir: &Path, keep: &Path) -> Vec<(PathBuf, u64)> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p != keep)
        .map(|p| {
            let size = std::fs::metadata(&p).map(|m| m.len()).unwrap_or(0);
            (p, size)
        })
        .collect()
}

/// Waits until a file of `dir` other than `keep` has bytes in it, while `child` runs.
fn wait_for_a_growing_file(dir: &Path, keep: &Path, child: &mut std::process::Child) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let others = other_files(dir, keep);
        if others.iter().any(|(_, size)| *size > 0) {
            return;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("cica-kg stopped ({status}) before it wrote anything: {others:?}");
        }
        assert!(
            Instant::now() < deadline,
            "no results were written within 60 s"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_query_that_fails_while_writing_leaves_the_old_file() {
    let dir = temp_dir();
    let path = dir.path().join("results.tsv");
    let old = b"?s\n<http://example.org/the-old-results>\n";
    std::fs::write(&path, old).unwrap();
    let endpoint = BrokenEndpoint::start();
    let wikidata = "https://query.wikidata.org/sparql";
    // Every triple of the graph first (hundreds of kilobytes of TSV), then the endpoint's.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("cica-kg"))
        .current_dir(dir.path())
        .args([
            "query",
            "-f",
            "tsv",
            "-o",
            path.to_str().unwrap(),
            "--service-map",
            &format!("{wikidata}=http://127.0.0.1:{}/sparql", endpoint.port),
            "-e",
            &format!("SELECT ?s ?p ?o WHERE {{ {{ ?s ?p ?o }} UNION {{ SERVICE <{wikidata}> {{ ?s ?p ?o }} }} }}"),
        ])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("cica-kg starts");
    // While the endpoint holds its answer back, the results so far are being written: a
    // temporary file beside the old one grows, and the old file is as it was.
    wait_for_a_growing_file(dir.path(), &path, &mut child);
    assert_eq!(std::fs::read(&path).unwrap(), old);
    // Now the endpoint answers with broken results, and the query fails mid-write.
    drop(endpoint);
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("SERVICE <{wikidata}>")),
        "the message names the service: {stderr}"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        old,
        "the old file was replaced"
    );
    assert_eq!(
        other_files(dir.path(), &path),
        [],
        "the temporary file was left behind"
    );
}
