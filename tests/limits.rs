//! The limits of `cica-kg query` (issue 8): no panic, whatever the cell width, option value
//! or query; a time limit; a cap on SERVICE answers; federation only to allowed endpoints.
//! A small HTTP server in this test binary, on 127.0.0.1, plays the SPARQL endpoints (one that
//! answers, one whose answer never ends, one that announces a terabyte), and listeners that
//! never accept show that a refused SERVICE made no connection at all.

use crate::common::{cica_kg, data_copy, read, temp_dir};
use assert_cmd::assert::Assert;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::OnceLock;
use std::time::Duration;

/// The Wikidata Query Service's endpoint, allowed by default.
const WIKIDATA: &str = "https://query.wikidata.org/sparql";

/// A cell longer than `format!`'s width limit (65,535).
fn long_text() -> String {
    "Long ".repeat(14_000)
}

/// Asserts that `cica-kg` failed with status 2, said `fragments` and did not panic.
fn refused(assert: Assert, fragments: &[&str]) {
    let output = assert.get_output().clone();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for fragment in fragments {
        assert!(stderr.contains(fragment), "no {fragment:?} in:\n{stderr}");
    }
}

/// A copy of the data where Almaty's label and the CICA's description are wider than
/// `format!` pads, and a runner for `cica-kg --data COPY ARGS` that must succeed.
fn long_cells() -> (tempfile::TempDir, String) {
    let data = data_copy();
    let long = long_text();
    let entities = data.path().join("entities.toml");
    let text = read(&entities).replace("label = \"Almaty\"", &format!("label = \"Almaty {long}\""));
    std::fs::write(&entities, text).unwrap();
    let facts = data.path().join("cica-backgrounder.toml");
    let text = read(&facts).replace(
        "text = \"a forum on security issues\"",
        &format!("text = \"a forum on security issues {long}\""),
    );
    std::fs::write(&facts, text).unwrap();
    (data, long.trim_end().to_owned())
}

fn run_in(data: &tempfile::TempDir, args: &[&str]) -> String {
    let output = cica_kg()
        .arg("--data")
        .arg(data.path())
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "cica-kg {}: {stderr}",
        args.join(" ")
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn a_table_cell_wider_than_65535_characters_is_laid_out() {
    let (data, long) = long_cells();
    let table = run_in(
        &data,
        &[
            "query",
            "-f",
            "table",
            "-e",
            "SELECT ?label WHERE { place:almaty rdfs:label ?label }",
        ],
    );
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 4, "header, rule, row, count");
    assert_eq!(lines[0], "?label");
    assert_eq!(lines[1], "-".repeat("Almaty ".len() + long.len()));
    assert_eq!(lines[2], format!("Almaty {long}"));
    assert_eq!(lines[3], "(1 row)");
}

#[test]
fn evidence_with_a_value_wider_than_65535_characters_is_laid_out() {
    let (data, long) = long_cells();
    let evidence = run_in(
        &data,
        &[
            "query",
            "evidence",
            "-f",
            "table",
            "--bind",
            "subject=organization:cica",
            "--bind",
            "property=cica:description",
        ],
    );
    let lines: Vec<&str> = evidence.lines().collect();
    assert_eq!(lines.len(), 4, "header, rule, row, count");
    let object = format!("a forum on security issues {long}");
    assert_eq!(
        lines[0],
        format!(
            "?subject           ?property         ?object{}  ?quote",
            " ".repeat(object.len() - "?object".len())
        ) + &" ".repeat(
            "The idea of convening the CICA, a forum on security issues,".len() - "?quote".len()
        ) + "  ?start  ?end"
    );
    assert!(lines[2].starts_with(&format!(
        "organization:cica  cica:description  {object}  The idea of convening the CICA, a forum on security issues,  "
    )));
}

#[test]
fn a_link_report_with_a_label_wider_than_65535_characters_is_laid_out() {
    let (data, long) = long_cells();
    let report = run_in(&data, &["link", "--report"]);
    let almaty = report
        .lines()
        .find(|l| l.trim_start().starts_with("place/almaty"))
        .expect("Almaty is linked");
    let label_and_qid = almaty
        .trim_start()
        .strip_prefix("place/almaty")
        .unwrap()
        .trim_start();
    assert_eq!(label_and_qid, format!("Almaty {long}  Q35493"));
}

