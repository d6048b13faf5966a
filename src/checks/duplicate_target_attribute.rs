//! T104 duplicate-target-attribute: two entries map the same attribute (letter case ignored).

use std::collections::HashMap;

use super::Ctx;
use crate::finding::{FileId, Finding};
use crate::model::Entry;
use crate::model::Kind;
use crate::ruleset::Code;

fn duplicate_target_attribute(file: FileId, first: &Entry, again: &Entry) -> Finding {
    Finding::new(Code::T104, file, again.attribute_span, format!("`{}` is mapped twice", again.attribute))
        .label("mapped again here")
        .related(file, first.attribute_span, "first mapped here")
        .help("Okta keeps one value per attribute, so one of the two mappings is lost; keep the one you mean and delete the other")
        .pointer(again.pointer.clone())
}

pub fn check(ctx: &mut Ctx<'_>) {
    for mapping in ctx.to_app_mappings() {
        let mut seen: HashMap<String, &Entry> = HashMap::new();
        for entry in mapping.mapped() {
            let folded = entry.attribute.to_lowercase();
            match seen.get(&folded) {
                // The same key twice in one JSON object is F004's finding already.
                Some(first) if mapping.kind != Kind::Manifest && first.attribute == entry.attribute => {}
                Some(first) => ctx.report(duplicate_target_attribute(mapping.file, first, entry)),
                None => {
                    seen.insert(folded, entry);
                }
            }
        }
    }
}
