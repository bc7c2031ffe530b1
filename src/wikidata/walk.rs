//! A walk over a query's algebra for the rewrites of queries copied from the Wikidata Query
//! Service ([`super::label_service`], [`super::hints`]): each sub-pattern rewritten in place.

use spargebra::algebra::GraphPattern;

/// The pattern with `f` applied to each of its sub-patterns (not inside another SERVICE).
pub fn map_children(
    pattern: GraphPattern,
    f: &mut impl FnMut(GraphPattern) -> GraphPattern,
) -> GraphPattern {
    let mut map = |p: Box<GraphPattern>| Box::new(f(*p));
    match pattern {
        GraphPattern::Join { left, right } => GraphPattern::Join {
            left: map(left),
            right: map(right),
        },
        GraphPattern::LeftJoin {
            left,
            right,
            expression,
        } => GraphPattern::LeftJoin {
            left: map(left),
            right: map(right),
            expression,
        },
        GraphPattern::Union { left, right } => GraphPattern::Union {
            left: map(left),
            right: map(right),
        },
        GraphPattern::Minus { left, right } => GraphPattern::Minus {
            left: map(left),
            right: map(right),
        },
        other => map_inner(other, f),
    }
}

/// [`map_children`] for the patterns with one sub-pattern.
fn map_inner(
    pattern: GraphPattern,
    f: &mut impl FnMut(GraphPattern) -> GraphPattern,
) -> GraphPattern {
    let mut map = |p: Box<GraphPattern>| Box::new(f(*p));
    match pattern {
        GraphPattern::Filter { expr, inner } => GraphPattern::Filter {
            expr,
            inner: map(inner),
        },
        GraphPattern::Extend {
            inner,
            variable,
            expression,
        } => GraphPattern::Extend {
            inner: map(inner),
            variable,
            expression,
        },
        GraphPattern::Project { inner, variables } => GraphPattern::Project {
            inner: map(inner),
            variables,
        },
        GraphPattern::Distinct { inner } => GraphPattern::Distinct { inner: map(inner) },
        GraphPattern::Reduced { inner } => GraphPattern::Reduced { inner: map(inner) },
        GraphPattern::OrderBy { inner, expression } => GraphPattern::OrderBy {
            inner: map(inner),
            expression,
        },
        GraphPattern::Slice {
            inner,
            start,
            length,
        } => GraphPattern::Slice {
            inner: map(inner),
            start,
            length,
        },
        GraphPattern::Graph { name, inner } => GraphPattern::Graph {
            name,
            inner: map(inner),
        },
        GraphPattern::Group {
            inner,
            variables,
            aggregates,
        } => GraphPattern::Group {
            inner: map(inner),
            variables,
            aggregates,
        },
        other => other,
    }
}
