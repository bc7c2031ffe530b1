//! What `cica-kg push` does when things go wrong, against small scripted stores
//! ([`super::fake`]): nothing listening, a store that never answers, a 401 (and one that wants
//! digest authentication), a 500, a connection dropped in the middle of the upload, and a
//! store whose count differs from what was sent. Credentials from the environment are sent
//! and never shown.

use super::fake::{Act, Fake};
use super::stores;
use super::{exported, push, text, thousands};
use crate::common::cica_kg;

#[test]
fn an_unreachable_store_is_retried_then_reported() {
    let url = format!("http://127.0.0.1:{}/store", stores::free_port());
    let output = push(
        "http://example.org/push-unreachable/",
        &["--gsp", &url, "--retries", "1", "--graph", "facts"],
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("note: sending graph facts"), "{stderr}");
    assert!(
        stderr.contains("trying again in 0.5 s (attempt 2 of 2)"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "error: sending graph facts <http://example.org/push-unreachable/graph/facts>"
        ),
        "{stderr}"
    );
    assert!(stderr.contains(&url), "{stderr}");
    assert!(stderr.contains("cannot connect"), "{stderr}");
    assert!(stderr.contains("gave up after 2 attempts"), "{stderr}");
}

#[test]
fn a_401_is_not_retried_and_says_which_variables_to_set() {
    let fake = Fake::start(vec![Act::Status(401)]);
    let output = push(
        "http://example.org/push-401/",
        &["--gsp", &format!("{}/store", fake.base), "--retries", "3"],
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("answered HTTP 401: fake store: status 401"),
        "{stderr}"
    );
    assert!(
        stderr.contains("set CICA_KG_PUSH_USER and CICA_KG_PUSH_PASSWORD"),
        "{stderr}"
    );
    assert!(stderr.contains("CICA_KG_PUSH_TOKEN"), "{stderr}");
    assert!(!stderr.contains("trying again"), "{stderr}");
    assert_eq!(fake.received().len(), 1, "a 4xx answer is never retried");

    // A store that asks for digest authentication, which cica-kg does not speak.
    let fake = Fake::start(vec![Act::Digest]);
    let output = push(
        "http://example.org/push-401/",
        &["--gsp", &format!("{}/sparql-graph-crud-auth", fake.base)],
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("the store asks for Digest authentication, which cica-kg does not speak"),
        "{stderr}"
    );
    assert!(
        stderr.contains("/sparql-graph-crud once SPARQL_UPDATE is granted"),
        "{stderr}"
    );
}

#[test]
fn credentials_from_the_environment_are_sent_and_never_shown() {
    let fake = Fake::start(vec![Act::Status(403)]);
    let output = cica_kg()
        .args([
            "push",
            "--gsp",
            &format!("{}/store", fake.base),
            "--graph",
            "facts",
        ])
        .env("CICA_KG_PUSH_USER", "editor")
        .env("CICA_KG_PUSH_PASSWORD", "pa55-w0rd")
        .env_remove("CICA_KG_PUSH_TOKEN")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let received = fake.received();
    // base64("editor:pa55-w0rd"), written by hand with RFC 4648's alphabet.
    assert_eq!(
        received[0].header("authorization"),
        Some("Basic ZWRpdG9yOnBhNTUtdzByZA==")
    );
    let shown = text(&output.stdout) + &text(&output.stderr);
    assert!(
        !shown.contains("pa55-w0rd") && !shown.contains("ZWRpdG9y"),
        "{shown}"
    );

    let fake = Fake::start(vec![Act::Status(401)]);
    let output = cica_kg()
        .args([
            "push",
            "--update",
            &format!("{}/update", fake.base),
            "--graph",
            "facts",
        ])
        .env_remove("CICA_KG_PUSH_USER")
        .env_remove("CICA_KG_PUSH_PASSWORD")
        .env("CICA_KG_PUSH_TOKEN", "t0ken-xyz")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        fake.received()[0].header("authorization"),
        Some("Bearer t0ken-xyz")
    );
    let shown = text(&output.stdout) + &text(&output.stderr);
    assert!(!shown.contains("t0ken-xyz"), "{shown}");
}

