//! `okta_profile_mapping`: its entries (static `mappings` blocks, `dynamic` ones, a plan's
//! array), its direction, `delete_when_absent` and `always_apply`, and the entries Terraform
//! evaluation could not know.

use super::{Parts, app_key, not_evaluated, place, span_in, verbatim, via};
use crate::model::{
    ApplyOn, Covers, Direction, Endpoint, Entry, EntryValue, Kind, Mapping, MappingFlag, MappingOptions, PushStatus,
};
use crate::source::tree::unquoted;
use crate::source::{FileId, Span};
use crate::terraform::{Kind as TfKind, Resource, Value};

/// The profile source of the Okta user: the side of a mapping that is Okta's.
const USER_SOURCE: &str = "okta_user_profile_mapping_source";

pub(super) fn endpoint(resource: &Resource, key: &'static str) -> Option<Endpoint> {
    let value = resource.values.get(key)?;
    let span = span_in(value, resource.file).unwrap_or(resource.labels);
    Some(Endpoint {
        key,
        literal: value.as_str().map(str::to_owned),
        reference: value.as_reference().map(|reference| reference.address.clone()),
        span,
    })
}

fn is_user_source(endpoint: Option<&Endpoint>) -> bool {
    endpoint.is_some_and(|endpoint| {
        let named = endpoint
            .reference
            .as_deref()
            .or_else(|| endpoint.literal.as_deref().and_then(crate::model::quoted_reference));
        named.is_some_and(|address| address.contains(USER_SOURCE))
    })
}

fn flag(resource: &Resource, key: &str) -> Option<MappingFlag> {
    let value = resource.values.get(key)?;
    let (file, span) = place(value).unwrap_or((resource.file, resource.labels));
    Some(MappingFlag { on: value.as_bool()?, file, span })
}

pub(super) fn read(resource: &Resource, texts: &super::Texts<'_>, parts: &mut Parts) {
    let file = resource.file;
    let base = format!("/resource/{}", resource.address);
    let endpoints: Vec<Endpoint> =
        ["source_id", "target_id"].into_iter().filter_map(|key| endpoint(resource, key)).collect();
    let source = endpoints.iter().find(|endpoint| endpoint.key == "source_id");
    let target = endpoints.iter().find(|endpoint| endpoint.key == "target_id");
    // The app is the side that is not the Okta user.
    let to_okta = is_user_source(target);
    let app =
        if to_okta { app_key(resource.values.get("source_id")) } else { app_key(resource.values.get("target_id")) };
    let mut unknown_entries = 0;
    let mut entries = Vec::new();
    let mut notes = Vec::new();
    for (index, block) in resource.values.blocks("mappings").into_iter().enumerate() {
        let entry_pointer = format!("{base}/mappings/{index}");
        match entry(block, file, texts, entry_pointer) {
            Ok(entry) => {
                // A known attribute with an unknown expression or push status: the entry is
                // mapped, and what is unknown of it is said.
                for key in ["expression", "push_status"] {
                    if let Some(value) = block.get(key) {
                        let fallback = (entry.file, entry.attribute_span);
                        notes.extend(not_evaluated(value, fallback, Covers::Entry));
                    }
                }
                entries.push(entry);
            }
            Err(note) => {
                unknown_entries += 1;
                notes.extend(note);
            }
        }
    }
    // Any other unknown that bears on the mapping (its endpoints, an entry's push status).
    for key in ["source_id", "target_id"] {
        if let Some(value) = resource.values.get(key) {
            notes.extend(not_evaluated(value, (file, resource.labels), Covers::Value));
        }
    }
    let direction = match (source, target) {
        (Some(source), Some(target)) if to_okta => Some(direction("appuser", source.span, "user", target.span)),
        (Some(source), Some(target)) if is_user_source(Some(source)) => {
            Some(direction("user", source.span, "appuser", target.span))
        }
        _ => super::super::okta_mapping::infer_direction(&entries),
    };
    let options = MappingOptions {
        delete_when_absent: flag(resource, "delete_when_absent"),
        always_apply: flag(resource, "always_apply"),
        endpoints,
    };
    let mapping = Mapping {
        file,
        kind: Kind::Terraform,
        pointer: base.clone(),
        anchor: resource.labels,
        anchor_pointer: base,
        direction,
        entries,
        // Without `delete_when_absent`, Terraform manages only the entries it lists.
        partial: !options.delete_when_absent.is_some_and(|flag| flag.on),
        unknown_entries,
        options,
    };
    let app_side = if to_okta { "source_id" } else { "target_id" };
    let at = mapping.options.endpoints.iter().find(|endpoint| endpoint.key == app_side).map(|endpoint| endpoint.span);
    let (setup, _) = parts.referred(file, app, at);
    setup.mappings.push(mapping);
    setup.not_evaluated.extend(notes);
}

