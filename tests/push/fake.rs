//! Small misbehaving stores for the failure tests: a `TcpListener` on 127.0.0.1 that reads
//! each request and answers as its script says (a status, a count, or dropping the connection
//! in the middle of the upload), recording what it received. It serves until the test ends.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

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
}

impl Fake {
    /// Starts serving `script` on a free port.
    pub fn start(script: Vec<Act>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let received = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&received);
        std::thread::spawn(move || {
            for (n, stream) in listener.incoming().enumerate() {
                let Ok(stream) = stream else { continue };
                let act = script[n.min(script.len() - 1)];
                let _ = serve(stream, act, &log);
            }
        });
        Self { base, received }
    }

    /// What it received so far.
    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

fn serve(stream: TcpStream, act: Act, log: &Mutex<Vec<Received>>) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
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
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut request = Received {
        method,
        target,
        headers,
        body: Vec::new(),
    };
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
    let challenge = if let Act::Digest = act {
        "www-authenticate: Digest realm=\"SPARQL\", nonce=\"n\", qop=\"auth\"\r\n"
    } else {
        ""
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
        Act::DropMidUpload => unreachable!(),
    };
    write!(
        stream,
        "HTTP/1.1 {status} Fake\r\n{challenge}content-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )?;
    stream.flush()
}
