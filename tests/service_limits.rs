//! The limits of SERVICE calls (issue 8): an answer over the cap is refused, and federation
//! goes to allowed endpoints only. A small HTTP server in this test binary, on 127.0.0.1, plays
//! the SPARQL endpoints (one that answers, one whose answer never ends, one that announces a
//! terabyte), and listeners that never accept show that a refused SERVICE made no connection
//! at all.

use crate::common::{checked, cica_kg, temp_dir};
use crate::limits::refused;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::OnceLock;
use std::time::Duration;

/// The Wikidata Query Service's endpoint, allowed by default.
const WIKIDATA: &str = "https://query.wikidata.org/sparql";

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
    let output = checked(output, "cica-kg query");
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
    // Wikidata's label service is never called: it runs locally, on the graph's labels.
    let output = cica_kg()
        .args(["query", "-f", "csv", "-e", "SELECT ?sLabel WHERE { ?s a cica:Summit ; cica:ordinal 1 SERVICE wikibase:label { bd:serviceParam wikibase:language \"en\" } }"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(crate::common::checked(output, "the label service").stdout)
            .unwrap()
            .replace("\r\n", "\n"),
        "sLabel\nfirst CICA summit\n"
    );
    endpoint.assert_untouched();
}