fn direction(source_type: &str, source_span: Span, target_type: &str, target_span: Span) -> Direction {
    Direction {
        inferred: false,
        source_type: source_type.into(),
        source_span,
        target_type: target_type.into(),
        target_span,
    }
}

/// One `mappings` entry, or why it is not known.
fn entry(
    block: &Value,
    resource_file: FileId,
    texts: &super::Texts<'_>,
    pointer: String,
) -> Result<Entry, Option<crate::model::NotEvaluated>> {
    if block.as_unknown().is_some() {
        return Err(not_evaluated(block, place(block).unwrap_or((resource_file, Span::default())), Covers::Entries));
    }
    let Some(id) = block.get("id") else { return Err(None) };
    if id.as_unknown().is_some() {
        return Err(not_evaluated(id, place(block).unwrap_or((resource_file, Span::default())), Covers::Entry));
    }
    let attribute = id.as_str().ok_or(None)?.to_owned();
    // An entry's spans index the file its `id` was written in: the `.tf` block or a `.tfvars` line.
    let (file, id_span) = place(id).unwrap_or((resource_file, Span::default()));
    let text = texts(file).unwrap_or_default();
    let attribute_text = if verbatim(id) && !text.is_empty() { unquoted(text, id_span) } else { id_span };
    let mut computed = false;
    let value = match block.get("expression") {
        Some(expression) => match (&expression.kind, span_in(expression, file)) {
            (TfKind::String(text), Some(span)) => {
                computed = !verbatim(expression);
                EntryValue::Expression { text: text.clone(), span }
            }
            (TfKind::String(text), None) => {
                computed = true;
                EntryValue::Expression { text: text.clone(), span: id_span }
            }
            _ => EntryValue::Invalid,
        },
        None => EntryValue::Invalid,
    };
    let push_status = match block.get("push_status") {
        Some(status) => match (status.as_str(), span_in(status, file)) {
            (Some(text), Some(span)) => PushStatus::Text(text.to_owned(), span),
            (Some(text), None) => PushStatus::Text(text.to_owned(), id_span),
            (None, span) if status.as_unknown().is_none() => PushStatus::Invalid(span.unwrap_or(id_span)),
            _ => PushStatus::Absent,
        },
        None => PushStatus::Absent,
    };
    let unknown_status = block.get("push_status").is_some_and(|status| status.as_unknown().is_some());
    // The provider sends DONT_PUSH when `push_status` is left out.
    let apply_on = match &push_status {
        PushStatus::Absent if unknown_status => None,
        PushStatus::Absent => Some(ApplyOn::Create),
        PushStatus::Text(status, _) if status == "DONT_PUSH" => Some(ApplyOn::Create),
        PushStatus::Text(status, _) if status == "PUSH" => Some(ApplyOn::CreateAndUpdate),
        _ => None,
    };
    let apply_on_span = match &push_status {
        PushStatus::Text(_, span) | PushStatus::Invalid(span) | PushStatus::Null(span) => Some(*span),
        PushStatus::Absent => None,
    };
    // A block written as such in this file can be removed whole; a generated one cannot.
    let removal = (verbatim(block) && block.origin.via.is_none() && !text.is_empty())
        .then(|| span_in(block, file).map(|span| whole_lines(text, span)))
        .flatten();
    Ok(Entry {
        file,
        attribute,
        attribute_span: id_span,
        attribute_text,
        pointer,
        value,
        push_status,
        apply_on,
        apply_on_span,
        attribute_type: None,
        removal,
        computed,
        via: via(id).or_else(|| via(block)).map(Box::new),
    })
}

/// From the start of the line of `span` to the end of its last line, so that removing it leaves
/// no blank line behind.
fn whole_lines(text: &str, span: Span) -> Span {
    let start = text.get(..span.start).and_then(|before| before.rfind('\n')).map_or(0, |at| at + 1);
    let end = text.get(span.end..).and_then(|after| after.find('\n')).map_or(text.len(), |at| span.end + at + 1);
    let start = if text.get(start..span.start).is_some_and(|gap| gap.trim().is_empty()) { start } else { span.start };
    Span::new(start, end)
}
