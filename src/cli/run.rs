//! Runs a command: builds the [`Settings`] (every argument checked), then the knowledge
//! graph, then does the one thing asked and says how the process should exit.

use super::args::Args;
use super::destination::Destination;
use super::settings::{Job, QueryJob, Settings};
use anyhow::Result;
use cica_kg::facts::DataSource;
use cica_kg::query::{self, QueryText};
use cica_kg::rdf::export::{self, ExportFormat};
use cica_kg::rdf::KnowledgeGraph;
use cica_kg::table;
use cica_kg::validate::{self, ReportFormat};
use cica_kg::vocab::{GraphKind, Iris};
use cica_kg::wikidata::quickstatements::{self, Options};
use cica_kg::wikidata::{links, profile, Profile};
use std::path::PathBuf;
use std::process::ExitCode;

/// Runs a parsed command line.
pub fn run(args: Args) -> Result<ExitCode> {
    let Settings { data, iris, job } = Settings::new(args)?;
    match job {
        Job::Export {
            format,
            graphs,
            profile,
            destination,
        } => run_export(&data, iris, format, &graphs, profile, &destination),
        Job::ListQueries { destination } => list_queries(&destination),
        Job::ListPrefixes { destination } => list_prefixes(&iris, &destination),
        Job::Query(job) => run_query(&data, iris, *job),
        Job::LinkReport { destination } => {
            let kg = KnowledgeGraph::load(&data, iris)?;
            destination.write(|out| links::write_report(kg.facts(), out))?;
            Ok(ExitCode::SUCCESS)
        }
        Job::Links {
            format,
            destination,
        } => {
            let kg = KnowledgeGraph::load(&data, iris)?;
            let quads = links::link_quads(&kg)?;
            write_rdf(&kg, &quads, format, &destination, "links")
        }
        Job::QuickStatements {
            options,
            destination,
        } => run_quickstatements(&data, iris, &options, &destination),
        Job::Validate { format, graph_file } => run_validate(&data, iris, format, graph_file),
        Job::Sources(job) => job.run(&data),
    }
}

fn run_export(
    data: &DataSource,
    iris: Iris,
    format: ExportFormat,
    graphs: &[GraphKind],
    profile: Profile,
    destination: &Destination,
) -> Result<ExitCode> {
    let kg = KnowledgeGraph::load(data, iris)?;
    let quads = match profile {
        Profile::Cica => kg.quads(graphs)?,
        Profile::Wikidata => profile::profile(&kg)?,
    };
    let unit = if format.is_dataset() {
        "quads"
    } else {
        "triples"
    };
    write_rdf(&kg, &quads, format, destination, unit)
}

/// Writes quads as RDF and, for a file, says what was written on standard error.
fn write_rdf(
    kg: &KnowledgeGraph,
    quads: &[oxigraph::model::Quad],
    format: ExportFormat,
    destination: &Destination,
    unit: &str,
) -> Result<ExitCode> {
    let prefixes = kg.iris().prefixes();
    let written = destination.write(|out| export::write(quads, format, &prefixes, out))?;
    if let Destination::File(path) = destination {
        eprintln!("wrote {written} {unit} ({format}) to {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn list_queries(destination: &Destination) -> Result<ExitCode> {
    let queries = query::named_queries()?;
    let rows: Vec<Vec<&str>> = queries
        .iter()
        .map(|q| vec![q.name.as_str(), q.header.question.as_str()])
        .collect();
    let widths = table::widths(&rows);
    destination.write(|out| {
        rows.iter()
            .try_for_each(|row| writeln!(out, "{}", table::line(row, &widths)))
    })?;
    Ok(ExitCode::SUCCESS)
}

fn list_prefixes(iris: &Iris, destination: &Destination) -> Result<ExitCode> {
    let rows: Vec<Vec<String>> = iris
        .prefixes()
        .into_iter()
        .map(|(p, ns)| vec![format!("{p}:"), format!("<{ns}>")])
        .collect();
    let widths = table::widths(&rows);
    destination.write(|out| {
        rows.iter()
            .try_for_each(|row| writeln!(out, "{}", table::line(row, &widths)))
    })?;
    Ok(ExitCode::SUCCESS)
}

fn run_query(data: &DataSource, iris: Iris, job: QueryJob) -> Result<ExitCode> {
    let prefixes = iris.prefixes();
    let prepared = QueryText {
        origin: &job.origin,
        text: &job.text,
        prefixes: &prefixes,
        bindings: &job.bindings,
    }
    .prepare()?;
    job.output.check(&prepared)?;
    let kg = KnowledgeGraph::load(data, iris)?;
    let profile_store;
    let store = match job.profile {
        Profile::Cica => kg.store(),
        Profile::Wikidata => {
            profile_store = profile::profile_store(&kg)?;
            &profile_store
        }
    };
    let evaluator =
        oxigraph::sparql::SparqlEvaluator::new().with_default_service_handler(job.services);
    let results = query::evaluate(store, &job.origin, prepared, evaluator)
        .map_err(|e| service_hint(e.into()))?;
    job.destination
        .write(|out| query::write_results(results, job.output, &prefixes, out))
        .map_err(service_hint)?;
    Ok(ExitCode::SUCCESS)
}

/// Says which options help when a SERVICE call failed.
fn service_hint(error: anyhow::Error) -> anyhow::Error {
    if format!("{error:#}").contains("SERVICE <") {
        error.context("a SERVICE call failed (--service-map IRI=URL sends it to another endpoint, --service-timeout SECONDS waits longer)")
    } else {
        error
    }
}

fn run_quickstatements(
    data: &DataSource,
    iris: Iris,
    options: &Options,
    destination: &Destination,
) -> Result<ExitCode> {
    let kg = KnowledgeGraph::load(data, iris)?;
    let batch = quickstatements::build(&kg, options)?;
    destination.write(|out| {
        batch
            .lines
            .iter()
            .try_for_each(|line| writeln!(out, "{line}"))
    })?;
    for note in &batch.notes {
        eprintln!("note: {note}");
    }
    eprintln!(
        "{} statements written as {} QuickStatements lines; {} not written (see the notes above)",
        batch.written,
        batch.lines.len(),
        batch.skipped
    );
    Ok(ExitCode::SUCCESS)
}

/// Prints the validation report; exit status 0 valid, 1 problems found (an error, exit
/// status 2, means the check could not run).
fn run_validate(
    data: &DataSource,
    iris: Iris,
    format: ReportFormat,
    graph_file: Option<PathBuf>,
) -> Result<ExitCode> {
    let report = validate::validate(data, iris, graph_file.as_deref())?;
    Destination::Stdout.write(|out| report.write(format, out))?;
    Ok(if report.valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
