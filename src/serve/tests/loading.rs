//! A server whose graph is built in two steps (`State::with_pending`, as `cica-kg serve`
//! builds it): its home page is the whole graph's before the statements' provenance is in, and
//! every other request waits for it.

use super::warm::opened_path;
use super::*;

fn whole() -> State {
    let kg = KnowledgeGraph::load(&DataSource::Embedded, Iris::new(BASE).unwrap()).unwrap();
    State::new(
        kg,
        Engine::in_process(Services::default()),
        Options::default(),
    )
    .unwrap()
}

fn in_two_steps() -> State {
    let facts = crate::facts::load(
        &DataSource::Embedded,
        &crate::ontology::shipped().unwrap().schema,
    )
    .unwrap();
    let (kg, pending) =
        KnowledgeGraph::without_provenance(facts, Iris::new(BASE).unwrap()).unwrap();
    State::new(
        kg,
        Engine::in_process(Services::default()),
        Options::default(),
    )
    .unwrap()
    .with_pending(pending)
}

/// Asks for `path` while the graph is still in two steps: the answer must wait until the
/// rest of the graph is in (added here 200 ms later).
fn asked_while_loading(state: &State, path: &str) -> String {
    std::thread::scope(|scope| {
        let asked = scope.spawn(|| opened_path(state, path));
        std::thread::sleep(std::time::Duration::from_millis(200));
        assert!(
            !asked.is_finished(),
            "{path} answered before the graph was whole"
        );
        assert!(state.finish_loading().unwrap());
        asked.join().unwrap()
    })
}

#[test]
fn the_home_page_comes_first_and_other_pages_wait_for_the_whole_graph() {
    let whole = whole();
    let state = in_two_steps();
    state.warm_home();
    let fewer = state.kg.store().len().unwrap();
    // Without the provenance of most of the 79 statements (some 15 quads each).
    assert!(
        fewer + 60 * 15 < whole.kg.store().len().unwrap(),
        "{fewer} quads"
    );
    // The home page: its key facts with their quotes (the member count's, "Currently, the
    // CICA has 27 member states", at character 1684 of the article), the graphs with their
    // final sizes.
    let home = opened_path(&state, "/");
    assert!(home.contains("backgrounder#q1684"), "{home}");
    assert_eq!(home, opened_path(&whole, "/"));
    // A summit's page waits for the rest, then has its quotes.
    let summit = asked_while_loading(&state, "/summit/1");
    assert!(
        summit.contains("Its first summit was held in the Kazakh city of Almaty"),
        "{summit}"
    );
    assert_eq!(summit, opened_path(&whole, "/summit/1"));
    assert_eq!(
        state.kg.store().len().unwrap(),
        whole.kg.store().len().unwrap()
    );
    assert!(!state.finish_loading().unwrap(), "nothing is left to add");
}

#[test]
fn a_home_page_not_rendered_before_listening_waits_for_the_whole_graph_too() {
    let state = in_two_steps();
    // No warm_home: its quotes would be missing from the graph in two steps.
    let home = asked_while_loading(&state, "/");
    assert_eq!(home, opened_path(&whole(), "/"));
}
