//! V505 username-not-email: users whose username, as Okta would send it, is not an email
//! address, where the target's username must be one (`format: email`).

use super::Ctx;
use super::user_values::{Place, UsernameSource, user_name, users_count};
use crate::finding::Finding;
use crate::ruleset::Code;
use crate::users::values::NotEmailUsers;

fn not_email(place: Place, found: &NotEmailUsers, source: &UsernameSource, target: &str, redact: bool) -> Finding {
    let mut shown: Vec<String> = found
        .first
        .iter()
        .map(|(user, username)| match (redact, user.login.as_deref()) {
            (true, _) => user_name(user, true),
            (false, Some(login)) if login == username.as_ref() => format!("`{username}`"),
            (false, _) => format!("`{username}` ({})", user_name(user, false)),
        })
        .collect();
    let more = found.count.saturating_sub(shown.len() as u64);
    if more > 0 {
        shown.push(format!("{more} more"));
    }
    let message = format!(
        "The username is not an email address for {}: {} ({})",
        users_count(found.count),
        found.reason.reason(),
        shown.join(", ")
    );
    let help = match source {
        UsernameSource::Mapping => "change the `userName` mapping so that it gives an email address".to_owned(),
        UsernameSource::Template(_) => "choose an application username format that gives an email address (the app's Sign On > Settings: Okta username or Email)".to_owned(),
        UsernameSource::AppUsers | UsernameSource::Login => "Okta sends the login as the username: give these users an email-shaped login, or choose an email username format in the app's Sign On settings".to_owned(),
    };
    Finding::new(Code::V505, place.file, place.span, message)
        .label(format!("not an email for {}", users_count(found.count)))
        .help(format!("{target} requires `userName` to look like an email address and refuses these users; {help}"))
        .pointer(place.pointer)
}

pub fn check(ctx: &mut Ctx<'_>) {
    let Some(values) = ctx.users else { return };
    let Some(username) = &values.username else { return };
    let email = ctx.target.sign_on_attribute().is_some_and(|attribute| attribute.format.as_deref() == Some("email"));
    if !email {
        return;
    }
    for found in &username.not_email.0 {
        let place = ctx.username_place(values, username);
        let finding = not_email(place, found, &username.source, &ctx.target.title, values.redact);
        ctx.report(finding);
    }
}
