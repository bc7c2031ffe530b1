//! `cica-kg review`: the browser page where a person reviews the drafts of a data folder (the
//! `data/<source>.toml` files holding `[[candidate]]` tables that `cica-kg draft` wrote). It
//! shows each article with every candidate's quote highlighted, and each candidate as a plain
//! HTML form: accept it, reject it, or edit its subject, property, value, time and quote.
//!
//! A write tool, apart from the read-only `serve`: `drafts` reads what the page shows,
//! `decide` makes one decision (accepting is [`crate::draft::accept::accept_one`], the
//! logic of `cica-kg accept` for that one candidate), `pages` renders the HTML (maud: every
//! value escaped), [`handle`] is the plain function from a request to a response
//! (the token and origin checks), and [`server`] the small hyper server in front of it.
//! Every decision rewrites the facts file atomically, or leaves it byte for byte unchanged.

pub(crate) mod decide;
pub(crate) mod drafts;
pub(crate) mod handler;
mod pages;
pub mod server;

pub use handler::{handle, Request, Response};

use crate::ontology::Ontology;
use std::io::Read;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

/// The largest request body read: 64 KiB (a candidate's form is a few hundred bytes).
pub const MAX_BODY_BYTES: usize = 64 << 10;

/// How long a request's head, then its body, may take to arrive.
pub const READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Connections open at once; more wait to be accepted.
pub const MAX_CONNECTIONS: usize = 32;

/// What every request is handled with.
pub struct State {
    /// The data folder whose drafts are reviewed.
    pub dir: PathBuf,
    /// The ontology the candidates are checked against.
    pub ontology: &'static Ontology,
    /// The address the server is bound to: the only `Host` (with `localhost` for a loopback
    /// address) and origin it answers.
    pub address: SocketAddr,
    /// The per-process random token every form carries (against cross-site requests).
    pub token: String,
    /// Held while a decision is made: one at a time.
    pub(crate) writing: Mutex<()>,
}

impl State {
    /// A state with a fresh random token (128 bits from the system's random source).
    pub fn new(
        dir: PathBuf,
        ontology: &'static Ontology,
        address: SocketAddr,
    ) -> std::io::Result<Self> {
        let mut bytes = [0u8; 16];
        std::fs::File::open("/dev/urandom")?.read_exact(&mut bytes)?;
        let token = bytes.iter().map(|b| format!("{b:02x}")).collect();
        Ok(Self::with_token(dir, ontology, address, token))
    }

    /// A state with a given token (for tests).
    pub fn with_token(
        dir: PathBuf,
        ontology: &'static Ontology,
        address: SocketAddr,
        token: String,
    ) -> Self {
        Self {
            dir,
            ontology,
            address,
            token,
            writing: Mutex::new(()),
        }
    }
}

#[cfg(test)]
mod tests;
