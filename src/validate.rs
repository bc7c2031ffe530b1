//! `cica-kg validate`: tells a person editing the facts exactly what is wrong and where.
//!
//! Three checks, in order:
//!
//! 1. **the facts load**: [`facts::load`] reads every TOML file and reports each problem with
//!    its file, line and column and what to change (unknown fields, ids, properties, bad
//!    values and dates, quotes that are not found in the article, or found more than once);
//! 2. **the quotes are where the provenance graph says**: for every reified statement, the
//!    characters `oa:start..oa:end` of its source article are exactly its `oa:exact` quote;
//! 3. **the graph has the shapes of `ontology/shapes.ttl`**: each SHACL shape is evaluated by
//!    its SPARQL rule in `queries/checks/` (one per shape, named by its `# Shape:` line),
//!    which returns one row per offending focus node.
//!
//! Why SPARQL rules rather than a Rust SHACL engine: the rudof project's crates were tried
//! (2026-11). `shacl_validation` 0.2.12 does not compile (its sibling crates changed their
//! IRI type within 0.2.x); `shacl` 0.3.37 compiles and gives the same verdict as pySHACL on
//! the real data and on a broken copy, but it takes cica-kg from 195 to 330 crates (reqwest,
//! tokio, hyper, quinn, proptest, rayon, petgraph, schemars) and a cold debug build on this
//! 2-core machine from 115 s to 281 s, which CI pays twice (clippy, then tests); and it turns
//! on Oxigraph's `rdf-12` feature for the whole crate, which changes the RDF model every
//! command is compiled against. The rules run on the store cica-kg already has; the tests run
//! pySHACL (a maintained engine) on the same data and `ontology/shapes.ttl` and require the
//! same verdict, shape by shape, on the real data and on each bad fixture. (One known
//! difference: sh:datatype asks for a well-formed literal; the rules check that with
//! Oxigraph's casts, but RDFLib, under pySHACL, does not parse xsd:gYear and xsd:gYearMonth,
//! so it takes "2002-13"^^xsd:gYearMonth as well-formed. No agreement fixture relies on it;
//! `src/facts.rs` refuses such a date before any graph exists.)
//!
//! A problem is mapped back to where it comes from: a facts-file problem has its own file,
//! line and column; a shape violation about an entity points at the statement of the
//! offending property (or at the entity's definition), one about a reified statement at that
//! statement. Exit status: 0 valid, 1 problems found, 2 the check could not run.

use crate::embedded;
use crate::facts::{self, DataSource, Facts, Origin};
use crate::query;
use crate::store::KnowledgeGraph;
use crate::triples;
use crate::vocab::{Iris, CICA, SH, SHAPES};
use anyhow::{anyhow, bail, Context, Result};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedNode, NamedNodeRef, Term, TermRef};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::io::Write;
use std::path::Path;

/// How the report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// One line per problem (file:line:column: what is wrong; what to change), then a summary
    Text,
    /// One JSON object: {"valid", "problems": [...], "summary": {...}}, for programs
    Json,
}

/// Which check found a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// The facts files (TOML), as [`facts::load`] checks them.
    Facts,
    /// A graph file given with `--graph-file` that does not parse.
    Graph,
    /// A quote that is not at its offsets in the source article.
    Quote,
    /// A SHACL shape of `ontology/shapes.ttl`.
    Shape,
}

/// One problem, where it comes from, and what to change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The file at fault: a facts file, the graph file, or `ontology/shapes.ttl`.
    pub file: String,
    /// 1-based line, where there is one.
    pub line: Option<usize>,
    /// 1-based column, where there is one.
    pub column: Option<usize>,
    /// Which check found it.
    pub kind: Kind,
    /// The IRI of the violated shape (shape problems only).
    pub shape: Option<String>,
    /// The IRI of the offending node (shape and quote problems).
    pub focus: Option<String>,
    /// What is wrong.
    pub message: String,
    /// What to change.
    pub help: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}; {}", self.message, self.help)
    }
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
}

