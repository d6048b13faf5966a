//! F008 empty-mapping: a mapping document that maps no attribute at all.

use super::Ctx;
use crate::finding::{FileId, Finding};
use crate::model::Kind;
use crate::model::Outcome;
use crate::ruleset::Code;
use crate::source::Span;

fn empty_mapping(file: FileId, at: Span, pointer: &str, target: &str) -> Finding {
    Finding::new(Code::F008, file, at, "this mapping maps no attribute")
        .label("empty")
        .help(format!(
            "an empty export is usually a failed or filtered export; export the {target} app's To App mapping again"
        ))
        .pointer(pointer)
}

pub fn check(ctx: &mut Ctx<'_>) {
    for document in ctx.documents {
        if let Outcome::Recognized { kind: Kind::MappingArray, shape, .. } = &document.outcome
            && shape.items == Some(0)
        {
            ctx.report(empty_mapping(document.file, shape.span, "", &ctx.target.title));
        }
    }
    for mapping in &ctx.setup.mappings {
        // Entries Terraform could not evaluate are F011's: the mapping is unknown, not empty.
        if mapping.entries.is_empty() && mapping.unknown_entries == 0 {
            ctx.report(empty_mapping(mapping.file, mapping.anchor, &mapping.anchor_pointer, &ctx.target.title));
        }
    }
}
