//! Writing a file back (`--fix`) so that no reader ever sees it half written.

/// Replaces `path`'s content without a moment where it is half written: a temporary file in the
/// same directory (so the rename stays on one file system), the original's permissions, then a
/// rename over it. A symlink is followed, so the link stays a link and its target changes.
pub fn write_atomically(path: &std::path::Path, content: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let target = std::fs::canonicalize(path)?;
    let metadata = std::fs::metadata(&target)?;
    if metadata.permissions().readonly() {
        return Err(std::io::Error::new(std::io::ErrorKind::PermissionDenied, "the file is read-only"));
    }
    let dir = target.parent().unwrap_or_else(|| std::path::Path::new("."));
    let name = target.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    let temporary = dir.join(format!(".{name}.scimlint-{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(content)?;
        file.sync_all()?;
        std::fs::set_permissions(&temporary, metadata.permissions())?;
        std::fs::rename(&temporary, &target)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}
