//! `cica-kg serve` under attack (issue 17), the real binary on 127.0.0.1: a slowloris of
//! connections that drip their heads, two clients holding runaway queries, one client sending
//! more queries than its limit, a client that disconnects mid-query, clients that read none of
//! their answers, pipelined requests, and `--bind 127.0.0.1:0`. Other clients are told apart by their source address (127.0.0.2,
//! 127.0.0.3: loopback too). Bounds are generous: the point is "not stuck"; the speed figures
//! are in BENCHMARKS.md (`bench/serve.sh attacks`).

use crate::common::{http_get, CicaServer};
use crate::serve::{children, cpu_ticks, query_url};
use std::io::{Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream};
use std::thread;
use std::time::{Duration, Instant};

/// Runs for far longer than any limit used here.
/// A query that runs until its time limit while using little memory (counting a cross product
/// of the graph with itself three times), so that the memory cap does not end it first.
const RUNAWAY: &str = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";

/// A connection to the server from `source` (a loopback address).
fn connect_from(source: &str, port: u16) -> TcpStream {
    use socket2::{Domain, Socket, Type};
    let socket = Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
    let source: IpAddr = source.parse().unwrap();
    socket.bind(&SocketAddr::new(source, 0).into()).unwrap();
    socket
        .connect(&SocketAddr::from(([127, 0, 0, 1], port)).into())
        .unwrap();
    socket.into()
}

/// The raw GET request of `query` on /sparql.
fn get_request(query: &str, close: bool) -> String {
    let encoded = form_urlencoded::Serializer::new(String::new())
        .append_pair("query", query)
        .finish();
    let connection = if close { "Connection: close\r\n" } else { "" };
    format!("GET /sparql?{encoded} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/sparql-results+json\r\n{connection}\r\n")
}

/// Sends `query` from `source` and reads the whole answer (the connection is closed after it).
pub(crate) fn ask_from(source: &str, port: u16, query: &str) -> String {
    let mut stream = connect_from(source, port);
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    stream
        .write_all(get_request(query, true).as_bytes())
        .unwrap();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer
}

/// Waits until `worker` has used some CPU (its query runs), for at most 5 s.
fn wait_busy(worker: u32) {
    let before = cpu_ticks(worker).expect("the worker runs");
    let started = Instant::now();
    while cpu_ticks(worker).is_some_and(|t| t == before) {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "the worker never ran the query"
        );
        thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_slowloris_neither_keeps_others_out_nor_stays_connected() {
    // Defaults: more connections than oxhttp's old limit of 128, each dripping a header byte
    // every second; the head deadline (--read-timeout, 10 s) closes them.
    let server = CicaServer::start(&[]);
    let opened = Instant::now();
    let mut drips: Vec<TcpStream> = (0..130)
        .map(|_| {
            let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
            stream.write_all(b"GET / HTTP/1.1\r\nX-Drip: ").unwrap();
            stream
        })
        .collect();
    let ask = {
        let url = query_url(&server, "ASK {}");
        let sent = Instant::now();
        let answer = thread::spawn(move || http_get(&url, "*/*"));
        while !answer.is_finished() && sent.elapsed() < Duration::from_secs(5) {
            thread::sleep(Duration::from_millis(20));
        }
        assert!(
            answer.is_finished(),
            "ASK {{}} is not answered within 5 s during the slowloris"
        );
        answer.join().unwrap()
    };
    assert_eq!(ask.status, 200, "{}", ask.body);
    let mut open = drips.len();
    while open > 0 && opened.elapsed() < Duration::from_secs(25) {
        thread::sleep(Duration::from_secs(1));
        open = drips
            .iter_mut()
            .map(|s| s.write_all(b"x").is_ok())
            .filter(|&ok| ok)
            .count();
        // A closed connection fails at the second write after the close, at the latest.
    }
    assert_eq!(open, 0, "dripping connections still open after 25 s");
    assert!(server
        .log()
        .contains("no complete request head within 10 s (--read-timeout)"));
}

#[test]
fn two_runaway_clients_leave_a_worker_for_a_third() {
    // Defaults (cores + 1 workers): before issue 17, one worker per core, so two runaways
    // held every worker of a 2-core machine for the whole 10 s time limit.
    let server = CicaServer::start(&[]);
    let port = server.port;
    let runaways: Vec<_> = ["127.0.0.2", "127.0.0.3"]
        .into_iter()
        .map(|source| thread::spawn(move || ask_from(source, port, RUNAWAY)))
        .collect();
    thread::sleep(Duration::from_millis(500));
    let sent = Instant::now();
    let answer = ask_from("127.0.0.1", port, "ASK {}");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        sent.elapsed() < Duration::from_secs(5),
        "ASK {{}} took {:?} while two runaway queries ran",
        sent.elapsed()
    );
    assert!(
        !runaways.iter().any(|r| r.is_finished()),
        "the runaways still run"
    );
}

