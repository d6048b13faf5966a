//! Between scimlint's values and the protocol's: `file:` URIs and paths, byte offsets and LSP
//! positions (0-based lines, columns in UTF-16 code units, LSP's default encoding), findings and
//! diagnostics, fixes and workspace edits.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Position,
    Range, TextEdit, Uri, WorkspaceEdit,
};
use scimlint::finding::{Fix, Report};
use scimlint::{Finding, Severity, SourceFile};

/// The path of a `file:` URI, percent-decoded; `None` for another scheme (`untitled:`).
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file://host/share` is a UNC path elsewhere; here only the local form is taken.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |at: usize| bytes.get(at).and_then(|&byte| char::from(byte).to_digit(16));
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(high), Some(low)) => {
                decoded.push(u8::try_from(high * 16 + low).unwrap_or(b'?'));
                i += 3;
            }
            (byte, _, _) => {
                decoded.push(byte);
                i += 1;
            }
        }
    }
    let text = String::from_utf8(decoded).ok()?;
    // `/C:/x` on Windows is the path `C:/x`.
    let text = match text.as_bytes() {
        [b'/', drive, b':', ..] if drive.is_ascii_alphabetic() && cfg!(windows) => text[1..].to_owned(),
        _ => text,
    };
    Some(PathBuf::from(text))
}

/// The `file:` URI of an absolute path.
pub fn uri_of(path: &Path) -> Option<Uri> {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut uri = String::from(if text.starts_with('/') { "file://" } else { "file:///" });
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@:".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    Uri::from_str(&uri).ok()
}

/// The LSP position of byte `offset` of `file`.
pub fn position(file: &SourceFile, offset: usize) -> Position {
    let at = file.utf16_position(offset);
    let line = u32::try_from(at.line.saturating_sub(1)).unwrap_or(u32::MAX);
    let character = u32::try_from(at.column.saturating_sub(1)).unwrap_or(u32::MAX);
    Position { line, character }
}

pub fn range(file: &SourceFile, span: scimlint::source::Span) -> Range {
    Range { start: position(file, span.start), end: position(file, span.end) }
}

/// Whether two ranges share a position (an empty range touching another counts).
pub fn touches(a: Range, b: Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// An open document in the report of its lint: which of the report's files it is, and its URI.
#[derive(Clone, Copy)]
pub struct Shown<'a> {
    pub report: &'a Report,
    pub file: usize,
    pub uri: &'a Uri,
}

/// The URI a report's file is shown under: the document's own, else its path (server inputs
/// are named by absolute path).
fn file_uri(shown: Shown<'_>, file: usize) -> Uri {
    if file == shown.file {
        return shown.uri.clone();
    }
    let path = shown.report.files.get(file).map(|source| Path::new(&source.name));
    path.and_then(uri_of).unwrap_or_else(|| shown.uri.clone())
}

pub fn diagnostic(shown: Shown<'_>, finding: &Finding) -> Diagnostic {
    let report = shown.report;
    let file = &report.files[finding.file];
    let severity = match finding.severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    };
    let mut message = finding.message.clone();
    if let Some(help) = &finding.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    let related: Vec<DiagnosticRelatedInformation> = finding
        .related
        .iter()
        .filter_map(|label| {
            let other = report.files.get(label.file)?;
            let uri = file_uri(shown, label.file);
            Some(DiagnosticRelatedInformation {
                location: Location { uri, range: range(other, label.span) },
                message: label.text.clone(),
            })
        })
        .collect();
    Diagnostic {
        range: range(file, finding.span),
        severity: Some(severity),
        code: Some(NumberOrString::String(finding.code.as_str().to_owned())),
        code_description: report
            .rule_url(finding.code)
            .and_then(|url| Uri::from_str(&url).ok())
            .map(|href| CodeDescription { href }),
        source: Some("scimlint".to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// A fix's edits as a workspace edit, each file's edits under its URI.
// lsp-types keys `changes` by `Uri`, which caches parts of itself inside; its hash and equality
// are those of its text, which never changes.
#[allow(clippy::mutable_key_type)]
pub fn workspace_edit(shown: Shown<'_>, fix: &Fix) -> WorkspaceEdit {
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for edit in &fix.edits {
        let Some(file) = shown.report.files.get(edit.file) else { continue };
        let text_edit = TextEdit { range: range(file, edit.span), new_text: edit.content.clone() };
        changes.entry(file_uri(shown, edit.file)).or_default().push(text_edit);
    }
    WorkspaceEdit { changes: Some(changes), ..WorkspaceEdit::default() }
}

/// The range of a whole text, for an edit that replaces it.
pub fn whole(file: &SourceFile) -> Range {
    Range { start: Position { line: 0, character: 0 }, end: position(file, file.text.len()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_round_trip_through_paths() {
        let path = Path::new("/tmp/okta exports/häiilo#1.json");
        let uri = uri_of(path).unwrap_or_else(|| panic!("a URI"));
        assert_eq!(uri.as_str(), "file:///tmp/okta%20exports/h%C3%A4iilo%231.json");
        assert_eq!(path_of(&uri).as_deref(), Some(path));
        let untitled = Uri::from_str("untitled:Untitled-1").unwrap_or_else(|_| panic!("a URI"));
        assert_eq!(path_of(&untitled), None);
    }

    #[test]
    fn positions_count_utf16_units_from_zero() {
        let file = SourceFile::new("a.json", "{\n  \"😀\": 1, \"b\": 2\n}".into());
        let b = file.text.find("\"b\"").unwrap_or_default();
        assert_eq!(position(&file, b), Position { line: 1, character: 11 });
    }
}
