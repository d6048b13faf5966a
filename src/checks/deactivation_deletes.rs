//! P303 deactivation-deletes: Deactivate Users is on, and the target deletes deactivated accounts.

use super::Ctx;
use crate::finding::{FileId, Finding};
use crate::model::FeatureFlag;
use crate::ruleset::Code;

fn deactivation_deletes(file: FileId, flag: &FeatureFlag, label: &str, target: &str) -> Finding {
    Finding::new(Code::P303, file, flag.span, format!("{label} is on: {target} deletes the account of every deactivated or unassigned user"))
        .label("deletes accounts")
        .help(format!(
            "keep it on only if deleting is intended: reactivating the user in Okta creates a new {target} profile, without the old account's history"
        ))
        .pointer(flag.pointer.clone())
}

pub fn check(ctx: &mut Ctx<'_>) {
    for (features, flag) in ctx.setup.stated() {
        if !flag.enabled {
            continue;
        }
        let Some(feature) = ctx.target.feature(&flag.key).filter(|feature| feature.deletes_account) else { continue };
        ctx.report(deactivation_deletes(features.file, flag, &feature.label, &ctx.target.title));
    }
}
