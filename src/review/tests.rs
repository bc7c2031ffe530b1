//! The review handler in-process: accept, reject and edit rewrite the draft as `accept` would;
//! a missing or wrong token, a foreign `Origin`, `Referer` or `Host` are refused (403) and
//! leave the file unchanged; a quote holding `<script>` shows as text; an accept that fails
//! the checks shows the problem with file, line and column, and writes nothing.

use super::{drafts, handle, Request, State};
use crate::facts::{self, DataSource};
use crate::ontology;
use std::path::Path;

const TOKEN: &str = "0123456789abcdef0123456789abcdef";

const ARTICLE: &str = "FICTIONAL TEST ARTICLE for the review page (the events are invented)

ASTANA, May 20 (Xinhua) -- The CICA now has 30 member states, officials said. Its secretariat moved to Baku in May 2026.
A delegate said \"<script>alert(1)</script>\" was not on the agenda.
";

// Candidates at lines 18 (memberCount), 27 (headquarters, with the new entity Baku), 36 (the
// script), 44 (a quote not in the article).
const DRAFT: &str = r#"# A draft for the review page's tests.
[source]
id = "test-2026-05-20-review"
file = "review-test.txt"
title = "FICTIONAL TEST ARTICLE for the review page"
publisher = "organization/xinhua"
editor = "testdesk"
published = "2026-05-20T10:00:00"
dateline_place = "place/astana"
dateline_date = "2026-05-20"
language = "en"

[[new_entity]]
id = "place/baku"
class = "City"
label = "Baku"

[[candidate]]  # the count
subject = "organization/cica"
property = "memberCount"
integer = 30
point_in_time = "2026-05-20"
quote = "The CICA now has 30 member states"
confidence = 0.8
why = "cue"

[[candidate]]
subject = "organization/cica-secretariat"
property = "headquarters"
object = "place/baku"
start = "2026-05"
quote = "moved to Baku in May 2026"
confidence = 0.5
why = "cue"

[[candidate]]
subject = "organization/cica"
property = "aim"
text = "<script>alert(1)</script>"
quote = "\"<script>alert(1)</script>\""
confidence = 0.1
why = "a test of escaping"

[[candidate]]
subject = "summit/6"
property = "ordinal"
integer = 6
quote = "the sixth summit"
confidence = 0.3
why = "a quote not in the article"
"#;

