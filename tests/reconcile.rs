//! The editor's linking workflow: `link --suggest` asks a reconciliation service that answers
//! as the W3C Reconciliation API says (a small server on 127.0.0.1 run by the test, including
//! a slow one and one that answers nonsense), and `link --accept` writes a QID into the facts.

use crate::common::{checked, cica_kg, data_copy, read};
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// How a test server answers.
#[derive(Clone)]
enum Behaviour {
    /// As the specification says: the manifest on a GET (Wikidata's identifier space and this
    /// batch size, if any), and on a POST one candidate per query, its id Q<number of the
    /// query in the batch + 1>.
    Answer { batch_size: Option<usize> },
    /// A manifest whose identifiers are not Wikidata's.
    OtherIdentifiers,
    /// Never in time.
    Slow,
    /// Not JSON.
    Nonsense,
}

/// A reconciliation server on 127.0.0.1 that answers every request until it is dropped, and
/// records the requests (method) and the batches of queries it received.
struct Server {
    url: String,
    requests: Arc<Mutex<Vec<String>>>,
    batches: Arc<Mutex<Vec<BTreeMap<String, serde_json::Value>>>>,
    stop: Arc<AtomicBool>,
    address: std::net::SocketAddr,
}

impl Server {
    fn start(behaviour: Behaviour) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        let url = format!("http://{address}/en/api");
        let requests = Arc::new(Mutex::new(Vec::new()));
        let batches = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (seen_requests, seen_batches, stopped) =
            (requests.clone(), batches.clone(), stop.clone());
        thread::spawn(move || {
            for stream in listener.incoming() {
                if stopped.load(Ordering::SeqCst) {
                    return;
                }
                let Ok(stream) = stream else { continue };
                let (requests, batches, behaviour) = (
                    seen_requests.clone(),
                    seen_batches.clone(),
                    behaviour.clone(),
                );
                thread::spawn(move || answer(stream, &behaviour, &requests, &batches));
            }
        });
        Self {
            url,
            requests,
            batches,
            stop,
            address,
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accepting thread, which then sees the flag and ends.
        let _ = std::net::TcpStream::connect(self.address);
    }
}

/// Reads one request and answers it as `behaviour` says.
fn answer(
    stream: std::net::TcpStream,
    behaviour: &Behaviour,
    requests: &Mutex<Vec<String>>,
    batches: &Mutex<Vec<BTreeMap<String, serde_json::Value>>>,
) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() || request_line.is_empty() {
        return;
    }
    let method = request_line
        .split(' ')
        .next()
        .unwrap_or_default()
        .to_owned();
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = v.trim().parse().unwrap();
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    requests.lock().unwrap().push(method.clone());
    let answer = match (behaviour, method.as_str()) {
        (Behaviour::Slow, _) => {
            thread::sleep(Duration::from_secs(5));
            return;
        }
        (Behaviour::Nonsense, _) => "<html>not today</html>".to_owned(),
        (Behaviour::OtherIdentifiers, _) => serde_json::json!({
            "versions": ["0.2"], "name": "another database",
            "identifierSpace": "http://example.org/entity/",
            "schemaSpace": "http://example.org/prop/"
        })
        .to_string(),
        (Behaviour::Answer { batch_size }, "GET") => {
            let mut manifest = serde_json::json!({
                "versions": ["0.2"], "name": "a stand-in Wikidata service",
                "identifierSpace": "http://www.wikidata.org/entity/",
                "schemaSpace": "http://www.wikidata.org/prop/direct/"
            });
            if let Some(n) = batch_size {
                manifest["batchSize"] = serde_json::json!(n);
            }
            manifest.to_string()
        }
        (Behaviour::Answer { .. }, _) => {
            let form = String::from_utf8(body).unwrap();
            let json = decode(form.strip_prefix("queries=").expect("a queries= form"));
            let batch: BTreeMap<String, serde_json::Value> = serde_json::from_str(&json).unwrap();
            batches.lock().unwrap().push(batch.clone());
            let results: BTreeMap<&String, serde_json::Value> = batch
                .keys()
                .enumerate()
                .map(|(i, key)| {
                    (key, serde_json::json!({"result": [{"id": format!("Q{}", i + 1), "name": format!("candidate {}", i + 1), "score": 50.5, "match": false, "description": "a test candidate", "type": []}]}))
                })
                .collect();
            serde_json::to_string(&results).unwrap()
        }
    };
    let mut stream = stream;
    let _ = write!(
        stream,
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
        answer.len()
    );
}

