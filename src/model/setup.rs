//! The provisioning setup, whatever file it came from: attribute mappings and features, each
//! value with the span it was read from.

use super::Kind;
use super::NotEvaluated;
use crate::source::FileId;
use crate::source::Span;
use crate::source::tree::{Member, Node, pointer_token};

/// One app's setup, joined from every document that describes it.
#[derive(Clone, Debug, Default)]
pub struct Setup {
    pub mappings: Vec<Mapping>,
    /// Provisioning features, from a manifest, an app-features export, an application or Terraform.
    pub features: Vec<Features>,
    /// The app user's attributes (app-user schema export or Terraform schema properties).
    pub schemas: Vec<AppSchema>,
    /// The app's Sign On username template: what the app receives as its username.
    pub sign_on: Vec<SignOn>,
    /// What Terraform evaluation could not know (F011): never dropped, never guessed.
    pub not_evaluated: Vec<NotEvaluated>,
    /// The `app_id` of Terraform schema-property and features resources, as written (F014).
    pub app_ids: Vec<AppId>,
}

/// The app a Terraform resource names in `app_id`, in the file that names it.
#[derive(Clone, Debug)]
pub struct AppId {
    pub file: FileId,
    pub endpoint: Endpoint,
}

/// The application's username format (Sign On tab): `credentials.userNameTemplate` of an
/// application, `user_name_template` of a Terraform app resource.
#[derive(Clone, Debug)]
pub struct SignOn {
    pub file: FileId,
    /// The template as an entry of the username attribute, the template text as its value.
    pub entry: Entry,
    /// `CUSTOM`: an Okta expression (`user.login`); else `BUILT_IN`, `${source.login}` syntax.
    pub custom: bool,
    /// Text Okta appends (`suffix`, `userSuffix`).
    pub suffix: Option<Located>,
}

impl Setup {
    pub fn extend(&mut self, other: Setup) {
        self.mappings.extend(other.mappings);
        self.features.extend(other.features);
        self.schemas.extend(other.schemas);
        self.sign_on.extend(other.sign_on);
        self.not_evaluated.extend(other.not_evaluated);
        self.app_ids.extend(other.app_ids);
    }

    /// Every stated feature flag, with the file that states it — unless two documents of the
    /// app state it differently: then neither can be trusted, and there is none. An update body
    /// that sets it is what it will be: the state it changes is left out.
    pub fn flags(&self, key: &str) -> impl Iterator<Item = (&Features, &FeatureFlag)> {
        let trusted = !self.disputed(key);
        let changed = self.features.iter().any(|features| features.change && features.flag(key).is_some());
        self.features
            .iter()
            .filter(move |features| features.change || !changed)
            .filter_map(move |features| features.flag(key).map(|flag| (features, flag)))
            .filter(move |_| trusted)
    }

    /// Every stated flag of every feature no two documents disagree on.
    pub fn stated(&self) -> impl Iterator<Item = (&Features, &FeatureFlag)> {
        let mut keys: Vec<&str> =
            self.features.iter().flat_map(|features| features.flags.iter().map(|flag| flag.key.as_str())).collect();
        keys.sort_unstable();
        keys.dedup();
        keys.into_iter().flat_map(move |key| self.flags(key))
    }

    /// Documents of one kind (exports, or update bodies) that state `key` differently.
    fn disputed(&self, key: &str) -> bool {
        [false, true].into_iter().any(|change| {
            let mut states = self
                .features
                .iter()
                .filter(|features| features.change == change)
                .filter_map(|features| features.flag(key))
                .map(|flag| flag.enabled);
            states.next().is_some_and(|first| states.any(|other| other != first))
        })
    }

    /// Flags that two documents state differently: (the first document's, a disagreeing one's).
    #[must_use]
    pub fn disagreements(&self) -> Vec<(Stated<'_>, Stated<'_>)> {
        let mut found = Vec::new();
        for (index, features) in self.features.iter().enumerate() {
            for flag in &features.flags {
                if features.flag(&flag.key).is_some_and(|last| !std::ptr::eq(last, flag)) {
                    continue;
                }
                let earlier = self.features[..index]
                    .iter()
                    .filter(|other| other.change == features.change)
                    .find_map(|other| Some((other, other.flag(&flag.key)?)));
                if let Some((other, first)) = earlier.filter(|(_, first)| first.enabled != flag.enabled) {
                    found.push(((other, first), (features, flag)));
                }
            }
        }
        found
    }
}

/// A feature flag with the document that states it.
pub type Stated<'a> = (&'a Features, &'a FeatureFlag);

