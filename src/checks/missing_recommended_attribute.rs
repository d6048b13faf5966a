//! T105 missing-recommended-attribute: an attribute the target recommends is not mapped.

use std::borrow::Cow;

use super::{Ctx, ascii_folded};
use crate::finding::{FileId, Finding};
use crate::model::Mapping;
use crate::ruleset::Code;
use crate::ruleset::target::{Attribute, Target};
use crate::source::Span;

fn missing_recommended_attribute(file: FileId, mapping: &Mapping, attribute: &Attribute, target: &str) -> Finding {
    let title = attribute.title.as_deref().map_or(String::new(), |title| format!(" ({title})"));
    let source = attribute.okta_source.as_deref().map_or(String::new(), |source| format!(" from `{source}`"));
    Finding::new(Code::T105, file, mapping.anchor, format!("`{}`{title} is not mapped", attribute.name))
        .label(format!("no `{}` here", attribute.name))
        .help(format!("{target} recommends it: map `{}`{source}", attribute.name))
        .pointer(mapping.anchor_pointer.clone())
}

/// The recommended attributes a mapping covers: those it maps (letter case aside), and those a
/// misspelt name (`famlyName`, or an alias such as `lastName`) stands for, which is T101's
/// finding, whose did-you-mean names the attribute: one mistake, one finding. Found in one pass,
/// as an export may hold 100,000 entries, with a look-up among the few recommended names only.
struct Covered<'a> {
    /// The recommended attributes, by name in ASCII lower case, and whether each is covered.
    recommended: Vec<(Cow<'a, str>, &'a Attribute, bool)>,
}

impl<'a> Covered<'a> {
    fn of(ctx: &Ctx<'a>, mapping: &'a Mapping) -> Self {
        let target: &'a Target = ctx.target;
        let mut covered = Covered {
            recommended: target
                .attributes
                .iter()
                .filter(|attribute| attribute.recommended)
                .map(|attribute| (ascii_folded(&attribute.name), attribute, false))
                .collect(),
        };
        for entry in mapping.mapped() {
            let folded = ascii_folded(&entry.attribute);
            covered.cover(|(name, _, _)| *name == folded);
        }
        for entry in mapping.mapped() {
            if covered.recommended.iter().all(|(_, _, done)| *done) {
                break;
            }
            if target.attribute(&entry.attribute).is_none()
                && let Some((closest, _)) = target.closest_attribute(&entry.attribute)
            {
                covered.cover(|(_, attribute, _)| attribute.name == closest.name);
            }
        }
        covered
    }

    fn cover(&mut self, is: impl Fn(&(Cow<'a, str>, &'a Attribute, bool)) -> bool) {
        for recommended in &mut self.recommended {
            if is(recommended) {
                recommended.2 = true;
            }
        }
    }

    /// The recommended attributes it does not cover, in the target's order.
    fn missing(&self) -> Vec<&'a Attribute> {
        self.recommended.iter().filter(|(_, _, done)| !done).map(|(_, attribute, _)| *attribute).collect()
    }
}

/// Terraform with `delete_when_absent = true` makes the app's mapping exactly what it lists:
/// the apply removes what is mapped in Okta today. One finding names them all.
fn removed_on_apply(file: FileId, at: Span, missing: &[&Attribute], target: &str) -> Finding {
    let names: Vec<String> = missing.iter().map(|attribute| format!("`{}`", attribute.name)).collect();
    let them = if missing.len() == 1 { "it" } else { "them" };
    Finding::new(
        Code::T105,
        file,
        at,
        format!("`delete_when_absent = true` removes the mapping of {}, which {target} recommends", names.join(", ")),
    )
    .label("removes what it does not list")
    .help(format!(
        "the apply deletes every mapping this resource does not list, so {target} stops receiving {them}; add a `mappings` block for each, or set `delete_when_absent = false` to leave the others as they are in Okta"
    ))
}

pub fn check(ctx: &mut Ctx<'_>) {
    for mapping in ctx.to_app_mappings() {
        // An update body changes only what it names; an empty mapping is F008's alone; entries
        // Terraform could not evaluate may be the very attributes (F011).
        if mapping.is_partial() || mapping.entries.is_empty() || mapping.unknown_entries > 0 {
            continue;
        }
        let covered = Covered::of(ctx, mapping);
        if let Some(flag) = mapping.options.delete_when_absent.filter(|flag| flag.on) {
            let missing = covered.missing();
            if !missing.is_empty() {
                ctx.report(removed_on_apply(flag.file, flag.span, &missing, &ctx.target.title));
            }
            continue;
        }
        for attribute in covered.missing() {
            ctx.report(missing_recommended_attribute(mapping.file, mapping, attribute, &ctx.target.title));
        }
    }
}
