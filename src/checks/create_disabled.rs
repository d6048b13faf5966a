//! P305 create-disabled: Create Users is off while attributes are mapped.

use super::Ctx;
use crate::finding::{FileId, Finding};
use crate::model::FeatureFlag;
use crate::ruleset::Code;

fn create_disabled(file: FileId, flag: &FeatureFlag, label: &str, target: &str) -> Finding {
    Finding::new(Code::P305, file, flag.span, format!("{label} is off, but attributes are mapped"))
        .label("creation disabled")
        .help(format!("people newly assigned to the app never get a {target} account; turn {label} on, or remove the mappings if that is intended"))
        .pointer(flag.pointer.clone())
}

pub fn check(ctx: &mut Ctx<'_>) {
    let Some(mapping) = ctx.to_app_mappings().find(|mapping| mapping.mapped().next().is_some()) else { return };
    for (features, flag) in ctx.setup.flags("create_users").filter(|(_, flag)| !flag.enabled) {
        let label = ctx.target.feature(&flag.key).map_or("Create Users", |feature| feature.label.as_str());
        let mut finding = create_disabled(features.file, flag, label, &ctx.target.title);
        if mapping.file != features.file {
            finding = finding.related(mapping.file, mapping.anchor, "attributes mapped here");
        }
        ctx.report(finding);
    }
}
