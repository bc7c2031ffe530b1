//! The best statements: those whose values the facts graph holds as direct triples, so that
//! a simple query (`organization:cica cica:memberCount ?n`) gets the current value while
//! every statement stays in the provenance graph with its time, source and rank. Wikidata
//! calls the direct triples "truthy"; this is its best-rank rule, plus time:
//!
//! of the statements about one subject and property,
//! 1. deprecated ones are never best;
//! 2. if any is preferred, only the preferred ones can be;
//! 3. for a property that changes over time (`cica:timeVarying`), only those of the latest
//!    time ([`Time::order`]): the latest point in time or start, a statement without an end
//!    after one that ended at that moment;
//! 4. all that remain are best, and all their values are kept: a property that does not
//!    change over time may have several values at once (four mechanisms, two roles), and two
//!    sources that disagree about the latest time show both values until one is ranked.

use super::model::{Facts, Rank, Time};
use crate::ontology::Schema;
use std::collections::HashMap;

/// For each statement of `facts`, in order, whether it is best.
pub fn best_statements(facts: &Facts, schema: &Schema) -> Vec<bool> {
    let mut groups: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (index, statement) in facts.statements.iter().enumerate() {
        groups
            .entry((&statement.subject, &statement.property))
            .or_default()
            .push(index);
    }
    let mut best = vec![false; facts.statements.len()];
    for ((_, property), indices) in groups {
        let time_varying = schema.property(property).is_some_and(|p| p.time_varying);
        for index in best_of(facts, &indices, time_varying) {
            best[index] = true;
        }
    }
    best
}

/// The best of the statements `indices`, all about one subject and property.
fn best_of(facts: &Facts, indices: &[usize], time_varying: bool) -> Vec<usize> {
    let rank = |i: &usize| facts.statements[*i].rank;
    let time = |i: &usize| -> &Time { &facts.statements[*i].time };
    let mut kept: Vec<usize> = indices
        .iter()
        .copied()
        .filter(|i| rank(i) != Rank::Deprecated)
        .collect();
    if kept.iter().any(|i| rank(i) == Rank::Preferred) {
        kept.retain(|i| rank(i) == Rank::Preferred);
    }
    if time_varying {
        if let Some(latest) = kept.iter().map(|i| time(i).order()).max() {
            kept.retain(|i| time(i).order() == latest);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;
    use crate::facts::{parse_date, Quote, Statement, Value};
    use crate::ontology;

    fn statement(property: &str, value: i64, point: Option<&str>, rank: Rank) -> Statement {
        Statement {
            subject: "organization/cica".into(),
            property: property.into(),
            value: Value::Integer(value),
            quote: Quote {
                text: "q".into(),
                start: 0,
                end: 1,
            },
            source: 0,
            origin: Span::file("f"),
            time: Time {
                point_in_time: point.map(|p| parse_date(p).unwrap()),
                ..Time::default()
            },
            rank,
        }
    }

    fn best(statements: Vec<Statement>) -> Vec<bool> {
        let facts = Facts {
            statements,
            ..Facts::default()
        };
        best_statements(&facts, &ontology::shipped().unwrap().schema)
    }

    #[test]
    fn the_latest_count_is_best() {
        let count = |n, when| statement("memberCount", n, Some(when), Rank::Normal);
        assert_eq!(
            best(vec![count(27, "2022-10-12"), count(28, "2023-06-15")]),
            [false, true]
        );
    }

    #[test]
    fn a_preferred_statement_wins_and_a_deprecated_one_never_does() {
        let count = |n, when, rank| statement("memberCount", n, Some(when), rank);
        assert_eq!(
            best(vec![
                count(27, "2022-10-12", Rank::Preferred),
                count(28, "2023-06-15", Rank::Normal)
            ]),
            [true, false]
        );
        assert_eq!(
            best(vec![
                count(27, "2022-10-12", Rank::Normal),
                count(28, "2023-06-15", Rank::Deprecated)
            ]),
            [true, false]
        );
    }

    #[test]
    fn values_that_do_not_change_over_time_are_all_kept() {
        let ordinal = |n| statement("ordinal", n, None, Rank::Normal);
        assert_eq!(best(vec![ordinal(4), ordinal(5)]), [true, true]);
        assert_eq!(
            best(vec![
                statement("ordinal", 4, None, Rank::Deprecated),
                ordinal(5)
            ]),
            [false, true]
        );
    }
}
