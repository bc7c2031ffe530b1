//! Many sources: the shipped article with fictional test articles (tests/fixtures/sources/,
//! each marked fictional in its first line) beside it, in a copy of `data/`. The expected
//! answers are written by hand from those articles: a later article changes the member count
//! (a change over time, not a conflict), one repeats facts in other words (stated by two
//! sources), one contradicts a summit's month and a count of the same day (conflicts).

use crate::common::{checked, cica_kg, data_copy, read, repo, run_ok};
use std::path::Path;

const XINHUA: &str = "xinhua-2022-10-12-cica-backgrounder";
const LATER: &str = "fictional-2023-06-15-member-count";
const CONTRADICTING: &str = "fictional-2023-05-02-fourth-summit";
const CORROBORATING: &str = "fictional-2022-06-20-first-summit";

/// A copy of `data/` with the fictional publisher and these fictional articles (by file stem,
/// such as `fictional-2023-members`: the article and its facts file).
fn data_with(articles: &[&str]) -> tempfile::TempDir {
    let dir = data_copy();
    let fixtures = repo().join("tests/fixtures/sources");
    let mut files = vec!["test-entities.toml".to_owned()];
    for article in articles {
        files.push(format!("{article}.txt"));
        files.push(format!("{article}.toml"));
    }
    for file in files {
        std::fs::copy(fixtures.join(&file), dir.path().join(&file)).unwrap();
    }
    dir
}

/// `cica-kg --data DIR ARGS`: exit status, standard output, standard error.
fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = cica_kg()
        .arg("--data")
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// `cica-kg --data DIR ARGS`, which must succeed: standard output.
fn ok_in(dir: &Path, args: &[&str]) -> String {
    let output = cica_kg()
        .arg("--data")
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    String::from_utf8(checked(output, format!("cica-kg {}", args.join(" "))).stdout).unwrap()
}

/// The rows of a query's CSV answer (header left out).
fn csv_rows(dir: &Path, args: &[&str]) -> Vec<String> {
    let mut command = vec!["query"];
    command.extend(args);
    command.extend(["-f", "csv"]);
    ok_in(dir, &command)
        .replace("\r\n", "\n")
        .lines()
        .skip(1)
        .map(str::to_owned)
        .collect()
}

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
fn the_shipped_data_lists_its_one_source() {
    let listing: serde_json::Value =
        serde_json::from_str(&run_ok(&["sources", "--format", "json"])).unwrap();
    let sources = listing.as_array().unwrap();
    assert_eq!(sources.len(), 1);
    let source = &sources[0];
    assert_eq!(source["id"], XINHUA);
    assert_eq!(source["publisher"], "organization/xinhua");
    assert_eq!(source["publisher_label"], "Xinhua News Agency");
    assert_eq!(source["date"], "2022-10-12");
    // Counted here from the facts file: its statements, and the distinct passages they quote
    // (each quote occurs once in the article, so distinct words are distinct passages).
    let facts: toml::Table = read(&repo().join("data/cica-backgrounder.toml"))
        .parse()
        .unwrap();
    let statements = facts["statement"].as_array().unwrap();
    let quotes: std::collections::BTreeSet<&str> = statements
        .iter()
        .map(|s| s["quote"].as_str().unwrap())
        .collect();
    assert_eq!(source["statements"], statements.len());
    assert_eq!(source["quotes"], quotes.len());
    let table = run_ok(&["sources"]);
    assert!(table.starts_with("id "), "{table}");
    assert!(table.contains("Xinhua News Agency  2022-10-12"), "{table}");
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
fn the_sources_listing_names_each_article() {
    let dir = data_with(&["fictional-2023-members", "fictional-corroboration"]);
    let listing: serde_json::Value =
        serde_json::from_str(&ok_in(dir.path(), &["sources", "-f", "json"])).unwrap();
    let rows: Vec<(String, String, String, u64, u64)> = listing
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["id"].as_str().unwrap().to_owned(),
                s["publisher_label"].as_str().unwrap().to_owned(),
                s["date"].as_str().unwrap().to_owned(),
                s["statements"].as_u64().unwrap(),
                s["quotes"].as_u64().unwrap(),
            )
        })
        .filter(|row| row.0 != XINHUA)
        .collect();
    let gazette = "The Example Gazette (fictional)".to_owned();
    assert_eq!(
        rows,
        [
            (
                LATER.to_owned(),
                gazette.clone(),
                "2023-06-15".to_owned(),
                1,
                1
            ),
            (
                CORROBORATING.to_owned(),
                gazette,
                "2022-06-20".to_owned(),
                3,
                3
            ),
        ]
    );
    let table = ok_in(dir.path(), &["sources"]);
    assert!(table.ends_with("(3 sources, 83 statements)\n"), "{table}");
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

