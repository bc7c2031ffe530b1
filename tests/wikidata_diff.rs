//! `cica-kg wikidata diff` and `quickstatements --only-missing`, against a real Oxigraph server
//! on 127.0.0.1 holding tests/fixtures/wikidata/claims.ttl, a fixture in the Wikidata Query
//! Service's shape written by hand (its header says which status each fact must get). No test
//! here contacts the real Wikidata Query Service: every query goes to 127.0.0.1, and a
//! service map that would be ignored is refused before any connection.

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
        .take_while(|l| !l.contains(" present (nothing to add)"))
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
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs the Oxigraph server (PyPI): ./scripts/test.sh installs it and runs with --features peers"
)]
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
            // The count with its point in time, which the fixture's statement has too.
            row(&[
                "present",
                "organization/cica",
                "Q4115189",
                "P2124",
                "27 P585 +2022-10-12T00:00:00Z/11",
                "27 P585 +2022-10-12T00:00:00Z/11"
            ]),
            row(&["present", "place/almaty", "Q35493", "P17", "Q232", "Q232"]),
            row(&["present", "place/istanbul", "Q406", "P17", "Q43", "Q43"]),
            // Astana's deprecated China is another value, shown but not counted.
            row(&[
                "present",
                "place/astana",
                "Q1520",
                "P17",
                "Q232",
                "Q232 ; Q148 (deprecated)"
            ]),
            // Wikidata has the capital, without the article's point in time.
            row(&[
                "present, qualifier missing",
                "place/kazakhstan",
                "Q232",
                "P36",
                "Q1520 P585 +2022-10-12T00:00:00Z/11",
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
            row(&[
                "missing",
                "place/tajikistan",
                "Q863",
                "P36",
                "Q9365 P585 +2019-06-00T00:00:00Z/10",
                "-"
            ]),
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
            // Shanghai in China: only as a deprecated statement in the fixture.
            row(&[
                "deprecated on Wikidata",
                "place/shanghai",
                "Q8686",
                "P17",
                "Q148",
                "Q148 (deprecated)"
            ]),
        ]
    );
    // Each fact comes with the article's words.
    assert!(
        report.contains("\"the Tajik capital of Dushanbe\""),
        "{report}"
    );
    assert!(
        report.contains("5 present (nothing to add); 1 present, qualifier missing (quickstatements --only-missing --add-qualifiers adds the qualifiers to Wikidata's statement); 2 missing (quickstatements --only-missing writes them); 2 different (review by hand); 1 deprecated on Wikidata (review by hand)"),
        "{report}"
    );
}

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs the Oxigraph server (PyPI): ./scripts/test.sh installs it and runs with --features peers"
)]
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
    // Only the missing claims, with their qualifiers: not Kazakhstan's capital (Wikidata has
    // it without the point in time), not Shanghai's country (deprecated on Wikidata).
    assert_eq!(
        claims,
        [
            "Q4115189\tP1448\ten:\"Conference on Interaction and Confidence Building Measures in Asia\"",
            // The capital as of June 2019, when the fifth summit was held in Dushanbe.
            "Q863\tP36\tQ9365\tP585\t+2019-06-00T00:00:00Z/10",
        ]
    );
    for note in [
        "place/almaty country place/kazakhstan: not written: Wikidata has it already",
        "place/dushanbe country place/tajikistan: not written: Wikidata has another value (Q232); compare them by hand",
        "place/kazakhstan capital place/astana: not written: Wikidata has the value (Q1520) without the qualifiers P585 +2022-10-12T00:00:00Z/11, and QuickStatements would add them to that statement; --add-qualifiers writes it so",
        "place/shanghai country place/china: not written: Wikidata has this value only as a deprecated statement (Q148 (deprecated)), marked wrong there",
    ] {
        assert!(stderr.contains(note), "{note}\n{stderr}");
    }
}

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs the Oxigraph server (PyPI): ./scripts/test.sh installs it and runs with --features peers"
)]
fn add_qualifiers_writes_the_qualifier_onto_wikidatas_statement_and_says_so() {
    let server = server();
    let map = format!("{WIKIDATA}={}", server.query_url());
    let output = cica_kg()
        .args(["quickstatements", "--only-missing", "--add-qualifiers"])
        .args(["--qid", CICA, "--service-map", &map])
        .output()
        .unwrap();
    let output = checked(output, "quickstatements --only-missing --add-qualifiers");
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let claims: Vec<&str> = stdout
        .lines()
        .map(|l| l.split("\tS854").next().unwrap())
        .collect();
    assert_eq!(
        claims,
        [
            "Q4115189\tP1448\ten:\"Conference on Interaction and Confidence Building Measures in Asia\"",
            // In the facts' order: Kazakhstan's capital comes before Tajikistan's.
            "Q232\tP36\tQ1520\tP585\t+2022-10-12T00:00:00Z/11",
            "Q863\tP36\tQ9365\tP585\t+2019-06-00T00:00:00Z/10",
        ]
    );
    assert!(stderr.contains("place/kazakhstan capital place/astana: written to add the qualifiers P585 +2022-10-12T00:00:00Z/11 to Wikidata's statement Q232 P36 Q1520 (--add-qualifiers)"), "{stderr}");
    // Still nothing onto a deprecated statement.
    assert!(!stdout.contains("Q8686"), "{stdout}");
    // Without --only-missing there is nothing to compare with.
    cica_kg()
        .args(["quickstatements", "--add-qualifiers"])
        .assert()
        .code(2)
        .stderr(contains("--only-missing"));
}

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs the Oxigraph server (PyPI): ./scripts/test.sh installs it and runs with --features peers"
)]
fn an_endpoint_without_property_entities_stops_the_diff() {
    // The fixture's statements without the property entities (wd:P… wikibase:claim …): a
    // plain SPARQL store, where every fact would look missing.
    let dir = crate::common::temp_dir();
    let file = dir.path().join("statements-only.ttl");
    let fixture = crate::common::read(&repo().join("tests/fixtures/wikidata/claims.ttl"));
    let statements: String = fixture
        .lines()
        .filter(|l| !l.starts_with("wd:P") && !l.starts_with("         wikibase:qualifier"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&file, statements).unwrap();
    let server = OxigraphServer::start(&[&file]);
    let map = format!("{WIKIDATA}={}", server.query_url());
    for command in [
        &["wikidata", "diff"][..],
        &["quickstatements", "--only-missing"],
    ] {
        let output = cica_kg()
            .args(command)
            .args(["--qid", CICA, "--service-map", &map])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{command:?}");
        assert!(output.stdout.is_empty(), "{command:?}: nothing is written");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(
            stderr.contains(&format!(
                "the endpoint {} does not know Wikibase's property entities of P1448, P17, P1813, P2124, P36, P571, P585",
                server.query_url()
            )),
            "{stderr}"
        );
        assert!(
            stderr.contains("Nothing was compared or written"),
            "{stderr}"
        );
    }
}

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs the Oxigraph server (PyPI): ./scripts/test.sh installs it and runs with --features peers"
)]
fn a_service_map_is_honoured_or_refused_never_ignored() {
    let server = server();
    // The query service's other address stands for it.
    let alias = format!(
        "https://query.wikidata.org/bigdata/namespace/wdq/sparql={}",
        server.query_url()
    );
    let output = cica_kg()
        .args(["wikidata", "diff", "--qid", CICA, "--service-map", &alias])
        .output()
        .unwrap();
    let report = String::from_utf8(checked(output, "diff, alias").stdout).unwrap();
    assert!(report.contains("1 deprecated on Wikidata"), "{report}");
    // Any other service is refused before a connection is made.
    for command in [
        &["wikidata", "diff"][..],
        &["quickstatements", "--only-missing"],
    ] {
        cica_kg()
            .args(command)
            .args([
                "--service-map",
                &format!("http://example.org/sparql={}", server.query_url()),
            ])
            .assert()
            .code(2)
            .stderr(contains("--service-map"))
            .stderr(contains(
                "<http://example.org/sparql> is not Wikidata's query service",
            ));
    }
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
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs the Oxigraph server (PyPI): ./scripts/test.sh installs it and runs with --features peers"
)]
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

