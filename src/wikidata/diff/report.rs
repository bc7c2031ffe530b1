//! The report of `cica-kg wikidata diff`: a table of the claims, then the count of each status
//! with what to do about it.

use super::{Comparison, Status};
use crate::rdf::KnowledgeGraph;

/// `cica-kg wikidata diff`: one line per claim (status, subject, item, claim, our value and
/// qualifiers, Wikidata's statements, the article's words), then the count of each status.
pub fn write_report(
    kg: &KnowledgeGraph,
    comparisons: &[Comparison],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut rows = vec![vec![
        "status".to_owned(),
        "subject".to_owned(),
        "item".to_owned(),
        "claim".to_owned(),
        "ours".to_owned(),
        "wikidata".to_owned(),
        "quote".to_owned(),
    ]];
    let mut sorted: Vec<&Comparison> = comparisons.iter().collect();
    sorted.sort_by_key(|c| (c.status, c.statement, c.pid.clone()));
    for c in &sorted {
        let statement = &kg.facts().statements[c.statement];
        rows.push(vec![
            c.status.name().to_owned(),
            statement.subject.clone(),
            c.item.to_string(),
            c.pid.clone(),
            c.ours.clone(),
            if c.theirs.is_empty() {
                "-".to_owned()
            } else {
                c.theirs.join(" ; ")
            },
            format!("\"{}\"", statement.quote.text),
        ]);
    }
    let widths = crate::table::widths(&rows);
    for row in &rows {
        writeln!(out, "{}", crate::table::line(row, &widths))?;
    }
    let counts: Vec<String> = Status::ALL
        .iter()
        .map(|status| {
            let count = comparisons.iter().filter(|c| c.status == *status).count();
            format!("{count} {} ({})", status.name(), what_to_do(*status))
        })
        .collect();
    writeln!(out, "{}", counts.join("; "))
}

/// What `quickstatements --only-missing` does with a status, or what a person does.
fn what_to_do(status: Status) -> &'static str {
    match status {
        Status::Present => "nothing to add",
        Status::QualifierMissing => {
            "quickstatements --only-missing --add-qualifiers adds the qualifiers to Wikidata's statement"
        }
        Status::Missing => "quickstatements --only-missing writes them",
        Status::Different | Status::Deprecated => "review by hand",
    }
}
