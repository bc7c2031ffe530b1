//! The graph store, the Linked Data resources, the pages and CORS, in-process.

use super::*;

#[test]
fn the_graph_store_reads_graphs_and_the_dataset() {
    let located = format!(
        "<{BASE}summit/6> <https://w3id.org/cica-kg/ontology#location> <{BASE}place/astana>"
    );
    let facts = get(
        &format!(
            "/store?{}",
            http::encode(&[("graph", &format!("{BASE}graph/facts"))])
        ),
        "application/n-triples",
    );
    assert_eq!(facts.status, 200);
    assert!(quads(&facts.body, RdfFormat::NTriples)
        .iter()
        .any(|q| q.to_string() == located));
    let provenance = get(
        &format!(
            "/store?{}",
            http::encode(&[("graph", &format!("{BASE}graph/provenance"))])
        ),
        "text/turtle",
    );
    assert!(!quads(&provenance.body, RdfFormat::Turtle)
        .iter()
        .any(|q| q.to_string() == located));
    let default = get("/store?default", "application/n-triples");
    let default = quads(&default.body, RdfFormat::NTriples);
    assert!(default.iter().any(|q| q.to_string() == located));
    assert!(default
        .iter()
        .any(|q| q.predicate.as_str() == "http://www.w3.org/ns/oa#exact"));
    let dataset = get("/store", "application/n-quads");
    let graphs: std::collections::BTreeSet<String> = quads(&dataset.body, RdfFormat::NQuads)
        .iter()
        .map(|q| q.graph_name.to_string())
        .collect();
    assert_eq!(graphs.len(), 3, "{graphs:?}");
    assert_eq!(get("/store", "text/turtle").status, 406);
    assert_eq!(get("/store?graph=http://example.org/none", "").status, 404);
    assert_eq!(
        send(Method::PUT, "/store?default", &[], "<a> <b> <c> .").status,
        403
    );
    assert_eq!(send(Method::DELETE, "/store?default", &[], "").status, 403);
}

#[test]
fn every_resource_answers_at_its_path() {
    let turtle = get("/summit/6", "text/turtle");
    assert_eq!(turtle.status, 200);
    assert_eq!(
        turtle.headers.get("content-location").unwrap(),
        "/summit/6.ttl"
    );
    assert_eq!(turtle.headers.get("vary").unwrap(), "Accept");
    let triples: Vec<String> = quads(&turtle.body, RdfFormat::Turtle)
        .iter()
        .map(|q| q.to_string())
        .collect();
    assert!(triples.contains(&format!(
        "<{BASE}summit/6> <https://w3id.org/cica-kg/ontology#location> <{BASE}place/astana>"
    )));
    assert!(
        triples.contains(&format!(
            "<{BASE}summit/5> <https://w3id.org/cica-kg/ontology#followedBy> <{BASE}summit/6>"
        )),
        "what points at it"
    );
    let html = get("/place/astana", "text/html");
    assert_eq!(html.content_type, "text/html; charset=utf-8");
    assert_eq!(
        html.headers.get("content-location").unwrap(),
        "/place/astana.html"
    );
    assert!(html.body.contains("<h1>Astana</h1>"));
    for (path, media) in [
        ("/summit/6.nt", "application/n-triples"),
        ("/summit/6.jsonld", "application/ld+json"),
        ("/summit/6.rdf", "application/rdf+xml"),
    ] {
        let document = get(path, "text/html");
        assert_eq!(
            (document.status, document.content_type.as_str()),
            (200, media),
            "{path}"
        );
        assert!(document.headers.get("content-location").is_none());
    }
    assert_eq!(get("/summit/6", "image/png").status, 406);
    assert_eq!(get("/summit/7", "text/turtle").status, 404);
    assert_eq!(get("/graph/facts", "").status, 303);
    let ontology = get("/ontology", "text/turtle");
    assert!(quads(&ontology.body, RdfFormat::Turtle).iter().any(|q| q.to_string()
        == "<https://w3id.org/cica-kg/ontology#Summit> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2002/07/owl#Class>"));
    assert!(get("/ontology", "text/html").body.contains("id=\"Summit\""));
    assert_eq!(send(Method::PUT, "/summit/6", &[], "").status, 403);
}

