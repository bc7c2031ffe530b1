//! A differential test of `query::Reach`, the store of what a query can read: generated
//! queries (variables in predicate position, property paths with `*`, `+`, `?`, `^`, `|`,
//! `/` and negated sets, `GRAPH ?g`, `FROM` and `FROM NAMED`, `OPTIONAL`, `MINUS`,
//! `EXISTS`, `NOT EXISTS`, `UNION`, subqueries, aggregates, `VALUES`, `BIND`, and the four
//! query forms, over the facts, provenance and ontology graphs) must answer over the store
//! `cica-kg query` builds for them exactly as over the whole graph.
//!
//! Answers are compared as multisets (solutions) or as graphs (CONSTRUCT, DESCRIBE), with
//! blank nodes up to renaming. The run is seeded, so it is the same every time; a failure
//! prints the smallest query proptest shrinks it to. At the end it prints how many queries of
//! each kind it compared (`cargo test differential -- --nocapture`).

use cica_kg::facts::{self, DataSource, Facts};
use cica_kg::ontology;
use cica_kg::query::{QueryText, Reach};
use cica_kg::rdf::KnowledgeGraph;
use cica_kg::vocab::Iris;
use oxigraph::model::graph::CanonicalizationAlgorithm;
use oxigraph::model::{Graph, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// How many queries one run compares.
const CASES: u32 = 2_000;

/// A query whose answer has more rows than this is not compared (it is counted apart), so
/// that a generated cross product cannot make the run slow.
const MAX_ROWS: usize = 20_000;

const PREFIXES: &str = "PREFIX cica: <https://w3id.org/cica-kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX g: <https://w3id.org/cica-kg/graph/>
PREFIX summit: <https://w3id.org/cica-kg/summit/>
PREFIX place: <https://w3id.org/cica-kg/place/>
";

/// Predicates of each graph, rare and common, and one the graph does not have.
#[rustfmt::skip]
const PREDICATES: &[&str] = &[
    "cica:location", "cica:follows", "cica:followedBy", "cica:startDate", "cica:ordinal",
    "cica:country", "cica:capital", "cica:organizer", "rdfs:label", "skos:altLabel",
    "owl:sameAs", "rdf:type", "rdf:subject", "rdf:predicate", "rdf:object", "cica:evidence",
    "oa:hasSelector", "oa:exact", "oa:start", "prov:wasDerivedFrom", "cica:rank",
    "cica:pointInTime", "rdfs:subClassOf", "rdfs:domain", "rdfs:range", "rdfs:subPropertyOf",
    "rdf:first", "rdf:rest", "owl:unionOf", "cica:idPrefix", "dct:title", "cica:nothing",
];

/// Classes of each graph, and one the graph does not have.
#[rustfmt::skip]
const CLASSES: &[&str] = &[
    "cica:Summit", "cica:City", "cica:Country", "cica:Statement", "cica:BestStatement",
    "oa:TextQuoteSelector", "owl:Class", "owl:ObjectProperty", "owl:FunctionalProperty",
    "cica:Rank", "prov:Entity", "cica:Nothing",
];

/// Constants that stand in subject or object position.
#[rustfmt::skip]
const CONSTANTS: &[&str] = &[
    "summit:1", "summit:6", "place:almaty", "place:astana", "cica:Summit", "cica:location",
    "cica:PreferredRank", "\"Almaty\"@en", "\"Almaty\"", "1", "6", "\"2002-06\"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>",
];

const VARIABLES: &[&str] = &["?a", "?b", "?c", "?d"];

const GRAPHS: &[&str] = &["g:facts", "g:provenance", "g:ontology", "g:nothing"];

/// A property path, or a single predicate.
#[derive(Debug, Clone)]
enum Path {
    Predicate(&'static str),
    Inverse(Box<Path>),
    ZeroOrMore(Box<Path>),
    OneOrMore(Box<Path>),
    ZeroOrOne(Box<Path>),
    Alternative(Box<Path>, Box<Path>),
    Sequence(Box<Path>, Box<Path>),
    Negated(Vec<(bool, &'static str)>),
}

impl Path {
    fn write(&self, out: &mut String) {
        match self {
            Self::Predicate(p) => out.push_str(p),
            Self::Inverse(p) => Self::unary(out, "^", p, ""),
            Self::ZeroOrMore(p) => Self::unary(out, "", p, "*"),
            Self::OneOrMore(p) => Self::unary(out, "", p, "+"),
            Self::ZeroOrOne(p) => Self::unary(out, "", p, "?"),
            Self::Alternative(a, b) => Self::binary(out, a, "|", b),
            Self::Sequence(a, b) => Self::binary(out, a, "/", b),
            Self::Negated(set) => {
                let items: Vec<String> = set
                    .iter()
                    .map(|(inverse, p)| format!("{}{p}", if *inverse { "^" } else { "" }))
                    .collect();
                let _ = write!(out, "!({})", items.join("|"));
            }
        }
    }

    fn unary(out: &mut String, before: &str, path: &Path, after: &str) {
        out.push_str(before);
        out.push('(');
        path.write(out);
        out.push(')');
        out.push_str(after);
    }

    fn binary(out: &mut String, a: &Path, operator: &str, b: &Path) {
        out.push('(');
        a.write(out);
        out.push_str(operator);
        b.write(out);
        out.push(')');
    }
}

/// A position of a triple pattern: a variable or a constant.
#[derive(Debug, Clone)]
enum Node {
    Variable(&'static str),
    Constant(&'static str),
}

impl Node {
    fn text(&self) -> &'static str {
        match self {
            Self::Variable(v) | Self::Constant(v) => v,
        }
    }
}

/// A graph pattern.
#[derive(Debug, Clone)]
enum Pattern {
    Triple(Node, Path, Node),
    VariablePredicate(Node, &'static str, Node),
    Typed(&'static str, &'static str),
    Join(Box<Pattern>, Box<Pattern>),
    Optional(Box<Pattern>, Box<Pattern>),
    Minus(Box<Pattern>, Box<Pattern>),
    Union(Box<Pattern>, Box<Pattern>),
    Exists(bool, Box<Pattern>, Box<Pattern>),
    Graph(Option<&'static str>, Box<Pattern>),
    Subquery(bool, Box<Pattern>),
    Bind(Box<Pattern>, &'static str, &'static str),
    Values(&'static str, Vec<&'static str>, Box<Pattern>),
    Filter(Box<Pattern>, &'static str),
}

impl Pattern {
    fn write(&self, out: &mut String) {
        match self {
            Self::Triple(s, p, o) => {
                let _ = write!(out, "{} ", s.text());
                p.write(out);
                let _ = write!(out, " {} .", o.text());
            }
            Self::VariablePredicate(s, p, o) => {
                let _ = write!(out, "{} {p} {} .", s.text(), o.text());
            }
            Self::Typed(v, class) => {
                let _ = write!(out, "{v} a {class} .");
            }
            Self::Join(a, b) => {
                a.braced(out);
                out.push(' ');
                b.braced(out);
            }
            Self::Optional(a, b) => Self::pair(out, a, "OPTIONAL", b),
            Self::Minus(a, b) => Self::pair(out, a, "MINUS", b),
            Self::Union(a, b) => {
                a.braced(out);
                out.push_str(" UNION ");
                b.braced(out);
            }
            Self::Exists(exists, a, b) => {
                let word = if *exists { "EXISTS" } else { "NOT EXISTS" };
                a.braced(out);
                let _ = write!(out, " FILTER {word} ");
                b.braced(out);
            }
            Self::Graph(name, p) => {
                let _ = write!(out, "GRAPH {} ", name.unwrap_or("?g"));
                p.braced(out);
            }
            Self::Subquery(distinct, p) => {
                let distinct = if *distinct { "DISTINCT " } else { "" };
                let _ = write!(out, "{{ SELECT {distinct}* WHERE ");
                p.braced(out);
                out.push_str(" }");
            }
            Self::Bind(p, from, to) => {
                p.braced(out);
                let _ = write!(out, " BIND(STR({from}) AS {to}_s)");
            }
            Self::Values(variable, values, p) => {
                let _ = write!(out, "VALUES {variable} {{ {} }} ", values.join(" "));
                p.braced(out);
            }
            Self::Filter(p, condition) => {
                p.braced(out);
                let _ = write!(out, " FILTER({condition})");
            }
        }
    }

    fn braced(&self, out: &mut String) {
        out.push_str("{ ");
        self.write(out);
        out.push_str(" }");
    }

    fn pair(out: &mut String, a: &Pattern, word: &str, b: &Pattern) {
        a.braced(out);
        let _ = write!(out, " {word} ");
        b.braced(out);
    }
}

/// A whole query: its form and dataset around a pattern.
#[derive(Debug, Clone)]
struct Generated {
    form: Form,
    dataset: &'static str,
    pattern: Pattern,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Form {
    Select,
    SelectDistinct,
    Count,
    GroupCount,
    Ask,
    Construct,
    Describe,
}

impl Generated {
    fn text(&self) -> String {
        let mut pattern = String::new();
        self.pattern.braced(&mut pattern);
        let dataset = self.dataset;
        let head = match self.form {
            Form::Select => "SELECT *".to_owned(),
            Form::SelectDistinct => "SELECT DISTINCT *".to_owned(),
            Form::Count => "SELECT (COUNT(*) AS ?n)".to_owned(),
            Form::GroupCount => "SELECT ?a (COUNT(?b) AS ?n) (MAX(?c) AS ?m)".to_owned(),
            Form::Ask => "ASK".to_owned(),
            Form::Construct => "CONSTRUCT { ?a <urn:x:p> ?b . ?b <urn:x:q> ?c }".to_owned(),
            Form::Describe => "DESCRIBE ?a".to_owned(),
        };
        let tail = if self.form == Form::GroupCount {
            " GROUP BY ?a"
        } else {
            ""
        };
        format!("{PREFIXES}{head} {dataset} WHERE {pattern}{tail}")
    }

    /// The kinds of construct the query holds, for the counts at the end.
    fn kinds(&self) -> Vec<&'static str> {
        let text = self.text();
        let body = &text[PREFIXES.len()..];
        let mut kinds = vec![match self.form {
            Form::Select | Form::SelectDistinct => "SELECT",
            Form::Count | Form::GroupCount => "aggregate",
            Form::Ask => "ASK",
            Form::Construct => "CONSTRUCT",
            Form::Describe => "DESCRIBE",
        }];
        for (needle, kind) in [
            ("OPTIONAL", "OPTIONAL"),
            ("MINUS", "MINUS"),
            ("NOT EXISTS", "NOT EXISTS"),
            ("UNION", "UNION"),
            ("GRAPH ?g", "GRAPH ?g"),
            ("FROM", "FROM / FROM NAMED"),
            ("{ SELECT", "subquery"),
            ("VALUES", "VALUES"),
            ("BIND", "BIND"),
            (")*", "path *"),
            (")+", "path +"),
            (")?", "path ?"),
            ("^", "path ^"),
            ("|", "path |"),
            ("!(", "negated set"),
            (" ?p ", "variable predicate"),
        ] {
            if body.contains(needle) {
                kinds.push(kind);
            }
        }
        kinds
    }
}

fn node() -> impl Strategy<Value = Node> {
    prop_oneof![
        3 => prop::sample::select(VARIABLES).prop_map(Node::Variable),
        1 => prop::sample::select(CONSTANTS).prop_map(Node::Constant),
    ]
}

/// A path; `narrow` leaves out what makes a query read everything (`*`, `?`, `!`).
fn path(narrow: bool) -> BoxedStrategy<Path> {
    let leaf = prop::sample::select(PREDICATES).prop_map(Path::Predicate);
    leaf.prop_recursive(2, 6, 2, move |inner| {
        let pair = || (inner.clone(), inner.clone());
        let always = prop_oneof![
            inner.clone().prop_map(|p| Path::Inverse(Box::new(p))),
            inner.clone().prop_map(|p| Path::OneOrMore(Box::new(p))),
            pair().prop_map(|(a, b)| Path::Alternative(Box::new(a), Box::new(b))),
            pair().prop_map(|(a, b)| Path::Sequence(Box::new(a), Box::new(b))),
        ];
        if narrow {
            return always.boxed();
        }
        prop_oneof![
            4 => always,
            1 => inner.clone().prop_map(|p| Path::ZeroOrMore(Box::new(p))),
            1 => inner.clone().prop_map(|p| Path::ZeroOrOne(Box::new(p))),
            1 => prop::collection::vec((any::<bool>(), prop::sample::select(PREDICATES)), 1..3)
                .prop_map(Path::Negated),
        ]
        .boxed()
    })
    .boxed()
}

/// A triple pattern; `narrow` leaves out variable predicates.
fn triple(narrow: bool) -> BoxedStrategy<Pattern> {
    let patterns = prop_oneof![
        3 => (node(), path(narrow), node()).prop_map(|(s, p, o)| Pattern::Triple(s, p, o)),
        1 => (prop::sample::select(VARIABLES), prop::sample::select(CLASSES))
            .prop_map(|(v, c)| Pattern::Typed(v, c)),
    ];
    if narrow {
        return patterns.boxed();
    }
    prop_oneof![
        4 => patterns,
        // A variable predicate with a constant end, so that it cannot match every triple.
        1 => (prop::sample::select(CONSTANTS), node())
            .prop_map(|(s, o)| Pattern::VariablePredicate(Node::Constant(s), "?p", o)),
        1 => (node(), prop::sample::select(CONSTANTS))
            .prop_map(|(s, o)| Pattern::VariablePredicate(s, "?p", Node::Constant(o))),
    ]
    .boxed()
}

/// A graph pattern; `narrow` leaves out `GRAPH`.
fn pattern(narrow: bool) -> impl Strategy<Value = Pattern> {
    triple(narrow).prop_recursive(3, 8, 2, move |inner| {
        let pair = || (inner.clone(), inner.clone());
        let boxed = |p: Pattern| Box::new(p);
        prop_oneof![
            pair().prop_map(move |(a, b)| Pattern::Join(boxed(a), boxed(b))),
            pair().prop_map(move |(a, b)| Pattern::Optional(boxed(a), boxed(b))),
            pair().prop_map(move |(a, b)| Pattern::Minus(boxed(a), boxed(b))),
            pair().prop_map(move |(a, b)| Pattern::Union(boxed(a), boxed(b))),
            (any::<bool>(), inner.clone(), inner.clone())
                .prop_map(move |(e, a, b)| Pattern::Exists(e, boxed(a), boxed(b))),
            (
                prop::option::of(prop::sample::select(GRAPHS)),
                inner.clone()
            )
                .prop_map(move |(g, p)| if narrow {
                    p
                } else {
                    Pattern::Graph(g, boxed(p))
                }),
            (any::<bool>(), inner.clone()).prop_map(move |(d, p)| Pattern::Subquery(d, boxed(p))),
            (
                inner.clone(),
                prop::sample::select(VARIABLES),
                prop::sample::select(VARIABLES)
            )
                .prop_map(move |(p, from, to)| Pattern::Bind(boxed(p), from, to)),
            (
                prop::sample::select(VARIABLES),
                prop::collection::vec(prop::sample::select(CONSTANTS), 1..3),
                inner.clone()
            )
                .prop_map(move |(v, values, p)| Pattern::Values(v, values, boxed(p))),
            (
                inner,
                prop::sample::select(
                    &[
                        "BOUND(?a)",
                        "!BOUND(?b)",
                        "isIRI(?a)",
                        "isLiteral(?b)",
                        "?c = summit:1",
                        "LANG(?b) = \"en\"",
                        "?b > 2",
                    ][..]
                )
            )
                .prop_map(move |(p, f)| Pattern::Filter(boxed(p), f)),
        ]
    })
}

/// A query: half of them narrow, without anything that makes a query read the whole graph
/// (so that a smaller store answers them), half with everything.
fn generated() -> impl Strategy<Value = Generated> {
    any::<bool>().prop_flat_map(|narrow| {
        let mut forms = vec![
            Form::Select,
            Form::SelectDistinct,
            Form::Count,
            Form::GroupCount,
            Form::Ask,
            Form::Construct,
        ];
        let mut datasets = vec![""];
        if !narrow {
            forms.push(Form::Describe);
            datasets.extend([
                "FROM g:facts",
                "FROM g:provenance FROM g:ontology",
                "FROM g:facts FROM NAMED g:provenance",
                "FROM NAMED g:ontology",
            ]);
        }
        let form = prop::sample::select(forms);
        let dataset = prop::sample::select(datasets);
        (form, dataset, pattern(narrow)).prop_map(|(form, dataset, pattern)| Generated {
            form,
            dataset,
            pattern,
        })
    })
}

/// An answer that can be compared: the sorted rows of solutions (blank nodes all written
/// `_:b`), a boolean, or a canonical graph; `None` when it has too many rows to compare.
fn answer(store: &Store, query: &spargebra::Query) -> Result<Option<Vec<String>>, String> {
    let mut prepared = SparqlEvaluator::new()
        .without_default_http_service_handler()
        .for_query(query.clone());
    if prepared.dataset().is_default_dataset() {
        prepared.dataset_mut().set_default_graph_as_union();
    }
    let results = prepared
        .on_store(store)
        .execute()
        .map_err(|e| e.to_string())?;
    let term = |term: &Term| match term {
        Term::BlankNode(_) => "_:b".to_owned(),
        other => other.to_string(),
    };
    Ok(match results {
        QueryResults::Boolean(b) => Some(vec![b.to_string()]),
        QueryResults::Solutions(solutions) => {
            let mut rows = Vec::new();
            for solution in solutions {
                let solution = solution.map_err(|e| e.to_string())?;
                if rows.len() == MAX_ROWS {
                    return Ok(None);
                }
                let mut row: Vec<String> = solution
                    .iter()
                    .map(|(v, t)| format!("{v}={}", term(t)))
                    .collect();
                row.sort();
                rows.push(row.join(" "));
            }
            rows.sort();
            Some(rows)
        }
        QueryResults::Graph(triples) => {
            let mut graph = Graph::new();
            for triple in triples {
                if graph.len() == MAX_ROWS {
                    return Ok(None);
                }
                graph.insert(&triple.map_err(|e| e.to_string())?);
            }
            graph.canonicalize(CanonicalizationAlgorithm::Unstable);
            let mut lines: Vec<String> = graph.iter().map(|t| t.to_string()).collect();
            lines.sort();
            Some(lines)
        }
    })
}

/// What differs between two answers, in a few lines.
fn difference(
    got: &Result<Option<Vec<String>>, String>,
    expected: &Result<Option<Vec<String>>, String>,
) -> String {
    match (got, expected) {
        (Ok(Some(got)), Ok(Some(expected))) => {
            let missing: Vec<&String> = expected.iter().filter(|r| !got.contains(r)).collect();
            let extra: Vec<&String> = got.iter().filter(|r| !expected.contains(r)).collect();
            format!(
                "{} rows instead of {}; missing {:?}; extra {:?}",
                got.len(),
                expected.len(),
                &missing[..missing.len().min(3)],
                &extra[..extra.len().min(3)]
            )
        }
        _ => format!("{got:?} instead of {expected:?}"),
    }
}

fn facts() -> Facts {
    let schema = &ontology::shipped().unwrap().schema;
    facts::load(&DataSource::Embedded, schema).unwrap()
}

#[test]
fn generated_queries_answer_the_same_over_the_store_of_what_they_read() {
    let facts = facts();
    let whole = KnowledgeGraph::from_facts(facts.clone(), Iris::default()).unwrap();
    let prefixes = Iris::default().prefixes();
    let config = Config {
        cases: CASES,
        rng_seed: RngSeed::Fixed(20_221_012),
        failure_persistence: None,
        max_shrink_iters: 2_000,
        ..Config::default()
    };
    let counts = std::cell::RefCell::new(BTreeMap::<&str, usize>::new());
    let mut runner = TestRunner::new(config);
    let result = runner.run(&generated(), |generated| {
        let text = generated.text();
        let prepared = QueryText {
            origin: "generated",
            text: &text,
            prefixes: &prefixes,
            bindings: &[],
        }
        .prepare();
        // A generated BIND can rebind a variable of its group, which SPARQL forbids.
        let Ok(query) = prepared else {
            *counts
                .borrow_mut()
                .entry("not compared: not valid SPARQL")
                .or_default() += 1;
            return Ok(());
        };
        let reach = Reach::of(&query);
        for kind in generated.kinds() {
            *counts.borrow_mut().entry(kind).or_default() += 1;
        }
        if reach == Reach::All {
            // `cica-kg query` then builds the whole graph, as `whole` is built.
            *counts.borrow_mut().entry("reads everything").or_default() += 1;
            return Ok(());
        }
        let scoped = KnowledgeGraph::from_facts_selected(facts.clone(), Iris::default(), &reach)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let expected = answer(whole.store(), &query);
        let got = answer(scoped.store(), &query);
        let mut counts = counts.borrow_mut();
        match (&expected, &got) {
            (Ok(None), _) | (_, Ok(None)) => {
                *counts.entry("not compared: too many rows").or_default() += 1;
                return Ok(());
            }
            (Err(_), Err(_)) => *counts.entry("both failed alike").or_default() += 1,
            _ => {}
        }
        if got != expected {
            return Err(TestCaseError::fail(format!(
                "the store of what it reads ({reach:?}) answers otherwise: {}\n{text}",
                difference(&got, &expected)
            )));
        }
        *counts.entry("compared over a smaller store").or_default() += 1;
        Ok(())
    });
    if let Err(error) = result {
        panic!("{error}");
    }
    let counts = counts.into_inner();
    eprintln!("differential: queries compared, by kind: {counts:#?}");
    let compared = counts
        .get("compared over a smaller store")
        .copied()
        .unwrap_or(0);
    assert!(compared >= CASES as usize * 4 / 10, "{counts:#?}");
    for kind in [
        "SELECT",
        "aggregate",
        "ASK",
        "CONSTRUCT",
        "DESCRIBE",
        "OPTIONAL",
        "MINUS",
        "NOT EXISTS",
        "UNION",
        "GRAPH ?g",
        "FROM / FROM NAMED",
        "subquery",
        "VALUES",
        "BIND",
        "path *",
        "path +",
        "path ?",
        "path ^",
        "path |",
        "negated set",
        "variable predicate",
    ] {
        assert!(
            counts.get(kind).copied().unwrap_or(0) >= 20,
            "the generator made too few queries with {kind}: {counts:#?}"
        );
    }
}