impl Report {
    fn new(problems: Vec<Problem>, mut summary: Summary) -> Self {
        summary.problems = problems.len();
        Self {
            valid: problems.is_empty(),
            problems,
            summary,
        }
    }

    /// Writes the report: one line per problem and a summary, or one JSON object.
    pub fn write(&self, format: ReportFormat, out: &mut dyn Write) -> Result<()> {
        match format {
            ReportFormat::Json => {
                serde_json::to_writer_pretty(&mut *out, self)?;
                writeln!(out)?;
            }
            ReportFormat::Text => {
                for problem in &self.problems {
                    writeln!(out, "{problem}")?;
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
        format!(
            "invalid: {n} problem{} ({})",
            if n == 1 { "" } else { "s" },
            parts.join(", ")
        )
    }
}

/// One SPARQL rule of `queries/checks/`, the evaluation of one shape.
#[derive(Debug, Clone)]
pub struct Check {
    /// The file name without `.rq`.
    pub name: String,
    /// `# Check: ...`: what it checks and why.
    pub description: String,
    /// `# Shape: cicash:...`: the shape it evaluates, as a full IRI.
    pub shape: String,
    /// `# Fix: ...`: what to change.
    pub fix: String,
    /// The query.
    pub text: String,
}

/// The rules of `queries/checks/`, each with its header read.
pub fn checks() -> Result<Vec<Check>> {
    embedded::CHECKS
        .iter()
        .map(|(file, text)| {
            let fields = header_fields(text);
            let field = |key: &str| -> Result<String> {
                fields
                    .iter()
                    .find(|(k, v)| *k == key && !v.is_empty())
                    .map(|(_, v)| v.clone())
                    .ok_or_else(|| {
                        anyhow!("queries/checks/{file} has no '# {key}: ...' header line; add one")
                    })
            };
            let shape = field("Shape")?;
            let local = shape.strip_prefix("cicash:").ok_or_else(|| {
                anyhow!(
                    "queries/checks/{file}: '# Shape: {shape}' must name a shape as cicash:Name"
                )
            })?;
            Ok(Check {
                name: file.trim_end_matches(".rq").to_owned(),
                description: field("Check")?,
                shape: format!("{SHAPES}{local}"),
                fix: field("Fix")?,
                text: (*text).to_owned(),
            })
        })
        .collect()
}

/// The `# Key: value` fields of a rule's leading comment; a comment line that starts with no
/// key goes on with the field before it.
fn header_fields(text: &str) -> Vec<(&'static str, String)> {
    let mut fields: Vec<(&'static str, String)> = Vec::new();
    for line in text.lines() {
        let Some(comment) = line.strip_prefix('#') else {
            break;
        };
        let comment = comment.trim();
        let key = ["Check", "Shape", "Fix"]
            .into_iter()
            .find(|key| comment.starts_with(&format!("{key}:")));
        match (key, fields.last_mut()) {
            (Some(key), _) => fields.push((key, comment[key.len() + 1..].trim().to_owned())),
            (None, Some((_, value))) if !comment.is_empty() => {
                value.push(' ');
                value.push_str(comment);
            }
            _ => {}
        }
    }
    fields
}

/// The shapes of `ontology/shapes.ttl` that have a target (the others are only used by
/// them), as IRIs, sorted.
pub fn targeted_shapes() -> Result<BTreeSet<String>> {
    let (_, text) = embedded::ONTOLOGY
        .iter()
        .find(|(name, _)| *name == "shapes.ttl")
        .ok_or_else(|| anyhow!("ontology/shapes.ttl is missing from the build"))?;
    let store = Store::new()?;
    store
        .load_from_reader(RdfParser::from_format(RdfFormat::Turtle), text.as_bytes())
        .context("the shipped ontology/shapes.ttl does not parse")?;
    let targets = [
        "targetClass",
        "targetNode",
        "targetSubjectsOf",
        "targetObjectsOf",
    ]
    .map(|local| format!("{SH}{local}"));
    let mut shapes = BTreeSet::new();
    for target in &targets {
        let predicate = NamedNode::new_unchecked(target.as_str());
        for quad in store.quads_for_pattern(None, Some(predicate.as_ref()), None, None) {
            shapes.insert(
                quad?
                    .subject
                    .to_string()
                    .trim_matches(['<', '>'])
                    .to_owned(),
            );
        }
    }
    Ok(shapes)
}

/// The checks, after making sure that each targeted shape has exactly one and each names a
/// shape of `ontology/shapes.ttl`.
fn checks_for_shapes() -> Result<Vec<Check>> {
    let checks = checks()?;
    let shapes = targeted_shapes()?;
    for shape in &shapes {
        let count = checks.iter().filter(|c| &c.shape == shape).count();
        if count != 1 {
            bail!(
                "the shape <{shape}> of ontology/shapes.ttl has {count} rules in queries/checks/; \
                 give it exactly one (a .rq file whose '# Shape:' line names it)"
            );
        }
    }
    if let Some(check) = checks.iter().find(|c| !shapes.contains(&c.shape)) {
        bail!(
            "queries/checks/{}.rq names <{}>, which is not a targeted shape of ontology/shapes.ttl; \
             correct its '# Shape:' line",
            check.name,
            check.shape
        );
    }
    Ok(checks)
}

/// Runs every check. `Err` means the check could not run (exit status 2); problems in the
/// input are in the report (exit status 1).
pub fn validate(data: &DataSource, iris: Iris, graph_file: Option<&Path>) -> Result<Report> {
    let checks = checks_for_shapes()?;
    let facts = match facts::load(data) {
        Ok(facts) => facts,
        Err(problems) => {
            let problems = problems
                .0
                .into_iter()
                .map(|p| Problem {
                    file: p.file,
                    line: p.position.map(|(line, _)| line),
                    column: p.position.map(|(_, column)| column),
                    kind: Kind::Facts,
                    shape: None,
                    focus: None,
                    message: p.message,
                    help: p.help,
                })
                .collect();
            return Ok(Report::new(problems, Summary::default()));
        }
    };
    let mut summary = Summary {
        entities: facts.entities.len(),
        statements: facts.statements.len(),
        shapes: checks.len(),
        ..Summary::default()
    };
    let (kg, locate) = match graph_file {
        None => {
            let kg = KnowledgeGraph::from_facts(facts, iris)?;
            let locate = Locator::from_facts(&kg.facts, &kg.iris);
            (kg, locate)
        }
        Some(path) => {
            let name = path.display().to_string();
            let kg = KnowledgeGraph {
                facts,
                iris,
                store: Store::new().context("cannot create the in-memory store")?,
            };
            if let Err(problem) = load_graph_file(&kg.store, path, &kg.iris) {
                return Ok(Report::new(vec![*problem], summary));
            }
            (kg, Locator::file(name))
        }
    };
    summary.triples = kg.store.len().context("cannot read the store")?;
    let mut problems = quote_problems(&kg, &locate, &mut summary.quotes)?;
    let prefixes = prefixes(&kg.iris);
    for check in &checks {
        problems.extend(shape_problems(&kg.store, check, &locate, &prefixes)?);
    }
    Ok(Report::new(problems, summary))
}

/// Loads an RDF file into `store`, each triple in a named graph of its own, so that the
/// union default graph of the checks sees it. The format comes from the extension.
fn load_graph_file(store: &Store, path: &Path, iris: &Iris) -> Result<(), Box<Problem>> {
    let name = path.display().to_string();
    let problem = |line: Option<usize>, column: Option<usize>, message: String, help: &str| {
        Box::new(Problem {
            file: name.clone(),
            line,
            column,
            kind: Kind::Graph,
            shape: None,
            focus: None,
            message,
            help: help.to_owned(),
        })
    };
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let format = crate::export::ExportFormat::from_extension(extension).ok_or_else(|| {
        problem(
            None,
            None,
            format!("cannot tell the RDF format from the extension '{extension}'"),
            &format!(
                "name the file with one of the extensions .ttl, .nt, .nq, .trig, .rdf, .jsonld ({})",
                crate::export::ExportFormat::names()
            ),
        )
    })?;
    let bytes = std::fs::read(path).map_err(|e| {
        problem(
            None,
            None,
            format!("cannot read the graph file: {e}"),
            "check the path",
        )
    })?;
    let graph = NamedNode::new_unchecked(format!("{}graph/validated", iris.base()));
    store
        .load_from_reader(
            RdfParser::from_format(format.rdf_format()).with_default_graph(graph.as_ref()),
            bytes.as_slice(),
        )
        .map_err(|e| {
            let (line, column) = match &e {
                oxigraph::store::LoaderError::Parsing(oxigraph::io::RdfParseError::Syntax(s)) => {
                    match s.location() {
                        Some(location) => (
                            Some(location.start.line as usize + 1),
                            Some(location.start.column as usize + 1),
                        ),
                        None => (None, None),
                    }
                }
                _ => (None, None),
            };
            problem(
                line,
                column,
                format!("the graph file does not parse as {format}: {e}"),
                "fix the RDF syntax there",
            )
        })
}

/// The prefixes of the data and vocabularies, and `cicash:` for the shapes.
fn prefixes(iris: &Iris) -> Vec<(String, String)> {
    let mut prefixes = iris.prefixes();
    prefixes.push(("cicash".to_owned(), SHAPES.to_owned()));
    prefixes
}

/// Says where a node of the graph comes from.
struct Locator {
    /// The graph file, when the graph was read from one: every problem is reported there.
    graph_file: Option<String>,
    /// Entity IRI -> (where it is defined, property IRI -> where each statement of it is).
    entities: HashMap<String, (Origin, HashMap<String, Vec<Origin>>)>,
    /// Reified statement IRI -> where the statement is.
    statements: HashMap<String, Origin>,
}

impl Locator {
    fn from_facts(facts: &Facts, iris: &Iris) -> Self {
        let mut entities: HashMap<String, (Origin, HashMap<String, Vec<Origin>>)> = facts
            .entities
            .iter()
            .map(|e| {
                (
                    iris.entity(&e.id).as_str().to_owned(),
                    (e.origin.clone(), HashMap::new()),
                )
            })
            .collect();
        let mut statements = HashMap::new();
        for statement in &facts.statements {
            if let Some((_, properties)) =
                entities.get_mut(iris.entity(&statement.subject).as_str())
            {
                properties
                    .entry(format!("{CICA}{}", statement.property))
                    .or_default()
                    .push(statement.origin.clone());
            }
            let node = iris.statement(&triples::statement_key(statement), None);
            statements.insert(node.as_str().to_owned(), statement.origin.clone());
        }
        Self {
            graph_file: None,
            entities,
            statements,
        }
    }

    fn file(name: String) -> Self {
        Self {
            graph_file: Some(name),
            entities: HashMap::new(),
            statements: HashMap::new(),
        }
    }

    /// Where to report a problem about `focus` (and its `property`): the graph file; or the
    /// statements of that property (the first is where the problem is reported), else the
    /// entity's definition; or the reified statement's own statement; or, for a node the
    /// facts do not define, the shapes file.
    fn locate(&self, focus: &str, property: Option<&str>) -> Vec<Origin> {
        let at = |file: &str| Origin {
            file: file.to_owned(),
            line: 0,
            column: 0,
        };
        if let Some(file) = &self.graph_file {
            return vec![at(file)];
        }
        if let Some((origin, properties)) = self.entities.get(focus) {
            return match property.and_then(|p| properties.get(p)) {
                Some(origins) if !origins.is_empty() => origins.clone(),
                _ => vec![origin.clone()],
            };
        }
        match self.statements.get(focus) {
            Some(origin) => vec![origin.clone()],
            None => vec![at("ontology/shapes.ttl")],
        }
    }
}

/// Runs one rule and turns each row into a problem.
fn shape_problems(
    store: &Store,
    check: &Check,
    locate: &Locator,
    prefixes: &[(String, String)],
) -> Result<Vec<Problem>> {
    let origin = format!("queries/checks/{}.rq", check.name);
    let results = query::evaluate(store, &origin, &check.text, SparqlEvaluator::new(), &[])?;
    let QueryResults::Solutions(solutions) = results else {
        bail!("{origin} is not a SELECT query; write SELECT ?focus ?property ?message");
    };
    let shape = query::plain(NamedNodeRef::new_unchecked(&check.shape).into(), prefixes);
    let mut problems = Vec::new();
    for solution in solutions {
        let solution = solution.with_context(|| format!("{origin}: the query failed"))?;
        let focus = solution
            .get("focus")
            .ok_or_else(|| anyhow!("{origin}: a row has no ?focus"))?;
        let message = match solution.get("message") {
            Some(Term::Literal(l)) => l.value().to_owned(),
            _ => bail!("{origin}: a row has no ?message text"),
        };
        let property = match solution.get("property") {
            Some(Term::NamedNode(p)) => Some(p.as_str()),
            _ => None,
        };
        let focus_iri = match focus {
            Term::NamedNode(n) => n.as_str().to_owned(),
            other => other.to_string(),
        };
        let origins = locate.locate(&focus_iri, property);
        let first = &origins[0];
        let also = if origins.len() > 1 {
            let places: Vec<String> = origins.iter().map(Origin::to_string).collect();
            format!(", stated at {}", places.join(" and "))
        } else {
            String::new()
        };
        problems.push(Problem {
            file: first.file.clone(),
            line: (first.line > 0).then_some(first.line),
            column: (first.column > 0).then_some(first.column),
            kind: Kind::Shape,
            shape: Some(check.shape.clone()),
            focus: Some(focus_iri),
            message: format!(
                "{} {message}{also} (shape {shape})",
                query::plain(focus.as_ref(), prefixes)
            ),
            help: check.fix.clone(),
        });
    }
    problems.sort_by(|a, b| (&a.file, a.line, &a.message).cmp(&(&b.file, b.line, &b.message)));
    Ok(problems)
}

/// Every quote of the provenance graph, with its offsets and its source.
const QUOTES: &str = "\
PREFIX cica: <https://w3id.org/cica-kg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?statement ?source ?exact ?start ?end WHERE {
  ?statement a rdf:Statement ;
             cica:evidence ?evidence .
  ?evidence oa:hasSource ?source ;
            oa:hasSelector ?quote , ?position .
  ?quote oa:exact ?exact .
  ?position oa:start ?start ;
            oa:end ?end .
}";

/// Checks that each quote of the provenance graph is the text of its source between its
/// offsets (in characters).
fn quote_problems(
    kg: &KnowledgeGraph,
    locate: &Locator,
    checked: &mut usize,
) -> Result<Vec<Problem>> {
    let texts: HashMap<String, (&str, Vec<char>)> = kg
        .facts
        .sources
        .iter()
        .map(|s| {
            (
                kg.iris.source(&s.id).as_str().to_owned(),
                (s.file.as_str(), s.text.chars().collect()),
            )
        })
        .collect();
    let prefixes = prefixes(&kg.iris);
    let results = query::evaluate(
        &kg.store,
        "the quote check",
        QUOTES,
        SparqlEvaluator::new(),
        &[],
    )?;
    let QueryResults::Solutions(solutions) = results else {
        bail!("the quote check is not a SELECT query");
    };
    let mut problems = Vec::new();
    for solution in solutions {
        let solution = solution.context("the quote check failed")?;
        let get = |name: &str| solution.get(name).map(Term::as_ref);
        let (Some(statement), Some(source), Some(TermRef::Literal(exact))) =
            (get("statement"), get("source"), get("exact"))
        else {
            continue;
        };
        *checked += 1;
        let statement_iri = match statement {
            TermRef::NamedNode(n) => n.as_str().to_owned(),
            other => other.to_string(),
        };
        let origin = locate.locate(&statement_iri, None).remove(0);
        let named = query::plain(statement, &prefixes);
        let mut report = |message: String, help: &str| {
            problems.push(Problem {
                file: origin.file.clone(),
                line: (origin.line > 0).then_some(origin.line),
                column: (origin.column > 0).then_some(origin.column),
                kind: Kind::Quote,
                shape: None,
                focus: Some(statement_iri.clone()),
                message: format!("{named}: {message}"),
                help: help.to_owned(),
            });
        };
        let offset = |name: &str| match get(name) {
            Some(TermRef::Literal(l)) => l.value().parse::<usize>().ok(),
            _ => None,
        };
        let Some((article, text)) = texts.get(source.to_string().trim_matches(['<', '>'])) else {
            report(
                format!("the quote cites {source}, which is not a source of the facts"),
                "cite the article of a [source] table of the facts files",
            );
            continue;
        };
        let (Some(start), Some(end)) = (offset("start"), offset("end")) else {
            report(
                "the quote's oa:start or oa:end is not a whole number".to_owned(),
                "give the character offsets of the quote in the article",
            );
            continue;
        };
        let found: Option<String> =
            (start <= end && end <= text.len()).then(|| text[start..end].iter().collect());
        if found.as_deref() != Some(exact.value()) {
            let what = match &found {
                Some(found) => format!("\"{found}\""),
                None => format!("nothing (the article has {} characters)", text.len()),
            };
            report(
                format!(
                    "the quote \"{}\" is not at characters {start}..{end} of {article}, which hold {what}",
                    exact.value()
                ),
                "rebuild the graph from the facts (cica-kg finds each quote's offsets), or correct oa:start and oa:end",
            );
        }
    }
    problems.sort_by(|a, b| (&a.file, a.line, &a.message).cmp(&(&b.file, b.line, &b.message)));
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_targeted_shape_has_exactly_one_rule() {
        let checks = checks_for_shapes().unwrap();
        let shapes = targeted_shapes().unwrap();
        assert_eq!(checks.len(), shapes.len());
        assert_eq!(shapes.len(), 10, "{shapes:?}");
        for check in &checks {
            assert!(!check.description.is_empty(), "{}", check.name);
            assert!(!check.fix.is_empty(), "{}", check.name);
        }
    }

    #[test]
    fn headers_go_on_over_several_lines() {
        let fields = header_fields(
            "# Check: one\n# two\n# Shape: cicash:X\n# Fix: do it\nPREFIX x: <y>\n# Check: not read\n",
        );
        assert_eq!(
            fields,
            [
                ("Check", "one two".to_owned()),
                ("Shape", "cicash:X".to_owned()),
                ("Fix", "do it".to_owned())
            ]
        );
    }

    #[test]
    fn the_label_shape_targets_every_class_of_the_facts() {
        let (_, text) = embedded::ONTOLOGY
            .iter()
            .find(|(name, _)| *name == "shapes.ttl")
            .unwrap();
        let store = Store::new().unwrap();
        store
            .load_from_reader(RdfParser::from_format(RdfFormat::Turtle), text.as_bytes())
            .unwrap();
        let shape = NamedNode::new_unchecked(format!("{SHAPES}EntityLabelShape"));
        let target = NamedNode::new_unchecked(format!("{SH}targetClass"));
        let mut classes: Vec<String> = store
            .quads_for_pattern(
                Some(shape.as_ref().into()),
                Some(target.as_ref()),
                None,
                None,
            )
            .map(|q| q.unwrap().object.to_string())
            .collect();
        classes.sort();
        let expected: Vec<String> = crate::vocab::CLASSES
            .iter()
            .map(|c| format!("<{CICA}{c}>"))
            .collect();
        assert_eq!(classes, expected);
    }

    #[test]
    fn the_summary_counts_each_kind_of_problem() {
        let problem = |kind| Problem {
            file: "f".into(),
            line: None,
            column: None,
            kind,
            shape: None,
            focus: None,
            message: "m".into(),
            help: "h".into(),
        };
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
