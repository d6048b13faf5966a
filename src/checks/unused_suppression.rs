//! F010 unused-suppression. Runs last: it applies the suppressions (comments in YAML and HCL
//! files, the config's `per_file_ignores` and `exceptions`) to what the other checks found, and
//! reports each suppression that suppressed nothing, so that stale ones do not pile up.

use std::sync::LazyLock;

use regex::Regex;

use super::Ctx;
use crate::code::Code;
use crate::finding::{FileId, Finding};
use crate::load::Syntax;
use crate::settings::Selector;
use crate::span::Span;

static COMMENT: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?:#|//)\s*scimlint:\s*(ignore|ignore-file)\[([^\]\n]*)\]").ok());

fn unused_suppression(file: FileId, span: Span, what: &str) -> Finding {
    Finding::new(Code::F010, file, span, format!("{what} suppresses nothing"))
        .label("unused")
        .help("the rule it names did not fire here; delete the suppression so that it cannot hide a future finding")
}

/// One `# scimlint: ignore[…]` comment.
struct Comment {
    file: FileId,
    span: Span,
    /// The line it covers besides the next one; `None` for `ignore-file`.
    line: Option<usize>,
    rules: Vec<Selector>,
    used: bool,
}

fn comments(ctx: &Ctx<'_>, file: FileId) -> Vec<Comment> {
    let Some(source) = ctx.files.get(file) else { return Vec::new() };
    // Compiling the pattern costs more than a one-file run; most files have no comment for it.
    if !source.text.contains("scimlint:") {
        return Vec::new();
    }
    let Some(pattern) = COMMENT.as_ref() else { return Vec::new() };
    pattern
        .captures_iter(&source.text)
        .filter_map(|captures| {
            let whole = captures.get(0)?;
            let span = Span::new(whole.start(), whole.end());
            let rules = captures.get(2)?.as_str().split(',').filter_map(|rule| Selector::parse(rule).ok()).collect();
            let line = (&captures[1] == "ignore").then(|| source.position(span.start).line);
            Some(Comment { file, span, line, rules, used: false })
        })
        .collect()
}

fn covers(comment: &Comment, finding: &Finding, line: usize) -> bool {
    comment.file == finding.file
        && comment.line.is_none_or(|at| line == at || line == at + 1)
        && comment.rules.iter().any(|rule| rule.matches(finding.code))
}

pub fn check(ctx: &mut Ctx<'_>) {
    let mut found: Vec<Comment> = Vec::new();
    let mut files: Vec<FileId> = Vec::new();
    for document in ctx.documents {
        if !files.contains(&document.file) {
            files.push(document.file);
            if matches!(document.syntax, Syntax::Yaml | Syntax::Hcl) {
                found.extend(comments(ctx, document.file));
            }
        }
    }
    let names: Vec<Option<String>> =
        files.iter().map(|file| ctx.settings.config_relative(&ctx.files[*file].name)).collect();
    let settings = ctx.settings;
    let mut exceptions_used = vec![false; settings.exceptions.len()];
    let sources = ctx.files;
    ctx.findings_mut().retain(|finding| {
        if finding.code == Code::F010 {
            return true;
        }
        let line = sources[finding.file].position(finding.span.start).line;
        if let Some(comment) = found.iter_mut().find(|comment| covers(comment, finding, line)) {
            comment.used = true;
            return false;
        }
        let relative = files.iter().position(|file| *file == finding.file).and_then(|at| names[at].as_deref());
        let Some(relative) = relative else { return true };
        if settings
            .per_file_ignores
            .iter()
            .any(|ignore| ignore.matcher.is_match(relative) && ignore.rules.iter().any(|r| r.matches(finding.code)))
        {
            return false;
        }
        let pointer = finding.pointer.as_deref().unwrap_or_default();
        for (index, exception) in settings.exceptions.iter().enumerate() {
            let at_or_below = pointer == exception.pointer || pointer.starts_with(&format!("{}/", exception.pointer));
            if exception.file.trim_start_matches("./") == relative
                && at_or_below
                && exception.rules.iter().any(|r| r.matches(finding.code))
            {
                exceptions_used[index] = true;
                return false;
            }
        }
        true
    });
    for comment in found.iter().filter(|comment| !comment.used) {
        ctx.report(unused_suppression(comment.file, comment.span, "this `scimlint: ignore` comment"));
    }
    let Some(config) = settings.config_file else { return };
    for (exception, used) in settings.exceptions.iter().zip(exceptions_used) {
        let linted = names.iter().flatten().any(|name| name == exception.file.trim_start_matches("./"));
        if linted && !used {
            ctx.report(unused_suppression(config, exception.span, "this exception"));
        }
    }
}
