//! The pool's own tests: a worker still loading at shutdown, and the memory budget.

use super::*;
use std::time::{Duration, Instant};

#[test]
fn shutdown_kills_a_worker_still_loading_and_joins_its_thread() {
    // A "worker" that never says it is ready: it writes its process id, then sleeps.
    let dir = std::env::temp_dir().join(format!("cica-kg-pool-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pid_file = dir.join("pid");
    let script = format!("echo $$ > '{}'; exec sleep 30", pid_file.display());
    let pool = Pool::start(
        2,
        None,
        None,
        move || {
            let mut command = Command::new("sh");
            command.args(["-c", &script]);
            command
        },
        super::super::log::silent(),
    )
    .unwrap();
    let until = Instant::now() + Duration::from_secs(10);
    let pid = loop {
        match std::fs::read_to_string(&pid_file) {
            Ok(text) if text.ends_with('\n') => break text.trim().to_owned(),
            _ if Instant::now() < until => std::thread::sleep(Duration::from_millis(10)),
            _ => panic!("the worker did not start"),
        }
    };
    let started = Instant::now();
    pool.shutdown();
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    // Killed and reaped: no such process any more (not even a zombie).
    assert!(!std::path::Path::new(&format!("/proc/{pid}")).exists());
    assert!(lock(&pool.inner.threads).is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}
