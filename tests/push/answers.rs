//! How `cica-kg push` treats what a store answers (issues 17 and 19): an answer larger than
//! the cap is an error, read no further; a store that drips or trickles its answer is cut off
//! at `--timeout`; a redirect is not followed and names where it points; an error body is
//! shown escaped and short; a password in a URL is not repeated; a 401 says whether
//! credentials were sent.

use super::fake::{Act, Fake};
use super::{push, text};
use crate::common::cica_kg;
use std::time::{Duration, Instant};

/// The peak resident memory of a running process, polled until it exits, in bytes.
fn run_watching_memory(mut child: std::process::Child) -> (std::process::Output, u64) {
    let status = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    while child.try_wait().unwrap().is_none() {
        if let Ok(text) = std::fs::read_to_string(&status) {
            let rss = text
                .lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches(" kB").parse::<u64>().ok());
            peak = peak.max(rss.unwrap_or(0) * 1024);
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    (child.wait_with_output().unwrap(), peak)
}

#[test]
fn a_huge_answer_is_refused_at_the_cap_and_read_no_further() {
    // 256 MiB streamed without a length: before the fix push read all of it into memory
    // (1 GiB took it to 1.06 GB) and reported success.
    let fake = Fake::start(vec![Act::Huge(256 << 20)]);
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("cica-kg"))
        .args([
            "--base",
            "http://example.org/push-huge/",
            "push",
            "--graph",
            "facts",
        ])
        .args(["--gsp", &format!("{}/store", fake.base), "--retries", "0"])
        .env_remove("CICA_KG_PUSH_USER")
        .env_remove("CICA_KG_PUSH_PASSWORD")
        .env_remove("CICA_KG_PUSH_TOKEN")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (output, peak) = run_watching_memory(child);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("the store's answer is larger than the 1 MiB cap"),
        "{stderr}"
    );
    assert!(
        fake.written() < 64 << 20,
        "push took {} bytes of the answer",
        fake.written()
    );
    assert!(peak < 128 << 20, "push peaked at {peak} bytes");
}

/// Pushes the facts to `fake` once (no retry) with `--timeout seconds`.
fn push_once(fake: &Fake, base: &str, seconds: &str) -> std::process::Output {
    let store = format!("{}/store", fake.base);
    push(
        base,
        &[
            "--gsp",
            &store,
            "--graph",
            "facts",
            "--timeout",
            seconds,
            "--retries",
            "0",
        ],
    )
}

#[test]
fn a_dripping_store_is_cut_off_at_the_timeout() {
    // One byte every 2 s: each read is within the timeout, the whole answer never is
    // (before the fix `--timeout 3` ran past 30 s).
    let fake = Fake::start(vec![Act::Drip]);
    let started = Instant::now();
    let output = push_once(&fake, "http://example.org/push-drip/", "3");
    let elapsed = started.elapsed();
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("no complete answer within 3 s (--timeout"),
        "{stderr}"
    );
    // 3 s and the building of the graph; generous for a loaded machine.
    assert!(elapsed < Duration::from_secs(10), "took {elapsed:?}");
}

#[test]
fn a_store_that_trickles_its_answers_head_is_cut_off_at_the_timeout() {
    // A byte every 100 ms of a head that never ends: each read is quick, so only a deadline
    // over the whole exchange stops it (issue 19: now on push's own thread, none left behind).
    let fake = Fake::start(vec![Act::TrickleHead]);
    let output = push_once(&fake, "http://example.org/push-trickle/", "1");
    // From the request's arrival, not the start (which builds the graph first).
    let received = fake.received();
    let elapsed = received[0].at.elapsed();
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("no complete answer within 1 s (--timeout"),
        "{stderr}"
    );
    assert_eq!(received.len(), 1, "not retried: {stderr}");
    assert!(elapsed < Duration::from_secs(2), "took {elapsed:?}");
}

#[test]
fn a_redirect_is_not_followed_nor_retried_and_names_its_target() {
    for status in [301, 302, 303, 307, 308] {
        let fake = Fake::start(vec![Act::Redirect(status)]);
        let output = push(
            "http://example.org/push-redirect/",
            &["--gsp", &format!("{}/store", fake.base), "--graph", "facts"],
        );
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{status}: {stderr}");
        assert!(
            stderr.contains("redirects are not followed")
                && stderr.contains(&format!("{}/elsewhere", fake.base)),
            "{status}: {stderr}"
        );
        assert!(!stderr.contains("too many redirects"), "{status}: {stderr}");
        assert!(!stderr.contains("trying again"), "{status}: {stderr}");
        assert_eq!(fake.received().len(), 1, "{status}: not retried");
    }
}

#[test]
fn an_error_body_is_shown_escaped_and_short() {
    let fake = Fake::start(vec![Act::Escapes]);
    let output = push(
        "http://example.org/push-escapes/",
        &["--gsp", &format!("{}/store", fake.base), "--graph", "facts"],
    );
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        !stderr.contains(['\u{1b}', '\u{7}', '\u{8}', '\r']),
        "a control character reached the terminal: {stderr:?}"
    );
    assert!(
        stderr.contains(r"bad \u{1b}[2J\u{1b}]0;owned\u{7}request"),
        "{stderr}"
    );
    assert!(stderr.len() < 2000, "{} bytes: {stderr}", stderr.len());
}

#[test]
fn a_password_in_a_url_is_refused_without_repeating_it() {
    let url = "http://editor:s3cr3t-pw@127.0.0.1:1/endpoint";
    for args in [
        ["--gsp", url, "--graph", "facts"],
        ["--update", url, "--graph", "facts"],
        ["--gsp", "http://127.0.0.1:1/store", "--query-url", url],
    ] {
        let output = push("http://example.org/push-userinfo/", &args);
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(!stderr.contains("s3cr3t-pw"), "{args:?}: {stderr}");
        assert!(
            stderr.contains("'http://editor:***@127.0.0.1:1/endpoint'"),
            "{args:?}: {stderr}"
        );
        assert!(
            stderr.contains("give them in the environment"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn a_401_says_whether_credentials_were_sent() {
    let fake = Fake::start(vec![Act::Status(401)]);
    let output = cica_kg()
        .args(["push", "--gsp", &format!("{}/store", fake.base)])
        .env("CICA_KG_PUSH_USER", "editor")
        .env("CICA_KG_PUSH_PASSWORD", "wrong")
        .env_remove("CICA_KG_PUSH_TOKEN")
        .output()
        .unwrap();
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(
            "the store refused the credentials sent (CICA_KG_PUSH_USER and CICA_KG_PUSH_PASSWORD)"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("set CICA_KG_PUSH_USER"), "{stderr}");

    // None sent: say which variables to set.
    let output = push(
        "http://example.org/push-401-none/",
        &["--gsp", &format!("{}/store", fake.base)],
    );
    let stderr = text(&output.stderr);
    assert!(
        stderr
            .contains("no credentials were sent: set CICA_KG_PUSH_USER and CICA_KG_PUSH_PASSWORD"),
        "{stderr}"
    );
}
