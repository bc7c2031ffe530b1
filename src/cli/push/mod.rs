//! `cica-kg push`: its arguments, the checked settings (endpoints, graphs and their IRIs,
//! credentials from the environment) and the run: build the graph, plan the requests, print
//! the plan (dry run) or send it with a progress line per graph on a terminal, then print what
//! the store holds. Exit status 0 sent and counted equal, 1 a count differs, 2 could not send.
//! What it prints is in `report`.

mod report;

use super::args::GraphChoice;
use anyhow::{anyhow, bail, Context, Result};
use cica_kg::facts::DataSource;
use cica_kg::push::{
    self, Connection, Credentials, GraphReport, GraphUpload, Plan, Protocol, PushError, Target,
};
use cica_kg::rdf::KnowledgeGraph;
use cica_kg::table::thousands;
use cica_kg::vocab::{GraphKind, Iris};
use oxigraph::model::{NamedNode, Triple};
use report::{write_report, Terminal};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;

/// The user name for HTTP basic authentication.
pub const USER: &str = "CICA_KG_PUSH_USER";
/// The password for HTTP basic authentication.
pub const PASSWORD: &str = "CICA_KG_PUSH_PASSWORD";
/// A bearer token.
pub const TOKEN: &str = "CICA_KG_PUSH_TOKEN";

/// `push`, checked.
pub struct PushJob {
    target: Target,
    verify_url: Option<ureq::http::Uri>,
    /// Each graph with its IRI in the store.
    graphs: Vec<(GraphKind, NamedNode)>,
    chunk_size: usize,
    dry_run: bool,
    connection: Connection,
}

impl PushJob {
    /// Checks the arguments and reads the credentials from the environment.
    pub fn new(args: PushArgs, iris: &Iris) -> Result<Self> {
        let target = match (args.gsp, args.update) {
            (Some(url), None) => Target {
                protocol: Protocol::GraphStore,
                url: push::parse_url(&url).context("--gsp")?,
            },
            (None, Some(url)) => Target {
                protocol: Protocol::Update,
                url: push::parse_url(&url).context("--update")?,
            },
            _ => bail!("give the store's endpoint: --gsp URL (Graph Store Protocol) or --update URL (SPARQL Update)"),
        };
        let verify_url = args
            .query_url
            .map(|url| push::parse_url(&url).context("--query-url"))
            .transpose()?;
        let kinds = match args.graph {
            Some(GraphChoice::Facts) => vec![GraphKind::Facts],
            Some(GraphChoice::Provenance) => vec![GraphKind::Provenance],
            Some(GraphChoice::Ontology) => vec![GraphKind::Ontology],
            Some(GraphChoice::All) => GraphKind::ALL.to_vec(),
            None => vec![GraphKind::Facts, GraphKind::Provenance],
        };
        let graphs = graph_iris(&kinds, &args.graph_iris, iris).context("--graph-iri")?;
        let chunk_size = args
            .chunk_size
            .map_or(target.protocol.default_chunk_size(), |n| {
                usize::try_from(n).unwrap_or(usize::MAX)
            });
        Ok(Self {
            target,
            verify_url,
            graphs,
            chunk_size,
            dry_run: args.dry_run,
            connection: Connection {
                credentials: credentials(|name| std::env::var_os(name))?,
                timeout: Duration::from_secs(args.timeout),
                retries: args.retries,
            },
        })
    }
}

