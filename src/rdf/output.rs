//! Output files that are never left half-written: [`write_file`] checks the path before any
//! work, writes to a temporary file beside the target and renames it into place only when
//! everything succeeded, so a failed command leaves an existing file byte-for-byte unchanged.
//! [`EndsWithNewline`] makes every output end with a newline.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Why an output file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The path names a folder.
    #[error("output path {} is a directory; give a file name, such as {}/cica-kg.ttl", .0.display(), .0.display())]
    IsDirectory(PathBuf),
    /// The file is read-only.
    #[error("cannot write {}: the file is read-only; make it writable (chmod u+w) or choose another path", .0.display())]
    ReadOnly(PathBuf),
    /// Its folder does not exist.
    #[error("cannot write {}: the directory {} does not exist; create it first or choose another path", .path.display(), .parent.display())]
    NoParent {
        /// The output path.
        path: PathBuf,
        /// Its folder.
        parent: PathBuf,
    },
    /// Writing or renaming failed.
    #[error("cannot write {}: {source}", .path.display())]
    Io {
        /// The output path.
        path: PathBuf,
        /// What failed.
        #[source]
        source: io::Error,
    },
    /// The content could not be produced; nothing was written.
    #[error(transparent)]
    Content(Box<dyn std::error::Error + Send + Sync>),
}

/// Checks that `path` can be written: its folder exists and it is not a folder itself.
pub fn check_path(path: &Path) -> Result<(), OutputError> {
    if path.is_dir() {
        return Err(OutputError::IsDirectory(path.to_owned()));
    }
    if std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
        return Err(OutputError::ReadOnly(path.to_owned()));
    }
    let parent = parent_dir(path);
    if !parent.is_dir() {
        return Err(OutputError::NoParent {
            path: path.to_owned(),
            parent: parent.to_owned(),
        });
    }
    Ok(())
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Writes a file atomically: `write` fills a temporary file in the same folder, which then
/// replaces `path`. On any error the temporary file is removed and `path` is untouched.
pub fn write_file<T, E>(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<T, E>,
) -> Result<T, OutputError>
where
    E: std::error::Error + Send + Sync + 'static,
{
    check_path(path)?;
    let io_error = |source| OutputError::Io {
        path: path.to_owned(),
        source,
    };
    let parent = parent_dir(path);
    let mut temp = tempfile::Builder::new()
        .prefix(".cica-kg-")
        .suffix(".tmp")
        .tempfile_in(parent)
        .map_err(io_error)?;
    let result = {
        let mut out = BufWriter::new(temp.as_file_mut());
        let result = write(&mut out).map_err(|e| OutputError::Content(Box::new(e)))?;
        out.flush().map_err(io_error)?;
        result
    };
    // A new file gets the usual permissions (a temporary file is private); a replaced file
    // keeps its own.
    let permissions = match std::fs::metadata(path) {
        Ok(metadata) => Some(metadata.permissions()),
        Err(_) => default_permissions(),
    };
    if let Some(permissions) = permissions {
        temp.as_file()
            .set_permissions(permissions)
            .map_err(io_error)?;
    }
    temp.persist(path).map_err(|e| io_error(e.error))?;
    Ok(result)
}

/// rw-r--r--, as a new file usually gets.
#[cfg(unix)]
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

/// Elsewhere the temporary file's own permissions are kept.
#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}

/// A writer that remembers the last byte written, so that [`EndsWithNewline::finish`] can end
/// a non-empty output with a newline where the serializer did not (JSON-LD, RDF/XML, JSON and
/// XML results).
pub struct EndsWithNewline<W: Write> {
    inner: W,
    last: Option<u8>,
}

impl<W: Write> EndsWithNewline<W> {
    /// Wraps a writer.
    pub fn new(inner: W) -> Self {
        Self { inner, last: None }
    }

    /// Adds the final newline if it is missing, flushes, and hands the writer back.
    pub fn finish(mut self) -> io::Result<W> {
        if self.last.is_some_and(|b| b != b'\n') {
            self.inner.write_all(b"\n")?;
        }
        self.inner.flush()?;
        Ok(self.inner)
    }
}

impl<W: Write> Write for EndsWithNewline<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        if n > 0 {
            self.last = Some(buf[n - 1]);
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_end_with_one_newline() {
        let end = |text: &str| {
            let mut w = EndsWithNewline::new(Vec::new());
            w.write_all(text.as_bytes()).unwrap();
            String::from_utf8(w.finish().unwrap()).unwrap()
        };
        assert_eq!(end("{}"), "{}\n");
        assert_eq!(end("a\n"), "a\n");
        assert_eq!(end(""), "");
    }
}
