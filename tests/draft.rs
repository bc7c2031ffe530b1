//! `cica-kg draft` and `cica-kg accept` (issue 20): the draft's JSON, candidates that never
//! become facts unreviewed (validate lists them, the graph never holds them), acceptance all
//! or nothing with file, line and column, and the external extractor protocol, whose bad
//! candidates of every kind are dropped with the reason.

use crate::common::{cica_kg, data_copy, repo, run_ok};
use serde_json::Value;
use std::path::Path;

fn fixture(name: &str) -> String {
    repo()
        .join("tests/fixtures/draft")
        .join(name)
        .display()
        .to_string()
}

/// A copy of the data with the fictional Baku article and its draft.
fn drafted(article: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let data = data_copy();
    let text = data.path().join(article);
    std::fs::copy(fixture(article), &text).unwrap();
    let draft = text.with_extension("toml");
    let dir = data.path().display().to_string();
    run_ok(&[
        "--data",
        &dir,
        "draft",
        &text.display().to_string(),
        "-o",
        &draft.display().to_string(),
    ]);
    (data, draft)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn draft_json_gives_candidates_with_their_character_offsets() {
    let article = repo().join("data/cica-backgrounder.txt");
    let out = run_ok(&["draft", &article.display().to_string(), "--format", "json"]);
    let json: Value = serde_json::from_str(&out).unwrap();
    let text = read(&article);
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(json["source"]["dateline_place"], "place/astana");
    assert_eq!(json["source"]["dateline_date"], "2022-10-12");
    assert_eq!(json["source"]["publisher"], "organization/xinhua");
    let candidates = json["candidates"].as_array().unwrap();
    assert!(candidates.len() > 40, "{}", candidates.len());
    for c in candidates {
        let (start, end) = (
            c["quote_start"].as_u64().unwrap() as usize,
            c["quote_end"].as_u64().unwrap() as usize,
        );
        let quoted: String = chars[start..end].iter().collect();
        assert_eq!(quoted, c["quote"].as_str().unwrap());
        assert_eq!(text.matches(&quoted).count(), 1, "{quoted}");
        let confidence = c["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&confidence));
        assert!(!c["why"].as_str().unwrap().is_empty());
    }
    // Written by hand from the article: 27 member states "currently", the presidency since 2020.
    let has =
        |subject: &str, property: &str, key: &str, value: Value, time: Option<(&str, &str)>| {
            candidates.iter().any(|c| {
                c["subject"] == subject
                    && c["property"] == property
                    && c[key] == value
                    && time.is_none_or(|(k, v)| c[k] == v)
            })
        };
    assert!(has(
        "organization/cica",
        "memberCount",
        "integer",
        27.into(),
        Some(("point_in_time", "2022-10-12"))
    ));
    assert!(has(
        "organization/cica",
        "presidency",
        "object",
        "place/kazakhstan".into(),
        Some(("start", "2020"))
    ));
    assert!(has("summit/1", "startDate", "date", "2002-06".into(), None));
    assert!(has(
        "summit/4",
        "location",
        "object",
        "place/shanghai".into(),
        None
    ));
}

#[test]
fn draft_never_writes_over_an_existing_file_unless_forced() {
    let dir = crate::common::temp_dir();
    let out = dir.path().join("draft.toml");
    std::fs::write(&out, "keep me").unwrap();
    let article = fixture("secretariat-move.txt");
    let output = cica_kg()
        .args(["draft", &article, "-o", &out.display().to_string()])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("--force"));
    assert_eq!(read(&out), "keep me");
    run_ok(&[
        "draft",
        &article,
        "-o",
        &out.display().to_string(),
        "--force",
    ]);
    assert!(read(&out).contains("[[candidate]]"));
}

#[test]
fn validate_lists_candidates_and_the_graph_never_holds_them() {
    let (data, draft) = drafted("secretariat-move.txt");
    assert!(read(&draft).contains("integer = 30"), "{}", read(&draft));
    let dir = data.path().display().to_string();
    let output = cica_kg()
        .args(["--data", &dir, "validate"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(
        stdout.contains("awaiting review: candidate organization/cica memberCount"),
        "{stdout}"
    );
    assert!(
        stdout.lines().last().unwrap().starts_with("valid:"),
        "{stdout}"
    );
    let graph = run_ok(&[
        "--data", &dir, "export", "--format", "nquads", "--graph", "all",
    ]);
    assert!(
        !graph.contains("thirty member states"),
        "a candidate's quote is in the graph"
    );
    // (The ontology holds integers of its own, such as a page order of 30: ask for the fact.)
    let held = run_ok(&[
        "--data",
        &dir,
        "query",
        "-f",
        "tsv",
        "-e",
        "ASK { ?s cica:memberCount 30 }",
    ]);
    assert_eq!(held.trim(), "false", "a candidate's value is in the graph");
}

#[test]
fn accept_is_all_or_nothing_and_names_the_candidate_s_line() {
    let (data, draft) = drafted("baku-summit.txt");
    let dir = data.path().display().to_string();
    let entities = data.path().join("entities.toml");
    let text = read(&draft);
    // Spoil the quote of the candidate on the seventh summit's ordinal.
    let at = text
        .find("subject = \"summit/7\"\nproperty = \"ordinal\"")
        .expect("the ordinal is drafted");
    let table = text[..at].rfind("[[candidate]]").unwrap();
    let line = text[..table].lines().count() + 1;
    let quote_at = at + text[at..].find("quote = ").unwrap();
    let spoiled = format!(
        "{}quote = \"the eighth summit\"{}",
        &text[..quote_at],
        &text[quote_at + text[quote_at..].find('\n').unwrap()..]
    );
    std::fs::write(&draft, &spoiled).unwrap();
    let before = (read(&draft), read(&entities));
    let output = cica_kg()
        .args(["--data", &dir, "accept", "baku-summit", "--all-checked"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&format!("baku-summit.toml:{line}:1: candidate summit/7 ordinal: its quote is not in the article")), "{stderr}");
    assert_eq!(
        (read(&draft), read(&entities)),
        before,
        "something was written"
    );
    // Without --all-checked nothing is written either, even when all pass.
    std::fs::write(&draft, &text).unwrap();
    let output = cica_kg()
        .args(["--data", &dir, "accept", "baku-summit"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(read(&draft), text);
    // Reviewed: accepted, the comments kept, the new entities added.
    let out = run_ok(&["--data", &dir, "accept", "baku-summit", "--all-checked"]);
    assert!(out.contains("new entities in entities.toml"), "{out}");
    let accepted = read(&draft);
    assert!(accepted.starts_with("# A DRAFT of the facts of baku-summit.txt"));
    let tables = |text: &str, table: &str| text.lines().filter(|l| *l == table).count();
    assert_eq!(
        tables(&accepted, "[[candidate]]") + tables(&accepted, "[[new_entity]]"),
        0
    );
    assert!(!accepted.contains("confidence =") && !accepted.contains("why ="));
    assert_eq!(
        tables(&accepted, "[[statement]]"),
        tables(&text, "[[candidate]]")
    );
    let entities_now = read(&entities);
    assert!(
        entities_now.starts_with(&before.1),
        "entities.toml was not appended to"
    );
    assert!(entities_now
        .contains("id = \"summit/7\"\nclass = \"Summit\"\nlabel = \"seventh CICA summit\""));
    assert!(entities_now.contains("id = \"place/baku\""));
    // The facts now hold the statements.
    let sources = run_ok(&["--data", &dir, "sources", "--format", "json"]);
    let list: Value = serde_json::from_str(&sources).unwrap();
    let baku = list
        .as_array()
        .unwrap()
        .iter()
        .find(|s| {
            s["file"] == "baku-summit.txt" || s["id"].as_str().unwrap().contains("2026-05-20")
        })
        .expect("the new source");
    assert_eq!(
        baku["statements"].as_u64().unwrap() as usize,
        tables(&text, "[[candidate]]")
    );
}

/// Candidates of every bad kind, and one good: only the good one is kept.
const RESPONSE: &str = r#"{"entities": [{"id": "place/baku", "class": "City", "label": "Baku", "new": true},
  {"id": "summit/baku", "class": "City", "label": "Baku again"}],
 "candidates": [
  {"subject": "organization/cica", "property": "memberCount", "integer": 30, "point_in_time": "2027-03-02", "quote": "currently counts thirty member states", "confidence": 0.9, "why": "good"},
  {"subject": "organization/cica-secretariat", "property": "headquarters", "object": "place/baku", "start": "2027", "quote": "moved from Astana back to Almaty", "confidence": 0.5, "why": "a new entity"},
  {"subject": "organization/cica", "property": "memberCount", "integer": 30, "point_in_time": "2027-03-02", "quote": "counts 30 members", "confidence": 0.9, "why": "wrong quote"},
  {"subject": "organization/cica", "property": "memberTotal", "integer": 30, "point_in_time": "2027-03-02", "quote": "thirty member states", "confidence": 0.9, "why": "unknown property"},
  {"subject": "organization/cica", "property": "presidency", "object": "place/almaty", "start": "2026", "quote": "Uzbekistan has chaired the CICA since 2026", "confidence": 0.9, "why": "wrong range"},
  {"subject": "organization/cica", "property": "memberCount", "integer": 30, "quote": "which currently counts thirty", "confidence": 0.9, "why": "missing time"},
  {"subject": "organization/cica", "property": "operationStart", "integer": 1993, "quote": "began operation in March 1993", "confidence": 0.9, "why": "wrong kind"},
  {"subject": "organization/nowhere", "property": "operationStart", "date": "1993-03", "quote": "began operation in March 1993", "confidence": 0.9, "why": "unknown subject"},
  {"subject": "organization/cica", "property": "operationStart", "date": "1993-03", "quote": "the", "confidence": 0.9, "why": "quote not unique"},
  {"subject": "organization/cica-secretariat", "property": "headquarters", "object": "summit/baku", "start": "2027", "quote": "back to Almaty", "confidence": 0.5, "why": "a new entity with the wrong prefix"},
  {"subject": "organization/cica", "property": "operationStart", "date": "1993-03", "quote": "a spokesperson for the forum said.\n\nThe Conference on Interaction", "confidence": 0.9, "why": "a quote across paragraphs"}
 ]}"#;

#[test]
fn an_extractor_s_candidates_are_checked_as_the_built_in_ones() {
    let dir = crate::common::temp_dir();
    let response = dir.path().join("response.json");
    let request = dir.path().join("request.json");
    std::fs::write(&response, RESPONSE).unwrap();
    let command = format!(
        "cat > '{}'; cat '{}'",
        request.display(),
        response.display()
    );
    let output = cica_kg()
        .args([
            "draft",
            &fixture("secretariat-move.txt"),
            "--format",
            "json",
            "--extractor",
            &command,
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let kept: Vec<&str> = json["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["why"].as_str().unwrap())
        .collect();
    assert_eq!(kept, ["good", "a new entity"]);
    let new = json["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "place/baku")
        .unwrap();
    assert_eq!(new["new"], true);
    for reason in [
        "its quote is not in the article",
        "unknown property 'memberTotal'",
        "the value place/almaty is a City, not a Country",
        "memberCount changes over time, and the candidate does not say when it holds",
        "operationStart takes date = ..., not integer",
        "subject 'organization/nowhere' is not a known or proposed entity",
        "its quote occurs",
        "object 'summit/baku' is not a known or proposed entity",
        "its quote spans a line break",
    ] {
        assert!(stderr.contains(reason), "{reason} not in:\n{stderr}");
    }
    assert_eq!(stderr.matches("dropped: ").count(), 9, "{stderr}");
    // The request: the text, the source, the properties with their cues, the known entities.
    let sent: Value = serde_json::from_str(&read(&request)).unwrap();
    assert_eq!(
        sent["text"],
        read(Path::new(&fixture("secretariat-move.txt")))
    );
    assert_eq!(sent["source"]["dateline_place"], "place/almaty");
    let count = sent["properties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "memberCount")
        .unwrap();
    assert_eq!(count["time_varying"], true);
    assert_eq!(count["kind"], "integer");
    assert!(count["cues"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c == "{v} member states"));
    assert!(sent["entities"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["id"] == "organization/cica"));
}

#[test]
fn a_failing_or_garbled_extractor_is_an_error() {
    for (command, says) in [
        ("exit 3", "failed"),
        ("cat >/dev/null; echo '{not json'", "protocol's JSON"),
    ] {
        let output = cica_kg()
            .args([
                "draft",
                &fixture("secretariat-move.txt"),
                "--extractor",
                command,
            ])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{command}");
        assert!(
            String::from_utf8_lossy(&output.stderr).contains(says),
            "{command}"
        );
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn the_protocol_schema_describes_the_candidates_cica_kg_writes() {
    let schema: Value =
        serde_json::from_str(&read(&repo().join("docs/draft-protocol.schema.json"))).unwrap();
    let candidate = &schema["$defs"]["candidate"];
    let known = candidate["properties"].as_object().unwrap();
    let article = repo().join("data/cica-backgrounder.txt");
    let json: Value = serde_json::from_str(&run_ok(&[
        "draft",
        &article.display().to_string(),
        "--format",
        "json",
    ]))
    .unwrap();
    for c in json["candidates"].as_array().unwrap() {
        for key in c.as_object().unwrap().keys() {
            assert!(known.contains_key(key), "{key} is not in the schema");
        }
        for required in candidate["required"].as_array().unwrap() {
            assert!(c.get(required.as_str().unwrap()).is_some());
        }
    }
    let source = schema["$defs"]["source"]["required"].as_array().unwrap();
    for key in source {
        assert!(json["source"].get(key.as_str().unwrap()).is_some(), "{key}");
    }
}
