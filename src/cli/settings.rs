//! The typed, checked configuration of a run, built from [`Args`] before any work starts (as
//! ripgrep turns raw flags into a validated configuration): the base IRI, where the data
//! comes from, output paths and formats, the query text and its bindings, the SERVICE
//! handler, the QIDs. Every error here names the flag at fault.

use super::args::{
    Args, Command, DiffArgs, ExportArgs, GraphChoice, LinkArgs, QueryArgs, QuickStatementsArgs,
    ValidateArgs, WikidataCommand,
};
use super::destination::Destination;
use super::serve::{self, ServeJob};
use anyhow::{anyhow, bail, Context, Result};
use cica_kg::facts::DataSource;
use cica_kg::input::{self, Cap, InputError, QUERY_FILE_CAP};
use cica_kg::output;
use cica_kg::query::{self, Binding, Output, ResultFormat};
use cica_kg::rdf::export::ExportFormat;
use cica_kg::rdf::JsonLdForm;
use cica_kg::validate::ReportFormat;
use cica_kg::vocab::wikidata::Qid;
use cica_kg::vocab::{GraphKind, Iris, DEFAULT_BASE};
use cica_kg::wikidata::diff as wikidata_diff;
use cica_kg::wikidata::federation::{Allowlist, ServiceHandler, ServiceMapping, ServiceSettings};
use cica_kg::wikidata::quickstatements::{self, Options};
use cica_kg::wikidata::reconcile::Service;
use cica_kg::wikidata::Profile;
use oxigraph::model::NamedNode;
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
        jsonld_form: JsonLdForm,
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
    /// `link --suggest`
    LinkSuggest {
        service: Service,
        destination: Destination,
    },
    /// `link --accept`
    LinkAccept {
        dir: PathBuf,
        accepted: Vec<(String, Qid)>,
    },
    /// `link`
    Links {
        format: ExportFormat,
        destination: Destination,
    },
    /// `quickstatements`
    QuickStatements {
        options: Options,
        /// With `--only-missing`: how to ask Wikidata first.
        diff: Option<ServiceHandler>,
        destination: Destination,
    },
    /// `wikidata diff`
    WikidataDiff {
        qids: Vec<(String, Qid)>,
        services: ServiceHandler,
        destination: Destination,
    },
    /// `push`
    Push(Box<super::push::PushJob>),
    /// `validate`
    Validate {
        format: ReportFormat,
        graph_file: Option<PathBuf>,
    },
    /// `serve`
    Serve(Box<ServeJob>),
    /// `serve-worker`
    ServeWorker((cica_kg::serve::Services, cica_kg::query::MemoryCap)),
    /// `sources`
    Sources(super::sources::SourcesJob),
    /// `draft`
    Draft(Box<super::draft::DraftArgs>),
    /// `accept`
    Accept(super::draft::AcceptArgs),
    /// `review`
    Review(super::review::ReviewJob),
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
    /// How long the query may run.
    pub timeout: Duration,
    /// How much memory it may use.
    pub memory: cica_kg::query::MemoryCap,
    /// Where the results go.
    pub destination: Destination,
}

impl Settings {
    /// Checks the arguments.
    pub fn new(args: Args) -> Result<Self> {
        let base_from_bind = args.base.is_none();
        let base = match (&args.base, &args.command) {
            (Some(base), _) => base.clone(),
            // A server's resources answer at its own address.
            (None, Command::Serve(serve)) => format!("http://{}/", serve.bind),
            (None, _) => DEFAULT_BASE.to_owned(),
        };
        let iris = Iris::new(&base).context("--base")?;
        let data = match args.data {
            Some(dir) => DataSource::Directory(dir),
            None => DataSource::Embedded,
        };
        let job = match args.command {
            Command::Export(a) => export(a)?,
            Command::Query(a) => query(a, &iris)?,
            Command::Link(a) => link(a, &data)?,
            Command::Quickstatements(a) => quickstatements(a)?,
            Command::Wikidata(WikidataCommand::Diff(a)) => wikidata_diff(a)?,
            Command::Validate(a) => validate(a),
            Command::Serve(a) => Job::Serve(Box::new(serve::settings(a, base_from_bind)?)),
            Command::ServeWorker(a) => Job::ServeWorker(serve::worker_settings(a)),
            Command::Push(a) => Job::Push(Box::new(super::push::PushJob::new(a, &iris)?)),
            Command::Sources(a) => Job::Sources(super::sources::SourcesJob::new(a)?),
            Command::Draft(a) => Job::Draft(Box::new(a)),
            Command::Accept(a) => Job::Accept(a),
            Command::Review(a) => Job::Review(super::review::settings(a, &data)?),
        };
        Ok(Self { data, iris, job })
    }
}

