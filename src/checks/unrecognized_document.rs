//! F002 unrecognized-document: valid JSON or YAML, but none of the documents scimlint reads.

use super::Ctx;
use crate::finding::{FileId, Finding};
use crate::model::KNOWN_KINDS;
use crate::model::Outcome;
use crate::ruleset::Code;
use crate::source::Span;

fn unrecognized_document(file: FileId, at: Span, lacks: &str) -> Finding {
    Finding::new(Code::F002, file, at, "not a document scimlint reads")
        .label("this document")
        .help(format!("{lacks}. scimlint reads {KNOWN_KINDS}"))
}

pub fn check(ctx: &mut Ctx<'_>) {
    for document in ctx.documents {
        let Outcome::Unrecognized { at, lacks } = &document.outcome else { continue };
        ctx.report(unrecognized_document(document.file, *at, lacks));
    }
}
