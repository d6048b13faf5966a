//! V506 duplicate-username: a username, as Okta would send it, held by more than one user
//! (compared ignoring letter case, as SCIM compares `userName`).

use super::Ctx;
use super::user_values::{Place, user_list, users_count};
use crate::finding::Finding;
use crate::ruleset::Code;
use crate::users::values::{Duplicate, UserRef};

fn duplicate(place: Place, duplicate: &Duplicate, target: &str, redact: bool) -> Finding {
    let count = duplicate.holders;
    let first: Vec<&UserRef> = duplicate.first.iter().chain(&duplicate.others.first).take(3).collect();
    // The first holder is counted even when it could not be named.
    let users = user_list(&first, count, redact);
    let message = if redact {
        format!("A username is held by {} ({users})", users_count(count))
    } else {
        format!("The username `{}` is held by {} ({users})", duplicate.username, users_count(count))
    };
    Finding::new(Code::V506, place.file, place.span, message)
        .label(format!("shared by {}", users_count(count)))
        .help(format!(
            "{target} answers 409 Conflict to the second create, so only one of them is provisioned (usernames are compared ignoring letter case); give each user a distinct login, or a username format that keeps them apart"
        ))
        .pointer(place.pointer)
}

pub fn check(ctx: &mut Ctx<'_>) {
    let Some(values) = ctx.users else { return };
    let Some(username) = &values.username else { return };
    for found in username.usernames.duplicates() {
        let place = ctx.username_place(values, username);
        ctx.report(duplicate(place, found, &ctx.target.title, values.redact));
    }
}