/// Decodes `application/x-www-form-urlencoded`.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn suggest_asks_with_types_and_telling_properties_and_links_nothing() {
    let server = Server::start(Behaviour::Answer { batch_size: None });
    let output = cica_kg()
        .args(["link", "--suggest", "--reconcile-url", &server.url])
        .output()
        .unwrap();
    let stdout = String::from_utf8(checked(output, "link --suggest").stdout).unwrap();
    let queries: BTreeMap<String, serde_json::Value> = server
        .batches
        .lock()
        .unwrap()
        .iter()
        .flatten()
        .enumerate()
        .map(|(i, (_, q))| (format!("{i}"), q.clone()))
        .collect();
    let by_text = |text: &str| {
        queries
            .values()
            .find(|q| q["query"] == text)
            .unwrap_or_else(|| panic!("no query for {text}: {queries:?}"))
            .clone()
    };
    // The forum: its class maps to international organization (Q484652).
    let cica = by_text("Conference on Interaction and Confidence Building Measures in Asia");
    assert_eq!(cica["type"], "Q484652");
    // The first summit: no verified class, but its location, Almaty (Q35493), tells it apart.
    // (its search text, as `link --report` shows it)
    let summit = by_text("CICA summit 2002 Almaty");
    assert!(summit.get("type").is_none(), "{summit}");
    assert_eq!(
        summit["properties"],
        serde_json::json!([{"pid": "P276", "v": "Q35493"}])
    );
    // Every unlinked entity is asked about, none of the linked ones (Almaty, Q35493, is linked).
    assert!(queries.values().all(|q| q["query"] != "Almaty"));
    assert_eq!(queries.len(), 16, "{queries:?}");
    // The manifest first; without a batchSize in it, batches of 10.
    assert_eq!(*server.requests.lock().unwrap(), ["GET", "POST", "POST"]);
    // Candidates are printed with score, QID, label, description and page; nothing is linked.
    assert!(stdout.contains("organization/cica  (\"Conference on Interaction and Confidence Building Measures in Asia\", type Q484652)"), "{stdout}");
    assert!(stdout.contains(" 50.5  Q"), "{stdout}");
    assert!(
        stdout.contains("a test candidate  https://www.wikidata.org/wiki/Q"),
        "{stdout}"
    );
    assert!(stdout.contains("Nothing was linked."), "{stdout}");
}

#[test]
fn the_manifest_is_read_first_and_its_batch_size_kept() {
    let server = Server::start(Behaviour::Answer {
        batch_size: Some(5),
    });
    let output = cica_kg()
        .args(["link", "--suggest", "--reconcile-url", &server.url])
        .output()
        .unwrap();
    let stdout = String::from_utf8(checked(output, "link --suggest").stdout).unwrap();
    assert_eq!(
        *server.requests.lock().unwrap(),
        ["GET", "POST", "POST", "POST", "POST"]
    );
    let sizes: Vec<usize> = server
        .batches
        .lock()
        .unwrap()
        .iter()
        .map(BTreeMap::len)
        .collect();
    assert_eq!(sizes, [5, 5, 5, 1]);
    // Each entity gets its own batch's answer: the sixth entity is the first of the second
    // batch, so its candidate is Q1 again.
    let candidates: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("   50.5  "))
        .map(|l| l.split_whitespace().nth(1).unwrap())
        .collect();
    assert_eq!(
        candidates,
        [
            "Q1", "Q2", "Q3", "Q4", "Q5", "Q1", "Q2", "Q3", "Q4", "Q5", "Q1", "Q2", "Q3", "Q4",
            "Q5", "Q1"
        ]
    );
}

#[test]
fn a_service_that_is_not_wikidatas_is_refused_before_any_query() {
    let server = Server::start(Behaviour::OtherIdentifiers);
    cica_kg()
        .args(["link", "--suggest", "--reconcile-url", &server.url])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains(format!(
            "the reconciliation service at {} reconciles against http://example.org/entity/, not Wikidata (http://www.wikidata.org/entity/)",
            server.url
        )));
    assert_eq!(*server.requests.lock().unwrap(), ["GET"]);
}

