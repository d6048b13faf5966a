//! F002 unrecognized-document: valid JSON or YAML, but none of the documents scimlint reads.

use super::Ctx;
use crate::code::Code;
use crate::document::KNOWN_KINDS;
use crate::engine::Outcome;
use crate::finding::{FileId, Finding};
use crate::span::Span;

fn unrecognized_document(file: FileId, at: Span, lacks: &str) -> Finding {
    Finding::new(Code::F002, file, at, "not a document scimlint reads")
        .label("this document")
        .help(format!("{lacks}. scimlint reads {KNOWN_KINDS}"))
}

pub fn check(ctx: &mut Ctx<'_>) {
    for document in ctx.documents {
        let Outcome::Unrecognized { root, lacks } = &document.outcome else { continue };
        // The first character (or the first key) is enough to show which document is meant.
        let at = root
            .members()
            .and_then(|members| members.first())
            .map_or(Span::new(root.span.start, root.span.start + usize::from(!root.span.is_empty())), |member| {
                member.key_span
            });
        ctx.report(unrecognized_document(document.file, at, lacks));
    }
}
