//! What `cica-kg push` prints: the table of graphs with the summary line on standard output,
//! and its progress on standard error (a line per graph on a terminal, every retry).

use anyhow::Result;
use cica_kg::push::{graphs, GraphReport, GraphUpload, Plan, Progress, Report};
use cica_kg::table;
use cica_kg::table::thousands;
use std::io::Write;
use std::time::Duration;

/// The table of graphs and the summary line.
pub(super) fn write_report(plan: &Plan, report: &Report, out: &mut dyn Write) -> Result<()> {
    let mut rows = vec![[
        "graph",
        "sent",
        "in the store",
        "requests",
        "seconds",
        "IRI in the store",
    ]
    .map(str::to_owned)
    .to_vec()];
    for graph in &report.graphs {
        rows.push(vec![
            graph.name.clone(),
            thousands(graph.sent),
            graph
                .stored
                .map_or("not counted".to_owned(), |n| thousands(n as usize)),
            graph.requests.to_string(),
            format!("{:.2}", graph.elapsed.as_secs_f64()),
            graph.iri.clone(),
        ]);
    }
    table::align_right(&mut rows, &[1, 2, 3, 4]);
    let widths = table::widths(&rows);
    for row in &rows {
        writeln!(out, "{}", table::line(row, &widths))?;
    }
    write!(
        out,
        "Pushed {} ({} triples) to {} ({}) in {:.2} s",
        graphs(report.graphs.len()),
        thousands(plan.triples()),
        plan.target.url,
        plan.target.protocol,
        report.upload.as_secs_f64()
    )?;
    match report.verify {
        Some(time) if report.graphs.iter().all(|g| !g.mismatch()) => writeln!(
            out,
            "; counted in {:.2} s: the store holds every triple sent.",
            time.as_secs_f64()
        )?,
        Some(time) => writeln!(
            out,
            "; counted in {:.2} s: the store holds other counts than were sent.",
            time.as_secs_f64()
        )?,
        None => writeln!(out, "; not counted (give --query-url URL to check).")?,
    }
    Ok(())
}

/// Progress on standard error: a line per graph on a terminal, and every retry.
pub(super) struct Terminal {
    pub(super) on: bool,
}

impl Progress for Terminal {
    fn sent(&mut self, graph: &GraphUpload, sent: usize) {
        if self.on {
            eprint!(
                "\r{}: {} of {} triples sent",
                graph.name,
                thousands(sent),
                thousands(graph.triples())
            );
        }
    }

    fn retrying(&mut self, what: &str, reason: &str, attempt: u32, attempts: u32, wait: Duration) {
        if self.on {
            eprintln!();
        }
        eprintln!(
            "note: {what}: {reason}; trying again in {:.1} s (attempt {} of {attempts})",
            wait.as_secs_f64(),
            attempt + 1
        );
    }

    fn halved(&mut self, graph: &GraphUpload, refused: usize, size: usize) {
        if self.on {
            eprintln!();
        }
        eprintln!(
            "note: the store refused {} triples of {} in one request as too many; sending at most {} a request",
            thousands(refused),
            graph.name,
            thousands(size)
        );
    }

    fn uploaded(&mut self, graph: &GraphUpload, report: &GraphReport) {
        if self.on {
            eprintln!(
                "\r{}: {} triples sent in {} requests, {:.2} s",
                graph.name,
                thousands(report.sent),
                report.requests,
                report.elapsed.as_secs_f64()
            );
        }
    }
}
