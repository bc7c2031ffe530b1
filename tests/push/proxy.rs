//! A proxy in front of a real store that "kills" the store at the Nth request: it forwards
//! every request to the store with Oxigraph's HTTP client and relays the answer, except that it
//! closes the connection of request N without an answer, as a store that died would. The
//! requests after it are forwarded again (the store came back), so that a push can clean up.

use super::fake::read_head;
use std::io::{BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// A proxy on a free port of 127.0.0.1.
pub struct Proxy {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    seen: Arc<AtomicUsize>,
}

impl Proxy {
    /// Forwards to `upstream` (`http://127.0.0.1:PORT`), failing request `fail` (1-based).
    pub fn start(upstream: &str, fail: usize) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(AtomicUsize::new(0));
        let count = Arc::clone(&seen);
        let upstream = upstream.to_owned();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let n = count.fetch_add(1, Ordering::SeqCst) + 1;
                let _ = relay(stream, &upstream, n == fail);
            }
        });
        Self { base, seen }
    }

    /// How many requests came in.
    pub fn seen(&self) -> usize {
        self.seen.load(Ordering::SeqCst)
    }
}

fn relay(mut stream: TcpStream, upstream: &str, fail: bool) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let head = read_head(&mut reader)?;
    let length: usize = head
        .header("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    if fail {
        return stream.shutdown(Shutdown::Both);
    }
    let mut request = oxhttp::model::Request::builder()
        .method(head.method.as_str())
        .uri(format!("{upstream}{}", head.target));
    for name in ["content-type", "accept"] {
        if let Some(value) = head.header(name) {
            request = request.header(name, value);
        }
    }
    let response = oxhttp::Client::new()
        .request(request.body(body).unwrap())
        .map_err(std::io::Error::other)?;
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("text/plain")
        .to_owned();
    let mut answer = Vec::new();
    response.into_body().read_to_end(&mut answer)?;
    write!(
        stream,
        "HTTP/1.1 {status} Relayed\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        answer.len()
    )?;
    stream.write_all(&answer)?;
    stream.flush()
}
