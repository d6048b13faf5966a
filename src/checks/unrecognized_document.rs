//! F002 unrecognized-document: valid JSON or YAML, but none of the documents scimlint reads.

use super::Ctx;
use crate::finding::{FileId, Finding};
use crate::model::Outcome;
use crate::model::{KNOWN_KINDS, NotOurs};
use crate::ruleset::Code;
use crate::source::Span;

fn unrecognized_document(file: FileId, at: Span, why: &NotOurs) -> Finding {
    match &why.is {
        // Known for what it is: say that, and what to do, not the list of every kind.
        Some(is) => Finding::new(Code::F002, file, at, format!("this is {is}, not a document scimlint reads"))
            .label("this document")
            .help(format!(
                "{}; scimlint reads Okta exports, Terraform and its manifest (`scimlint explain F002`)",
                why.reason
            )),
        None => Finding::new(Code::F002, file, at, "not a document scimlint reads")
            .label("this document")
            .help(format!("{}. scimlint reads {KNOWN_KINDS}", why.reason)),
    }
}

pub fn check(ctx: &mut Ctx<'_>) {
    for document in ctx.documents {
        let Outcome::Unrecognized { at, why } = &document.outcome else { continue };
        ctx.report(unrecognized_document(document.file, *at, why));
    }
}
