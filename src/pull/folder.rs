//! The export folder: written in full into a hidden folder beside the destination, then renamed
//! into place, so that a failed pull leaves nothing half-written and an earlier export intact.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use super::PullError;

/// The file that marks a folder as a `scimlint pull` export (and so replaceable with `--force`).
pub const MARKER: &str = "pull.json";

/// A folder being written; removed with everything in it unless [`Staging::commit`] ran.
pub struct Staging {
    path: PathBuf,
    destination: PathBuf,
    committed: bool,
}

/// Refuses a destination that `commit` would not be allowed to replace, before any download.
pub fn check_destination(destination: &Path, force: bool) -> Result<(), PullError> {
    let shown = destination.display().to_string();
    match std::fs::symlink_metadata(destination) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(error) => Err(PullError::write(destination, &error)),
        Ok(_) if !force => Err(PullError::Exists { dir: shown }),
        // Only an earlier export may be replaced: `--out ~ --force` must not remove a home folder.
        Ok(meta) if !meta.is_dir() || !destination.join(MARKER).is_file() => Err(PullError::NotAnExport { dir: shown }),
        Ok(_) => Ok(()),
    }
}

impl Staging {
    /// A new hidden folder beside `destination` (whose parent is created when missing).
    pub fn beside(destination: &Path) -> Result<Self, PullError> {
        let parent = parent_of(destination);
        std::fs::create_dir_all(&parent).map_err(|error| PullError::write(&parent, &error))?;
        let path = parent.join(unique_name(destination, "pull"));
        std::fs::create_dir(&path).map_err(|error| PullError::write(&path, &error))?;
        Ok(Self { path, destination: destination.to_path_buf(), committed: false })
    }

    /// Writes one file of the export.
    pub fn write(&self, name: &str, bytes: &[u8]) -> Result<(), PullError> {
        let path = self.path.join(name);
        std::fs::write(&path, bytes).map_err(|error| PullError::write(&self.destination.join(name), &error))
    }

    /// Where a file of the export is being written, for writing it in parts.
    #[must_use]
    pub fn path_of(&self, name: &str) -> PathBuf {
        self.path.join(name)
    }

    /// Moves the export into place. An existing destination (allowed by [`check_destination`])
    /// is renamed away first, the new one renamed in, and only then the old one removed; if the
    /// second rename fails, the old one is put back.
    pub fn commit(mut self, force: bool) -> Result<PathBuf, PullError> {
        check_destination(&self.destination, force)?;
        let destination = self.destination.clone();
        if destination.exists() {
            let old = parent_of(&destination).join(unique_name(&destination, "old"));
            std::fs::rename(&destination, &old).map_err(|error| PullError::write(&destination, &error))?;
            if let Err(error) = std::fs::rename(&self.path, &destination) {
                let _ = std::fs::rename(&old, &destination);
                return Err(PullError::write(&destination, &error));
            }
            self.committed = true;
            // The new export is in place; an old copy that cannot be removed is only clutter.
            let _ = std::fs::remove_dir_all(&old);
        } else {
            std::fs::rename(&self.path, &destination).map_err(|error| PullError::write(&destination, &error))?;
            self.committed = true;
        }
        Ok(destination)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `.haiilo.pull-1234-5678`: hidden, so that `check okta/` skips it while it is written.
fn unique_name(destination: &Path, purpose: &str) -> String {
    let name = destination.file_name().map_or_else(|| "export".into(), |name| name.to_string_lossy().into_owned());
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |since| since.subsec_nanos());
    format!(".{name}.{purpose}-{}-{nanos}", std::process::id())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp() -> PathBuf {
        let dir = std::env::temp_dir().join(unique_name(Path::new("folder-test"), "t"));
        let _ = std::fs::create_dir_all(&dir);
        dir
    }

    #[test]
    fn a_dropped_staging_folder_leaves_nothing() {
        let root = temp();
        let destination = root.join("okta").join("Haiilo");
        let staging = Staging::beside(&destination).ok();
        assert!(staging.as_ref().is_some_and(|staging| staging.write("a.json", b"{}\n").is_ok()));
        drop(staging);
        assert_eq!(std::fs::read_dir(root.join("okta")).map(Iterator::count).ok(), Some(0));
        let _ = std::fs::remove_dir_all(root);
    }

    #[test]
    fn replaces_only_an_earlier_export_and_only_with_force() {
        let root = temp();
        let destination = root.join("export");
        let _ = std::fs::create_dir(&destination);
        assert!(matches!(check_destination(&destination, false), Err(PullError::Exists { .. })));
        assert!(matches!(check_destination(&destination, true), Err(PullError::NotAnExport { .. })));
        let _ = std::fs::write(destination.join(MARKER), "{}\n");
        let _ = std::fs::write(destination.join("stale.json"), "{}\n");
        let staging = Staging::beside(&destination).ok();
        assert!(staging.as_ref().is_some_and(|staging| staging.write(MARKER, b"{\"new\": true}\n").is_ok()));
        assert!(staging.is_some_and(|staging| staging.commit(true).is_ok()));
        assert_eq!(std::fs::read_to_string(destination.join(MARKER)).ok().as_deref(), Some("{\"new\": true}\n"));
        assert!(!destination.join("stale.json").exists());
        assert_eq!(std::fs::read_dir(&root).map(Iterator::count).ok(), Some(1), "no staging or old folder is left");
        let _ = std::fs::remove_dir_all(root);
    }
}
