//! Many sources: `data/` holds any number of articles. The shipped article with fictional test
//! articles (tests/fixtures/sources/, each marked fictional in its first line) beside it, in a
//! copy of `data/`: `cica-kg sources` lists them, the article template filled in is one more,
//! and QuickStatements cite each claim's own article with its own time. The helpers here are
//! shared with `tests/agreement.rs`.

use crate::common::{checked, cica_kg, data_copy, read, repo, run_ok};
use std::path::Path;

pub(crate) const XINHUA: &str = "xinhua-2022-10-12-cica-backgrounder";
pub(crate) const LATER: &str = "fictional-2023-06-15-member-count";
pub(crate) const CONTRADICTING: &str = "fictional-2023-05-02-fourth-summit";
pub(crate) const CORROBORATING: &str = "fictional-2022-06-20-first-summit";

/// A copy of `data/` with the fictional publisher and these fictional articles (by file stem,
/// such as `fictional-2023-members`: the article and its facts file).
pub(crate) fn data_with(articles: &[&str]) -> tempfile::TempDir {
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
pub(crate) fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
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
pub(crate) fn ok_in(dir: &Path, args: &[&str]) -> String {
    let output = cica_kg()
        .arg("--data")
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    String::from_utf8(checked(output, format!("cica-kg {}", args.join(" "))).stdout).unwrap()
}

/// The rows of a query's CSV answer (header left out).
pub(crate) fn csv_rows(dir: &Path, args: &[&str]) -> Vec<String> {
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
        lines.contains("Q4115189\tP2124\t27\tP585\t+2022-10-12T00:00:00Z/11\tS854\t\"https://english.news.cn/20221012/5b362cce06d345519b5f960a41ae9f30/c.html\"\tS577\t+2022-10-12T00:00:00Z/11\tS123\tQ204839\t"),
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
