//! `terraform show -json PLANFILE` (the documented JSON output format, `format_version` 1.x): the
//! `okta_*` managed resources of `planned_values` (root and child modules), with what
//! `resource_changes` marks as `after_unknown` turned into unknown values, and an unknown
//! attribute whose configuration expression references an `id` turned into that reference.
//! Values are verbatim at their spans in the plan file.

use std::collections::HashMap;

use super::types::{Diagnostic, DiagnosticKind, Evaluation, InstanceKey, Resource, ResourceSource};
use super::value::{Cause, Kind, Location, Member, Origin, Place, Reference, Value};
use super::vars::json_value;
use crate::source::Span;
use crate::source::Syntax;
use crate::source::tree::{Node, Value as Tree};

/// The okta resources planned in `text` (the plan file `file`), as evaluated resources.
#[must_use]
pub fn read_plan(file: usize, text: &str) -> Evaluation {
    let mut evaluation = Evaluation::default();
    let problem = |span: Span, kind, message: String| Diagnostic {
        kind,
        message,
        place: Some(Place::File(Location { file, span })),
        related: Vec::new(),
    };
    let root = match crate::source::parse(text, Syntax::Json) {
        Ok(root) => root,
        Err(error) => {
            evaluation.diagnostics.push(problem(
                error.span,
                DiagnosticKind::Syntax,
                format!("the plan is not JSON: {}", error.reason),
            ));
            return evaluation;
        }
    };
    let version = root.get("format_version");
    let major = version.and_then(Node::as_str).and_then(|v| v.split('.').next());
    if !matches!(major, Some("0" | "1")) {
        let span = version.map_or(root.span, |node| node.span);
        let message = "this is not the JSON of `terraform show -json` in format version 1.x".to_owned();
        evaluation.diagnostics.push(problem(span, DiagnosticKind::Unsupported, message));
        return evaluation;
    }
    let changes: HashMap<&str, &Node> = root
        .get("resource_changes")
        .and_then(Node::items)
        .unwrap_or_default()
        .iter()
        .filter_map(|change| Some((change.get("address")?.as_str()?, change)))
        .collect();
    let mut expressions = HashMap::new();
    if let Some(module) = root.get("configuration").and_then(|c| c.get("root_module")) {
        configured(module, "", &mut expressions);
    }
    let mut stack = Vec::new();
    if let Some(module) = root.get("planned_values").and_then(|planned| planned.get("root_module")) {
        stack.push((module, "/planned_values/root_module".to_owned()));
    }
    while let Some((module, pointer)) = stack.pop() {
        let module_address = module.get("address").and_then(Node::as_str).unwrap_or_default();
        for (index, resource) in module.get("resources").and_then(Node::items).unwrap_or_default().iter().enumerate() {
            let pointer = format!("{pointer}/resources/{index}");
            if let Some(resource) = planned(file, resource, module_address, pointer, &changes, &expressions) {
                evaluation.resources.push(resource);
            }
        }
        let children = module.get("child_modules").and_then(Node::items).unwrap_or_default();
        for (index, child) in children.iter().enumerate().rev() {
            stack.push((child, format!("{pointer}/child_modules/{index}")));
        }
    }
    evaluation
}

/// Configuration expressions by resource address without instance keys (`module.m.okta_x.y`).
fn configured<'n>(module: &'n Node, prefix: &str, into: &mut HashMap<String, &'n Node>) {
    for resource in module.get("resources").and_then(Node::items).unwrap_or_default() {
        if let (Some(address), Some(expressions)) =
            (resource.get("address").and_then(Node::as_str), resource.get("expressions"))
        {
            into.insert(format!("{prefix}{address}"), expressions);
        }
    }
    for call in module.get("module_calls").and_then(Node::members).unwrap_or_default() {
        if let Some(inner) = call.value.get("module") {
            configured(inner, &format!("{prefix}module.{}.", call.key), into);
        }
    }
}

