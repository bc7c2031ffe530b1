//! The two real triple stores the push tests talk to, each started once per test binary on
//! free ports of 127.0.0.1 and stopped when the binary exits: the Oxigraph server (PyPI
//! `oxigraph`, in ./.venv) and Virtuoso Open Source 7 (Debian `virtuoso-opensource`, installed
//! by scripts/test.sh without starting its daemon).
//!
//! A store runs under a small shell that waits on its standard input: when the test binary
//! exits, for any reason, the pipe closes, and the shell stops the store and removes its
//! folder. Tests share a store, so each pushes under its own `--base`, hence its own graphs.

use crate::common::{checked, peer, temp_dir};
use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// A port that was free a moment ago, on the loopback interface.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("the loopback interface has a free port")
        .port()
}

/// A store running under its guard shell.
pub struct Store {
    /// Its HTTP port.
    pub port: u16,
    _guard: Mutex<(Child, ChildStdin)>,
}

impl Store {
    /// `http://127.0.0.1:PORT` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

/// Runs `program args` in the background under a shell that, once its standard input closes,
/// kills it and removes `dir`; waits until `port` accepts connections.
fn guarded(program: &Path, args: &[String], dir: PathBuf, port: u16, log: &Path) -> Store {
    let script = r#"dir="$1"; log="$2"; shift 2
"$@" >"$log" 2>&1 &
pid=$!
read line
kill "$pid" 2>/dev/null; sleep 1; kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
rm -rf "$dir""#;
    let mut child = Command::new("sh")
        .args(["-c", script, "guard"])
        .arg(&dir)
        .arg(log)
        .arg(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("sh runs");
    let stdin = child.stdin.take().expect("a piped standard input");
    let deadline = Instant::now() + Duration::from_secs(60);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Some(status) = child.try_wait().unwrap() {
            panic!(
                "{} stopped ({status}): {}",
                program.display(),
                std::fs::read_to_string(log).unwrap_or_default()
            );
        }
        assert!(
            Instant::now() < deadline,
            "{} does not listen on 127.0.0.1:{port} after 60 s: {}",
            program.display(),
            std::fs::read_to_string(log).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    Store {
        port,
        _guard: Mutex::new((child, stdin)),
    }
}

/// The Oxigraph server, read-write: `/store` (Graph Store Protocol), `/update`, `/query`.
pub fn oxigraph() -> &'static Store {
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE.get_or_init(|| {
        let oxigraph = peer("CICA_KG_OXIGRAPH", "oxigraph");
        let dir = temp_dir().keep();
        let port = free_port();
        let args = [
            "serve".to_owned(),
            "--location".to_owned(),
            dir.join("store").display().to_string(),
            "--bind".to_owned(),
            format!("127.0.0.1:{port}"),
        ];
        let log = dir.join("server.log");
        guarded(&oxigraph, &args, dir, port, &log)
    })
}

/// Virtuoso's server, `virtuoso-t`: `CICA_KG_VIRTUOSO` or /usr/bin/virtuoso-t.
fn virtuoso_program(name: &str, variable: &str) -> PathBuf {
    let path = std::env::var_os(variable)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new("/usr/bin").join(name));
    assert!(
        path.exists(),
        "{} is missing: run ./scripts/test.sh, which installs Debian's virtuoso-opensource (or set {variable})",
        path.display()
    );
    path
}

/// Virtuoso Open Source, its SQL and HTTP ports on 127.0.0.1 only, with the SPARQL user
/// allowed to update: `/sparql-graph-crud` (Graph Store Protocol) and `/sparql` (query and
/// update).
pub fn virtuoso() -> &'static Store {
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE.get_or_init(|| {
        let server = virtuoso_program("virtuoso-t", "CICA_KG_VIRTUOSO");
        let isql = virtuoso_program("isql-vt", "CICA_KG_VIRTUOSO_ISQL");
        let dir = temp_dir().keep();
        let (sql_port, http_port) = (free_port(), free_port());
        let ini = dir.join("virtuoso.ini");
        std::fs::File::create(&ini)
            .and_then(|mut f| f.write_all(virtuoso_ini(&dir, sql_port, http_port).as_bytes()))
            .expect("the Virtuoso configuration can be written");
        let args = [
            "+foreground".to_owned(),
            "+configfile".to_owned(),
            ini.display().to_string(),
        ];
        let log = dir.join("console.log");
        let store = guarded(&server, &args, dir, http_port, &log);
        // The HTTP port opens after the SQL port; grant the SPARQL user the right to update.
        let output = Command::new(isql)
            .arg(format!("127.0.0.1:{sql_port}"))
            .args(["dba", "dba", "exec=grant SPARQL_UPDATE to \"SPARQL\";"])
            .output()
            .expect("isql-vt runs");
        checked(output, "isql-vt grant SPARQL_UPDATE");
        store
    })
}

/// A minimal Virtuoso configuration: every file in `dir`, both ports on 127.0.0.1, and the
/// `[SPARQL]` limits of Debian's default `virtuoso.ini`, not raised: with
/// `MaxQueryCostEstimationTime` set, Virtuoso 7.2 refuses an `INSERT DATA` of 1,439 triples
/// ("SP031 ... exceeded 10000 lines of code"), which `push` must cope with.
fn virtuoso_ini(dir: &Path, sql_port: u16, http_port: u16) -> String {
    let d = dir.display();
    format!(
        "[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DisableTcpSocket = 0
CheckpointInterval = 0
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {d}
ServerThreads = 4
MaxClientConnections = 4
EnabledGzipContent = 0

[SPARQL]
ResultSetMaxRows = 10000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 60
"
    )
}
