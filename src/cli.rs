//! The command line: clap derive, with the doc comments as help text. [`Args`] is what the
//! user typed; [`crate::commands`] turns it into checked settings before any work starts.

use crate::export::ExportFormat;
use crate::query::ResultFormat;
use crate::vocab::{GraphName, DEFAULT_BASE};
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
