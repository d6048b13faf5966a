//! Which kind of document a file is, decided by its content, never by its name alone.

use crate::source::tree::Node;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `GET /api/v1/mappings/{id}`: one mapping with `source`, `target` and `properties`.
    ProfileMapping,
    /// Several mappings in one JSON array, as export scripts assemble them.
    MappingArray,
    /// `POST /api/v1/mappings/{id}` body: only `properties`, where `null` removes an attribute.
    UpdateBody,
    /// `GET /api/v1/mappings`: summaries without `properties`.
    MappingList,
    /// scimlint's own YAML manifest (top-level `mappings:`).
    Manifest,
    /// `GET /api/v1/meta/schemas/apps/{appId}/default`: the app user's attributes.
    AppUserSchema,
    /// `GET /api/v1/meta/schemas/user/default`: declares the org's custom `user.*` attributes.
    UserSchema,
    /// `GET /api/v1/apps/{appId}/features` (array), one feature, or a `PUT` capabilities body.
    AppFeatures,
    /// `GET /api/v1/apps/{appId}`: its legacy `features` list names the enabled provisioning features.
    Application,
    /// `terraform show -json PLANFILE`: the okta resources as the apply will send them.
    TerraformPlan,
    /// scimlint's own config (`scimlint.yaml`), added to a run by the settings in force.
    Config,
    /// A `POST …/meta/schemas/…/default` body that does not say whether it changes the Okta user
    /// schema or an app's: its attributes are neither known `user.*` attributes nor the app's.
    SchemaBody,
    /// Terraform HCL with `okta_profile_mapping`, `okta_app_user_schema_property`,
    /// `okta_app_user_base_schema_property` or `okta_app_features` resources.
    Terraform,
}

impl Kind {
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Self::ProfileMapping => "Okta profile mapping",
            Self::MappingArray => "array of Okta profile mappings",
            Self::UpdateBody => "Okta profile mapping update body",
            Self::MappingList => "Okta mapping list response",
            Self::Manifest => "scimlint manifest",
            Self::AppUserSchema => "Okta app-user schema",
            Self::UserSchema => "Okta user schema",
            Self::AppFeatures => "Okta app features",
            Self::Application => "Okta application",
            Self::Terraform => "Terraform configuration",
            Self::Config => "scimlint config",
            Self::TerraformPlan => "Terraform plan (terraform show -json)",
            Self::SchemaBody => "Okta schema change body",
        }
    }
}

/// What scimlint reads, for the help of F002 and of "no lintable file".
pub const KNOWN_KINDS: &str = "Okta profile mappings (GET /api/v1/mappings/{id}, arrays of them, update bodies, the mapping list), the app-user schema (GET /api/v1/meta/schemas/apps/{id}/default), app features (GET /api/v1/apps/{id}/features), the user schema, the application (GET /api/v1/apps/{id}), Terraform `okta_*` resources, or a scimlint manifest (YAML with top-level `mappings:`)";

/// Terraform resource types scimlint reads.
pub const TERRAFORM_RESOURCES: [&str; 4] = [
    "okta_profile_mapping",
    "okta_app_user_schema_property",
    "okta_app_user_base_schema_property",
    "okta_app_features",
];

/// Why a document is none of the kinds scimlint reads.
#[derive(Clone, Debug, PartialEq)]
pub struct NotOurs {
    /// What it is instead, when that is known ("an Okta error response: …").
    pub is: Option<String>,
    /// A sentence saying what it lacks, or what to do instead.
    pub reason: String,
}

impl From<String> for NotOurs {
    fn from(reason: String) -> Self {
        Self { is: None, reason }
    }
}

impl From<&str> for NotOurs {
    fn from(reason: &str) -> Self {
        Self { is: None, reason: reason.to_owned() }
    }
}

fn is(what: impl Into<String>, reason: impl Into<String>) -> NotOurs {
    NotOurs { is: Some(what.into()), reason: reason.into() }
}

