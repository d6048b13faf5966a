//! What a document says about the app it belongs to: its id, its Okta name and label, how it
//! signs on, the Terraform resource that is it. Which app is the target is not the model's to
//! decide; the ruleset weighs this evidence.

use super::Located;
use crate::source::FileId;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct AppEvidence {
    pub file: FileId,
    /// The Okta app id (`0oa…`).
    pub id: Option<String>,
    /// The app's Okta name (`oidc_client`, `haiilo_scim`, `google_idp`): an application's
    /// `name`, a mapping endpoint's `name`, an app-user schema's `name`.
    pub name: Option<Located>,
    /// What the admin calls it (`label`, or a schema's `title`).
    pub label: Option<Located>,
    /// An application's `signOnMode` (`SAML_2_0`, `OPENID_CONNECT`, `BOOKMARK`).
    pub sign_on_mode: Option<Located>,
    /// The Terraform address of the app (`okta_app_saml.haiilo`, `okta_idp_social.google`).
    pub resource: Option<Located>,
    /// The application lists a provisioning feature (`PUSH_NEW_USERS`, `SCIM_PROVISIONING`), or a
    /// provisioning features document belongs to it.
    pub provisioning: bool,
}

impl AppEvidence {
    /// How the app is shown: its label, else its name, else its id or address.
    #[must_use]
    pub fn display(&self) -> Option<String> {
        let text = |located: &Option<Located>| located.as_ref().map(|located| located.text.clone());
        text(&self.label).or_else(|| text(&self.name)).or_else(|| self.id.clone()).or_else(|| text(&self.resource))
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.id.is_none() && self.name.is_none() && self.label.is_none() && self.resource.is_none()
    }
}
