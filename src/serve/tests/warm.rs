//! What the server reads before its first reader asks (`State::warm_up`): here, the first
//! page of each named question that a reader opens (its fields, if any, left empty).

use super::*;

fn opened(state: &State, name: &str) -> String {
    opened_path(state, &format!("/query?name={name}"))
}

#[test]
fn the_warm_up_keeps_the_first_page_of_each_question_a_reader_opens() {
    let kg = KnowledgeGraph::load(&DataSource::Embedded, Iris::new(BASE).unwrap()).unwrap();
    let engine = Engine::in_process(Services::default());
    let state = State::new(kg, engine, Options::default()).unwrap();
    assert_eq!(state.answers.len(), 0);
    state.warm_questions();
    // The 21 questions of queries/ but summit-coordinates (a SERVICE) and summit-in-china
    // (an ASK: no rows to page); evidence and statements with their fields empty.
    assert_eq!(state.answers.len(), 19);
    // A reader who opens one finds its page kept (nothing more is kept), with its answer.
    let summits = opened(&state, "summits");
    for city in ["Almaty", "Istanbul", "Shanghai", "Dushanbe", "Astana"] {
        assert!(summits.contains(city), "{city}");
    }
    assert!(summits.contains("6 rows"), "{summits}");
    for name in [
        "membership",
        "secretariat",
        "corroborated-facts",
        "evidence",
    ] {
        opened(&state, name);
    }
    // statements with its fields empty: every statement, with its subject and property.
    let statements = opened(&state, "statements");
    assert!(
        statements.contains("Currently, the CICA has 27 member states"),
        "{statements}"
    );
    assert_eq!(state.answers.len(), 19);
}

#[test]
fn a_question_with_a_property_path_and_form_fields_is_kept_once() {
    let kg = KnowledgeGraph::load(&DataSource::Embedded, Iris::new(BASE).unwrap()).unwrap();
    let engine = Engine::in_process(Services::default());
    let state = State::new(kg, engine, Options::default()).unwrap();
    // statements has fields (subject, property) and a path (prov:wasDerivedFrom/...): its
    // query, written back with the open fields as columns, differs from one parse to the next.
    opened(&state, "statements");
    assert_eq!(state.answers.len(), 1);
    let again = opened(&state, "statements");
    assert_eq!(state.answers.len(), 1);
    assert!(
        again.contains("in the Tajik capital of Dushanbe"),
        "{again}"
    );
}

#[test]
fn the_pages_of_the_key_facts_entities_are_kept_when_slow_and_answered_as_kept() {
    let kg = KnowledgeGraph::load(&DataSource::Embedded, Iris::new(BASE).unwrap()).unwrap();
    let engine = Engine::in_process(Services::default());
    let state = State::new(kg, engine, Options::default()).unwrap();
    // The key facts of the home page are about the forum and its secretariat.
    let mut keys: Vec<String> = crate::serve::pages::home::key_entities(&state)
        .into_iter()
        .map(|iri| iri.as_str().to_owned())
        .collect();
    keys.sort();
    let cica = format!("{BASE}organization/cica");
    assert_eq!(keys, [cica.clone(), format!("{cica}-secretariat")]);
    // A page kept (as if it had been slow to render) is what the server answers.
    let iri = oxigraph::model::NamedNode::new(&cica).unwrap();
    let address = crate::serve::pages::entity::address(&iri, &[]);
    let page: std::sync::Arc<str> = std::sync::Arc::from("<p>kept</p>");
    let slow = crate::serve::kept::KeptPages::SLOW;
    state.kept_pages.keep_if_slow(&address, &page, slow);
    let mut request = Request::builder()
        .uri("http://127.0.0.1:7878/organization/cica")
        .body(Body::empty())
        .unwrap();
    let reply = handle(&state, &mut request);
    assert_eq!(reply.into_body().to_string().unwrap(), "<p>kept</p>");
    // Another page of the same resource is rendered.
    let values = opened_path(
        &state,
        "/organization/cica?property=https%3A%2F%2Fw3id.org%2Fcica-kg%2Fontology%23memberCount",
    );
    assert!(values.contains("27"), "{values}");
}

pub(super) fn opened_path(state: &State, path: &str) -> String {
    let uri = format!("http://127.0.0.1:7878{path}");
    let mut request = Request::builder().uri(uri).body(Body::empty()).unwrap();
    let reply = handle(state, &mut request);
    assert_eq!(reply.status().as_u16(), 200, "{path}");
    reply.into_body().to_string().unwrap()
}
