//! One file, as far as it goes: bytes → text → tree → document kind → schema → what it says.
//! The tree is dropped at the end; what the checks need of it is kept in the [`Document`].

use super::{Linter, scope};
use crate::finding::{FileInfo, FileRole, Report};
use crate::model::{self, Document, Kind, Located, Outcome, Shape, Violation};
use crate::ruleset::{Schema, Schemas};
use crate::settings::OrgFacts;
use crate::source::tree::duplicate_keys;
use crate::source::{self, FileId, Input, Node, SourceFile, Span, Syntax};

/// From this many bytes on, a file's parts are read on all cores: a one-line export of 26 MB is
/// the whole run, and below this starting the threads costs more than it saves.
const LARGE: usize = 1 << 20;

/// What became of one input.
pub enum Analysed {
    /// A document the checks see.
    Document(SourceFile, Box<Document>),
    /// A walked file that is no document scimlint reads: kept only to be counted.
    Skipped(SourceFile),
}

pub fn analyse(file: FileId, scope: usize, input: Input, schemas: &Schemas) -> Analysed {
    let (mut text, decode_error) = source::decode(input.bytes);
    let syntax = Syntax::guess(&input.name, &text);
    let foreign = source::foreign_extension(&input.name);
    let (outcome, secrets) = match (foreign, decode_error) {
        // A users export is data for `--users`, not a document (a walk skips it, see below). Only
        // its first character is kept: no output shows a snippet of the users' profiles.
        (None, None) if crate::users::looks_like_users(&text) => {
            let why = "an Okta users export is read with `--users FILE`, not checked as a document".into();
            text = text.chars().next().map(String::from).unwrap_or_default();
            (Outcome::Unrecognized { at: Span::new(0, text.len()), why }, Vec::new())
        }
        (Some(extension), _) => {
            let why = format!("a `.{extension}` file is not a document kind scimlint reads").into();
            let at = Span::new(0, text.chars().next().map_or(0, char::len_utf8));
            (Outcome::Unrecognized { at, why }, source::secrets::find(&text, None))
        }
        (None, decode_error) => match decode_error {
            Some(error) => (Outcome::Unreadable(error), source::secrets::find(&text, None)),
            None => match source::parse(&text, syntax) {
                Ok(root) => recognise(file, &input.name, &text, syntax, &root, schemas),
                Err(error) => (Outcome::Unreadable(error), source::secrets::find(&text, None)),
            },
        },
    };
    let mut source = SourceFile::new(input.name, text);
    source.secrets = secrets;
    if !input.explicit && matches!(outcome, Outcome::Unrecognized { .. }) {
        return Analysed::Skipped(source);
    }
    Analysed::Document(source, Box::new(Document { file, scope, syntax, outcome }))
}

/// Recognises and reads a parsed document, and finds its credentials.
fn recognise(
    file: FileId,
    name: &str,
    text: &str,
    syntax: Syntax,
    root: &Node,
    schemas: &Schemas,
) -> (Outcome, Vec<Span>) {
    let kind = match model::recognize(root, name, syntax) {
        Ok(kind) => kind,
        Err(why) => {
            let first_key = root.members().and_then(<[_]>::first).map(|member| member.key_span);
            let first_char = Span::new(root.span.start, root.span.start + usize::from(!root.span.is_empty()));
            let at = first_key.unwrap_or(first_char);
            return (Outcome::Unrecognized { at, why }, source::secrets::find(text, Some(root)));
        }
    };
    let mut shape = Shape { span: root.span, items: root.items().map(<[_]>::len), ..Shape::default() };
    match kind {
        Kind::Manifest => {
            shape.unknown_keys = schemas.manifest.unknown_keys(root);
            shape.declared_target =
                root.get("target").and_then(|node| Some(Located { text: node.as_str()?.to_owned(), span: node.span }));
        }
        Kind::UserSchema => shape.custom_attributes = model::read::custom_user_attributes(root),
        _ => {}
    }
    // The schema's validation and the reading take longest: each starts at once on a core of its
    // own, and whichever ends first takes the credentials, then the duplicate keys.
    let large = text.len() >= LARGE;
    let (violations, (parts, (secrets, duplicates))) = crate::parallel::both(
        large,
        || violations(root, kind, schemas),
        || {
            crate::parallel::both(
                large,
                || model::read::read(file, text, root, kind),
                || crate::parallel::both(large, || source::secrets::find(text, Some(root)), || duplicate_keys(root)),
            )
        },
    );
    (Outcome::Recognized { kind, duplicates, violations, shape, parts }, secrets)
}

