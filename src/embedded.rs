//! The shipped `data/`, `ontology/` and `queries/` (named, `checks/` and `internal/`) files, built into the binary by `build.rs`
//! so that cica-kg works from any directory.

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
