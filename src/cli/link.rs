//! The Wikidata editor's workflow: `link --suggest` (candidates from a reconciliation
//! service), `link --accept` (a QID into the facts), `wikidata diff` (what Wikidata already
//! says) and `quickstatements [--only-missing]` (what to add).

use super::destination::Destination;
use anyhow::Result;
use cica_kg::facts::{self, DataSource};
use cica_kg::rdf::KnowledgeGraph;
use cica_kg::vocab::wikidata::Qid;
use cica_kg::vocab::Iris;
use cica_kg::wikidata::federation::ServiceHandler;
use cica_kg::wikidata::quickstatements::{self, Options};
use cica_kg::wikidata::{diff as wikidata_diff, mapping, reconcile};
use std::path::Path;
use std::process::ExitCode;

/// Prints the candidates for every unlinked entity.
pub fn suggest(
    data: &DataSource,
    iris: Iris,
    service: &reconcile::Service,
    destination: &Destination,
) -> Result<ExitCode> {
    let kg = KnowledgeGraph::load(data, iris)?;
    kg.load_mapping()?;
    let alignments = mapping::alignments(&kg)?;
    let questions = reconcile::questions(&kg, &alignments);
    let answers = reconcile::ask(service, &questions).map_err(|e| {
        anyhow::Error::new(e).context(
            "link --suggest failed (--reconcile-url URL names another service, --reconcile-timeout SECONDS waits longer)",
        )
    })?;
    destination.write(|out| reconcile::write_suggestions(&questions, &answers, out))?;
    Ok(ExitCode::SUCCESS)
}

/// Writes each accepted QID into the facts file that defines its entity: all of them, or
/// none if one cannot be written.
pub fn accept(dir: &Path, accepted: &[(String, Qid)]) -> Result<ExitCode> {
    for (done, (_, qid)) in facts::accept_all(dir, accepted)?.iter().zip(accepted) {
        eprintln!(
            "{} is now linked to {qid} in {}",
            done.id,
            done.file.display()
        );
        if let Some(note) = &done.removed_note {
            eprintln!(
                "{}: its note \"{note}\" no longer holds and was removed; add a note with the evidence for {qid} if you have one",
                done.id
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Compares the facts with what Wikidata says today.
pub fn diff(
    data: &DataSource,
    iris: Iris,
    given: &[(String, Qid)],
    services: &ServiceHandler,
    destination: &Destination,
) -> Result<ExitCode> {
    let kg = KnowledgeGraph::load(data, iris)?;
    let comparisons = compare(&kg, given, services)?;
    destination.write(|out| wikidata_diff::write_report(&kg, &comparisons, out))?;
    Ok(ExitCode::SUCCESS)
}

fn compare(
    kg: &KnowledgeGraph,
    given: &[(String, Qid)],
    services: &ServiceHandler,
) -> Result<Vec<wikidata_diff::Comparison>> {
    kg.load_mapping()?;
    let alignments = mapping::alignments(kg)?;
    let qids = quickstatements::qids(kg, given)?;
    wikidata_diff::diff(kg, &alignments, &qids, services).map_err(|e| {
        anyhow::Error::new(e).context(
            "asking Wikidata failed (--service-map IRI=URL sends the query elsewhere, --service-timeout SECONDS waits longer)",
        )
    })
}

/// Writes the QuickStatements, with `--only-missing` only what Wikidata lacks.
pub fn quickstatements(
    data: &DataSource,
    iris: Iris,
    mut options: Options,
    diff: Option<&ServiceHandler>,
    destination: &Destination,
) -> Result<ExitCode> {
    let kg = KnowledgeGraph::load(data, iris)?;
    if let Some(services) = diff {
        options.known = Some(compare(&kg, &options.qids, services)?);
    }
    let batch = quickstatements::build(&kg, &options)?;
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
