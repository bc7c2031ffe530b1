//! `cica-kg wikidata diff` and `quickstatements --only-missing`, against a real Oxigraph server
//! on 127.0.0.1 holding tests/fixtures/wikidata/claims.ttl, a fixture in the Wikidata Query
//! Service's shape written by hand (its header says which status each fact must get).

use crate::common::oxigraph::{free_port, OxigraphServer};
use crate::common::{checked, cica_kg, repo};
use predicates::str::contains;

const WIKIDATA: &str = "https://query.wikidata.org/sparql";
/// The Wikidata Sandbox item stands in for the CICA.
const CICA: &str = "organization/cica=Q4115189";

fn server() -> OxigraphServer {
    OxigraphServer::start(&[&repo().join("tests/fixtures/wikidata/claims.ttl")])
}

/// The (status, subject, claim, ours, wikidata) columns of the report's rows.
fn rows(report: &str) -> Vec<Vec<String>> {
    report
        .lines()
        .skip(1)
        .take_while(|l| !l.contains(" present, "))
        .map(|l| {
            l.split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .take(6)
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

#[test]
fn the_diff_says_present_missing_or_different_for_each_fact() {
    let server = server();
    let map = format!("{WIKIDATA}={}", server.query_url());
    let output = cica_kg()
        .args(["wikidata", "diff", "--qid", CICA, "--service-map", &map])
        .output()
        .unwrap();
    let report = String::from_utf8(checked(output, "wikidata diff").stdout).unwrap();
    let row = |cells: &[&str]| cells.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>();
    assert_eq!(
        rows(&report),
        [
            row(&[
                "present",
                "organization/cica",
                "Q4115189",
                "P1813",
                "en:\"CICA\"",
                "en:\"CICA\""
            ]),
            row(&[
                "present",
                "organization/cica",
                "Q4115189",
                "P2124",
                "27",
                "27"
            ]),
            row(&["present", "place/almaty", "Q35493", "P17", "Q232", "Q232"]),
            row(&["present", "place/istanbul", "Q406", "P17", "Q43", "Q43"]),
            row(&["present", "place/astana", "Q1520", "P17", "Q232", "Q232"]),
            row(&[
                "present",
                "place/kazakhstan",
                "Q232",
                "P36",
                "Q1520",
                "Q1520"
            ]),
            row(&[
                "missing",
                "organization/cica",
                "Q4115189",
                "P1448",
                "en:\"Conference on Interaction and Confidence Building Measures in Asia\"",
                "-"
            ]),
            row(&["missing", "place/shanghai", "Q8686", "P17", "Q148", "-"]),
            row(&["missing", "place/tajikistan", "Q863", "P36", "Q9365", "-"]),
            // Founded in 1992: a year in the article, a day in the fixture.
            row(&[
                "different",
                "organization/cica",
                "Q4115189",
                "P571",
                "+1992-00-00T00:00:00Z/9",
                "+1992-01-01T00:00:00Z/11"
            ]),
            // Dushanbe is in Tajikistan (the article), not Kazakhstan (the fixture's wrong value).
            row(&[
                "different",
                "place/dushanbe",
                "Q9365",
                "P17",
                "Q863",
                "Q232"
            ]),
        ]
    );
    // Each fact comes with the article's words.
    assert!(
        report.contains("\"the Tajik capital of Dushanbe\""),
        "{report}"
    );
    assert!(
        report.contains("6 present, 3 missing (quickstatements --only-missing writes them), 2 different (review by hand)"),
        "{report}"
    );
}

#[test]
fn only_missing_writes_only_what_wikidata_lacks() {
    let server = server();
    let map = format!("{WIKIDATA}={}", server.query_url());
    let output = cica_kg()
        .args([
            "quickstatements",
            "--only-missing",
            "--qid",
            CICA,
            "--service-map",
            &map,
        ])
        .output()
        .unwrap();
    let output = checked(output, "quickstatements --only-missing");
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let claims: Vec<String> = stdout
        .lines()
        .map(|l| l.split("\tS854").next().unwrap().to_owned())
        .collect();
    assert_eq!(
        claims,
        [
            "Q4115189\tP1448\ten:\"Conference on Interaction and Confidence Building Measures in Asia\"",
            "Q8686\tP17\tQ148",
            // The capital as of June 2019, when the fifth summit was held in Dushanbe.
            "Q863\tP36\tQ9365\tP585\t+2019-06-00T00:00:00Z/10",
        ]
    );
    assert!(
        stderr.contains(
            "place/almaty country place/kazakhstan: not written: Wikidata has it already"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("place/dushanbe country place/tajikistan: not written: Wikidata has another value (Q232); compare them by hand"),
        "{stderr}"
    );
}

#[test]
fn an_unreachable_query_service_is_a_clear_error() {
    let url = format!("http://127.0.0.1:{}/query", free_port());
    cica_kg()
        .args([
            "wikidata",
            "diff",
            "--service-map",
            &format!("{WIKIDATA}={url}"),
        ])
        .assert()
        .code(2)
        .stderr(contains("asking Wikidata failed"))
        .stderr(contains(format!("(sent to {url})")))
        .stderr(contains("cannot connect"));
    cica_kg()
        .args([
            "quickstatements",
            "--only-missing",
            "--service-map",
            &format!("{WIKIDATA}={url}"),
        ])
        .assert()
        .code(2)
        .stderr(contains("asking Wikidata failed"));
}

#[test]
fn a_slow_or_nonsensical_query_service_is_a_clear_error() {
    // Accepts the connection (the kernel queues it) and never answers.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/query", silent.local_addr().unwrap());
    let started = std::time::Instant::now();
    cica_kg()
        .args(["wikidata", "diff", "--service-timeout", "1"])
        .args(["--service-map", &format!("{WIKIDATA}={url}")])
        .assert()
        .code(2)
        .stderr(contains("no answer within 1 s"));
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    drop(silent);
    // A server that answers, but not with SPARQL results.
    let server = server();
    let not_sparql = format!("http://127.0.0.1:{}/", server.port);
    cica_kg()
        .args([
            "wikidata",
            "diff",
            "--service-map",
            &format!("{WIKIDATA}={not_sparql}"),
        ])
        .assert()
        .code(2)
        .stderr(contains("asking Wikidata failed"))
        .stderr(contains(format!("(sent to {not_sparql})")));
}
