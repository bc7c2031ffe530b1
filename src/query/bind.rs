//! Giving query variables values before a query runs (`VAR=TERM`): the term is read, the
//! variable must be one of the query's, each variable is bound once, and the value is joined
//! into the query's WHERE clause (a `VALUES` block in the algebra, below any projection,
//! ordering or grouping), so that any variable of the pattern can be bound, projected or not.

use oxigraph::model::{Literal, NamedNode, Term, Variable};
use spargebra::algebra::GraphPattern;
use spargebra::term::GroundTerm;
use spargebra::Query;
use std::collections::BTreeSet;

/// A variable and the value it gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// The variable.
    pub variable: Variable,
    /// Its value.
    pub term: Term,
}

/// Why a binding cannot be read or applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BindError {
    /// Not `VAR=TERM`, or an unreadable term.
    #[error("'{binding}': {why}; write VAR=TERM, such as subject=summit:1, with TERM one of <iri>, prefix:local, \"text\", \"text\"@en, an integer, true or false")]
    Malformed {
        /// The binding as given.
        binding: String,
        /// What is wrong.
        why: String,
    },
    /// A variable the query's pattern does not have.
    #[error("the query has no variable ?{variable} to bind; its variables are {}", .known.iter().map(|v| format!("?{v}")).collect::<Vec<_>>().join(", "))]
    UnknownVariable {
        /// The variable.
        variable: String,
        /// The variables of the query's pattern.
        known: Vec<String>,
    },
    /// The same variable given twice.
    #[error("?{0} is bound twice; give each variable one value")]
    Twice(String),
}

/// Reads `VAR=TERM`: TERM is `<iri>`, `prefix:local` (with `prefixes`), `"text"`,
/// `"text"@lang`, an integer, or `true`/`false`.
pub fn parse_binding(binding: &str, prefixes: &[(String, String)]) -> Result<Binding, BindError> {
    let bad = |why: String| BindError::Malformed {
        binding: binding.to_owned(),
        why,
    };
    let (name, value) = binding
        .split_once('=')
        .ok_or_else(|| bad("no '='".to_owned()))?;
    let variable = Variable::new(name.trim_start_matches(['?', '$']))
        .map_err(|e| bad(format!("invalid variable name '{name}': {e}")))?;
    let term: Term = if let Some(iri) = value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
        NamedNode::new(iri)
            .map_err(|e| bad(format!("invalid IRI <{iri}>: {e}")))?
            .into()
    } else if let Some(rest) = value.strip_prefix('"') {
        match rest.rsplit_once('"') {
            Some((text, "")) => Literal::new_simple_literal(text).into(),
            Some((text, tag)) if tag.starts_with('@') => {
                Literal::new_language_tagged_literal(text, &tag[1..])
                    .map_err(|e| bad(format!("invalid language tag: {e}")))?
                    .into()
            }
            _ => return Err(bad("unterminated text".to_owned())),
        }
    } else if let Ok(n) = value.parse::<i64>() {
        Literal::from(n).into()
    } else if value == "true" || value == "false" {
        Literal::from(value == "true").into()
    } else if let Some((prefix, local)) = value.split_once(':') {
        let namespace = prefixes
            .iter()
            .find(|(p, _)| p == prefix)
            .map(|(_, ns)| ns)
            .ok_or_else(|| {
                let names: Vec<&str> = prefixes.iter().map(|(p, _)| p.as_str()).collect();
                bad(format!(
                    "unknown prefix '{prefix}:'; use one of {}",
                    names.join(", ")
                ))
            })?;
        NamedNode::new(format!("{namespace}{local}"))
            .map_err(|e| bad(format!("invalid IRI: {e}")))?
            .into()
    } else {
        return Err(bad(format!("cannot read the term '{value}'")));
    };
    Ok(Binding { variable, term })
}

/// Refuses a variable bound twice.
pub fn check_unique(bindings: &[Binding]) -> Result<(), BindError> {
    let mut seen = BTreeSet::new();
    for binding in bindings {
        if !seen.insert(binding.variable.as_str()) {
            return Err(BindError::Twice(binding.variable.as_str().to_owned()));
        }
    }
    Ok(())
}

