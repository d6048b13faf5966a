//! V503 missing-value: users for whom a mapped attribute (or the username) evaluates to null or
//! the empty string. An error for the attributes the target requires, a note for the others.

use super::Ctx;
use super::user_values::{Place, user_list, users_count};
use crate::finding::{Finding, Severity};
use crate::ruleset::Code;
use crate::users::values::{AttributeTally, UserRef};

fn missing_value(
    place: Place,
    what: &str,
    tally: &AttributeTally,
    required: bool,
    target: &str,
    redact: bool,
) -> Finding {
    let count = tally.missing();
    let first: Vec<&UserRef> = tally.nulls.first.iter().chain(&tally.empties.first).take(3).collect();
    let message = format!("{what} has no value for {} ({})", users_count(count), user_list(&first, count, redact));
    let help = if required {
        format!(
            "{target} needs it for every user, and refuses a user without it: fill the Okta attribute it reads, or give a default with `?:`"
        )
    } else {
        format!(
            "{target} receives no value for these users; if they should have one, fill the Okta attribute it reads or give a default with `?:`"
        )
    };
    let mut finding = Finding::new(Code::V503, place.file, place.span, message)
        .label(format!("no value for {}", users_count(count)))
        .help(help)
        .pointer(place.pointer);
    if !required {
        finding.severity = Severity::Info;
    }
    finding
}

pub fn check(ctx: &mut Ctx<'_>) {
    let Some(values) = ctx.users else { return };
    let target = ctx.target.title.clone();
    for valued in &values.attributes {
        if valued.tally.missing() == 0 {
            continue;
        }
        let required = ctx.target.attribute(&valued.attribute).is_some_and(|attribute| attribute.required);
        let Some(place) = ctx.value_place(valued, None) else { continue };
        let what = format!("`{}`", valued.attribute);
        ctx.report(missing_value(place, &what, &valued.tally, required, &target, values.redact));
    }
    if let Some(username) = &values.username
        && username.tally.missing() > 0
    {
        let place = ctx.username_place(values, username);
        let what = format!("The username ({})", username.source.describe());
        let required = ctx.target.sign_on_attribute().is_none_or(|attribute| attribute.required);
        ctx.report(missing_value(place, &what, &username.tally, required, &target, values.redact));
    }
}
