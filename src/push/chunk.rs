//! Cutting a graph's triples into requests of bounded size. A blank node is local to one
//! request (a store gives the `_:b` of each request a new node), so the triples joined by blank
//! nodes must travel together: they are grouped by connected component and a group is never
//! split (a group larger than the bound makes one larger request).

use oxigraph::model::{NamedOrBlankNode, Term, Triple};
use std::collections::HashMap;

/// `triples` in chunks of at most `size` triples (at least 1), except that triples sharing
/// blank nodes stay in one chunk. Triples without blank nodes come first, in their order;
/// then the blank-node groups, in the order of their first triple. An empty graph gives no
/// chunk.
pub fn chunks(triples: Vec<Triple>, size: usize) -> Vec<Vec<Triple>> {
    let size = size.max(1);
    let mut components = Components::default();
    for triple in &triples {
        if let (Some(s), Some(o)) = (subject_blank(triple), object_blank(triple)) {
            components.union(s, o);
        } else if let Some(b) = subject_blank(triple).or_else(|| object_blank(triple)) {
            components.find(b);
        }
    }
    let mut chunks: Vec<Vec<Triple>> = Vec::new();
    let mut current = Vec::new();
    let mut groups: Vec<Vec<Triple>> = Vec::new();
    let mut group_of: HashMap<usize, usize> = HashMap::new();
    for triple in triples {
        match subject_blank(&triple).or_else(|| object_blank(&triple)) {
            Some(blank) => {
                let root = components.find(blank);
                let next = groups.len();
                let group = *group_of.entry(root).or_insert(next);
                if group == groups.len() {
                    groups.push(Vec::new());
                }
                groups[group].push(triple);
            }
            None => {
                current.push(triple);
                if current.len() == size {
                    chunks.push(std::mem::take(&mut current));
                }
            }
        }
    }
    for group in groups {
        if !current.is_empty() && current.len() + group.len() > size {
            chunks.push(std::mem::take(&mut current));
        }
        current.extend(group);
        if current.len() >= size {
            chunks.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        chunks.push(current);
    }
    chunks
}

fn subject_blank(triple: &Triple) -> Option<&str> {
    match &triple.subject {
        NamedOrBlankNode::BlankNode(b) => Some(b.as_str()),
        NamedOrBlankNode::NamedNode(_) => None,
    }
}

fn object_blank(triple: &Triple) -> Option<&str> {
    match &triple.object {
        Term::BlankNode(b) => Some(b.as_str()),
        _ => None,
    }
}

/// Union-find over blank node labels.
#[derive(Default)]
struct Components {
    index: HashMap<String, usize>,
    parent: Vec<usize>,
}

impl Components {
    fn id(&mut self, label: &str) -> usize {
        if let Some(id) = self.index.get(label) {
            return *id;
        }
        let id = self.parent.len();
        self.parent.push(id);
        self.index.insert(label.to_owned(), id);
        id
    }

    fn root(&mut self, mut id: usize) -> usize {
        while self.parent[id] != id {
            self.parent[id] = self.parent[self.parent[id]];
            id = self.parent[id];
        }
        id
    }

    fn find(&mut self, label: &str) -> usize {
        let id = self.id(label);
        self.root(id)
    }

    fn union(&mut self, a: &str, b: &str) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.parent[a.max(b)] = a.min(b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{BlankNode, Literal, NamedNode};

    fn iri(n: usize) -> NamedNode {
        NamedNode::new(format!("http://example.org/{n}")).unwrap()
    }

    fn named(n: usize) -> Triple {
        Triple::new(iri(n), iri(0), Literal::from(n as i64))
    }

    #[test]
    fn chunks_are_bounded_and_keep_every_triple() {
        let triples: Vec<Triple> = (0..10).map(named).collect();
        let chunks = chunks(triples.clone(), 4);
        let sizes: Vec<usize> = chunks.iter().map(Vec::len).collect();
        assert_eq!(sizes, [4, 4, 2]);
        assert_eq!(chunks.concat(), triples);
        assert!(super::chunks(Vec::new(), 4).is_empty());
    }

    #[test]
    fn triples_joined_by_blank_nodes_stay_together() {
        let (a, b, c) = (
            BlankNode::new("a").unwrap(),
            BlankNode::new("b").unwrap(),
            BlankNode::new("c").unwrap(),
        );
        let triples = vec![
            Triple::new(a.clone(), iri(1), b.clone()),
            named(1),
            Triple::new(c.clone(), iri(1), Literal::from(1)),
            named(2),
            Triple::new(b.clone(), iri(2), Literal::from(2)),
            named(3),
            Triple::new(iri(9), iri(3), a.clone()),
        ];
        let chunks = chunks(triples, 2);
        let sizes: Vec<usize> = chunks.iter().map(Vec::len).collect();
        // Three named triples (2 + 1), the a-b group of three (one chunk, over the bound),
        // then the c group.
        assert_eq!(sizes, [2, 1, 3, 1], "{chunks:?}");
        assert!(chunks[2]
            .iter()
            .all(|t| t.to_string().contains("_:a") || t.to_string().contains("_:b")));
    }
}
