//! Writing the sources listing and the agreement report: aligned tables for people, or one
//! JSON value for programs.

use super::agreement::{Agreement, Said};
use super::list::SourceSummary;
use crate::table;
use std::io::{self, Write};

crate::named::named_enum! {
    /// How the listing and the report are written.
    pub enum SourcesFormat {
        Table = "table": "Aligned tables for people",
        Json = "json": "One JSON value: an array of sources, or the report {\"summary\", \"corroborated\", \"conflicts\", \"changes\", \"single\"}",
    }
    /// A format name that is not table or json.
    error UnknownSourcesFormat = "format";
}

/// Writes the sources: a table (id, title, publisher, date, statements, quotes) or a JSON
/// array of objects.
pub fn write_list(
    sources: &[SourceSummary],
    format: SourcesFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    if format == SourcesFormat::Json {
        serde_json::to_writer_pretty(&mut *out, sources)?;
        return writeln!(out);
    }
    let mut rows = vec![header(&[
        "id",
        "title",
        "publisher",
        "date",
        "statements",
        "quotes",
    ])];
    rows.extend(sources.iter().map(|s| {
        vec![
            s.id.clone(),
            s.title.clone(),
            s.publisher_label.clone(),
            s.date.clone(),
            s.statements.to_string(),
            s.quotes.to_string(),
        ]
    }));
    write_table(&rows, out)?;
    let statements: usize = sources.iter().map(|s| s.statements).sum();
    writeln!(
        out,
        "({} {}, {statements} statements)",
        sources.len(),
        plural(sources.len(), "source", "sources")
    )
}

impl Agreement {
    /// Writes the report: a section per kind (more than one source, conflicts, changes over
    /// time, one source) and a summary line, or one JSON object.
    pub fn write(&self, format: SourcesFormat, out: &mut dyn Write) -> io::Result<()> {
        if format == SourcesFormat::Json {
            serde_json::to_writer_pretty(&mut *out, self)?;
            return writeln!(out);
        }
        let columns = ["subject", "property", "value", "time", "source", "quote"];
        let rows = |facts: &[super::agreement::Fact]| -> Vec<Vec<String>> {
            facts
                .iter()
                .flat_map(|f| {
                    f.statements
                        .iter()
                        .map(|s| said_row(&f.subject, &f.property, &f.value, s))
                })
                .collect()
        };
        let s = &self.summary;
        let title = format!("Stated by more than one source: {}", facts(s.corroborated));
        section(out, &title, &columns, rows(&self.corroborated))?;
        let title = format!(
            "Conflicts: {} ({} not resolved by rank)",
            s.conflicts, s.unresolved
        );
        section(out, &title, &conflict_columns(), self.conflict_rows())?;
        let title = format!("Changes over time: {}", s.changes);
        section(out, &title, &columns, self.change_rows())?;
        let title = format!("Stated by one source: {}", facts(s.single));
        section(out, &title, &columns, rows(&self.single))?;
        writeln!(
            out,
            "{} {}, {} statements ({} deprecated, not compared): {} stated by more than one source, {} by one; {} {} ({} unresolved); {} {} over time",
            s.sources,
            plural(s.sources, "source", "sources"),
            s.statements,
            s.deprecated,
            facts(s.corroborated),
            s.single,
            s.conflicts,
            plural(s.conflicts, "conflict", "conflicts"),
            s.unresolved,
            s.changes,
            plural(s.changes, "change", "changes"),
        )
    }

    fn conflict_rows(&self) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        for conflict in &self.conflicts {
            let status = if conflict.resolved {
                "resolved"
            } else {
                "conflict"
            };
            for stated in &conflict.values {
                for said in &stated.statements {
                    let mut row =
                        said_row(&conflict.subject, &conflict.property, &stated.value, said);
                    row.insert(4, said.rank.to_owned());
                    row.insert(0, status.to_owned());
                    rows.push(row);
                }
            }
        }
        rows
    }

    fn change_rows(&self) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        for change in &self.changes {
            for moment in &change.timeline {
                for said in &moment.statements {
                    rows.push(said_row(
                        &change.subject,
                        &change.property,
                        &moment.value,
                        said,
                    ));
                }
            }
        }
        rows
    }
}

fn conflict_columns() -> [&'static str; 8] {
    [
        "status", "subject", "property", "value", "time", "rank", "source", "quote",
    ]
}

fn said_row(subject: &str, property: &str, value: &str, said: &Said) -> Vec<String> {
    vec![
        subject.to_owned(),
        property.to_owned(),
        value.to_owned(),
        said.time.clone(),
        said.source.clone(),
        said.quote.clone(),
    ]
}

/// A titled table, or the title and "none".
fn section(
    out: &mut dyn Write,
    title: &str,
    columns: &[&str],
    rows: Vec<Vec<String>>,
) -> io::Result<()> {
    writeln!(out, "{title}")?;
    if !rows.is_empty() {
        let mut all = vec![header(columns)];
        all.extend(rows);
        write_table(&all, out)?;
    }
    writeln!(out)
}

/// A header row: the column names.
fn header(columns: &[&str]) -> Vec<String> {
    columns.iter().map(|c| (*c).to_owned()).collect()
}

/// The rows, the first a header underlined with dashes.
fn write_table(rows: &[Vec<String>], out: &mut dyn Write) -> io::Result<()> {
    let widths = table::widths(rows);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    for (i, row) in rows.iter().enumerate() {
        writeln!(out, "{}", table::line(row, &widths))?;
        if i == 0 {
            writeln!(out, "{}", table::line(&rule, &widths))?;
        }
    }
    Ok(())
}

fn facts(n: usize) -> String {
    format!("{n} {}", plural(n, "fact", "facts"))
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}
