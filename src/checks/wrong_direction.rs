//! F006 wrong-direction: an App → Okta mapping, not the To App mapping that provisions the target.

use super::Ctx;
use crate::finding::Finding;
use crate::model::{Direction, Kind, Mapping};
use crate::ruleset::Code;

fn wrong_direction(mapping: &Mapping, direction: &Direction, target: &str) -> Finding {
    let finding = Finding::new(
        Code::F006,
        mapping.file,
        direction.source_span,
        "this mapping goes from the app to Okta, not from Okta to the app",
    );
    let finding = if direction.inferred {
        finding.label("every expression reads the app user (`appuser.*`)")
    } else {
        finding.label("source is the app user").related(mapping.file, direction.target_span, "target is the Okta user")
    };
    let help = if mapping.kind == Kind::Terraform {
        format!(
            "a mapping that provisions {target} has the Okta user as `source_id` (`data.okta_user_profile_mapping_source.user.id`) and the app as `target_id`, with `user.*` expressions; swap them, and write each expression over the Okta user"
        )
    } else {
        format!(
            "export the mapping whose source type is `user` and target type `appuser` (Provisioning > To App of the {target} app)"
        )
    };
    finding.help(help).pointer(if direction.inferred {
        mapping.anchor_pointer.clone()
    } else {
        format!("{}/source/type", mapping.pointer)
    })
}

pub fn check(ctx: &mut Ctx<'_>) {
    // Beside the app's To App mapping, its App to Okta mapping is the other half of the setup
    // (what `scimlint pull` exports), not a wrong export.
    if ctx.to_app_mappings().next().is_some() {
        return;
    }
    for mapping in &ctx.setup.mappings {
        let Some(direction) = &mapping.direction else { continue };
        if direction.is_to_okta() {
            ctx.report(wrong_direction(mapping, direction, &ctx.target.title));
        }
    }
}
