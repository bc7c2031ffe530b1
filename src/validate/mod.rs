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
mod parallel;
mod quotes;
mod report;
mod shapes;

pub use report::{Report, ReportFormat, Summary, UnknownReportFormat};
pub use shapes::{checks, Check};

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
    /// A shipped ontology file is missing from the build.
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

/// One check of the graph, run side by side with the others.
enum Job<'c> {
    /// The quotes are where the provenance graph says.
    Quotes,
    /// The number of triples, for the summary.
    Count,
    /// One shape's rule.
    Rule(&'c shapes::Check),
}

/// What a [`Job`] found.
enum Done {
    Quotes(Result<(Vec<Problem>, usize), ValidateError>),
    Count(Result<usize, StorageError>),
    Rule(Result<Vec<Problem>, ValidateError>),
}

/// Runs every check on the graph built from the facts of `data`, or on a graph file (the
/// facts still give the articles its quotes are checked against).
///
/// ```
/// use cica_kg::facts::DataSource;
/// use cica_kg::validate::{self, ReportFormat};
/// use cica_kg::vocab::Iris;
///
/// // The shipped facts pass every check.
/// let report = validate::validate(&DataSource::Embedded, Iris::default(), None)?;
/// assert!(report.valid, "{:?}", report.problems);
/// assert!(report.problems.is_empty());
/// let mut json = Vec::new();
/// report.write(ReportFormat::Json, &mut json)?;
/// assert!(String::from_utf8(json)?.contains("\"valid\": true"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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
    let awaiting = facts.awaiting.clone();
    let mut summary = Summary {
        entities: facts.entities.len(),
        statements: facts.statements.len(),
        shapes: checks.len(),
        ..Summary::default()
    };
    let mut prefixes = iris.prefixes();
    prefixes.push((cicash::PREFIX.to_owned(), cicash::NAMESPACE.to_owned()));
    let shared = Shared {
        checks: &checks,
        iris: &iris,
        prefixes: &prefixes,
    };
    let problems = match graph_file {
        None => {
            let kg = KnowledgeGraph::from_facts(facts, iris.clone())?;
            let locate = Locator::from_facts(kg.facts(), kg.iris());
            check_graph(kg.store(), kg.facts(), &locate, &shared, &mut summary)?
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
            problems.extend(check_graph(&store, &facts, &locate, &shared, &mut summary)?);
            problems
        }
    };
    Ok(Report::new(problems, summary).with_awaiting(&awaiting))
}

/// What every check of a graph needs.
struct Shared<'a> {
    checks: &'a [shapes::Check],
    iris: &'a Iris,
    prefixes: &'a [(String, String)],
}

/// The quote check and the shapes' rules on `store`, side by side (they only read it; the
/// quote check, the longest, first, then the count of triples, then each rule): their
/// problems, in that order, and the counts for the summary.
fn check_graph(
    store: &Store,
    facts: &facts::Facts,
    locate: &Locator,
    shared: &Shared,
    summary: &mut Summary,
) -> Result<Vec<Problem>, ValidateError> {
    let mut jobs = vec![Job::Quotes, Job::Count];
    jobs.extend(shared.checks.iter().map(Job::Rule));
    let done = parallel::side_by_side(&jobs, |job| match job {
        Job::Quotes => Done::Quotes(quotes::quote_problems(
            store,
            facts,
            shared.iris,
            locate,
            shared.prefixes,
        )),
        Job::Count => Done::Count(store.len()),
        Job::Rule(check) => Done::Rule(shapes::shape_problems(
            store,
            check,
            locate,
            shared.prefixes,
        )),
    });
    let mut problems = Vec::new();
    for done in done {
        match done {
            Done::Quotes(quoted) => {
                let (quote_problems, quotes) = quoted?;
                summary.quotes = quotes;
                problems.extend(quote_problems);
            }
            Done::Count(triples) => summary.triples = triples?,
            Done::Rule(shaped) => problems.extend(shaped?),
        }
    }
    Ok(problems)
}