/// A value read from a document, with where it was read.
#[derive(Clone, Debug, PartialEq)]
pub struct Located {
    pub text: String,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct AppSchema {
    pub file: FileId,
    pub properties: Vec<SchemaProperty>,
}

/// One attribute of the app user's profile.
#[derive(Clone, Debug)]
pub struct SchemaProperty {
    pub name: String,
    pub name_span: Span,
    pub pointer: String,
    /// Defined by the admin (`definitions.custom`), not by the app's template.
    pub custom: bool,
    /// `SELF` (Personal) or `NONE` (Group). `None` when absent and no default applies.
    pub scope: Option<Located>,
    /// The scope is Terraform's default (`NONE`), not written in the file.
    pub scope_defaulted: bool,
    pub external_name: Option<Located>,
    pub external_namespace: Option<Located>,
}

/// One "To App" attribute-mapping table.
#[derive(Clone, Debug)]
pub struct Mapping {
    pub file: FileId,
    pub kind: Kind,
    /// Where the mapping sits in its file (`""`, or `/3` inside an array).
    pub pointer: String,
    /// Where findings about the whole mapping point: its `properties` or `mappings` key.
    pub anchor: Span,
    pub anchor_pointer: String,
    pub direction: Option<Direction>,
    pub entries: Vec<Entry>,
    /// It changes only what it names (an update body; Terraform without `delete_when_absent`),
    /// so it says nothing of the attributes it leaves out.
    pub partial: bool,
    /// Entries Terraform evaluation could not know: the mapping is not empty, only unknown.
    pub unknown_entries: usize,
    /// `delete_when_absent` and `always_apply` of a Terraform `okta_profile_mapping`.
    pub options: MappingOptions,
}

/// What a Terraform `okta_profile_mapping` says besides its entries.
#[derive(Clone, Debug, Default)]
pub struct MappingOptions {
    /// `true`: the apply removes every mapping the resource does not list.
    pub delete_when_absent: Option<MappingFlag>,
    /// `true`: the mapping is re-applied to every user on each apply.
    pub always_apply: Option<MappingFlag>,
    /// `source_id` and `target_id` as evaluated.
    pub endpoints: Vec<Endpoint>,
}

/// A boolean of a Terraform mapping, where its value is written (the `.tf` line, or the
/// `.tfvars` line of the variable it is set from).
#[derive(Clone, Copy, Debug)]
pub struct MappingFlag {
    pub on: bool,
    pub file: FileId,
    pub span: Span,
}

/// `source_id` or `target_id` of a Terraform mapping.
#[derive(Clone, Debug)]
pub struct Endpoint {
    pub key: &'static str,
    /// A string, as written (an id, or by mistake an app's name or a reference in quotes).
    pub literal: Option<String>,
    /// The address of a referenced resource (`okta_app_saml.haiilo`).
    pub reference: Option<String>,
    pub span: Span,
}

/// `"data.okta_user_profile_mapping_source.user.id"` written in quotes: the address Terraform
/// would have resolved, had it not been a string.
#[must_use]
pub fn quoted_reference(text: &str) -> Option<&str> {
    let address = text.strip_suffix(".id")?;
    let resource = address.strip_prefix("data.").unwrap_or(address);
    let (kind, name) = resource.split_once('.')?;
    let well_formed = kind.starts_with("okta_")
        && kind.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        && !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    well_formed.then_some(address)
}

impl Mapping {
    /// An update body, or Terraform that manages only the listed entries: not a whole mapping.
    #[must_use]
    pub fn is_partial(&self) -> bool {
        self.partial || self.kind == Kind::UpdateBody
    }

    /// Entries that map an attribute (not removals).
    pub fn mapped(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|entry| !matches!(entry.value, EntryValue::Remove(_)))
    }
}

/// `source.type` and `target.type` of an Okta mapping.
#[derive(Clone, Debug)]
pub struct Direction {
    /// True when no `source`/`target` says so and the expressions (all `appuser.*`) do.
    pub inferred: bool,
    pub source_type: String,
    pub source_span: Span,
    pub target_type: String,
    pub target_span: Span,
}

impl Direction {
    /// App → Okta ("To Okta"), the reverse of what provisions an app.
    #[must_use]
    pub fn is_to_okta(&self) -> bool {
        self.source_type == "appuser" && self.target_type == "user"
    }
}

