//! V504 evaluation-error: a mapping expression that fails for some users (an error, as in
//! Okta), or that scimlint cannot evaluate for them (a note that says why, never a guess).

use super::Ctx;
use super::user_values::{Place, user_list, users_count};
use crate::finding::{Finding, Severity};
use crate::ruleset::Code;
use crate::source::Span;
use crate::users::values::{Reasons, UserRef};

/// The first reason, and the others among the first users when they differ.
fn reasons(reasons: &Reasons) -> (String, Vec<String>) {
    let mut distinct: Vec<String> = Vec::new();
    for (_, reason, _) in &reasons.first {
        let reason = reason.trim_end_matches('.').to_owned();
        if !distinct.contains(&reason) {
            distinct.push(reason);
        }
    }
    let first = if distinct.is_empty() { String::new() } else { distinct.remove(0) };
    (first, distinct)
}

fn evaluation(place: Place, what: &str, found: &Reasons, failing: bool, redact: bool) -> Finding {
    let first: Vec<&UserRef> = found.first.iter().map(|(user, _, _)| user).collect();
    let users = format!("{} ({})", users_count(found.count), user_list(&first, found.count, redact));
    let (reason, others) = reasons(found);
    let (message, label, mut help) = if failing {
        (
            format!("{what} fails to evaluate for {users}: {reason}"),
            format!("fails for {}", users_count(found.count)),
            "Okta cannot compute the value, and these users' provisioning fails: correct their values in Okta, or guard the expression (a condition, `?:`)".to_owned(),
        )
    } else {
        (
            format!("{what} cannot be evaluated for {users}: {reason}"),
            format!("unknown for {}", users_count(found.count)),
            "scimlint does not guess what Okta would compute: the value rules skip these users".to_owned(),
        )
    };
    if !others.is_empty() {
        help.push_str(&format!("; other users: {}", others.join("; ")));
    }
    let mut finding =
        Finding::new(Code::V504, place.file, place.span, message).label(label).help(help).pointer(place.pointer);
    if !failing {
        finding.severity = Severity::Info;
    }
    finding
}

pub fn check(ctx: &mut Ctx<'_>) {
    let Some(values) = ctx.users else { return };
    for valued in &values.attributes {
        let what = format!("`{}`", valued.attribute);
        for (found, failing) in [(&valued.tally.errors, true), (&valued.tally.unknown, false)] {
            if found.count == 0 {
                continue;
            }
            let inner: Option<Span> = found.first.first().map(|(_, _, span)| *span);
            let Some(place) = ctx.value_place(valued, inner) else { continue };
            ctx.report(evaluation(place, &what, found, failing, values.redact));
        }
    }
    if let Some(username) = &values.username {
        let what = format!("The username ({})", username.source.describe());
        for (found, failing) in [(&username.tally.errors, true), (&username.tally.unknown, false)] {
            if found.count > 0 {
                let place = ctx.username_place(values, username);
                ctx.report(evaluation(place, &what, found, failing, values.redact));
            }
        }
    }
}
