//! `cica-kg validate`: tells a person editing the facts exactly what is wrong and where.
//!
//! Three checks, in order:
//!
//! 1. **the facts load**: [`facts::load`] reads every TOML file and reports each problem with
//!    its file, line and column and what to change (unknown fields, ids, properties, bad
//!    values and dates, quotes that are not found in the article, or found more than once);
//! 2. **the quotes are where the provenance graph says**: for every reified statement, the
//!    characters `oa:start..oa:end` of its source article are exactly its `oa:exact` quote;
//! 3. **the graph has the shapes of `ontology/shapes.ttl`**: each SHACL shape is evaluated by
//!    its SPARQL rule in `queries/checks/` (one per shape, named by its `# Shape:` line),
//!    which returns one row per offending focus node.
//!
//! Why SPARQL rules rather than a Rust SHACL engine: the rudof project's crates were tried
//! (2026-11). `shacl_validation` 0.2.12 does not compile (its sibling crates changed their
//! IRI type within 0.2.x); `shacl` 0.3.37 compiles and gives the same verdict as pySHACL on
//! the real data and on a broken copy, but it takes cica-kg from 195 to 330 crates (reqwest,
//! tokio, hyper, quinn, proptest, rayon, petgraph, schemars) and a cold debug build on this
//! 2-core machine from 115 s to 281 s, which CI pays twice (clippy, then tests); and it turns
//! on Oxigraph's `rdf-12` feature for the whole crate, which changes the RDF model every
//! command is compiled against. The rules run on the store cica-kg already has; the tests run
//! pySHACL (a maintained engine) on the same data and `ontology/shapes.ttl` and require the
//! same verdict, shape by shape, on the real data and on each bad fixture. (One known
//! difference: sh:datatype asks for a well-formed literal; the rules check that with
//! Oxigraph's casts, but RDFLib, under pySHACL, does not parse xsd:gYear and xsd:gYearMonth,
//! so it takes "2002-13"^^xsd:gYearMonth as well-formed. No agreement fixture relies on it;
//! `src/facts/date.rs` refuses such a date before any graph exists.)
//!
//! A problem is mapped back to where it comes from: a facts-file problem has its own file,
//! line and column; a shape violation about an entity points at the statement of the
//! offending property (or at the entity's definition), one about a reified statement at that
//! statement. Exit status: 0 valid, 1 problems found, 2 the check could not run.

mod graph_file;
mod locate;
mod quotes;
mod report;
mod shapes;

pub use report::{Report, ReportFormat, Summary, UnknownReportFormat};
pub use shapes::{checks, targeted_shapes, Check};

use crate::diagnostic::Problem;
use crate::facts::{self, DataSource};
use crate::input::InputError;
use crate::ontology::{self, OntologyError};
use crate::query::QueryError;
use crate::rdf::{KnowledgeGraph, StoreError};
use crate::vocab::{cicash, Iris};
use locate::Locator;
use oxigraph::store::{StorageError, Store};
use std::path::{Path, PathBuf};

/// Why the check could not run (exit status 2); problems of the input are in the [`Report`].
#[derive(Debug, thiserror::Error)]
pub enum ValidateError {
    /// The shipped shapes and rules do not fit together (a defect of the program).
    #[error("{0}")]
    Rules(String),
    /// A shipped ontology file is missing or does not parse.
    #[error(transparent)]
    Ontology(#[from] OntologyError),
    /// The graph file cannot be read, or its format is unknown.
    #[error("{}: {why}", .path.display())]
    GraphFile {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        why: String,
    },
    /// The graph file is not a regular file, or is larger than its cap.
    #[error(transparent)]
    Input(#[from] InputError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A rule failed to run.
    #[error(transparent)]
    Query(#[from] QueryError),
}

impl From<StorageError> for ValidateError {
    fn from(e: StorageError) -> Self {
        Self::Store(StoreError::Storage(e))
    }
}

/// Runs every check on the graph built from the facts of `data`, or on a graph file (the
/// facts still give the articles its quotes are checked against).
pub fn validate(
    data: &DataSource,
    iris: Iris,
    graph_file: Option<&Path>,
) -> Result<Report, ValidateError> {
    let checks = shapes::checks_for_shapes()?;
    let schema = &ontology::shipped()?.schema;
    let facts = match facts::load(data, schema) {
        Ok(facts) => facts,
        Err(problems) => return Ok(Report::new(problems.0, Summary::default())),
    };
    let mut summary = Summary {
        entities: facts.entities.len(),
        statements: facts.statements.len(),
        shapes: checks.len(),
        ..Summary::default()
    };
    let mut prefixes = iris.prefixes();
    prefixes.push((cicash::PREFIX.to_owned(), cicash::NAMESPACE.to_owned()));
    let run = |store: &Store, facts: &facts::Facts, locate: &Locator, summary: &mut Summary| {
        summary.triples = store.len()?;
        // The quote check and the rules only read the store: they run side by side.
        let (quoted, shaped) = std::thread::scope(|scope| {
            let quoted =
                scope.spawn(|| quotes::quote_problems(store, facts, &iris, locate, &prefixes));
            let shaped = shapes::all_shape_problems(store, &checks, locate, &prefixes);
            (quoted.join(), shaped)
        });
        let (mut problems, quotes) =
            quoted.unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        summary.quotes = quotes;
        problems.extend(shaped?);
        Ok::<Vec<Problem>, ValidateError>(problems)
    };
    let problems = match graph_file {
        None => {
            let kg = KnowledgeGraph::from_facts(facts, iris.clone())?;
            let locate = Locator::from_facts(kg.facts(), kg.iris());
            run(kg.store(), kg.facts(), &locate, &mut summary)?
        }
        Some(path) => {
            let store = Store::new()?;
            if let Err(problem) = graph_file::load(&store, path, &iris)? {
                return Ok(Report::new(vec![problem], summary));
            }
            let locate = Locator::file(path.display().to_string());
            let mut problems: Vec<Problem> = graph_file::no_facts(&store, path, schema)?
                .into_iter()
                .collect();
            problems.extend(run(&store, &facts, &locate, &mut summary)?);
            problems
        }
    };
    Ok(Report::new(problems, summary))
}