/// Each graph's IRI in the store: its own, or the one `--graph-iri NAME=IRI` gives.
fn graph_iris(
    kinds: &[GraphKind],
    mappings: &[String],
    iris: &Iris,
) -> Result<Vec<(GraphKind, NamedNode)>> {
    let mut graphs: Vec<(GraphKind, NamedNode)> =
        kinds.iter().map(|k| (*k, iris.graph(*k))).collect();
    let mut seen = Vec::new();
    for mapping in mappings {
        let (name, iri) = mapping.split_once('=').ok_or_else(|| {
            anyhow!("'{mapping}': write NAME=IRI, such as facts=http://example.org/cica/facts")
        })?;
        let iri = NamedNode::new(iri)
            .map_err(|e| anyhow!("'{mapping}': '{iri}' is not an absolute IRI ({e})"))?;
        let names: Vec<&str> = kinds.iter().map(|k| k.slug()).collect();
        let Some(graph) = graphs.iter_mut().find(|(k, _)| k.slug() == name) else {
            bail!(
                "'{mapping}': '{name}' is not a graph being pushed; give one of: {}",
                names.join(", ")
            );
        };
        if seen.contains(&name) {
            bail!("'{mapping}': graph {name} is mapped twice; keep one");
        }
        seen.push(name);
        graph.1 = iri;
    }
    // Two graphs sent to one IRI would replace each other in the store.
    for (i, (kind, iri)) in graphs.iter().enumerate() {
        if let Some((other, _)) = graphs[..i].iter().find(|(_, first)| first == iri) {
            bail!(
                "graphs {} and {} would both be sent to <{}>, and the second would replace the first; give each graph its own IRI",
                other.slug(),
                kind.slug(),
                iri.as_str()
            );
        }
    }
    Ok(graphs)
}

