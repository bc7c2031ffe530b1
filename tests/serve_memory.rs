//! `cica-kg serve` under memory attacks (issue 17): runaway sorts past the memory cap, and many
//! distinct large queries. The memory of the server and its workers is their VmRSS in
//! /proc/PID/status, sampled while the attack runs; a sampler also kills them all if they
//! pass a safety bound, so that a failing run cannot take the machine's memory.

use crate::common::{http, http_get, CicaServer};
use crate::serve::children;
use crate::serve_attacks::ask_from;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

/// A cross product of the graph with itself three times, sorted: Oxigraph collects every
/// solution before it sorts, and checks cancellation only as it reads the store.
const RUNAWAY: &str = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c LIMIT 1";

/// Past this, the sampler kills the server and its workers (the test fails).
const SAFETY: u64 = 3 << 30;

/// The resident memory of a process, in bytes; 0 once it is gone.
fn rss(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|kb| kb.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// The soft limit on a process's data (RLIMIT_DATA), from /proc/PID/limits; `u64::MAX` when
/// unlimited.
fn data_limit(pid: u32) -> u64 {
    let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).unwrap();
    let line = limits
        .lines()
        .find(|line| line.starts_with("Max data size"))
        .unwrap();
    let soft = line.split_whitespace().nth(3).unwrap();
    soft.parse().unwrap_or(u64::MAX)
}

/// The resident memory of the server and its workers together.
fn total_rss(server: u32) -> u64 {
    rss(server) + children(server).into_iter().map(rss).sum::<u64>()
}

/// Samples the memory of a server and its workers every 10 ms until dropped.
struct Sampler {
    peak: Arc<AtomicU64>,
    done: Arc<AtomicBool>,
    thread: Option<thread::JoinHandle<()>>,
}

impl Sampler {
    fn start(server: u32) -> Self {
        let peak = Arc::new(AtomicU64::new(0));
        let done = Arc::new(AtomicBool::new(false));
        let (seen, finished) = (Arc::clone(&peak), Arc::clone(&done));
        let thread = thread::spawn(move || {
            while !finished.load(Ordering::SeqCst) {
                let total = total_rss(server);
                seen.fetch_max(total, Ordering::SeqCst);
                if total > SAFETY {
                    for pid in children(server).into_iter().chain([server]) {
                        let _ = std::process::Command::new("kill")
                            .args(["-KILL", &pid.to_string()])
                            .status();
                    }
                    return;
                }
                thread::sleep(Duration::from_millis(10));
            }
        });
        Self {
            peak,
            done,
            thread: Some(thread),
        }
    }

    /// The highest total seen so far, in MiB.
    fn peak_mib(&self) -> u64 {
        self.peak.load(Ordering::SeqCst) >> 20
    }
}

