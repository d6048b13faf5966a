//! Okta profile mappings (`GET /api/v1/mappings/{id}`, arrays of them, update bodies).

use super::{Part, real_id};
use crate::model::AppEvidence;
use crate::model::ApplyOn;
use crate::model::Kind;
use crate::model::{Direction, Entry, EntryValue, Mapping, PushStatus, Setup, child_pointer, json_member_removal};
use crate::source::FileId;
use crate::source::Span;
use crate::source::tree::unquoted;
use crate::source::tree::{Node, Value};

pub fn read(file: FileId, text: &str, node: &Node, pointer: &str, kind: Kind) -> Option<Part> {
    let properties = node.member("properties")?;
    let properties_pointer = child_pointer(pointer, "properties");
    // A `properties` that is not an object is F003's finding; there is nothing else to read.
    let members = properties.value.members()?;
    let entries = members
        .iter()
        .enumerate()
        .map(|(index, member)| {
            let entry_pointer = child_pointer(&properties_pointer, &member.key);
            let (value, push_status) = match &member.value.value {
                Value::Null => (EntryValue::Remove(member.value.span), PushStatus::Absent),
                Value::Object(_) => (expression(&member.value), push_status(&member.value)),
                _ => (EntryValue::Invalid, PushStatus::Absent),
            };
            let apply_on = match &push_status {
                PushStatus::Text(status, _) if status == "PUSH" => Some(ApplyOn::CreateAndUpdate),
                PushStatus::Text(status, _) if status == "DONT_PUSH" => Some(ApplyOn::Create),
                _ => None,
            };
            let apply_on_span = match &push_status {
                PushStatus::Text(_, span) | PushStatus::Null(span) | PushStatus::Invalid(span) => Some(*span),
                PushStatus::Absent => None,
            };
            Entry {
                file,
                attribute: member.key.clone(),
                attribute_span: member.key_span,
                attribute_text: unquoted(text, member.key_span),
                pointer: entry_pointer,
                value,
                push_status,
                apply_on,
                apply_on_span,
                attribute_type: None,
                removal: Some(json_member_removal(members, index)),
                computed: false,
                via: None,
            }
        })
        .collect::<Vec<Entry>>();
    let direction =
        match (node.get("source").and_then(|s| s.get("type")), node.get("target").and_then(|t| t.get("type"))) {
            (Some(source), Some(target)) => Some(Direction {
                inferred: false,
                source_type: source.as_str().unwrap_or_default().to_owned(),
                source_span: source.span,
                target_type: target.as_str().unwrap_or_default().to_owned(),
                target_span: target.span,
            }),
            _ => infer_direction(&entries),
        };
    let mapping = Mapping {
        file,
        kind,
        pointer: pointer.to_owned(),
        anchor: properties.key_span,
        anchor_pointer: properties_pointer,
        direction,
        entries,
        partial: kind == Kind::UpdateBody,
        unknown_entries: 0,
        options: crate::model::MappingOptions::default(),
    };
    let evidence = app_evidence(file, node);
    let setup = Setup { mappings: vec![mapping], ..Setup::default() };
    Some(Part { app: evidence.id.clone(), setup, evidence })
}

/// The endpoint that is the app (`type: appuser`), whichever side it is on.
fn app_evidence(file: FileId, node: &Node) -> AppEvidence {
    let endpoint = ["target", "source"]
        .iter()
        .filter_map(|side| node.get(side))
        .find(|endpoint| endpoint.get("type").and_then(Node::as_str) == Some("appuser"));
    let Some(endpoint) = endpoint else { return AppEvidence { file, ..AppEvidence::default() } };
    AppEvidence {
        file,
        id: endpoint.get("id").and_then(Node::as_str).and_then(real_id),
        name: super::located(endpoint, "name"),
        ..AppEvidence::default()
    }
}

fn expression(property: &Node) -> EntryValue {
    match property.get("expression") {
        Some(Node { value: Value::String(text), span }) => EntryValue::Expression { text: text.clone(), span: *span },
        Some(Node { value: Value::Null, span }) => EntryValue::Remove(*span),
        _ => EntryValue::Invalid,
    }
}

fn push_status(property: &Node) -> PushStatus {
    match property.get("pushStatus") {
        None => PushStatus::Absent,
        Some(Node { value: Value::Null, span }) => PushStatus::Null(*span),
        Some(Node { value: Value::String(status), span }) => PushStatus::Text(status.clone(), *span),
        Some(other) => PushStatus::Invalid(Span::new(other.span.start, other.span.end)),
    }
}

/// An update body carries no `source`/`target`; when every expression reads the app user
/// (`appuser.*`), it maps the app to Okta.
pub(super) fn infer_direction(entries: &[Entry]) -> Option<Direction> {
    let mut expressions = entries.iter().filter_map(|entry| match &entry.value {
        EntryValue::Expression { text, span } => Some((text.trim(), *span)),
        _ => None,
    });
    let (_, first) = expressions.clone().next()?;
    expressions.all(|(text, _)| text.starts_with("appuser.")).then(|| Direction {
        inferred: true,
        source_type: "appuser".into(),
        source_span: first,
        target_type: "user".into(),
        target_span: first,
    })
}
