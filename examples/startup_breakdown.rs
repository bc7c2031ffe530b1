//! Where a cold `cica-kg query summits` spends its time, phase by phase, in one new process,
//! doing what the binary does: prepare the query and find which triples it can read, read
//! the facts files, make the ontology's triples and its schema, check the facts, build a
//! store of the triples the query reads, evaluate it and write TSV. `bench/run.sh` builds this
//! example and `bench/compare.py` runs it in many new processes and writes the medians to
//! `BENCHMARKS.md`. It prints one line per phase, `name<TAB>microseconds`.

use cica_kg::facts::{self, DataSource};
use cica_kg::ontology;
use cica_kg::query::{self, Output, QueryText, Reach, ResultFormat};
use cica_kg::rdf::export::ExportFormat;
use cica_kg::rdf::KnowledgeGraph;
use cica_kg::vocab::Iris;
use std::error::Error;
use std::time::Instant;

fn main() -> Result<(), Box<dyn Error>> {
    let mut phases = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: String| {
        phases.push((name, clock.elapsed().as_micros()));
        clock = Instant::now();
    };
    let iris = Iris::default();
    let prefixes = iris.prefixes();
    let named = query::named_query("summits")?;
    let prepared = QueryText {
        origin: &named.name,
        text: &named.text,
        prefixes: &prefixes,
        bindings: &[],
    }
    .prepare()?;
    let reach = Reach::of(&prepared);
    lap("parse the query and find the triples it can read".to_owned());
    let read = facts::read(&DataSource::Embedded)?;
    lap("read the facts files (TOML)".to_owned());
    let schema = &ontology::shipped()?.schema;
    lap("make the ontology triples the schema reads and derive it".to_owned());
    let facts = read.check(schema)?;
    lap("check the facts (schema, quotes)".to_owned());
    let kg = KnowledgeGraph::from_facts_selected(facts, iris, &reach)?;
    let quads = kg.store().len()?;
    lap(format!(
        "build the store of the triples the query can read ({quads} quads)"
    ));
    let output = Output {
        solutions: ResultFormat::Tsv,
        solutions_chosen: true,
        rdf: ExportFormat::Turtle,
    };
    let mut tsv = Vec::new();
    let results = query::evaluate(kg.store(), &named.name, prepared, query::offline())?;
    query::write_results(results, output, &prefixes, &mut tsv)?;
    lap("evaluate and write TSV".to_owned());
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