/// The credentials in the environment: a user and a password, or a token, or none.
fn credentials(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> Result<Option<Credentials>> {
    let get = |name: &str| -> Result<Option<String>> {
        var(name)
            .map(|v| {
                v.into_string()
                    .map_err(|_| anyhow!("the environment variable {name} is not valid UTF-8"))
            })
            .transpose()
    };
    match (get(USER)?, get(PASSWORD)?, get(TOKEN)?) {
        (None, None, None) => Ok(None),
        (Some(user), Some(password), None) => Ok(Some(Credentials::Basic { user, password })),
        (None, None, Some(token)) => Ok(Some(Credentials::Bearer(token))),
        (_, _, Some(_)) => {
            bail!("both {TOKEN} and {USER}/{PASSWORD} are set; set only one kind of credentials")
        }
        (Some(_), None, None) => {
            bail!("{USER} is set but {PASSWORD} is not; set both for HTTP basic authentication")
        }
        (None, Some(_), None) => {
            bail!("{PASSWORD} is set but {USER} is not; set both for HTTP basic authentication")
        }
    }
}

/// Builds the graph, then prints the plan or pushes it.
pub fn run(data: &DataSource, iris: Iris, job: PushJob) -> Result<ExitCode> {
    let kg = KnowledgeGraph::load(data, iris)?;
    let mut graphs = Vec::new();
    for (kind, iri) in &job.graphs {
        let triples: Vec<Triple> = kg.quads(&[*kind])?.into_iter().map(Triple::from).collect();
        graphs.push(GraphUpload::new(
            kind.slug(),
            iri.clone(),
            triples,
            job.chunk_size,
        ));
    }
    let plan = Plan {
        target: job.target,
        graphs,
        verify_url: job.verify_url,
        chunk_size: job.chunk_size,
    };
    let mut stdout = std::io::stdout().lock();
    if job.dry_run {
        plan.write(&mut stdout)?;
        writeln!(stdout, "Dry run: nothing was sent.")?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut progress = Terminal {
        on: std::io::stderr().is_terminal(),
    };
    let sent = job.connection.credentials.as_ref();
    let report = push::push(&plan, &job.connection, &mut progress).map_err(|e| hint(e, sent))?;
    write_report(&plan, &report, &mut stdout)?;
    let mismatches: Vec<&GraphReport> = report.graphs.iter().filter(|g| g.mismatch()).collect();
    for graph in &mismatches {
        eprintln!(
            "error: graph {} <{}>: the store holds {} triples, {} were sent",
            graph.name,
            graph.iri,
            thousands(graph.stored.unwrap_or_default() as usize),
            thousands(graph.sent)
        );
    }
    Ok(if mismatches.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Says what to do about a refusal: the credentials for 401 and 403 (those `sent` were
/// refused, or none were sent), the URL for 404.
fn hint(error: PushError, sent: Option<&Credentials>) -> anyhow::Error {
    let variables = |credentials: &Credentials| match credentials {
        Credentials::Basic { .. } => format!("{USER} and {PASSWORD}"),
        Credentials::Bearer(_) => TOKEN.to_owned(),
    };
    let hint = match error.cause() {
        PushError::Refused {
            status: 401,
            challenge: Some(scheme),
            ..
        } if !scheme.eq_ignore_ascii_case("basic") && !scheme.eq_ignore_ascii_case("bearer") => {
            Some(format!(
                "the store asks for {scheme} authentication, which cica-kg does not speak (it sends HTTP basic or bearer credentials); use an endpoint that takes those, or let the store's anonymous user write (Virtuoso: /sparql-graph-crud once SPARQL_UPDATE is granted to \"SPARQL\")"
            ))
        }
        PushError::Refused { status, .. } if matches!(status, 401 | 403) => Some(match (status, sent) {
            (401, Some(credentials)) => format!(
                "the store refused the credentials sent ({}); check them",
                variables(credentials)
            ),
            (_, Some(credentials)) => format!(
                "the credentials sent ({}) were accepted but lack the right to write; grant it in the store",
                variables(credentials)
            ),
            (_, None) => format!(
                "no credentials were sent: set {USER} and {PASSWORD} (HTTP basic), or {TOKEN} (bearer), for a user with the right to write"
            ),
        }),
        PushError::Refused { status: 404, .. } => Some(
            "check the endpoint URL (Oxigraph: /store for --gsp, /update for --update; Virtuoso: /sparql-graph-crud, /sparql)".to_owned(),
        ),
        PushError::GaveUp { .. } => Some(
            "--retries N tries more times, --timeout SECONDS waits longer".to_owned(),
        ),
        _ => None,
    };
    match hint {
        Some(hint) => anyhow!("{error}; {hint}"),
        None => error.into(),
    }
}

/// `cica-kg push`
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Credentials come from the environment only, never from the command line: \
CICA_KG_PUSH_USER and CICA_KG_PUSH_PASSWORD for HTTP basic authentication, or CICA_KG_PUSH_TOKEN \
for a bearer token. They are sent with every request and never printed."
)]
pub struct PushArgs {
    /// The store's SPARQL 1.1 Graph Store Protocol endpoint, such as
    /// http://127.0.0.1:7878/store (Oxigraph) or http://127.0.0.1:8890/sparql-graph-crud
    /// (Virtuoso): per graph, a PUT that replaces it (then a POST per further chunk), N-Triples
    #[arg(
        long,
        value_name = "URL",
        required_unless_present = "update",
        conflicts_with = "update"
    )]
    pub gsp: Option<String>,

    /// The store's SPARQL 1.1 Update endpoint, for stores without the Graph Store Protocol,
    /// such as http://127.0.0.1:7878/update (Oxigraph) or http://127.0.0.1:8890/sparql
    /// (Virtuoso): each graph is loaded into a staging graph (DROP SILENT GRAPH, then INSERT
    /// DATA in chunks), then one request moves them all into place (MOVE), so a failed push
    /// leaves every graph as it was
    #[arg(long, value_name = "URL")]
    pub update: Option<String>,

    /// The store's SPARQL query endpoint, such as http://127.0.0.1:7878/query: after the push
    /// each graph's triples are counted there, and a count that differs from what was sent
    /// exits with status 1
    #[arg(long, value_name = "URL")]
    pub query_url: Option<String>,

    /// Which graphs to send. Default: the facts and the provenance (as export -f nquads)
    #[arg(short, long, value_enum)]
    pub graph: Option<GraphChoice>,

    /// Send graph NAME (facts, provenance, ontology) as the graph IRI in the store instead of
    /// its own IRI, such as --graph-iri facts=http://example.org/cica/facts (repeatable)
    #[arg(long = "graph-iri", value_name = "NAME=IRI")]
    pub graph_iris: Vec<String>,

    /// Print the plan (graphs, triple counts, requests) and send nothing
    #[arg(long)]
    pub dry_run: bool,

    /// At most TRIPLES triples a request (default: 100000 with --gsp, 5000 with --update);
    /// triples that share blank nodes always travel in one request. A chunk the store refuses
    /// as too large is halved, down to 100 triples
    #[arg(long, value_name = "TRIPLES", value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    pub chunk_size: Option<u64>,

    /// Give up on a request whose whole exchange (connecting, sending, reading the whole
    /// answer) takes longer than SECONDS, from 1 to 3600
    #[arg(long, value_name = "SECONDS", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,

    /// How many times a graph (or a count) is tried again after a connection error or a 5xx
    /// answer, waiting 0.5 s, 1 s, 2 s ... in between; never after a 4xx answer. 0 to 10
    #[arg(long, value_name = "N", default_value_t = 3,
          value_parser = clap::value_parser!(u32).range(0..=10))]
    pub retries: u32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::ffi::OsString;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
        let map: HashMap<String, OsString> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), OsString::from(v)))
            .collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn credentials_come_in_pairs_or_as_a_token() {
        assert_eq!(credentials(env(&[])).unwrap(), None);
        assert_eq!(
            credentials(env(&[(USER, "u"), (PASSWORD, "p")])).unwrap(),
            Some(Credentials::Basic {
                user: "u".into(),
                password: "p".into()
            })
        );
        assert_eq!(
            credentials(env(&[(TOKEN, "t")])).unwrap(),
            Some(Credentials::Bearer("t".into()))
        );
        for bad in [
            &[(USER, "u")][..],
            &[(PASSWORD, "p")],
            &[(TOKEN, "t"), (USER, "u"), (PASSWORD, "p")],
        ] {
            let error = credentials(env(bad)).unwrap_err().to_string();
            assert!(
                !error.contains("\"p\"") && !error.contains("\"t\""),
                "{error}"
            );
            assert!(error.contains("CICA_KG_PUSH_"), "{error}");
        }
    }

    #[test]
    fn graph_iris_can_be_mapped() {
        let iris = Iris::default();
        let kinds = [GraphKind::Facts, GraphKind::Provenance];
        let graphs = graph_iris(&kinds, &["facts=http://example.org/f".into()], &iris).unwrap();
        assert_eq!(graphs[0].1.as_str(), "http://example.org/f");
        assert_eq!(graphs[1].1, iris.graph(GraphKind::Provenance));
        for (bad, why) in [
            ("facts", "NAME=IRI"),
            ("facts=not an iri", "absolute IRI"),
            ("ontology=http://x/", "facts, provenance"),
        ] {
            let error = graph_iris(&kinds, &[bad.into()], &iris)
                .unwrap_err()
                .to_string();
            assert!(error.contains(why), "{bad}: {error}");
        }
        let twice = ["facts=http://x/a".into(), "facts=http://x/b".into()];
        assert!(graph_iris(&kinds, &twice, &iris).is_err());
        // Two graphs to one IRI, given or by default.
        let one = ["facts=urn:x:a".into(), "provenance=urn:x:a".into()];
        let error = graph_iris(&kinds, &one, &iris).unwrap_err().to_string();
        assert!(
            error.contains("graphs facts and provenance would both be sent to <urn:x:a>"),
            "{error}"
        );
        let onto_default = [format!(
            "facts={}",
            iris.graph(GraphKind::Provenance).as_str()
        )];
        assert!(graph_iris(&kinds, &onto_default, &iris).is_err());
    }
}
