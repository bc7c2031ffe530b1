//! What `cica-kg push` shows before and while it sends, against a scripted store
//! ([`super::fake`]): the plan of a dry run (nothing sent), options refused before any work,
//! and a progress line per graph on a terminal.

use super::fake::{Act, Fake};
use super::{exported, push, text, thousands};
use crate::common::cica_kg;

#[test]
fn a_dry_run_prints_the_plan_and_sends_nothing() {
    let fake = Fake::start(vec![Act::Status(500)]);
    let base = "http://example.org/push-dry/";
    let expected = exported(base);
    let facts = expected[&format!("{base}graph/facts")].len();
    let provenance = expected[&format!("{base}graph/provenance")].len();
    let output = push(
        base,
        &[
            "--gsp",
            &format!("{}/store", fake.base),
            "--dry-run",
            "--chunk-size",
            "1000",
        ],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(stdout.contains(&format!(
        "Push 2 graphs ({} triples) to {}/store (SPARQL 1.1 Graph Store HTTP Protocol), at most 1,000 triples a request:",
        thousands(facts + provenance),
        fake.base
    )), "{stdout}");
    let graph = |name: &str| {
        form_urlencoded::byte_serialize(format!("{base}graph/{name}").as_bytes())
            .collect::<String>()
    };
    assert!(
        stdout.contains(&format!(
            "  1. PUT {}/store?graph={} (replace the graph; {} triples of facts)",
            fake.base,
            graph("facts"),
            thousands(facts)
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "  2. PUT {}/store?graph={} (replace the graph; 1,000 triples of provenance)",
            fake.base,
            graph("provenance")
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains("POST"),
        "more provenance chunks are added: {stdout}"
    );
    assert!(
        stdout.contains("the counts will not be checked"),
        "{stdout}"
    );
    assert!(stdout.ends_with("Dry run: nothing was sent.\n"), "{stdout}");
    assert!(
        fake.received().is_empty(),
        "a dry run sent {:?}",
        fake.received()
    );
}

#[test]
fn push_options_are_checked_before_any_work() {
    for (args, message) in [
        (
            &["--gsp", "ftp://127.0.0.1/store"][..],
            "--gsp: 'ftp://127.0.0.1/store' is not an http:// or https:// URL",
        ),
        (
            &["--update", "http://u:p@127.0.0.1/update"][..],
            "give them in the environment",
        ),
        (
            &["--gsp", "http://127.0.0.1:1/s", "--graph-iri", "facts"][..],
            "write NAME=IRI",
        ),
        (
            &[
                "--gsp",
                "http://127.0.0.1:1/s",
                "--graph",
                "facts",
                "--graph-iri",
                "ontology=http://x/",
            ][..],
            "not a graph being pushed",
        ),
        (
            &["--gsp", "http://127.0.0.1:1/s", "--query-url", "nope"][..],
            "--query-url",
        ),
    ] {
        let output = push("http://example.org/push-options/", args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = text(&output.stderr);
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
    // Both endpoints, or none: clap refuses.
    let output = push(
        "http://example.org/push-options/",
        &["--gsp", "http://x/", "--update", "http://x/"],
    );
    assert_eq!(output.status.code(), Some(2));
    let output = push("http://example.org/push-options/", &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("--gsp <URL>"));
    let output = cica_kg()
        .args(["push", "--gsp", "http://127.0.0.1:1/s"])
        .env("CICA_KG_PUSH_USER", "u")
        .env_remove("CICA_KG_PUSH_PASSWORD")
        .env_remove("CICA_KG_PUSH_TOKEN")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("CICA_KG_PUSH_USER is set but CICA_KG_PUSH_PASSWORD is not")
    );
}

#[test]
fn a_terminal_shows_a_progress_line_per_graph() {
    // `script` (util-linux) runs the push with standard error on a pseudo-terminal.
    let fake = Fake::start(vec![Act::Count(0)]);
    let command = format!(
        "{} --base http://example.org/push-progress/ push --gsp {}/store --graph all --chunk-size 500",
        assert_cmd::cargo::cargo_bin("cica-kg").display(),
        fake.base
    );
    let output = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env_remove("CICA_KG_PUSH_USER")
        .env_remove("CICA_KG_PUSH_PASSWORD")
        .env_remove("CICA_KG_PUSH_TOKEN")
        .output()
        .expect("script (util-linux) runs");
    let shown = text(&output.stdout);
    assert!(output.status.success(), "{shown}");
    let base = "http://example.org/push-progress/";
    let expected = exported(base);
    let provenance = expected[&format!("{base}graph/provenance")].len();
    assert!(shown.contains("\rprovenance: 500 of "), "{shown:?}");
    for (name, count) in [
        ("facts", expected[&format!("{base}graph/facts")].len()),
        ("provenance", provenance),
        ("ontology", expected[&format!("{base}graph/ontology")].len()),
    ] {
        let requests = count.div_ceil(500);
        assert!(
            shown.contains(&format!(
                "\r{name}: {} triples sent in {requests} requests, ",
                thousands(count)
            )),
            "{name}: {shown:?}"
        );
    }
}

#[test]
fn two_graphs_to_one_iri_are_refused_before_anything_is_sent() {
    let fake = Fake::start(vec![Act::Status(204)]);
    for dry_run in [true, false] {
        let mut args = vec![
            "--gsp".to_owned(),
            format!("{}/store", fake.base),
            "--graph-iri".to_owned(),
            "facts=urn:x:a".to_owned(),
            "--graph-iri".to_owned(),
            "provenance=urn:x:a".to_owned(),
        ];
        if dry_run {
            args.push("--dry-run".to_owned());
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = push("http://example.org/push-one-iri/", &args);
        assert_eq!(output.status.code(), Some(2), "dry run {dry_run}");
        let stderr = text(&output.stderr);
        assert!(
            stderr.contains("graphs facts and provenance would both be sent to <urn:x:a>"),
            "{stderr}"
        );
        assert!(text(&output.stdout).is_empty(), "no plan is printed");
    }
    assert!(fake.received().is_empty(), "sent {:?}", fake.received());
}
