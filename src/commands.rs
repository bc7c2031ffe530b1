//! Runs the subcommands: turns [`Args`] into checked settings (base IRI, formats, output
//! paths) before any work starts, builds the knowledge graph, and writes the result to
//! standard output or atomically to a file.

use crate::cli::{
    Args, Command, ExportArgs, GraphChoice, LinkArgs, QueryArgs, QuickStatementsArgs, ValidateArgs,
};
use crate::export::{self, ExportFormat};
use crate::facts::DataSource;
use crate::federation::ServiceHandler;
use crate::output;
use crate::query::{self, ResultFormat};
use crate::quickstatements;
use crate::store::KnowledgeGraph;
use crate::validate;
use crate::vocab::{GraphName, Iris};
use crate::wikidata::{self, Profile};
use anyhow::{anyhow, bail, Context, Result};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Runs a parsed command line and says how the process should exit.
pub fn run(args: Args) -> Result<ExitCode> {
    let iris = Iris::new(&args.base).map_err(|e| anyhow!("--base: {e}"))?;
    let data = match &args.data {
        Some(dir) => DataSource::Directory(dir.clone()),
        None => DataSource::Embedded,
    };
    match args.command {
        Command::Export(export) => run_export(&data, iris, export),
        Command::Query(query) => run_query(&data, iris, query),
        Command::Link(link) => run_link(&data, iris, link),
        Command::Quickstatements(batch) => run_quickstatements(&data, iris, batch),
        Command::Validate(validate) => run_validate(&data, iris, validate),
    }
}

/// Where output goes.
enum Destination {
    Stdout,
    File(PathBuf),
}

impl Destination {
    fn new(path: Option<PathBuf>) -> Result<Self> {
        Ok(match path {
            Some(path) if path.as_os_str() != "-" => {
                output::check_path(&path)?;
                Self::File(path)
            }
            _ => Self::Stdout,
        })
    }

    fn write<T>(&self, write: impl FnOnce(&mut dyn Write) -> Result<T>) -> Result<T> {
        match self {
            Self::File(path) => output::write_file(path, write),
            Self::Stdout => {
                // Buffered whole, so that a command failing half-way (a SERVICE call in a
                // query, say) prints nothing rather than a truncated result.
                let mut buffer = Vec::new();
                let result = write(&mut buffer)?;
                let mut stdout = io::stdout().lock();
                match stdout.write_all(&buffer).and_then(|()| stdout.flush()) {
                    Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
                    other => other.context("cannot write to standard output")?,
                }
                Ok(result)
            }
        }
    }
}

fn export_format(format: Option<ExportFormat>, output: Option<&Path>) -> Result<ExportFormat> {
    if let Some(format) = format {
        return Ok(format);
    }
    let Some(path) = output else {
        return Ok(ExportFormat::Turtle);
    };
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    ExportFormat::from_extension(extension).ok_or_else(|| {
        anyhow!(
            "cannot tell the format of {} from its extension '{extension}'; give --format, one of: {}",
            path.display(),
            ExportFormat::names()
        )
    })
}

