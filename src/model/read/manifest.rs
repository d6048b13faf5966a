//! The scimlint manifest: the Provisioning > To App page written down as YAML.

use super::Part;
use crate::model::AppEvidence;
use crate::model::Kind;
use crate::model::{ApplyOn, AttributeType};
use crate::model::{
    Entry, EntryValue, FeatureFlag, Features, Mapping, PushStatus, Setup, child_pointer, yaml_item_removal,
};
use crate::source::FileId;
use crate::source::tree::Node;

/// `value: sign-on` stands for "Configured in Sign On settings".
pub const SIGN_ON: &str = "sign-on";

pub fn read(file: FileId, text: &str, root: &Node) -> Part {
    let mut setup = Setup::default();
    if let Some(features) = root.member("features") {
        let flags = features
            .value
            .members()
            .unwrap_or_default()
            .iter()
            .filter_map(|member| {
                Some(FeatureFlag {
                    pointer: child_pointer("/features", &member.key),
                    key: member.key.clone(),
                    enabled: member.value.as_bool()?,
                    span: member.value.span,
                })
            })
            .collect();
        setup.features.push(Features { file, anchor: features.key_span, flags, change: false });
    }
    let Some(mappings) = root.member("mappings") else {
        return Part { app: None, setup, evidence: AppEvidence { file, ..AppEvidence::default() } };
    };
    let Some(items) = mappings.value.items() else {
        return Part { app: None, setup, evidence: AppEvidence { file, ..AppEvidence::default() } };
    };
    let entries = items
        .iter()
        .enumerate()
        .filter_map(|(index, item)| {
            let attribute = item.get("attribute")?;
            let name = attribute.as_str()?;
            let value = match item.get("value") {
                Some(node) if node.as_str() == Some(SIGN_ON) => EntryValue::SignOn(node.span),
                Some(node) => match node.as_str() {
                    Some(expression) => EntryValue::Expression { text: expression.to_owned(), span: node.span },
                    None => EntryValue::Invalid,
                },
                None => EntryValue::Invalid,
            };
            let apply_on_node = item.get("apply_on");
            let apply_on = match apply_on_node.and_then(Node::as_str) {
                None if apply_on_node.is_none() => Some(ApplyOn::Create),
                Some("create") => Some(ApplyOn::Create),
                Some("create_and_update") => Some(ApplyOn::CreateAndUpdate),
                _ => None,
            };
            let attribute_type = item.get("type").and_then(|node| match node.as_str()? {
                "personal" => Some((AttributeType::Personal, node.span)),
                "group" => Some((AttributeType::Group, node.span)),
                _ => None,
            });
            Some(Entry {
                file,
                attribute: name.to_owned(),
                attribute_span: attribute.span,
                attribute_text: crate::source::tree::unquoted(text, attribute.span),
                pointer: child_pointer("/mappings", &index.to_string()),
                value,
                push_status: PushStatus::Absent,
                apply_on,
                apply_on_span: apply_on_node.map(|node| node.span),
                attribute_type: attribute_type.map(Box::new),
                removal: yaml_item_removal(text, items, index),
                computed: false,
                via: None,
            })
        })
        .collect();
    setup.mappings.push(Mapping {
        file,
        kind: Kind::Manifest,
        pointer: String::new(),
        anchor: mappings.key_span,
        anchor_pointer: "/mappings".into(),
        direction: None,
        entries,
        partial: false,
        unknown_entries: 0,
        options: crate::model::MappingOptions::default(),
    });
    Part { app: None, setup, evidence: AppEvidence { file, ..AppEvidence::default() } }
}