#[test]
fn a_slow_service_times_out_with_a_clear_error() {
    let server = Server::start(Behaviour::Slow);
    let started = Instant::now();
    cica_kg()
        .args([
            "link",
            "--suggest",
            "--reconcile-timeout",
            "2",
            "--reconcile-url",
            &server.url,
        ])
        .assert()
        .code(2)
        .stderr(contains(format!(
            "the reconciliation service at {} cannot be reached: it did not answer within 2 s",
            server.url
        )))
        .stderr(contains("--reconcile-timeout"))
        .stderr(contains("os error").not());
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn nonsense_and_no_service_are_clear_errors() {
    let server = Server::start(Behaviour::Nonsense);
    cica_kg()
        .args(["link", "--suggest", "--reconcile-url", &server.url])
        .assert()
        .code(2)
        .stderr(contains("is not a reconciliation result"));
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/api", closed.local_addr().unwrap());
    drop(closed);
    cica_kg()
        .args(["link", "--suggest", "--reconcile-url", &url])
        .assert()
        .code(2)
        .stderr(contains(format!("the reconciliation service at {url}")));
}

#[test]
fn accept_writes_the_qid_and_keeps_the_file_as_it_was() {
    let data = data_copy();
    let file = data.path().join("entities.toml");
    let before = read(&file);
    let dir = data.path().to_str().unwrap();
    // Q4115189, the Wikidata Sandbox, stands in for the CICA's item in tests.
    checked(
        cica_kg()
            .args([
                "--data",
                dir,
                "link",
                "--accept",
                "organization/cica=Q4115189",
            ])
            .output()
            .unwrap(),
        "link --accept",
    );
    let after = read(&file);
    // The note that no QID is verified gives way to the QID; every comment and blank line
    // kept.
    assert_eq!(after.lines().count(), before.lines().count());
    assert!(after.contains(
        "label = \"Conference on Interaction and Confidence Building Measures in Asia\"\nother_names = [\"CICA\"]\nwikidata = \"Q4115189\"\n"
    ), "{after}");
    assert!(
        !after.contains("No Wikidata QID is verified for the CICA"),
        "{after}"
    );
    let report = String::from_utf8(
        checked(
            cica_kg()
                .args(["--data", dir, "link", "--report"])
                .output()
                .unwrap(),
            "report",
        )
        .stdout,
    )
    .unwrap();
    assert!(report.contains("Linked: 13 entities"), "{report}");
    // An item is one thing; a verified link is not overwritten; the shipped data is not edited.
    cica_kg()
        .args(["--data", dir, "link", "--accept", "summit/1=Q35493"])
        .assert()
        .code(2)
        .stderr(contains("Q35493 is already the item of place/almaty"));
    cica_kg()
        .args(["--data", dir, "link", "--accept", "organization/cica=Q1"])
        .assert()
        .code(2)
        .stderr(contains("organization/cica already has the QID Q4115189"));
    cica_kg()
        .args(["link", "--accept", "organization/cica=Q1"])
        .assert()
        .code(2)
        .stderr(contains("give the folder to edit with --data DIR"));
}

/// `link --accept` of the CICA's stand-in QID in `dir`, to which a test adds another.
fn accept_cica(dir: &str) -> assert_cmd::Command {
    let mut command = cica_kg();
    command.args([
        "--data",
        dir,
        "link",
        "--accept",
        "organization/cica=Q4115189",
    ]);
    command
}

#[test]
fn accept_says_the_note_is_gone_keeps_crlf_and_writes_all_or_nothing() {
    let data = data_copy();
    let file = data.path().join("entities.toml");
    let dir = data.path().to_str().unwrap();
    // The file with CRLF line endings, as an editor on Windows may save it.
    let lf = read(&file);
    assert!(!lf.contains('\r'));
    std::fs::write(&file, lf.replace('\n', "\r\n")).unwrap();
    let crlf = read(&file);
    // Two QIDs, the second for an entity that does not exist: nothing is written.
    accept_cica(dir)
        .args(["--accept", "summit/99=Q13406268"])
        .assert()
        .code(2)
        .stderr(contains("no [[entity]] with id 'summit/99'"));
    assert_eq!(read(&file), crlf, "the first QID was written");
    // Two QIDs for one item: nothing is written.
    accept_cica(dir)
        .args(["--accept", "organization/cica-secretariat=Q4115189"])
        .assert()
        .code(2)
        .stderr(contains(
            "Q4115189 is already the item of organization/cica",
        ));
    assert_eq!(read(&file), crlf, "the first QID was written");
    // Two good ones (stand-in QIDs): both written, the notes that no QID is verified removed
    // and named.
    let output = accept_cica(dir)
        .args(["--accept", "organization/cica-secretariat=Q13406268"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(checked(output, "link --accept").stderr).unwrap();
    assert!(stderr.contains("organization/cica: its note \"No Wikidata QID is verified for the CICA; it stays unlinked until one is.\" no longer holds and was removed"), "{stderr}");
    assert!(stderr.contains("organization/cica-secretariat: its note \"No Wikidata QID is verified for the secretariat.\" no longer holds and was removed"), "{stderr}");
    let after = read(&file);
    // Every line still ends in CRLF.
    assert_eq!(
        after.matches('\n').count(),
        after.matches("\r\n").count(),
        "{after:?}"
    );
    assert!(
        after.contains("other_names = [\"CICA\"]\r\nwikidata = \"Q4115189\"\r\n"),
        "{after:?}"
    );
    assert!(after.contains("wikidata = \"Q13406268\"\r\n"), "{after:?}");
    for note in ["for the CICA;", "for the secretariat."] {
        assert!(
            !after.contains(&format!("note = \"No Wikidata QID is verified {note}")),
            "{after:?}"
        );
    }
}
