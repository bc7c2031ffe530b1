//! `cica-kg serve`, the real binary on a loopback port, with real clients: RDFLib's
//! SPARQLStore (GET, POST and form POST) and Linked Data parser, Oxigraph's SERVICE client,
//! and oxhttp for the edge cases over a socket. A query past its time limit must stop using
//! the CPU within a second; SIGTERM must stop the server and its workers; text from the data
//! must be escaped on every page. The answers are the article's, written by hand.

use crate::common::{
    checked, data_with_a_script_label, http, http_get, peer, python, shared_server, temp_dir,
    CicaServer,
};
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

/// The summits' ordinals and cities, by RDFLib over the three ways of sending a query; an ASK;
/// a CONSTRUCT; and an entity's IRI read as Linked Data.
const RDFLIB_CLIENT: &str = r#"
import sys
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
endpoint, base = sys.argv[1], sys.argv[2]
cica = "https://w3id.org/cica-kg/ontology#"
q = """PREFIX cica: <https://w3id.org/cica-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?ordinal ?city WHERE { ?s a cica:Summit ; cica:ordinal ?ordinal ; cica:location/rdfs:label ?city } ORDER BY ?ordinal"""
for method in ["GET", "POST", "POST_FORM"]:
    store = SPARQLStore(endpoint, method=method)
    print(method, " ".join(f"{r.ordinal}={r.city}" for r in store.query(q)))
    ask = store.query(f"ASK {{ <{base}summit/6> <{cica}location> <{base}place/astana> }}")
    print(method, "ask", ask.askAnswer)
    located = store.query(f"CONSTRUCT {{ ?s <{cica}location> ?p }} WHERE {{ ?s <{cica}location> ?p }}").graph
    print(method, "construct", len(located), (URIRef(base + "summit/3"), URIRef(cica + "location"), URIRef(base + "place/istanbul")) in located)
ld = Graph().parse(base + "summit/6")
print("ld", (URIRef(base + "summit/6"), URIRef(cica + "location"), URIRef(base + "place/astana")) in ld)
"#;

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs RDFLib and the Oxigraph server (PyPI): ./scripts/test.sh installs it and runs with --features peers"
)]
fn rdflib_queries_the_endpoint_and_reads_linked_data() {
    let server = shared_server();
    let output = Command::new(python())
        .args([
            "-c",
            RDFLIB_CLIENT,
            &server.url("/sparql"),
            &server.url("/"),
        ])
        .output()
        .expect("the venv's python runs");
    let output = checked(output, "RDFLib against cica-kg serve");
    let mut expected = String::new();
    for method in ["GET", "POST", "POST_FORM"] {
        expected.push_str(&format!(
            "{method} 1=Almaty 2=Almaty 3=Istanbul 4=Shanghai 5=Dushanbe 6=Astana\n{method} ask True\n{method} construct 6 True\n"
        ));
    }
    expected.push_str("ld True\n");
    assert_eq!(String::from_utf8_lossy(&output.stdout), expected);
}

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs RDFLib and the Oxigraph server (PyPI): ./scripts/test.sh installs it and runs with --features peers"
)]
fn oxigraph_calls_the_endpoint_as_a_service() {
    let server = shared_server();
    let oxigraph = peer("CICA_KG_OXIGRAPH", "oxigraph");
    let dir = temp_dir();
    let one = dir.path().join("one.nt");
    std::fs::write(&one, "<urn:a> <urn:b> <urn:c> .\n").unwrap();
    let store = dir.path().join("store");
    let load = Command::new(&oxigraph)
        .arg("load")
        .arg("--location")
        .arg(&store)
        .arg("--file")
        .arg(&one)
        .output()
        .unwrap();
    checked(load, "oxigraph load");
    let query = format!(
        "SELECT ?city WHERE {{ SERVICE <{}> {{ ?s a <https://w3id.org/cica-kg/ontology#Summit> ; <https://w3id.org/cica-kg/ontology#location>/<http://www.w3.org/2000/01/rdf-schema#label> ?city }} }} ORDER BY ?city",
        server.url("/sparql")
    );
    let output = Command::new(&oxigraph)
        .arg("query")
        .arg("--location")
        .arg(&store)
        .args(["--query", &query, "--results-format", "csv"])
        .output()
        .unwrap();
    let output = checked(output, "oxigraph query with SERVICE");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).replace("\r\n", "\n"),
        "city\nAlmaty\nAlmaty\nAstana\nDushanbe\nIstanbul\nShanghai\n"
    );
}

