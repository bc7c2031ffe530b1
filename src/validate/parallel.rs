//! The checks of a graph only read the store, so they run side by side: the quote check and
//! each shape's rule are jobs, taken one after the other by as many threads as there are
//! processors (the main thread is one of them), so that both cores of a small machine work
//! until the last job is done, whatever each job costs.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Runs `run` on every job, each thread taking the next job not yet taken, and returns the
/// results in the order of `jobs`. A panic in a job is resumed on the caller's thread.
pub fn side_by_side<J: Sync, R: Send>(jobs: &[J], run: impl Fn(&J) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(job) = jobs.get(i) else {
                return done;
            };
            done.push((i, run(job)));
        }
    };
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads.min(jobs.len()))
            .map(|_| scope.spawn(work))
            .collect();
        let mut results = work();
        for helper in helpers {
            results.extend(
                helper
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        results
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_the_order_of_the_jobs() {
        let jobs: Vec<u64> = (0..50).rev().collect();
        // Jobs of unequal length, so that the threads finish them out of order.
        let results = side_by_side(&jobs, |&n| {
            std::thread::sleep(std::time::Duration::from_micros(n * 20));
            n * 2
        });
        assert_eq!(results, jobs.iter().map(|n| n * 2).collect::<Vec<_>>());
    }

    #[test]
    fn no_jobs_no_results() {
        assert_eq!(side_by_side(&[] as &[u8], |_| 1), Vec::<i32>::new());
    }

    #[test]
    #[should_panic(expected = "job 3")]
    fn a_panic_in_a_job_reaches_the_caller() {
        side_by_side(&[1, 2, 3, 4], |&n| assert!(n != 3, "job {n}"));
    }
}
