//! What the user typed: clap derive, with the doc comments as help text. Values the library
//! can read (formats, profiles, service mappings) are parsed here by the library's own
//! parsers; [`super::settings`] checks the rest before any work starts.

use super::generate::Generate;
use super::push::PushArgs;
use super::serve::{ServeArgs, ServeWorkerArgs};
use cica_kg::named::Named;
use cica_kg::query::{MemoryCap, ResultFormat};
use cica_kg::rdf::export::ExportFormat;
use cica_kg::rdf::JsonLdForm;
use cica_kg::validate::ReportFormat;
use cica_kg::wikidata::federation::{parse_mapping, ServiceMapping};
use cica_kg::wikidata::Profile;
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::str::FromStr;

/// Build, query and export the knowledge graph of what news articles say about the
/// Conference on Interaction and Confidence Building Measures in Asia (CICA).
///
/// Every command reads the facts (the shipped data, or --data DIR), checks every quote against
/// its article, and loads an in-memory Oxigraph store before it runs.
#[derive(Debug, Parser)]
#[command(
    name = "cica-kg",
    version,
    max_term_width = 100,
    arg_required_else_help = true,
    override_usage = "cica-kg [OPTIONS] <COMMAND>\n       cica-kg --generate <WHAT>"
)]
pub struct Cli {
    /// Read the facts (*.toml) and their articles from DIR instead of the data built into the
    /// binary, so that an edited fact needs no rebuild
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,

    /// Namespace of the data's IRIs (entities are BASE + kind/slug, such as BASE + summit/6);
    /// an absolute IRI ending in '/' or '#' [default: https://w3id.org/cica-kg/; for serve,
    /// the server's own address, http://ADDRESS/]
    #[arg(long, global = true, value_name = "IRI")]
    pub base: Option<String>,

    /// Write the man page (man) or a shell's completion script to standard output, and exit
    #[arg(long, value_enum, value_name = "WHAT", exclusive = true)]
    pub generate: Option<Generate>,

    /// What to do
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// A command to run: the command line without `--generate`.
#[derive(Debug)]
pub struct Args {
    /// --data
    pub data: Option<PathBuf>,
    /// --base
    pub base: Option<String>,
    /// The subcommand.
    pub command: Command,
}

impl Args {
    /// Whether this run is `serve` (or one of its workers), which handles its own signals.
    pub fn serves(&self) -> bool {
        matches!(self.command, Command::Serve(_) | Command::ServeWorker(_))
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write the graph as RDF: Turtle (default), N-Triples, N-Quads, TriG, RDF/XML or JSON-LD
    Export(ExportArgs),
    /// Ask the graph a SPARQL question: a named query, a .rq file or -e 'SELECT ...'
    #[command(
        override_usage = "cica-kg query [OPTIONS] <NAME|FILE> | -e QUERY | --list | --prefixes"
    )]
    Query(QueryArgs),
    /// Write the Wikidata links (owl:sameAs) as RDF, or with --report list the linked entities
    /// and, for each unlinked one, what to search Wikidata for
    Link(LinkArgs),
    /// Write QuickStatements V1 commands that add the articles' facts, with the article as
    /// reference, to Wikidata items; what cannot be written is listed on standard error
    Quickstatements(QuickStatementsArgs),
    /// Compare the facts with Wikidata: for every linked item, what Wikidata says today for
    /// the mapped properties (one query to the Wikidata Query Service)
    #[command(subcommand)]
    Wikidata(WikidataCommand),
    /// Check the facts, their quotes and the SHACL shapes of ontology/shapes.ttl: one line per
    /// problem (file:line:column, what is wrong, what to change), then a summary. Exit status 0
    /// valid, 1 problems found, 2 the check could not run
    Validate(ValidateArgs),
    /// Serve the graph over HTTP: a SPARQL endpoint (/sparql), a read-only graph store
    /// (/store), every resource as Linked Data at its own address, and pages for people (/)
    Serve(ServeArgs),
    /// Evaluate the queries of `serve`, one at a time, read from standard input (started by
    /// `serve` itself)
    #[command(hide = true)]
    ServeWorker(ServeWorkerArgs),
    /// Send the graph to a triple store over the SPARQL 1.1 protocols (--gsp: one PUT per
    /// graph; --update: DROP SILENT GRAPH, then INSERT DATA), then count each graph's triples
    /// through --query-url: exit status 0 sent and counted, 1 a count differs, 2 could not send
    Push(PushArgs),
    /// List the sources (id, title, publisher, date, statements, quotes found), or with
    /// --agreement report how they agree: facts stated by more than one source, conflicts,
    /// changes over time, facts stated by one
    Sources(super::sources::SourcesArgs),
    /// Propose the facts of a new article for review: a draft facts file of [[candidate]]
    /// tables, each with the article's exact words, checked against the ontology and the data
    Draft(super::draft::DraftArgs),
    /// Turn the reviewed candidates of a draft (in --data DIR) into statements, all or nothing
    Accept(super::draft::AcceptArgs),
    /// Review the drafts of the data folder (--data DIR, or ./data) in a browser: the article
    /// with every candidate's quote marked, each candidate to accept, reject or edit; each
    /// decision rewrites the facts file at once. A write tool: it listens on 127.0.0.1 only,
    /// unless --bind says otherwise
    Review(super::review::ReviewArgs),
}

