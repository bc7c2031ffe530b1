//! `cica-kg link --suggest` and `link --accept`: the editor's linking workflow, asking a
//! reconciliation service for candidates and writing an accepted QID into the facts.

use super::destination::Destination;
use anyhow::Result;
use cica_kg::facts::{edit, DataSource};
use cica_kg::rdf::KnowledgeGraph;
use cica_kg::vocab::wikidata::Qid;
use cica_kg::vocab::Iris;
use cica_kg::wikidata::{mapping, reconcile};
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

/// Writes each accepted QID into the facts file that defines its entity.
pub fn accept(dir: &Path, accepted: &[(String, Qid)]) -> Result<ExitCode> {
    for (id, qid) in accepted {
        let file = edit::accept(dir, id, qid)?;
        eprintln!("{id} is now linked to {qid} in {}", file.display());
    }
    Ok(ExitCode::SUCCESS)
}
