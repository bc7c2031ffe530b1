//! The command line: clap derive, with the doc comments as help text. [`Args`] is what the
//! user typed; [`crate::commands`] turns it into checked settings before any work starts.

use crate::export::ExportFormat;
use crate::federation::DEFAULT_TIMEOUT_SECONDS;
use crate::query::ResultFormat;
use crate::validate::ReportFormat;
use crate::vocab::{GraphName, DEFAULT_BASE};
use crate::wikidata::Profile;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Build, query and export the knowledge graph of the Xinhua backgrounder on the Conference on
/// Interaction and Confidence Building Measures in Asia (CICA), 2022-10-12.
///
/// Every command reads the facts (the shipped data, or --data DIR), checks every quote against
/// the article, and loads an in-memory Oxigraph store before it runs.
#[derive(Debug, Parser)]
#[command(name = "cica-kg", version, max_term_width = 100)]
pub struct Args {
    /// Read the facts (*.toml) and their articles from DIR instead of the data built into the
    /// binary, so that an edited fact needs no rebuild
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,

    /// Namespace of the data's IRIs (entities are BASE + kind/slug, such as BASE + summit/6);
    /// an absolute IRI ending in '/' or '#'
    #[arg(long, global = true, value_name = "IRI", default_value = DEFAULT_BASE)]
    pub base: String,

    /// What to do
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write the graph as RDF: Turtle (default), N-Triples, N-Quads, TriG, RDF/XML or JSON-LD
    Export(ExportArgs),
    /// Ask the graph a SPARQL question: a named query, a .rq file or -e 'SELECT ...'
    Query(QueryArgs),
    /// Write the Wikidata links (owl:sameAs) as RDF, or with --report list the linked entities
    /// and, for each unlinked one, what to search Wikidata for
    Link(LinkArgs),
    /// Write QuickStatements V1 commands that add the article's facts, with the article as
    /// reference, to Wikidata items; what cannot be written is listed on standard error
    Quickstatements(QuickStatementsArgs),
    /// Check the facts, their quotes and the SHACL shapes of ontology/shapes.ttl: one line per
    /// problem (file:line:column, what is wrong, what to change), then a summary. Exit status 0
    /// valid, 1 problems found, 2 the check could not run
    Validate(ValidateArgs),
}

/// `cica-kg export`
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Output format; by default inferred from the extension of --output, else turtle
    #[arg(short, long, value_enum)]
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
    #[arg(long, value_enum, default_value_t = Profile::Cica)]
    pub profile: Profile,
}

/// Which named graphs to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphChoice {
    /// The facts: entities and statements
    Facts,
    /// Where each fact comes from: quotes, offsets, the source article
    Provenance,
    /// The ontology
    Ontology,
    /// All three
    All,
}

impl GraphChoice {
    /// The graphs this choice names.
    pub fn graphs(self) -> Vec<GraphName> {
        match self {
            Self::Facts => vec![GraphName::Facts],
            Self::Provenance => vec![GraphName::Provenance],
            Self::Ontology => vec![GraphName::Ontology],
            Self::All => GraphName::ALL.to_vec(),
        }
    }
}

/// `cica-kg query`
#[derive(Debug, clap::Args)]
pub struct QueryArgs {
    /// A named query (see --list) or the path of a .rq file
    #[arg(value_name = "NAME|FILE", conflicts_with_all = ["expression", "list"], required_unless_present_any = ["expression", "list"])]
    pub query: Option<String>,

    /// The query itself, such as -e 'SELECT ?s WHERE { ?s a cica:Summit }' (the usual prefixes
    /// are predefined)
    #[arg(
        short = 'e',
        long = "expression",
        value_name = "SPARQL",
        conflicts_with = "list"
    )]
    pub expression: Option<String>,

    /// Give variable VAR the value TERM before the query runs, such as
    /// --bind subject=summit:1 (TERM: <iri>, prefix:local, "text", "text"@en, integer, true/false)
    #[arg(long = "bind", value_name = "VAR=TERM")]
    pub bindings: Vec<String>,

    /// List the named queries with their questions
    #[arg(long)]
    pub list: bool,

    /// Format of SELECT and ASK results; default: table on a terminal, else tsv
    #[arg(short, long, value_enum)]
    pub format: Option<ResultFormat>,

    /// Format of CONSTRUCT and DESCRIBE results
    #[arg(long, value_enum, default_value_t = ExportFormat::Turtle)]
    pub rdf_format: ExportFormat,

    /// Write the results to FILE (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Query the graph in this vocabulary: cica, or wikidata (the export --profile wikidata
    /// view, so that queries written for Wikidata, such as
    /// '?s wdt:P276 wd:Q35493 ; wdt:P585 ?date', run unchanged)
    #[arg(long, value_enum, default_value_t = Profile::Cica)]
    pub profile: Profile,

    /// Send the SERVICE calls for IRI to the SPARQL endpoint URL instead, such as
    /// --service-map https://query.wikidata.org/sparql=http://127.0.0.1:7878/query (repeatable)
    #[arg(long = "service-map", value_name = "IRI=URL")]
    pub service_map: Vec<String>,

    /// Give up on a SERVICE call (connecting, sending, reading the results) after SECONDS
    #[arg(long, value_name = "SECONDS", default_value_t = DEFAULT_TIMEOUT_SECONDS,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub service_timeout: u64,
}

/// `cica-kg link`
#[derive(Debug, clap::Args)]
pub struct LinkArgs {
    /// List every linked entity (id, label, QID) and every unlinked one with the text to search
    /// Wikidata for, instead of writing the links
    #[arg(long)]
    pub report: bool,

    /// Format of the links; by default inferred from the extension of --output, else turtle
    #[arg(short, long, value_enum, conflicts_with = "report")]
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
}

/// `cica-kg validate`
#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Report format: text for people, json (one object) for programs
    #[arg(short, long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,

    /// Check this RDF file (Turtle, N-Triples, N-Quads, TriG, RDF/XML or JSON-LD, by its
    /// extension), such as one written by `cica-kg export --graph all`, instead of the graph
    /// built from the facts; the facts still give the articles its quotes are checked against
    #[arg(long, value_name = "FILE")]
    pub graph_file: Option<PathBuf>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Args::command().debug_assert();
    }
}
