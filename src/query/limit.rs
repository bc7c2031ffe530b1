//! A time limit for a query, and a memory cap: one thread, owned by a [`Watch`], which watches
//! every running limit, cancels Oxigraph's
//! [`CancellationToken`] at the deadline, or when the process's memory has grown more than the
//! cap since the query started (sampled every [`SAMPLE`], see [`super::memory`]), so that
//! evaluation, and the lazy iteration of its results while they are written, stop with
//! [`QueryError::TimedOut`] or [`QueryError::OutOfMemory`].
//!
//! Oxigraph checks the token as it reads the store (each triple of a pattern), and
//! [`TimeLimit::watch`] checks it before each solution or triple of the results, so a query
//! that reads the store or yields results as it goes stops within moments. Work between two
//! such steps is not interrupted (oxigraph#1336: cancellation is not checked inside every
//! loop): sorting, grouping or counting solutions, joining VALUES blocks that never touch the
//! store, a long string function, a SERVICE call under way (bounded by the service timeout).
//! Such a query ends only when that work does. When that is not soon enough, the thread tells
//! the caller's `overrun` (which ends the process with a message: only the program knows how):
//! when the memory still grows by an eighth of the cap after the token was cancelled, or when
//! the query still runs [`OVERRUN_GRACE`] past its deadline.
//!
//! The caller starts the [`Watch`] and holds it while its queries run: a server's worker keeps
//! one for its whole life and answers thousands of queries a second under it (a thread of its
//! own for each query, its stack mapped and unmapped every time, cost more than the query
//! itself); the thread waits at no cost while no query runs. Dropping the watch stops its
//! thread and joins it, so that no thread outlives its owner; a [`TimeLimit`] borrows its
//! watch and so cannot outlive it.

use super::memory::{self, MemoryCap, MemoryLimitExceeded};
use super::QueryError;
use oxigraph::sparql::{
    CancellationToken, QueryEvaluationError, QueryResults, QuerySolutionIter, QueryTripleIter,
};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How often the memory is sampled.
pub const SAMPLE: Duration = Duration::from_millis(10);

/// How long past its deadline a query that did not stop when cancelled may run before its
/// `overrun` is told.
pub const OVERRUN_GRACE: Duration = Duration::from_secs(2);

/// What to do when a query goes on after it was cancelled (see [`Overran`]).
pub type Overrun = Box<dyn FnOnce(Overran) + Send>;

/// How a query went on after its token was cancelled.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Overran {
    /// It still ran [`OVERRUN_GRACE`] past its time limit.
    Time(TimeLimitExceeded),
    /// Its memory grew by an eighth of the cap more.
    Memory(MemoryLimitExceeded),
}

/// A query ran longer than its limit.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
#[error("the query took longer than {seconds} s")]
pub struct TimeLimitExceeded {
    /// The limit, in seconds.
    pub seconds: f64,
}

/// The thread that watches the running [`TimeLimit`]s; dropping it stops the thread and joins
/// it.
pub struct Watch {
    watching: Arc<Watching>,
    thread: Option<JoinHandle<()>>,
}

impl Watch {
    /// Starts the watching thread. Should it not start, no limit is enforced, as where memory
    /// cannot be read.
    pub fn start() -> Self {
        let watching = Arc::new(Watching {
            state: Mutex::new(State::default()),
            changed: Condvar::new(),
        });
        let watched = Arc::clone(&watching);
        let thread = std::thread::Builder::new()
            .name("query-limits".to_owned())
            .spawn(move || watch(&watched))
            .ok();
        Self { watching, thread }
    }

