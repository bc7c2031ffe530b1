//! Where a cold `cica-kg query summits` spends its time, phase by phase, in one new process:
//! parse the ontology, read and check the facts (TOML, checks, quotes), build the store,
//! prepare the query, evaluate it and write TSV. `bench/run.sh` builds this example and
//! `bench/compare.py` runs it in many new processes and writes the medians to
//! `BENCHMARKS.md`. It prints one line per phase, `name microseconds`.

use cica_kg::facts::{self, DataSource};
use cica_kg::ontology;
use cica_kg::query::{self, Output, QueryText, ResultFormat};
use cica_kg::rdf::export::ExportFormat;
use cica_kg::rdf::KnowledgeGraph;
use cica_kg::vocab::Iris;
use std::error::Error;
use std::time::Instant;

fn main() -> Result<(), Box<dyn Error>> {
    let mut phases = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str| {
        phases.push((name, clock.elapsed().as_micros()));
        clock = Instant::now();
    };
    let ontology = ontology::shipped()?;
    lap("parse the ontology");
    let facts = facts::load(&DataSource::Embedded, &ontology.schema)?;
    lap("read and check the facts (TOML, checks, quotes)");
    let iris = Iris::default();
    let prefixes = iris.prefixes();
    let kg = KnowledgeGraph::from_facts(facts, iris)?;
    lap("build the store");
    let named = query::named_query("summits")?;
    let prepared = QueryText {
        origin: &named.name,
        text: &named.text,
        prefixes: &prefixes,
        bindings: &[],
    }
    .prepare()?;
    lap("parse the query");
    let output = Output {
        solutions: ResultFormat::Tsv,
        solutions_chosen: true,
        rdf: ExportFormat::Turtle,
    };
    let mut tsv = Vec::new();
    let results = query::evaluate(kg.store(), &named.name, prepared, query::offline())?;
    query::write_results(results, output, &prefixes, &mut tsv)?;
    lap("evaluate and write TSV");
    assert_eq!(
        tsv.iter().filter(|b| **b == b'\n').count(),
        7,
        "a header and 6 summits"
    );
    for (name, micros) in phases {
        println!("{name}\t{micros}");
    }
    Ok(())
}