#[test]
fn a_source_that_says_when_its_url_was_read_gives_a_retrieved_reference() {
    let data = crate::common::data_copy();
    let facts = data.path().join("cica-backgrounder.toml");
    let url = "url = \"https://english.news.cn/20221012/5b362cce06d345519b5f960a41ae9f30/c.html\"";
    let text = crate::common::read(&facts);
    assert_eq!(text.matches(url).count(), 1);
    let dir = data.path().to_str().unwrap();
    for (retrieved, field) in [
        ("2022-10-13", "+2022-10-13T00:00:00Z/11"),
        ("2022-10", "+2022-10-00T00:00:00Z/10"),
    ] {
        std::fs::write(
            &facts,
            text.replace(url, &format!("{url}\nretrieved = \"{retrieved}\"")),
        )
        .unwrap();
        let output = cica_kg()
            .args(["--data", dir, "quickstatements"])
            .output()
            .unwrap();
        let stdout = String::from_utf8(checked(output, "quickstatements").stdout).unwrap();
        let almaty = stdout
            .lines()
            .find(|l| l.starts_with("Q35493\tP17\tQ232\t"))
            .unwrap_or_else(|| panic!("{stdout}"));
        assert!(
            almaty.contains(&format!(
                "\tS854\t\"https://english.news.cn/20221012/5b362cce06d345519b5f960a41ae9f30/c.html\"\tS813\t{field}\tS577\t"
            )),
            "{almaty}"
        );
    }
    // Without it, no S813.
    std::fs::write(&facts, &text).unwrap();
    let output = cica_kg()
        .args(["--data", dir, "quickstatements"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(checked(output, "quickstatements").stdout).unwrap();
    assert!(!stdout.contains("S813"), "{stdout}");
    // A retrieved date that is not one, or without a url, is refused with its line.
    let line = text[..text.find(url).unwrap()].lines().count() + 2;
    for (bad, message) in [
        (
            text.replace(url, &format!("{url}\nretrieved = \"2022-13-01\"")),
            "2022-13-01",
        ),
        (
            text.replace(url, "retrieved = \"2022-10-13\""),
            "retrieved says when the article was read at its url, but the source has no url",
        ),
    ] {
        std::fs::write(&facts, bad).unwrap();
        let shown_line = if message.starts_with("retrieved") {
            line - 1
        } else {
            line
        };
        cica_kg()
            .args(["--data", dir, "quickstatements"])
            .assert()
            .code(2)
            .stdout("")
            .stderr(contains(format!("cica-backgrounder.toml:{shown_line}:")))
            .stderr(contains(message));
    }
}