#[test]
fn one_client_past_its_limit_waits_and_is_told_the_flag() {
    let server = CicaServer::start(&[
        "--timeout",
        "3",
        "--max-concurrent-queries",
        "2",
        "--max-queries-per-client",
        "1",
    ]);
    let port = server.port;
    let runaways: Vec<_> = (0..2)
        .map(|_| thread::spawn(move || ask_from("127.0.0.2", port, RUNAWAY)))
        .collect();
    thread::sleep(Duration::from_millis(500));
    let sent = Instant::now();
    let other = ask_from("127.0.0.3", port, "ASK {}");
    assert!(other.starts_with("HTTP/1.1 200"), "{other}");
    assert!(
        sent.elapsed() < Duration::from_secs(3),
        "{:?}",
        sent.elapsed()
    );
    let mut answers: Vec<String> = runaways.into_iter().map(|r| r.join().unwrap()).collect();
    answers.sort();
    assert!(answers[0].starts_with("HTTP/1.1 429"), "{}", answers[0]);
    assert!(
        answers[0].contains("--max-queries-per-client 1") && answers[0].contains("127.0.0.2"),
        "{}",
        answers[0]
    );
    assert!(answers[1].starts_with("HTTP/1.1 503"), "{}", answers[1]);
}

#[test]
fn a_client_that_disconnects_frees_its_worker_within_a_second() {
    let server = CicaServer::start(&["--timeout", "30", "--max-concurrent-queries", "1"]);
    let workers = children(server.pid());
    assert_eq!(workers.len(), 1, "{workers:?}");
    let mut runaway = connect_from("127.0.0.2", server.port);
    runaway
        .write_all(get_request(RUNAWAY, false).as_bytes())
        .unwrap();
    wait_busy(workers[0]);
    drop(runaway);
    let gone = Instant::now();
    while cpu_ticks(workers[0]).is_some() {
        assert!(
            gone.elapsed() < Duration::from_millis(1500),
            "the worker still runs the query of a client that went away:\n{}",
            server.log()
        );
        thread::sleep(Duration::from_millis(10));
    }
    assert!(server.log().contains(&format!(
        "killing query worker {} (its client went away)",
        workers[0]
    )));
    // The one worker's replacement answers the next client.
    let answer = ask_from("127.0.0.3", server.port, "ASK {}");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        gone.elapsed() < Duration::from_secs(10),
        "{:?}",
        gone.elapsed()
    );
}

#[test]
fn pipelined_requests_are_all_answered() {
    let server = CicaServer::start(&[]);
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let ask = get_request("ASK {}", false);
    let head = ask.replacen("GET", "HEAD", 1);
    let last = get_request("ASK { ?s ?p ?o }", true);
    stream
        .write_all(format!("{ask}{head}{last}").as_bytes())
        .unwrap();
    let mut answers = String::new();
    stream.read_to_string(&mut answers).unwrap();
    assert_eq!(answers.matches("HTTP/1.1 200 OK").count(), 3, "{answers}");
    assert_eq!(answers.matches("\"boolean\":true").count(), 2, "{answers}");
    // The HEAD's length is the GET's (27 bytes of JSON), not 0.
    let heads: Vec<&str> = answers.split("HTTP/1.1 ").skip(1).collect();
    assert!(heads[1].contains("content-length: 27\r\n"), "{}", heads[1]);
}