#[test]
fn a_500_is_retried_then_reported() {
    let fake = Fake::start(vec![Act::Status(500)]);
    let output = push(
        "http://example.org/push-500/",
        &[
            "--update",
            &format!("{}/update", fake.base),
            "--retries",
            "2",
            "--graph",
            "facts",
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("the store answered HTTP 500: fake store: status 500"),
        "{stderr}"
    );
    assert!(
        stderr.contains("(attempt 2 of 3)") && stderr.contains("(attempt 3 of 3)"),
        "{stderr}"
    );
    assert!(stderr.contains("gave up after 3 attempts"), "{stderr}");
    let received = fake.received();
    // One request per attempt, into the facts' staging graph, then one that drops it.
    assert_eq!(received.len(), 4, "{received:?}");
    for request in &received {
        assert_eq!(request.method, "POST");
        assert_eq!(
            request.header("content-type"),
            Some("application/sparql-update")
        );
    }
    for request in &received[..3] {
        assert!(
            text(&request.body).starts_with("DROP SILENT GRAPH <urn:cica-kg:push-staging:"),
            "{}",
            text(&request.body)
        );
        assert!(text(&request.body).contains("INSERT DATA"));
    }
    let cleanup = text(&received[3].body);
    assert!(
        cleanup.starts_with("DROP SILENT GRAPH <urn:cica-kg:push-staging:")
            && !cleanup.contains("INSERT"),
        "{cleanup}"
    );
    assert!(stderr.contains("no target graph was changed"), "{stderr}");
}

#[test]
fn a_connection_dropped_mid_upload_is_retried() {
    // Dropped once, then accepted: the push succeeds after one retry and counts.
    let fake = Fake::start(vec![Act::DropMidUpload, Act::Count(0)]);
    let base = "http://example.org/push-drop/";
    let facts = exported(base)[&format!("{base}graph/facts")].len();
    let fake_with_count = Fake::start(vec![Act::Count(facts as u64)]);
    let output = push(
        base,
        &[
            "--gsp",
            &format!("{}/store", fake.base),
            "--query-url",
            &format!("{}/query", fake_with_count.base),
            "--graph",
            "facts",
        ],
    );
    let stderr = text(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("the store closed the connection"),
        "{stderr}"
    );
    assert!(stderr.contains("(attempt 2 of 4)"), "{stderr}");
    let received = fake.received();
    assert_eq!(received.len(), 2);
    assert!(
        received.iter().all(|r| r.method == "PUT"),
        "the graph is sent again whole"
    );
    assert!(
        received[0]
            .target
            .starts_with("/store?graph=http%3A%2F%2Fexample.org%2Fpush-drop%2Fgraph%2Ffacts"),
        "{}",
        received[0].target
    );
    let length: usize = received[1]
        .header("content-length")
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        received[1].body.len(),
        length,
        "the second upload is complete"
    );

    // Always dropped: the push gives up and says so.
    let fake = Fake::start(vec![Act::DropMidUpload]);
    let output = push(
        base,
        &[
            "--gsp",
            &format!("{}/store", fake.base),
            "--retries",
            "1",
            "--graph",
            "facts",
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("the store closed the connection"),
        "{stderr}"
    );
    assert!(stderr.contains("gave up after 2 attempts"), "{stderr}");
}

#[test]
fn a_count_that_differs_exits_1_naming_the_graph_and_both_counts() {
    let fake = Fake::start(vec![Act::Count(7)]);
    let base = "http://example.org/push-mismatch/";
    let expected = exported(base);
    let facts = expected[&format!("{base}graph/facts")].len();
    let output = push(
        base,
        &[
            "--gsp",
            &format!("{}/store", fake.base),
            "--query-url",
            &format!("{}/query", fake.base),
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains(&format!(
            "error: graph facts <{base}graph/facts>: the store holds 7 triples, {} were sent",
            thousands(facts)
        )),
        "{stderr}"
    );
    assert!(stderr.contains("error: graph provenance"), "{stderr}");
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("the store holds other counts than were sent"),
        "{stdout}"
    );
    // The count query binds the graph in a VALUES block (queries/internal/push-count.rq).
    let queries: Vec<String> = fake
        .received()
        .into_iter()
        .filter(|r| r.method == "POST")
        .map(|r| {
            form_urlencoded::parse(&r.body)
                .find(|(k, _)| k == "query")
                .map(|(_, v)| v.into_owned())
                .unwrap()
        })
        .collect();
    assert_eq!(queries.len(), 2);
    assert!(
        queries[0].contains(&format!("VALUES ( ?graph ) {{ ( <{base}graph/facts> )")),
        "{}",
        queries[0]
    );
    assert!(queries[0].contains("COUNT(*)"), "{}", queries[0]);
}

#[test]
fn a_store_that_never_answers_times_out() {
    // A socket that accepts connections (the kernel queues them) and never answers.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/store", silent.local_addr().unwrap());
    let started = std::time::Instant::now();
    let output = push(
        "http://example.org/push-silent/",
        &[
            "--gsp",
            &url,
            "--timeout",
            "1",
            "--retries",
            "0",
            "--graph",
            "facts",
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("no complete answer within 1 s"), "{stderr}");
    assert!(stderr.contains("gave up after 1 attempts"), "{stderr}");
    let elapsed = started.elapsed();
    assert!(
        elapsed < std::time::Duration::from_secs(30),
        "the 1 s timeout took {elapsed:?}"
    );
    drop(silent);
}