/// `cica-kg export`
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Output format; by default inferred from the extension of --output, else turtle
    #[arg(short, long, value_parser = choice::<ExportFormat>())]
    pub format: Option<ExportFormat>,

    /// Write to FILE (atomically: an existing file is replaced only on success) instead of
    /// standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Which graphs to write. Default: the facts for Turtle, N-Triples, RDF/XML and JSON-LD;
    /// the facts and provenance as named graphs for N-Quads and TriG
    #[arg(short, long, value_enum)]
    pub graph: Option<GraphChoice>,

    /// Vocabulary: cica (the ontology, with owl:sameAs links) or wikidata (wd: items, wdt:
    /// direct claims, rdfs:label, schema:description: the facts graph as Wikidata users query
    /// it)
    #[arg(long, value_parser = choice::<Profile>(), default_value = "cica")]
    pub profile: Profile,

    /// JSON-LD only: compact (terms of ontology/context.jsonld, @type, native numbers, one
    /// property a line) or expanded (full IRIs, every value an object)
    #[arg(long, value_parser = choice::<JsonLdForm>(), default_value = "compact")]
    pub jsonld_form: JsonLdForm,
}

/// Which named graphs to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphChoice {
    /// The facts: entities and statements
    Facts,
    /// Where each fact comes from: quotes, offsets, the source articles
    Provenance,
    /// The ontology
    Ontology,
    /// All three
    All,
}

/// `cica-kg query`
#[derive(Debug, clap::Args)]
pub struct QueryArgs {
    /// A named query (see --list), or a query file: an argument that ends in .rq or contains
    /// a '/' is a file (write ./NAME for a file without .rq), anything else a name
    #[arg(value_name = "NAME|FILE", conflicts_with_all = ["expression", "list", "prefixes"], required_unless_present_any = ["expression", "list", "prefixes"])]
    pub query: Option<String>,

    /// The query itself, such as -e 'SELECT ?s WHERE { ?s a cica:Summit }' (the prefixes of
    /// --prefixes are predefined)
    #[arg(short = 'e', long = "expression", value_name = "SPARQL", conflicts_with_all = ["list", "prefixes"])]
    pub expression: Option<String>,

    /// Join VAR=TERM to the query's pattern, as a VALUES block, such as --bind
    /// subject=summit:1 (TERM: <iri>, prefix:local, "text", "text"@en, integer, true/false):
    /// rows where VAR has another value are dropped, rows where it is unbound (an OPTIONAL
    /// that did not match) take TERM; not a substitution in the text. Any variable of the
    /// query's pattern, once each
    #[arg(long = "bind", value_name = "VAR=TERM")]
    pub bindings: Vec<String>,

    /// List the named queries with their questions
    #[arg(long, conflicts_with = "prefixes")]
    pub list: bool,

    /// List the predefined prefixes and their namespaces
    #[arg(long)]
    pub prefixes: bool,

    /// Format of SELECT and ASK results; default: table on a terminal, else tsv. Refused for
    /// CONSTRUCT and DESCRIBE, which write RDF (see --rdf-format)
    #[arg(short, long, value_parser = choice::<ResultFormat>())]
    pub format: Option<ResultFormat>,

