//! Output files and standard output (`-o`, issue 8): a device, a FIFO or `/dev/stdout` is
//! written in place and never replaced; a symbolic link keeps pointing at the file it names,
//! which is replaced; a replaced file keeps its mode and owner; a write error exits 2 naming the
//! path; SIGINT, SIGTERM and SIGHUP remove the temporary file and exit 130, 143 and 129; the
//! temporary file of another run is never removed. (Standard output: see `streaming.rs`.)
//!
//! The signal tests run a query whose result never ends (a cross product of three triple
//! patterns over the whole graph), so they start cica-kg through `env --default-signal`: a
//! test run started as a background job would otherwise hand it SIGINT ignored.

use crate::common::{cica_kg, run_ok, temp_dir};
use predicates::str::contains;
use std::fs;
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// A query whose result never ends: 1,653³ rows.
pub(crate) const ENDLESS: &str = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";

/// What `cica-kg export` writes on standard output.
fn turtle() -> String {
    run_ok(&["export"])
}

/// The temporary files (`.cica-kg-*.tmp`) in `dir`.
pub(crate) fn temporary_files(dir: &Path) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with(".cica-kg-") && name.ends_with(".tmp")
        })
        .collect()
}

fn is_root() -> bool {
    fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"))
}

/// Runs `cmd ARGS` (mknod, mkfifo, sh) and asserts it succeeded.
fn system(cmd: &str, args: &[&str]) {
    let status = Command::new(cmd).args(args).status().unwrap();
    assert!(status.success(), "{cmd} {} failed", args.join(" "));
}

/// A running cica-kg with the default actions for SIGINT, SIGTERM and SIGHUP; killed (SIGKILL)
/// if the test ends before it does.
pub(crate) struct Running(pub(crate) Child);

impl Running {
    pub(crate) fn start(args: &[&str], dir: &Path, stdout: Stdio) -> Self {
        let child = Command::new("env")
            .arg("--default-signal=INT,TERM,HUP")
            .arg(env!("CARGO_BIN_EXE_cica-kg"))
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(stdout)
            .stderr(Stdio::piped())
            .spawn()
            .expect("cica-kg starts");
        Self(child)
    }

    pub(crate) fn signal(&self, name: &str) {
        let command = format!("kill -s {name} {}", self.0.id());
        system("sh", &["-c", &command]);
    }