#[test]
fn quickstatements_take_each_claims_time_from_its_statement() {
    let dir = data_with(&["fictional-2023-members"]);
    let output = cica_kg()
        .arg("--data")
        .arg(dir.path())
        .args(["quickstatements", "--qid", "organization/cica=Q4115189"])
        .output()
        .unwrap();
    let output = checked(output, "cica-kg quickstatements");
    let lines = String::from_utf8(output.stdout).unwrap();
    // Each count with its own point in time and its own source's references: the fictional
    // publisher has no QID, so its references have no S123.
    assert!(
        lines.contains("Q4115189\tP2124\t27\tP585\t+2022-10-12T00:00:00Z/11\tS577\t+2022-10-12T00:00:00Z/11\tS123\tQ204839\t"),
        "{lines}"
    );
    assert!(
        lines.contains("Q4115189\tP2124\t28\tP585\t+2023-06-15T00:00:00Z/11\tS577\t+2023-06-15T00:00:00Z/11\tS1476\ten:\"Fictional test article: the CICA counts 28 member states\""),
        "{lines}"
    );
}

#[test]
fn the_article_template_filled_in_is_a_source() {
    let dir = data_with(&[]);
    let article = "FICTIONAL TEST ARTICLE, written for the cica-kg tests: not a news report.\n\n\
                   The first CICA summit met in Almaty. Now the CICA has 28 member states.\n";
    std::fs::write(dir.path().join("template-test.txt"), article).unwrap();
    let mut facts = read(&repo().join("docs/templates/article.toml"));
    let quotes = [
        "The first CICA summit met in Almaty",
        "Now the CICA has 28 member states",
    ];
    for (i, quote) in quotes.iter().enumerate() {
        let placeholder = "quote = \"<the article's exact words>\"";
        let at = facts
            .find(placeholder)
            .unwrap_or_else(|| panic!("quote {i}"));
        facts.replace_range(at..at + placeholder.len(), &format!("quote = \"{quote}\""));
    }
    for (placeholder, value) in [
        (
            "<publisher>-<yyyy-mm-dd>-<slug>",
            "example-gazette-2023-06-15-template",
        ),
        ("<source>.txt", "template-test.txt"),
        ("<the headline, as printed>", "Fictional: the template"),
        ("organization/<publisher>", "organization/example-gazette"),
        ("<the editor, as printed>", "test"),
        ("<yyyy-mm-dd>T<hh:mm:ss>", "2023-06-15T09:00:00"),
        ("place/<city>", "place/almaty"),
        ("<yyyy-mm-dd>", "2023-06-15"),
        ("summit/<n>", "summit/1"),
        ("integer = 0", "integer = 28"),
    ] {
        assert!(facts.contains(placeholder), "{placeholder}");
        facts = facts.replace(placeholder, value);
    }
    let left: Vec<&str> = facts
        .lines()
        .filter(|l| !l.starts_with('#') && l.contains('<'))
        .collect();
    assert!(left.is_empty(), "placeholders are left: {left:?}");
    std::fs::write(dir.path().join("template-test.toml"), facts).unwrap();
    let (status, out, _) = run_in(dir.path(), &["validate"]);
    assert_eq!(status, 0, "{out}");
    assert_eq!(
        csv_rows(
            dir.path(),
            &["-e", "SELECT ?n { organization:cica cica:memberCount ?n }"]
        ),
        ["28"]
    );
    let listing = ok_in(dir.path(), &["sources"]);
    assert!(
        listing.contains("example-gazette-2023-06-15-template"),
        "{listing}"
    );
}
