//! Reading a file a person names on the command line (a query file, a graph file to
//! validate): a regular file only, never more than a cap. A FIFO or a device would block or
//! never end, a folder cannot be read, and a file of gigabytes would be read into memory
//! whole; each is refused with the file's name and the reason before anything is read.
//! [`Deadline`] bounds the whole reading of a peer's answer in time.

use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The largest query file read: 16 MiB (the queries of `queries/` are a few kilobytes).
pub const QUERY_FILE_CAP: Cap = Cap(16 << 20);

/// The largest graph file `validate` reads: 256 MiB (`cica-kg export --graph all` writes
/// about 200 kB).
pub const GRAPH_FILE_CAP: Cap = Cap(256 << 20);

/// The largest facts file or article read from a data folder: 256 MiB (the shipped article is
/// 3 kB; bench/scale.sh drafts and checks a 50 MB one).
pub const DATA_FILE_CAP: Cap = Cap(256 << 20);

/// A size limit in bytes, shown as people read it (`16 MiB`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Cap(pub u64);

impl fmt::Display for Cap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const UNITS: [(u64, &str); 3] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
        match UNITS
            .iter()
            .find(|(size, _)| self.0 >= *size && self.0.is_multiple_of(*size))
        {
            Some((size, unit)) => write!(f, "{} {unit}", self.0 / size),
            None if self.0 == 1 => f.write_str("1 byte"),
            None => write!(f, "{} bytes", self.0),
        }
    }
}

/// A reader that fails with `TimedOut` once its deadline has passed, so that a peer that
/// drips its answer (a store answering `push`, a SERVICE endpoint) cannot hold the exchange
/// past its timeout; each single read is already bounded by the socket's timeout.
pub struct Deadline<R> {
    /// What is read.
    pub inner: R,
    /// When reading stops.
    pub deadline: Instant,
}

impl<R: Read> Read for Deadline<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if Instant::now() > self.deadline {
            return Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "the deadline has passed",
            ));
        }
        self.inner.read(buf)
    }
}

/// Why a named file is not read.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// It cannot be opened or read.
    #[error("cannot read {}: {source}; check the path", .path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A folder, FIFO, socket or device.
    #[error("{} is {kind}, not a regular file; give the path of a file", .path.display())]
    NotAFile {
        /// The path.
        path: PathBuf,
        /// What it is: "a folder", "a FIFO (named pipe)", ...
        kind: &'static str,
    },
    /// Larger than the cap.
    #[error("{} is larger than the {cap} cap for {what}; give a smaller file", .path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// The cap.
        cap: Cap,
        /// What the file is for ("query files").
        what: &'static str,
    },
}

/// Reads `path`, which must be a regular file (or a link to one) of at most `cap` bytes;
/// `what` names the kind of file in messages ("query files").
pub fn read_regular_file(path: &Path, cap: Cap, what: &'static str) -> Result<Vec<u8>, InputError> {
    let read_error = |source| InputError::Read {
        path: path.to_owned(),
        source,
    };
    // Look before opening: opening a FIFO for reading waits for a writer.
    let metadata = std::fs::metadata(path).map_err(read_error)?;
    check_kind(path, &metadata)?;
    let file = File::open(path).map_err(read_error)?;
    // Look again at what was opened, in case the path changed in between.
    let metadata = file.metadata().map_err(read_error)?;
    check_kind(path, &metadata)?;
    let too_large = || InputError::TooLarge {
        path: path.to_owned(),
        cap,
        what,
    };
    if metadata.len() > cap.0 {
        return Err(too_large());
    }
    // The file may grow while it is read: read one byte past the cap at most.
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(cap.0 + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > cap.0 {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Refuses anything but a regular file.
fn check_kind(path: &Path, metadata: &std::fs::Metadata) -> Result<(), InputError> {
    let file_type = metadata.file_type();
    if file_type.is_file() {
        return Ok(());
    }
    let kind = if file_type.is_dir() {
        "a folder"
    } else {
        special_kind(&file_type)
    };
    Err(InputError::NotAFile {
        path: path.to_owned(),
        kind,
    })
}

#[cfg(unix)]
fn special_kind(file_type: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_fifo() {
        "a FIFO (named pipe)"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_char_device() || file_type.is_block_device() {
        "a device"
    } else {
        "not a file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::FileType) -> &'static str {
    "a special file"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_read_as_people_write_them() {
        assert_eq!(QUERY_FILE_CAP.to_string(), "16 MiB");
        assert_eq!(GRAPH_FILE_CAP.to_string(), "256 MiB");
        assert_eq!(Cap(64 << 20).to_string(), "64 MiB");
        assert_eq!(Cap(4 << 30).to_string(), "4 GiB");
        assert_eq!(Cap(1000).to_string(), "1000 bytes");
        assert_eq!(Cap(1).to_string(), "1 byte");
    }

    #[test]
    fn a_file_over_the_cap_and_a_folder_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("q.rq");
        std::fs::write(&path, "x".repeat(11)).unwrap();
        assert_eq!(
            read_regular_file(&path, Cap(11), "query files")
                .unwrap()
                .len(),
            11
        );
        let error = read_regular_file(&path, Cap(10), "query files").unwrap_err();
        assert!(
            error
                .to_string()
                .ends_with("is larger than the 10 bytes cap for query files; give a smaller file"),
            "{error}"
        );
        let error = read_regular_file(dir.path(), Cap(10), "query files").unwrap_err();
        assert!(
            error
                .to_string()
                .contains("is a folder, not a regular file"),
            "{error}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused_before_it_is_read() {
        let error = read_regular_file(Path::new("/dev/zero"), Cap(10), "query files").unwrap_err();
        assert_eq!(
            error.to_string(),
            "/dev/zero is a device, not a regular file; give the path of a file"
        );
    }
}
