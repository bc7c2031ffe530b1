//! Output that is never left half-written, and that streams. [`write_file`] checks the path
//! before any work and then:
//! - a regular file (or a new one) is replaced: the content streams into a temporary file
//!   beside it (beside the file a symbolic link points to, so the link stays), which keeps the
//!   old file's permissions and owner, is flushed to disk, and is renamed into place only when
//!   everything succeeded, so a failed command leaves the old file byte-for-byte unchanged;
//! - anything else (a character device such as `/dev/null`, a FIFO, `/dev/stdout`) is written
//!   in place, never replaced.
//!
//! [`write_to`] streams into any writer (standard output) and tells a write error (no space
//! left, a closed pipe) from an error of the content. Temporary files are named and removed on
//! signals by `temporary`. [`EndsWithNewline`] makes every output end with a newline.

mod temporary;

pub use temporary::{abandon, Abandoned};

use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use temporary::Temporary;

/// Symbolic links followed before giving up, as Linux does.
const MAX_LINKS: usize = 40;

/// Why an output file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The path names a folder.
    #[error("output path {} is a directory; give a file name, such as {}/cica-kg.ttl", .0.display(), .0.display())]
    IsDirectory(PathBuf),
    /// The path has no file name (it is empty, or ends in `..`).
    #[error("output path '{}' names no file; give a file name, such as cica-kg.ttl", .0.display())]
    NoFileName(PathBuf),
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
    /// Opening, writing, flushing or renaming failed.
    #[error("cannot write {}: {source}{}", .path.display(), hint(.source))]
    Io {
        /// The output path.
        path: PathBuf,
        /// What failed.
        #[source]
        source: io::Error,
    },
    /// The content could not be produced; an existing file was left as it was.
    #[error(transparent)]
    Content(Box<dyn std::error::Error + Send + Sync>),
}

/// What to do about a write error a person can act on.
fn hint(error: &io::Error) -> &'static str {
    match error.kind() {
        io::ErrorKind::StorageFull => "; free some space, or choose another path",
        io::ErrorKind::FileTooLarge => {
            "; the file would be larger than allowed (ulimit -f): raise the limit, or choose another path"
        }
        io::ErrorKind::PermissionDenied => "; choose a path you may write to",
        _ => "",
    }
}

/// Why [`write_to`] failed.
#[derive(Debug)]
pub enum WriteError<E> {
    /// The writer refused the bytes (no space left, a closed pipe, a file too large).
    Write(io::Error),
    /// The content could not be produced. What was produced before the error was written.
    Content(E),
}

/// How a path is written.
enum Target {
    /// Not a regular file (a device, a FIFO, a socket, or a link into `/proc` such as
    /// `/dev/stdout`): opened and written in place.
    InPlace,
    /// A regular file, or none yet: replaced through a temporary file in its folder.
    Replace {
        /// The file itself, with every symbolic link resolved.
        file: PathBuf,
        /// The file as it is now, if it exists.
        existing: Option<Metadata>,
    },
}

/// Checks that `path` can be written: its folder exists, it is not a folder itself, and a
/// regular file there is writable.
pub fn check_path(path: &Path) -> Result<(), OutputError> {
    resolve(path).map(drop)
}

/// Whether `path` is written in place (a device, a FIFO, `/dev/stdout`) rather than replaced.
pub fn is_written_in_place(path: &Path) -> bool {
    matches!(resolve(path), Ok(Target::InPlace))
}

