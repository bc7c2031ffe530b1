//! Federated queries against a real SPARQL endpoint: the Oxigraph server from PyPI (in
//! ./.venv), started on a free loopback port with a small Wikidata-shaped fixture, stands in for
//! the Wikidata Query Service, and `--service-map` sends the SERVICE calls of the named query
//! `summit-coordinates` there. The joined answer must be the one written by hand in the query's
//! header. An endpoint that is not there, and one that never answers, must give clear errors
//! naming the endpoint. Nothing leaves the machine.

use crate::common::{checked, cica_kg, peer, repo, temp_dir};
use cica_kg::query::{named_query, Answer};
use predicates::str::contains;
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const WIKIDATA: &str = "https://query.wikidata.org/sparql";

/// A port that was free a moment ago, on the loopback interface.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("the loopback interface has a free port")
        .port()
}

/// An Oxigraph server holding the files given, on 127.0.0.1; killed when dropped.
struct OxigraphServer {
    child: Child,
    port: u16,
    _dir: tempfile::TempDir,
}

impl OxigraphServer {
    fn start(files: &[&Path]) -> Self {
        let oxigraph = peer("CICA_KG_OXIGRAPH", "oxigraph");
        let dir = temp_dir();
        let location = dir.path().join("store");
        let mut load = Command::new(&oxigraph);
        load.arg("load").arg("--location").arg(&location);
        for file in files {
            load.arg("--file").arg(file);
        }
        let output = load.output().expect("the oxigraph CLI runs");
        checked(output, "oxigraph load");
        let log = dir.path().join("server.log");
        let port = free_port();
        let child = Command::new(&oxigraph)
            .arg("serve-read-only")
            .arg("--location")
            .arg(&location)
            .arg("--bind")
            .arg(format!("127.0.0.1:{port}"))
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .expect("the oxigraph server starts");
        let mut server = Self {
            child,
            port,
            _dir: dir,
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = server.child.try_wait().unwrap() {
                panic!(
                    "the oxigraph server stopped ({status}): {}",
                    std::fs::read_to_string(&log).unwrap_or_default()
                );
            }
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "the oxigraph server does not listen on 127.0.0.1:{port} after 30 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    /// The server's SPARQL query endpoint.
    fn query_url(&self) -> String {
        format!("http://127.0.0.1:{}/query", self.port)
    }
}

impl Drop for OxigraphServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A CSV result as rows of cells (the values in this test hold no comma or quote).
fn csv_rows(csv: &str) -> Vec<Vec<String>> {
    csv.replace("\r\n", "\n")
        .lines()
        .map(|line| line.split(',').map(str::to_owned).collect())
        .collect()
}

#[test]
fn summit_coordinates_join_the_summits_with_wikidata() {
    let query = named_query("summit-coordinates").expect("the named query is shipped");
    assert!(
        query
            .header
            .requires
            .as_deref()
            .is_some_and(|r| r.starts_with(&format!("SERVICE <{WIKIDATA}>"))),
        "the header says which service it needs: {:?}",
        query.header.requires
    );
    let Some(Answer::Table { columns, rows, .. }) = query.header.answer else {
        panic!("summit-coordinates has no expected table");
    };
    // The header's answer was written by hand from the fixture; check the two agree on what
    // matters, so that a wrong header cannot make the test pass.
    assert_eq!(columns, ["ordinal", "city", "coordinates"]);
    assert_eq!(
        rows[0],
        ["1", "Almaty", "Point(76.95 43.25)"],
        "first summit, Almaty, fixture point"
    );
    assert_eq!(rows.len(), 6);

    let server = OxigraphServer::start(&[&repo().join("tests/fixtures/wikidata/cities.ttl")]);
    let output = cica_kg()
        .args(["query", "summit-coordinates", "--format", "csv"])
        .args([
            "--service-map",
            &format!("{WIKIDATA}={}", server.query_url()),
        ])
        .output()
        .unwrap();
    let output = checked(output, "cica-kg");
    let mut actual = csv_rows(&String::from_utf8(output.stdout).unwrap());
    assert_eq!(actual.remove(0), columns);
    assert_eq!(actual, rows, "the joined answer differs from the header's");
}

#[test]
fn inline_service_queries_reach_the_mapped_endpoint() {
    let server = OxigraphServer::start(&[&repo().join("tests/fixtures/wikidata/cities.ttl")]);
    // Only the capital of Kazakhstan, joined through its owl:sameAs link.
    let output = cica_kg()
        .args(["query", "--format", "csv", "--service-timeout", "10"])
        .args(["--service-map", &format!("{WIKIDATA}={}", server.query_url())])
        .args([
            "-e",
            "SELECT ?city ?point WHERE { place:kazakhstan cica:capital ?c . ?c rdfs:label ?city ; owl:sameAs ?item . \
             SERVICE <https://query.wikidata.org/sparql> { VALUES ?item { wd:Q1520 wd:Q35493 } ?item wdt:P625 ?point } }",
        ])
        .output()
        .unwrap();
    let output = checked(output, "cica-kg");
    assert_eq!(
        csv_rows(&String::from_utf8(output.stdout).unwrap()),
        [["city", "point"], ["Astana", "Point(71.43 51.13)"]]
    );
}

#[test]
fn an_unreachable_endpoint_is_named_in_the_error() {
    let port = free_port(); // nothing listens there
    let url = format!("http://127.0.0.1:{port}/query");
    cica_kg()
        .args(["query", "summit-coordinates", "--format", "csv"])
        .args(["--service-map", &format!("{WIKIDATA}={url}")])
        .assert()
        .code(2)
        .stderr(contains(format!("SERVICE <{WIKIDATA}> (sent to {url})")))
        .stderr(contains("cannot connect"))
        .stderr(contains("--service-map"));
}

#[test]
fn an_endpoint_that_never_answers_times_out() {
    // A socket that accepts connections (the kernel queues them) and never answers.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/query", silent.local_addr().unwrap());
    let started = Instant::now();
    cica_kg()
        .args(["query", "summit-coordinates", "--format", "csv"])
        .args(["--service-timeout", "1"])
        .args(["--service-map", &format!("{WIKIDATA}={url}")])
        .assert()
        .code(2)
        .stderr(contains(format!("SERVICE <{WIKIDATA}> (sent to {url})")))
        .stderr(contains("no answer within 1 s"))
        .stderr(contains("--service-timeout"));
    let elapsed = started.elapsed();
    assert!(
        elapsed < Duration::from_secs(20),
        "the 1 s timeout took {elapsed:?}"
    );
    drop(silent);
}

#[test]
fn a_url_that_is_not_a_sparql_endpoint_says_so() {
    let server = OxigraphServer::start(&[&repo().join("tests/fixtures/wikidata/cities.ttl")]);
    let url = format!("http://127.0.0.1:{}/no-such-endpoint", server.port);
    cica_kg()
        .args(["query", "summit-coordinates", "--format", "csv"])
        .args(["--service-map", &format!("{WIKIDATA}={url}")])
        .assert()
        .code(2)
        .stderr(contains(format!("(sent to {url})")))
        .stderr(contains("HTTP 404"))
        .stderr(contains("SPARQL query endpoint"));
}

#[test]
fn service_options_are_checked_before_any_work() {
    cica_kg()
        .args(["query", "summits", "--service-map", WIKIDATA])
        .assert()
        .code(2)
        .stderr(contains("--service-map <IRI=URL>"))
        .stderr(contains("write IRI=URL"));
    cica_kg()
        .args(["query", "summits", "--service-map"])
        .arg(format!("{WIKIDATA}=ftp://127.0.0.1/query"))
        .assert()
        .code(2)
        .stderr(contains("no '=' followed by an http:// or https:// URL"));
    cica_kg()
        .args(["query", "summits", "--service-timeout", "0"])
        .assert()
        .code(2)
        .stderr(contains("--service-timeout"));
    // A service that is neither http(s) nor mapped is not on the allowlist, and cannot be.
    cica_kg()
        .args([
            "query",
            "-e",
            "SELECT * WHERE { SERVICE <urn:example:endpoint> { ?s ?p ?o } }",
        ])
        .assert()
        .code(2)
        .stderr(contains(
            "SERVICE <urn:example:endpoint>: not an allowed endpoint",
        ))
        .stderr(contains("--service-map IRI=URL"));
    cica_kg()
        .args(["query", "summits", "--allow-service", "urn:example:endpoint"])
        .assert()
        .code(2)
        .stderr(contains("--allow-service urn:example:endpoint: 'urn:example:endpoint' is not an http:// or https:// URL with a host"));
}
