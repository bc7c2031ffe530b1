//! The query page's answers, kept: the graph does not change while the server runs, so a
//! question asked again (the named questions the home page links to, a page of their rows)
//! has the same answer, which is then not computed again; the first page of each named
//! question opened with one click is computed as the server starts (`State::warm_up`). Only
//! answers of one page of rows (a [`Window`](super::Window), at most [`Answers::LARGEST`]
//! bytes) are kept, keyed by the whole job (query as asked, dataset, format, window),
//! [`Answers::TOTAL`] bytes of keys and answers in all (see [`TextCache`]).

use super::cache::TextCache;
use super::engine::{Job, RunError};
use std::sync::{Arc, Mutex};

/// The kept answers.
pub(crate) struct Answers(Mutex<TextCache<Arc<Vec<u8>>>>);

impl Default for Answers {
    fn default() -> Self {
        Self(Mutex::new(TextCache::new(Self::LARGEST, Self::TOTAL)))
    }
}

impl Answers {
    /// The largest job and answer kept, together.
    pub(crate) const LARGEST: usize = 1024 * 1024;
    /// The most bytes of jobs and answers kept.
    pub(crate) const TOTAL: usize = 32 * 1024 * 1024;

    /// The answer of `job` (its query as asked: see `pages::query`): kept, or from `run` (and
    /// then kept, if it is one page of rows).
    pub(crate) fn get_or_run(
        &self,
        job: &Job,
        run: impl FnOnce() -> Result<Vec<u8>, RunError>,
    ) -> Result<Arc<Vec<u8>>, RunError> {
        let key = match (&job.window, serde_json::to_string(job)) {
            (Some(_), Ok(key)) => key,
            _ => return run().map(Arc::new),
        };
        if let Some(kept) = self.0.lock().ok().and_then(|answers| answers.get(&key)) {
            return Ok(kept);
        }
        let answer = Arc::new(run()?);
        if let Ok(mut answers) = self.0.lock() {
            answers.insert_weighing(&key, Arc::clone(&answer), answer.len());
        }
        Ok(answer)
    }

    /// How many answers are kept.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.0.lock().map_or(0, |answers| answers.len())
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
}
