//! Applying fixes: edits by byte span, so that every byte outside them stays as it was.

use crate::finding::{Applicability, Edit, FileId, Finding};

/// Applies the fixes of `findings` that touch `file` and are allowed by `unsafe_fixes`.
///
/// A fix whose edits overlap an edit already taken is left out whole (and can be applied by a
/// second run), so that no two fixes garble each other. Returns the new text and how many fixes
/// were applied.
#[must_use]
pub fn apply<'a>(
    text: &str,
    file: FileId,
    findings: impl IntoIterator<Item = &'a Finding>,
    unsafe_fixes: bool,
) -> (String, usize) {
    let mut fixes: Vec<&[Edit]> = findings
        .into_iter()
        .filter_map(|finding| finding.fix.as_ref())
        .filter(|fix| unsafe_fixes || fix.applicability == Applicability::Safe)
        .filter(|fix| !fix.edits.is_empty() && fix.edits.iter().all(|edit| edit.file == file))
        .map(|fix| fix.edits.as_slice())
        .collect();
    fixes.sort_by_key(|edits| edits.iter().map(|edit| edit.span.start).min());
    let mut taken: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for edits in fixes {
        let clashes = edits.iter().any(|edit| {
            taken.iter().any(|other| edit.span.start < other.span.end && other.span.start < edit.span.end)
                || !text.is_char_boundary(edit.span.start)
                || !text.is_char_boundary(edit.span.end)
                || edit.span.end > text.len()
        });
        if !clashes {
            taken.extend(edits);
            applied += 1;
        }
    }
    taken.sort_by_key(|edit| edit.span.start);
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for edit in taken {
        out.push_str(&text[cursor..edit.span.start]);
        out.push_str(&edit.content);
        cursor = edit.span.end;
    }
    out.push_str(&text[cursor..]);
    (out, applied)
}

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

/// The fixed text of one file, checked: it still parses and the fixes converged.
#[derive(Clone, Debug, PartialEq)]
pub struct FileFix {
    pub file: FileId,
    pub fixed: String,
    pub applied: usize,
}

/// Fixes every file of `report`, re-linting after each pass until nothing more applies. A pass
/// whose result no longer parses is dropped, so a fix can never break a file.
#[must_use]
pub fn plan(linter: &crate::Linter, report: &crate::Report, unsafe_fixes: bool) -> Vec<FileFix> {
    const PASSES: usize = 8;
    let mut plans = Vec::new();
    for (file, source) in report.files.iter().enumerate() {
        let mut text = source.text.clone();
        let mut applied = 0;
        let mut findings: Vec<Finding> = report.findings.iter().filter(|f| f.file == file).cloned().collect();
        for _ in 0..PASSES {
            let (next, count) = apply(&text, file, &findings, unsafe_fixes);
            if count == 0 || next == text {
                break;
            }
            let again = linter.lint(vec![crate::Input {
                name: source.name.clone(),
                bytes: next.clone().into_bytes(),
                explicit: true,
            }]);
            if again.findings.iter().any(|finding| finding.code == crate::Code::F001) {
                break;
            }
            text = next;
            applied += count;
            // The re-lint holds one file, so its findings point at file 0.
            findings = again.findings.into_iter().map(|finding| retarget(finding, file)).collect();
        }
        if applied > 0 {
            plans.push(FileFix { file, fixed: text, applied });
        }
    }
    plans
}

fn retarget(mut finding: Finding, file: FileId) -> Finding {
    finding.file = file;
    if let Some(fix) = &mut finding.fix {
        for edit in &mut fix.edits {
            edit.file = file;
        }
    }
    finding
}
