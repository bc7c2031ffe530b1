//! Runs a command: builds the [`Settings`] (every argument checked), then the knowledge
//! graph, then does the one thing asked and says how the process should exit.

use super::args::Args;
use super::destination::Destination;
use super::settings::{Job, QueryJob, Settings};
use anyhow::Result;
use cica_kg::facts::DataSource;
use cica_kg::facts::{self as facts, Facts};
use cica_kg::ontology;
use cica_kg::output;
use cica_kg::query::{
    self, MemoryLimitExceeded, Overran, QueryText, Reach, TimeLimitExceeded, Watch, OVERRUN_GRACE,
};
use cica_kg::rdf::export::{self, ExportFormat};
use cica_kg::rdf::present::{self, Presentation};
use cica_kg::rdf::JsonLdForm;
use cica_kg::rdf::{graph_quads, KnowledgeGraph, StoreError};
use cica_kg::table;
use cica_kg::validate::{self, ReportFormat};
use cica_kg::vocab::{GraphKind, Iris};
use cica_kg::wikidata::federation::{ServiceError, ServiceFailure};
use cica_kg::wikidata::{label_service, links, profile, Profile};
use oxigraph::sparql::SparqlEvaluator;
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
            jsonld_form,
            destination,
        } => run_export(
            &data,
            iris,
            format,
            &graphs,
            profile,
            jsonld_form,
            &destination,
        ),
        Job::ListQueries { destination } => list_queries(&destination),
        Job::ListPrefixes { destination } => list_prefixes(&iris, &destination),
        Job::Query(job) => run_query(&data, iris, *job),
        Job::LinkReport { destination } => {
            let kg = KnowledgeGraph::load(&data, iris)?;
            destination.write(|out| links::write_report(kg.facts(), out))?;
            Ok(ExitCode::SUCCESS)
        }
        Job::LinkSuggest {
            service,
            destination,
        } => super::link::suggest(&data, iris, &service, &destination),
        Job::LinkAccept { dir, accepted } => super::link::accept(&dir, &accepted),
        Job::Links {
            format,
            destination,
        } => {
            let kg = KnowledgeGraph::load(&data, iris)?;
            let quads = links::link_quads(&kg)?;
            let presentation = Presentation {
                what: "the Wikidata links (owl:sameAs)",
                jsonld: JsonLdForm::Compact,
            };
            write_rdf(
                kg.facts(),
                kg.iris(),
                quads,
                format,
                presentation,
                &destination,
                "links",
            )
        }
        Job::QuickStatements {
            options,
            diff,
            destination,
        } => super::link::quickstatements(&data, iris, options, diff.as_ref(), &destination),
        Job::WikidataDiff {
            qids,
            services,
            destination,
        } => super::link::diff(&data, iris, &qids, &services, &destination),
        Job::Validate { format, graph_file } => run_validate(&data, iris, format, graph_file),
        Job::Serve(job) => super::serve::run(&data, iris, *job),
        Job::ServeWorker(worker) => super::serve::run_worker(&data, iris, &worker),
        Job::Push(job) => super::push::run(&data, iris, *job),
        Job::Sources(job) => job.run(&data),
        Job::Draft(args) => super::draft::run_draft(*args, &data),
        Job::Accept(args) => super::draft::run_accept(args, &data),
        Job::Review(job) => super::review::run(job),
    }
}

fn run_export(
    data: &DataSource,
    iris: Iris,
    format: ExportFormat,
    graphs: &[GraphKind],
    profile: Profile,
    jsonld_form: JsonLdForm,
    destination: &Destination,
) -> Result<ExitCode> {
    // The graphs as they are need no store (see rdf::graph_quads); the Wikidata profile is
    // a query over one.
    let facts = facts::load(data, &ontology::shipped().map_err(StoreError::from)?.schema)
        .map_err(StoreError::from)?;
    let quads = match profile {
        Profile::Cica => graph_quads(&facts, &iris, graphs)?,
        Profile::Wikidata => {
            profile::profile(&KnowledgeGraph::from_facts(facts.clone(), iris.clone())?)?
        }
    };
    // JSON-LD (compact or expanded) keeps the named graphs when there are several.
    let named = format == ExportFormat::Jsonld && export::several_graphs(&quads);
    let unit = if format.is_dataset() || named {
        "quads"
    } else {
        "triples"
    };
    let names: Vec<&str> = graphs.iter().map(|g| g.slug()).collect();
    let what = match profile {
        Profile::Wikidata => "the facts in Wikidata's vocabulary (the wikidata profile)".to_owned(),
        Profile::Cica if names.len() == 1 => format!("the {} graph", names[0]),
        Profile::Cica => {
            let (last, rest) = names.split_last().expect("at least two graphs");
            format!("the {} and {last} graphs", rest.join(", "))
        }
    };
    let presentation = Presentation {
        what: &what,
        jsonld: jsonld_form,
    };
    write_rdf(
        &facts,
        &iris,
        quads,
        format,
        presentation,
        destination,
        unit,
    )
}

