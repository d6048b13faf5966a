//! F010 unused-suppression: a `# scimlint: ignore[…]` comment or a config `exceptions` entry that
//! suppressed nothing, so that stale ones do not pile up and hide a future finding. The pipeline
//! applies suppressions whatever rules are selected; this check only reports the unused ones.

use super::Ctx;
use crate::finding::{FileId, Finding};
use crate::ruleset::Code;
use crate::source::Span;

fn unused_suppression(file: FileId, span: Span, what: &str) -> Finding {
    Finding::new(Code::F010, file, span, format!("{what} suppresses nothing"))
        .label("unused")
        .help("the rule it names did not fire here; delete the suppression so that it cannot hide a future finding")
}

pub fn check(ctx: &mut Ctx<'_>) {
    for unused in ctx.unused {
        ctx.report(unused_suppression(unused.file, unused.span, unused.what));
    }
}
