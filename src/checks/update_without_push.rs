//! P301 update-without-push: Update User Attributes is on, but no mapping applies on update.

use super::Ctx;
use crate::finding::{FileId, Finding};
use crate::model::{EntryValue, FeatureFlag, Kind};
use crate::ruleset::Code;
use crate::ruleset::target::ApplyOn;

fn update_without_push(file: FileId, flag: &FeatureFlag, label: &str, target: &str, terraform: bool) -> Finding {
    // Terraform that manages only its listed entries says nothing of the others; the provider's
    // default for `push_status` is the usual cause.
    let which =
        if terraform { "every mapping Terraform manages (push_status defaults to DONT_PUSH)" } else { "every mapping" };
    Finding::new(Code::P301, file, flag.span, format!("{label} is on, but {which} applies on create only"))
        .label("updates enabled here")
        .help(format!(
            "changes in Okta never reach {target}, yet each update re-sends the values from creation (overwriting edits made in {target}); set Apply on to \"Create and update\" for the attributes {target} should follow"
        ))
        .pointer(flag.pointer.clone())
}

pub fn check(ctx: &mut Ctx<'_>) {
    let Some((features, flag)) = ctx.setup.flags("update_user_attributes").find(|(_, flag)| flag.enabled) else {
        return;
    };
    // An update body says nothing of the entries it leaves out; Terraform says what it manages.
    let mut applied = ctx
        .to_app_mappings()
        .filter(|mapping| mapping.kind == Kind::Terraform || !mapping.is_partial())
        .flat_map(|mapping| mapping.mapped().map(move |entry| (mapping, entry)))
        .filter(|(_, entry)| !matches!(entry.value, EntryValue::SignOn(_)))
        .peekable();
    let Some(&(first, _)) = applied.peek() else { return };
    if applied.all(|(_, entry)| entry.apply_on == Some(ApplyOn::Create)) {
        let label = ctx.target.feature(&flag.key).map_or("Update User Attributes", |feature| feature.label.as_str());
        let terraform = first.kind == Kind::Terraform && first.is_partial();
        let mut finding = update_without_push(features.file, flag, label, &ctx.target.title, terraform);
        if first.file != features.file {
            finding = finding.related(first.file, first.anchor, "every mapping here applies on create only");
        }
        ctx.report(finding);
    }
}