#[test]
fn numbers_out_of_range_are_refused_by_the_command_line() {
    let cases: &[(&str, &str, &str)] = &[
        ("--service-timeout", "SECONDS", "1..=3600"),
        ("--timeout", "SECONDS", "1..=86400"),
        ("--service-max-bytes", "BYTES", "1..=4294967296"),
    ];
    for (option, value_name, range) in cases {
        for value in ["0", "3601", "86401", "4294967297", "9223372036854775807"] {
            let in_range = match *option {
                "--service-timeout" => false,
                "--timeout" => value == "3601",
                _ => matches!(value, "3601" | "86401"),
            };
            let assert = cica_kg().args(["query", "summits", option, value]).assert();
            if in_range {
                assert.success();
                continue;
            }
            refused(
                assert,
                &[
                    &format!("invalid value '{value}' for '{option} <{value_name}>'"),
                    range,
                ],
            );
        }
    }
    refused(
        cica_kg()
            .args(["query", "summits", "--timeout", "-1"])
            .assert(),
        &["unexpected argument '-1'"],
    );
}

/// The query of issue 8: every pair of literals, sorted; Oxigraph's sort panics on it.
const SORT_PANIC: &str =
    "SELECT ?o ?z { ?s ?p ?o FILTER(isLiteral(?o)) ?x ?y ?z FILTER(isLiteral(?z)) } ORDER BY ?o ?z";

const ENGINE_FAILED: &str = "error: the query engine failed: user-provided comparison function does not correctly implement a total order; this is a bug in the query engine, please report it with the query\n";

#[test]
fn a_panic_of_the_query_engine_is_an_error() {
    let out = temp_dir();
    let file = out.path().join("sorted.tsv");
    let output = cica_kg()
        .args(["query", "-f", "tsv", "-e", SORT_PANIC, "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&output.stderr), ENGINE_FAILED);
    assert!(output.stdout.is_empty());
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0, "no file");

    // LATERAL sorts the inner query while the outer solutions are read and written.
    let numbers: Vec<String> = (1..=20).map(|i| i.to_string()).collect();
    let lateral = format!(
        "SELECT ?x ?o WHERE {{ VALUES ?x {{ 1 2 }} LATERAL {{ SELECT ?o WHERE {{ VALUES ?o {{ \"5\" {} }} }} ORDER BY ?o }} }}",
        numbers.join(" ")
    );
    for format in ["table", "json"] {
        let output = cica_kg()
            .args(["query", "-f", format, "-e", &lateral])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{format}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), ENGINE_FAILED);
        assert!(output.stdout.is_empty(), "{format}: no partial output");
    }
}

/// Every triple with every triple with every triple: 1,653³ rows, minutes of work.
const CROSS_PRODUCT: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";

#[test]
fn a_query_past_its_time_limit_is_stopped() {
    let time_limit = |args: &[&str]| {
        let assert = cica_kg()
            .args(args)
            .timeout(Duration::from_secs(120)) // the bound: without --timeout, many minutes
            .assert();
        refused(assert, &["error: the query took longer than 1 s (--timeout); give it more time with --timeout SECONDS"]);
    };
    time_limit(&["query", "--timeout", "1", "-e", CROSS_PRODUCT]);
    // Results produced from solutions already read (the rows of a cross product) are
    // watched as they are written.
    let out = temp_dir();
    let file = out.path().join("rows.tsv");
    let every_row = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    time_limit(&[
        "query",
        "--timeout",
        "1",
        "-e",
        every_row,
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(
        std::fs::read_dir(out.path()).unwrap().count(),
        0,
        "no file left"
    );
}

/// What the test server answers, by path.
fn handle(mut stream: TcpStream) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut length = 0;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0; length];
    let _ = reader.read_exact(&mut body);
    let path = request_line.split(' ').nth(1).unwrap_or("");
    let json = "Content-Type: application/sparql-results+json";
    let _ = match path {
        "/results" => {
            let answer = r#"{"head":{"vars":["answer"]},"results":{"bindings":[{"answer":{"type":"literal","value":"from the test endpoint"}}]}}"#;
            write!(stream, "HTTP/1.1 200 OK\r\n{json}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}", answer.len())
        }
        "/endless" => endless(&mut stream, json),
        "/terabyte" => write!(stream, "HTTP/1.1 200 OK\r\n{json}\r\nContent-Length: 1099511627776\r\nConnection: close\r\n\r\n{{\"head\":"),
        _ => write!(stream, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
    };
}

/// An answer that never ends: chunks of JSON-ish text until the client hangs up.
fn endless(stream: &mut TcpStream, json: &str) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 200 OK\r\n{json}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    )?;
    let chunk = "{\"head\":{\"vars\":[\"x\"]}} ".repeat(2_000);
    loop {
        write!(stream, "{:x}\r\n{chunk}\r\n", chunk.len())?;
    }
}