    /// Starts the clock: the token is cancelled `limit` from now unless the limit is dropped
    /// first.
    pub fn limit(&self, limit: Duration) -> TimeLimit<'_> {
        self.limit_capped(limit, None, None)
    }

    /// Starts the clock and, with `memory`, the memory cap: the token is also cancelled when
    /// the process's memory (see `memory::used`) has grown by more than the cap since now.
    /// Where the memory cannot be measured (not Linux), only the time limit applies.
    /// `overrun`, if any, is called (on the watching thread) when the query did not stop: its
    /// memory grew by an eighth of the cap more, or it still runs [`OVERRUN_GRACE`] past the
    /// limit.
    pub fn limit_capped(
        &self,
        limit: Duration,
        memory: Option<MemoryCap>,
        overrun: Option<Overrun>,
    ) -> TimeLimit<'_> {
        let token = CancellationToken::new();
        let stopped: Arc<OnceLock<Stop>> = Arc::default();
        let done: Arc<AtomicBool> = Arc::default();
        let watcher = Watcher {
            token: token.clone(),
            limit,
            deadline: Instant::now() + limit,
            memory: memory.and_then(|cap| Some((cap, memory::used()?))),
            overrun,
            stopped: Arc::clone(&stopped),
            done: Arc::clone(&done),
        };
        lock(&self.watching.state).limits.push(watcher);
        self.watching.changed.notify_one();
        TimeLimit {
            watching: &self.watching,
            token,
            limit,
            stopped,
            done,
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        lock(&self.watching.state).stopping = true;
        self.watching.changed.notify_one();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A running time limit (and memory cap) of a [`Watch`]; dropping it (the query is done) ends
/// its watch.
pub struct TimeLimit<'w> {
    watching: &'w Watching,
    token: CancellationToken,
    limit: Duration,
    stopped: Arc<OnceLock<Stop>>,
    done: Arc<AtomicBool>,
}

impl Drop for TimeLimit<'_> {
    fn drop(&mut self) {
        self.done.store(true, Ordering::SeqCst);
        self.watching.changed.notify_one();
    }
}

/// Why the token was cancelled.
#[derive(Debug, Clone, Copy)]
enum Stop {
    Time,
    Memory(MemoryCap),
}

impl TimeLimit<'_> {
    /// The token to give the evaluator.
    pub fn token(&self) -> CancellationToken {
        self.token.clone()
    }

    /// `results`, whose iterators end with a cancellation error once the limit has passed,
    /// even where Oxigraph produces them without reading the store (a cross product of
    /// patterns it has already read).
    pub fn watch<'a>(&self, results: QueryResults<'a>) -> QueryResults<'a> {
        match results {
            QueryResults::Solutions(solutions) => {
                let variables = solutions.variables().to_vec();
                QueryResults::Solutions(QuerySolutionIter::new(
                    variables.into(),
                    Watched::new(solutions, self.token()),
                ))
            }
            QueryResults::Graph(triples) => {
                QueryResults::Graph(QueryTripleIter::new(Watched::new(triples, self.token())))
            }
            boolean @ QueryResults::Boolean(_) => boolean,
        }
    }

    /// `error`, or [`QueryError::TimedOut`] or [`QueryError::OutOfMemory`] when it is the
    /// cancellation of this limit.
    pub fn explain(&self, error: QueryError) -> QueryError {
        if !error.is_cancelled() {
            return error;
        }
        match self.stopped.get() {
            Some(Stop::Time) => QueryError::TimedOut(TimeLimitExceeded {
                seconds: self.limit.as_secs_f64(),
            }),
            Some(Stop::Memory(cap)) => QueryError::OutOfMemory(MemoryLimitExceeded { cap: *cap }),
            None => error,
        }
    }
}

/// The limits being watched, and the signal that they changed (one added or done, or the
/// watch stopping).
struct Watching {
    state: Mutex<State>,
    changed: Condvar,
}

