//! X209 empty-expression: an expression that is empty, blank, or `null` outside an update body.

use super::Ctx;
use crate::finding::{FileId, Finding};
use crate::model::{Entry, EntryValue};
use crate::ruleset::Code;
use crate::source::Span;

fn empty_expression(file: FileId, entry: &Entry, span: Span, what: &str) -> Finding {
    Finding::new(Code::X209, file, span, format!("the expression of `{}` is {what}", entry.attribute))
        .label(format!("{what} expression"))
        .help("give it an expression, or remove the entry (in Okta: \"Do not map\") to leave the attribute unmapped")
        .pointer(format!("{}/expression", entry.pointer))
}

pub fn check(ctx: &mut Ctx<'_>) {
    for mapping in ctx.to_app_mappings() {
        for entry in &mapping.entries {
            let (span, what) = match &entry.value {
                EntryValue::Expression { text, span } if text.is_empty() => (*span, "empty"),
                EntryValue::Expression { text, span } if text.trim().is_empty() => (*span, "blank"),
                EntryValue::Expression { text, span }
                    if text.trim().eq_ignore_ascii_case("null") && !mapping.is_partial() =>
                {
                    (*span, "`null`")
                }
                // In an update body, `null` removes the mapping: that is what it is for.
                EntryValue::Remove(span) if !mapping.is_partial() => (*span, "`null`"),
                _ => continue,
            };
            ctx.report(empty_expression(entry.file, entry, span, what));
        }
    }
}
