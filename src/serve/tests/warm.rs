//! What the server reads before its first reader asks (`State::warm_up`): here, the first
//! page of each named question that a reader opens (its fields, if any, left empty).

use super::*;

fn opened(state: &State, name: &str) -> String {
    let uri = format!("http://127.0.0.1:7878/query?name={name}");
    let mut request = Request::builder().uri(uri).body(Body::empty()).unwrap();
    let reply = handle(state, &mut request);
    assert_eq!(reply.status().as_u16(), 200, "{name}");
    reply.into_body().to_string().unwrap()
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
