//! The generator of the differential test: queries over the cica graph's vocabulary, as an
//! algebra of patterns that proptest can shrink, written out as SPARQL text.

use proptest::prelude::*;
use std::fmt::Write as _;

pub(super) const PREFIXES: &str = "PREFIX cica: <https://w3id.org/cica-kg/ontology#>
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
pub(super) struct Generated {
    form: Form,
    dataset: &'static str,
    pattern: Pattern,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Form {
    Select,
    SelectDistinct,
    Count,
    GroupCount,
    Ask,
    Construct,
    Describe,
}

impl Generated {
    pub(super) fn text(&self) -> String {
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
    pub(super) fn kinds(&self) -> Vec<&'static str> {
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
pub(super) fn generated() -> impl Strategy<Value = Generated> {
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