/// Joins the bindings into the query's WHERE clause, after checking each variable is one of
/// the pattern's.
pub fn apply(query: Query, bindings: &[Binding]) -> Result<Query, BindError> {
    if bindings.is_empty() {
        return Ok(query);
    }
    check_unique(bindings)?;
    map_pattern(query, |pattern| {
        let mut known = BTreeSet::new();
        body(&pattern).on_in_scope_variable(|v| {
            known.insert(v.as_str().to_owned());
        });
        if let Some(unknown) = bindings
            .iter()
            .find(|b| !known.contains(b.variable.as_str()))
        {
            return Err(BindError::UnknownVariable {
                variable: unknown.variable.as_str().to_owned(),
                known: known.into_iter().collect(),
            });
        }
        let values = GraphPattern::Values {
            variables: bindings.iter().map(|b| b.variable.clone()).collect(),
            bindings: vec![bindings.iter().map(|b| ground(&b.term)).collect()],
        };
        Ok(inject(pattern, values))
    })
}

/// Joins a table of values into the query's WHERE clause (a `VALUES` block with several rows),
/// after checking each variable is one of the pattern's.
pub fn apply_rows(
    query: Query,
    variables: &[Variable],
    rows: &[Vec<Term>],
) -> Result<Query, BindError> {
    map_pattern(query, |pattern| {
        let mut known = BTreeSet::new();
        body(&pattern).on_in_scope_variable(|v| {
            known.insert(v.as_str().to_owned());
        });
        if let Some(unknown) = variables.iter().find(|v| !known.contains(v.as_str())) {
            return Err(BindError::UnknownVariable {
                variable: unknown.as_str().to_owned(),
                known: known.into_iter().collect(),
            });
        }
        let values = GraphPattern::Values {
            variables: variables.to_vec(),
            bindings: rows
                .iter()
                .map(|row| row.iter().map(ground).collect())
                .collect(),
        };
        Ok(inject(pattern, values))
    })
}

/// The query with its pattern rewritten by `f`.
fn map_pattern<E>(
    query: Query,
    f: impl FnOnce(GraphPattern) -> Result<GraphPattern, E>,
) -> Result<Query, E> {
    Ok(match query {
        Query::Select {
            dataset,
            pattern,
            base_iri,
        } => Query::Select {
            dataset,
            pattern: f(pattern)?,
            base_iri,
        },
        Query::Construct {
            template,
            dataset,
            pattern,
            base_iri,
        } => Query::Construct {
            template,
            dataset,
            pattern: f(pattern)?,
            base_iri,
        },
        Query::Describe {
            dataset,
            pattern,
            base_iri,
        } => Query::Describe {
            dataset,
            pattern: f(pattern)?,
            base_iri,
        },
        Query::Ask {
            dataset,
            pattern,
            base_iri,
        } => Query::Ask {
            dataset,
            pattern: f(pattern)?,
            base_iri,
        },
    })
}

fn ground(term: &Term) -> Option<GroundTerm> {
    match term {
        Term::NamedNode(n) => Some(GroundTerm::NamedNode(n.clone())),
        Term::Literal(l) => Some(GroundTerm::Literal(l.clone())),
        _ => None,
    }
}