fn without_keys(address: &str) -> String {
    let mut out = String::with_capacity(address.len());
    let mut depth = 0usize;
    for c in address.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn planned(
    file: usize,
    node: &Node,
    module: &str,
    pointer: String,
    changes: &HashMap<&str, &Node>,
    expressions: &HashMap<String, &Node>,
) -> Option<Resource> {
    let text = |key: &str| node.get(key).and_then(Node::as_str);
    let (address_node, kind, name) = (node.get("address")?, text("type")?, text("name")?);
    if text("mode") != Some("managed") || !kind.starts_with("okta_") {
        return None;
    }
    let address = address_node.as_str()?;
    let key = match node.get("index").map(|index| &index.value) {
        Some(Tree::Number(number)) => number.parse().map_or(InstanceKey::Single, InstanceKey::Index),
        Some(Tree::String(key)) => InstanceKey::Key(key.clone()),
        _ => InstanceKey::Single,
    };
    let mut values = node.get("values").map_or_else(
        || Value::new(Kind::Object(Vec::new()), Origin::verbatim(Place::File(Location { file, span: node.span }))),
        |values| json_value(file, values),
    );
    let change = changes.get(address).and_then(|change| change.get("change"));
    if let Some(after_unknown) = change.and_then(|change| change.get("after_unknown")) {
        mark_unknown(file, &mut values, after_unknown);
    }
    let prefix = if module.is_empty() { String::new() } else { format!("{}.", without_keys(module)) };
    if let (Some(configured), Kind::Object(members)) = (expressions.get(&without_keys(address)), &mut values.kind) {
        for member in members.iter_mut().filter(|member| member.value.as_unknown().is_some()) {
            let references = configured.get(&member.key).and_then(|e| e.get("references")).and_then(Node::items);
            let id = references.unwrap_or_default().iter().filter_map(Node::as_str).find(|r| r.ends_with(".id"));
            if let Some(id) = id {
                let target = format!("{prefix}{}", id.trim_end_matches(".id"));
                member.value.kind = Kind::Reference(Reference { address: target, attribute: "id".into() });
            }
        }
    }
    let actions = change
        .and_then(|change| change.get("actions"))
        .and_then(Node::items)
        .unwrap_or_default()
        .iter()
        .filter_map(|action| action.as_str().map(str::to_owned))
        .collect();
    Some(Resource {
        kind: kind.to_owned(),
        name: name.to_owned(),
        address: address.to_owned(),
        module: module.to_owned(),
        key,
        file,
        labels: address_node.span,
        block: node.span,
        values,
        module_calls: Vec::new(),
        source: ResourceSource::Plan { pointer, actions },
    })
}

/// `after_unknown` mirrors the value with `true` where it is known only after apply.
fn mark_unknown(file: usize, value: &mut Value, unknown: &Node) {
    let origin = Origin::computed(Place::File(Location { file, span: unknown.span }));
    match &unknown.value {
        Tree::Bool(true) => {
            *value = Value::unknown(origin, Cause::AfterApply, "known only after apply (the plan's after_unknown)");
        }
        Tree::Object(marks) => {
            if matches!(value.kind, Kind::Null) {
                value.kind = Kind::Object(Vec::new());
            }
            let Kind::Object(members) = &mut value.kind else { return };
            for mark in marks {
                if !contains_true(&mark.value) {
                    continue;
                }
                if !members.iter().any(|member| member.key == mark.key) {
                    members.push(Member {
                        key: mark.key.clone(),
                        key_origin: Origin::computed(Place::File(Location { file, span: mark.key_span })),
                        value: Value::new(Kind::Null, origin.clone()),
                    });
                }
                if let Some(member) = members.iter_mut().find(|member| member.key == mark.key) {
                    mark_unknown(file, &mut member.value, &mark.value);
                }
            }
        }
        Tree::Array(marks) => {
            if let Kind::List(items) | Kind::Set(items) = &mut value.kind {
                for (item, mark) in items.iter_mut().zip(marks) {
                    mark_unknown(file, item, mark);
                }
            }
        }
        _ => {}
    }
}

fn contains_true(node: &Node) -> bool {
    match &node.value {
        Tree::Bool(flag) => *flag,
        Tree::Array(items) => items.iter().any(contains_true),
        Tree::Object(members) => members.iter().any(|member| contains_true(&member.value)),
        _ => false,
    }
}
