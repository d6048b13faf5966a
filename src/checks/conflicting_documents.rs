//! F012 conflicting-documents: two documents of one app state a provisioning feature differently;
//! the feature rules then trust neither (`Setup::flags` leaves a disputed feature out).

use super::Ctx;
use crate::finding::Finding;
use crate::model::{FeatureFlag, Features};
use crate::ruleset::Code;

fn conflicting_documents(first: (&Features, &FeatureFlag), again: (&Features, &FeatureFlag), label: &str) -> Finding {
    let state = |flag: &FeatureFlag| if flag.enabled { "on" } else { "off" };
    let ((first_file, first_flag), (file, flag)) = ((first.0.file, first.1), (again.0.file, again.1));
    Finding::new(
        Code::F012,
        file,
        flag.span,
        format!("{label} is {} here, but another document of the app says it is {}", state(flag), state(first_flag)),
    )
    .label(format!("{label} {}", state(flag)))
    .related(first_file, first_flag.span, format!("{label} {}", state(first_flag)))
    .help("keep one current export of the app's features and delete the stale one; until then scimlint does not judge this feature")
    .pointer(flag.pointer.clone())
}

pub fn check(ctx: &mut Ctx<'_>) {
    for (first, again) in ctx.setup.disagreements() {
        let label = ctx.target.feature(&again.1.key).map_or(again.1.key.as_str(), |feature| feature.label.as_str());
        ctx.report(conflicting_documents(first, again, label));
    }
}
