//! P304 unsupported-feature: a provisioning feature the target does not support is enabled.

use super::Ctx;
use crate::finding::{FileId, Finding};
use crate::model::FeatureFlag;
use crate::ruleset::Code;
use crate::ruleset::target::FeatureInfo;

fn unsupported_feature(file: FileId, flag: &FeatureFlag, feature: &FeatureInfo, target: &str) -> Finding {
    let why = feature.effect.as_deref().map_or(String::new(), |effect| format!("{effect} "));
    Finding::new(Code::P304, file, flag.span, format!("{} is enabled, but {target} does not support it", feature.label))
        .label("unsupported")
        .help(format!("{why}Turn {} off.", feature.label))
        .pointer(flag.pointer.clone())
}

pub fn check(ctx: &mut Ctx<'_>) {
    for (features, flag) in ctx.setup.features.iter().flat_map(|f| f.flags.iter().map(move |flag| (f, flag))) {
        if !flag.enabled {
            continue;
        }
        let Some(feature) = ctx.target.feature(&flag.key).filter(|feature| !feature.supported) else { continue };
        ctx.report(unsupported_feature(features.file, flag, feature, &ctx.target.title));
    }
}
