//! The typed, checked configuration of a run, built from [`Args`] before any work starts (as
//! ripgrep turns raw flags into a validated configuration): the base IRI, where the data
//! comes from, output paths and formats, the query text and its bindings, the SERVICE
//! handler, the QIDs. Every error here names the flag at fault.

use super::args::{
    Args, Command, ExportArgs, GraphChoice, LinkArgs, QueryArgs, QuickStatementsArgs, ValidateArgs,
};
use super::destination::Destination;
use anyhow::{anyhow, bail, Context, Result};
use cica_kg::facts::DataSource;
use cica_kg::query::{self, catalog, Binding, Output, ResultFormat};
use cica_kg::rdf::export::ExportFormat;
use cica_kg::validate::ReportFormat;
use cica_kg::vocab::{GraphKind, Iris};
use cica_kg::wikidata::federation::ServiceHandler;
use cica_kg::wikidata::quickstatements::{self, Options};
use cica_kg::wikidata::Profile;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Everything a run needs, checked.
pub struct Settings {
    /// Where the facts come from.
    pub data: DataSource,
    /// The IRIs of the data.
    pub iris: Iris,
    /// What to do.
    pub job: Job,
}

/// A command with its checked settings.
pub enum Job {
    /// `export`
    Export {
        format: ExportFormat,
        graphs: Vec<GraphKind>,
        profile: Profile,
        destination: Destination,
    },
    /// `query --list`
    ListQueries { destination: Destination },
    /// `query --prefixes`
    ListPrefixes { destination: Destination },
    /// `query`
    Query(Box<QueryJob>),
    /// `link --report`
    LinkReport { destination: Destination },
    /// `link`
    Links {
        format: ExportFormat,
        destination: Destination,
    },
    /// `quickstatements`
    QuickStatements {
        options: Options,
        destination: Destination,
    },
    /// `validate`
    Validate {
        format: ReportFormat,
        graph_file: Option<PathBuf>,
    },
    /// `sources`
    Sources(super::sources::SourcesJob),
}

/// `query` with a query to run.
pub struct QueryJob {
    /// Where the query comes from: `-e`, the file, or `queries/NAME.rq`.
    pub origin: String,
    /// The SPARQL text.
    pub text: String,
    /// The values of `--bind`.
    pub bindings: Vec<Binding>,
    /// The result formats.
    pub output: Output,
    /// The vocabulary.
    pub profile: Profile,
    /// How SERVICE calls are made.
    pub services: ServiceHandler,
    /// Where the results go.
    pub destination: Destination,
}

impl Settings {
    /// Checks the arguments.
    pub fn new(args: Args) -> Result<Self> {
        let iris = Iris::new(&args.base).context("--base")?;
        let data = match args.data {
            Some(dir) => DataSource::Directory(dir),
            None => DataSource::Embedded,
        };
        let job = match args.command {
            Command::Export(a) => export(a)?,
            Command::Query(a) => query(a, &iris)?,
            Command::Link(a) => link(a)?,
            Command::Quickstatements(a) => quickstatements(a)?,
            Command::Validate(a) => validate(a),
            Command::Sources(a) => Job::Sources(super::sources::SourcesJob::new(a)?),
        };
        Ok(Self { data, iris, job })
    }
}

/// The format: given, else from the output file's extension, else Turtle.
fn export_format(format: Option<ExportFormat>, output: Option<&Path>) -> Result<ExportFormat> {
    if let Some(format) = format {
        return Ok(format);
    }
    let Some(path) = output.filter(|p| p.as_os_str() != "-") else {
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

fn export(args: ExportArgs) -> Result<Job> {
    if args.profile == Profile::Wikidata && args.graph.is_some() {
        bail!("--graph chooses among the graphs of the cica profile; the wikidata profile is the facts alone: leave out --graph, or use --profile cica");
    }
    // The path first: a folder or a missing directory is the problem to report, not its
    // extension.
    let destination = Destination::new(args.output.clone()).context("--output")?;
    let format = export_format(args.format, args.output.as_deref())?;
    let graphs = match args.graph {
        Some(GraphChoice::Facts) => vec![GraphKind::Facts],
        Some(GraphChoice::Provenance) => vec![GraphKind::Provenance],
        Some(GraphChoice::Ontology) => vec![GraphKind::Ontology],
        Some(GraphChoice::All) => GraphKind::ALL.to_vec(),
        None if format.is_dataset() => vec![GraphKind::Facts, GraphKind::Provenance],
        None => vec![GraphKind::Facts],
    };
    Ok(Job::Export {
        format,
        graphs,
        profile: args.profile,
        destination,
    })
}

fn query(args: QueryArgs, iris: &Iris) -> Result<Job> {
    let destination = Destination::new(args.output.clone()).context("--output")?;
    if args.list {
        return Ok(Job::ListQueries { destination });
    }
    if args.prefixes {
        return Ok(Job::ListPrefixes { destination });
    }
    let (origin, text) = match (args.expression, args.query) {
        (Some(expression), _) => ("-e".to_owned(), expression),
        (None, Some(file)) if catalog::is_file_argument(&file) => {
            let text = read_query_file(Path::new(&file))?;
            (file, text)
        }
        (None, Some(name)) => {
            let named = query::named_query(&name)?;
            (format!("queries/{}.rq", named.name), named.text)
        }
        (None, None) => bail!("give a query: a name (see --list), a .rq file, or -e 'SELECT ...'"),
    };
    let prefixes = iris.prefixes();
    let bindings = args
        .bindings
        .iter()
        .map(|b| query::parse_binding(b, &prefixes))
        .collect::<Result<Vec<_>, _>>()
        .context("--bind")?;
    query::bind::check_unique(&bindings).context("--bind")?;
    let output = Output {
        solutions: args.format.unwrap_or(
            if std::io::stdout().is_terminal() && destination == Destination::Stdout {
                ResultFormat::Table
            } else {
                ResultFormat::Tsv
            },
        ),
        solutions_chosen: args.format.is_some(),
        rdf: args.rdf_format,
    };
    let services = ServiceHandler::new(args.service_map, Duration::from_secs(args.service_timeout))
        .context("--service-map")?;
    Ok(Job::Query(Box::new(QueryJob {
        origin,
        text,
        bindings,
        output,
        profile: args.profile,
        services,
        destination,
    })))
}

/// Reads a query file as UTF-8.
fn read_query_file(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| {
        anyhow!(
            "cannot read the query file {}: {e}; check the path, or give a named query (see cica-kg query --list)",
            path.display()
        )
    })?;
    String::from_utf8(bytes).map_err(|_| {
        anyhow!(
            "{}: the query file is not UTF-8; save it as UTF-8",
            path.display()
        )
    })
}

fn link(args: LinkArgs) -> Result<Job> {
    let destination = Destination::new(args.output.clone()).context("--output")?;
    if args.report {
        return Ok(Job::LinkReport { destination });
    }
    Ok(Job::Links {
        format: export_format(args.format, args.output.as_deref())?,
        destination,
    })
}

fn quickstatements(args: QuickStatementsArgs) -> Result<Job> {
    let qids = args
        .qids
        .iter()
        .map(|q| quickstatements::parse_qid_argument(q).with_context(|| format!("--qid {q}")))
        .collect::<Result<Vec<_>>>()?;
    Ok(Job::QuickStatements {
        options: Options {
            qids,
            create: args.create,
        },
        destination: Destination::new(args.output).context("--output")?,
    })
}

fn validate(args: ValidateArgs) -> Job {
    Job::Validate {
        format: args.format,
        graph_file: args.graph_file,
    }
}
