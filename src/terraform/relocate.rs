//! A plan's resources moved onto the configuration that produced it: each planned value keeps
//! what the plan resolved, and takes the place where the `.tf` block (or `.tfvars` line) wrote
//! it, so that a finding points at what the admin edits. A value the configuration does not
//! write (a default, what Okta computes) points at its resource's labels, and is never edited.

use super::types::{Evaluation, Resource};
use super::value::{Exactness, Kind, Location, Member, Origin, Place, Value};

/// Moves the resources of `plan` that `configuration` declares (by address) onto it. Resources
/// the configuration lacks keep their places in the plan.
#[must_use]
pub fn relocate(mut plan: Evaluation, configuration: &Evaluation) -> Evaluation {
    for planned in &mut plan.resources {
        let Some(configured) = configuration.resources.iter().find(|resource| resource.address == planned.address)
        else {
            continue;
        };
        let fallback = Origin {
            place: Place::File(Location { file: configured.file, span: configured.labels }),
            exactness: Exactness::Computed,
            via: None,
        };
        move_value(&mut planned.values, Some(&configured.values), &fallback);
        move_resource(planned, configured);
    }
    plan
}

fn move_resource(planned: &mut Resource, configured: &Resource) {
    planned.file = configured.file;
    planned.labels = configured.labels;
    planned.block = configured.block;
    planned.module_calls.clone_from(&configured.module_calls);
}

/// `planned` takes the origin of `configured`, when that was written in a file; its members and
/// items those of theirs.
fn move_value(planned: &mut Value, configured: Option<&Value>, fallback: &Origin) {
    let written = configured.filter(|value| value.origin.place.location().is_some());
    planned.origin = written.map_or_else(|| fallback.clone(), |value| value.origin.clone());
    // Inside a value written as a whole (a `jsonencode`, a variable's list), what the plan holds
    // is at that whole span.
    let inner =
        written.map_or(fallback.clone(), |value| Origin { exactness: Exactness::Computed, ..value.origin.clone() });
    match &mut planned.kind {
        Kind::Object(members) => move_members(members, configured.and_then(Value::members), &inner),
        Kind::List(items) | Kind::Set(items) => {
            let configured_items = configured.and_then(Value::items).unwrap_or_default();
            for (index, item) in items.iter_mut().enumerate() {
                let counterpart = counterpart(item, index, configured_items);
                move_value(item, counterpart, &inner);
            }
        }
        _ => {}
    }
}

fn move_members(members: &mut [Member], configured: Option<&[Member]>, fallback: &Origin) {
    for member in members {
        let counterpart = configured.and_then(|members| members.iter().rev().find(|other| other.key == member.key));
        let written = counterpart.filter(|other| other.key_origin.place.location().is_some());
        member.key_origin = written.map_or_else(|| fallback.clone(), |other| other.key_origin.clone());
        move_value(&mut member.value, counterpart.map(|other| &other.value), fallback);
    }
}

/// The configured item a planned one came from: a set of `mappings` blocks is reordered by the
/// plan, so items with an `id` are matched by it; others by position.
fn counterpart<'a>(item: &Value, index: usize, configured: &'a [Value]) -> Option<&'a Value> {
    match item.get("id").and_then(Value::as_str) {
        Some(id) => configured.iter().find(|other| other.get("id").and_then(Value::as_str) == Some(id)),
        None => configured.get(index),
    }
}
