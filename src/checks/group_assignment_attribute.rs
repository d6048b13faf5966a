//! P306 group-assignment-attribute: an attribute that assigns a group or creates teams is mapped,
//! and no list of existing groups is configured to check its values against.

use super::Ctx;
use crate::code::Code;
use crate::finding::{FileId, Finding};
use crate::model::Entry;
use crate::target::{Assigns, Attribute};

fn group_assignment_attribute(
    file: FileId,
    entry: &Entry,
    attribute: &Attribute,
    target: &str,
    config_key: &str,
) -> Finding {
    let (message, help) = match attribute.assigns {
        Some(Assigns::Group) => (
            format!("`{}` sets the user's {target} group", entry.attribute),
            format!(
                "each value must equal an existing {target} group name exactly, letter case included, or the user's sync fails{}; list your group names under `{config_key}` in scimlint.yaml so that scimlint can check them",
                attribute.values.as_ref().and_then(|values| values.error.as_deref()).map_or(String::new(), |error| format!(" with {error}"))
            ),
        ),
        _ => (
            format!("`{}` puts the user in a {target} team", entry.attribute),
            "every new value creates a new team (names compared case-insensitively); make sure the Okta values are consistent, so that variants such as \"NYC\" and \"New York\" do not become two teams".to_owned(),
        ),
    };
    Finding::new(Code::P306, file, entry.attribute_span, message)
        .label(if attribute.assigns == Some(Assigns::Group) { "assigns a group" } else { "creates teams" })
        .help(help)
        .pointer(entry.pointer.clone())
}

pub fn check(ctx: &mut Ctx<'_>) {
    if ctx.settings.groups.is_some() {
        return;
    }
    let config_key = ctx.target.groups_config_key.as_deref().unwrap_or("groups");
    for mapping in ctx.to_app_mappings() {
        for entry in mapping.mapped() {
            let Some(attribute) =
                ctx.target.attribute(&entry.attribute).filter(|attribute| attribute.assigns.is_some())
            else {
                continue;
            };
            ctx.report(group_assignment_attribute(mapping.file, entry, attribute, &ctx.target.title, config_key));
        }
    }
}
