//! What every request handler reads: the graph, its prefixes, the named queries, the engine
//! that evaluates the clients' queries, the limits and options ([`super::options`]), and the
//! program's own queries (`queries/internal/serve-*.rq`) run on the graph for the pages.

use super::cache::TextCache;
use super::clients::Clients;
use super::engine::Engine;
use super::http::Problem;
use super::log::Log;
use super::options::Options;
use super::ServeError;
use crate::query::{self, catalog, Binding, NamedQuery};
use crate::rdf::KnowledgeGraph;
use crate::vocab::{GraphKind, Iris};
use oxhttp::model::StatusCode;
use oxigraph::model::{NamedNode, Term, Triple, Variable};
use oxigraph::sparql::{QueryResults, QuerySolution};
use std::sync::{Mutex, OnceLock};

/// The server's state, shared by every request.
pub struct State {
    pub(crate) kg: KnowledgeGraph,
    pub(crate) prefixes: Vec<(String, String)>,
    pub(crate) queries: Vec<NamedQuery>,
    pub(crate) engine: Engine,
    pub(crate) options: Options,
    /// Each named graph and its number of triples, counted once, on first use (a second with
    /// 80,000 statements: not before the server listens).
    graph_sizes: OnceLock<Vec<(NamedNode, usize)>>,
    /// Whether each query text seen returns RDF (rather than solutions).
    pub(crate) kinds: Kinds,
    /// The query page's answers of one page of rows, kept.
    pub(crate) answers: super::answers::Answers,
    /// The queries each client has running.
    pub(crate) clients: Clients,
    /// What the search box looks in (and the labels and page order of the pages), read once.
    pub(crate) search: OnceLock<Result<super::pages::search::Index, Problem>>,
    /// The entities by class and the sources, for the home page and the lists, read once.
    pub(crate) lists: OnceLock<Result<super::pages::lists::Lists, Problem>>,
    /// The home page, rendered once.
    pub(crate) home: OnceLock<Result<String, Problem>>,
    /// What links to each resource, read once.
    pub(crate) links: OnceLock<Result<super::pages::links::Incoming, Problem>>,
    /// What the fields of the named questions offer, read once.
    pub(crate) choices: OnceLock<super::pages::results::Choices>,
    /// Entity pages that were slow to render, kept.
    pub(crate) kept_pages: super::kept::KeptPages,
    /// Where the server's events go.
    pub(crate) log: Log,
    /// Whether the store holds every statement's provenance yet; requests but the home page's
    /// wait for it.
    pub(crate) loading: super::loading::Loading,
}

/// What kind of answer recent query texts give, so that a repeated query is not parsed again
/// to choose its format: texts up to 64 KiB, 4 MiB of them in all (see [`TextCache`]).
pub(crate) struct Kinds(Mutex<TextCache<bool>>);

impl Default for Kinds {
    fn default() -> Self {
        Self(Mutex::new(TextCache::new(Self::LONGEST, Self::TOTAL)))
    }
}

impl Kinds {
    /// The longest text kept.
    pub(crate) const LONGEST: usize = 64 * 1024;
    /// The most bytes of text kept.
    pub(crate) const TOTAL: usize = 4 * 1024 * 1024;

    /// Whether `query` returns RDF, if it was seen.
    pub(crate) fn get(&self, query: &str) -> Option<bool> {
        self.0.lock().ok()?.get(query)
    }

    /// Remembers whether `query` returns RDF.
    pub(crate) fn insert(&self, query: &str, rdf: bool) {
        if let Ok(mut kinds) = self.0.lock() {
            kinds.insert(query, rdf);
        }
    }

    /// The bytes of the texts kept.
    #[cfg(test)]
    fn bytes(&self) -> usize {
        self.0.lock().map_or(0, |kinds| kinds.bytes())
    }
}

#[cfg(test)]
#[test]
fn kinds_keep_at_most_their_budget_of_text() {
    // Issue 17: 4,096 texts of up to 1 MiB were kept, 2.6 GB after 2,500 distinct queries.
    let kinds = Kinds::default();
    let long = format!("ASK {{ VALUES ?x {{ {}}} }}", "1 ".repeat(512 * 1024));
    for n in 0..100 {
        let text = format!("{long}# {n}");
        kinds.insert(&text, false);
        let short = format!("SELECT * {{ ?s ?p {n} }}");
        kinds.insert(&short, n % 2 == 0);
        assert_eq!(kinds.get(&short), Some(n % 2 == 0));
    }
    assert!(
        kinds.bytes() <= Kinds::TOTAL,
        "{} bytes kept",
        kinds.bytes()
    );
    let many = "SELECT * { ?s ?p ?o } #".to_owned() + &"x".repeat(60 * 1024);
    for n in 0..1000 {
        kinds.insert(&format!("{many}{n}"), true);
        assert!(
            kinds.bytes() <= Kinds::TOTAL,
            "{} bytes kept",
            kinds.bytes()
        );
    }
}

