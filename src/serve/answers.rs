//! The query page's answers, kept: the graph does not change while the server runs, so a
//! question asked again (the named questions the home page links to, a page of their rows)
//! has the same answer, which is then not computed again; the first page of each named
//! question a reader opens without filling a field is computed as the server starts
//! (`State::warm_up`). Only answers of one page of rows (a [`Window`](super::Window), at most
//! [`Answers::LARGEST`] bytes) are kept, keyed by the whole job (query as asked, dataset,
//! format, window), [`Answers::TOTAL`] bytes of keys and answers in all (see [`TextCache`]).
//! A job asked while it is being answered (by the warm-up, or another reader) waits for that
//! answer instead of computing it a second time.

use super::cache::TextCache;
use super::engine::{Job, RunError};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The kept answers, and the jobs being answered.
pub(crate) struct Answers {
    kept: Mutex<TextCache<Arc<Vec<u8>>>>,
    /// Each job being answered, with a lock its answerer holds until its answer is kept.
    running: Mutex<HashMap<String, Arc<Mutex<()>>>>,
}

impl Default for Answers {
    fn default() -> Self {
        Self {
            kept: Mutex::new(TextCache::new(Self::LARGEST, Self::TOTAL)),
            running: Mutex::default(),
        }
    }
}

impl Answers {
    /// The largest job and answer kept, together.
    pub(crate) const LARGEST: usize = 1024 * 1024;
    /// The most bytes of jobs and answers kept.
    pub(crate) const TOTAL: usize = 32 * 1024 * 1024;

    /// The answer of `job` (its query as asked: see `pages::query`): kept, or from `run` (and
    /// then kept, if it is one page of rows). While another thread answers the same page, this
    /// one waits for it and takes its answer (or, if that failed, runs its own).
    pub(crate) fn get_or_run(
        &self,
        job: &Job,
        run: impl FnOnce() -> Result<Vec<u8>, RunError>,
    ) -> Result<Arc<Vec<u8>>, RunError> {
        let key = match (&job.window, serde_json::to_string(job)) {
            (Some(_), Ok(key)) => key,
            _ => return run().map(Arc::new),
        };
        if let Some(kept) = self.kept(&key) {
            return Ok(kept);
        }
        let turn = match self.running.lock() {
            Ok(mut running) => Arc::clone(running.entry(key.clone()).or_default()),
            Err(_) => return run().map(Arc::new),
        };
        let _answering = turn.lock();
        if let Some(kept) = self.kept(&key) {
            return Ok(kept);
        }
        let answer = run().map(Arc::new);
        if let (Ok(answer), Ok(mut kept)) = (&answer, self.kept.lock()) {
            kept.insert_weighing(&key, Arc::clone(answer), answer.len());
        }
        if let Ok(mut running) = self.running.lock() {
            running.remove(&key);
        }
        answer
    }

    fn kept(&self, key: &str) -> Option<Arc<Vec<u8>>> {
        self.kept.lock().ok()?.get(key)
    }

    /// How many answers are kept.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.kept.lock().map_or(0, |answers| answers.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::Window;

    fn job(query: &str, window: Option<Window>) -> Job {
        Job {
            query: query.to_owned(),
            default_graphs: Vec::new(),
            named_graphs: Vec::new(),
            format: "json".to_owned(),
            max_bytes: 1 << 20,
            timeout_ms: 1000,
            window,
        }
    }

    #[test]
    fn a_page_is_computed_once_and_other_jobs_each_time() {
        let answers = Answers::default();
        let runs = std::cell::Cell::new(0);
        let run = |bytes: &'static [u8]| {
            runs.set(runs.get() + 1);
            Ok(bytes.to_vec())
        };
        let page = |page| Some(Window { page, size: 100 });
        let first = job("SELECT * { ?s ?p ?o }", page(1));
        assert_eq!(*answers.get_or_run(&first, || run(b"one")).unwrap(), b"one");
        assert_eq!(*answers.get_or_run(&first, || run(b"two")).unwrap(), b"one");
        assert_eq!(runs.get(), 1);
        // Another page, and a job without a window: run.
        let second = job("SELECT * { ?s ?p ?o }", page(2));
        assert_eq!(
            *answers.get_or_run(&second, || run(b"two")).unwrap(),
            b"two"
        );
        let whole = job("SELECT * { ?s ?p ?o }", None);
        assert_eq!(*answers.get_or_run(&whole, || run(b"all")).unwrap(), b"all");
        assert_eq!(*answers.get_or_run(&whole, || run(b"all")).unwrap(), b"all");
        assert_eq!(runs.get(), 4);
        // An error is not kept.
        let failing = job("SELECT ?x { }", page(1));
        let error = RunError::BadQuery("no".to_owned());
        assert!(answers.get_or_run(&failing, || Err(error)).is_err());
        assert_eq!(*answers.get_or_run(&failing, || run(b"ok")).unwrap(), b"ok");
    }

    #[test]
    fn a_page_asked_while_it_is_answered_waits_for_that_answer() {
        use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
        use std::time::{Duration, Instant};
        let answers = Answers::default();
        let runs = AtomicUsize::new(0);
        let job = job("SELECT * { ?s ?p ?o }", Some(Window { page: 1, size: 100 }));
        let (started, first_runs) = std::sync::mpsc::channel();
        std::thread::scope(|scope| {
            let first = scope.spawn(|| {
                answers.get_or_run(&job, || {
                    runs.fetch_add(1, SeqCst);
                    started.send(()).unwrap();
                    // Answers once the second asker has run its own (then the test fails),
                    // or after half a second.
                    let until = Instant::now() + Duration::from_millis(500);
                    while runs.load(SeqCst) < 2 && Instant::now() < until {
                        std::thread::sleep(Duration::from_millis(5));
                    }
                    Ok(b"first".to_vec())
                })
            });
            first_runs.recv().unwrap();
            let second = answers.get_or_run(&job, || {
                runs.fetch_add(1, SeqCst);
                Ok(b"second".to_vec())
            });
            assert_eq!(*second.unwrap(), b"first");
            assert_eq!(*first.join().unwrap().unwrap(), b"first");
        });
        assert_eq!(runs.load(SeqCst), 1);
        assert!(answers.running.lock().unwrap().is_empty());
    }
}
