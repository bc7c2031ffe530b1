//! Signals that stop a run: SIGINT (Ctrl-C), SIGTERM and SIGHUP remove the temporary file of
//! an output being written ([`cica_kg::output::abandon`]) and end the process with
//! 128 + the signal's number (130, 143, 129), the status a shell reports for them. A signal
//! the process was started with ignored (`nohup`, a background job of a script) stays ignored.
//! SIGXFSZ is caught and does nothing, so that a file over the size limit (`ulimit -f`) is a
//! write error naming the file ("File too large"), not a silent kill.
//!
//! The thread that waits for the stopping signals starts with the first output file
//! ([`guard_output_files`]): before there is a temporary file, the default action (the process
//! ends, and the shell reports the same status) does the same, and a run that writes only to
//! standard output starts no thread.

use cica_kg::output;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGXFSZ};
use signal_hook::iterator::Signals;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Once};

/// Catches SIGXFSZ; call first thing. (Were it ignored, the write would fail with "File too
/// large" just the same.)
pub fn install() {
    let _ = signal_hook::flag::register(SIGXFSZ, Arc::new(AtomicBool::new(false)));
}

/// Starts the thread that removes the temporary file on SIGINT, SIGTERM or SIGHUP, once;
/// call before an output file is written. If that fails, the default actions stay.
pub fn guard_output_files() {
    static STARTED: Once = Once::new();
    STARTED.call_once(|| {
        let ignored = ignored_signals();
        let stops: Vec<i32> = [SIGINT, SIGTERM, SIGHUP]
            .into_iter()
            .filter(|s| !ignored.contains(s))
            .collect();
        if let Ok(mut signals) = Signals::new(&stops) {
            let _ = std::thread::Builder::new()
                .name("signals".to_owned())
                .spawn(move || {
                    if let Some(signal) = signals.forever().next() {
                        let _held = output::abandon();
                        std::process::exit(128 + signal);
                    }
                });
        }
    });
}

/// The signals this process ignores, from the `SigIgn` mask of `/proc/self/status` (Linux);
/// none where that cannot be read.
fn ignored_signals() -> Vec<i32> {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let mask = status
        .lines()
        .find_map(|line| line.strip_prefix("SigIgn:"))
        .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
        .unwrap_or(0);
    (1..=64).filter(|s| mask & (1 << (s - 1)) != 0).collect()
}