/// A copy of the data with the test article and its draft; the state serving it.
fn setup() -> (tempfile::TempDir, State) {
    let dir = tempfile::tempdir().unwrap();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    for entry in std::fs::read_dir(data).unwrap().flatten() {
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    std::fs::write(dir.path().join("review-test.txt"), ARTICLE).unwrap();
    std::fs::write(dir.path().join("review-test.toml"), DRAFT).unwrap();
    let ontology = ontology::shipped().unwrap();
    let address = "127.0.0.1:7879".parse().unwrap();
    let state = State::with_token(dir.path().to_owned(), ontology, address, TOKEN.to_owned());
    (dir, state)
}

fn request(method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Request {
    let mut builder = hyper::Request::builder()
        .method(method)
        .uri(path)
        .header("host", "127.0.0.1:7879");
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.as_bytes().to_vec()).unwrap()
}

/// The fingerprint the page shows for candidate `index`.
fn seen(state: &State, index: usize) -> String {
    let view = drafts::view(&state.dir, "review-test", state.ontology).unwrap();
    view.candidates[index].fingerprint.clone()
}

/// Posts a decision from the page's origin; returns the status and the body.
fn decide(state: &State, index: usize, fields: &str, headers: &[(&str, &str)]) -> (u16, String) {
    let body = format!("seen={}&{fields}", seen(state, index));
    let mut all = vec![("content-type", "application/x-www-form-urlencoded")];
    all.extend_from_slice(headers);
    let response = handle(
        state,
        &request(
            "POST",
            &format!("/draft/review-test/candidate/{index}"),
            &all,
            &body,
        ),
    );
    let status = response.status().as_u16();
    (status, String::from_utf8(response.into_body()).unwrap())
}

fn draft_text(dir: &tempfile::TempDir) -> String {
    std::fs::read_to_string(dir.path().join("review-test.toml")).unwrap()
}

const ORIGIN: (&str, &str) = ("origin", "http://127.0.0.1:7879");

#[test]
fn accepting_one_candidate_makes_it_a_statement_and_keeps_the_others() {
    let (dir, state) = setup();
    let (status, _) = decide(
        &state,
        0,
        &format!("token={TOKEN}&action=accept"),
        &[ORIGIN],
    );
    assert_eq!(status, 303);
    let text = draft_text(&dir);
    assert!(text.contains("[[statement]]  # the count\nsubject = \"organization/cica\"\nproperty = \"memberCount\"\ninteger = 30\npoint_in_time = \"2026-05-20\"\nquote = \"The CICA now has 30 member states\"\n"), "{text}");
    assert_eq!(text.matches("[[candidate]]").count(), 3, "{text}");
    assert!(!text.contains("confidence = 0.8"), "{text}");
    assert!(
        text.starts_with("# A draft for the review page's tests.\n[source]\n"),
        "{text}"
    );
    // Baku is not used by the accepted candidate: still proposed, not in entities.toml.
    assert!(
        text.contains("[[new_entity]]\nid = \"place/baku\""),
        "{text}"
    );
    let entities = std::fs::read_to_string(dir.path().join("entities.toml")).unwrap();
    assert!(!entities.contains("place/baku"));
    // The folder loads, and the fact is there.
    let ontology = ontology::shipped().unwrap();
    let loaded = facts::load(
        &DataSource::Directory(dir.path().to_owned()),
        &ontology.schema,
    )
    .unwrap();
    let source = loaded
        .sources
        .iter()
        .position(|s| s.id == "test-2026-05-20-review")
        .unwrap();
    let of_source: Vec<_> = loaded
        .statements
        .iter()
        .filter(|s| s.source == source)
        .collect();
    assert_eq!(of_source.len(), 1);
    assert_eq!(
        (
            of_source[0].subject.as_str(),
            of_source[0].property.as_str()
        ),
        ("organization/cica", "memberCount")
    );
    assert_eq!(of_source[0].value, facts::Value::Integer(30));
    assert_eq!(loaded.awaiting.len(), 3);
}

#[test]
fn accepting_a_candidate_with_a_new_entity_adds_the_entity() {
    let (dir, state) = setup();
    let (status, body) = decide(
        &state,
        1,
        &format!("token={TOKEN}&action=accept"),
        &[ORIGIN],
    );
    assert_eq!(status, 303, "{body}");
    let text = draft_text(&dir);
    assert!(!text.contains("[[new_entity]]"), "{text}");
    assert!(text.contains("[[statement]]\nsubject = \"organization/cica-secretariat\"\nproperty = \"headquarters\"\nobject = \"place/baku\"\nstart = \"2026-05\"\n"), "{text}");
    let entities = std::fs::read_to_string(dir.path().join("entities.toml")).unwrap();
    assert!(
        entities.contains("[[entity]]\nid = \"place/baku\"\nclass = \"City\"\nlabel = \"Baku\"\n"),
        "{entities}"
    );
}

#[test]
fn rejecting_removes_the_candidate_table_only() {
    let (dir, state) = setup();
    let (status, _) = decide(
        &state,
        2,
        &format!("token={TOKEN}&action=reject"),
        &[ORIGIN],
    );
    assert_eq!(status, 303);
    let removed = "[[candidate]]\nsubject = \"organization/cica\"\nproperty = \"aim\"\ntext = \"<script>alert(1)</script>\"\nquote = \"\\\"<script>alert(1)</script>\\\"\"\nconfidence = 0.1\nwhy = \"a test of escaping\"\n\n";
    assert!(DRAFT.contains(removed));
    assert_eq!(draft_text(&dir), DRAFT.replace(removed, ""));
}

#[test]
fn editing_changes_the_candidates_keys() {
    let (dir, state) = setup();
    let fields = format!("token={TOKEN}&action=edit&subject=organization%2Fcica&property=memberCount&value=31&point_in_time=2026-05-20&start=&end=&quote=The+CICA+now+has+30+member+states");
    let (status, _) = decide(&state, 0, &fields, &[ORIGIN]);
    assert_eq!(status, 303);
    assert_eq!(
        draft_text(&dir),
        DRAFT.replace("integer = 30\n", "integer = 31\n")
    );
    // A value of the wrong kind is refused, and nothing is written.
    let fields = format!("token={TOKEN}&action=edit&subject=organization%2Fcica&property=memberCount&value=thirty&point_in_time=2026-05-20&quote=x");
    let (status, body) = decide(&state, 0, &fields, &[ORIGIN]);
    assert_eq!(status, 422);
    assert!(body.contains("memberCount takes a whole number"), "{body}");
    assert_eq!(
        draft_text(&dir),
        DRAFT.replace("integer = 30\n", "integer = 31\n")
    );
}

#[test]
fn a_missing_or_wrong_token_is_refused_and_nothing_changes() {
    let (dir, state) = setup();
    for fields in [
        "action=reject",
        "token=00&action=reject",
        "token=0123456789abcdef0123456789abcdeF&action=reject",
    ] {
        let (status, body) = decide(&state, 2, fields, &[ORIGIN]);
        assert_eq!(status, 403, "{fields}");
        assert!(body.contains("token is missing or wrong"), "{body}");
        assert_eq!(draft_text(&dir), DRAFT);
    }
}

#[test]
fn another_origin_or_host_is_refused_and_nothing_changes() {
    let (dir, state) = setup();
    let fields = format!("token={TOKEN}&action=reject");
    for headers in [
        [("origin", "http://evil.example")],
        [("origin", "null")],
        [("referer", "http://evil.example/draft/review-test")],
        [("origin", "http://127.0.0.1:7878")],
    ] {
        let (status, body) = decide(&state, 2, &fields, &headers);
        assert_eq!(status, 403, "{headers:?}");
        assert!(body.contains("from another origin"), "{body}");
        assert_eq!(draft_text(&dir), DRAFT);
    }
    // A page served under another name (DNS rebinding) is refused before anything.
    let mut foreign = request("GET", "/draft/review-test", &[], "");
    foreign
        .headers_mut()
        .insert("host", "evil.example:7879".parse().unwrap());
    let response = handle(&state, &foreign);
    assert_eq!(response.status().as_u16(), 403);
    assert!(!String::from_utf8_lossy(response.body()).contains(TOKEN));
    // The page's own referer is fine.
    let (status, _) = decide(
        &state,
        2,
        &fields,
        &[("referer", "http://127.0.0.1:7879/draft/review-test")],
    );
    assert_eq!(status, 303);
}

#[test]
fn a_quote_holding_a_script_is_shown_as_text() {
    let (_dir, state) = setup();
    let response = handle(&state, &request("GET", "/draft/review-test", &[], ""));
    assert_eq!(response.status().as_u16(), 200);
    let page = String::from_utf8(response.into_body()).unwrap();
    assert!(!page.contains("<script"), "{page}");
    assert!(
        page.contains("&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;"),
        "{page}"
    );
    // Every form carries the token; every quote found is marked.
    assert_eq!(
        page.matches(&format!("name=\"token\" value=\"{TOKEN}\""))
            .count(),
        8
    );
    assert!(
        page.contains("<a href=\"#c1\">The CICA now has 30 member states</a>"),
        "{page}"
    );
    let index = handle(&state, &request("GET", "/", &[], ""));
    let index = String::from_utf8(index.into_body()).unwrap();
    assert!(index.contains("<a href=\"/draft/review-test\">review-test</a>: FICTIONAL TEST ARTICLE for the review page (4 candidates)"), "{index}");
}

#[test]
fn an_accept_that_fails_the_checks_shows_the_problem_and_writes_nothing() {
    let (dir, state) = setup();
    let entities_before = std::fs::read_to_string(dir.path().join("entities.toml")).unwrap();
    let (status, body) = decide(
        &state,
        3,
        &format!("token={TOKEN}&action=accept"),
        &[ORIGIN],
    );
    assert_eq!(status, 422);
    let at = format!(
        "{}:44:1: candidate summit/6 ordinal: its quote is not in the article",
        dir.path().join("review-test.toml").display()
    );
    assert!(body.contains(&at), "{body}");
    assert!(
        body.contains("not accepted; the file is unchanged"),
        "{body}"
    );
    assert_eq!(draft_text(&dir), DRAFT);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("entities.toml")).unwrap(),
        entities_before
    );
    // The page shows the problem on the candidate itself, before any decision.
    let page = handle(&state, &request("GET", "/draft/review-test", &[], ""));
    let page = String::from_utf8(page.into_body()).unwrap();
    let section = &page[page.find("id=\"c4\"").unwrap()..];
    assert!(
        section.contains(&format!("<p class=\"problem\">{at}")),
        "{section}"
    );
    // A candidate changed since the page was shown is not decided.
    let response = handle(
        &state,
        &request(
            "POST",
            "/draft/review-test/candidate/0",
            &[("content-type", "application/x-www-form-urlencoded")],
            &format!("token={TOKEN}&seen=0&action=reject"),
        ),
    );
    assert_eq!(response.status().as_u16(), 422);
    assert_eq!(draft_text(&dir), DRAFT);
}

#[test]
fn other_methods_and_paths_are_refused() {
    let (dir, state) = setup();
    let get = handle(
        &state,
        &request("GET", "/draft/review-test/candidate/0", &[], ""),
    );
    assert_eq!(get.status().as_u16(), 405);
    assert_eq!(get.headers()["allow"], "POST");
    let post = handle(
        &state,
        &request("POST", "/draft/review-test", &[ORIGIN], ""),
    );
    assert_eq!(post.status().as_u16(), 405);
    assert_eq!(post.headers()["allow"], "GET, HEAD");
    for path in ["/draft/..%2Fentities", "/draft/nothing", "/elsewhere"] {
        let response = handle(&state, &request("GET", path, &[], ""));
        assert_eq!(response.status().as_u16(), 404, "{path}");
    }
    // A form of another type is refused before anything.
    let json = request(
        "POST",
        "/draft/review-test/candidate/0",
        &[("content-type", "application/json")],
        &format!("{{\"token\": \"{TOKEN}\"}}"),
    );
    assert_eq!(handle(&state, &json).status().as_u16(), 415);
    assert_eq!(draft_text(&dir), DRAFT);
}
