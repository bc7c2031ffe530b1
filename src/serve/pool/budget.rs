//! The memory budget of the server and its query workers (`--max-memory`): each worker holds a
//! copy of the graph (some 580 MB with 80,000 statements), so the pool starts another only if
//! the server's resident memory, each worker's, and one more worker stay within the budget.
//! One more is estimated as the largest ready worker (a worker still loading is not its full
//! size yet); while none is ready, as the server itself, which holds the same graph. The pool
//! always keeps one worker, whatever the budget. The measure is Linux's (`/proc/PID/statm`);
//! elsewhere the budget is not enforced.

use super::super::log::{Event, Log};
use crate::query::memory::resident;
use crate::query::MemoryCap;
use std::sync::atomic::{AtomicBool, Ordering};

const MIB: u64 = 1024 * 1024;

/// A live worker process of the pool (starting, idle or busy), as the budget counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Process {
    pub(super) pid: u32,
    /// Whether it has loaded the graph.
    pub(super) ready: bool,
}

/// The budget, and whether the log was told that it held a worker back.
pub(super) struct Budget {
    cap: Option<MemoryCap>,
    told: AtomicBool,
}

impl Budget {
    /// A budget of `cap` (none: no limit but the pool's size).
    pub(super) fn new(cap: Option<MemoryCap>) -> Self {
        Self {
            cap,
            told: AtomicBool::new(false),
        }
    }

    /// Whether one more worker fits beside the server (this process) and `processes`; the
    /// first time one does not, `log` is told.
    pub(super) fn allows_another(&self, processes: &[Process], log: &Log) -> bool {
        let Some(cap) = self.cap else {
            return true;
        };
        let Some(server) = resident(None) else {
            return true;
        };
        let workers: Vec<(u64, bool)> = processes
            .iter()
            .map(|p| (resident(Some(p.pid)).unwrap_or(0), p.ready))
            .collect();
        match fits(server, &workers, cap.bytes()) {
            Ok(()) => true,
            Err((used, another)) => {
                if !self.told.swap(true, Ordering::Relaxed) {
                    log(&Event::WorkerHeldBack {
                        used_mib: used.div_ceil(MIB),
                        worker_mib: another.div_ceil(MIB),
                        budget: cap.to_string(),
                    });
                }
                false
            }
        }
    }
}

/// Whether the server's `server` bytes, the `workers`' (their bytes, whether ready) and one
/// more worker fit in `budget` bytes; if not, the bytes in use and the estimate of one more.
fn fits(server: u64, workers: &[(u64, bool)], budget: u64) -> Result<(), (u64, u64)> {
    let another = workers
        .iter()
        .filter(|(_, ready)| *ready)
        .map(|(bytes, _)| *bytes)
        .max()
        .unwrap_or(server);
    let used = server + workers.iter().map(|(bytes, _)| bytes).sum::<u64>();
    if used.saturating_add(another) <= budget {
        Ok(())
    } else {
        Err((used, another))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn another_worker_is_counted_as_the_largest_ready_one() {
        // Server 700, workers 580 (ready) and 100 (loading): one more is 580; 1,960 in all.
        assert_eq!(fits(700, &[(580, true), (100, false)], 1960), Ok(()));
        assert_eq!(
            fits(700, &[(580, true), (100, false)], 1959),
            Err((1380, 580))
        );
        // None ready yet: one more is the server's size.
        assert_eq!(fits(700, &[(100, false)], 1500), Ok(()));
        assert_eq!(fits(700, &[(100, false)], 1499), Err((800, 700)));
        assert_eq!(fits(30, &[], 60), Ok(()));
        assert_eq!(fits(30, &[], 59), Err((30, 30)));
    }
}
