//! The okta resources other than mappings: provisioning features, app-user schema properties
//! (the current resources and the deprecated flat `okta_app_user_schema`), user schema
//! properties, and the app resources that say which app a module's resources belong to.

use super::{Parts, app_key, located, span_in, verbatim};
use crate::model::{
    AppId, AppSchema, Entry, EntryValue, FeatureFlag, Features, Located, PushStatus, SchemaProperty, SignOn,
};
use crate::source::tree::unquoted;
use crate::terraform::{Resource, Value};

/// App resources: what the app is called, and its Sign On username.
const APPS: [&str; 6] = [
    "okta_app_saml",
    "okta_app_swa",
    "okta_app_auto_login",
    "okta_app_basic_auth",
    "okta_app_oauth",
    "okta_app_bookmark",
];

/// `USER_PROVISIONING` capability blocks, by the manifest's feature key.
const CAPABILITIES: [(&str, [&str; 2]); 4] = [
    ("create_users", ["create", "lifecycle_create"]),
    ("update_user_attributes", ["update", "profile"]),
    ("deactivate_users", ["update", "lifecycle_deactivate"]),
    ("sync_password", ["update", "password"]),
];

fn pointer(resource: &Resource) -> String {
    format!("/resource/{}", resource.address)
}

pub(super) fn read(
    resource: &Resource,
    text: &str,
    texts: &super::Texts<'_>,
    parts: &mut Parts,
    custom_user_attributes: &mut Vec<String>,
) {
    let file = resource.file;
    let values = &resource.values;
    match resource.kind.as_str() {
        "okta_profile_mapping" => super::mapping::read(resource, texts, parts),
        "okta_app_features" => {
            let features = features(resource);
            let at = values.get("app_id").and_then(|value| span_in(value, file));
            let setup = &mut parts.referred(file, app_key(values.get("app_id")), at).0;
            setup.features.push(features);
            setup.app_ids.extend(super::mapping::endpoint(resource, "app_id").map(|endpoint| AppId { file, endpoint }));
        }
        "okta_app_user_schema_property" | "okta_app_user_base_schema_property" | "okta_app_user_schema" => {
            let Some(property) = schema_property(resource, text) else { return };
            let at = values.get("app_id").and_then(|value| span_in(value, file));
            let setup = &mut parts.referred(file, app_key(values.get("app_id")), at).0;
            setup.app_ids.extend(super::mapping::endpoint(resource, "app_id").map(|endpoint| AppId { file, endpoint }));
            let schemas = &mut setup.schemas;
            match schemas.first_mut() {
                Some(schema) => schema.properties.push(property),
                None => schemas.push(AppSchema { file, properties: vec![property] }),
            }
        }
        "okta_user_schema_property" | "okta_user_schema" => {
            custom_user_attributes.extend(values.get("index").and_then(Value::as_str).map(str::to_owned));
        }
        kind if APPS.contains(&kind) => {
            let (setup, evidence) = parts.of(file, Some(resource.address.clone()));
            evidence.resource = Some(Located { text: resource.address.clone(), span: resource.labels });
            evidence.label = values.get("label").and_then(|label| located(label, file, resource.labels));
            evidence.name = values.get("preconfigured_app").and_then(|name| located(name, file, resource.labels));
            setup.sign_on.extend(sign_on(resource, text));
        }
        _ => {}
    }
}

/// The status (`ENABLED`/`DISABLED`) of `holder` as a flag.
fn status(key: &str, holder: Option<&Value>, resource: &Resource, pointer: String) -> Option<FeatureFlag> {
    let status = holder?.get("status")?;
    let enabled = match status.as_str()? {
        "ENABLED" => true,
        "DISABLED" => false,
        _ => return None,
    };
    let span = span_in(status, resource.file).unwrap_or(resource.labels);
    Some(FeatureFlag { key: key.to_owned(), enabled, span, pointer: format!("{pointer}/status") })
}

fn features(resource: &Resource) -> Features {
    let values = &resource.values;
    let base = pointer(resource);
    let mut flags = Vec::new();
    if values.get("name").and_then(Value::as_str) == Some("INBOUND_PROVISIONING") {
        flags.extend(status("import", Some(values), resource, base.clone()));
    } else if let Some(capabilities) = values.blocks("capabilities").first() {
        for (key, [group, capability]) in CAPABILITIES {
            let holder = capabilities.blocks(group).first().and_then(|group| group.blocks(capability).first().copied());
            flags.extend(status(key, holder, resource, format!("{base}/capabilities/{group}/{capability}")));
        }
    }
    Features { file: resource.file, anchor: resource.labels, flags, change: false }
}

fn schema_property(resource: &Resource, text: &str) -> Option<SchemaProperty> {
    let values = &resource.values;
    let file = resource.file;
    let index = values.get("index")?;
    let name = index.as_str()?.to_owned();
    let custom = resource.kind != "okta_app_user_base_schema_property";
    let scope = values.get("scope").and_then(|scope| located(scope, file, resource.labels));
    // The provider's default scope for custom properties is NONE (Group).
    let scope_defaulted = custom && scope.is_none();
    let scope = scope.or_else(|| scope_defaulted.then(|| Located { text: "NONE".into(), span: resource.labels }));
    let name_span =
        span_in(index, file).filter(|_| verbatim(index)).map_or(resource.labels, |span| unquoted(text, span));
    Some(SchemaProperty {
        name,
        name_span,
        pointer: format!("{}/index", pointer(resource)),
        custom,
        scope,
        scope_defaulted,
        external_name: values.get("external_name").and_then(|value| located(value, file, resource.labels)),
        external_namespace: values.get("external_namespace").and_then(|value| located(value, file, resource.labels)),
    })
}

/// `user_name_template` of an app resource (absent: Okta's default `${source.login}`).
fn sign_on(resource: &Resource, _text: &str) -> Option<SignOn> {
    let values = &resource.values;
    let file = resource.file;
    let template = values.get("user_name_template")?;
    let text = template.as_str()?;
    let span = span_in(template, file).unwrap_or(resource.labels);
    let custom = values.get("user_name_template_type").and_then(Value::as_str) == Some("CUSTOM");
    let entry = Entry {
        file,
        attribute: "userName".into(),
        attribute_span: span,
        attribute_text: span,
        pointer: format!("{}/user_name_template", pointer(resource)),
        value: EntryValue::Expression { text: text.to_owned(), span },
        push_status: PushStatus::Absent,
        apply_on: None,
        apply_on_span: None,
        attribute_type: None,
        removal: None,
        computed: !verbatim(template),
        via: None,
    };
    let suffix = values.get("user_name_template_suffix").and_then(|suffix| located(suffix, file, resource.labels));
    Some(SignOn { file, entry, custom, suffix })
}
