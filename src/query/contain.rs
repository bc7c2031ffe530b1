//! Panics inside the query engine, contained. Oxigraph can panic on some queries (its ORDER
//! BY comparison is not a total order when numbers and strings are sorted together, and
//! Rust's sort panics when it notices: see docs/upstream-oxigraph-sort-panic.md). A panic
//! must not end the program with a backtrace: evaluation, and every step of the lazy result
//! iterators, runs under [`std::panic::catch_unwind`], and a panic becomes an
//! [`EnginePanic`] error that says it is a bug of the engine.
//!
//! While contained code runs, [`containing`] is true on that thread, so that a panic hook
//! (the binary sets one) can stay quiet about a panic that is reported as an error anyway.

use oxigraph::sparql::{QueryEvaluationError, QueryResults, QuerySolutionIter, QueryTripleIter};
use std::any::Any;
use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};

/// A panic inside the query engine, with its message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the query engine failed: {message}; this is a bug in the query engine, please report it with the query")]
pub struct EnginePanic {
    /// The panic's message.
    pub message: String,
}

thread_local! {
    static CONTAINING: Cell<bool> = const { Cell::new(false) };
}

/// Whether this thread is running contained engine code: a panic now is caught and
/// reported as an [`EnginePanic`], so a panic hook need not print it.
pub fn containing() -> bool {
    CONTAINING.with(Cell::get)
}

/// Runs `f`, turning a panic into an [`EnginePanic`].
pub fn contain<T>(f: impl FnOnce() -> T) -> Result<T, EnginePanic> {
    let outer = CONTAINING.with(|c| c.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    CONTAINING.with(|c| c.set(outer));
    result.map_err(|payload| EnginePanic {
        message: panic_message(payload.as_ref()),
    })
}

/// The message a panic was raised with.
fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(message) = payload.downcast_ref::<&str>() {
        (*message).to_owned()
    } else if let Some(message) = payload.downcast_ref::<String>() {
        message.clone()
    } else {
        "a panic without a message".to_owned()
    }
}

/// `results` with each step of its iterator contained: a panic becomes an error item (an
/// [`EnginePanic`] inside a [`QueryEvaluationError`]; see [`engine_panic`]), and iteration
/// stops there.
pub fn results(results: QueryResults<'_>) -> QueryResults<'_> {
    match results {
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            QueryResults::Solutions(QuerySolutionIter::new(
                variables.into(),
                Contained::new(solutions),
            ))
        }
        QueryResults::Graph(triples) => {
            QueryResults::Graph(QueryTripleIter::new(Contained::new(triples)))
        }
        boolean @ QueryResults::Boolean(_) => boolean,
    }
}

/// The [`EnginePanic`] that an evaluation error carries, if it is one.
pub fn engine_panic(error: &QueryEvaluationError) -> Option<&EnginePanic> {
    match error {
        QueryEvaluationError::Dataset(inner) => inner.downcast_ref(),
        _ => None,
    }
}

/// An iterator whose every step is contained; it ends after a panic.
struct Contained<I> {
    inner: I,
    done: bool,
}

impl<I> Contained<I> {
    fn new(inner: I) -> Self {
        Self { inner, done: false }
    }
}

impl<I, T> Iterator for Contained<I>
where
    I: Iterator<Item = Result<T, QueryEvaluationError>>,
{
    type Item = Result<T, QueryEvaluationError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match contain(|| self.inner.next()) {
            Ok(item) => item,
            Err(panic) => {
                self.done = true;
                // The error type has no variant of its own for this; the boxed error is
                // recognised again by `engine_panic`.
                Some(Err(QueryEvaluationError::Dataset(Box::new(panic))))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_with_its_message() {
        let error = contain(|| -> u8 { panic!("sort went wrong {}", 1) }).unwrap_err();
        assert_eq!(error.message, "sort went wrong 1");
        assert!(!containing());
        assert_eq!(contain(|| 7).unwrap(), 7);
    }

    #[test]
    fn a_panic_while_iterating_ends_the_iterator_with_an_error() {
        let mut step = 0;
        let iter = std::iter::from_fn(move || {
            step += 1;
            assert!(step < 3, "step {step}");
            Some(Ok::<u8, QueryEvaluationError>(step))
        });
        let items: Vec<_> = Contained::new(iter).collect();
        assert_eq!(items.len(), 3);
        assert!(matches!(items[1], Ok(2)));
        let Err(error) = &items[2] else {
            panic!("no error")
        };
        assert_eq!(engine_panic(error).unwrap().message, "step 3");
    }
}
