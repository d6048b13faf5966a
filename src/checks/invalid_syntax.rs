//! F001 invalid-syntax: the file is not valid JSON or YAML (or not text at all).

use super::Ctx;
use crate::model::{Document, Outcome};
use crate::ruleset::Code;
use crate::source::{Syntax, SyntaxError};

/// The shell's way to put a `'` into a single-quoted `curl -d '…'` body: copied with the body,
/// it makes the JSON invalid.
const SHELL_QUOTE: &str = "'\\''";

fn invalid_syntax(document: &Document, error: &SyntaxError, text: &str) -> crate::finding::Finding {
    if document.syntax == Syntax::Json && text.contains(SHELL_QUOTE) {
        let at = text.find(SHELL_QUOTE).unwrap_or(error.span.start);
        return crate::finding::Finding::new(
            Code::F001,
            document.file,
            crate::source::Span::new(at, at + SHELL_QUOTE.len()),
            format!("invalid JSON: {}", error.reason),
        )
        .label("shell quoting")
        .help("this looks copied from a curl example: `'\\''` is how a shell writes `'` inside a single-quoted body; write `'` instead");
    }
    let help = match document.syntax {
        Syntax::Json => {
            "JSON exports must be strict JSON: double-quoted strings, no comments, no trailing commas; re-export the file or fix it at this place"
        }
        Syntax::Hcl => "fix the HCL at this place; `terraform validate` reports the same mistake",
        Syntax::Yaml => {
            "fix the YAML at this place: check the indentation of the lines around it and quote values that contain `: ` or start with a special character"
        }
    };
    crate::finding::Finding::new(
        Code::F001,
        document.file,
        error.span,
        format!("invalid {}: {}", document.syntax.name(), error.reason),
    )
    .label("here")
    .help(help)
}

pub fn check(ctx: &mut Ctx<'_>) {
    for document in ctx.documents {
        if let Outcome::Unreadable(error) = &document.outcome {
            ctx.report(invalid_syntax(document, error, ctx.text(document.file)));
        }
    }
}
