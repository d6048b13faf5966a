//! S401 secret-in-file: a credential in a linted file. It is named only by its first characters.

use super::Ctx;
use crate::finding::{FileId, Finding};
use crate::ruleset::Code;
use crate::source::Span;

fn secret_in_file(file: FileId, span: Span, shown: &str) -> Finding {
    Finding::new(Code::S401, file, span, format!("the file contains a credential (`{shown}`)"))
        .label("credential, redacted")
        .help("remove it from the file and revoke it: anyone who can read this file can use it; reference it instead (an environment variable such as `${OKTA_TOKEN}`, or your secret store)")
}

pub fn check(ctx: &mut Ctx<'_>) {
    let mut seen = Vec::new();
    for document in ctx.documents {
        if seen.contains(&document.file) {
            continue;
        }
        seen.push(document.file);
        let source = &ctx.files[document.file];
        for span in &source.secrets {
            let shown = crate::source::secrets::redacted(source.slice(*span));
            ctx.report(secret_in_file(document.file, *span, &shown));
        }
    }
}
