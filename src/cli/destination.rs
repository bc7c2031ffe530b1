//! Where a command's output goes: standard output, or a file (see
//! [`cica_kg::output::write_file`]). Both are written as the output is produced, never
//! held whole in memory: on standard output a command that fails half-way leaves what it
//! wrote before the error, on a file it leaves the file as it was.

use anyhow::Result;
use cica_kg::output::{self, OutputError, WriteError};
use std::io;
use std::path::PathBuf;

/// Standard output, or a file checked before any work starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// Standard output.
    Stdout,
    /// A file, replaced only when the command succeeds (or a device, FIFO or `/dev/stdout`,
    /// written in place).
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

    /// Streams `write` into the destination. `None` when standard output was closed by its
    /// reader (`cica-kg export | head`): the command stops there, and that is no error.
    pub fn write<T, E>(
        &self,
        write: impl FnOnce(&mut dyn io::Write) -> Result<T, E>,
    ) -> Result<Option<T>>
    where
        E: std::error::Error + Send + Sync + 'static,
    {
        match self {
            Self::File(path) => {
                super::signals::guard_output_files();
                Ok(Some(output::write_file(path, write)?))
            }
            Self::Stdout => match output::write_to(io::stdout().lock(), write) {
                Ok(value) => Ok(Some(value)),
                Err(WriteError::Write(e)) if e.kind() == io::ErrorKind::BrokenPipe => Ok(None),
                Err(WriteError::Write(e)) => {
                    Err(anyhow::Error::new(e).context("cannot write to standard output"))
                }
                Err(WriteError::Content(e)) => Err(e.into()),
            },
        }
    }
}
