//! T106 missing-external-namespace: a custom app-user attribute without `externalNamespace`,
//! which Okta silently never sends to a SCIM app.

use super::Ctx;
use crate::finding::{FileId, Finding};
use crate::model::SchemaProperty;
use crate::ruleset::Code;

const CORE: &str = "urn:ietf:params:scim:schemas:core:2.0:User";

fn missing_external_namespace(file: FileId, property: &SchemaProperty, namespace: &str) -> Finding {
    Finding::new(Code::T106, file, property.name_span, format!("custom attribute `{}` has no externalNamespace", property.name))
        .label("no namespace")
        .help(format!(
            "Okta does not send an attribute without a namespace, so its value never arrives; set the external namespace to `{namespace}` (Profile Editor, or `external_namespace` in Terraform)"
        ))
        .pointer(property.pointer.clone())
}

pub fn check(ctx: &mut Ctx<'_>) {
    for schema in &ctx.setup.schemas {
        for property in schema.properties.iter().filter(|p| p.custom && p.external_namespace.is_none()) {
            // An attribute the target does not support at all needs no namespace to reach it.
            let Some(attribute) = ctx.target.attribute(&property.name) else { continue };
            let namespace = attribute.namespace.as_deref().unwrap_or(CORE);
            ctx.report(missing_external_namespace(schema.file, property, namespace));
        }
    }
}
