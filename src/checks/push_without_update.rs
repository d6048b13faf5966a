//! P302 push-without-update: a mapping applies on "Create and update" while updates are off.

use super::Ctx;
use crate::finding::{FileId, Finding};
use crate::model::{Entry, FeatureFlag};
use crate::ruleset::Code;
use crate::ruleset::target::ApplyOn;
use crate::source::Span;

fn push_without_update(file: FileId, entry: &Entry, at: Span, flag: &FeatureFlag, features_file: FileId) -> Finding {
    Finding::new(
        Code::P302,
        file,
        at,
        format!("`{}` applies on \"Create and update\", but Update User Attributes is off", entry.attribute),
    )
    .label("never applied on update")
    .related(features_file, flag.span, "updates disabled here")
    .help("it only ever applies on create; turn Update User Attributes on, or set Apply on to \"Create\" to say what happens")
    .pointer(entry.pointer.clone())
}

pub fn check(ctx: &mut Ctx<'_>) {
    let Some((features, flag)) = ctx.setup.flags("update_user_attributes").find(|(_, flag)| !flag.enabled) else {
        return;
    };
    for mapping in ctx.to_app_mappings() {
        for entry in mapping.mapped() {
            let (Some(ApplyOn::CreateAndUpdate), Some(at)) = (entry.apply_on, entry.apply_on_span) else { continue };
            ctx.report(push_without_update(entry.file, entry, at, flag, features.file));
        }
    }
}
