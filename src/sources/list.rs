//! What each source contributes: its metadata, how many statements its facts file makes and
//! how many distinct passages of its article they quote.

use crate::facts::Facts;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// One source, for `cica-kg sources`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceSummary {
    /// The source's id (`[source] id`).
    pub id: String,
    /// Its headline.
    pub title: String,
    /// The publisher's entity id.
    pub publisher: String,
    /// The publisher's label.
    pub publisher_label: String,
    /// The publication date: the day of its publication time.
    pub date: String,
    /// The publication time as printed.
    pub published: String,
    /// The article's text file.
    pub file: String,
    /// How many statements its facts file makes.
    pub statements: usize,
    /// How many distinct passages of the article those statements quote, each found exactly
    /// once in it (loading refuses a quote that is not): several statements may share one.
    pub quotes: usize,
}

/// Every source, in the order the facts files were read (by file name).
pub fn summaries(facts: &Facts) -> Vec<SourceSummary> {
    let labels: HashMap<&str, &str> = facts
        .entities
        .iter()
        .map(|e| (e.id.as_str(), e.label.as_str()))
        .collect();
    let mut statements = vec![0; facts.sources.len()];
    let mut quotes: Vec<HashSet<(usize, usize)>> = vec![HashSet::new(); facts.sources.len()];
    for statement in &facts.statements {
        statements[statement.source] += 1;
        quotes[statement.source].insert((statement.quote.start, statement.quote.end));
    }
    facts
        .sources
        .iter()
        .enumerate()
        .map(|(i, source)| SourceSummary {
            id: source.id.clone(),
            title: source.title.clone(),
            publisher: source.publisher.clone(),
            publisher_label: labels
                .get(source.publisher.as_str())
                .map_or_else(|| source.publisher.clone(), |l| (*l).to_owned()),
            date: source
                .published
                .split('T')
                .next()
                .unwrap_or_default()
                .to_owned(),
            published: source.published.clone(),
            file: source.file.clone(),
            statements: statements[i],
            quotes: quotes[i].len(),
        })
        .collect()
}
