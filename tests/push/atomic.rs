//! What a push that fails half-way leaves (issue 17). With `--update` the graphs are loaded
//! into staging graphs and moved into place only once all are complete, so a store that dies
//! in the middle leaves every target graph as it was, and the staging graphs are dropped; with
//! the Graph Store Protocol the error names the graphs already replaced. And the README's
//! Virtuoso `--update` command works against Virtuoso with its default settings (chunks are
//! halved when Virtuoso says a request is too large).

use super::fake::{Act, Fake};
use super::proxy::Proxy;
use super::{canonical, exported, push, stored, stores, text, Graphs};
use oxhttp::model::{Method, Request};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Triple;
use std::io::Read;

/// Replaces graph `iri` of the Oxigraph store with the N-Triples `body`.
fn put(gsp: &str, iri: &str, body: &str) {
    let url = format!(
        "{gsp}?graph={}",
        form_urlencoded::byte_serialize(iri.as_bytes()).collect::<String>()
    );
    let request = Request::builder()
        .method(Method::PUT)
        .uri(url.as_str())
        .header("content-type", "application/n-triples")
        .body(body.as_bytes().to_vec())
        .unwrap();
    let response = oxhttp::Client::new().request(request).unwrap();
    assert!(response.status().is_success(), "PUT {url}");
}

/// Every graph IRI the Oxigraph store holds.
fn graph_names(query: &str) -> Vec<String> {
    let body: String = form_urlencoded::Serializer::new(String::new())
        .append_pair(
            "query",
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
        )
        .finish();
    let request = Request::builder()
        .method(Method::POST)
        .uri(query)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "text/tab-separated-values")
        .body(body.into_bytes())
        .unwrap();
    let mut answer = String::new();
    oxhttp::Client::new()
        .request(request)
        .unwrap()
        .into_body()
        .read_to_string(&mut answer)
        .unwrap();
    answer.lines().skip(1).map(str::to_owned).collect()
}

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs the Oxigraph server (PyPI) and Virtuoso: ./scripts/test.sh installs it and runs with --features peers"
)]
fn a_store_that_dies_mid_update_push_leaves_every_graph_as_it_was() {
    let store = stores::oxigraph();
    let base = "http://example.org/push-atomic/";
    let (facts, provenance) = (
        "http://example.org/push-atomic-target/facts",
        "http://example.org/push-atomic-target/provenance",
    );
    let old = |g: &str| {
        format!("<{g}> <http://example.org/p> \"old content\" .\n<{g}> <http://example.org/p> \"kept\" .\n")
    };
    put(&store.url("/store"), facts, &old(facts));
    put(&store.url("/store"), provenance, &old(provenance));
    let mut expected = Graphs::new();
    for g in [facts, provenance] {
        let text = old(g);
        let triples: Vec<Triple> = RdfParser::from_format(RdfFormat::NTriples)
            .for_slice(text.as_bytes())
            .map(|q| Triple::from(q.unwrap()))
            .collect();
        expected.insert(g.to_owned(), canonical(triples));
    }
    // facts: 1 request of 161 triples; provenance: 6 of at most 250. The store dies at the
    // 4th request, in the middle of the provenance (after the facts were complete).
    let proxy = Proxy::start(&store.url(""), 4);
    let args = [
        "--update",
        &format!("{}/update", proxy.base),
        "--chunk-size",
        "250",
        "--retries",
        "0",
        "--graph-iri",
        &format!("facts={facts}"),
        "--graph-iri",
        &format!("provenance={provenance}"),
    ];
    let output = push(base, &args);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("the store closed the connection"),
        "{stderr}"
    );
    assert!(
        stderr.contains("no target graph was changed")
            && stderr.contains("the staging graphs were dropped"),
        "{stderr}"
    );
    assert!(proxy.seen() >= 4, "{}", proxy.seen());
    let actual = stored(&store.url("/store"), &expected);
    assert!(actual == expected, "a target graph changed: {actual:?}");
    let staging: Vec<String> = graph_names(&store.url("/query"))
        .into_iter()
        .filter(|g| g.contains("urn:cica-kg:push-staging"))
        .collect();
    assert!(staging.is_empty(), "staging graphs remain: {staging:?}");

    // The same push with the store alive replaces both graphs and leaves no staging graph.
    let output = push(
        base,
        &[&["--update", &store.url("/update")][..], &args[2..]].concat(),
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let export = exported(base);
    let mut wanted = Graphs::new();
    wanted.insert(
        facts.to_owned(),
        export[&format!("{base}graph/facts")].clone(),
    );
    wanted.insert(
        provenance.to_owned(),
        export[&format!("{base}graph/provenance")].clone(),
    );
    assert!(stored(&store.url("/store"), &wanted) == wanted);
    assert!(!graph_names(&store.url("/query"))
        .iter()
        .any(|g| g.contains("urn:cica-kg:push-staging")));
}

#[test]
fn a_failed_graph_store_push_names_the_graphs_already_replaced() {
    // The facts are replaced (204), the provenance refused (400).
    let fake = Fake::start(vec![Act::Count(0), Act::Status(400)]);
    let base = "http://example.org/push-gsp-partial/";
    let output = push(base, &["--gsp", &format!("{}/store", fake.base)]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "already replaced in the store: facts <{base}graph/facts>"
        )),
        "{stderr}"
    );
    // The refused PUT wrote nothing of the provenance.
    assert!(!stderr.contains("may be partly written"), "{stderr}");
    assert!(
        stderr.contains("push again to replace every graph"),
        "{stderr}"
    );
}

#[test]
#[cfg_attr(
    not(feature = "peers"),
    ignore = "needs the Oxigraph server (PyPI) and Virtuoso: ./scripts/test.sh installs it and runs with --features peers"
)]
fn the_readme_virtuoso_update_command_works_with_default_settings() {
    // README, "Virtuoso", step 4: `--update .../sparql --query-url .../sparql`, no
    // --chunk-size. Virtuoso 7.2 refuses 5,000 triples in one INSERT DATA ("SP031 ...
    // exceeded 10000 lines", HTTP 400); the chunks are halved until it takes them.
    let store = stores::virtuoso();
    let base = "http://example.org/push-virtuoso-readme/";
    let sparql = store.url("/sparql");
    let output = push(base, &["--update", &sparql, "--query-url", &sparql]);
    let stdout = text(&output.stdout);
    assert!(
        output.status.success(),
        "{}\n{stdout}",
        text(&output.stderr)
    );
    assert!(
        stdout.contains("the store holds every triple sent"),
        "{stdout}"
    );
}
