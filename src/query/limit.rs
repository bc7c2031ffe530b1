//! A time limit for a query: a thread that cancels Oxigraph's [`CancellationToken`] at the
//! deadline, so that evaluation, and the lazy iteration of its results while they are
//! written, stop with [`QueryError::TimedOut`].
//!
//! Oxigraph checks the token as it reads the store (each triple of a pattern), so a query
//! that reads the store as it goes stops within moments. Work between two reads is not
//! interrupted (oxigraph#1336): sorting or grouping solutions already read, joining VALUES
//! blocks that never touch the store, a long string function, a SERVICE call (bounded by the
//! service timeout). Such a query ends only when that work does.

use super::QueryError;
use oxigraph::sparql::CancellationToken;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::Duration;

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

    /// `error`, or [`QueryError::TimedOut`] when it is the cancellation of this limit.
    pub fn explain(&self, error: QueryError) -> QueryError {
        if self.token.is_cancelled() && error.is_cancelled() {
            QueryError::TimedOut {
                seconds: self.limit.as_secs_f64(),
            }
        } else {
            error
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::sparql::QueryEvaluationError;

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
    fn a_limit_dropped_in_time_never_cancels() {
        let limit = TimeLimit::start(Duration::from_secs(3600));
        let token = limit.token();
        drop(limit);
        assert!(!token.is_cancelled());
    }
}
