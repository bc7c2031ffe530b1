//! Standard output streams (issue 8): results are written as they are produced, not held
//! whole in memory (a result that never ends still shows its first rows, in every format); a
//! reader that closes the pipe (`| head`) ends the run quietly with exit status 0; and a query
//! that fails half-way leaves the rows written before the error on standard output, the error
//! on standard error and exit status 2 (with `-o`, the file as it was).

use crate::common::{checked, cica_kg, peer, temp_dir};
use crate::output::{temporary_files, Running, ENDLESS};
use predicates::str::contains;
use std::collections::BTreeSet;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

/// Reads the first `lines` lines a running cica-kg writes on standard output, waiting at most
/// a minute for them.
fn first_lines(child: &mut Running, lines: usize) -> Vec<String> {
    let stdout = child.0.stdout.take().unwrap();
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        let read: Vec<String> = (&mut reader)
            .lines()
            .take(lines)
            .map(|l| l.unwrap())
            .collect();
        // Hand back the pipe too: the caller decides when it closes.
        let _ = send.send((read, reader.into_inner()));
    });
    let (read, stdout) = receive
        .recv_timeout(Duration::from_secs(60))
        .expect("no output within 60 s: the result is held back");
    child.0.stdout = Some(stdout);
    read
}

#[test]
fn results_stream_to_standard_output_as_they_are_produced() {
    // The result never ends: a header and rows arrive only if they are written as produced.
    for (format, header) in [
        ("tsv", "?a\t?b\t?c\t?d\t?e\t?f\t?g\t?h\t?i"),
        ("csv", "a,b,c,d,e,f,g,h,i"),
        ("table", "?a"),
    ] {
        let dir = temp_dir();
        let mut child = Running::start(
            &["query", "-f", format, "-e", ENDLESS],
            dir.path(),
            Stdio::piped(),
        );
        let lines = first_lines(&mut child, 3);
        assert!(lines[0].starts_with(header), "{format}: {lines:?}");
        // No output file, nothing to clean up: SIGTERM's default action ends the run (the
        // shell reports 143).
        child.signal("TERM");
        assert_eq!(child.wait().0.signal(), Some(15));
    }
    let dir = temp_dir();
    let construct = "CONSTRUCT { ?a ?b ?x } WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i BIND(CONCAT(STR(?c), STR(?f), STR(?i)) AS ?x) }";
    let mut child = Running::start(
        &["query", "--rdf-format", "ntriples", "-e", construct],
        dir.path(),
        Stdio::piped(),
    );
    let lines = first_lines(&mut child, 3);
    assert!(lines.iter().all(|l| l.ends_with(" .")), "{lines:?}");
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    for args in [
        &["query", "-f", "tsv", "-e", ENDLESS][..],
        &["query", "-f", "table", "-e", ENDLESS],
    ] {
        let dir = temp_dir();
        let mut child = Running::start(args, dir.path(), Stdio::piped());
        first_lines(&mut child, 1);
        drop(child.0.stdout.take()); // as `| head -1` does
        let (status, stderr) = child.wait();
        assert_eq!(status.code(), Some(0), "{args:?}: {status}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}

/// A SPARQL endpoint on 127.0.0.1 that answers its first call with three rows and its second
/// with HTTP 500, then stops: a query that calls it twice fails half-way.
fn failing_endpoint() -> (String, std::thread::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/sparql", listener.local_addr().unwrap());
    let server = std::thread::spawn(move || {
        let answers = [
            (
                "200 OK",
                "text/tab-separated-values",
                "?x\n\"one\"\n\"two\"\n\"three\"\n",
            ),
            (
                "500 Internal Server Error",
                "text/plain",
                "the endpoint broke",
            ),
        ];
        for (status, kind, body) in answers {
            let (mut stream, _) = listener.accept().unwrap();
            read_request(&mut stream);
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            stream.write_all(head.as_bytes()).unwrap();
            stream.write_all(body.as_bytes()).unwrap();
        }
    });
    (url, server)
}

/// Reads an HTTP request's head and its body (by Content-Length).
fn read_request(stream: &mut std::net::TcpStream) {
    let mut reader = BufReader::new(stream);
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap();
            }
        }
        if line == "\r\n" || line.is_empty() {
            break;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
}

const WIKIDATA: &str = "https://query.wikidata.org/sparql";
const TWO_CALLS: &str = "SELECT ?x WHERE { { SERVICE <https://query.wikidata.org/sparql> { ?x ?p ?o } } UNION { SERVICE <https://query.wikidata.org/sparql> { ?x ?q ?r } } }";

#[test]
fn a_query_failing_half_way_leaves_its_partial_result_on_standard_output() {
    let (url, server) = failing_endpoint();
    let output = cica_kg()
        .args(["query", "-f", "csv", "-e", TWO_CALLS])
        .args(["--service-map", &format!("{WIKIDATA}={url}")])
        .output()
        .unwrap();
    server.join().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "x\r\none\r\ntwo\r\nthree\r\n"
    );
    assert!(stderr.contains("HTTP 500"), "{stderr}");
}

#[test]
fn a_query_failing_half_way_leaves_an_output_file_as_it_was() {
    let (url, server) = failing_endpoint();
    let dir = temp_dir();
    let file = dir.path().join("rows.csv");
    fs::write(&file, "old\n").unwrap();
    cica_kg()
        .args(["query", "-f", "csv", "-e", TWO_CALLS, "-o"])
        .arg(&file)
        .args(["--service-map", &format!("{WIKIDATA}={url}")])
        .assert()
        .code(2)
        .stderr(contains("HTTP 500"));
    server.join().unwrap();
    assert_eq!(fs::read_to_string(&file).unwrap(), "old\n");
    assert_eq!(temporary_files(dir.path()), Vec::<PathBuf>::new());
}

/// Over 100,000 triples (each object of the graph joined with each label; subjects without
/// blank nodes, whose labels differ from one reading to the next), so the CONSTRUCT result is
/// written as it comes, with every prefix declared.
const LARGE_CONSTRUCT: &str = "CONSTRUCT { ?a <urn:example:p> ?x } WHERE { ?a ?b ?c . ?d rdfs:label ?f FILTER(isIRI(?a)) BIND(CONCAT(STR(?c), STR(?f)) AS ?x) }";

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs the Oxigraph CLI (PyPI): ./scripts/test.sh installs it and runs with --features peers"
)]
fn a_large_construct_result_streams_as_valid_rdf() {
    let dir = temp_dir();
    let (turtle, ntriples) = (dir.path().join("large.ttl"), dir.path().join("large.nt"));
    for (format, file) in [("turtle", &turtle), ("ntriples", &ntriples)] {
        cica_kg()
            .args(["query", "--rdf-format", format, "-e", LARGE_CONSTRUCT, "-o"])
            .arg(file)
            .assert()
            .success();
    }
    assert!(fs::read_to_string(&turtle).unwrap().starts_with("@prefix "));
    // The Oxigraph CLI reads the Turtle back: the same triples as the N-Triples.
    let converted = Command::new(peer("CICA_KG_OXIGRAPH", "oxigraph"))
        .args(["convert", "--to-format", "nt", "--from-file"])
        .arg(&turtle)
        .output()
        .unwrap();
    let converted = checked(converted, "oxigraph convert");
    let distinct = |text: &str| text.lines().map(str::to_owned).collect::<BTreeSet<_>>();
    let from_turtle = distinct(&String::from_utf8(converted.stdout).unwrap());
    assert!(from_turtle.len() > 100_000, "{} triples", from_turtle.len());
    assert!(from_turtle == distinct(&fs::read_to_string(&ntriples).unwrap()));
}
