//! P304 unsupported-feature: a provisioning feature the target does not support is enabled.

use super::Ctx;
use crate::finding::{FileId, Finding, Severity};
use crate::model::FeatureFlag;
use crate::ruleset::Code;
use crate::ruleset::target::FeatureInfo;

fn unsupported_feature(file: FileId, flag: &FeatureFlag, feature: &FeatureInfo, target: &str) -> Finding {
    let why = feature.effect.as_deref().map_or(String::new(), |effect| format!("{effect} "));
    let finding = if feature.reported {
        // A report, not documentation: said as such, and a warning rather than an error.
        let message = format!("{} is enabled, which {target}'s setup article reports does not work", feature.label);
        Finding::new(Code::P304, file, flag.span, message).label("reported not to work").severity(Severity::Warning)
    } else {
        let message = format!("{} is enabled, but {target} does not support it", feature.label);
        Finding::new(Code::P304, file, flag.span, message).label("unsupported")
    };
    finding.help(format!("{why}Turn {} off.", feature.label)).pointer(flag.pointer.clone())
}

pub fn check(ctx: &mut Ctx<'_>) {
    for (features, flag) in ctx.setup.stated() {
        if !flag.enabled {
            continue;
        }
        let Some(feature) = ctx.target.feature(&flag.key).filter(|feature| !feature.supported) else { continue };
        ctx.report(unsupported_feature(features.file, flag, feature, &ctx.target.title));
    }
}