impl State {
    /// The state of a server of `kg`, whose clients' queries `engine` evaluates.
    pub fn new(kg: KnowledgeGraph, engine: Engine, options: Options) -> Result<Self, ServeError> {
        let queries = query::named_queries().map_err(|e| ServeError::Query(e.into()))?;
        let prefixes = kg.iris().prefixes();
        Ok(Self {
            kg,
            prefixes,
            queries,
            engine,
            options,
            graph_sizes: OnceLock::new(),
            kinds: Kinds::default(),
            answers: Default::default(),
            clients: Clients::default(),
            search: OnceLock::new(),
            log: super::log::silent(),
            lists: OnceLock::new(),
            links: OnceLock::new(),
            choices: OnceLock::new(),
            kept_pages: Default::default(),
            home: OnceLock::new(),
            loading: super::loading::Loading::done(),
        })
    }

    /// The state of a graph built without the provenance of its statements
    /// ([`KnowledgeGraph::without_provenance`]): [`State::warm_home`] adds that of the home's
    /// key facts, [`State::finish_loading`] the rest, and until then only the home page is
    /// answered (every other request waits).
    pub fn with_pending(mut self, pending: crate::rdf::Pending) -> Self {
        self.loading = super::loading::Loading::pending(pending);
        self
    }

    /// Adds the provenance of every statement still pending, then lets the waiting requests
    /// go on; [`super::serve`] runs it as it starts listening. Whether there was any to add
    /// (none for a graph built at once).
    pub fn finish_loading(&self) -> Result<bool, crate::rdf::StoreError> {
        self.loading.finish(&self.kg)
    }

    /// Each named graph and its number of triples, in the order of [`GraphKind::ALL`] (none if
    /// the program's query for them fails).
    pub(crate) fn graph_sizes(&self) -> &[(NamedNode, usize)] {
        self.graph_sizes.get_or_init(|| {
            // While the statements' provenance is being added, its quads are counted as they
            // will be in the provenance graph.
            let (rows, pending) = self.loading.counting(&self.kg, |pending| {
                let rows = self.internal("serve-graph-sizes", &[]).unwrap_or_default();
                (rows, pending)
            });
            let mut sizes: Vec<(NamedNode, usize)> = rows
                .iter()
                .filter_map(|row| Some((named(row, "graph")?, number(row, "triples")? as usize)))
                .collect();
            if pending > 0 {
                let provenance = self.kg.iris().graph(GraphKind::Provenance);
                match sizes.iter_mut().find(|(graph, _)| *graph == provenance) {
                    Some((_, triples)) => *triples += pending,
                    None => sizes.push((provenance, pending)),
                }
            }
            let order = |g: &NamedNode| {
                GraphKind::ALL
                    .iter()
                    .position(|k| self.kg.iris().graph(*k) == *g)
            };
            sizes.sort_by_key(|(g, _)| order(g));
            sizes
        })
    }

    /// Reads what the pages keep (the home page and its lists, the pages of the entities of its
    /// key facts, what links to each resource,
    /// the search index, the choices of the questions' fields, the first page of the named
    /// questions), so that the first requests do not wait for them; [`super::serve`] runs it
    /// on a thread of its own as it starts listening, and joins it when it stops.
    pub(crate) fn warm_up(&self) {
        self.warm_home();
        for entity in super::pages::home::key_entities(self) {
            let _ = super::pages::resource(self, &entity, &[]);
        }
        let _ = super::pages::links::incoming(self);
        let _ = super::pages::search::index(self);
        let _ = super::pages::results::choices(self);
        self.warm_questions();
    }

    /// Answers each named question that a reader can open (no SERVICE that it needs) as its
    /// page does, and keeps its first page of rows ([`super::answers`]): first those opened
    /// with one click (no form field to fill), then those with fields, left empty. With
    /// bench/serve_scale.py's 80,000 statements, the `summits` question took 0.2 s on its
    /// first render and `statements` with its fields empty 1.6 s; the pages kept, 2 ms. They
    /// are the program's own questions, evaluated here on the server's graph like the pages'
    /// queries (with the time limit), not on a worker: `cica-kg serve` runs this while its
    /// first worker is still loading, so that no client's query waits for them (a reader who
    /// opens one of them while it is being answered waits for that answer). The first that
    /// fails ends the warm-up.
    pub(crate) fn warm_questions(&self) {
        use super::pages::query;
        let engine = Engine::in_process(super::Services::default());
        let openable = self
            .queries
            .iter()
            .filter(|named| named.header.requires.is_none());
        let (one_click, with_fields): (Vec<&NamedQuery>, Vec<&NamedQuery>) =
            openable.partition(|named| query::fields(named).is_empty());
        for named in one_click.into_iter().chain(with_fields) {
            if query::keep_first_page(self, &engine, named).is_err() {
                return;
            }
        }
    }