impl Drop for Sampler {
    fn drop(&mut self) {
        self.done.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn post_query(server: &CicaServer, query: &str) -> crate::common::HttpAnswer {
    http(
        "POST",
        &server.url("/sparql"),
        &[
            ("content-type", "application/sparql-query"),
            ("accept", "application/sparql-results+json"),
        ],
        query.as_bytes().to_vec(),
    )
}

#[test]
fn two_runaway_sorts_are_stopped_at_the_memory_cap() {
    // The time limit is far: the memory cap must be what stops them.
    let server = CicaServer::start(&[
        "--max-query-memory",
        "200MiB",
        "--max-concurrent-queries",
        "2",
        "--timeout",
        "120",
    ]);
    // One worker at start (the second starts when a query finds it busy); once it answered,
    // it has loaded its graph and set its limit.
    let workers = children(server.pid());
    assert_eq!(workers.len(), 1, "one worker at start: {workers:?}");
    let ok = http_get(&server.url("/sparql?query=ASK%20%7B%7D"), "*/*");
    assert_eq!(ok.status, 200, "{}", ok.body);
    // The kernel's backstop: twice the cap plus 64 MiB above the worker's data with its graph.
    for worker in &workers {
        let limit = data_limit(*worker);
        assert!(
            (464 << 20..(464 + 200) << 20).contains(&limit),
            "worker {worker}: RLIMIT_DATA {limit}"
        );
    }
    let sampler = Sampler::start(server.pid());
    let sent = Instant::now();
    let answers: Vec<_> = (0..2)
        .map(|_| {
            let url = server.url("/sparql");
            thread::spawn(move || {
                http(
                    "POST",
                    &url,
                    &[("content-type", "application/sparql-query")],
                    RUNAWAY.as_bytes().to_vec(),
                )
            })
        })
        .collect();
    for answer in answers {
        let answer = answer.join().unwrap();
        assert_eq!(answer.status, 503, "{}\n{}", answer.body, server.log());
        assert!(
            answer
                .body
                .contains("the query used more than 200 MiB of memory")
                && answer.body.contains("--max-query-memory"),
            "{}",
            answer.body
        );
    }
    assert!(
        sent.elapsed() < Duration::from_secs(60),
        "the answers took {:?}",
        sent.elapsed()
    );
    // Each worker past the cap (the first, and the one started for the second runaway) is
    // stopped and replaced.
    let log = server.log();
    for worker in &workers {
        assert!(
            log.contains(&format!("query worker {worker} passed the memory cap")),
            "worker {worker} was not replaced:\n{log}"
        );
    }
    assert_eq!(log.matches("passed the memory cap").count(), 2, "{log}");
    let ok = http_get(&server.url("/sparql?query=ASK%20%7B%7D"), "*/*");
    assert_eq!(ok.status, 200, "{}", ok.body);
    let peak = sampler.peak_mib();
    drop(sampler);
    eprintln!(
        "two runaway sorts: answered in {:?}, peak {peak} MiB",
        sent.elapsed()
    );
    // Each worker stops by an eighth past its cap (225 MiB) above its graph (about 25 MiB).
    assert!(
        peak < 1024,
        "the server and its workers reached {peak} MiB (cap 200 MiB each)"
    );
}

/// `ASK { VALUES ?x { 1 1 1 … N } }`, about `size` bytes: its parse is about a hundred times
/// larger.
fn values_query(size: usize, n: usize) -> String {
    format!("ASK {{ VALUES ?x {{ {}{n} }} }}", "1 ".repeat(size / 2))
}

#[test]
fn distinct_large_queries_do_not_grow_the_server_or_its_worker() {
    let server = CicaServer::start(&["--max-concurrent-queries", "1", "--timeout", "120"]);
    let worker = children(server.pid())[0];
    // A first query, so that what every query needs once is counted from the start.
    assert_eq!(post_query(&server, &values_query(128 << 10, 0)).status, 200);
    let (server_before, worker_before) = (rss(server.pid()), rss(worker));
    let sampler = Sampler::start(server.pid());
    for n in 1..=24 {
        let answer = post_query(&server, &values_query(128 << 10, n));
        assert_eq!(answer.status, 200, "query {n}: {}", answer.body);
    }
    let grown = |after: u64, before: u64| after.saturating_sub(before) >> 20;
    let (server_grown, worker_grown) = (
        grown(rss(server.pid()), server_before),
        grown(rss(worker), worker_before),
    );
    let peak = sampler.peak_mib();
    drop(sampler);
    eprintln!("24 distinct queries: worker +{worker_grown} MiB, server +{server_grown} MiB, peak {peak} MiB");
    assert_eq!(children(server.pid()), [worker], "the same worker answered");
    // Each parse is about 12 MiB: kept, the 24 of them would add about 290 MiB.
    assert!(
        worker_grown < 100,
        "the worker grew by {worker_grown} MiB over 24 distinct 128 KiB queries"
    );
    assert!(
        server_grown < 100,
        "the server grew by {server_grown} MiB over 24 distinct 128 KiB queries"
    );
    assert!(peak < 1024, "the server and its worker reached {peak} MiB");
}

/// A query that keeps its worker busy for a second or more (a cross product of the graph with
/// itself, each pair's objects compared as text) while using little memory.
const SLOW: &str = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f FILTER(STR(?c) != STR(?f)) }";

#[test]
fn a_memory_budget_for_one_worker_keeps_one_and_every_query_is_answered() {
    // 16 MiB is less than the server alone: no second worker fits, and one always runs.
    let server = CicaServer::start(&[
        "--max-memory",
        "16MiB",
        "--max-concurrent-queries",
        "3",
        "--timeout",
        "60",
    ]);
    let ok = http_get(&server.url("/sparql?query=ASK%20%7B%7D"), "*/*");
    assert_eq!(ok.status, 200, "{}", ok.body);
    let pid = server.pid();
    let done = Arc::new(AtomicBool::new(false));
    let most = Arc::new(AtomicU64::new(0));
    let counter = {
        let (done, most) = (Arc::clone(&done), Arc::clone(&most));
        thread::spawn(move || {
            while !done.load(Ordering::SeqCst) {
                most.fetch_max(children(pid).len() as u64, Ordering::SeqCst);
                thread::sleep(Duration::from_millis(20));
            }
        })
    };
    let port = server.port;
    let queries: Vec<_> = ["127.0.0.2", "127.0.0.3"]
        .into_iter()
        .map(|source| thread::spawn(move || ask_from(source, port, SLOW)))
        .collect();
    let answers: Vec<String> = queries.into_iter().map(|q| q.join().unwrap()).collect();
    done.store(true, Ordering::SeqCst);
    counter.join().unwrap();
    let log = server.log();
    for answer in &answers {
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}\n{log}");
        assert!(answer.contains("\"n\""), "{answer}");
    }
    let count = |answer: &str| answer.rsplit("\"value\":").next().map(str::to_owned);
    assert_eq!(count(&answers[0]), count(&answers[1]), "the same count");
    assert_eq!(
        most.load(Ordering::SeqCst),
        1,
        "worker processes at most\n{log}"
    );
    assert_eq!(children(pid).len(), 1);
    assert_eq!(
        log.matches("past the memory budget of 16MiB (--max-memory)")
            .count(),
        1,
        "told once:\n{log}"
    );
}
