//! Terraform resources of the okta provider, read into the same model as the API exports.

use std::collections::BTreeMap;

use super::Part;
use crate::model::AppEvidence;
use crate::model::ApplyOn;
use crate::model::Kind;
use crate::model::{
    AppSchema, Direction, Entry, EntryValue, Features, Located, Mapping, PushStatus, SchemaProperty, Setup,
};
use crate::source::FileId;
use crate::source::Span;
use crate::source::hcl::LABELS;
use crate::source::tree::unquoted;
use crate::source::tree::{Member, Node, Value};

/// A resource block: its type, its name, and the block itself.
struct Resource<'a> {
    kind: &'a str,
    name: &'a str,
    block: &'a Member,
}

impl Resource<'_> {
    fn pointer(&self) -> String {
        format!("/resource/{}.{}", self.kind, self.name)
    }

    fn get(&self, key: &str) -> Option<&Node> {
        self.block.value.get(key)
    }

    /// The app the resource belongs to: a literal id or the reference as written.
    fn app(&self, key: &str) -> Option<String> {
        match &self.get(key)?.value {
            Value::String(text) => super::real_id(text),
            Value::Reference(text) => Some(text.trim_end_matches(".id").to_owned()),
            _ => None,
        }
    }

    /// The resource's labels, where a finding about a default (nothing written) points.
    fn labels_span(&self) -> Span {
        self.get(LABELS).map_or(self.block.key_span, |labels| labels.span)
    }
}

fn resources(root: &Node) -> Vec<Resource<'_>> {
    root.members()
        .unwrap_or_default()
        .iter()
        .filter(|member| member.key == "resource")
        .filter_map(|block| {
            let labels = block.value.get(LABELS)?.items()?;
            Some(Resource { kind: labels.first()?.as_str()?, name: labels.get(1)?.as_str()?, block })
        })
        .collect()
}

pub fn read(file: FileId, text: &str, root: &Node) -> Vec<Part> {
    let mut by_app: BTreeMap<Option<String>, Setup> = BTreeMap::new();
    // Where each app is first named, for the evidence of which app it is.
    let mut named_at: BTreeMap<Option<String>, Span> = BTreeMap::new();
    for resource in resources(root) {
        match resource.kind {
            "okta_profile_mapping" => {
                let target = resource.app("target_id").filter(|app| !app.contains("okta_user_profile_mapping_source"));
                let key = if target.is_some() { "target_id" } else { "source_id" };
                let app = target.or_else(|| resource.app("source_id"));
                if let Some(node) = resource.get(key) {
                    named_at.entry(app.clone()).or_insert(node.span);
                }
                by_app.entry(app).or_default().mappings.push(mapping(file, text, &resource));
            }
            "okta_app_features" => {
                if let Some(node) = resource.get("app_id") {
                    named_at.entry(resource.app("app_id")).or_insert(node.span);
                }
                by_app.entry(resource.app("app_id")).or_default().features.push(features(file, &resource));
            }
            "okta_app_user_schema_property" | "okta_app_user_base_schema_property" => {
                if let Some(node) = resource.get("app_id") {
                    named_at.entry(resource.app("app_id")).or_insert(node.span);
                }
                let schemas = &mut by_app.entry(resource.app("app_id")).or_default().schemas;
                let property = schema_property(&resource);
                match schemas.first_mut() {
                    Some(schema) => schema.properties.extend(property),
                    None => schemas.push(AppSchema { file, properties: property.into_iter().collect() }),
                }
            }
            _ => {}
        }
    }
    by_app
        .into_iter()
        .map(|(app, setup)| {
            let span = named_at.get(&app).copied().unwrap_or_default();
            let evidence = evidence(file, app.as_deref(), &setup, span);
            Part { app, setup, evidence }
        })
        .collect()
}

/// The app of resources that name it: a literal id, or the address of the app's resource.
fn evidence(file: FileId, app: Option<&str>, setup: &Setup, span: Span) -> AppEvidence {
    let literal = app.filter(|app| !app.contains('.'));
    let resource = app.filter(|app| app.contains('.')).map(|text| Located { text: text.to_owned(), span });
    AppEvidence {
        file,
        id: literal.map(str::to_owned),
        resource,
        provisioning: !setup.features.is_empty(),
        ..AppEvidence::default()
    }
}

fn string(node: &Node) -> Option<Located> {
    Some(Located { text: node.as_str()?.to_owned(), span: node.span })
}

