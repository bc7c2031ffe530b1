//! Which quads to make. An export or a served graph needs them all; a store built for one
//! query needs only those the query can read (see `query::Reach`), and making the others,
//! only to leave them out, is most of a cold query's start-up. [`statements`](super::statements)
//! asks a [`Selection`] before it makes each quad.

use oxigraph::model::{NamedNodeRef, TermRef};

/// Which quads to make, by their predicate and object. `Sync`: the quads are made on a thread
/// of their own while the store takes them.
pub trait Selection: Sync {
    /// Whether some quad with this predicate may be wanted (`false`: none is, and its subject
    /// and object need not be made).
    fn predicate(&self, predicate: NamedNodeRef<'_>) -> bool;

    /// Whether the quads with this predicate and object are wanted (whatever their subject
    /// and graph: it need not be made to tell).
    fn object(&self, predicate: NamedNodeRef<'_>, object: TermRef<'_>) -> bool;
}

/// Every quad.
#[derive(Debug, Clone, Copy, Default)]
pub struct Everything;

impl Selection for Everything {
    fn predicate(&self, _: NamedNodeRef<'_>) -> bool {
        true
    }

    fn object(&self, _: NamedNodeRef<'_>, _: TermRef<'_>) -> bool {
        true
    }
}