/// The kind of `root`, or why it is none.
pub fn recognize(root: &Node, file_name: &str, syntax: crate::source::Syntax) -> Result<Kind, NotOurs> {
    if syntax == crate::source::Syntax::Hcl {
        return recognize_terraform(root);
    }
    let manifest_name = {
        let lower = file_name.to_ascii_lowercase();
        lower.ends_with(".scimlint.yaml") || lower.ends_with(".scimlint.yml")
    };
    if let Some(items) = root.items() {
        return recognize_array(items);
    }
    if root.is_null() && root.span.is_empty() {
        return Err("it is empty".into());
    }
    if root.members().is_none() {
        return Err(format!("it holds a single {} value, not an object", root.type_name()).into());
    }
    if root.get("format_version").is_some()
        && (root.get("planned_values").is_some() || root.get("resource_changes").is_some())
    {
        return Ok(Kind::TerraformPlan);
    }
    if file_name.to_ascii_lowercase().ends_with(".tfvars.json") {
        return Ok(Kind::Terraform);
    }
    if root.member("mappings").is_some() || manifest_name {
        return Ok(Kind::Manifest);
    }
    if let Some(definitions) = root.get("definitions") {
        return recognize_schema(root, definitions);
    }
    if is_feature(root) || (root.get("create").is_some() && root.get("update").is_some()) {
        return Ok(Kind::AppFeatures);
    }
    if root.get("signOnMode").is_some() || (root.get("features").is_some() && root.get("credentials").is_some()) {
        return Ok(Kind::Application);
    }
    if root.get("errorCode").is_some() {
        let summary = root.get("errorSummary").and_then(Node::as_str).unwrap_or_default();
        let causes: Vec<&str> = root
            .get("errorCauses")
            .and_then(Node::items)
            .unwrap_or_default()
            .iter()
            .filter_map(|cause| cause.get("errorSummary").and_then(Node::as_str))
            .collect();
        let causes = if causes.is_empty() { String::new() } else { format!(" ({})", causes.join("; ")) };
        return Err(is(
            format!("an Okta error response: \"{summary}\"{causes}"),
            "the API call failed and this is its answer, not an export; run it again (`curl -f` saves no error as a file) or export with `scimlint pull`",
        ));
    }
    if root.get("attributes").is_some()
        && root.get("id").and_then(Node::as_str).is_some_and(|id| id.starts_with("urn:"))
    {
        return Err(is("a SCIM schema definition (RFC 7643)", "it is not an Okta export"));
    }
    // Okta's own schemas carry `$schema` too; those have `definitions`, read above.
    if root.member("$schema").is_some() {
        return Err(is("a JSON Schema (`$schema`)", "it is not an Okta export"));
    }
    if let Some(properties) = root.get("properties") {
        if describes_a_schema(properties) {
            return Err(is(
                "a JSON Schema",
                "its `properties` describe fields (`type`, `description`), they map no attribute",
            ));
        }
        // A GET response always names its source and target; a request body need not.
        let has_endpoints = root.member("source").is_some() || root.member("target").is_some();
        return Ok(if has_endpoints { Kind::ProfileMapping } else { Kind::UpdateBody });
    }
    if root.member("source").is_some() && root.member("target").is_some() {
        return Ok(Kind::MappingList);
    }
    Err("it is an object with neither `properties` (Okta mapping) nor `mappings` (scimlint manifest)".into())
}

/// `properties` of a JSON Schema rather than of a mapping: objects of schema keywords, none with
/// an `expression` or `pushStatus`.
fn describes_a_schema(properties: &Node) -> bool {
    const KEYWORDS: [&str; 8] = ["type", "$ref", "description", "enum", "items", "properties", "oneOf", "anyOf"];
    let members = properties.members().unwrap_or_default();
    let mapping =
        |value: &Node| value.is_null() || value.get("expression").is_some() || value.get("pushStatus").is_some();
    let schema =
        |value: &Node| value.members().is_some_and(|keys| keys.iter().any(|key| KEYWORDS.contains(&key.key.as_str())));
    !members.is_empty()
        && !members.iter().any(|member| mapping(&member.value))
        && members.iter().any(|member| schema(&member.value))
}

fn is_feature(node: &Node) -> bool {
    matches!(node.get("name").and_then(Node::as_str), Some("USER_PROVISIONING" | "INBOUND_PROVISIONING"))
        || (node.get("capabilities").is_some() && node.get("name").is_some())
}

fn recognize_schema(root: &Node, definitions: &Node) -> Result<Kind, NotOurs> {
    let id = root.get("id").and_then(Node::as_str).unwrap_or_default();
    if id.contains("/meta/schemas/user/") {
        return Ok(Kind::UserSchema);
    }
    if id.contains("/meta/schemas/apps/") {
        return Ok(Kind::AppUserSchema);
    }
    // A POST body has no `id`: app-user attributes carry `scope` or external names; without
    // them nothing in the body says which schema it changes.
    let app_only = ["scope", "externalName", "externalNamespace"];
    let properties =
        ["base", "custom"].iter().filter_map(|part| definitions.get(part)?.get("properties")?.members()).flatten();
    let mut any = false;
    for property in properties {
        any = true;
        if app_only.iter().any(|key| property.value.get(key).is_some()) {
            return Ok(Kind::AppUserSchema);
        }
    }
    if any {
        Ok(Kind::SchemaBody)
    } else {
        Err("it is a JSON Schema without Okta `base`/`custom` attribute definitions".into())
    }
}

/// Any Terraform file is read: one without okta resources may still hold a module's variables,
/// locals or other resources, and is no error.
fn recognize_terraform(root: &Node) -> Result<Kind, NotOurs> {
    match root.members() {
        Some(_) => Ok(Kind::Terraform),
        None => Err("it is not a Terraform body".into()),
    }
}

fn recognize_array(items: &[Node]) -> Result<Kind, NotOurs> {
    if items.is_empty() {
        return Ok(Kind::MappingArray);
    }
    if items.iter().any(|item| item.member("properties").is_some()) {
        return Ok(Kind::MappingArray);
    }
    if items.iter().any(|item| item.member("source").is_some() && item.member("target").is_some()) {
        return Ok(Kind::MappingList);
    }
    if items.iter().any(is_feature) {
        return Ok(Kind::AppFeatures);
    }
    Err("it is an array whose elements have no `properties` (Okta mappings) nor `source`/`target` (mapping list)"
        .into())
}
