//! F007 invalid-push-status: `pushStatus` is neither `PUSH` nor `DONT_PUSH`.

use super::Ctx;
use crate::finding::{Applicability, Edit, FileId, Finding};
use crate::model::{Entry, PushStatus};
use crate::ruleset::Code;
use crate::source::Span;
use crate::source::tree::unquoted;

const VALID: [&str; 2] = ["PUSH", "DONT_PUSH"];

fn invalid_push_status(file: FileId, entry: &Entry, span: Span, shown: &str) -> Finding {
    Finding::new(Code::F007, file, span, format!("`{shown}` is not a push status of `{}`", entry.attribute))
        .label("not PUSH or DONT_PUSH")
        .help("use `PUSH` (Apply on \"Create and update\") or `DONT_PUSH` (Apply on \"Create\")")
        .pointer(format!("{}/pushStatus", entry.pointer))
}

pub fn check(ctx: &mut Ctx<'_>) {
    for mapping in &ctx.setup.mappings {
        for entry in &mapping.entries {
            match &entry.push_status {
                PushStatus::Text(status, span) if !VALID.contains(&status.as_str()) => {
                    let finding = invalid_push_status(entry.file, entry, *span, status);
                    let fix = VALID.iter().find(|valid| valid.eq_ignore_ascii_case(status)).map(|valid| {
                        let edit = Edit {
                            file: entry.file,
                            span: unquoted(ctx.text(entry.file), *span),
                            content: (*valid).to_owned(),
                        };
                        (format!("change to `{valid}`"), edit)
                    });
                    ctx.report(match fix {
                        Some((title, edit)) => finding.fix(Applicability::Safe, title, vec![edit]),
                        None => finding,
                    });
                }
                PushStatus::Null(span) if !mapping.is_partial() => {
                    ctx.report(
                        invalid_push_status(entry.file, entry, *span, "null")
                            .help("`null` removes a mapping only in an update body (POST); in an export, use `PUSH` or `DONT_PUSH`"),
                    );
                }
                _ => {}
            }
        }
    }
}
