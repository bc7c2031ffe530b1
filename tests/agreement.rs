//! How the sources agree (`cica-kg sources --agreement`), on the shipped article and the
//! fictional test articles of tests/fixtures/sources/. The expected answers are written by hand
//! from those articles: a later article changes the member count (a change over time, not a
//! conflict), one repeats facts in other words (stated by two sources), one contradicts a
//! summit's month and a count of the same day (conflicts, which ranks resolve).

use crate::common::{read, run_ok};
use crate::sources::{
    csv_rows, data_with, ok_in, run_in, CONTRADICTING, CORROBORATING, LATER, XINHUA,
};
use std::path::Path;

/// The agreement report as JSON, and the exit status with --fail-on-conflict.
fn agreement(dir: &Path) -> (serde_json::Value, i32) {
    let report = ok_in(dir, &["sources", "--agreement", "--format", "json"]);
    let (status, _, _) = run_in(dir, &["sources", "--agreement", "--fail-on-conflict"]);
    (serde_json::from_str(&report).unwrap(), status)
}

/// Who said it: (source, quote, time).
type Said = (String, String, String);

/// (source, quote, time) of each statement of a report entry.
fn said(entry: &serde_json::Value) -> Vec<Said> {
    entry["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let text = |k: &str| s[k].as_str().unwrap().to_owned();
            (text("source"), text("quote"), text("time"))
        })
        .collect()
}

fn owned(rows: &[&str]) -> Vec<String> {
    rows.iter().map(|r| (*r).to_owned()).collect()
}

#[test]
fn with_one_source_nothing_is_corroborated_or_in_conflict() {
    let report: serde_json::Value =
        serde_json::from_str(&run_ok(&["sources", "--agreement", "-f", "json"])).unwrap();
    let summary = &report["summary"];
    assert_eq!(summary["sources"], 1);
    assert_eq!(summary["corroborated"], 0);
    assert_eq!(summary["conflicts"], 0);
    assert_eq!(summary["changes"], 0);
    assert_eq!(summary["single"], summary["statements"]);
    run_ok(&["sources", "--agreement", "--fail-on-conflict"]);
}

#[test]
fn a_later_article_changes_the_member_count_over_time() {
    let dir = data_with(&["fictional-2023-members"]);
    let dir = dir.path();
    // The direct triple is the latest count; the observers keep the shipped article's.
    assert_eq!(
        csv_rows(
            dir,
            &["-e", "SELECT ?n { organization:cica cica:memberCount ?n }"]
        ),
        ["28"]
    );
    assert_eq!(
        csv_rows(dir, &["membership"]),
        ["28,2023-06-15,14,2022-10-12"]
    );
    // Both statements, with their times, ranks, sources and quotes.
    assert_eq!(
        csv_rows(
            dir,
            &[
                "statements",
                "--bind",
                "subject=organization:cica",
                "--bind",
                "property=cica:memberCount"
            ]
        ),
        owned(&[
            &format!("27,2022-10-12,,,https://w3id.org/cica-kg/ontology#NormalRank,false,{XINHUA},\"Currently, the CICA has 27 member states\""),
            &format!("28,2023-06-15,,,https://w3id.org/cica-kg/ontology#NormalRank,true,{LATER},Today the CICA has 28 member states"),
        ])
    );
    assert_eq!(
        csv_rows(dir, &["member-count-history"]),
        owned(&[
            &format!("27,2022-10-12,{XINHUA}"),
            &format!("28,2023-06-15,{LATER}")
        ])
    );
    // A change over time, not a conflict.
    let (report, status) = agreement(dir);
    assert_eq!(status, 0, "{report}");
    assert_eq!(report["summary"]["conflicts"], 0);
    let changes = report["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{report}");
    assert_eq!(changes[0]["subject"], "organization/cica");
    assert_eq!(changes[0]["property"], "memberCount");
    let timeline: Vec<(String, String)> = changes[0]["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let text = |k: &str| m[k].as_str().unwrap().to_owned();
            (text("value"), text("time"))
        })
        .collect();
    assert_eq!(
        timeline,
        [
            ("27".to_owned(), "2022-10-12".to_owned()),
            ("28".to_owned(), "2023-06-15".to_owned())
        ]
    );
    // The data stays valid: two counts at two times are not two values of one count.
    let (status, out, _) = run_in(dir, &["validate"]);
    assert_eq!(status, 0, "{out}");
}

