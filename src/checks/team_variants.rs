//! V502 team-variants: values of an attribute that puts users in teams (Haiilo `locality`,
//! `region`) that the target would make into separate teams though they mean one.

use std::collections::HashMap;

use super::Ctx;
use super::user_values::{Place, user_list, users_count};
use crate::finding::Finding;
use crate::ruleset::Code;
use crate::ruleset::target::{Assigns, Compare};
use crate::users::teams::{Team, VariantGroup, team_variants};
use crate::users::values::{UserRef, Users};

/// `Berlin` (4 users, also written `BERLIN`).
fn team_text(team: &Team) -> String {
    let mut spellings = team.spellings.iter().map(|(text, _)| format!("`{text}`"));
    let first = spellings.next().unwrap_or_default();
    let others: Vec<String> = spellings.collect();
    let also = if others.is_empty() { String::new() } else { format!(", also written {}", others.join(", ")) };
    format!("{first} ({}{also})", users_count(team.users))
}

fn variants(
    place: Place,
    attribute: &str,
    target: &str,
    group: &VariantGroup,
    users: &HashMap<&str, &Users>,
    redact: bool,
) -> Finding {
    let teams: Vec<String> = group.teams.iter().map(team_text).collect();
    let (last, rest) = teams.split_last().map_or((String::new(), &[][..]), |(last, rest)| (last.clone(), rest));
    let listed = if rest.is_empty() { last } else { format!("{} and {last}", rest.join(", ")) };
    let message = format!("`{attribute}` would make {} {target} teams of one: {listed}", group.teams.len());
    let mut help = vec![format!(
        "{target} compares team names ignoring letter case only; spacing, punctuation, accents and a changed letter make another team. Use one spelling in Okta{}",
        group
            .teams
            .first()
            .and_then(|team| team.spellings.first())
            .map_or(String::new(), |(text, _)| format!(", e.g. `{text}`"))
    )];
    // Whom to correct: the users of the smaller teams.
    for team in group.teams.iter().skip(1) {
        let first: Vec<&UserRef> = team
            .spellings
            .iter()
            .filter_map(|(text, _)| users.get(text.as_str()))
            .flat_map(|u| u.first.iter())
            .take(3)
            .collect();
        let name = team.spellings.first().map_or("", |(text, _)| text.as_str());
        help.push(format!("`{name}`: {}", user_list(&first, team.users, redact)));
    }
    Finding::new(Code::V502, place.file, place.span, message)
        .label(format!("{} teams that mean one", group.teams.len()))
        .help(help.join("; "))
        .pointer(place.pointer)
}

pub fn check(ctx: &mut Ctx<'_>) {
    let Some(values) = ctx.users else { return };
    for valued in &values.attributes {
        let Some(attribute) = ctx.target.attribute(&valued.attribute) else { continue };
        if attribute.assigns != Some(Assigns::Team) {
            continue;
        }
        let distinct = valued.tally.distinct();
        let users: HashMap<&str, &Users> = distinct.iter().map(|(value, users)| (*value, *users)).collect();
        let case_blind = attribute.compare == Compare::CaseInsensitive;
        let groups = team_variants(distinct.iter().map(|(value, users)| (*value, users.count)), case_blind);
        for group in &groups {
            let Some(place) = ctx.value_place(valued, None) else { continue };
            let finding = variants(place, &valued.attribute, &ctx.target.title, group, &users, values.redact);
            ctx.report(finding);
        }
    }
}