pub(crate) fn query_url(server: &CicaServer, query: &str) -> String {
    let mut url = server.url("/sparql?");
    url.push_str(
        &form_urlencoded::Serializer::new(String::new())
            .append_pair("query", query)
            .finish(),
    );
    url
}

#[test]
fn edge_cases_over_a_socket() {
    let server = shared_server();
    let bad = http_get(&query_url(&server, "SELECT ?x WHERE { ?x }"), "*/*");
    assert_eq!(bad.status, 400, "{}", bad.body);
    assert!(bad.body.contains("SPARQL syntax error"), "{}", bad.body);
    let wrong_method = http("DELETE", &server.url("/sparql"), &[], Vec::new());
    assert_eq!(wrong_method.status, 405);
    assert_eq!(wrong_method.header("allow"), "GET, POST");
    let summits = "SELECT ?s WHERE { ?s a cica:Summit }";
    let unacceptable = http_get(&query_url(&server, summits), "image/png");
    assert_eq!(unacceptable.status, 406);
    assert!(unacceptable
        .body
        .contains("application/sparql-results+json"));
    let oversized = http(
        "POST",
        &server.url("/sparql"),
        &[("content-type", "application/sparql-query")],
        vec![b'#'; 2 * 1024 * 1024],
    );
    assert_eq!(oversized.status, 413, "{}", oversized.body);
    let update = http(
        "POST",
        &server.url("/sparql"),
        &[("content-type", "application/sparql-update")],
        b"DROP ALL".to_vec(),
    );
    assert_eq!(update.status, 403);
    let write = http(
        "PUT",
        &server.url("/store?default"),
        &[("content-type", "text/turtle")],
        b"<urn:a> <urn:b> <urn:c> .".to_vec(),
    );
    assert_eq!(write.status, 403);
    assert!(
        server.log().contains("DELETE /sparql 405 "),
        "one log line per request:\n{}",
        server.log()
    );
}

/// The processes whose parent is `pid`.
pub(crate) fn children(pid: u32) -> Vec<u32> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(child) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        if stat(child).is_some_and(|fields| fields[1] == pid.to_string()) {
            found.push(child);
        }
    }
    found
}

/// The fields of /proc/PID/stat after the command name: state, ppid, ...; `None` when the
/// process is gone.
fn stat(pid: u32) -> Option<Vec<String>> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let (_, rest) = text.rsplit_once(')')?;
    Some(rest.split_whitespace().map(str::to_owned).collect())
}

/// CPU time used (user + system), in clock ticks; `None` when the process is gone or a zombie.
pub(crate) fn cpu_ticks(pid: u32) -> Option<u64> {
    let fields = stat(pid)?;
    if fields[0] == "Z" {
        return None;
    }
    Some(fields[11].parse::<u64>().ok()? + fields[12].parse::<u64>().ok()?)
}

#[test]
fn a_query_past_its_limit_stops_using_the_cpu_within_a_second() {
    let server = CicaServer::start(&["--timeout", "1", "--max-concurrent-queries", "1"]);
    let workers = children(server.pid());
    assert_eq!(workers.len(), 1, "one worker process: {workers:?}");
    let worker = workers[0];
    let runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";
    let url = query_url(&server, runaway);
    let sent = Instant::now();
    let asked = thread::spawn(move || http_get(&url, "application/sparql-results+json"));
    let before = cpu_ticks(worker).expect("the worker runs");
    let mut busy = false;
    while !busy && sent.elapsed() < Duration::from_millis(900) {
        thread::sleep(Duration::from_millis(50));
        busy = cpu_ticks(worker).is_some_and(|ticks| ticks > before);
    }
    assert!(busy, "the runaway query keeps its worker busy");
    let answer = asked.join().unwrap();
    assert_eq!(answer.status, 503, "{}", answer.body);
    assert!(answer.body.contains("limit of 1 s"), "{}", answer.body);
    assert_eq!(answer.header("retry-after"), "1");
    let answered = Instant::now();
    while cpu_ticks(worker).is_some() {
        assert!(
            answered.elapsed() < Duration::from_secs(1),
            "the worker of the runaway query still runs a second after the 503"
        );
        thread::sleep(Duration::from_millis(10));
    }
    assert!(server
        .log()
        .contains(&format!("killing query worker {worker}")));
    // A new worker takes its place, and it is idle: no process of the server keeps a core busy.
    let replaced = Instant::now();
    let fresh = loop {
        if let Some(&fresh) = children(server.pid()).iter().find(|&&p| p != worker) {
            break fresh;
        }
        assert!(
            replaced.elapsed() < Duration::from_secs(30),
            "no new worker"
        );
        thread::sleep(Duration::from_millis(20));
    };
    let ok = http_get(
        &query_url(&server, "ASK { summit:6 cica:location place:astana }"),
        "*/*",
    );
    assert_eq!(
        ok.status, 200,
        "the server answers after a timeout: {}",
        ok.body
    );
    let (a, b) = (cpu_ticks(fresh).unwrap(), cpu_ticks(server.pid()).unwrap());
    thread::sleep(Duration::from_secs(1));
    let used = cpu_ticks(fresh).unwrap() - a + cpu_ticks(server.pid()).unwrap() - b;
    assert!(
        used < 20,
        "the server and its new worker used {used} ticks in an idle second"
    );
}

