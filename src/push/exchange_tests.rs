//! An exchange past its deadline leaves no thread behind (issue 19): a store that trickles its
//! answer's head a byte every 100 ms, a 1 s timeout, and the process's threads
//! (`/proc/self/task`) counted before and after the failed exchange.

use super::http::{parse_url, Client, Failure};
use super::Connection;
use std::io::Write;
use std::net::TcpListener;
use std::time::{Duration, Instant};
use ureq::http::Method;

/// Set in the process that runs the test alone.
const ALONE: &str = "CICA_KG_TEST_THREADS_ALONE";

/// This test's name, as `--exact` wants it.
const NAME: &str = "push::exchange_tests::a_timed_out_exchange_leaves_no_thread";

/// The process's threads.
fn threads() -> usize {
    std::fs::read_dir("/proc/self/task").unwrap().count()
}

/// Answers the one connection with a 200 whose last header never ends, a byte every 100 ms
/// for 10 s at most, until the client goes away.
fn trickle(listener: &TcpListener) {
    let (mut stream, _) = listener.accept().unwrap();
    let head = b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nx-slow: ";
    for byte in head.iter().chain(std::iter::repeat(&b'a')).take(100) {
        if stream.write_all(&[*byte]).is_err() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_timed_out_exchange_leaves_no_thread() {
    // The other tests of this binary run beside it on threads of their own, which come and go:
    // the count is taken in a process running this test alone.
    if std::env::var_os(ALONE).is_none() {
        let output = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--exact", NAME, "--test-threads=1", "--nocapture"])
            .env(ALONE, "1")
            .output()
            .unwrap();
        let said =
            String::from_utf8_lossy(&output.stdout) + String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{said}");
        assert!(said.contains("1 passed"), "{said}");
        return;
    }
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = parse_url(&format!("http://{}/store", listener.local_addr().unwrap())).unwrap();
    let client = Client::new(&Connection {
        credentials: None,
        timeout: Duration::from_secs(1),
        retries: 0,
    })
    .unwrap();
    std::thread::scope(|scope| {
        scope.spawn(|| trickle(&listener));
        let before = threads();
        let started = Instant::now();
        let answer = client.send(
            &Method::PUT,
            &url,
            "application/n-triples",
            None,
            Vec::new(),
        );
        let elapsed = started.elapsed();
        let after = threads();
        assert!(
            matches!(&answer, Err(Failure::Retry(r)) if r.starts_with("no complete answer within 1 s")),
            "{:?}",
            answer.map(|a| a.body)
        );
        assert!(elapsed < Duration::from_secs(2), "took {elapsed:?}");
        assert_eq!(after, before, "threads before and after the exchange");
    });
}