#[derive(Clone, Debug)]
pub enum EntryValue {
    Expression {
        text: String,
        span: Span,
    },
    /// "Configured in Sign On settings" (manifest `value: sign-on`).
    SignOn(Span),
    /// `null` in an update body: remove this attribute's mapping.
    Remove(Span),
    /// A value of the wrong type or no value; F003 reports it.
    Invalid,
}

#[derive(Clone, Debug)]
pub enum PushStatus {
    Absent,
    Null(Span),
    Text(String, Span),
    /// Not a string; F003 reports it.
    Invalid(Span),
}

#[derive(Clone, Debug)]
pub struct Entry {
    /// The file its spans index (a Terraform entry may come from a `.tfvars` file).
    pub file: FileId,
    pub attribute: String,
    /// The attribute as written (a JSON key with its quotes, or a manifest value).
    pub attribute_span: Span,
    /// The attribute's characters only, for a rename.
    pub attribute_text: Span,
    pub pointer: String,
    pub value: EntryValue,
    /// Okta's `pushStatus`; manifests say `apply_on` instead.
    pub push_status: PushStatus,
    /// What "Apply on" resolves to, when it is valid.
    pub apply_on: Option<ApplyOn>,
    /// The span that says so; `None` when it is a default.
    pub apply_on_span: Option<Span>,
    /// Boxed, as `via`: only manifests state it, and an export can hold 400,000 entries.
    pub attribute_type: Option<Box<(AttributeType, Span)>>,
    /// Bytes to delete to remove the whole entry (separators included), when that is well defined.
    pub removal: Option<Span>,
    /// The value is computed (a Terraform template): only its whole span is known, and no fix
    /// can edit it.
    pub computed: bool,
    /// The block that generated it (a `dynamic "mappings"` block), for a related location.
    pub via: Option<Box<(FileId, Span)>>,
}

/// Provisioning > To App features, as the manifest or an app-features export states them.
#[derive(Clone, Debug)]
pub struct Features {
    pub file: FileId,
    pub anchor: Span,
    pub flags: Vec<FeatureFlag>,
    /// An update body: what the features will be once it is sent, which an export of the
    /// state before it may well contradict.
    pub change: bool,
}

#[derive(Clone, Debug)]
pub struct FeatureFlag {
    /// JSON pointer (Terraform: the resource's pseudo-pointer) of the value that states it.
    pub pointer: String,
    /// The manifest key (`create_users`, `update_user_attributes`, …), also the target profile's.
    pub key: String,
    pub enabled: bool,
    pub span: Span,
}

impl Features {
    /// The feature's explicit setting; scimlint does not guess unstated ones.
    #[must_use]
    pub fn flag(&self, key: &str) -> Option<&FeatureFlag> {
        self.flags.iter().rev().find(|flag| flag.key == key)
    }
}

/// The span that removes member `index` of `members` with its separating comma.
#[must_use]
pub fn json_member_removal(members: &[Member], index: usize) -> Span {
    let member = &members[index];
    match (index.checked_sub(1), members.get(index + 1)) {
        (_, Some(next)) => Span::new(member.key_span.start, next.key_span.start),
        (Some(previous), None) => Span::new(members[previous].value.span.end, member.value.span.end),
        (None, None) => member.span(),
    }
}

/// The lines of block-sequence item `index` (from its `-` to the next item), if it is one.
#[must_use]
pub fn yaml_item_removal(text: &str, items: &[Node], index: usize) -> Option<Span> {
    let item = &items[index];
    let line_start = text[..item.span.start].rfind(['\n', '\r']).map_or(0, |at| at + 1);
    let prefix = &text[line_start..item.span.start];
    if prefix.trim_start().trim_end() != "-" {
        return None;
    }
    let end = match items.get(index + 1) {
        Some(next) => text[..next.span.start].rfind(['\n', '\r']).map_or(0, |at| at + 1),
        None => text[item.span.end..].find('\n').map_or(text.len(), |at| item.span.end + at + 1),
    };
    Some(Span::new(line_start, end))
}

/// Builds the JSON pointer of a child.
#[must_use]
pub fn child_pointer(parent: &str, token: &str) -> String {
    format!("{parent}/{}", pointer_token(token))
}

/// The console's "Attribute Type" column: where an app-user attribute's value comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttributeType {
    Personal,
    Group,
}

impl AttributeType {
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Personal => "Personal",
            Self::Group => "Group",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplyOn {
    Create,
    CreateAndUpdate,
}

impl ApplyOn {
    /// As the "Apply on" column of the Okta console reads.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Create => "Create",
            Self::CreateAndUpdate => "Create and update",
        }
    }
}