fn mapping(file: FileId, text: &str, resource: &Resource<'_>) -> Mapping {
    let pointer = resource.pointer();
    let blocks: Vec<&Member> =
        resource.block.value.members().unwrap_or_default().iter().filter(|m| m.key == "mappings").collect();
    let entries: Vec<Entry> = blocks
        .iter()
        .enumerate()
        .filter_map(|(index, block)| {
            let id = block.value.get("id")?;
            let attribute = id.as_str()?;
            let value = match block.value.get("expression") {
                Some(node) => match node.as_str() {
                    Some(expression) => EntryValue::Expression { text: expression.to_owned(), span: node.span },
                    None => EntryValue::Invalid,
                },
                None => EntryValue::Invalid,
            };
            // The provider sends DONT_PUSH when `push_status` is left out.
            let push_status = match block.value.get("push_status") {
                Some(node) => match node.as_str() {
                    Some(status) => PushStatus::Text(status.to_owned(), node.span),
                    None => PushStatus::Invalid(node.span),
                },
                None => PushStatus::Absent,
            };
            let apply_on = match &push_status {
                PushStatus::Absent => Some(ApplyOn::Create),
                PushStatus::Text(status, _) if status == "DONT_PUSH" => Some(ApplyOn::Create),
                PushStatus::Text(status, _) if status == "PUSH" => Some(ApplyOn::CreateAndUpdate),
                _ => None,
            };
            let apply_on_span = match &push_status {
                PushStatus::Text(_, span) | PushStatus::Invalid(span) | PushStatus::Null(span) => Some(*span),
                PushStatus::Absent => None,
            };
            Some(Entry {
                attribute: attribute.to_owned(),
                attribute_span: id.span,
                attribute_text: unquoted(text, id.span),
                pointer: format!("{pointer}/mappings/{index}"),
                value,
                push_status,
                apply_on,
                apply_on_span,
                attribute_type: None,
                removal: Some(whole_lines(text, block.value.span)),
            })
        })
        .collect();
    let direction = match (resource.get("source_id"), resource.get("target_id")) {
        (Some(source), Some(target)) if reference(target).contains("okta_user_profile_mapping_source") => {
            Some(Direction {
                inferred: false,
                source_type: "appuser".into(),
                source_span: source.span,
                target_type: "user".into(),
                target_span: target.span,
            })
        }
        _ => super::okta_mapping::infer_direction(&entries),
    };
    Mapping {
        file,
        kind: Kind::Terraform,
        pointer: pointer.clone(),
        anchor: resource.labels_span(),
        anchor_pointer: pointer,
        direction,
        entries,
    }
}

fn reference(node: &Node) -> &str {
    match &node.value {
        Value::Reference(text) | Value::String(text) => text,
        _ => "",
    }
}

/// From the start of the line of `span` to the end of its last line, so that removing it leaves
/// no blank line behind.
fn whole_lines(text: &str, span: Span) -> Span {
    let start = text[..span.start].rfind('\n').map_or(0, |at| at + 1);
    let end = text[span.end..].find('\n').map_or(text.len(), |at| span.end + at + 1);
    let start = if text[start..span.start].trim().is_empty() { start } else { span.start };
    Span::new(start, end)
}

const CAPABILITIES: [(&str, [&str; 2]); 4] = [
    ("create_users", ["create", "lifecycle_create"]),
    ("update_user_attributes", ["update", "profile"]),
    ("deactivate_users", ["update", "lifecycle_deactivate"]),
    ("sync_password", ["update", "password"]),
];

fn features(file: FileId, resource: &Resource<'_>) -> Features {
    let mut flags = Vec::new();
    let flag = super::okta_features::status_flag;
    if resource.get("name").and_then(Node::as_str) == Some("INBOUND_PROVISIONING") {
        flags.extend(flag("import", Some(&resource.block.value), &resource.pointer()));
    } else if let Some(capabilities) = resource.get("capabilities") {
        for (key, [group, capability]) in CAPABILITIES {
            let pointer = format!("{}/capabilities/{group}/{capability}", resource.pointer());
            flags.extend(flag(key, capabilities.get(group).and_then(|g| g.get(capability)), &pointer));
        }
    }
    Features { file, anchor: resource.labels_span(), flags }
}

fn schema_property(resource: &Resource<'_>) -> Option<SchemaProperty> {
    let index = resource.get("index")?;
    let custom = resource.kind == "okta_app_user_schema_property";
    let scope = resource.get("scope").and_then(string);
    // The provider's default scope for custom properties is NONE (Group).
    let scope_defaulted = custom && scope.is_none();
    let scope =
        scope.or_else(|| scope_defaulted.then(|| Located { text: "NONE".into(), span: resource.labels_span() }));
    Some(SchemaProperty {
        name: index.as_str()?.to_owned(),
        name_span: index.span,
        pointer: format!("{}/index", resource.pointer()),
        custom,
        scope,
        scope_defaulted,
        external_name: resource.get("external_name").and_then(string),
        external_namespace: resource.get("external_namespace").and_then(string),
    })
}
