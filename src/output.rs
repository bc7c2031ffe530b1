//! Output files that are never left half-written: [`write_file`] checks the path before any
//! work, writes to a temporary file beside the target and renames it into place only when
//! everything succeeded, so a failed command leaves an existing file byte-for-byte unchanged.

use anyhow::{bail, Context, Result};
use std::io::{BufWriter, Write};
use std::path::Path;

/// Checks that `path` can be written: its folder exists and it is not a folder itself.
pub fn check_path(path: &Path) -> Result<()> {
    if path.is_dir() {
        bail!(
            "output path {} is a directory; give a file name, such as {}/cica-kg.ttl",
            path.display(),
            path.display()
        );
    }
    if std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
        bail!(
            "cannot write {}: the file is read-only; make it writable (chmod u+w) or choose another path",
            path.display()
        );
    }
    let parent = parent_dir(path);
    if !parent.is_dir() {
        bail!(
            "cannot write {}: the directory {} does not exist; create it first or choose another path",
            path.display(),
            parent.display()
        );
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
pub fn write_file<T>(path: &Path, write: impl FnOnce(&mut dyn Write) -> Result<T>) -> Result<T> {
    check_path(path)?;
    let parent = parent_dir(path);
    let mut temp = tempfile::Builder::new()
        .prefix(".cica-kg-")
        .suffix(".tmp")
        .tempfile_in(parent)
        .with_context(|| {
            format!(
                "cannot write {}: cannot create a file in {}; check its permissions",
                path.display(),
                parent.display()
            )
        })?;
    let result = {
        let mut out = BufWriter::new(temp.as_file_mut());
        let result = write(&mut out)?;
        out.flush()
            .with_context(|| format!("cannot write {}", path.display()))?;
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
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    temp.persist(path).map_err(|e| e.error).with_context(|| {
        format!(
            "cannot write {}: check the permissions of the file and its directory",
            path.display()
        )
    })?;
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