/// The limits being watched, and whether the watch is stopping.
#[derive(Default)]
struct State {
    limits: Vec<Watcher>,
    stopping: bool,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The watching thread: checks every limit, drops those done, and sleeps until the next
/// deadline (at most [`SAMPLE`] while a memory cap is watched), or until the limits change;
/// returns when the watch stops.
fn watch(watching: &Watching) {
    let mut state = lock(&watching.state);
    loop {
        if state.stopping {
            return;
        }
        let now = Instant::now();
        let mut overruns = Vec::new();
        state.limits.retain_mut(|watcher| match watcher.check(now) {
            Check::Watching => true,
            Check::Done => false,
            Check::Overrun(overrun) => {
                overruns.push(overrun);
                false
            }
        });
        if !overruns.is_empty() {
            drop(state);
            for (overrun, exceeded) in overruns {
                overrun(exceeded);
            }
            state = lock(&watching.state);
            continue;
        }
        let wait = state.limits.iter().map(|w| w.wait(now)).min();
        state = match wait {
            Some(wait) => {
                watching
                    .changed
                    .wait_timeout(state, wait.max(Duration::from_millis(1)))
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
                    .0
            }
            None => watching
                .changed
                .wait(state)
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        };
    }
}

/// One limit under watch.
struct Watcher {
    token: CancellationToken,
    limit: Duration,
    deadline: Instant,
    /// The cap, and the memory used when the query started.
    memory: Option<(MemoryCap, u64)>,
    /// What to do when the query does not stop.
    overrun: Option<Overrun>,
    stopped: Arc<OnceLock<Stop>>,
    /// Set when the limit is dropped (the query is done).
    done: Arc<AtomicBool>,
}

/// What a look at a limit found.
enum Check {
    Watching,
    Done,
    Overrun((Overrun, Overran)),
}

impl Watcher {
    /// Cancels the token past the deadline or the cap, and hands over the overrun when the
    /// query did not stop; says whether to keep watching.
    fn check(&mut self, now: Instant) -> Check {
        if self.done.load(Ordering::SeqCst) {
            return Check::Done;
        }
        if now >= self.deadline {
            self.cancel(Stop::Time);
        }
        if now >= self.deadline + OVERRUN_GRACE {
            if let Some(overrun) = self.overrun.take() {
                let seconds = self.limit.as_secs_f64();
                return Check::Overrun((overrun, Overran::Time(TimeLimitExceeded { seconds })));
            }
        }
        if let Some((cap, start)) = self.memory {
            let grown = memory::used().unwrap_or(0).saturating_sub(start);
            if grown > cap.bytes() {
                self.cancel(Stop::Memory(cap));
            }
            if grown > cap.bytes() + cap.bytes() / 8 {
                if let Some(overrun) = self.overrun.take() {
                    let exceeded = MemoryLimitExceeded { cap };
                    return Check::Overrun((overrun, Overran::Memory(exceeded)));
                }
            }
        }
        // Cancelled, with nothing left to tell: the query ends as soon as it can.
        if self.stopped.get().is_some() && self.overrun.is_none() {
            return Check::Done;
        }
        Check::Watching
    }

    /// How long until this limit needs a look: its deadline, then the end of its grace (with
    /// an overrun to tell), at most [`SAMPLE`] while its memory is watched.
    fn wait(&self, now: Instant) -> Duration {
        let next = if now < self.deadline {
            self.deadline
        } else {
            self.deadline + OVERRUN_GRACE
        };
        let left = next.saturating_duration_since(now);
        match self.memory {
            Some(_) => left.min(SAMPLE),
            None => left,
        }
    }

