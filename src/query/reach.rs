//! Which triples a query can read, so that `cica-kg query` builds a store of only those: a
//! query about summits has no use for the ~1,400 quads of the provenance graph, and building
//! them into the store is most of the start-up time of a cold run.
//!
//! The rule is sound and simple. Over the union default graph, a triple pattern with a
//! constant predicate `p` matches only triples whose predicate is `p`, and a pattern
//! `?x rdf:type C` only `rdf:type` triples whose object is `C`; so a triple that matches no
//! pattern of the query, in any part of it (`OPTIONAL`, `MINUS`, `EXISTS`, subqueries,
//! property paths), cannot change its answer, and leaving it out of the store changes
//! nothing. Whatever could see such a triple gets the whole store ([`Reach::All`]):
//! a pattern with a variable predicate, a negated property set (`!p`), a path that may have
//! length zero (`p*`, `p?`: it matches every node of the graph to itself), `GRAPH` (it sees
//! which named graphs exist), a dataset of its own (`FROM`, `FROM NAMED`), `SERVICE`, and
//! `DESCRIBE` (it returns every triple about a resource).

use crate::rdf::select::Selection;
use crate::vocab::rdf;
use oxigraph::model::{NamedNodeRef, TermRef};
use spargebra::algebra::{
    AggregateExpression, Expression, GraphPattern, OrderExpression, PropertyPathExpression,
};
use spargebra::term::{NamedNodePattern, TermPattern, TriplePattern};
use spargebra::Query;

/// The triples a query can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// Any triple of the store.
    All,
    /// Only the triples these patterns admit.
    Only(Reads),
}

/// The predicates of a query's patterns, and the classes its `rdf:type` patterns name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reads {
    /// Every constant predicate but `rdf:type` (IRIs, once each). A query names a handful,
    /// and a store asks about each quad it makes: a scan that compares lengths first is
    /// quicker than hashing the IRI.
    predicates: Vec<String>,
    /// The classes (IRIs, once each) of `?x rdf:type C` patterns (empty: no `rdf:type` triple
    /// is read); `None` if some `rdf:type` pattern or path step leaves its object open (it
    /// reads every `rdf:type` triple). A handful too, scanned like the predicates.
    types: Option<Vec<String>>,
}

impl Reach {
    /// What `query` can read; [`Reach::All`] when that cannot be told from its patterns.
    pub fn of(query: &Query) -> Self {
        let (dataset, pattern) = match query {
            Query::Select {
                dataset, pattern, ..
            }
            | Query::Construct {
                dataset, pattern, ..
            }
            | Query::Ask {
                dataset, pattern, ..
            } => (dataset, pattern),
            Query::Describe { .. } => return Self::All,
        };
        if dataset.is_some() {
            return Self::All;
        }
        let mut reads = Reads {
            predicates: Vec::new(),
            types: Some(Vec::new()),
        };
        match reads.pattern(pattern) {
            Some(()) => Self::Only(reads),
            None => Self::All,
        }
    }
}

/// A store for the query needs only the quads it can read.
impl Selection for Reach {
    fn predicate(&self, predicate: NamedNodeRef<'_>) -> bool {
        match self {
            Self::All => true,
            Self::Only(reads) => {
                reads.has_predicate(predicate.as_str())
                    || (predicate == rdf::TYPE
                        && reads.types.as_ref().is_none_or(|c| !c.is_empty()))
            }
        }
    }

    fn object(&self, predicate: NamedNodeRef<'_>, object: TermRef<'_>) -> bool {
        match self {
            Self::All => true,
            Self::Only(reads) => reads.admits(predicate, object),
        }
    }
}

impl Reads {
    fn has_predicate(&self, iri: &str) -> bool {
        self.predicates.iter().any(|p| p == iri)
    }

    fn add_predicate(&mut self, iri: &str) {
        if !self.has_predicate(iri) {
            self.predicates.push(iri.to_owned());
        }
    }

    fn admits(&self, predicate: NamedNodeRef<'_>, object: TermRef<'_>) -> bool {
        if predicate != rdf::TYPE {
            return self.has_predicate(predicate.as_str());
        }
        match (&self.types, object) {
            (None, _) => true,
            (Some(classes), TermRef::NamedNode(class)) => {
                classes.iter().any(|c| c == class.as_str())
            }
            (Some(_), _) => false,
        }
    }