#[test]
fn a_corroborating_article_states_facts_a_second_time() {
    let dir = data_with(&["fictional-corroboration"]);
    let (report, status) = agreement(dir.path());
    assert_eq!(status, 0);
    let corroborated = report["corroborated"].as_array().unwrap();
    let facts: Vec<(&str, &str, &str)> = corroborated
        .iter()
        .map(|f| {
            (
                f["subject"].as_str().unwrap(),
                f["property"].as_str().unwrap(),
                f["value"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        facts,
        [
            ("organization/cica-secretariat", "inception", "2006-06"),
            ("summit/1", "location", "place/almaty"),
            ("summit/1", "startDate", "2002-06"),
        ]
    );
    let location = |source: &str, quote: &str| (source.to_owned(), quote.to_owned(), String::new());
    assert_eq!(
        said(&corroborated[1]),
        [
            location(
                XINHUA,
                "Its first summit was held in the Kazakh city of Almaty"
            ),
            location(CORROBORATING, "Almaty hosted the first CICA summit"),
        ]
    );
    assert_eq!(report["summary"]["conflicts"], 0);
    // The named query finds the same facts, with each source's words.
    let rows = csv_rows(dir.path(), &["corroborated-facts"]);
    assert_eq!(rows.len(), 6, "{rows:#?}");
    assert!(rows.contains(&format!(
        "https://w3id.org/cica-kg/summit/1,https://w3id.org/cica-kg/ontology#location,https://w3id.org/cica-kg/place/almaty,{CORROBORATING},Almaty hosted the first CICA summit"
    )), "{rows:#?}");
    // One direct triple per fact, however many sources state it.
    assert_eq!(
        csv_rows(
            dir.path(),
            &["-e", "SELECT ?city { summit:1 cica:location ?city }"]
        ),
        ["https://w3id.org/cica-kg/place/almaty"]
    );
    let (status, out, _) = run_in(dir.path(), &["validate"]);
    assert_eq!(status, 0, "{out}");
}

#[test]
fn a_contradicting_article_is_a_conflict() {
    let dir = data_with(&["fictional-contradiction"]);
    let (report, status) = agreement(dir.path());
    assert_eq!(status, 1, "--fail-on-conflict exits 1: {report}");
    let conflicts = report["conflicts"].as_array().unwrap();
    let found: Vec<(&str, &str, &str, bool)> = conflicts
        .iter()
        .map(|c| {
            (
                c["subject"].as_str().unwrap(),
                c["property"].as_str().unwrap(),
                c["time"].as_str().unwrap(),
                c["resolved"].as_bool().unwrap(),
            )
        })
        .collect();
    // The summit's month (a start date has one value), and the count on one day.
    assert_eq!(
        found,
        [
            ("organization/cica", "memberCount", "2022-10-12", false),
            ("summit/4", "startDate", "", false),
        ]
    );
    let values: Vec<(&str, Vec<Said>)> = conflicts[1]["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["value"].as_str().unwrap(), said(v)))
        .collect();
    assert_eq!(
        values,
        [
            (
                "2014-05",
                vec![(
                    XINHUA.to_owned(),
                    "Shanghai in May 2014".to_owned(),
                    String::new()
                )]
            ),
            (
                "2014-06",
                vec![(
                    CONTRADICTING.to_owned(),
                    "the fourth CICA summit, which it hosted in June 2014".to_owned(),
                    String::new()
                )]
            ),
        ]
    );
    // Without --fail-on-conflict the report is written and the run succeeds.
    let (status, table, _) = run_in(dir.path(), &["sources", "--agreement"]);
    assert_eq!(status, 0);
    assert!(
        table.contains("Conflicts: 2 (2 not resolved by rank)"),
        "{table}"
    );
    let (_, _, stderr) = run_in(
        dir.path(),
        &["sources", "--agreement", "--fail-on-conflict"],
    );
    assert!(stderr.contains("2 unresolved conflicts"), "{stderr}");
}

#[test]
fn ranks_resolve_a_conflict() {
    let dir = data_with(&["fictional-contradiction"]);
    // The wrong month is deprecated: no longer compared, and never the direct triple.
    let path = dir.path().join("fictional-contradiction.toml");
    let text = read(&path).replace(
        "date = \"2014-06\"\n",
        "date = \"2014-06\"\nrank = \"deprecated\"\n",
    );
    // The shipped count is preferred over the fictional one of the same day.
    let shipped = dir.path().join("cica-backgrounder.toml");
    let counts = read(&shipped).replace("integer = 27\n", "integer = 27\nrank = \"preferred\"\n");
    std::fs::write(&path, text).unwrap();
    std::fs::write(&shipped, counts).unwrap();
    let (report, status) = agreement(dir.path());
    assert_eq!(status, 0, "{report}");
    assert_eq!(report["summary"]["deprecated"], 1);
    assert_eq!(report["summary"]["conflicts"], 1);
    assert_eq!(report["summary"]["unresolved"], 0);
    assert_eq!(report["conflicts"][0]["property"], "memberCount");
    assert_eq!(report["conflicts"][0]["resolved"], true);
    assert_eq!(
        csv_rows(
            dir.path(),
            &["-e", "SELECT ?n { organization:cica cica:memberCount ?n }"]
        ),
        ["27"]
    );
    assert_eq!(
        csv_rows(
            dir.path(),
            &["-e", "SELECT ?d { summit:4 cica:startDate ?d }"]
        ),
        ["2014-05"]
    );
    let (status, out, _) = run_in(dir.path(), &["validate"]);
    assert_eq!(status, 0, "{out}");
}
