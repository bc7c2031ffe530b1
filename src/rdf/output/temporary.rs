//! The temporary files of atomic writes. Each is named `.cica-kg-<pid>-<random>.tmp`, so that
//! one left behind by a killed run (SIGKILL, a power cut) can be told from one still being
//! written: [`remove_stale`] removes those whose process is gone, and every write runs it in
//! its folder first. While a temporary file exists it is registered, so that a signal handler
//! can remove it before the process exits ([`abandon`]).
//!
//! Whether a process is alive is read from `/proc/<pid>` (Linux); where there is no `/proc`,
//! nothing is removed. A process in another PID namespace (another container) writing into the
//! same folder cannot be seen, so its file would be taken for a stale one.

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
            .prefix(&format!("{PREFIX}{}-", std::process::id()))
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

/// Removes from `folder` the temporary files whose process no longer runs. Errors are ignored:
/// a stale file that cannot be removed does no harm to the write that follows.
pub(super) fn remove_stale(folder: &Path) {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(owner) else {
            continue;
        };
        let alive = pid == std::process::id() || proc.join(pid.to_string()).exists();
        if !alive && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The process that wrote a temporary file, from its name `.cica-kg-<pid>-<random>.tmp`.
fn owner(name: &str) -> Option<u32> {
    let (pid, random) = name
        .strip_prefix(PREFIX)?
        .strip_suffix(SUFFIX)?
        .split_once('-')?;
    let digits = !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit());
    let random_ok = !random.is_empty() && random.bytes().all(|b| b.is_ascii_alphanumeric());
    if digits && random_ok {
        pid.parse().ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_tell_their_process() {
        assert_eq!(owner(".cica-kg-4242-AbC123.tmp"), Some(4242));
        assert_eq!(owner(".cica-kg-AbC123.tmp"), None); // written before names had a pid
        assert_eq!(owner(".cica-kg-42-.tmp"), None);
        assert_eq!(owner(".cica-kg--abc.tmp"), None);
        assert_eq!(owner("cica-kg-42-abc.tmp"), None);
        assert_eq!(owner(".cica-kg-42-a/b.tmp"), None);
        assert_eq!(owner(".cica-kg-42-abc.ttl"), None);
    }

    #[test]
    fn a_temporary_file_is_registered_while_it_exists() {
        let dir = tempfile::tempdir().unwrap();
        let temp = Temporary::create(dir.path()).unwrap();
        let path = temp.file.path().to_owned();
        let name = path.file_name().unwrap().to_str().unwrap();
        assert_eq!(owner(name), Some(std::process::id()));
        assert!(open_files().contains(&path));
        drop(temp);
        assert!(!path.exists());
        assert!(!open_files().contains(&path));
    }
}