#[test]
fn port_zero_is_announced_and_used_as_the_bound_port() {
    let dir = crate::common::temp_dir();
    let log_path = dir.path().join("log");
    /// Kills the server when the test ends, passed or not.
    struct Killed(std::process::Child);
    impl Drop for Killed {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let _child = Killed(
        std::process::Command::new(assert_cmd::cargo::cargo_bin("cica-kg"))
            .args([
                "serve",
                "--bind",
                "127.0.0.1:0",
                "--max-concurrent-queries",
                "1",
            ])
            .stderr(std::fs::File::create(&log_path).unwrap())
            .spawn()
            .unwrap(),
    );
    let started = Instant::now();
    let port = loop {
        let log = std::fs::read_to_string(&log_path).unwrap();
        if let Some(rest) = log.split("listening on http://127.0.0.1:").nth(1) {
            break rest.split('/').next().unwrap().parse::<u16>().unwrap();
        }
        assert!(started.elapsed() < Duration::from_secs(60), "{log}");
        thread::sleep(Duration::from_millis(50));
    };
    assert_ne!(port, 0);
    let description = http_get(&format!("http://127.0.0.1:{port}/sparql"), "text/turtle");
    let resource = http_get(&format!("http://127.0.0.1:{port}/summit/6"), "text/turtle");
    assert!(
        description
            .body
            .contains(&format!("<http://127.0.0.1:{port}/sparql>")),
        "{}",
        description.body
    );
    assert_eq!(resource.status, 200, "{}", resource.body);
    assert!(!resource.body.contains("127.0.0.1:0/"), "{}", resource.body);
}

#[test]
fn the_new_limits_out_of_range_are_refused_naming_the_flag() {
    for (args, says) in [
        (
            &["--max-queries-per-client", "0"][..],
            "--max-queries-per-client 0: give a number from 1 to --max-concurrent-queries",
        ),
        (
            &[
                "--max-concurrent-queries",
                "2",
                "--max-queries-per-client",
                "3",
            ][..],
            "--max-queries-per-client 3: give a number from 1 to --max-concurrent-queries (2)",
        ),
        (
            &["--read-timeout", "0"][..],
            "--read-timeout 0: give a number of seconds from 1 to 300",
        ),
        (
            &["--max-connections", "0"][..],
            "--max-connections 0: give a number from 1 to 65536",
        ),
    ] {
        let output = crate::common::cica_kg()
            .args(["serve", "--bind", "127.0.0.1:0"])
            .args(args)
            .timeout(Duration::from_secs(30))
            .output()
            .unwrap();
        assert!(!output.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
}

#[test]
fn clients_that_read_none_of_their_answers_are_disconnected() {
    // Two connections at most, both taken by clients that ask for the whole store (427 KB of
    // N-Quads) fifty times over, pipelined, and read nothing: once the socket buffers are
    // full, the server's writes wait. Past --read-timeout without a byte taken, the server
    // closes them, and a third client is answered.
    let server = CicaServer::start(&["--max-connections", "2", "--read-timeout", "1"]);
    let request = "GET /store HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/n-quads\r\n\r\n";
    let hogs: Vec<TcpStream> = ["127.0.0.2", "127.0.0.3"]
        .iter()
        .map(|source| {
            let mut stream = connect_from(source, server.port);
            stream.write_all(request.repeat(50).as_bytes()).unwrap();
            stream
        })
        .collect();
    // The server fills both sockets' buffers (a few MB each on loopback) before it waits.
    thread::sleep(Duration::from_secs(2));
    let sent = Instant::now();
    let port = server.port;
    let answer = thread::spawn(move || ask_from("127.0.0.4", port, "ASK {}"));
    while !answer.is_finished() && sent.elapsed() < Duration::from_secs(10) {
        thread::sleep(Duration::from_millis(20));
    }
    assert!(
        answer.is_finished(),
        "ASK {{}} is not answered within 10 s while two clients read none of their answers"
    );
    let answer = answer.join().unwrap();
    assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
    assert!(
        server
            .log()
            .contains("took nothing of its answer for 1 s (--read-timeout)"),
        "{}",
        server.log()
    );
    drop(hogs);
}