/// Follows `path` to what will be written. A link is followed by hand, so that the file it
/// points to is what gets replaced; the links into `/proc` (`/dev/stdout`, `/dev/fd/N`) are
/// left to the kernel, which alone knows what they point to.
fn resolve(path: &Path) -> Result<Target, OutputError> {
    if path.is_dir() {
        return Err(OutputError::IsDirectory(path.to_owned()));
    }
    let io_error = |source| OutputError::Io {
        path: path.to_owned(),
        source,
    };
    let mut current = path.to_owned();
    for _ in 0..MAX_LINKS {
        let Some(name) = current.file_name() else {
            return Err(OutputError::NoFileName(path.to_owned()));
        };
        let parent = parent_dir(&current);
        let folder = match fs::canonicalize(parent) {
            Ok(folder) if folder.is_dir() => folder,
            _ => {
                return Err(OutputError::NoParent {
                    path: path.to_owned(),
                    parent: parent.to_owned(),
                })
            }
        };
        current = folder.join(name);
        if current.starts_with("/proc") {
            return Ok(Target::InPlace);
        }
        let metadata = match fs::symlink_metadata(&current) {
            Ok(metadata) => metadata,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Ok(Target::Replace {
                    file: current,
                    existing: None,
                })
            }
            Err(e) => return Err(io_error(e)),
        };
        let kind = metadata.file_type();
        if kind.is_symlink() {
            current = folder.join(fs::read_link(&current).map_err(io_error)?);
        } else if kind.is_dir() {
            return Err(OutputError::IsDirectory(path.to_owned()));
        } else if !kind.is_file() {
            return Ok(Target::InPlace);
        } else if metadata.permissions().readonly() {
            return Err(OutputError::ReadOnly(path.to_owned()));
        } else {
            return Ok(Target::Replace {
                file: current,
                existing: Some(metadata),
            });
        }
    }
    Err(io_error(io::Error::other(
        "too many levels of symbolic links",
    )))
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Writes `path`: `write` streams into a temporary file that then replaces the file, or, for
/// a path that is not a regular file, straight into it (see the module's documentation). On
/// any error the temporary file is removed and an existing file is untouched.
pub fn write_file<T, E>(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<T, E>,
) -> Result<T, OutputError>
where
    E: std::error::Error + Send + Sync + 'static,
{
    let io_error = |source| OutputError::Io {
        path: path.to_owned(),
        source,
    };
    let failed = |error: WriteError<E>| match error {
        WriteError::Write(source) => io_error(source),
        WriteError::Content(e) => OutputError::Content(Box::new(e)),
    };
    match resolve(path)? {
        Target::InPlace => {
            // Appending: a regular file behind /dev/stdout keeps what the shell wrote before.
            let file = OpenOptions::new()
                .append(true)
                .open(path)
                .map_err(io_error)?;
            write_to(&file, write).map_err(failed)
        }
        Target::Replace { file, existing } => {
            let folder = parent_dir(&file);
            let temp = Temporary::create(folder).map_err(io_error)?;
            let result = write_to(temp.file(), write).map_err(failed)?;
            keep_owner_and_mode(temp.file(), existing.as_ref()).map_err(io_error)?;
            temp.file().sync_all().map_err(io_error)?;
            temp.persist(&file).map_err(io_error)?;
            sync_folder(folder).map_err(io_error)?;
            Ok(result)
        }
    }
}

/// Streams `write` into `out` through a buffer, and flushes it, also when `write` fails half-way
/// (so standard output shows what was produced before the error). A failure of `out` itself
/// is told apart from a failure of the content, whatever error type `write` wrapped it in.
pub fn write_to<W: Write, T, E>(
    out: W,
    write: impl FnOnce(&mut dyn Write) -> Result<T, E>,
) -> Result<T, WriteError<E>> {
    let mut buffered = BufWriter::with_capacity(
        64 * 1024,
        Watched {
            inner: out,
            error: None,
        },
    );
    let result = write(&mut buffered);
    let flushed = buffered.flush();
    // Already flushed (or failed): do not let the buffer's drop try again.
    let (mut watched, _) = buffered.into_parts();
    if let Some(error) = watched.error.take() {
        return Err(WriteError::Write(error));
    }
    let value = result.map_err(WriteError::Content)?;
    flushed.map_err(WriteError::Write)?;
    Ok(value)
}