    /// Adds what `pattern` reads; `None` when it could read anything.
    fn pattern(&mut self, pattern: &GraphPattern) -> Option<()> {
        match pattern {
            GraphPattern::Bgp { patterns } => patterns.iter().try_for_each(|p| self.triple(p)),
            GraphPattern::Path { path, .. } => self.path(path),
            GraphPattern::Join { left, right }
            | GraphPattern::Union { left, right }
            | GraphPattern::Minus { left, right }
            | GraphPattern::Lateral { left, right } => {
                self.pattern(left)?;
                self.pattern(right)
            }
            GraphPattern::LeftJoin {
                left,
                right,
                expression,
            } => {
                self.pattern(left)?;
                self.pattern(right)?;
                expression.iter().try_for_each(|e| self.expression(e))
            }
            GraphPattern::Filter { expr, inner } => {
                self.expression(expr)?;
                self.pattern(inner)
            }
            GraphPattern::Extend {
                inner, expression, ..
            } => {
                self.expression(expression)?;
                self.pattern(inner)
            }
            GraphPattern::OrderBy { inner, expression } => {
                expression.iter().try_for_each(|e| match e {
                    OrderExpression::Asc(e) | OrderExpression::Desc(e) => self.expression(e),
                })?;
                self.pattern(inner)
            }
            GraphPattern::Group {
                inner, aggregates, ..
            } => {
                aggregates.iter().try_for_each(|(_, a)| self.aggregate(a))?;
                self.pattern(inner)
            }
            GraphPattern::Project { inner, .. }
            | GraphPattern::Distinct { inner }
            | GraphPattern::Reduced { inner }
            | GraphPattern::Slice { inner, .. } => self.pattern(inner),
            GraphPattern::Values { .. } => Some(()),
            GraphPattern::Graph { .. } | GraphPattern::Service { .. } => None,
        }
    }

    fn triple(&mut self, triple: &TriplePattern) -> Option<()> {
        let NamedNodePattern::NamedNode(predicate) = &triple.predicate else {
            return None;
        };
        if predicate.as_ref() != rdf::TYPE {
            self.add_predicate(predicate.as_str());
            return Some(());
        }
        match (&mut self.types, &triple.object) {
            (Some(classes), TermPattern::NamedNode(class)) => {
                if !classes.iter().any(|c| c == class.as_str()) {
                    classes.push(class.as_str().to_owned());
                }
            }
            (types, _) => *types = None,
        }
        Some(())
    }

    /// A path reads the predicates of its steps; an `rdf:type` step may reach any class.
    fn path(&mut self, path: &PropertyPathExpression) -> Option<()> {
        match path {
            PropertyPathExpression::NamedNode(p) if p.as_ref() == rdf::TYPE => {
                self.types = None;
                Some(())
            }
            PropertyPathExpression::NamedNode(p) => {
                self.add_predicate(p.as_str());
                Some(())
            }
            PropertyPathExpression::Reverse(p) | PropertyPathExpression::OneOrMore(p) => {
                self.path(p)
            }
            PropertyPathExpression::Sequence(a, b) | PropertyPathExpression::Alternative(a, b) => {
                self.path(a)?;
                self.path(b)
            }
            PropertyPathExpression::ZeroOrMore(_)
            | PropertyPathExpression::ZeroOrOne(_)
            | PropertyPathExpression::NegatedPropertySet(_) => None,
        }
    }

    fn aggregate(&mut self, aggregate: &AggregateExpression) -> Option<()> {
        match aggregate {
            AggregateExpression::CountSolutions { .. } => Some(()),
            AggregateExpression::FunctionCall { expr, .. } => self.expression(expr),
        }
    }

    /// An expression reads what its `EXISTS` patterns read.
    fn expression(&mut self, expression: &Expression) -> Option<()> {
        match expression {
            Expression::Exists(pattern) => self.pattern(pattern),
            Expression::NamedNode(_)
            | Expression::Literal(_)
            | Expression::Variable(_)
            | Expression::Bound(_) => Some(()),
            Expression::Or(a, b)
            | Expression::And(a, b)
            | Expression::Equal(a, b)
            | Expression::SameTerm(a, b)
            | Expression::Greater(a, b)
            | Expression::GreaterOrEqual(a, b)
            | Expression::Less(a, b)
            | Expression::LessOrEqual(a, b)
            | Expression::Add(a, b)
            | Expression::Subtract(a, b)
            | Expression::Multiply(a, b)
            | Expression::Divide(a, b) => {
                self.expression(a)?;
                self.expression(b)
            }
            Expression::UnaryPlus(e) | Expression::UnaryMinus(e) | Expression::Not(e) => {
                self.expression(e)
            }
            Expression::In(e, list) => {
                self.expression(e)?;
                list.iter().try_for_each(|e| self.expression(e))
            }
            Expression::If(a, b, c) => {
                self.expression(a)?;
                self.expression(b)?;
                self.expression(c)
            }
            Expression::Coalesce(list) | Expression::FunctionCall(_, list) => {
                list.iter().try_for_each(|e| self.expression(e))
            }
        }
    }
}