    /// Format of CONSTRUCT and DESCRIBE results
    #[arg(long, value_parser = choice::<ExportFormat>(), default_value = "turtle")]
    pub rdf_format: ExportFormat,

    /// Write the results to FILE (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Query the graph in this vocabulary: cica, or wikidata (the export --profile wikidata
    /// view, so that queries written for Wikidata, such as
    /// '?s wdt:P276 wd:Q35493 ; wdt:P585 ?date', run unchanged)
    #[arg(long, value_parser = choice::<Profile>(), default_value = "cica")]
    pub profile: Profile,

    /// Send the SERVICE calls for IRI to the SPARQL endpoint URL instead, such as
    /// --service-map https://query.wikidata.org/sparql=http://127.0.0.1:7878/query (repeatable)
    #[arg(long = "service-map", value_name = "IRI=URL", value_parser = parse_mapping_arg)]
    pub service_map: Vec<ServiceMapping>,

    /// Give up on a SERVICE call (connecting, sending, reading the results) after SECONDS,
    /// from 1 to 3600
    #[arg(long, value_name = "SECONDS", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub service_timeout: u64,

    /// Refuse a SERVICE answer larger than BYTES, from 1 to 4294967296 (4 GiB); the default is
    /// 64 MiB
    #[arg(long, value_name = "BYTES", default_value_t = 64 << 20,
          value_parser = clap::value_parser!(u64).range(1..=(4 << 30)))]
    pub service_max_bytes: u64,

    /// Let SERVICE call the SPARQL endpoint URL, written exactly as the query writes it
    /// (repeatable). Wikidata's query service and the services of --service-map are allowed
    /// without it; a SERVICE to any other endpoint fails before a connection is made
    #[arg(long = "allow-service", value_name = "URL")]
    pub allow_service: Vec<String>,

    /// Turn federation off: every SERVICE fails, and nothing is sent anywhere
    #[arg(long, conflicts_with_all = ["allow_service", "service_map"])]
    pub no_service: bool,

    /// Stop the query when it has run for SECONDS, from 1 to 86400. Oxigraph stops at its
    /// next read of the graph: sorting, grouping or joining solutions already read, and a
    /// SERVICE call under way, run to their end first
    #[arg(long, value_name = "SECONDS", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..=86400))]
    pub timeout: u64,

    /// Stop the query when it has used more than SIZE of memory, such as 512MiB or 1GiB, from
    /// 16MiB to 1TiB (exit status 2, naming the cap). Measured every 10 ms on Linux; not
    /// enforced elsewhere
    #[arg(long, value_name = "SIZE", default_value = "512MiB", value_parser = memory_cap)]
    pub max_query_memory: MemoryCap,
}

/// `cica-kg link`
#[derive(Debug, clap::Args)]
pub struct LinkArgs {
    /// List every linked entity (id, label, QID) and every unlinked one with the text to search
    /// Wikidata for, instead of writing the links
    #[arg(long, conflicts_with_all = ["suggest", "accept"])]
    pub report: bool,

    /// Ask a reconciliation service (W3C Reconciliation API, as OpenRefine uses it) for
    /// candidate items for every unlinked entity, with its type and the properties that tell
    /// candidates apart, and print them with score, label, description and link. Nothing is
    /// linked
    #[arg(long, conflicts_with = "accept")]
    pub suggest: bool,

    /// The reconciliation service
    #[arg(long, value_name = "URL", default_value = cica_kg::vocab::wikidata::RECONCILIATION_SERVICE)]
    pub reconcile_url: String,

    /// How many candidates to ask for per entity, from 1 to 25
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = clap::value_parser!(u64).range(1..=25))]
    pub limit: u64,

    /// Give up on the reconciliation service after SECONDS, from 1 to 600
    #[arg(long, value_name = "SECONDS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub reconcile_timeout: u64,

    /// Write QID as entity ID's Wikidata item into the facts file that defines it (in the
    /// --data DIR folder), keeping its comments and layout; repeatable. Check first that the
    /// item is the very same thing
    #[arg(long, value_name = "ID=QID")]
    pub accept: Vec<String>,

    /// Format of the links; by default inferred from the extension of --output, else turtle
    #[arg(short, long, value_parser = choice::<ExportFormat>(), conflicts_with_all = ["report", "suggest", "accept"])]
    pub format: Option<ExportFormat>,

    /// Write to FILE (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `cica-kg quickstatements`
