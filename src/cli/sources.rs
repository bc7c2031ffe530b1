//! `cica-kg sources`: its arguments, their checked settings, and the run. Kept in a file of
//! its own so that the other commands' files only name it.
//!
//! Why `sources --agreement` rather than a command of its own: both answer "what do the
//! sources say?", the listing per source and the report per fact, and `link --report` already
//! turns a command's output into a report the same way.

use super::args::choice;
use super::destination::Destination;
use anyhow::{Context, Result};
use cica_kg::facts::{self, DataSource};
use cica_kg::ontology;
use cica_kg::sources::{self, SourcesFormat};
use std::path::PathBuf;
use std::process::ExitCode;

/// `cica-kg sources`
#[derive(Debug, clap::Args)]
pub struct SourcesArgs {
    /// Instead of the list, report how the sources agree: the facts that more than one source
    /// states (with each quote), the conflicts (different values that cannot both hold: for a
    /// property that changes over time, at the same time), the changes over time, and the
    /// facts that one source states
    #[arg(long)]
    pub agreement: bool,

    /// With --agreement: exit with status 1 when a conflict is not resolved by rank (a
    /// preferred or deprecated statement), so that a data repository can run it in CI
    #[arg(long, requires = "agreement")]
    pub fail_on_conflict: bool,

    /// Output format
    #[arg(short, long, value_parser = choice::<SourcesFormat>(), default_value = "table")]
    pub format: SourcesFormat,

    /// Write to FILE (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `sources` with its settings checked.
pub struct SourcesJob {
    agreement: bool,
    fail_on_conflict: bool,
    format: SourcesFormat,
    destination: Destination,
}

impl SourcesJob {
    /// Checks the arguments.
    pub fn new(args: SourcesArgs) -> Result<Self> {
        Ok(Self {
            agreement: args.agreement,
            fail_on_conflict: args.fail_on_conflict,
            format: args.format,
            destination: Destination::new(args.output).context("--output")?,
        })
    }

    /// Lists the sources, or writes the agreement report; exit status 1 when
    /// `--fail-on-conflict` finds an unresolved conflict.
    pub fn run(self, data: &DataSource) -> Result<ExitCode> {
        // The listing and the report are about the facts alone: no store is built.
        let schema = &ontology::shipped()?.schema;
        let facts = facts::load(data, schema)?;
        if !self.agreement {
            let list = sources::summaries(&facts);
            self.destination
                .write(|out| sources::write_list(&list, self.format, out))?;
            return Ok(ExitCode::SUCCESS);
        }
        let agreement = sources::agreement(&facts, schema);
        self.destination
            .write(|out| agreement.write(self.format, out))?;
        if self.fail_on_conflict && agreement.has_unresolved_conflict() {
            eprintln!(
                "{} unresolved {}: rank the statements (rank = \"preferred\" on the right one, or \"deprecated\" on the wrong one) or correct the facts",
                agreement.summary.unresolved,
                if agreement.summary.unresolved == 1 { "conflict" } else { "conflicts" }
            );
            return Ok(ExitCode::from(1));
        }
        Ok(ExitCode::SUCCESS)
    }
}
