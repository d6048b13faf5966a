//! One file, as far as it goes: bytes → text → tree → document kind → schema → what it says.
//! The tree is dropped at the end; what the checks need of it is kept in the [`Document`].

use crate::model::{self, Document, Kind, Located, Outcome, Shape, Violation};
use crate::ruleset::{Schema, Schemas};
use crate::source::tree::duplicate_keys;
use crate::source::{self, FileId, Input, Node, SourceFile, Span, Syntax};

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
            let lacks = "an Okta users export is read with `--users FILE`, not checked as a document".to_owned();
            text = text.chars().next().map(String::from).unwrap_or_default();
            (Outcome::Unrecognized { at: Span::new(0, text.len()), lacks }, Vec::new())
        }
        (Some(extension), _) => {
            let lacks = format!("a `.{extension}` file is not a document kind scimlint reads");
            let at = Span::new(0, text.chars().next().map_or(0, char::len_utf8));
            (Outcome::Unrecognized { at, lacks }, source::secrets::find(&text, None))
        }
        (None, decode_error) => match decode_error {
            Some(error) => (Outcome::Unreadable(error), source::secrets::find(&text, None)),
            None => match source::parse(&text, syntax) {
                Ok(root) => {
                    let secrets = source::secrets::find(&text, Some(&root));
                    (recognise(file, &input.name, &text, syntax, &root, schemas), secrets)
                }
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

/// Recognises and reads a parsed document.
fn recognise(file: FileId, name: &str, text: &str, syntax: Syntax, root: &Node, schemas: &Schemas) -> Outcome {
    let kind = match model::recognize(root, name, syntax) {
        Ok(kind) => kind,
        Err(lacks) => {
            let first_key = root.members().and_then(<[_]>::first).map(|member| member.key_span);
            let first_char = Span::new(root.span.start, root.span.start + usize::from(!root.span.is_empty()));
            return Outcome::Unrecognized { at: first_key.unwrap_or(first_char), lacks };
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
    Outcome::Recognized {
        kind,
        duplicates: duplicate_keys(root),
        violations: violations(root, kind, schemas),
        shape,
        parts: model::read::read(file, text, root, kind),
    }
}

fn violations(root: &Node, kind: Kind, schemas: &Schemas) -> Vec<Violation> {
    match kind {
        Kind::ProfileMapping | Kind::UpdateBody => schemas.mapping.violations(root),
        Kind::Manifest => schemas.manifest.violations(root),
        Kind::MappingArray => each_item(&schemas.mapping, root),
        Kind::AppUserSchema => schemas.app_user_schema.violations(root),
        Kind::AppFeatures if root.items().is_some() => each_item(&schemas.app_features, root),
        Kind::AppFeatures => schemas.app_features.violations(root),
        Kind::MappingList | Kind::UserSchema | Kind::Application | Kind::Terraform | Kind::Config => Vec::new(),
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
