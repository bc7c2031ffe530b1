//! Where a command's output goes: standard output, or a file written atomically.

use anyhow::{Context, Result};
use cica_kg::rdf::output::{self, OutputError};
use std::io::{self, Write};
use std::path::PathBuf;

/// Standard output, or a file checked before any work starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// Standard output.
    Stdout,
    /// A file, replaced only when the command succeeds.
    File(PathBuf),
}

impl Destination {
    /// `-` or nothing is standard output; a path is checked now.
    pub fn new(path: Option<PathBuf>) -> Result<Self, OutputError> {
        Ok(match path {
            Some(path) if path.as_os_str() != "-" => {
                output::check_path(&path)?;
                Self::File(path)
            }
            _ => Self::Stdout,
        })
    }

    /// Runs `write` into the destination. On standard output the result is buffered whole, so
    /// that a command failing half-way (a SERVICE call in a query, say) prints nothing rather
    /// than a truncated result.
    pub fn write<T, E>(&self, write: impl FnOnce(&mut dyn Write) -> Result<T, E>) -> Result<T>
    where
        E: std::error::Error + Send + Sync + 'static,
    {
        match self {
            Self::File(path) => Ok(output::write_file(path, write)?),
            Self::Stdout => {
                let mut buffer = Vec::new();
                let result = write(&mut buffer)?;
                let mut stdout = io::stdout().lock();
                match stdout.write_all(&buffer).and_then(|()| stdout.flush()) {
                    Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
                    other => other.context("cannot write to standard output")?,
                }
                Ok(result)
            }
        }
    }
}
