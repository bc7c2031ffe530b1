//! `cica-kg draft` (propose the facts of a new article, for review) and `cica-kg accept`
//! (turn the reviewed candidates into statements): their arguments, checked settings and run.
//! The drafting is the library's ([`cica_kg::draft`]); this file reads the article, prints
//! and exits.

use super::destination::Destination;
use anyhow::{bail, Context, Result};
use cica_kg::draft::{self, accept, extractor, write, Draft};
use cica_kg::facts::{self, parse_date, DataSource, Date};
use cica_kg::input::{read_regular_file, Cap};
use cica_kg::ontology;
use std::path::PathBuf;
use std::process::ExitCode;

/// The largest article `draft` reads: 64 MiB.
pub const ARTICLE_CAP: Cap = Cap(64 << 20);

/// The draft's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DraftFormat {
    /// A draft facts file to review: [source], [[new_entity]], [[candidate]]
    Toml,
    /// {"source", "entities", "candidates"}, with each quote's character offsets
    Json,
}

/// `cica-kg draft`
#[derive(Debug, clap::Args)]
pub struct DraftArgs {
    /// The article: a UTF-8 text file (at most 64 MiB)
    pub article: PathBuf,

    /// Write the draft to FILE (such as data/<source>.toml) instead of standard output; an
    /// existing file is refused unless --force
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Replace an existing --output file
    #[arg(long)]
    pub force: bool,

    /// Output format
    #[arg(short, long, value_enum, default_value_t = DraftFormat::Toml)]
    pub format: DraftFormat,

    /// The article's date (YYYY-MM-DD), when the text does not give its year: "currently" is
    /// this date
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,

    /// Propose with COMMAND (run with sh -c) instead of the built-in rules: it reads a JSON
    /// request on standard input and writes candidates as JSON (docs/draft-protocol.md); every
    /// candidate is checked, and those that fail are dropped with the reason on standard error
    #[arg(long, value_name = "COMMAND")]
    pub extractor: Option<String>,
}

/// `cica-kg accept`
#[derive(Debug, clap::Args)]
pub struct AcceptArgs {
    /// The draft's source: its [source] id, or its file name in --data without .toml
    pub source: String,

    /// Say that every remaining candidate was reviewed, and write: without it, accept only
    /// checks and lists what it would write
    #[arg(long)]
    pub all_checked: bool,
}

/// Runs `draft`.
pub fn run_draft(args: DraftArgs, data: &DataSource) -> Result<ExitCode> {
    let date: Option<Date> = args
        .date
        .as_deref()
        .map(parse_date)
        .transpose()
        .context("--date")?;
    if let Some(out) = &args.output {
        if out.is_file() && !args.force {
            bail!(
                "{} exists; give another --output, or --force to replace it",
                out.display()
            );
        }
    }
    let destination = Destination::new(args.output.clone()).context("--output")?;
    let bytes = read_regular_file(&args.article, ARTICLE_CAP, "articles")?;
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{} is not UTF-8 (invalid byte at byte offset {}); save it as UTF-8",
            args.article.display(),
            e.utf8_error().valid_up_to()
        )
    })?;
    let ontology = ontology::shipped()?;
    let facts = facts::load(data, &ontology.schema)?;
    let file = args
        .article
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let result: Draft = match &args.extractor {
        None => draft::draft(&text, &file, date.as_ref(), &facts, ontology)?,
        Some(command) => {
            let source = draft::source::propose(&text, &file, &facts, date.as_ref());
            let request = extractor::request(&text, &source, &facts, ontology)?;
            let response = extractor::run(command, &request)?;
            let known = extractor::known(&facts, &response, &ontology.schema);
            draft::finish(source, &known, response.candidates, &text, ontology)
        }
    };
    for d in &result.dropped {
        eprintln!(
            "dropped: {} {} \"{}\": {}",
            d.candidate.subject, d.candidate.property, d.candidate.quote, d.reason
        );
    }
    destination.write(|out| match args.format {
        DraftFormat::Toml => write::toml(&result, out),
        DraftFormat::Json => write::json(&result, out),
    })?;
    eprintln!(
        "{} candidates proposed, {} dropped; review them before `cica-kg accept`",
        result.candidates.len(),
        result.dropped.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// Runs `accept`.
pub fn run_accept(args: AcceptArgs, data: &DataSource) -> Result<ExitCode> {
    let DataSource::Directory(dir) = data else {
        bail!("accept edits the facts files: give the data folder with --data DIR");
    };
    let ontology = ontology::shipped()?;
    match accept::accept(dir, &args.source, ontology, args.all_checked) {
        Ok(done) if args.all_checked => {
            println!(
                "accepted: {} statements in {}{}",
                done.statements,
                done.file.display(),
                if done.entities.is_empty() {
                    String::new()
                } else {
                    format!(
                        "; new entities in entities.toml: {}",
                        done.entities.join(", ")
                    )
                }
            );
            Ok(ExitCode::SUCCESS)
        }
        Ok(done) => {
            println!("{} candidates of {} pass the checks; nothing written. Review every one, then run again with --all-checked", done.statements, done.file.display());
            Ok(ExitCode::from(1))
        }
        Err(accept::AcceptError::Refused(problems)) => {
            for p in &problems.0 {
                eprintln!("{p}");
            }
            eprintln!(
                "nothing accepted: {} problem{}",
                problems.0.len(),
                if problems.0.len() == 1 { "" } else { "s" }
            );
            Ok(ExitCode::from(1))
        }
        Err(e) => Err(e.into()),
    }
}
