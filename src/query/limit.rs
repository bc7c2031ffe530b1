//! A time limit for a query: a thread that cancels Oxigraph's [`CancellationToken`] at the
//! deadline, so that evaluation, and the lazy iteration of its results while they are
//! written, stop with [`QueryError::TimedOut`].
//!
//! Oxigraph checks the token as it reads the store (each triple of a pattern), and
//! [`TimeLimit::watch`] checks it before each solution or triple of the results, so a query
//! that reads the store or yields results as it goes stops within moments. Work between two
//! such steps is not interrupted (oxigraph#1336: cancellation is not checked inside every
//! loop): sorting, grouping or counting solutions, joining VALUES blocks that never touch the
//! store, a long string function, a SERVICE call under way (bounded by the service timeout).
//! Such a query ends only when that work does.

use super::QueryError;
use oxigraph::sparql::{
    CancellationToken, QueryEvaluationError, QueryResults, QuerySolutionIter, QueryTripleIter,
};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::Duration;

/// A query ran longer than its limit.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
#[error("the query took longer than {seconds} s")]
pub struct TimeLimitExceeded {
    /// The limit, in seconds.
    pub seconds: f64,
}

/// A running time limit; dropping it (the query is done) stops its thread.
pub struct TimeLimit {
    token: CancellationToken,
    limit: Duration,
    _stop: Sender<()>,
}

impl TimeLimit {
    /// Starts the clock: the token is cancelled `limit` from now unless this is dropped first.
    pub fn start(limit: Duration) -> Self {
        let token = CancellationToken::new();
        let (stop, stopped) = mpsc::channel::<()>();
        let cancel = token.clone();
        std::thread::spawn(move || {
            // Nothing is ever sent: the channel disconnects when the limit is dropped.
            if stopped.recv_timeout(limit) == Err(RecvTimeoutError::Timeout) {
                cancel.cancel();
            }
        });
        Self {
            token,
            limit,
            _stop: stop,
        }
    }

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

    /// `error`, or [`QueryError::TimedOut`] when it is the cancellation of this limit.
    pub fn explain(&self, error: QueryError) -> QueryError {
        if self.token.is_cancelled() && error.is_cancelled() {
            QueryError::TimedOut(TimeLimitExceeded {
                seconds: self.limit.as_secs_f64(),
            })
        } else {
            error
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
        let limit = TimeLimit::start(Duration::from_millis(50));
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

    #[test]
    fn a_limit_dropped_in_time_never_cancels() {
        let limit = TimeLimit::start(Duration::from_secs(3600));
        let token = limit.token();
        drop(limit);
        assert!(!token.is_cancelled());
    }
}
