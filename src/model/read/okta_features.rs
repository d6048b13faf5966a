//! Provisioning features from Okta: the app-features API and the application's legacy list.

use super::{Part, app_id_in_link, real_id};
use crate::model::{FeatureFlag, Features, Located, Setup, UsernameTemplate};
use crate::source::FileId;
use crate::source::Span;
use crate::source::tree::Node;

/// `USER_PROVISIONING` capability paths, by the manifest's feature key.
const CAPABILITIES: [(&str, [&str; 2]); 4] = [
    ("create_users", ["create", "lifecycleCreate"]),
    ("update_user_attributes", ["update", "profile"]),
    ("deactivate_users", ["update", "lifecycleDeactivate"]),
    ("sync_password", ["update", "password"]),
];

/// The `status` (`ENABLED`/`DISABLED`) under `holder` (at `pointer`) as a flag; Okta's API and
/// Terraform agree on it.
pub(super) fn status_flag(key: &str, holder: Option<&Node>, pointer: &str) -> Option<FeatureFlag> {
    let status = holder?.get("status")?;
    let enabled = match status.as_str()? {
        "ENABLED" => true,
        "DISABLED" => false,
        _ => return None,
    };
    Some(FeatureFlag { key: key.to_owned(), enabled, span: status.span, pointer: format!("{pointer}/status") })
}

/// Flags of one `ApplicationFeature` at `pointer`, or of a bare capabilities object (a `PUT` body).
fn feature_flags(feature: &Node, pointer: &str, flags: &mut Vec<FeatureFlag>) {
    if feature.get("name").and_then(Node::as_str) == Some("INBOUND_PROVISIONING") {
        flags.extend(status_flag("import", Some(feature), pointer));
        return;
    }
    let (capabilities, base) = match feature.get("capabilities") {
        Some(capabilities) => (capabilities, format!("{pointer}/capabilities")),
        None => (feature, pointer.to_owned()),
    };
    for (key, [group, capability]) in CAPABILITIES {
        let holder = capabilities.get(group).and_then(|g| g.get(capability));
        flags.extend(status_flag(key, holder, &format!("{base}/{group}/{capability}")));
    }
}

pub fn read_features(file: FileId, root: &Node) -> Part {
    let features: Vec<(&Node, String)> = match root.items() {
        Some(items) => items.iter().enumerate().map(|(index, item)| (item, format!("/{index}"))).collect(),
        None => vec![(root, String::new())],
    };
    let mut flags = Vec::new();
    for (feature, pointer) in &features {
        feature_flags(feature, pointer, &mut flags);
    }
    let app = features
        .iter()
        .map(|(feature, _)| feature)
        .find_map(|feature| feature.get("_links")?.get("self")?.get("href")?.as_str().and_then(app_id_in_link));
    let anchor = Span::new(root.span.start, root.span.start + 1);
    Part { app, setup: Setup { features: vec![Features { file, anchor, flags }], ..Setup::default() } }
}

/// The application object's `features` list (`PUSH_NEW_USERS`, …): what is absent is off.
const LEGACY: [(&str, &[&str]); 6] = [
    ("create_users", &["PUSH_NEW_USERS"]),
    ("update_user_attributes", &["PUSH_PROFILE_UPDATES"]),
    ("deactivate_users", &["PUSH_USER_DEACTIVATION"]),
    ("sync_password", &["PUSH_PASSWORD_UPDATES"]),
    ("group_push", &["GROUP_PUSH"]),
    ("import", &["IMPORT_NEW_USERS", "IMPORT_PROFILE_UPDATES"]),
];

pub fn read_application(file: FileId, root: &Node) -> Part {
    let app = root.get("id").and_then(Node::as_str).and_then(real_id);
    let mut setup = Setup::default();
    // An app without any provisioning feature does not provision: nothing to say about it.
    if let Some(list) = root.member("features").filter(|list| list.value.items().is_some_and(|items| !items.is_empty()))
    {
        let items = list.value.items().unwrap_or_default();
        let flags = LEGACY
            .iter()
            .map(|(key, names)| {
                let found = items.iter().position(|item| item.as_str().is_some_and(|name| names.contains(&name)));
                FeatureFlag {
                    key: (*key).to_owned(),
                    enabled: found.is_some(),
                    span: found.and_then(|at| items.get(at)).map_or(list.key_span, |item| item.span),
                    pointer: found.map_or_else(|| "/features".to_owned(), |at| format!("/features/{at}")),
                }
            })
            .collect();
        setup.features.push(Features { file, anchor: list.key_span, flags });
    }
    setup.usernames.extend(username_template(file, root));
    Part { app, setup }
}

/// `credentials.userNameTemplate`, when it has a template.
fn username_template(file: FileId, root: &Node) -> Option<UsernameTemplate> {
    let holder = root.get("credentials")?.get("userNameTemplate")?;
    let template = holder.get("template")?;
    let text = |key: &str| holder.get(key).and_then(Node::as_str).filter(|text| !text.is_empty()).map(str::to_owned);
    Some(UsernameTemplate {
        file,
        template: Located { text: template.as_str()?.to_owned(), span: template.span },
        pointer: "/credentials/userNameTemplate/template".to_owned(),
        kind: text("type"),
        suffix: text("userSuffix"),
    })
}
