//! `cica-kg push` against real stores (the Oxigraph server and Virtuoso Open Source, started
//! on 127.0.0.1 by [`stores`]), by both protocols: afterwards each store must hold, graph by
//! graph, a graph isomorphic to the one `cica-kg export -f nquads --graph all` writes, and
//! pushing twice must leave the same triples. The failures are in [`failures`], the plan,
//! the checks of the options and the progress lines in [`cli`].

mod answers;
mod atomic;
mod cli;
mod failures;
mod fake;
mod proxy;
mod stores;

use crate::common::{checked, cica_kg};
use oxhttp::model::header::ACCEPT;
use oxhttp::model::{Method, Request};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::dataset::CanonicalizationAlgorithm;
use oxigraph::model::{Graph, GraphName, Triple};
use std::collections::BTreeMap;
use std::io::Read;
use std::process::Output;
use stores::Store;

/// The graphs of a dataset, by IRI, canonicalized (blank nodes renamed the same way for
/// isomorphic graphs).
type Graphs = BTreeMap<String, Graph>;

fn canonical(triples: impl IntoIterator<Item = Triple>) -> Graph {
    let mut graph: Graph = triples.into_iter().collect();
    graph.canonicalize(CanonicalizationAlgorithm::Unstable);
    graph
}

/// What `cica-kg --base BASE export -f nquads --graph all` holds, graph by graph.
fn exported(base: &str) -> Graphs {
    let output = cica_kg()
        .args(["--base", base, "export", "-f", "nquads", "--graph", "all"])
        .output()
        .unwrap();
    let output = checked(output, "cica-kg export");
    let mut graphs: BTreeMap<String, Vec<Triple>> = BTreeMap::new();
    for quad in RdfParser::from_format(RdfFormat::NQuads).for_slice(&output.stdout) {
        let quad = quad.unwrap();
        let GraphName::NamedNode(g) = &quad.graph_name else {
            panic!("a quad in the default graph")
        };
        graphs
            .entry(g.as_str().to_owned())
            .or_default()
            .push(quad.into());
    }
    assert_eq!(graphs.len(), 3, "facts, provenance, ontology");
    graphs.into_iter().map(|(g, t)| (g, canonical(t))).collect()
}

/// What a store's Graph Store Protocol endpoint `gsp` returns for each graph of `expected`.
fn stored(gsp: &str, expected: &Graphs) -> Graphs {
    let client = oxhttp::Client::new();
    expected
        .keys()
        .map(|iri| {
            let url: String = format!(
                "{gsp}?graph={}",
                form_urlencoded::byte_serialize(iri.as_bytes()).collect::<String>()
            );
            let request = Request::builder()
                .method(Method::GET)
                .uri(url.as_str())
                .header(ACCEPT, "application/n-triples")
                .body(())
                .unwrap();
            let response = client.request(request).unwrap();
            assert!(
                response.status().is_success(),
                "GET {url}: {}",
                response.status()
            );
            let mut body = Vec::new();
            response.into_body().read_to_end(&mut body).unwrap();
            let triples = RdfParser::from_format(RdfFormat::NTriples)
                .for_slice(&body)
                .map(|q| Triple::from(q.unwrap()));
            (iri.clone(), canonical(triples))
        })
        .collect()
}

