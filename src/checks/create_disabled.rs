//! P305 create-disabled: Create Users is off while attributes are mapped.

use super::Ctx;
use crate::code::Code;
use crate::finding::{FileId, Finding};
use crate::model::FeatureFlag;

fn create_disabled(file: FileId, flag: &FeatureFlag, label: &str, target: &str) -> Finding {
    Finding::new(Code::P305, file, flag.span, format!("{label} is off, but attributes are mapped"))
        .label("creation disabled")
        .help(format!("people newly assigned to the app never get a {target} account; turn {label} on, or remove the mappings if that is intended"))
        .pointer(format!("/features/{}", flag.key))
}

pub fn check(ctx: &mut Ctx<'_>) {
    let Some(features) = &ctx.setup.features else { return };
    let Some(flag) = features.flag("create_users").filter(|flag| !flag.enabled) else { return };
    if ctx.to_app_mappings().any(|mapping| mapping.mapped().next().is_some()) {
        let label = ctx.target.feature(&flag.key).map_or("Create Users", |feature| feature.label.as_str());
        ctx.report(create_disabled(features.file, flag, label, &ctx.target.title));
    }
}