/// A writer that keeps the first error of the writer it wraps.
struct Watched<W> {
    inner: W,
    error: Option<io::Error>,
}

impl<W: Write> Watched<W> {
    /// Keeps `error` (unless an interrupted call, which is retried) and hands back a copy.
    fn keep(&mut self, error: io::Error) -> io::Error {
        let copy = match error.raw_os_error() {
            Some(code) => io::Error::from_raw_os_error(code),
            None => io::Error::new(error.kind(), error.to_string()),
        };
        if error.kind() != io::ErrorKind::Interrupted && self.error.is_none() {
            self.error = Some(error);
        }
        copy
    }
}

impl<W: Write> Write for Watched<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf).map_err(|e| self.keep(e))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush().map_err(|e| self.keep(e))
    }
}

/// Gives the temporary file the owner (where allowed: as root, or a group of the user's) and
/// the permissions of the file it replaces; a new file gets the usual permissions (a temporary
/// file is private).
#[cfg(unix)]
fn keep_owner_and_mode(temp: &File, existing: Option<&Metadata>) -> io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let Some(existing) = existing else {
        return temp.set_permissions(fs::Permissions::from_mode(0o644));
    };
    let own = temp.metadata()?;
    if (own.uid(), own.gid()) != (existing.uid(), existing.gid()) {
        match std::os::unix::fs::fchown(temp, Some(existing.uid()), Some(existing.gid())) {
            // Not allowed to give the file away: it becomes the writer's, as with any editor.
            Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {}
            other => other?,
        }
    }
    // After the owner: changing the owner clears the set-user-ID and set-group-ID bits.
    temp.set_permissions(existing.permissions())
}

/// Elsewhere the permissions of a replaced file are kept.
#[cfg(not(unix))]
fn keep_owner_and_mode(temp: &File, existing: Option<&Metadata>) -> io::Result<()> {
    match existing {
        Some(existing) => temp.set_permissions(existing.permissions()),
        None => Ok(()),
    }
}

/// Flushes a folder to disk, so that a rename into it survives a crash. File systems that
/// cannot flush a folder say so, and that is no error.
fn sync_folder(folder: &Path) -> io::Result<()> {
    #[cfg(unix)]
    match File::open(folder).and_then(|f| f.sync_all()) {
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported
            ) =>
        {
            Ok(())
        }
        other => other,
    }
    #[cfg(not(unix))]
    {
        let _ = folder;
        Ok(())
    }
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

    /// A writer that takes `room` bytes, then fails as a full disk does.
    struct Full {
        written: Vec<u8>,
        room: usize,
    }

    impl Write for Full {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.written.len() + buf.len() > self.room {
                return Err(io::Error::from_raw_os_error(28)); // ENOSPC
            }
            self.written.extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[derive(Debug, thiserror::Error)]
    #[error("the content failed: {0}")]
    struct ContentError(#[from] io::Error);

    #[test]
    fn a_failing_writer_is_told_from_failing_content() {
        // The content wraps the writer's error in its own: still a write error.
        let mut full = Full {
            written: Vec::new(),
            room: 10,
        };
        let result = write_to(&mut full, |out| -> Result<(), ContentError> {
            out.write_all(&[b'x'; 100_000])?;
            Ok(())
        });
        match result {
            Err(WriteError::Write(e)) => assert_eq!(e.raw_os_error(), Some(28)),
            other => panic!("expected a write error, got {other:?}"),
        }
        // The content fails by itself: what it wrote before is flushed.
        let mut full = Full {
            written: Vec::new(),
            room: 1000,
        };
        let result = write_to(&mut full, |out| -> Result<(), ContentError> {
            out.write_all(b"row 1\n")?;
            Err(ContentError(io::Error::other("the service broke")))
        });
        assert!(matches!(result, Err(WriteError::Content(_))));
        assert_eq!(full.written, b"row 1\n");
    }
}
