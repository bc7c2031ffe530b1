//! Small misbehaving stores for the failure tests: a `TcpListener` on 127.0.0.1 that reads
//! each request and answers as its script says (a status, a count, or dropping the connection
//! in the middle of the upload, a huge body, an answer dripped or trickled a byte at a time),
//! recording what it received and when. It serves until the test ends.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the store does with one request.
#[derive(Debug, Clone, Copy)]
pub enum Act {
    /// Answers this status with a short text body.
    Status(u16),
    /// Reads the head and a few bytes of the body, then closes the connection.
    DropMidUpload,
    /// Accepts uploads (204) and answers every query with this count.
    Count(u64),
    /// Answers 401 and asks for HTTP digest authentication, as Virtuoso's
    /// /sparql-graph-crud-auth does.
    Digest,
    /// Answers 200 with a body of this many bytes, streamed in chunks (no length to look at
    /// beforehand), counting what the client took.
    Huge(u64),
    /// Answers 200 one byte every 2 s, at most 40 bytes (the status line, a header...).
    Drip,
    /// Answers 200 and a header that never ends, one byte every 100 ms for 30 s: each read
    /// is quick, the answer's head never complete.
    TrickleHead,
    /// Answers this redirect status to `Location: /elsewhere`.
    Redirect(u16),
    /// Answers 400 with a body full of terminal escape sequences, 10 KiB long.
    Escapes,
}

/// One request as received.
#[derive(Debug, Clone)]
pub struct Received {
    /// `PUT`, `POST`...
    pub method: String,
    /// The request target (path and query).
    pub target: String,
    /// The header lines, names in lower case.
    pub headers: Vec<(String, String)>,
    /// The body (as much as was read).
    pub body: Vec<u8>,
    /// When its head was read.
    pub at: Instant,
}

impl Received {
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A scripted store: request n gets `script[n]`, the last act repeats.
pub struct Fake {
    /// Its address, `http://127.0.0.1:PORT`.
    pub base: String,
    received: Arc<Mutex<Vec<Received>>>,
    written: Arc<AtomicU64>,
}

impl Fake {
    /// Starts serving `script` on a free port.
    pub fn start(script: Vec<Act>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let received = Arc::new(Mutex::new(Vec::new()));
        let written = Arc::new(AtomicU64::new(0));
        let (log, count) = (Arc::clone(&received), Arc::clone(&written));
        std::thread::spawn(move || {
            for (n, stream) in listener.incoming().enumerate() {
                let Ok(stream) = stream else { continue };
                let act = script[n.min(script.len() - 1)];
                let _ = serve(stream, act, &log, &count);
            }
        });
        Self {
            base,
            received,
            written,
        }
    }

    /// How many bytes of huge bodies the clients took (written into the socket).
    pub fn written(&self) -> u64 {
        self.written.load(Ordering::SeqCst)
    }

    /// What it received so far.
    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

/// Reads a request's line and headers (the body is left to read).
pub fn read_head(reader: &mut impl BufRead) -> std::io::Result<Received> {
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("").to_owned();
    let target = parts.next().unwrap_or("").to_owned();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line)?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
    }
    Ok(Received {
        method,
        target,
        headers,
        body: Vec::new(),
        at: Instant::now(),
    })
}

fn serve(
    stream: TcpStream,
    act: Act,
    log: &Mutex<Vec<Received>>,
    written: &AtomicU64,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = read_head(&mut reader)?;
    let length: usize = request
        .header("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut stream = stream;
    if let Act::DropMidUpload = act {
        let mut some = vec![0; length.min(100)];
        reader.read_exact(&mut some)?;
        request.body = some;
        log.lock().unwrap().push(request);
        stream.shutdown(Shutdown::Both)?;
        return Ok(());
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    request.body = body;
    let form = request
        .header("content-type")
        .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
    log.lock().unwrap().push(request);
    match act {
        Act::Huge(size) => return huge(stream, size, written),
        Act::Drip => return drip(stream),
        Act::TrickleHead => return trickle_head(stream),
        _ => {}
    }
    let extra = match act {
        Act::Digest => "www-authenticate: Digest realm=\"SPARQL\", nonce=\"n\", qop=\"auth\"\r\n",
        Act::Redirect(_) => "location: /elsewhere\r\n",
        _ => "",
    };
    let (status, content_type, body) = match act {
        Act::Status(status) => (status, "text/plain", format!("fake store: status {status}")),
        Act::Digest => (401, "text/plain", String::new()),
        Act::Count(count) if form => (
            200,
            "application/sparql-results+json",
            format!(
                r#"{{"head":{{"vars":["count"]}},"results":{{"bindings":[{{"count":{{"type":"literal","datatype":"http://www.w3.org/2001/XMLSchema#integer","value":"{count}"}}}}]}}}}"#
            ),
        ),
        Act::Count(_) => (204, "text/plain", String::new()),
        Act::Redirect(status) => (status, "text/plain", "moved".to_owned()),
        Act::Escapes => (
            400,
            "text/plain",
            format!(
                "bad \u{1b}[2J\u{1b}]0;owned\u{7}request\r\u{8}{}",
                "x".repeat(10 << 10)
            ),
        ),
        Act::DropMidUpload | Act::Huge(_) | Act::Drip | Act::TrickleHead => unreachable!(),
    };
    write!(
        stream,
        "HTTP/1.1 {status} Fake\r\n{extra}content-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )?;
    stream.flush()
}

/// 200 and `size` bytes of `a` in chunks of 64 KiB, until the client stops reading.
fn huge(mut stream: TcpStream, size: u64, written: &AtomicU64) -> std::io::Result<()> {
    stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n")?;
    let mut block = b"10000\r\n".to_vec();
    block.extend(std::iter::repeat_n(b'a', 64 << 10));
    block.extend(b"\r\n");
    let mut sent = 0;
    while sent < size {
        stream.write_all(&block)?;
        sent += block.len() as u64;
        written.fetch_add(block.len() as u64, Ordering::SeqCst);
    }
    stream.write_all(b"0\r\n\r\n")
}

/// A byte every 2 s, 40 at most: the client never gets a whole answer in time.
fn drip(mut stream: TcpStream) -> std::io::Result<()> {
    for byte in b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\n"
        .iter()
        .take(40)
    {
        stream.write_all(&[*byte])?;
        stream.flush()?;
        std::thread::sleep(Duration::from_secs(2));
    }
    Ok(())
}

/// The head of a 200 whose last header never ends, a byte every 100 ms for 30 s, until the
/// client goes away.
fn trickle_head(mut stream: TcpStream) -> std::io::Result<()> {
    let head = b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nx-slow: ";
    for byte in head.iter().chain(std::iter::repeat(&b'a')).take(300) {
        stream.write_all(&[*byte])?;
        stream.flush()?;
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(())
}
