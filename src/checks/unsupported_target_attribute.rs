//! T101 unsupported-target-attribute: an attribute the target does not support is mapped.

use foldhash::HashMapExt as _;
use std::borrow::Cow;
use std::sync::Arc;

use super::{Ctx, ascii_folded};
use crate::finding::{Applicability, Edit, FileId, Finding};
use crate::model::Entry;
use crate::ruleset::Code;
use crate::ruleset::target::{Attribute, Target};

fn unsupported_target_attribute(
    file: FileId,
    entry: &Entry,
    target: &Target,
    closest: Option<(&Attribute, bool)>,
    taken: Option<&Entry>,
    supported: &Arc<str>,
) -> Finding {
    let finding = Finding::new(
        Code::T101,
        file,
        entry.attribute_span,
        format!("`{}` is not a {} attribute", entry.attribute, target.title),
    )
    .label(format!("not supported by {}", target.title))
    .pointer(entry.pointer.clone());
    let Some((attribute, case_only)) = closest else {
        return finding.help(Arc::clone(supported));
    };
    if let Some(mapped) = taken {
        // Renaming would map it twice, and Okta keeps only the last of two equal keys.
        return finding
            .help(format!(
                "did you mean `{}`? It is already mapped, so renaming would map it twice: remove this entry instead",
                attribute.name
            ))
            .related(file, mapped.attribute_span, "already mapped here");
    }
    let applicability = if case_only { Applicability::Safe } else { Applicability::Unsafe };
    finding.help(format!("did you mean `{}`?", attribute.name)).fix(
        applicability,
        format!("rename to `{}`", attribute.name),
        vec![Edit { file, span: entry.attribute_text, content: attribute.name.clone() }],
    )
}

pub fn check(ctx: &mut Ctx<'_>) {
    // Once per run: an export can have thousands of unsupported attributes.
    let names: Vec<&str> = ctx.target.attributes.iter().map(|attribute| attribute.name.as_str()).collect();
    let supported: Arc<str> = Arc::from(format!(
        "remove this mapping: {}'s setup guide says to remove every unsupported attribute, which can cause undesirable side effects. Supported: {}",
        ctx.target.title,
        names.join(", ")
    ));
    for mapping in ctx.to_app_mappings() {
        // The first two entries of each name in lower case: one pass, as an export may hold
        // 100,000 entries.
        let mut by_name: foldhash::HashMap<Cow<'_, str>, (&Entry, Option<&Entry>)> =
            foldhash::HashMap::with_capacity(mapping.entries.len());
        for entry in mapping.mapped() {
            by_name
                .entry(ascii_folded(&entry.attribute))
                .and_modify(|(_, second)| *second = second.or(Some(entry)))
                .or_insert((entry, None));
        }
        ctx.reserve(mapping.mapped().filter(|entry| ctx.target.attribute(&entry.attribute).is_none()).count());
        for entry in mapping.mapped() {
            if ctx.target.attribute(&entry.attribute).is_some() {
                continue;
            }
            // A second entry for an attribute mapped before (letter case aside) is one mistake,
            // T104's to report.
            let first = by_name.get(ascii_folded(&entry.attribute).as_ref()).map(|(first, _)| *first);
            if first.is_some_and(|first| !std::ptr::eq(first, entry)) {
                continue;
            }
            let closest = ctx.target.closest_attribute(&entry.attribute);
            let taken = closest.and_then(|(attribute, _)| {
                let &(first, second) = by_name.get(ascii_folded(&attribute.name).as_ref())?;
                if std::ptr::eq(first, entry) { second } else { Some(first) }
            });
            ctx.report(unsupported_target_attribute(entry.file, entry, ctx.target, closest, taken, &supported));
        }
    }
}
