//! Requests at the edges of HTTP, in-process (issue 17): HEAD gives the length GET would, a
//! program's `Accept: application/*` gets data rather than a page, and a URL that is not UTF-8
//! once percent-decoded is refused rather than read with replacement characters.

use super::*;

#[test]
fn head_gives_the_content_length_of_get_without_a_body() {
    // Not the service description: its blank nodes, so its length, differ at each request.
    for uri in [
        query_uri("ASK {}"),
        "/summit/6.ttl".to_owned(),
        "/summit/6".to_owned(),
    ] {
        let got = get(&uri, "*/*");
        let head = send(Method::HEAD, &uri, &[("accept", "*/*")], "");
        assert_eq!(head.status, got.status, "{uri}");
        assert_eq!(head.body, "", "{uri}");
        assert!(!got.body.is_empty(), "{uri}");
        assert_eq!(
            head.headers.get("content-length").unwrap(),
            &got.body.len().to_string(),
            "{uri}"
        );
        assert_eq!(head.content_type, got.content_type, "{uri}");
    }
}

#[test]
fn accept_application_any_gets_a_machine_format() {
    let resource = get("/summit/6", "application/*");
    assert_eq!(resource.status, 200);
    assert_eq!(resource.content_type, "application/n-triples");
    let description = get("/sparql", "application/*");
    assert_eq!(description.status, 200, "{}", description.body);
    assert!(
        description.content_type.starts_with("application/"),
        "{}",
        description.content_type
    );
    let ask = get(&query_uri("ASK {}"), "application/*");
    assert_eq!(ask.content_type, "application/sparql-results+json");
    // A browser still gets the page.
    let page = get("/summit/6", "text/html,application/xhtml+xml,*/*;q=0.8");
    assert!(
        page.content_type.starts_with("text/html"),
        "{}",
        page.content_type
    );
}

#[test]
fn a_url_that_is_not_utf8_is_refused_with_400() {
    for uri in [
        "/sparql?query=ASK%20%7B%7D%FF",
        "/summit/%C3%28",
        "/query?name=%E2%82",
    ] {
        let answer = get(uri, "*/*");
        assert_eq!(answer.status, 400, "{uri}: {}", answer.body);
        assert!(answer.body.contains("not UTF-8"), "{uri}: {}", answer.body);
    }
    // Percent-encoded UTF-8 is fine, and so is a lone '%'.
    let fine = get(&query_uri("ASK { ?s ?p \"Астана\" }"), "*/*");
    assert_eq!(fine.status, 200, "{}", fine.body);
    assert_eq!(get("/summit/6%", "*/*").status, 404);
}

#[test]
fn each_request_is_an_event_of_the_log_the_program_gave() {
    // The library prints nothing: the line `cica-kg serve` writes is the program's.
    let kg = KnowledgeGraph::load(&DataSource::Embedded, Iris::new(BASE).unwrap()).unwrap();
    let events = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let kept = std::sync::Arc::clone(&events);
    let log: Log = std::sync::Arc::new(move |event: &Event| {
        kept.lock().unwrap().push(event.clone());
    });
    let engine = Engine::in_process(Services::default());
    let state = State::new(kg, engine, Options::default())
        .unwrap()
        .with_log(log);
    let mut request = Request::builder()
        .uri("http://127.0.0.1:7878/nowhere")
        .body(Body::empty())
        .unwrap();
    assert_eq!(logged(&state, &mut request).status().as_u16(), 404);
    let events = events.lock().unwrap();
    let [Event::Request {
        method,
        path,
        status,
        ..
    }] = events.as_slice()
    else {
        panic!("{events:?}")
    };
    assert_eq!(
        (method.as_str(), path.as_str(), *status),
        ("GET", "/nowhere", 404)
    );
    assert!(events[0].to_string().starts_with("GET /nowhere 404 "));
}