#[derive(Debug, clap::Args)]
pub struct QuickStatementsArgs {
    /// Use QID for entity ID in this run, such as --qid organization/cica=Q...: a QID a
    /// person looked up (see cica-kg link --report); repeatable. Verified QIDs belong in
    /// data/entities.toml
    #[arg(long = "qid", value_name = "ID=QID")]
    pub qids: Vec<String>,

    /// Draft CREATE blocks (label, aliases, description, instance of, statements) for these
    /// entities without an item, such as --create summit/1; with no ID, for every entity
    /// without a QID. Search Wikidata first: the item may exist
    #[arg(long, value_name = "ID", num_args = 0..)]
    pub create: Option<Vec<String>>,

    /// Write to FILE (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Write only the claims Wikidata lacks: ask the Wikidata Query Service first (as
    /// `cica-kg wikidata diff` does) and leave out what is there already or there with
    /// another value (a note says which)
    #[arg(long)]
    pub only_missing: bool,

    /// With --only-missing: also write the claims Wikidata has without one of their
    /// qualifiers (such as a capital without our point in time), so that QuickStatements adds
    /// the qualifiers to Wikidata's statement; each is named on standard error
    #[arg(long, requires = "only_missing")]
    pub add_qualifiers: bool,

    /// With --only-missing: send the query for https://query.wikidata.org/sparql to URL
    /// instead (IRI=URL), such as a mirror or a local server
    #[arg(long = "service-map", value_name = "IRI=URL", value_parser = parse_mapping_arg, requires = "only_missing")]
    pub service_map: Vec<ServiceMapping>,

    /// With --only-missing: give up on the Wikidata Query Service after SECONDS, from 1 to 3600
    #[arg(long, value_name = "SECONDS", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub service_timeout: u64,
}

/// `cica-kg wikidata ...`
#[derive(Debug, Subcommand)]
pub enum WikidataCommand {
    /// For every claim that QuickStatements would write, say whether Wikidata has it already
    /// (present), has the value without one of its qualifiers (present, qualifier missing),
    /// lacks it (missing), says something else (different, in value, precision or a
    /// qualifier: both and the article's words) or has it only as a deprecated statement
    Diff(DiffArgs),
}

/// `cica-kg wikidata diff`
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// Use QID for entity ID in this run, such as --qid organization/cica=Q... (repeatable)
    #[arg(long = "qid", value_name = "ID=QID")]
    pub qids: Vec<String>,

    /// Send the query for https://query.wikidata.org/sparql to URL instead (IRI=URL), such as
    /// a mirror or a local server
    #[arg(long = "service-map", value_name = "IRI=URL", value_parser = parse_mapping_arg)]
    pub service_map: Vec<ServiceMapping>,

    /// Give up on the Wikidata Query Service after SECONDS, from 1 to 3600
    #[arg(long, value_name = "SECONDS", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub service_timeout: u64,

    /// Write to FILE (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `cica-kg validate`
#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Report format: text for people, json (one object) for programs
    #[arg(short, long, value_parser = choice::<ReportFormat>(), default_value = "text")]
    pub format: ReportFormat,

    /// Check this RDF file (Turtle, N-Triples, N-Quads, TriG, RDF/XML or JSON-LD, by its
    /// extension), such as one written by `cica-kg export --graph all`, instead of the graph
    /// built from the facts; the facts still give the articles its quotes are checked against
    #[arg(long, value_name = "FILE")]
    pub graph_file: Option<PathBuf>,
}

/// The possible values of a library's named choices (formats, profiles), each with its help.
pub(super) fn choice<T>() -> impl TypedValueParser<Value = T>
where
    T: Named + FromStr + Clone + Send + Sync + 'static,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    PossibleValuesParser::new(
        T::ALL
            .iter()
            .map(|v| PossibleValue::new(v.name()).help(v.help())),
    )
    .try_map(|name| name.parse::<T>())
}

/// A size such as 512MiB, for --max-query-memory (query and serve) and --max-memory (serve).
pub fn memory_cap(text: &str) -> Result<MemoryCap, String> {
    text.parse()
        .map_err(|e: cica_kg::query::MemoryCapError| e.to_string())
}

fn parse_mapping_arg(text: &str) -> Result<ServiceMapping, String> {
    parse_mapping(text).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