    /// Cancels the token, for the first reason only.
    fn cancel(&self, reason: Stop) {
        if self.stopped.set(reason).is_ok() {
            self.token.cancel();
        }
    }
}

/// An iterator that ends with [`QueryEvaluationError::Cancelled`] once its token is
/// cancelled.
struct Watched<I> {
    inner: I,
    token: CancellationToken,
    done: bool,
}

impl<I> Watched<I> {
    fn new(inner: I, token: CancellationToken) -> Self {
        Self {
            inner,
            token,
            done: false,
        }
    }
}

impl<I, T> Iterator for Watched<I>
where
    I: Iterator<Item = Result<T, QueryEvaluationError>>,
{
    type Item = Result<T, QueryEvaluationError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        if self.token.is_cancelled() {
            self.done = true;
            return Some(Err(QueryEvaluationError::Cancelled));
        }
        self.inner.next()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_is_cancelled_at_the_deadline_only() {
        let watch = Watch::start();
        let limit = watch.limit(Duration::from_millis(50));
        assert!(!limit.token().is_cancelled());
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        while !limit.token().is_cancelled() {
            assert!(std::time::Instant::now() < deadline, "never cancelled");
            std::thread::sleep(Duration::from_millis(5));
        }
        let error = limit.explain(QueryError::evaluation(QueryEvaluationError::Cancelled));
        assert_eq!(error.to_string(), "the query took longer than 0.05 s");
        let other = limit.explain(QueryError::NotSelect);
        assert!(matches!(other, QueryError::NotSelect));
    }

    #[test]
    fn watched_results_end_once_cancelled() {
        let token = CancellationToken::new();
        let mut watched = Watched::new((0..).map(Ok::<u32, QueryEvaluationError>), token.clone());
        assert!(matches!(watched.next(), Some(Ok(0))));
        token.cancel();
        assert!(matches!(
            watched.next(),
            Some(Err(QueryEvaluationError::Cancelled))
        ));
        assert!(watched.next().is_none());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_token_is_cancelled_past_the_memory_cap_and_overrun_called_past_an_eighth_more() {
        let (told, heard) = std::sync::mpsc::channel();
        let overrun: Overrun = Box::new(move |overran| {
            let _ = told.send(overran);
        });
        let watch = Watch::start();
        let limit = watch.limit_capped(
            Duration::from_secs(3600),
            Some(MemoryCap::MIN),
            Some(overrun),
        );
        let deadline = Instant::now() + Duration::from_secs(60);
        let block = vec![1u8; 17 << 20];
        while !limit.token().is_cancelled() {
            assert!(Instant::now() < deadline, "never cancelled");
            std::thread::sleep(Duration::from_millis(5));
        }
        let error = limit.explain(QueryError::evaluation(QueryEvaluationError::Cancelled));
        assert_eq!(error.to_string(), "the query used more than 16 MiB");
        let more = vec![1u8; 4 << 20];
        let overran = heard.recv_timeout(Duration::from_secs(60)).unwrap();
        let exceeded = MemoryLimitExceeded {
            cap: MemoryCap::MIN,
        };
        assert_eq!(overran, Overran::Memory(exceeded));
        drop((block, more));
    }

    #[test]
    fn overrun_is_told_when_a_query_runs_its_grace_past_the_limit() {
        let (told, heard) = std::sync::mpsc::channel();
        let overrun: Overrun = Box::new(move |overran| {
            let _ = told.send((overran, Instant::now()));
        });
        let watch = Watch::start();
        let started = Instant::now();
        let limit = watch.limit_capped(Duration::from_millis(50), None, Some(overrun));
        // The query goes on after its token was cancelled (it never looks at it).
        let (overran, when) = heard.recv_timeout(Duration::from_secs(60)).unwrap();
        assert!(limit.token().is_cancelled());
        assert_eq!(overran, Overran::Time(TimeLimitExceeded { seconds: 0.05 }));
        assert!(when >= started + Duration::from_millis(50) + OVERRUN_GRACE);
    }

    #[test]
    fn a_query_that_stops_in_its_grace_is_no_overrun() {
        let (told, heard) = std::sync::mpsc::channel::<Overran>();
        let overrun: Overrun = Box::new(move |overran| {
            let _ = told.send(overran);
        });
        let watch = Watch::start();
        let limit = watch.limit_capped(Duration::from_millis(10), None, Some(overrun));
        let deadline = Instant::now() + Duration::from_secs(60);
        while !limit.token().is_cancelled() {
            assert!(Instant::now() < deadline, "never cancelled");
            std::thread::sleep(Duration::from_millis(5));
        }
        drop(limit);
        let waited = heard.recv_timeout(OVERRUN_GRACE + Duration::from_secs(1));
        assert!(waited.is_err(), "told of an overrun: {waited:?}");
    }

    #[test]
    fn a_limit_dropped_in_time_never_cancels() {
        let watch = Watch::start();
        let limit = watch.limit(Duration::from_secs(3600));
        let token = limit.token();
        drop(limit);
        assert!(!token.is_cancelled());
    }

    #[test]
    fn dropping_the_watch_ends_its_thread() {
        let watch = Watch::start();
        assert!(watch.thread.is_some());
        let limit = watch.limit(Duration::from_secs(3600));
        let token = limit.token();
        drop(limit);
        let (told, heard) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            drop(watch);
            let _ = told.send(());
        });
        // The drop joins the thread: it returns only once the thread has ended, at once.
        heard.recv_timeout(Duration::from_secs(10)).unwrap();
        assert!(!token.is_cancelled());
    }
}
