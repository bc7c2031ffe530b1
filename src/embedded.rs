//! The shipped `data/`, `ontology/` and `queries/` (named, `checks/` and `internal/`) files,
//! built into the binary by `build.rs` so that cica-kg works from any directory, each as
//! `(file name, contents)`. The ontology files come as N-Triples, converted from their Turtle
//! (and so checked) when the program is built.

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
