//! The temporary files of atomic writes, named `.cica-kg-<random>.tmp` beside their target.
//! While one exists it is registered, so that a signal handler can remove it before the
//! process exits ([`abandon`]). A run killed outright (SIGKILL, a power cut) leaves its file
//! behind: no other process's temporary file is ever removed, as no process can tell for sure
//! that another one (perhaps in another container) has stopped writing it.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

const PREFIX: &str = ".cica-kg-";
const SUFFIX: &str = ".tmp";

/// The temporary files of this process that exist now.
static OPEN: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn open_files() -> MutexGuard<'static, Vec<PathBuf>> {
    OPEN.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A temporary file beside its target, registered while it exists and removed when dropped.
pub(super) struct Temporary {
    // Declared first, so dropped first: the file goes before its registration does.
    file: tempfile::NamedTempFile,
    registration: Registration,
}

/// Unregisters a temporary file when dropped.
struct Registration(PathBuf);

impl Drop for Registration {
    fn drop(&mut self) {
        open_files().retain(|path| *path != self.0);
    }
}

impl Temporary {
    /// Creates a private, empty temporary file in `folder`. It is created and registered under
    /// one lock, so a signal handler sees it as soon as it exists.
    pub(super) fn create(folder: &Path) -> io::Result<Self> {
        let mut open = open_files();
        let file = tempfile::Builder::new()
            .prefix(PREFIX)
            .suffix(SUFFIX)
            .tempfile_in(folder)?;
        let path = file.path().to_owned();
        open.push(path.clone());
        drop(open);
        Ok(Self {
            file,
            registration: Registration(path),
        })
    }

    /// The open file.
    pub(super) fn file(&self) -> &File {
        self.file.as_file()
    }

    /// Renames the file to `target` (which it replaces). The rename happens under the lock,
    /// so a signal handler either removes the temporary file before it, or finds it gone.
    pub(super) fn persist(self, target: &Path) -> io::Result<()> {
        let Self { file, registration } = self;
        let open = open_files();
        let result = file.persist(target).map(drop).map_err(|e| e.error);
        drop(open);
        drop(registration);
        result
    }
}

/// Holds off new temporary files while it lives; see [`abandon`].
pub struct Abandoned {
    _open: MutexGuard<'static, Vec<PathBuf>>,
}

/// Removes every temporary file this process is writing and returns a guard under which no
/// new one is created or renamed into place: for a signal handler, which then ends the process
/// while it holds the guard.
pub fn abandon() -> Abandoned {
    let mut open = open_files();
    for path in open.drain(..) {
        let _ = fs::remove_file(path);
    }
    Abandoned { _open: open }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_temporary_file_is_registered_while_it_exists() {
        let dir = tempfile::tempdir().unwrap();
        let temp = Temporary::create(dir.path()).unwrap();
        let path = temp.file.path().to_owned();
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(name.starts_with(PREFIX) && name.ends_with(SUFFIX), "{name}");
        assert!(open_files().contains(&path));
        drop(temp);
        assert!(!path.exists());
        assert!(!open_files().contains(&path));
    }
}