/// Writes quads as RDF and, for a file, says what was written on standard error.
fn write_rdf(
    facts: &Facts,
    iris: &Iris,
    quads: Vec<oxigraph::model::Quad>,
    format: ExportFormat,
    presentation: Presentation<'_>,
    destination: &Destination,
    unit: &str,
) -> Result<ExitCode> {
    let written =
        destination.write(|out| present::write(facts, iris, quads, format, presentation, out))?;
    if let (Destination::File(path), Some(written)) = (destination, written) {
        eprintln!("wrote {written} {unit} ({format}) to {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn list_queries(destination: &Destination) -> Result<ExitCode> {
    let rows = query::named_queries()?
        .into_iter()
        .map(|q| vec![q.name, q.header.question])
        .collect();
    write_columns(rows, destination)
}

fn list_prefixes(iris: &Iris, destination: &Destination) -> Result<ExitCode> {
    let rows = iris
        .prefixes()
        .into_iter()
        .map(|(p, ns)| vec![format!("{p}:"), format!("<{ns}>")])
        .collect();
    write_columns(rows, destination)
}

/// Writes rows in aligned columns.
fn write_columns(rows: Vec<Vec<String>>, destination: &Destination) -> Result<ExitCode> {
    let widths = table::widths(&rows);
    destination.write(|out| {
        rows.iter()
            .try_for_each(|row| writeln!(out, "{}", table::line(row, &widths)))
    })?;
    Ok(ExitCode::SUCCESS)
}

fn run_query(data: &DataSource, iris: Iris, job: QueryJob) -> Result<ExitCode> {
    let prefixes = job.profile.prefixes(&iris);
    let prepared = QueryText {
        origin: &job.origin,
        text: &job.text,
        prefixes: &prefixes,
        bindings: &job.bindings,
    }
    .prepare()?;
    // Queries copied from the Wikidata Query Service use its label service: run it locally.
    let prepared = label_service::rewrite(prepared);
    job.output.check(&prepared)?;
    // The store holds only what the query can read: a cold query pays for no more.
    let reach = match job.profile {
        Profile::Cica => Reach::of(&prepared),
        Profile::Wikidata => Reach::All,
    };
    let kg = KnowledgeGraph::load_selected(data, iris, &reach)?;
    let profile_store;
    let store = match job.profile {
        Profile::Cica => kg.store(),
        Profile::Wikidata => {
            profile_store = profile::profile_store(&kg)?;
            &profile_store
        }
    };
    // The clock runs from here until the results are written: they are read lazily.
    // So is the memory. A query that does not stop when cancelled (a sort, a count: Oxigraph
    // does not check its token in every loop, oxigraph#1336) ends the process, its output's
    // temporary file removed: once its memory grows on, or OVERRUN_GRACE past --timeout.
    let overrun: query::Overrun = Box::new(|overran| {
        let _held = output::abandon();
        eprintln!("error: {}", overrun_hint(overran));
        std::process::exit(2);
    });
    let watch = Watch::start();
    let limit = watch.limit_capped(job.timeout, Some(job.memory), Some(overrun));
    let evaluator = SparqlEvaluator::new()
        .with_default_service_handler(job.services)
        .with_cancellation_token(limit.token());
    let results = query::evaluate(store, &job.origin, prepared, evaluator)
        .map(|results| limit.watch(results))
        .map_err(|e| hint(limit.explain(e).into()))?;
    job.destination
        .write(|out| {
            query::write_results(results, job.output, &prefixes, out).map_err(|e| limit.explain(e))
        })
        .map_err(hint)?;
    Ok(ExitCode::SUCCESS)
}

/// What the process says as it ends a query that did not stop when cancelled.
fn overrun_hint(overran: Overran) -> String {
    match overran {
        Overran::Memory(exceeded) => memory_hint(&exceeded),
        Overran::Time(exceeded) => format!(
            "{exceeded} (--timeout) and did not stop when cancelled (its evaluation is in a loop Oxigraph does not interrupt), so it was ended {} s later; give it more time with --timeout SECONDS (at most 86400), or ask for less",
            OVERRUN_GRACE.as_secs()
        ),
    }
}

/// Says which option changes the limit or setting a failed query ran into: the library's
/// errors say what happened, the command line knows the flags.
fn hint(error: anyhow::Error) -> anyhow::Error {
    if let Some(exceeded) = error
        .chain()
        .find_map(|cause| cause.downcast_ref::<TimeLimitExceeded>())
    {
        return anyhow::anyhow!(
            "{exceeded} (--timeout); give it more time with --timeout SECONDS (at most 86400), or ask for less"
        );
    }
    if let Some(exceeded) = error
        .chain()
        .find_map(|cause| cause.downcast_ref::<MemoryLimitExceeded>())
    {
        return anyhow::anyhow!("{}", memory_hint(exceeded));
    }
    let Some(failure) = error
        .chain()
        .find_map(|cause| cause.downcast_ref::<ServiceError>())
        .map(ServiceError::kind)
    else {
        return error;
    };
    let help = match failure {
        ServiceFailure::Off => "federation is off (--no-service)",
        ServiceFailure::NotAllowed => "a SERVICE endpoint that was not allowed (--allow-service URL allows it; --service-map IRI=URL sends its calls to another endpoint)",
        ServiceFailure::LabelService => "a SERVICE that cica-kg does not call",
        ServiceFailure::TooLarge => "a SERVICE answer over the cap (--service-max-bytes BYTES raises it)",
        ServiceFailure::TimedOut => "a SERVICE call timed out (--service-timeout SECONDS waits longer, --service-map IRI=URL sends it to another endpoint)",
        _ => "a SERVICE call failed (--service-map IRI=URL sends it to another endpoint, --service-timeout SECONDS waits longer)",
    };
    error.context(help)
}

/// What a query past its memory cap is told.
fn memory_hint(exceeded: &MemoryLimitExceeded) -> String {
    format!("{exceeded} (--max-query-memory); give it more with --max-query-memory SIZE (at most 1TiB), or ask for less")
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