/// The test server's base URL; started once for the test binary, on a free loopback port.
fn server() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                std::thread::spawn(move || handle(stream));
            }
        });
        url
    })
}

/// A federated query whose SERVICE IRI is `service`.
fn federated(service: &str) -> String {
    format!("SELECT ?answer WHERE {{ SERVICE <{service}> {{ ?s ?p ?answer }} }}")
}

#[test]
fn a_service_answer_over_the_cap_is_refused() {
    let endless = format!("{}/endless", server());
    for (cap, shown) in [("100000", "100000 bytes"), ("1048576", "1 MiB")] {
        refused(
            cica_kg()
                .args(["query", "--service-max-bytes", cap, "--allow-service", &endless, "-e", &federated(&endless)])
                .timeout(Duration::from_secs(120))
                .assert(),
            &[
                &format!("SERVICE <{endless}> (sent to {endless}): the answer is larger than the {shown} cap"),
                "--service-max-bytes BYTES raises it",
            ],
        );
    }
    // The default cap, 64 MiB, on the Wikidata IRI mapped to the endless answer.
    refused(
        cica_kg()
            .args([
                "query",
                "--service-map",
                &format!("{WIKIDATA}={endless}"),
                "-e",
                &federated(WIKIDATA),
            ])
            .timeout(Duration::from_secs(120))
            .assert(),
        &["the answer is larger than the 64 MiB cap; raise the service answer cap"],
    );
    // A length over the cap is refused before the body is read.
    let terabyte = format!("{}/terabyte", server());
    refused(
        cica_kg()
            .args([
                "query",
                "--allow-service",
                &terabyte,
                "-e",
                &federated(&terabyte),
            ])
            .timeout(Duration::from_secs(120))
            .assert(),
        &["the answer is larger than the 64 MiB cap"],
    );
}

#[test]
fn an_allowed_service_is_called() {
    let results = format!("{}/results", server());
    let output = cica_kg()
        .args([
            "query",
            "-f",
            "csv",
            "--allow-service",
            &results,
            "-e",
            &federated(&results),
        ])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "answer\r\nfrom the test endpoint\r\n"
    );
}

/// A listener that never accepts: the kernel queues any connection made to it, so after a
/// run `accept` tells whether the run connected at all.
struct Untouched(TcpListener);

impl Untouched {
    fn new() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        Self(listener)
    }

    fn url(&self) -> String {
        format!("http://{}/sparql", self.0.local_addr().unwrap())
    }

    fn assert_untouched(&self) {
        match self.0.accept() {
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            other => panic!("a connection was made: {other:?}"),
        }
    }
}

#[test]
fn services_off_the_allowlist_are_never_contacted() {
    let endpoint = Untouched::new();
    let url = endpoint.url();
    let not_allowed = format!("SERVICE <{url}>: not an allowed endpoint");
    refused(
        cica_kg().args(["query", "-e", &federated(&url)]).assert(),
        &[&not_allowed, "--allow-service URL allows it"],
    );
    // A shared .rq file is no different.
    let dir = temp_dir();
    let file = dir.path().join("shared.rq");
    std::fs::write(&file, federated(&url)).unwrap();
    refused(cica_kg().arg("query").arg(&file).assert(), &[&not_allowed]);
    // --no-service refuses every SERVICE, Wikidata's too.
    for query in [federated(&url), federated(WIKIDATA)] {
        refused(
            cica_kg()
                .args(["query", "--no-service", "-e", &query])
                .assert(),
            &[
                "federation is turned off, so it was not called",
                "(--no-service)",
            ],
        );
    }
    refused(
        cica_kg()
            .args(["query", "--no-service", "--allow-service", &url, "summits"])
            .assert(),
        &["'--no-service' cannot be used with '--allow-service <URL>'"],
    );
    // Wikidata's label service is never called.
    refused(
        cica_kg()
            .args(["query", "-e", "SELECT ?s ?sLabel WHERE { ?s a cica:Summit SERVICE wikibase:label { bd:serviceParam wikibase:language \"en\" } }"])
            .assert(),
        &["SERVICE <http://wikiba.se/ontology#label>: the label service is not available offline yet"],
    );
    endpoint.assert_untouched();
}
