//! Says where a node of the graph comes from, so that a shape violation or a misplaced quote
//! is reported at the facts file, line and column that wrote it. The index is made on the
//! first problem: a valid graph of 100,000 statements needs none.

use crate::diagnostic::Span;
use crate::facts::Facts;
use crate::rdf::key::statement_key;
use crate::vocab::{cica, Iris};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Where each entity, property and reified statement is written.
pub struct Locator<'a> {
    /// The graph file, when the graph was read from one: every problem is reported there.
    graph_file: Option<String>,
    /// The facts the graph was built from, and their IRIs.
    facts: Option<(&'a Facts, &'a Iris)>,
    /// Their index, made when first needed.
    index: OnceLock<Index>,
}

/// Where the nodes of a graph built from facts are written.
#[derive(Default)]
struct Index {
    /// Entity IRI -> (where it is defined, property IRI -> where each statement of it is).
    entities: HashMap<String, (Span, HashMap<String, Vec<Span>>)>,
    /// Reified statement IRI -> where the statement is.
    statements: HashMap<String, Span>,
}

impl<'a> Locator<'a> {
    /// Locates the nodes of the graph built from `facts`.
    pub fn from_facts(facts: &'a Facts, iris: &'a Iris) -> Self {
        Self {
            graph_file: None,
            facts: Some((facts, iris)),
            index: OnceLock::new(),
        }
    }

    /// Reports everything at a graph file.
    pub fn file(name: String) -> Self {
        Self {
            graph_file: Some(name),
            facts: None,
            index: OnceLock::new(),
        }
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| match self.facts {
            Some((facts, iris)) => Index::new(facts, iris),
            None => Index::default(),
        })
    }
}

impl Index {
    fn new(facts: &Facts, iris: &Iris) -> Self {
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
            entities,
            statements,
        }
    }
}

impl Locator<'_> {
    /// Where to report a problem about `focus` (and its `property`): the graph file; or the
    /// statements of that property (the first is where the problem is reported), else the
    /// entity's definition; or the reified statement's own statement; or, for a node the
    /// facts do not define, the shapes file. Never empty.
    pub fn locate(&self, focus: &str, property: Option<&str>) -> Vec<Span> {
        if let Some(file) = &self.graph_file {
            return vec![Span::file(file)];
        }
        let index = self.index();
        if let Some((origin, properties)) = index.entities.get(focus) {
            return match property.and_then(|p| properties.get(p)) {
                Some(origins) if !origins.is_empty() => origins.clone(),
                _ => vec![origin.clone()],
            };
        }
        match index.statements.get(focus) {
            Some(origin) => vec![origin.clone()],
            None => vec![Span::file("ontology/shapes.ttl")],
        }
    }
}
