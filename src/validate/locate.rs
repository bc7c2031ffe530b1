//! Says where a node of the graph comes from, so that a shape violation or a misplaced quote
//! is reported at the facts file, line and column that wrote it.

use crate::diagnostic::Span;
use crate::facts::Facts;
use crate::rdf::statements::statement_key;
use crate::vocab::{cica, Iris};
use std::collections::HashMap;

/// Where each entity, property and reified statement is written.
pub struct Locator {
    /// The graph file, when the graph was read from one: every problem is reported there.
    graph_file: Option<String>,
    /// Entity IRI -> (where it is defined, property IRI -> where each statement of it is).
    entities: HashMap<String, (Span, HashMap<String, Vec<Span>>)>,
    /// Reified statement IRI -> where the statement is.
    statements: HashMap<String, Span>,
}

impl Locator {
    /// Locates the nodes of the graph built from `facts`.
    pub fn from_facts(facts: &Facts, iris: &Iris) -> Self {
        let mut entities: HashMap<String, (Span, HashMap<String, Vec<Span>>)> = facts
            .entities
            .iter()
            .map(|e| {
                let iri = iris.entity(&e.id).as_str().to_owned();
                (iri, (e.origin.clone(), HashMap::new()))
            })
            .collect();
        let mut statements = HashMap::new();
        for statement in &facts.statements {
            if let Some((_, properties)) =
                entities.get_mut(iris.entity(&statement.subject).as_str())
            {
                properties
                    .entry(cica::term(&statement.property).as_str().to_owned())
                    .or_default()
                    .push(statement.origin.clone());
            }
            let source = &facts.sources[statement.source].id;
            let node = iris.statement(&statement_key(statement, source), None);
            statements.insert(node.as_str().to_owned(), statement.origin.clone());
        }
        Self {
            graph_file: None,
            entities,
            statements,
        }
    }

    /// Reports everything at a graph file.
    pub fn file(name: String) -> Self {
        Self {
            graph_file: Some(name),
            entities: HashMap::new(),
            statements: HashMap::new(),
        }
    }

    /// Where to report a problem about `focus` (and its `property`): the graph file; or the
    /// statements of that property (the first is where the problem is reported), else the
    /// entity's definition; or the reified statement's own statement; or, for a node the
    /// facts do not define, the shapes file. Never empty.
    pub fn locate(&self, focus: &str, property: Option<&str>) -> Vec<Span> {
        if let Some(file) = &self.graph_file {
            return vec![Span::file(file)];
        }
        if let Some((origin, properties)) = self.entities.get(focus) {
            return match property.and_then(|p| properties.get(p)) {
                Some(origins) if !origins.is_empty() => origins.clone(),
                _ => vec![origin.clone()],
            };
        }
        match self.statements.get(focus) {
            Some(origin) => vec![origin.clone()],
            None => vec![Span::file("ontology/shapes.ttl")],
        }
    }
}
