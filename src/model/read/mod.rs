//! From a recognised document's tree to the parts of [`crate::model::Setup`] it describes, each
//! tagged with the app it belongs to (so that documents of one app can be joined).

mod manifest;
mod okta_features;
mod okta_mapping;
mod okta_schema;
pub mod terraform;

use crate::model::{AppEvidence, Kind, Located, Setup};
use crate::source::FileId;
use crate::source::tree::Node;

/// What one document says about one app.
#[derive(Debug, Default)]
pub struct Part {
    /// The Okta app id (`0oa…`) or, in Terraform, the reference that names the app.
    pub app: Option<String>,
    pub setup: Setup,
    /// What the document says about the app, for deciding whether it is the target.
    pub evidence: AppEvidence,
}

impl Part {
    /// A part with mappings is the core of a unit; features and schemas join it.
    #[must_use]
    pub fn is_core(&self) -> bool {
        !self.setup.mappings.is_empty()
    }
}

pub fn read(file: FileId, text: &str, root: &Node, kind: Kind) -> Vec<Part> {
    match kind {
        Kind::ProfileMapping | Kind::UpdateBody => okta_mapping::read(file, text, root, "", kind).into_iter().collect(),
        Kind::MappingArray => root
            .items()
            .unwrap_or_default()
            .iter()
            .enumerate()
            .filter_map(|(index, item)| {
                okta_mapping::read(file, text, item, &format!("/{index}"), Kind::ProfileMapping)
            })
            .collect(),
        Kind::Manifest => vec![manifest::read(file, text, root)],
        Kind::AppUserSchema => vec![okta_schema::read(file, root)],
        Kind::AppFeatures => vec![okta_features::read_features(file, root)],
        Kind::Application => vec![okta_features::read_application(file, root)],
        // A module is evaluated as a whole, across its files, and a plan read beside its
        // configuration: the engine's Terraform stage.
        Kind::Terraform | Kind::TerraformPlan => Vec::new(),
        Kind::MappingList | Kind::UserSchema | Kind::Config | Kind::SchemaBody => Vec::new(),
    }
}

/// Custom `user.*` attributes declared by an Okta user schema.
#[must_use]
pub fn custom_user_attributes(root: &Node) -> Vec<String> {
    root.get("definitions")
        .and_then(|definitions| definitions.get("custom"))
        .and_then(|custom| custom.get("properties"))
        .and_then(Node::members)
        .unwrap_or_default()
        .iter()
        .map(|member| member.key.clone())
        .collect()
}

/// The string at `key` of `node`, with its span.
fn located(node: &Node, key: &str) -> Option<Located> {
    let value = node.get(key)?;
    Some(Located { text: value.as_str()?.to_owned(), span: value.span })
}

/// An id as Okta writes it, not a documentation placeholder such as `{appId}` or `${appId}`.
fn real_id(id: &str) -> Option<String> {
    let id = id.trim();
    (!id.is_empty() && !id.contains(['{', '}', '$', '<', '>'])).then(|| id.to_owned())
}

/// The app id in an Okta link such as `…/api/v1/apps/0oa…/features/…` or `…/schemas/apps/0oa…/default`.
fn app_id_in_link(href: &str) -> Option<String> {
    let (_, rest) = href.split_once("/apps/")?;
    real_id(rest.split('/').next()?)
}
