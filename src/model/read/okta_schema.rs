//! Okta app-user schema (`GET /api/v1/meta/schemas/apps/{appId}/default`, or its `POST` body).

use super::{Part, app_id_in_link};
use crate::model::AppEvidence;
use crate::model::{AppSchema, Located, SchemaProperty, Setup, child_pointer};
use crate::source::FileId;
use crate::source::tree::Node;

fn located(node: &Node, key: &str) -> Option<Located> {
    let value = node.get(key)?;
    Some(Located { text: value.as_str()?.to_owned(), span: value.span })
}

pub fn read(file: FileId, root: &Node) -> Part {
    let mut properties = Vec::new();
    for (part, custom) in [("base", false), ("custom", true)] {
        let Some(members) =
            root.get("definitions").and_then(|d| d.get(part)).and_then(|p| p.get("properties")).and_then(Node::members)
        else {
            continue;
        };
        let pointer = format!("/definitions/{part}/properties");
        // A `null` property in a POST body removes the attribute: nothing to check.
        for member in members.iter().filter(|member| member.value.members().is_some()) {
            properties.push(SchemaProperty {
                name: member.key.clone(),
                name_span: member.key_span,
                pointer: child_pointer(&pointer, &member.key),
                custom,
                scope: located(&member.value, "scope"),
                scope_defaulted: false,
                external_name: located(&member.value, "externalName"),
                external_namespace: located(&member.value, "externalNamespace"),
            });
        }
    }
    let app = root.get("id").and_then(Node::as_str).and_then(app_id_in_link);
    let evidence = AppEvidence {
        file,
        id: app.clone(),
        name: super::located(root, "name"),
        label: super::located(root, "title"),
        ..AppEvidence::default()
    };
    Part { app, setup: Setup { schemas: vec![AppSchema { file, properties }], ..Setup::default() }, evidence }
}
