//! V501 group-not-found: a value of the attribute that assigns the group (Haiilo `country`)
//! that some users would get and that names no existing group.

use super::Ctx;
use super::user_values::{Place, users_count, users_named};
use crate::expr::eval::iso3166;
use crate::finding::Finding;
use crate::ruleset::Code;
use crate::ruleset::target::{Assigns, Attribute};
use crate::users::shape::{Likeness, suggest_group};
use crate::users::values::Users;

/// How many group names the help lists when it suggests none.
const LISTED: usize = 10;

struct Group<'a> {
    attribute: &'a Attribute,
    groups: &'a [String],
    key: &'a str,
    target: &'a str,
}

fn group_not_found(place: Place, group: &Group<'_>, value: &str, users: &Users, redact: bool) -> Finding {
    let message = format!(
        "`{value}` is not a {} group, and {} would get it ({})",
        group.target,
        users_count(users.count),
        users_named(users, redact)
    );
    let mut help = Vec::new();
    // `de` is no code to Okta, but still says which country was meant.
    let code =
        if value.chars().all(|c| c.is_ascii_alphabetic()) { value.to_ascii_uppercase() } else { value.to_owned() };
    let country = iso3166::by_code(&code).map(|country| country.name);
    match suggest_group(value, group.groups, country) {
        Some((name, Likeness::Case)) => help.push(format!("did you mean `{name}`? The letter case must match")),
        Some((name, Likeness::Spelling)) => {
            help.push(format!("did you mean `{name}`? Spacing, punctuation and accents must match too"));
        }
        Some((name, Likeness::Edits(_))) => help.push(format!("did you mean `{name}`?")),
        Some((name, Likeness::CountryCode)) => help.push(format!(
            "did you mean `{name}`? `{value}` is the ISO code of {}; map an expression that gives the group name",
            country.unwrap_or(name)
        )),
        None if group.groups.is_empty() => help.push(format!("`{}` lists no names", group.key)),
        None => {
            let shown: Vec<&str> = group.groups.iter().take(LISTED).map(String::as_str).collect();
            let more = group.groups.len().saturating_sub(LISTED);
            let more = if more > 0 { format!(" and {more} more") } else { String::new() };
            help.push(format!("the names in `{}` are: {}{more}", group.key, shown.join(", ")));
        }
    }
    let error = group.attribute.values.as_ref().and_then(|values| values.error.as_deref());
    help.push(format!(
        "`{}` must equal an existing group's name exactly, or every sync of these users fails{}",
        group.attribute.name,
        error.map_or(String::new(), |error| format!(" with {error}"))
    ));
    Finding::new(Code::V501, place.file, place.span, message)
        .label(format!("`{value}` for {}", users_count(users.count)))
        .help(help.join("; "))
        .pointer(place.pointer)
}

pub fn check(ctx: &mut Ctx<'_>) {
    let Some(values) = ctx.users else { return };
    // Without the list of groups there is nothing to compare with; P306 asks for it.
    let Some(groups) = ctx.org.groups.as_deref() else { return };
    for valued in &values.attributes {
        let Some(attribute) = ctx.target.attribute(&valued.attribute) else { continue };
        if attribute.assigns != Some(Assigns::Group) {
            continue;
        }
        let case_sensitive = attribute.values.as_ref().is_none_or(|values| values.case_sensitive);
        let key = ctx.target.groups_config_key.as_deref().unwrap_or("groups");
        let group = Group { attribute, groups, key, target: &ctx.target.title };
        for (value, users) in valued.tally.distinct() {
            let known = groups
                .iter()
                .any(|name| if case_sensitive { name == value } else { name.to_lowercase() == value.to_lowercase() });
            if known {
                continue;
            }
            let Some(place) = ctx.value_place(valued, None) else { continue };
            let finding = group_not_found(place, &group, value, users, values.redact);
            ctx.report(finding);
        }
    }
}