    /// Renders the home page (with its lists and the size of each graph) and keeps it, once:
    /// part of `State::warm_up`. It reads the server's own graph, never the engine's
    /// workers: `cica-kg serve` runs it before its first worker starts loading, so that the
    /// two do not share the CPU before the first answer (the home page).
    pub fn warm_home(&self) {
        // Of a graph built in two steps, the home page reads the provenance (the quotes and
        // times) of its key facts' statements: those are added first.
        if self.loading.is_pending() {
            let keys = super::pages::home::key_entities(self);
            let base = self.kg.iris().base();
            let ids: Vec<&str> = keys
                .iter()
                .filter_map(|key| key.as_str().strip_prefix(base))
                .collect();
            let added = self.loading.add_first(&self.kg, |statement| {
                ids.contains(&statement.subject.as_str())
            });
            if let Err(error) = added {
                (self.log)(&super::Event::LoadFailed(error.to_string()));
                return;
            }
        }
        // The home page shows the size of each graph: they are counted (a walk over the
        // store's quads, and the provenance still pending) while it reads its lists, on a
        // second core.
        std::thread::scope(|scope| {
            scope.spawn(|| self.graph_sizes());
            let _ = super::pages::home::page(self);
        });
    }

    /// The state with its clients' queries evaluated by `engine` instead.
    pub fn with_engine(mut self, engine: Engine) -> Self {
        self.engine = engine;
        self
    }

    /// The state with its events going to `log` (by default they are dropped).
    pub fn with_log(mut self, log: Log) -> Self {
        self.log = log;
        self
    }

    /// The IRIs of the data.
    pub fn iris(&self) -> &Iris {
        self.kg.iris()
    }

    /// The engine, to stop it.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Runs `queries/internal/NAME.rq` with these bindings and collects its solutions.
    pub(crate) fn internal(
        &self,
        name: &str,
        bindings: &[(&str, Term)],
    ) -> Result<Vec<QuerySolution>, Problem> {
        match self.run_internal(name, bindings)? {
            QueryResults::Solutions(solutions) => solutions
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| internal_error(name, &e)),
            _ => Err(internal_error(name, &"not a SELECT query")),
        }
    }

    /// Runs an internal CONSTRUCT query and collects its triples.
    pub(crate) fn internal_graph(
        &self,
        name: &str,
        bindings: &[(&str, Term)],
    ) -> Result<Vec<Triple>, Problem> {
        match self.run_internal(name, bindings)? {
            QueryResults::Graph(triples) => triples
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| internal_error(name, &e)),
            _ => Err(internal_error(name, &"not a CONSTRUCT query")),
        }
    }

    fn run_internal(
        &self,
        name: &str,
        bindings: &[(&str, Term)],
    ) -> Result<QueryResults<'_>, Problem> {
        let text = catalog::internal(name).map_err(|e| internal_error(name, &e))?;
        let bindings: Vec<Binding> = bindings
            .iter()
            .map(|(variable, term)| Binding {
                variable: Variable::new_unchecked(*variable),
                term: term.clone(),
            })
            .collect();
        let origin = format!("queries/internal/{name}.rq");
        query::run_internal(self.kg.store(), &origin, text, &bindings)
            .map_err(|e| internal_error(name, &e))
    }
}

/// A failure of one of the program's own queries (a defect of the program).
fn internal_error(name: &str, error: &dyn std::fmt::Display) -> Problem {
    Problem::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!("queries/internal/{name}.rq failed: {error}"),
    )
}

/// The IRI bound to `variable` in a solution.
pub(crate) fn named(row: &QuerySolution, variable: &str) -> Option<NamedNode> {
    match row.get(variable) {
        Some(Term::NamedNode(n)) => Some(n.clone()),
        _ => None,
    }
}

/// The lexical value of the literal bound to `variable`.
pub(crate) fn literal(row: &QuerySolution, variable: &str) -> Option<String> {
    match row.get(variable) {
        Some(Term::Literal(l)) => Some(l.value().to_owned()),
        _ => None,
    }
}

/// The integer bound to `variable`.
pub(crate) fn number(row: &QuerySolution, variable: &str) -> Option<i64> {
    literal(row, variable)?.parse().ok()
}
