//! T104 duplicate-target-attribute: two entries map the same attribute (letter case ignored).

use foldhash::HashMapExt as _;
use std::borrow::Cow;

use super::{Ctx, folded};
use crate::finding::Finding;
use crate::model::Entry;
use crate::model::Kind;
use crate::ruleset::Code;

fn duplicate_target_attribute(first: &Entry, again: &Entry, misspelt: Option<&str>) -> Finding {
    let case = misspelt
        .map_or(String::new(), |name| format!("; `{}` is also not the attribute's name, `{name}`", again.attribute));
    Finding::new(Code::T104, again.file, again.attribute_span, format!("`{}` is mapped twice", again.attribute))
        .label("mapped again here")
        .related(first.file, first.attribute_span, "first mapped here")
        .help(format!("Okta keeps one value per attribute, so one of the two mappings is lost; keep the one you mean and delete the other{case}"))
        .pointer(again.pointer.clone())
}

pub fn check(ctx: &mut Ctx<'_>) {
    for mapping in ctx.to_app_mappings() {
        let mut seen: foldhash::HashMap<Cow<'_, str>, &Entry> = foldhash::HashMap::with_capacity(mapping.entries.len());
        for entry in mapping.mapped() {
            let folded = folded(&entry.attribute);
            match seen.get(folded.as_ref()) {
                // The same key twice in one JSON object is F004's finding already.
                Some(first) if mapping.kind != Kind::Manifest && first.attribute == entry.attribute => {}
                Some(first) => {
                    // T101 leaves this entry to T104: say here what it would have said.
                    let misspelt = ctx
                        .target
                        .attribute(&entry.attribute)
                        .is_none()
                        .then(|| ctx.target.closest_attribute(&entry.attribute))
                        .flatten()
                        .filter(|(_, case_only)| *case_only)
                        .map(|(attribute, _)| attribute.name.as_str());
                    ctx.report(duplicate_target_attribute(first, entry, misspelt));
                }
                None => {
                    seen.insert(folded, entry);
                }
            }
        }
    }
}
