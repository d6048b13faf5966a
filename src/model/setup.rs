//! The provisioning setup, whatever file it came from: attribute mappings and features, each
//! value with the span it was read from.

use super::Kind;
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
    /// The Sign On settings' application username format, from an application export.
    pub usernames: Vec<UsernameTemplate>,
}

impl Setup {
    pub fn extend(&mut self, other: Setup) {
        self.mappings.extend(other.mappings);
        self.features.extend(other.features);
        self.schemas.extend(other.schemas);
        self.usernames.extend(other.usernames);
    }

    /// Every stated feature flag, with the file that states it.
    pub fn flags(&self, key: &'static str) -> impl Iterator<Item = (&Features, &FeatureFlag)> {
        self.features.iter().filter_map(move |features| features.flag(key).map(|flag| (features, flag)))
    }
}

/// A value read from a document, with where it was read.
#[derive(Clone, Debug, PartialEq)]
pub struct Located {
    pub text: String,
    pub span: Span,
}

/// An application's `credentials.userNameTemplate`: how Okta makes the app username that it
/// sends as `userName`.
#[derive(Clone, Debug)]
pub struct UsernameTemplate {
    pub file: FileId,
    /// `template`, e.g. `${source.login}`.
    pub template: Located,
    pub pointer: String,
    /// `type`: `BUILT_IN` (JSP-style `${…}` template), `CUSTOM` (an expression) or `NONE`.
    pub kind: Option<String>,
    /// `userSuffix`, when set.
    pub suffix: Option<String>,
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
}

impl Mapping {
    /// An update body changes only what it names, so it is not a whole mapping.
    #[must_use]
    pub fn is_partial(&self) -> bool {
        self.kind == Kind::UpdateBody
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
    pub attribute_type: Option<(AttributeType, Span)>,
    /// Bytes to delete to remove the whole entry (separators included), when that is well defined.
    pub removal: Option<Span>,
}

/// Provisioning > To App features, as the manifest or an app-features export states them.
#[derive(Clone, Debug)]
pub struct Features {
    pub file: FileId,
    pub anchor: Span,
    pub flags: Vec<FeatureFlag>,
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