/// The WHERE clause of a query's pattern: below slicing, DISTINCT, projection, ordering and,
/// for an aggregate query, the grouping (and the expressions and HAVING filters above it).
pub fn body(pattern: &GraphPattern) -> &GraphPattern {
    match pattern {
        GraphPattern::Slice { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Project { inner, .. }
        | GraphPattern::OrderBy { inner, .. }
        | GraphPattern::Group { inner, .. } => body(inner),
        GraphPattern::Extend { inner, .. } | GraphPattern::Filter { inner, .. }
            if has_group(inner) =>
        {
            body(inner)
        }
        other => other,
    }
}

fn has_group(pattern: &GraphPattern) -> bool {
    match pattern {
        GraphPattern::Group { .. } => true,
        GraphPattern::Extend { inner, .. } | GraphPattern::Filter { inner, .. } => has_group(inner),
        _ => false,
    }
}

/// `pattern` with `values` joined into its [`body`].
fn inject(pattern: GraphPattern, values: GraphPattern) -> GraphPattern {
    map_body(pattern, |body| GraphPattern::Join {
        left: Box::new(values),
        right: Box::new(body),
    })
}

/// `pattern` with its WHERE clause (see [`body`]) rewritten by `f`; slicing, DISTINCT,
/// projection, ordering and grouping stay above it.
pub fn map_body(
    pattern: GraphPattern,
    f: impl FnOnce(GraphPattern) -> GraphPattern,
) -> GraphPattern {
    match pattern {
        GraphPattern::Slice {
            inner,
            start,
            length,
        } => GraphPattern::Slice {
            inner: Box::new(map_body(*inner, f)),
            start,
            length,
        },
        GraphPattern::Distinct { inner } => GraphPattern::Distinct {
            inner: Box::new(map_body(*inner, f)),
        },
        GraphPattern::Reduced { inner } => GraphPattern::Reduced {
            inner: Box::new(map_body(*inner, f)),
        },
        GraphPattern::Project { inner, variables } => GraphPattern::Project {
            inner: Box::new(map_body(*inner, f)),
            variables,
        },
        GraphPattern::OrderBy { inner, expression } => GraphPattern::OrderBy {
            inner: Box::new(map_body(*inner, f)),
            expression,
        },
        GraphPattern::Group {
            inner,
            variables,
            aggregates,
        } => GraphPattern::Group {
            inner: Box::new(f(*inner)),
            variables,
            aggregates,
        },
        GraphPattern::Extend {
            inner,
            variable,
            expression,
        } if has_group(&inner) => GraphPattern::Extend {
            inner: Box::new(map_body(*inner, f)),
            variable,
            expression,
        },
        GraphPattern::Filter { expr, inner } if has_group(&inner) => GraphPattern::Filter {
            expr,
            inner: Box::new(map_body(*inner, f)),
        },
        other => f(other),
    }
}

/// The query with its pattern rewritten by `f` (public for other rewrites of the algebra).
pub fn rewrite_pattern(query: Query, f: impl FnOnce(GraphPattern) -> GraphPattern) -> Query {
    match map_pattern::<std::convert::Infallible>(query, |p| Ok(f(p))) {
        Ok(query) => query,
        Err(never) => match never {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use spargebra::SparqlParser;

    fn binding(text: &str) -> Binding {
        parse_binding(text, &[("ex".into(), "http://example.org/".into())]).unwrap()
    }

    #[test]
    fn terms_are_read() {
        assert_eq!(binding("x=ex:a").term.to_string(), "<http://example.org/a>");
        assert_eq!(binding("?x=\"hi\"@en").term.to_string(), "\"hi\"@en");
        assert_eq!(binding("x=true").term, Literal::from(true).into());
        assert!(parse_binding("x", &[]).is_err());
        assert!(parse_binding("x=nope:a", &[])
            .unwrap_err()
            .to_string()
            .contains("unknown prefix"));
    }

    #[test]
    fn a_variable_outside_the_projection_can_be_bound() {
        let query = SparqlParser::new()
            .parse_query("SELECT ?o WHERE { ?s <http://example.org/p> ?o } ORDER BY ?o")
            .unwrap();
        let bound = apply(query, &[binding("s=ex:a")]).unwrap();
        let text = bound.to_string();
        assert!(
            text.contains("VALUES ( ?s ) { ( <http://example.org/a> )"),
            "{text}"
        );
        assert!(text.starts_with("SELECT ?o"), "{text}");
    }

    #[test]
    fn unknown_and_repeated_variables_are_refused() {
        let query = SparqlParser::new()
            .parse_query("SELECT ?s WHERE { ?s ?p ?o }")
            .unwrap();
        let error = apply(query.clone(), &[binding("nope=1")]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "the query has no variable ?nope to bind; its variables are ?o, ?p, ?s"
        );
        let error = apply(query, &[binding("s=1"), binding("s=2")]).unwrap_err();
        assert!(matches!(error, BindError::Twice(_)));
    }
}