fn violations(root: &Node, kind: Kind, schemas: &Schemas) -> Vec<Violation> {
    match kind {
        Kind::ProfileMapping | Kind::UpdateBody => schemas.mapping.violations(root),
        Kind::Manifest => schemas.manifest.violations(root),
        Kind::MappingArray => each_item(&schemas.mapping, root),
        Kind::AppUserSchema => schemas.app_user_schema.violations(root),
        Kind::AppFeatures if root.items().is_some() => each_item(&schemas.app_features, root),
        Kind::AppFeatures => schemas.app_features.violations(root),
        Kind::MappingList
        | Kind::UserSchema
        | Kind::Application
        | Kind::Terraform
        | Kind::TerraformPlan
        | Kind::Config
        | Kind::SchemaBody => Vec::new(),
    }
}

/// Validates every element of an array on its own, so that each violation names its element.
fn each_item(schema: &Schema, root: &Node) -> Vec<Violation> {
    let items = root.items().unwrap_or_default();
    items
        .iter()
        .enumerate()
        .flat_map(|(index, item)| {
            schema.violations(item).into_iter().map(move |mut violation| {
                violation.pointer = format!("/{index}{}", violation.pointer);
                violation
            })
        })
        .collect()
}

impl Linter {
    /// Numbers every input, then every scope's config file, and analyses them on all cores.
    pub(super) fn collect_and_analyse(&self, inputs: Vec<(usize, Input)>) -> (Report, Vec<Document>) {
        let numbered: Vec<(usize, (usize, Input))> = inputs.into_iter().enumerate().collect();
        let schemas = &self.ruleset.schemas;
        let analysed =
            crate::parallel::map(numbered, |(file, (scope, input))| (scope, analyse(file, scope, input, schemas)));
        let mut report = Report::default();
        // Sized once: ten thousand files' texts and documents grown by doubling copy and leave
        // megabytes of room.
        let inputs = analysed.len() + self.scopes.len();
        report.files.reserve_exact(inputs);
        report.info.reserve_exact(inputs);
        let mut documents = Vec::with_capacity(inputs);
        for (scope, analysed) in analysed {
            let role = match analysed {
                Analysed::Document(source, document) => {
                    report.files.push(source);
                    documents.push(*document);
                    FileRole::Checked
                }
                Analysed::Skipped(source) => {
                    report.files.push(source);
                    FileRole::Skipped
                }
            };
            report.info.push(FileInfo { role, scope, fail_on: self.scopes[scope].settings.fail_on });
        }
        for (scope, config) in self.scopes.iter().enumerate() {
            let Some(config) = &config.config else { continue };
            let file = report.files.len();
            let mut source = config.source.clone();
            source.secrets = crate::source::secrets::find(&source.text, None);
            report.files.push(source);
            report.info.push(FileInfo { role: FileRole::Config, scope, fail_on: self.scopes[scope].settings.fail_on });
            documents.push(scope::config_document(config, file, scope));
        }
        (report, documents)
    }

    /// Each scope's org facts, with the custom `user.*` attributes of the Okta user schemas in it.
    pub(super) fn org_facts(&self, documents: &[Document]) -> Vec<OrgFacts> {
        let mut facts: Vec<OrgFacts> = self.scopes.iter().map(|scope| scope.settings.org.clone()).collect();
        for document in documents {
            let Outcome::Recognized { kind, shape, .. } = &document.outcome else { continue };
            // A user schema declares the org's custom attributes, none included; Terraform only
            // those of its `okta_user_schema_property` resources.
            let declares =
                *kind == Kind::UserSchema || (*kind == Kind::Terraform && !shape.custom_attributes.is_empty());
            if declares {
                let custom = facts[document.scope].custom_attributes.get_or_insert_with(Vec::new);
                custom.extend(shape.custom_attributes.iter().cloned());
            }
        }
        facts
    }
}