/// Runs `cica-kg --base BASE push ARGS` with no credentials in the environment.
fn push(base: &str, args: &[&str]) -> Output {
    cica_kg()
        .args(["--base", base, "push"])
        .args(args)
        .env_remove("CICA_KG_PUSH_USER")
        .env_remove("CICA_KG_PUSH_PASSWORD")
        .env_remove("CICA_KG_PUSH_TOKEN")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Pushes every graph twice to `store` and checks, each time, that the store holds graphs
/// isomorphic to the export's and that the report counted them.
fn push_twice_and_compare(store: &Store, base: &str, endpoint: &[&str], query: &str, gsp: &str) {
    let expected = exported(base);
    let total: usize = expected.values().map(Graph::len).sum();
    for round in 1..=2 {
        let mut args = endpoint.to_vec();
        args.extend(["--query-url", query, "--graph", "all"]);
        let output = push(base, &args);
        let stdout = text(&output.stdout);
        assert!(
            output.status.success(),
            "round {round}: {}\n{stdout}",
            text(&output.stderr)
        );
        assert!(
            stdout.contains("the store holds every triple sent"),
            "{stdout}"
        );
        assert!(
            stdout.contains(&format!("Pushed 3 graphs ({} triples)", thousands(total))),
            "{stdout}"
        );
        for (iri, graph) in &expected {
            let line = stdout
                .lines()
                .find(|l| l.ends_with(iri.as_str()))
                .unwrap_or_else(|| panic!("no report line for {iri}: {stdout}"));
            let counts: Vec<&str> = line.split_whitespace().skip(1).take(2).collect();
            assert_eq!(
                counts,
                [thousands(graph.len()), thousands(graph.len())],
                "{line}"
            );
        }
        let actual = stored(&store.url(gsp), &expected);
        for (iri, graph) in &expected {
            assert!(
                actual[iri] == *graph,
                "round {round}: the store's graph <{iri}> ({} triples) is not the export's ({} triples)",
                actual[iri].len(),
                graph.len()
            );
        }
    }
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs the Oxigraph server (PyPI) and Virtuoso: ./scripts/test.sh installs it and runs with --features peers"
)]
fn oxigraph_by_the_graph_store_protocol() {
    let store = stores::oxigraph();
    let base = "http://example.org/push-oxigraph-gsp/";
    let endpoint = store.url("/store");
    // 300 triples a request: the provenance graph takes a PUT and POSTs.
    let gsp = ["--gsp", endpoint.as_str(), "--chunk-size", "300"];
    push_twice_and_compare(store, base, &gsp, &store.url("/query"), "/store");
}

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs the Oxigraph server (PyPI) and Virtuoso: ./scripts/test.sh installs it and runs with --features peers"
)]
fn oxigraph_by_sparql_update() {
    let store = stores::oxigraph();
    let base = "http://example.org/push-oxigraph-update/";
    let endpoint = store.url("/update");
    let update = ["--update", endpoint.as_str(), "--chunk-size", "250"];
    push_twice_and_compare(store, base, &update, &store.url("/query"), "/store");
}

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs the Oxigraph server (PyPI) and Virtuoso: ./scripts/test.sh installs it and runs with --features peers"
)]
fn virtuoso_by_the_graph_store_protocol() {
    let store = stores::virtuoso();
    let base = "http://example.org/push-virtuoso-gsp/";
    let endpoint = store.url("/sparql-graph-crud");
    let gsp = ["--gsp", endpoint.as_str(), "--chunk-size", "300"];
    push_twice_and_compare(
        store,
        base,
        &gsp,
        &store.url("/sparql"),
        "/sparql-graph-crud",
    );
}

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs the Oxigraph server (PyPI) and Virtuoso: ./scripts/test.sh installs it and runs with --features peers"
)]
fn virtuoso_by_sparql_update() {
    let store = stores::virtuoso();
    let base = "http://example.org/push-virtuoso-update/";
    let endpoint = store.url("/sparql");
    let update = ["--update", endpoint.as_str(), "--chunk-size", "250"];
    push_twice_and_compare(
        store,
        base,
        &update,
        &store.url("/sparql"),
        "/sparql-graph-crud",
    );
}

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs the Oxigraph server (PyPI) and Virtuoso: ./scripts/test.sh installs it and runs with --features peers"
)]
fn graphs_can_be_pushed_under_other_iris() {
    let store = stores::oxigraph();
    let base = "http://example.org/push-mapped/";
    let endpoint = store.url("/store");
    let output = push(
        base,
        &[
            "--gsp",
            &endpoint,
            "--query-url",
            &store.url("/query"),
            "--graph",
            "facts",
            "--graph-iri",
            "facts=http://example.org/elsewhere/cica-facts",
        ],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let expected = exported(base);
    let facts = &expected[&format!("{base}graph/facts")];
    let mut wanted = Graphs::new();
    wanted.insert(
        "http://example.org/elsewhere/cica-facts".into(),
        facts.clone(),
    );
    let actual = stored(&store.url("/store"), &wanted);
    assert!(actual == wanted, "the facts are under the mapped IRI");
}
