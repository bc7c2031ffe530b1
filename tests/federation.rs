//! Federated queries against a real SPARQL endpoint: the Oxigraph server from PyPI (in
//! ./.venv), started on a free loopback port with a small Wikidata-shaped fixture, stands in for
//! the Wikidata Query Service, and `--service-map` sends the SERVICE calls of the named query
//! `summit-coordinates` there. The joined answer must be the one written by hand in the query's
//! header. An endpoint that is not there, and one that never answers, must give clear errors
//! naming the endpoint. Nothing leaves the machine.

use crate::common::oxigraph::{free_port, OxigraphServer};
use crate::common::{checked, cica_kg, repo};
use cica_kg::query::{named_query, Answer};
use predicates::str::contains;
use std::net::TcpListener;
use std::time::{Duration, Instant};

const WIKIDATA: &str = "https://query.wikidata.org/sparql";

/// A CSV result as rows of cells (the values in this test hold no comma or quote).
fn csv_rows(csv: &str) -> Vec<Vec<String>> {
    csv.replace("\r\n", "\n")
        .lines()
        .map(|line| line.split(',').map(str::to_owned).collect())
        .collect()
}

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs the Oxigraph server (PyPI): ./scripts/test.sh installs it and runs with --features peers"
)]
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
    assert_eq!(columns, ["ordinal", "city", "coordinates", "points"]);
    assert_eq!(
        rows[0],
        ["1", "Almaty", "Point(76.91 43.27)", "2"],
        "first summit, Almaty: one row, the first of its two fixture points"
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
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs the Oxigraph server (PyPI): ./scripts/test.sh installs it and runs with --features peers"
)]
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
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs the Oxigraph server (PyPI): ./scripts/test.sh installs it and runs with --features peers"
)]
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
