//! The report of `cica-kg validate`: every problem (one line each, or one JSON object) and a
//! summary of what was checked.

use crate::diagnostic::{Kind, Problem};
use serde::Serialize;
use std::io::{self, Write};

crate::named::named_enum! {
    /// How the report is written.
    pub enum ReportFormat {
        Text = "text": "One line per problem (file:line:column: what is wrong; what to change), then a summary",
        Json = "json": "One JSON object: {\"valid\", \"problems\": [...], \"summary\": {...}}, for programs",
    }
    /// A report format name that is not text or json.
    error UnknownReportFormat = "report format";
}

/// What was checked, for the summary line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Problems found.
    pub problems: usize,
    /// Entities read from the facts files (0 when they do not load).
    pub entities: usize,
    /// Statements read from the facts files (0 when they do not load).
    pub statements: usize,
    /// Quotes checked against their offsets.
    pub quotes: usize,
    /// Triples (of all graphs) the shapes were checked on.
    pub triples: usize,
    /// SHACL shapes checked.
    pub shapes: usize,
}

/// The result of `cica-kg validate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// No problem at all.
    pub valid: bool,
    /// Every problem, in check order (facts, quotes, shapes), then by file and line.
    pub problems: Vec<Problem>,
    /// What was checked.
    pub summary: Summary,
    /// The candidates of drafts awaiting review (`[[candidate]]`): listed, not problems.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub awaiting: Vec<AwaitingReview>,
}

/// A candidate awaiting review, as the report lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AwaitingReview {
    /// `file:line:column` of its `[[candidate]]` table.
    pub at: String,
    /// Its subject.
    pub subject: String,
    /// Its property.
    pub property: String,
}

impl Report {
    /// A report of these problems.
    pub(crate) fn new(problems: Vec<Problem>, mut summary: Summary) -> Self {
        summary.problems = problems.len();
        Self {
            valid: problems.is_empty(),
            problems,
            summary,
            awaiting: Vec::new(),
        }
    }

    /// The report, listing the candidates of drafts that await review (not problems).
    pub(crate) fn with_awaiting(mut self, awaiting: &[crate::facts::Awaiting]) -> Self {
        self.awaiting = awaiting
            .iter()
            .map(|a| AwaitingReview {
                at: a.origin.to_string(),
                subject: a.subject.clone(),
                property: a.property.clone(),
            })
            .collect();
        self
    }

    /// Writes the report: one line per problem and a summary, or one JSON object.
    pub fn write(&self, format: ReportFormat, out: &mut dyn Write) -> io::Result<()> {
        match format {
            ReportFormat::Json => {
                serde_json::to_writer_pretty(&mut *out, self)?;
                writeln!(out)?;
            }
            ReportFormat::Text => {
                for problem in &self.problems {
                    writeln!(out, "{problem}")?;
                }
                for a in &self.awaiting {
                    writeln!(
                        out,
                        "{}: awaiting review: candidate {} {} (not a fact until `cica-kg accept`)",
                        a.at, a.subject, a.property
                    )?;
                }
                writeln!(out, "{}", self.summary_line())?;
            }
        }
        Ok(())
    }

    /// `valid: ...` or `invalid: N problems (...)`.
    pub fn summary_line(&self) -> String {
        let s = &self.summary;
        if self.valid {
            return format!(
                "valid: {} entities and {} statements load, {} quotes are at their offsets in the article, \
                 {} SHACL shapes (ontology/shapes.ttl) hold on {} triples",
                s.entities, s.statements, s.quotes, s.shapes, s.triples
            );
        }
        let count = |kind: Kind| self.problems.iter().filter(|p| p.kind == kind).count();
        let parts: Vec<String> = [
            (Kind::Facts, "in the facts files", "in the facts files"),
            (Kind::Graph, "in the graph file", "in the graph file"),
            (
                Kind::Quote,
                "quote not at its offsets",
                "quotes not at their offsets",
            ),
            (Kind::Shape, "shape violation", "shape violations"),
        ]
        .into_iter()
        .filter(|(kind, _, _)| count(*kind) > 0)
        .map(|(kind, one, many)| {
            let n = count(kind);
            format!("{n} {}", if n == 1 { one } else { many })
        })
        .collect();
        let n = self.problems.len();
        let plural = if n == 1 { "" } else { "s" };
        format!("invalid: {n} problem{plural} ({})", parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;

    #[test]
    fn the_summary_counts_each_kind_of_problem() {
        let problem = |kind| Problem::new(kind, Span::file("f"), "m", "h");
        let report = Report::new(
            vec![
                problem(Kind::Shape),
                problem(Kind::Shape),
                problem(Kind::Quote),
            ],
            Summary::default(),
        );
        assert_eq!(
            report.summary_line(),
            "invalid: 3 problems (1 quote not at its offsets, 2 shape violations)"
        );
        assert_eq!(problem(Kind::Facts).to_string(), "f: m; h");
    }
}
