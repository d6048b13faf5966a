//! Applying fixes: edits by byte span, so that every byte outside them stays as it was.

use super::{FileId, Finding};
use crate::source::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Keeps the meaning of the setup; `--fix` applies it.
    Safe,
    /// Changes what is provisioned; only `--unsafe-fixes` applies it.
    Unsafe,
}

/// Replace the bytes of `span` in `file` by `content`.
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    pub file: FileId,
    pub span: Span,
    pub content: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Fix {
    pub applicability: Applicability,
    pub title: String,
    pub edits: Vec<Edit>,
}

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
