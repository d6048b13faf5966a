//! F001 invalid-syntax: the file is not valid JSON or YAML (or not text at all).

use super::Ctx;
use crate::model::{Document, Outcome};
use crate::ruleset::Code;
use crate::source::{Syntax, SyntaxError};

fn invalid_syntax(document: &Document, error: &SyntaxError) -> crate::finding::Finding {
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
            ctx.report(invalid_syntax(document, error));
        }
    }
}