fn run_export(data: &DataSource, iris: Iris, args: ExportArgs) -> Result<ExitCode> {
    if args.profile == Profile::Wikidata && args.graph.is_some() {
        bail!("--graph chooses among the graphs of the cica profile; the wikidata profile is the facts alone: leave out --graph, or use --profile cica");
    }
    // The path first: a folder or a missing directory is the problem to report, not its
    // extension.
    if let Some(path) = &args.output {
        output::check_path(path)?;
    }
    let format = export_format(args.format, args.output.as_deref())?;
    let destination = Destination::new(args.output)?;
    let graphs = match args.graph {
        Some(choice) => choice.graphs(),
        None if format.is_dataset() => vec![GraphName::Facts, GraphName::Provenance],
        None => GraphChoice::Facts.graphs(),
    };
    let kg = KnowledgeGraph::load(data, iris)?;
    let quads = match args.profile {
        Profile::Cica => kg.quads(&graphs)?,
        Profile::Wikidata => wikidata::profile(&kg)?,
    };
    let prefixes = kg.iris.prefixes();
    let written = destination.write(|out| export::write(&quads, format, &prefixes, out))?;
    if let Destination::File(path) = &destination {
        let unit = if format.is_dataset() {
            "quads"
        } else {
            "triples"
        };
        eprintln!("wrote {written} {unit} ({format}) to {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn run_query(data: &DataSource, iris: Iris, args: QueryArgs) -> Result<ExitCode> {
    if args.list {
        let destination = Destination::new(args.output)?;
        let queries = query::named_queries()?;
        let width = queries.iter().map(|q| q.name.len()).max().unwrap_or(0);
        destination.write(|out| {
            for query in &queries {
                writeln!(out, "{:<width$}  {}", query.name, query.header.question)?;
            }
            Ok(())
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    let (origin, text) = match (&args.expression, &args.query) {
        (Some(expression), _) => ("-e".to_owned(), expression.clone()),
        (None, Some(query)) if is_query_file(query) => {
            let text = std::fs::read(query)
                .map_err(|e| {
                    anyhow!(
                        "cannot read the query file {query}: {e}; check the path, or give a named query (see cica-kg query --list)"
                    )
                })?;
            let text = String::from_utf8(text)
                .map_err(|_| anyhow!("{query}: the query file is not UTF-8; save it as UTF-8"))?;
            (query.clone(), text)
        }
        (None, Some(name)) => {
            let named = query::named_query(name)?;
            (format!("queries/{}.rq", named.name), named.text)
        }
        (None, None) => bail!("give a query: a name (see --list), a .rq file, or -e 'SELECT ...'"),
    };
    let prefixes = iris.prefixes();
    let bindings = args
        .bindings
        .iter()
        .map(|b| query::parse_binding(b, &prefixes))
        .collect::<Result<Vec<_>>>()?;
    let format = args
        .format
        .unwrap_or(if io::stdout().is_terminal() && args.output.is_none() {
            ResultFormat::Table
        } else {
            ResultFormat::Tsv
        });
    let services = ServiceHandler::new(&args.service_map, args.service_timeout)?;
    let destination = Destination::new(args.output)?;
    let kg = KnowledgeGraph::load(data, iris)?;
    // The usual prefixes are predefined, for -e queries.
    let evaluator = query::evaluator(&prefixes)?.with_default_service_handler(services);
    let profile_store;
    let store = match args.profile {
        Profile::Cica => &kg.store,
        Profile::Wikidata => {
            profile_store = wikidata::profile_store(&kg)?;
            &profile_store
        }
    };
    let results = query::evaluate(store, &origin, &text, evaluator, &bindings)?;
    destination
        .write(|out| query::write_results(results, format, args.rdf_format, &prefixes, out))?;
    Ok(ExitCode::SUCCESS)
}

fn run_link(data: &DataSource, iris: Iris, args: LinkArgs) -> Result<ExitCode> {
    let format = match args.report {
        true => None,
        false => Some(export_format(args.format, args.output.as_deref())?),
    };
    let destination = Destination::new(args.output)?;
    let kg = KnowledgeGraph::load(data, iris)?;
    let Some(format) = format else {
        destination.write(|out| wikidata::write_report(&kg.facts, out))?;
        return Ok(ExitCode::SUCCESS);
    };
    let quads = wikidata::link_quads(&kg)?;
    let prefixes = kg.iris.prefixes();
    let written = destination.write(|out| export::write(&quads, format, &prefixes, out))?;
    if let Destination::File(path) = &destination {
        eprintln!("wrote {written} links ({format}) to {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn run_quickstatements(
    data: &DataSource,
    iris: Iris,
    args: QuickStatementsArgs,
) -> Result<ExitCode> {
    for qid in &args.qids {
        quickstatements::parse_qid(qid)?;
    }
    let destination = Destination::new(args.output)?;
    let kg = KnowledgeGraph::load(data, iris)?;
    let options = quickstatements::Options {
        qids: args.qids,
        create: args.create,
    };
    let batch = quickstatements::build(&kg, &options)?;
    destination.write(|out| {
        for line in &batch.lines {
            writeln!(out, "{line}")?;
        }
        Ok(())
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
fn run_validate(data: &DataSource, iris: Iris, args: ValidateArgs) -> Result<ExitCode> {
    let report = validate::validate(data, iris, args.graph_file.as_deref())?;
    Destination::Stdout.write(|out| report.write(args.format, out))?;
    Ok(if report.valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// A path rather than a name: it ends in `.rq`, contains a separator, or exists.
fn is_query_file(query: &str) -> bool {
    query.ends_with(".rq") || query.contains(['/', '\\']) || Path::new(query).is_file()
}

/// The error and its causes, joined by ": ", leaving out a cause that only repeats the message
/// before it (Oxigraph wraps a SERVICE error in one that displays it again).
pub fn error_chain(error: &anyhow::Error) -> String {
    let mut messages: Vec<String> = Vec::new();
    for cause in error.chain() {
        let message = cause.to_string();
        if messages.last() != Some(&message) {
            messages.push(message);
        }
    }
    messages.join(": ")
}