#[test]
fn sigterm_stops_the_server_and_its_workers() {
    let mut server = CicaServer::start(&["--max-concurrent-queries", "2"]);
    let workers = children(server.pid());
    // One worker at start; the second would start when a query found the first busy (each
    // worker is a copy of the graph).
    assert_eq!(workers.len(), 1, "{workers:?}");
    let status = server.stop().expect("the server stops");
    assert!(status.success(), "exit status {status}:\n{}", server.log());
    for worker in workers {
        assert!(
            cpu_ticks(worker).is_none(),
            "worker {worker} outlived the server"
        );
    }
    assert!(server.log().contains("SIGTERM received; stopping"));
}

#[test]
fn the_server_says_when_its_pages_are_ready() {
    let server = shared_server();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !server.log().contains("pages ready") {
        assert!(
            Instant::now() < deadline,
            "no `pages ready` after 60 s:\n{}",
            server.log()
        );
        thread::sleep(Duration::from_millis(50));
    }
    let log = server.log();
    let listening = log.find("cica-kg serve: listening on").unwrap();
    // The graph is built in two steps: the provenance of the statements comes after the home page.
    let loaded = log
        .find("cica-kg serve: graph loaded: the provenance of every statement is in")
        .unwrap_or_else(|| panic!("{log}"));
    let ready = log.find("cica-kg serve: pages ready: ").unwrap();
    assert!(listening < loaded && loaded < ready, "{log}");
}

#[test]
fn text_from_the_data_is_escaped_on_every_page() {
    let data = data_with_a_script_label();
    let server = CicaServer::start(&["--data", data.path().to_str().unwrap()]);
    for path in [
        "/",
        "/summit/6",
        "/summit/5",
        "/query?name=summits",
        "/place/astana",
    ] {
        let page = http_get(&server.url(path), "text/html");
        assert_eq!(page.status, 200, "{path}: {}", page.body);
        assert!(
            page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{path} shows the label as text"
        );
        assert!(
            !page.body.contains("<script"),
            "{path} has a script element"
        );
    }
}

#[test]
fn connections_past_the_limit_wait_for_a_free_one() {
    use std::io::{Read, Write};
    use std::net::TcpStream;
    let server = CicaServer::start(&["--max-connections", "1", "--max-concurrent-queries", "1"]);
    let request = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    let status_line = |stream: &mut TcpStream| {
        let mut buffer = [0; 12];
        stream.read_exact(&mut buffer).map(|()| buffer.to_vec())
    };
    let mut first = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    first.write_all(request).unwrap();
    assert_eq!(status_line(&mut first).unwrap(), b"HTTP/1.1 200");
    // The first connection stays open (keep-alive): the second waits to be served.
    let mut second = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    second.write_all(request).unwrap();
    second
        .set_read_timeout(Some(Duration::from_millis(700)))
        .unwrap();
    assert!(
        status_line(&mut second).is_err(),
        "a second connection is served while the first is open"
    );
    drop(first);
    second
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    assert_eq!(status_line(&mut second).unwrap(), b"HTTP/1.1 200");
}

#[test]
fn a_body_past_its_limit_is_answered_413_to_a_client_still_sending_it() {
    use std::io::{Read, Write};
    use std::net::TcpStream;
    let server = shared_server();
    // Twice the default --max-body-bytes (1 MiB), sent in 64 KiB pieces with pauses, so that
    // the server has passed its limit well before the client is done: a server that answered
    // and closed at the limit would make the later writes fail ("broken pipe", "connection
    // reset") and the answer unreadable.
    let size = 2 << 20;
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let head = format!(
        "POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/sparql-query\r\nContent-Length: {size}\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).unwrap();
    let piece = vec![b'#'; 64 << 10];
    for sent in 0..size / piece.len() {
        stream
            .write_all(&piece)
            .unwrap_or_else(|e| panic!("after {} KiB: {e}", sent * 64));
        thread::sleep(Duration::from_millis(10));
    }
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
}
