//! Helpers shared by the integration tests: the binary, temporary folders, the Python peers,
//! the OWL API, and readable diffs.

#![allow(dead_code)]

pub mod owlapi;
pub mod oxigraph;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The `cica-kg` binary built by cargo, run from a temporary folder so that it cannot lean on
/// the repository's files.
pub fn cica_kg() -> Command {
    let mut command = Command::cargo_bin("cica-kg").expect("cargo builds the binary");
    command.current_dir(std::env::temp_dir());
    command
}

/// Runs `cica-kg ARGS`, asserts success, and returns standard output.
pub fn run_ok(args: &[&str]) -> String {
    let output = cica_kg().args(args).output().expect("cica-kg runs");
    assert!(
        output.status.success(),
        "cica-kg {} failed with {}:\n{}",
        args.join(" "),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("cica-kg writes UTF-8")
}

/// A fresh temporary folder, removed when dropped.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder can be made")
}

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the shipped `data/` folder in a temporary folder, to edit for a test.
pub fn data_copy() -> tempfile::TempDir {
    let dir = temp_dir();
    for entry in std::fs::read_dir(repo().join("data")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    dir
}

/// A copy of the shipped data in which the sixth summit's label is a `<script>` element, for
/// the tests that check that text from the data is escaped wherever it is shown.
pub fn data_with_a_script_label() -> tempfile::TempDir {
    let data = data_copy();
    let entities = data.path().join("entities.toml");
    let text = std::fs::read_to_string(&entities).unwrap();
    assert!(text.contains("label = \"sixth CICA summit\""));
    let edited = text.replace(
        "label = \"sixth CICA summit\"",
        "label = \"<script>alert(1)</script>\"",
    );
    std::fs::write(&entities, edited).unwrap();
    data
}

/// A program installed by scripts/test.sh into ./.venv, named by an environment variable
/// (`CICA_KG_PYTHON`, `CICA_KG_OXIGRAPH`) or found in ./.venv/bin. The interop tests need it:
/// without it they fail and say how to install it, rather than pass without checking.
pub fn peer(variable: &str, venv_name: &str) -> PathBuf {
    if let Some(path) = std::env::var_os(variable) {
        return PathBuf::from(path);
    }
    let path = repo().join(".venv/bin").join(venv_name);
    assert!(
        path.exists(),
        "{} is missing: run ./scripts/test.sh, which installs the test peers into .venv (or set {variable})",
        path.display()
    );
    path
}

/// The Python of ./.venv, with RDFLib and pySHACL.
pub fn python() -> PathBuf {
    peer("CICA_KG_PYTHON", "python")
}

/// Asserts two texts are equal, showing the differing lines when they are not.
pub fn assert_same_text(actual: &str, expected: &str, what: &str) {
    if actual == expected {
        return;
    }
    let mut report = String::new();
    let (a, e): (Vec<_>, Vec<_>) = (actual.lines().collect(), expected.lines().collect());
    for i in 0..a.len().max(e.len()) {
        let (al, el) = (a.get(i), e.get(i));
        if al != el {
            report.push_str(&format!(
                "line {}:\n  expected: {}\n  actual:   {}\n",
                i + 1,
                el.unwrap_or(&"<none>"),
                al.unwrap_or(&"<none>")
            ));
        }
    }
    panic!("{what} differs from what was expected:\n{report}");
}

/// Reads a file to a string.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Asserts that a finished command succeeded, showing `what` and its standard error if not,
/// and hands its output back.
pub fn checked(output: std::process::Output, what: impl std::fmt::Display) -> std::process::Output {
    assert!(
        output.status.success(),
        "{what} failed with {}:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// A port that was free a moment ago, on the loopback interface.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("the loopback interface has a free port")
        .port()
}

/// A `cica-kg serve` on a free loopback port, its standard error in a log file; stopped with
/// SIGTERM when dropped.
pub struct CicaServer {
    child: std::process::Child,
    /// Its port on 127.0.0.1.
    pub port: u16,
    dir: tempfile::TempDir,
}

impl CicaServer {
    /// Starts `cica-kg serve --bind 127.0.0.1:PORT ARGS` and waits until it accepts
    /// connections (its workers are ready by then).
    pub fn start(args: &[&str]) -> Self {
        let dir = temp_dir();
        let port = free_port();
        let log = std::fs::File::create(dir.path().join("server.log")).unwrap();
        let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("cica-kg"))
            .current_dir(dir.path())
            .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
            .args(args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(log)
            .spawn()
            .expect("cica-kg serve starts");
        let mut server = Self { child, port, dir };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Some(status) = server.child.try_wait().unwrap() {
                panic!("cica-kg serve stopped ({status}):\n{}", server.log());
            }
            assert!(
                std::time::Instant::now() < deadline,
                "cica-kg serve does not listen on 127.0.0.1:{port} after 60 s:\n{}",
                server.log()
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        server
    }

    /// `http://127.0.0.1:PORT` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Its process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// What it wrote on standard error so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default()
    }

    /// Sends SIGTERM and waits (up to 30 s) for it to exit.
    pub fn stop(&mut self) -> Option<std::process::ExitStatus> {
        if let Ok(Some(status)) = self.child.try_wait() {
            return Some(status);
        }
        let _ = std::process::Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while std::time::Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        None
    }
}

impl Drop for CicaServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The server that most tests share (default limits, but a 5 s timeout): started by the first
/// test that asks for it, stopped when no running test holds it any more.
pub fn shared_server() -> std::sync::Arc<CicaServer> {
    static SHARED: std::sync::Mutex<std::sync::Weak<CicaServer>> =
        std::sync::Mutex::new(std::sync::Weak::new());
    let mut shared = SHARED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(server) = shared.upgrade() {
        return server;
    }
    let server = std::sync::Arc::new(CicaServer::start(&["--timeout", "5"]));
    *shared = std::sync::Arc::downgrade(&server);
    server
}

/// An HTTP response: status, headers and body as text.
pub struct HttpAnswer {
    /// The status code.
    pub status: u16,
    /// The headers.
    pub headers: oxhttp::model::HeaderMap,
    /// The body.
    pub body: String,
}

impl HttpAnswer {
    /// A header's value, or "".
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

/// Sends a request with oxhttp's client (the one Oxigraph uses).
pub fn http(method: &str, url: &str, headers: &[(&str, &str)], body: Vec<u8>) -> HttpAnswer {
    let mut request = oxhttp::model::Request::builder().method(method).uri(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request.body(oxhttp::model::Body::from(body)).unwrap();
    let response = oxhttp::Client::new()
        .with_global_timeout(std::time::Duration::from_secs(60))
        .request(request)
        .unwrap_or_else(|e| panic!("{method} {url}: {e}"));
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.into_body().to_string().unwrap_or_default();
    HttpAnswer {
        status,
        headers,
        body,
    }
}

/// GET `url` with this Accept header.
pub fn http_get(url: &str, accept: &str) -> HttpAnswer {
    http("GET", url, &[("accept", accept)], Vec::new())
}
