//! A graph built in two steps, for a server that answers its home page before every
//! statement's provenance is in its store: [`KnowledgeGraph::without_provenance`] builds the
//! ontology, the facts graph and the sources' records, and leaves the provenance of each
//! statement (its node, time, rank, evidence and quote: nine quads in ten with
//! bench/serve_scale.py's 80,000 statements) [`Pending`]; [`KnowledgeGraph::add_provenance`]
//! adds it, of the statements picked first, then of the rest. Once nothing is pending, the
//! store holds exactly what [`KnowledgeGraph::from_facts`] builds.

use super::select::Everything;
use super::statements;
use super::store::{insert, ontology_quads, KnowledgeGraph, StoreError};
use crate::facts::{self, Facts, Statement};
use crate::ontology;
use crate::vocab::Iris;
use oxigraph::store::Store;

/// The statements whose provenance is not yet in the store.
#[derive(Debug)]
pub struct Pending {
    /// One flag per statement of the facts: whether its provenance is still to add.
    left: Vec<bool>,
    /// One flag per statement: whether it is a best statement ([`facts::best_statements`]).
    best: Vec<bool>,
}

impl Pending {
    /// Whether every statement's provenance is in the store.
    pub fn is_empty(&self) -> bool {
        !self.left.contains(&true)
    }

    /// How many quads the provenance still to add is: the provenance graph will hold that many
    /// more (no two statements share any of these quads, and none is in the store yet). They
    /// are made to be counted (`serve` counts them on a second core while it renders its home
    /// page).
    pub fn quads(&self, kg: &KnowledgeGraph) -> usize {
        let left = &self.left;
        statements::statements_provenance(
            &kg.facts,
            self.best.clone(),
            &kg.iris,
            &Everything,
            |index| left[index],
        )
        .count()
    }
}

impl KnowledgeGraph {
    /// Builds the store from facts already read, without the provenance of the statements
    /// (what [`Pending`] says is left).
    pub fn without_provenance(facts: Facts, iris: Iris) -> Result<(Self, Pending), StoreError> {
        let ontology = ontology::shipped()?;
        let store = Store::new()?;
        let best = facts::best_statements(&facts, &ontology.schema);
        let quads = ontology_quads(ontology, &iris, &Everything)
            .chain(statements::facts_graph(
                &facts,
                best.clone(),
                &iris,
                &Everything,
            ))
            .chain(statements::sources_provenance(&facts, &iris, &Everything));
        store.extend(quads)?;
        let pending = Pending {
            left: vec![true; facts.statements.len()],
            best,
        };
        let kg = Self {
            facts,
            iris,
            schema: &ontology.schema,
            store,
        };
        Ok((kg, pending))
    }

    /// Adds the provenance of the pending statements that `pick` picks (in one transaction),
    /// and leaves the others pending.
    pub fn add_provenance(
        &self,
        pending: &mut Pending,
        pick: impl Fn(&Statement) -> bool,
    ) -> Result<(), StoreError> {
        let now: Vec<bool> = (self.facts.statements.iter().zip(&pending.left))
            .map(|(statement, left)| *left && pick(statement))
            .collect();
        let count = now.iter().filter(|n| **n).count();
        let make = || {
            statements::statements_provenance(
                &self.facts,
                pending.best.clone(),
                &self.iris,
                &Everything,
                |index| now[index],
            )
        };
        insert(&self.store, std::iter::empty(), make, count)?;
        for (left, now) in pending.left.iter_mut().zip(&now) {
            *left &= !now;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::DataSource;
    use crate::vocab::GraphKind;
    use oxigraph::model::Quad;

    fn quads(store: &Store) -> Vec<Quad> {
        let mut quads: Vec<Quad> = store.iter().collect::<Result<_, _>>().unwrap();
        quads.sort_by_cached_key(ToString::to_string);
        quads
    }

    #[test]
    fn built_in_steps_the_store_is_the_one_built_at_once() {
        let full = KnowledgeGraph::load(&DataSource::Embedded, Iris::default()).unwrap();
        let facts = full.facts().clone();
        let (kg, mut pending) = KnowledgeGraph::without_provenance(facts, Iris::default()).unwrap();
        let provenance = kg.iris().graph(GraphKind::Provenance);
        let in_provenance = |store: &Store| {
            store
                .quads_for_pattern(None, None, None, Some(provenance.as_ref().into()))
                .count()
        };
        assert!(!pending.is_empty());
        let missing = full.store().len().unwrap() - kg.store().len().unwrap();
        assert!(missing > 79 * 10, "each statement's provenance is left");
        assert_eq!(pending.quads(&kg), missing);
        // The statements about the forum first (as the server does for its home page).
        kg.add_provenance(&mut pending, |s| s.subject == "organization/cica")
            .unwrap();
        assert!(!pending.is_empty());
        let about_forum = in_provenance(kg.store());
        assert_eq!(
            pending.quads(&kg),
            full.store().len().unwrap() - kg.store().len().unwrap()
        );
        kg.add_provenance(&mut pending, |_| true).unwrap();
        assert!(pending.is_empty());
        assert_eq!(pending.quads(&kg), 0);
        assert!(in_provenance(kg.store()) > about_forum);
        assert_eq!(quads(kg.store()), quads(full.store()));
    }
}