/// The format: given, else from the output file's extension, else Turtle (also for a device,
/// FIFO or `/dev/stdout` without an extension).
fn export_format(format: Option<ExportFormat>, output: Option<&Path>) -> Result<ExportFormat> {
    if let Some(format) = format {
        return Ok(format);
    }
    let Some(path) = output.filter(|p| p.as_os_str() != "-") else {
        return Ok(ExportFormat::Turtle);
    };
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if extension.is_empty() && output::is_written_in_place(path) {
        return Ok(ExportFormat::Turtle);
    }
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
        jsonld_form: args.jsonld_form,
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
    let services = services(&args)?;
    let (origin, text) = match (args.expression, args.query) {
        (Some(expression), _) => ("-e".to_owned(), expression),
        (None, Some(file)) if query::is_file_argument(&file) => {
            let text = read_query_file(Path::new(&file))?;
            (file, text)
        }
        (None, Some(name)) => {
            let named = query::named_query(&name)?;
            (format!("queries/{}.rq", named.name), named.text)
        }
        (None, None) => bail!("give a query: a name (see --list), a .rq file, or -e 'SELECT ...'"),
    };
    let prefixes = args.profile.prefixes(iris);
    let bindings = args
        .bindings
        .iter()
        .map(|b| query::parse_binding(b, &prefixes))
        .collect::<Result<Vec<_>, _>>()
        .context("--bind")?;
    query::check_unique(&bindings).context("--bind")?;
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
    Ok(Job::Query(Box::new(QueryJob {
        origin,
        text,
        bindings,
        output,
        profile: args.profile,
        services,
        timeout: Duration::from_secs(args.timeout),
        memory: args.max_query_memory,
        destination,
    })))
}

/// The SERVICE handler: the allowlist (Wikidata, `--allow-service`, or off with
/// `--no-service`), the service map, the timeout and the answer cap.
fn services(args: &QueryArgs) -> Result<ServiceHandler> {
    let mut allowlist = if args.no_service {
        Allowlist::Off
    } else {
        Allowlist::default()
    };
    for url in &args.allow_service {
        NamedNode::new(url.as_str())
            .map_err(|e| anyhow!("'{url}' is not an absolute IRI ({e})"))
            .and_then(|iri| Ok(allowlist.allow(&iri)?))
            .with_context(|| format!("--allow-service {url}"))?;
    }
    ServiceHandler::new(ServiceSettings {
        mappings: args.service_map.clone(),
        allowlist,
        timeout: Duration::from_secs(args.service_timeout),
        answer_cap: Cap(args.service_max_bytes),
    })
    .context("--service-map")
}

/// The handler of the program's own questions to Wikidata (`wikidata diff`,
/// `quickstatements --only-missing`): the query service, or where the service map sends it.
fn wikidata_services(mappings: Vec<ServiceMapping>, timeout: u64) -> Result<ServiceHandler> {
    let mappings = wikidata_diff::query_service_mappings(mappings).context("--service-map")?;
    ServiceHandler::new(ServiceSettings {
        mappings,
        timeout: Duration::from_secs(timeout),
        ..ServiceSettings::default()
    })
    .context("--service-map")
}

/// Reads a query file (a regular file within its cap) as UTF-8.
fn read_query_file(path: &Path) -> Result<String> {
    let bytes = input::read_regular_file(path, QUERY_FILE_CAP, "query files").map_err(|e| match e {
        InputError::Read { source, .. } => anyhow!(
            "cannot read the query file {}: {source}; check the path, or give a named query (see cica-kg query --list)",
            path.display()
        ),
        other => anyhow!("the query file {other}"),
    })?;
    String::from_utf8(bytes).map_err(|_| {
        anyhow!(
            "{}: the query file is not UTF-8; save it as UTF-8",
            path.display()
        )
    })
}

fn link(args: LinkArgs, data: &DataSource) -> Result<Job> {
    let destination = Destination::new(args.output.clone()).context("--output")?;
    if args.report {
        return Ok(Job::LinkReport { destination });
    }
    if args.suggest {
        let endpoint = args
            .reconcile_url
            .parse()
            .map_err(|e| anyhow!("--reconcile-url {}: not a URL ({e})", args.reconcile_url))?;
        let service = Service {
            endpoint,
            timeout: Duration::from_secs(args.reconcile_timeout),
            limit: usize::try_from(args.limit).unwrap_or(25),
        };
        return Ok(Job::LinkSuggest {
            service,
            destination,
        });
    }
    if !args.accept.is_empty() {
        let DataSource::Directory(dir) = data else {
            bail!("--accept writes into the facts files: give the folder to edit with --data DIR (for the shipped data: --data data, from the repository)");
        };
        let accepted = args
            .accept
            .iter()
            .map(|a| {
                quickstatements::parse_qid_argument(a).with_context(|| format!("--accept {a}"))
            })
            .collect::<Result<Vec<_>>>()?;
        return Ok(Job::LinkAccept {
            dir: dir.clone(),
            accepted,
        });
    }
    Ok(Job::Links {
        format: export_format(args.format, args.output.as_deref())?,
        destination,
    })
}

fn qid_arguments(arguments: &[String]) -> Result<Vec<(String, Qid)>> {
    arguments
        .iter()
        .map(|q| quickstatements::parse_qid_argument(q).with_context(|| format!("--qid {q}")))
        .collect()
}

fn quickstatements(args: QuickStatementsArgs) -> Result<Job> {
    let diff = match args.only_missing {
        true => Some(wikidata_services(args.service_map, args.service_timeout)?),
        false => None,
    };
    Ok(Job::QuickStatements {
        options: Options {
            qids: qid_arguments(&args.qids)?,
            create: args.create,
            known: None,
            add_qualifiers: args.add_qualifiers,
        },
        diff,
        destination: Destination::new(args.output).context("--output")?,
    })
}

fn wikidata_diff(args: DiffArgs) -> Result<Job> {
    Ok(Job::WikidataDiff {
        qids: qid_arguments(&args.qids)?,
        services: wikidata_services(args.service_map, args.service_timeout)?,
        destination: Destination::new(args.output).context("--output")?,
    })
}

fn validate(args: ValidateArgs) -> Job {
    Job::Validate {
        format: args.format,
        graph_file: args.graph_file,
    }
}
