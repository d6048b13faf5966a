//! F005 summary-only-export: the mapping list response, which holds no expressions to check.

use super::Ctx;
use crate::finding::{FileId, Finding};
use crate::model::Kind;
use crate::model::Outcome;
use crate::ruleset::Code;
use crate::source::Span;

fn summary_only_export(file: FileId, at: Span, count: usize) -> Finding {
    let what = if count == 1 { "1 mapping summary".to_owned() } else { format!("{count} mapping summaries") };
    Finding::new(
        Code::F005,
        file,
        at,
        format!("this is the mapping list ({what}): it has no `properties`, so nothing can be checked"),
    )
    .label("list of summaries")
    .help("export each mapping with `GET /api/v1/mappings/{id}`, using the `id` of the element, and lint those files")
}

pub fn check(ctx: &mut Ctx<'_>) {
    for document in ctx.documents {
        let Outcome::Recognized { kind: Kind::MappingList, shape, .. } = &document.outcome else { continue };
        let count = shape.items.unwrap_or(1);
        ctx.report(summary_only_export(document.file, Span::new(shape.span.start, shape.span.start + 1), count));
    }
}