#[test]
fn the_pages_show_the_article_s_facts() {
    let home = get("/", "text/html");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.body.matches("class=\"summit\"").count(),
        6,
        "six summits on the timeline"
    );
    assert_eq!(
        home.body.matches("class=\"milestone\"").count(),
        4,
        "proposal, operation, secretariat, move"
    );
    assert!(home.body.contains("name=\"viewport\""));
    assert!(!home.body.contains("<script"));
    let summit = get("/summit/1", "text/html");
    assert!(
        summit.body.contains("<mark>Almaty in June 2002</mark>"),
        "{}",
        summit.body
    );
    let kazakhstan = get("/organization/cica", "text/html");
    assert!(
        kazakhstan
            .body
            .contains("start time: <time datetime=\"2020\">2020</time>"),
        "the qualifier"
    );
    let query = get("/query?name=summits", "text/html");
    assert_eq!(
        query.body.matches("<tr>").count(),
        7,
        "a header and six rows"
    );
    let article = get("/source/xinhua-2022-10-12-cica-backgrounder", "text/html");
    assert!(
        article.body.contains("<mark>March 1993</mark>") || article.body.contains(">March 1993<"),
        "a quote is marked"
    );
    let bad = get(
        &format!("/query?{}", http::encode(&[("query", "SELECT ?x WHERE {")])),
        "text/html",
    );
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("class=\"error\""));
}

#[test]
fn cors_and_head() {
    let options = send(Method::OPTIONS, "/sparql", &[], "");
    assert_eq!(options.status, 204);
    assert!(
        options.headers.get("access-control-allow-origin").is_none(),
        "CORS is opt-in"
    );
    let head = send(Method::HEAD, "/summit/6", &[("accept", "text/turtle")], "");
    assert_eq!((head.status, head.body.as_str()), (200, ""));
}

#[test]
fn cors_is_given_when_enabled() {
    let kg = KnowledgeGraph::load(&DataSource::Embedded, Iris::new(BASE).unwrap()).unwrap();
    let options = Options {
        cors: true,
        ..Options::default()
    };
    let state = State::new(kg, Engine::in_process(Services::default()), options).unwrap();
    let mut preflight = Request::builder()
        .method(Method::OPTIONS)
        .uri("http://127.0.0.1:7878/sparql")
        .body(Body::empty())
        .unwrap();
    let reply = handle(&state, &mut preflight);
    assert_eq!(reply.status().as_u16(), 204);
    assert_eq!(
        reply.headers().get("access-control-allow-origin").unwrap(),
        "*"
    );
    assert!(reply
        .headers()
        .get("access-control-allow-methods")
        .unwrap()
        .to_str()
        .unwrap()
        .contains("POST"));
    let mut request = Request::builder()
        .uri(format!("http://127.0.0.1:7878{}", query_uri(CITIES)))
        .body(Body::empty())
        .unwrap();
    let reply = handle(&state, &mut request);
    assert_eq!(
        reply.headers().get("access-control-allow-origin").unwrap(),
        "*"
    );
}

#[test]
fn entity_documents_are_written_as_the_export_writes_them() {
    // Turtle: a header comment, the prefixes sorted by name, a blank line between subjects.
    let turtle = get("/summit/6.ttl", "").body;
    assert!(turtle.starts_with("# The CICA knowledge graph: the description of <"));
    let prefixes: Vec<&str> = turtle
        .lines()
        .filter(|l| l.starts_with("@prefix "))
        .collect();
    let mut sorted = prefixes.clone();
    sorted.sort();
    assert!(prefixes.len() >= 4, "{turtle}");
    assert_eq!(prefixes, sorted);
    // summit:5 followedBy summit:6 and summit:6's own triples are two subjects, apart.
    let body = &turtle[turtle.find("\n\n").unwrap()..];
    let subjects: Vec<&str> = body
        .split("\n\n")
        .map(str::trim)
        .filter(|b| !b.is_empty() && !b.starts_with("@prefix"))
        .collect();
    assert!(
        subjects.iter().any(|b| b.starts_with("summit:5 ")),
        "{turtle}"
    );
    assert!(
        subjects.iter().any(|b| b.starts_with("summit:6 ")),
        "{turtle}"
    );
    assert!(
        subjects.iter().all(|b| !b.contains("\nsummit:")),
        "each subject stands apart: {turtle}"
    );
    // JSON-LD: compact, with the context of `cica-kg export` (entity prefixes under the base).
    let jsonld: serde_json::Value =
        serde_json::from_str(&get("/summit/6.jsonld", "").body).unwrap();
    let context = &jsonld["@context"];
    assert_eq!(context["cica"], "https://w3id.org/cica-kg/ontology#");
    assert_eq!(context["summit"], format!("{BASE}summit/"));
    assert_eq!(context["Summit"], "cica:Summit");
    let text = jsonld.to_string();
    assert!(text.contains("\"summit:6\""), "{text}");
    assert!(
        !text.contains("https://w3id.org/cica-kg/ontology#location"),
        "{text}"
    );
}
