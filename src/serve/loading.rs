//! The server's own store, when it is built in two steps (`rdf::Pending`): `cica-kg serve`
//! answers its home page once the facts graph and the provenance of the home's key facts are
//! in, and every other request waits here until the provenance of every statement is too
//! (with bench/serve_scale.py's 80,000 statements, nine quads in ten, three seconds more).
//! A server built at once ([`Loading::done`]) never waits.

use super::http::Problem;
use crate::facts::Statement;
use crate::rdf::{KnowledgeGraph, Pending, StoreError};
use oxhttp::model::StatusCode;
use std::sync::{Condvar, Mutex, MutexGuard};

/// How far the store is built.
pub(crate) struct Loading {
    stage: Mutex<Stage>,
    changed: Condvar,
}

enum Stage {
    /// Some statements' provenance is still to add.
    Pending(Pending),
    /// The store holds everything.
    Done,
    /// Adding the rest failed: why.
    Failed(String),
}

impl Loading {
    /// A store that holds everything.
    pub(crate) fn done() -> Self {
        Self::at(Stage::Done)
    }

    /// A store with the provenance of these statements still to add.
    pub(crate) fn pending(pending: Pending) -> Self {
        Self::at(if pending.is_empty() {
            Stage::Done
        } else {
            Stage::Pending(pending)
        })
    }

    fn at(stage: Stage) -> Self {
        Self {
            stage: Mutex::new(stage),
            changed: Condvar::new(),
        }
    }

    fn stage(&self) -> MutexGuard<'_, Stage> {
        self.stage
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Whether some statements' provenance is still to add.
    pub(crate) fn is_pending(&self) -> bool {
        matches!(*self.stage(), Stage::Pending(_))
    }

    /// Adds the provenance of the pending statements that `pick` picks, before the rest.
    pub(crate) fn add_first(
        &self,
        kg: &KnowledgeGraph,
        pick: impl Fn(&Statement) -> bool,
    ) -> Result<(), StoreError> {
        match &mut *self.stage() {
            Stage::Pending(pending) => kg.add_provenance(pending, pick),
            Stage::Done | Stage::Failed(_) => Ok(()),
        }
    }

    /// Adds the provenance of every statement still pending, and lets the waiting requests
    /// go on (with an error if it failed); whether there was any to add. The stage stays
    /// locked meanwhile: what counts the store's quads ([`Loading::counting`]) counts them once
    /// they are all in.
    pub(crate) fn finish(&self, kg: &KnowledgeGraph) -> Result<bool, StoreError> {
        let mut stage = self.stage();
        let Stage::Pending(pending) = &mut *stage else {
            return Ok(false);
        };
        let added = kg.add_provenance(pending, |_| true);
        *stage = match &added {
            Ok(()) => Stage::Done,
            Err(error) => Stage::Failed(error.to_string()),
        };
        drop(stage);
        self.changed.notify_all();
        added.map(|()| true)
    }

    /// Waits until the store holds everything; the problem to answer if it never will.
    pub(crate) fn wait(&self) -> Result<(), Problem> {
        let mut stage = self.stage();
        loop {
            match &*stage {
                Stage::Done => return Ok(()),
                Stage::Failed(why) => {
                    return Err(Problem::new(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        format!("the server could not build its graph: {why}"),
                    ))
                }
                Stage::Pending(_) => {
                    stage = self
                        .changed
                        .wait(stage)
                        .unwrap_or_else(|poisoned| poisoned.into_inner());
                }
            }
        }
    }

    /// Runs `count` on the store as it is (nothing is added meanwhile), with how many quads
    /// of the provenance graph are still to add.
    pub(crate) fn counting<T>(&self, kg: &KnowledgeGraph, count: impl FnOnce(usize) -> T) -> T {
        let stage = self.stage();
        let pending = match &*stage {
            Stage::Pending(pending) => pending.quads(kg),
            Stage::Done | Stage::Failed(_) => 0,
        };
        count(pending)
    }
}
