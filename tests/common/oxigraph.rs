//! A real Oxigraph server (the PyPI `oxigraph` CLI in ./.venv) started by a test on
//! 127.0.0.1, loaded with fixture files, read-only, and killed when dropped.

use super::{checked, peer, temp_dir};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A port that was free a moment ago, on the loopback interface.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("the loopback interface has a free port")
        .port()
}

/// An Oxigraph server holding the files given, on 127.0.0.1; killed when dropped.
pub struct OxigraphServer {
    child: Child,
    /// Its port on 127.0.0.1.
    pub port: u16,
    _dir: tempfile::TempDir,
}

impl OxigraphServer {
    /// Loads the files into a new store and serves it read-only.
    pub fn start(files: &[&Path]) -> Self {
        let oxigraph = peer("CICA_KG_OXIGRAPH", "oxigraph");
        let dir = temp_dir();
        let location = dir.path().join("store");
        let mut load = Command::new(&oxigraph);
        load.arg("load").arg("--location").arg(&location);
        for file in files {
            load.arg("--file").arg(file);
        }
        let output = load.output().expect("the oxigraph CLI runs");
        checked(output, "oxigraph load");
        let log = dir.path().join("server.log");
        let port = free_port();
        let child = Command::new(&oxigraph)
            .arg("serve-read-only")
            .arg("--location")
            .arg(&location)
            .arg("--bind")
            .arg(format!("127.0.0.1:{port}"))
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .expect("the oxigraph server starts");
        let mut server = Self {
            child,
            port,
            _dir: dir,
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = server.child.try_wait().unwrap() {
                panic!(
                    "the oxigraph server stopped ({status}): {}",
                    std::fs::read_to_string(&log).unwrap_or_default()
                );
            }
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "the oxigraph server does not listen on 127.0.0.1:{port} after 30 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    /// The server's SPARQL query endpoint.
    pub fn query_url(&self) -> String {
        format!("http://127.0.0.1:{}/query", self.port)
    }
}

impl Drop for OxigraphServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