    /// Waits at most a minute for the process to end.
    pub(crate) fn wait(&mut self) -> (ExitStatus, String) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(status) = self.0.try_wait().unwrap() {
                let mut stderr = String::new();
                self.0
                    .stderr
                    .take()
                    .unwrap()
                    .read_to_string(&mut stderr)
                    .unwrap();
                return (status, stderr);
            }
            assert!(Instant::now() < deadline, "cica-kg did not end within 60 s");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Waits until a temporary file with some content is in `dir` (the write is under way).
fn wait_for_temporary_file(dir: &Path, child: &mut Running) -> PathBuf {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(temp) = temporary_files(dir)
            .into_iter()
            .find(|p| fs::metadata(p).is_ok_and(|m| m.len() > 0))
        {
            return temp;
        }
        if let Some(status) = child.0.try_wait().unwrap() {
            panic!("cica-kg ended ({status}) before it wrote anything");
        }
        assert!(Instant::now() < deadline, "no temporary file within 60 s");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn assert_char_device(path: &Path, rdev: u64) {
    let metadata = fs::symlink_metadata(path).unwrap();
    assert!(
        metadata.file_type().is_char_device(),
        "{} is no longer a character device",
        path.display()
    );
    assert_eq!(metadata.rdev(), rdev, "{} changed", path.display());
}

#[test]
fn dev_null_stays_a_character_device() {
    let rdev = fs::metadata("/dev/null").unwrap().rdev();
    for args in [
        &["export", "-o", "/dev/null"][..],
        &["export", "-f", "ntriples", "-o", "/dev/null"],
        &["query", "summits", "-o", "/dev/null"],
        &["link", "--report", "-o", "/dev/null"],
    ] {
        cica_kg().args(args).assert().success();
        assert_char_device(Path::new("/dev/null"), rdev);
    }
}

#[test]
fn dev_full_is_a_write_error_naming_it() {
    let rdev = fs::metadata("/dev/full").unwrap().rdev();
    for args in [
        &["export", "-o", "/dev/full"][..],
        &["query", "summits", "-o", "/dev/full"],
        &["quickstatements", "-o", "/dev/full"],
    ] {
        cica_kg()
            .args(args)
            .assert()
            .code(2)
            .stderr(contains("cannot write /dev/full: No space left on device"));
        assert_char_device(Path::new("/dev/full"), rdev);
    }
    // Standard output on a full device is an error too.
    let full = fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_cica-kg"))
        .arg("export")
        .stdout(full)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("cannot write to standard output: No space left on device"),
        "{stderr}"
    );
}

/// Device nodes of its own, so that a regression replaces these and not the machine's.
#[test]
fn device_nodes_are_written_in_place() {
    if !is_root() {
        eprintln!("skipped: creating device nodes needs root");
        return;
    }
    let dir = temp_dir();
    let (null, full) = (dir.path().join("null"), dir.path().join("full"));
    system("mknod", &[null.to_str().unwrap(), "c", "1", "3"]);
    system("mknod", &[full.to_str().unwrap(), "c", "1", "7"]);
    let (null_rdev, full_rdev) = (
        fs::metadata(&null).unwrap().rdev(),
        fs::metadata(&full).unwrap().rdev(),
    );
    for format in ["turtle", "ntriples"] {
        cica_kg()
            .args(["export", "-f", format, "-o"])
            .arg(&null)
            .assert()
            .success();
        assert_char_device(&null, null_rdev);
    }
    cica_kg()
        .args(["export", "-f", "turtle", "-o"])
        .arg(&full)
        .assert()
        .code(2)
        .stderr(contains(format!(
            "cannot write {}: No space left on device",
            full.display()
        )));
    assert_char_device(&full, full_rdev);
    assert_eq!(temporary_files(dir.path()), Vec::<PathBuf>::new());
}

#[test]
fn a_fifo_receives_the_output() {
    let dir = temp_dir();
    let fifo = dir.path().join("pipe");
    system("mkfifo", &[fifo.to_str().unwrap()]);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    cica_kg()
        .args(["export", "-f", "turtle", "-o"])
        .arg(&fifo)
        .assert()
        .success();
    // Before joining the reader, which waits forever on a FIFO nobody wrote to.
    assert!(
        fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(),
        "the FIFO was replaced"
    );
    assert_eq!(reader.join().unwrap(), turtle());
    assert_eq!(temporary_files(dir.path()), Vec::<PathBuf>::new());
}

#[test]
fn dev_stdout_is_standard_output() {
    let output = cica_kg()
        .args(["export", "-o", "/dev/stdout"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(String::from_utf8(output.stdout).unwrap(), turtle());
    assert!(fs::symlink_metadata("/dev/stdout")
        .unwrap()
        .file_type()
        .is_symlink());
    // Standard output redirected to a file: what the shell wrote before stays.
    let dir = temp_dir();
    let file = dir.path().join("out.ttl");
    let output = Command::new("sh")
        .arg("-c")
        .arg(r#"{ echo '# header'; "$0" export -o /dev/stdout; } > "$1""#)
        .arg(env!("CARGO_BIN_EXE_cica-kg"))
        .arg(&file)
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        format!("# header\n{}", turtle())
    );
}

#[test]
fn a_symlink_keeps_pointing_at_the_replaced_file() {
    let dir = temp_dir();
    let (data, links) = (dir.path().join("data"), dir.path().join("links"));
    fs::create_dir_all(&data).unwrap();
    fs::create_dir_all(&links).unwrap();
    let real = data.join("graph.ttl");
    fs::write(&real, "old\n").unwrap();
    // A relative link beside the file, and an absolute one in another folder.
    let relative = data.join("current.ttl");
    let absolute = links.join("graph.ttl");
    std::os::unix::fs::symlink("graph.ttl", &relative).unwrap();
    std::os::unix::fs::symlink(&real, &absolute).unwrap();
    for (link, target) in [
        (&relative, PathBuf::from("graph.ttl")),
        (&absolute, real.clone()),
    ] {
        fs::write(&real, "old\n").unwrap();
        cica_kg()
            .arg("export")
            .arg("-o")
            .arg(link)
            .assert()
            .success();
        assert!(fs::symlink_metadata(link).unwrap().file_type().is_symlink());
        assert_eq!(fs::read_link(link).unwrap(), target);
        assert_eq!(fs::read_to_string(&real).unwrap(), turtle());
    }
    // A link to a file that does not exist yet: the file is created, the link stays.
    let dangling = links.join("new.ttl");
    std::os::unix::fs::symlink(data.join("new.ttl"), &dangling).unwrap();
    cica_kg()
        .arg("export")
        .arg("-o")
        .arg(&dangling)
        .assert()
        .success();
    assert!(fs::symlink_metadata(&dangling)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(fs::read_to_string(data.join("new.ttl")).unwrap(), turtle());
    for folder in [&data, &links] {
        assert_eq!(temporary_files(folder), Vec::<PathBuf>::new());
    }
}

#[test]
fn a_replaced_file_keeps_its_mode_and_owner() {
    let dir = temp_dir();
    let file = dir.path().join("graph.ttl");
    fs::write(&file, "old\n").unwrap();
    fs::set_permissions(&file, fs::Permissions::from_mode(0o600)).unwrap();
    let root = is_root();
    if root {
        std::os::unix::fs::chown(&file, Some(4321), Some(4322)).unwrap();
    } else {
        eprintln!("not root: only the mode is checked");
    }
    cica_kg()
        .arg("export")
        .arg("-o")
        .arg(&file)
        .assert()
        .success();
    let metadata = fs::metadata(&file).unwrap();
    assert_eq!(fs::read_to_string(&file).unwrap(), turtle());
    assert_eq!(metadata.mode() & 0o7777, 0o600);
    if root {
        assert_eq!((metadata.uid(), metadata.gid()), (4321, 4322));
    }
    // A new file gets rw-r--r--, not the temporary file's rw-------.
    let new = dir.path().join("new.ttl");
    cica_kg()
        .arg("export")
        .arg("-o")
        .arg(&new)
        .assert()
        .success();
    assert_eq!(fs::metadata(&new).unwrap().mode() & 0o777, 0o644);
}

#[test]
fn a_file_too_large_is_a_write_error_naming_it() {
    let dir = temp_dir();
    let file = dir.path().join("graph.nt");
    fs::write(&file, "old\n").unwrap();
    // At most 8 blocks (4 or 8 KiB, as the shell counts): the whole graph is larger.
    let output = Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -f 8 && exec "$0" export --graph all -o "$1""#)
        .arg(env!("CARGO_BIN_EXE_cica-kg"))
        .arg(&file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{}: {stderr}", output.status);
    assert!(
        stderr.contains(&format!("cannot write {}: File too large", file.display())),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), "old\n");
    assert_eq!(temporary_files(dir.path()), Vec::<PathBuf>::new());
}

#[test]
fn a_signal_mid_write_removes_the_temporary_file() {
    for (signal, code) in [("TERM", 143), ("INT", 130), ("HUP", 129)] {
        let dir = temp_dir();
        let file = dir.path().join("rows.tsv");
        fs::write(&file, "old\n").unwrap();
        let mut child = Running::start(
            &["query", "-e", ENDLESS, "-o", "rows.tsv"],
            dir.path(),
            Stdio::null(),
        );
        wait_for_temporary_file(dir.path(), &mut child);
        child.signal(signal);
        let (status, stderr) = child.wait();
        assert_eq!(status.code(), Some(code), "SIG{signal}: {status} {stderr}");
        assert_eq!(
            temporary_files(dir.path()),
            Vec::<PathBuf>::new(),
            "SIG{signal} left a temporary file"
        );
        assert_eq!(fs::read_to_string(&file).unwrap(), "old\n");
    }
}

#[test]
fn a_temporary_file_of_another_run_is_never_removed() {
    // Another run's file: a killed run's (its process is gone) or, from another container,
    // one still being written. cica-kg cannot tell them apart, so it removes neither.
    let dir = temp_dir();
    let mut gone = Command::new("true").spawn().unwrap();
    gone.wait().unwrap();
    let names = [
        format!(".cica-kg-{}-AbC123.tmp", gone.id()),
        ".cica-kg-XyZ789.tmp".to_owned(),
    ];
    for name in &names {
        fs::write(dir.path().join(name), "partial").unwrap();
    }
    cica_kg()
        .args(["export", "-o", "graph.ttl"])
        .current_dir(dir.path())
        .assert()
        .success();
    for name in &names {
        assert_eq!(
            fs::read_to_string(dir.path().join(name)).unwrap(),
            "partial",
            "{name} was touched"
        );
    }
    assert_eq!(temporary_files(dir.path()).len(), 2);
}
