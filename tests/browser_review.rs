//! `cica-kg review` in a real browser (Chromium through chromedriver, as tests/browser.rs):
//! a fictional article is drafted into a copy of the data, `review` serves it on a free
//! loopback port, and the browser accepts one candidate, edits another's value and rejects a
//! third, with the page's plain forms. The facts file then holds what was decided, and
//! `query` and `serve` answer the accepted fact.

use crate::browser::{browser, Browser};
use crate::common::{data_copy, free_port, http_get, repo, run_ok, CicaServer};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// A `cica-kg review` process, killed when dropped.
struct Review {
    child: Child,
    port: u16,
}

impl Review {
    fn start(dir: &str) -> Self {
        let port = free_port();
        let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("cica-kg"))
            .args([
                "--data",
                dir,
                "review",
                "--bind",
                &format!("127.0.0.1:{port}"),
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("cica-kg review starts");
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "cica-kg review does not listen");
            std::thread::sleep(Duration::from_millis(50));
        }
        Self { child, port }
    }
}

impl Drop for Review {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The candidates of a draft, as TOML tables.
fn candidates(text: &str) -> Vec<toml::Table> {
    let table: toml::Table = toml::from_str(text).unwrap();
    table
        .get("candidate")
        .and_then(toml::Value::as_array)
        .map(|a| a.iter().filter_map(|c| c.as_table().cloned()).collect())
        .unwrap_or_default()
}

fn quote(candidate: &toml::Table) -> String {
    candidate["quote"].as_str().unwrap().to_owned()
}

/// The `id` of the candidate's section whose quote is `quote`.
fn section(browser: &Browser, quote: &str) -> String {
    let script = format!(
        "return [...document.querySelectorAll('section.candidate')].filter(s => s.querySelector('blockquote.quote').textContent === {}).map(s => s.id)[0] || null;",
        serde_json::to_string(quote).unwrap()
    );
    let id = browser.script(&script);
    id.as_str()
        .unwrap_or_else(|| panic!("no candidate quotes {quote:?} on the page"))
        .to_owned()
}

/// Clicks the element and waits for the page the form's redirect leads to.
fn submit(browser: &Browser, css: &str, done: &str) {
    let button = browser.find(css);
    assert_eq!(button.len(), 1, "{css}");
    browser.click(&button[0]);
    let url = browser.wait_for_url(|u| u.contains(&format!("done={done}")));
    assert!(
        url.contains(&format!("done={done}")),
        "{css}: still at {url}"
    );
}

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs Chromium and chromedriver: ./scripts/test.sh installs it and runs with --features peers"
)]
fn a_draft_is_accepted_edited_and_rejected_in_the_browser() {
    let data = data_copy();
    let dir = data.path().display().to_string();
    let article = data.path().join("baku-summit.txt");
    std::fs::copy(
        repo().join("tests/fixtures/draft/baku-summit.txt"),
        &article,
    )
    .unwrap();
    let draft = data.path().join("baku-summit.toml");
    run_ok(&[
        "--data",
        &dir,
        "draft",
        &article.display().to_string(),
        "-o",
        &draft.display().to_string(),
    ]);
    let before = candidates(&std::fs::read_to_string(&draft).unwrap());
    // Accept the seventh summit's ordinal (a new entity, accepted with it); edit the member
    // count; reject the last other candidate.
    let find = |subject: &str, property: &str| {
        before
            .iter()
            .find(|c| {
                c["subject"].as_str() == Some(subject) && c["property"].as_str() == Some(property)
            })
            .unwrap_or_else(|| panic!("no candidate {subject} {property} drafted: {before:?}"))
            .clone()
    };
    let accepted = find("summit/7", "ordinal");
    assert_eq!(accepted["integer"].as_integer(), Some(7));
    let edited = find("organization/cica", "memberCount");
    assert_eq!(edited["integer"].as_integer(), Some(28));
    let rejected = before
        .iter()
        .rev()
        .find(|c| quote(c) != quote(&accepted) && quote(c) != quote(&edited))
        .unwrap()
        .clone();

    let review = Review::start(&dir);
    let browser = browser();
    let browser = browser.lock().unwrap_or_else(|e| e.into_inner());
    browser.go(&format!("http://127.0.0.1:{}/", review.port));
    let link = browser.find("a[href='/draft/baku-summit']");
    assert_eq!(link.len(), 1, "the index links to the draft");
    browser.click(&link[0]);
    browser.wait_for_url(|u| u.ends_with("/draft/baku-summit"));
    assert!(
        browser.find(".article mark").len() >= before.len().min(3),
        "the quotes are marked"
    );

    let id = section(&browser, &quote(&accepted));
    submit(&browser, &format!("#{id} button[value=accept]"), "accepted");

    let id = section(&browser, &quote(&edited));
    let summary = browser.find(&format!("#{id} details summary"));
    browser.click(&summary[0]);
    let value = browser.find(&format!("#{id} input[name=value]"));
    browser.clear(&value[0]);
    browser.type_into(&value[0], "29");
    submit(
        &browser,
        &format!("#{id} form.edit button[type=submit]"),
        "edited",
    );

    let id = section(&browser, &quote(&rejected));
    submit(&browser, &format!("#{id} button[value=reject]"), "rejected");
    browser.screenshot("review");

    // The facts file: the ordinal a statement, the count 29, the rejected one gone.
    let text = std::fs::read_to_string(&draft).unwrap();
    let after = candidates(&text);
    assert_eq!(after.len(), before.len() - 2, "{text}");
    assert!(
        !after
            .iter()
            .any(|c| quote(c) == quote(&accepted) || quote(c) == quote(&rejected)),
        "{text}"
    );
    let count = after
        .iter()
        .find(|c| quote(c) == quote(&edited))
        .expect("the edited candidate");
    assert_eq!(count["integer"].as_integer(), Some(29), "{text}");
    let table: toml::Table = toml::from_str(&text).unwrap();
    let statements = table["statement"].as_array().unwrap();
    assert_eq!(statements.len(), 1, "{text}");
    assert_eq!(statements[0]["subject"].as_str(), Some("summit/7"));
    assert_eq!(statements[0]["integer"].as_integer(), Some(7));
    assert!(statements[0].get("confidence").is_none());
    let entities = std::fs::read_to_string(data.path().join("entities.toml")).unwrap();
    assert!(
        entities.contains("id = \"summit/7\""),
        "the new summit is an entity"
    );
    // The graph answers the new fact.
    let ask = "ASK { summit:7 cica:ordinal 7 }";
    let answer = run_ok(&["--data", &dir, "query", "-f", "tsv", "-e", ask]);
    assert_eq!(answer.trim(), "true");
    let serve = CicaServer::start(&["--data", &dir]);
    let query: String = form_urlencoded::Serializer::new(String::new())
        .append_pair(
            "query",
            &format!("PREFIX cica: <https://w3id.org/cica-kg/ontology#> {ask}"),
        )
        .finish();
    let answer = http_get(
        &serve.url(&format!("/sparql?{query}")),
        "application/sparql-results+json",
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    let json: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(json["boolean"], true, "{}", answer.body);
}
