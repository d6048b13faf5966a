//! One file as the pipeline analysed it: how far it got (unreadable, unrecognised, or a known
//! document kind) and what checks need of its tree once the tree is gone.

use super::read::Part;
use super::{Kind, Located, NotOurs};
use crate::source::tree::DuplicateKey;
use crate::source::{FileId, Span, Syntax, SyntaxError};

/// One way a document breaks the JSON Schema of its kind.
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    pub pointer: String,
    pub span: Span,
    pub message: String,
    /// What to draw under the span.
    pub label: String,
}

/// A key the schema of its document does not define, with the keys it does define at that level.
#[derive(Clone, Debug)]
pub struct UnknownKey {
    pub key: String,
    pub key_span: Span,
    pub pointer: String,
    pub known: Vec<String>,
    /// The keys the object has, so that a rename never makes a second copy of one.
    pub present: Vec<String>,
}

/// How far one file got. The syntax tree itself is not kept: what the checks need of it is read
/// while it exists, so memory does not grow with every file's tree.
pub enum Outcome {
    Unreadable(SyntaxError),
    /// `at` is the first key or character, enough to show which document is meant.
    Unrecognized {
        at: Span,
        why: NotOurs,
    },
    Recognized {
        kind: Kind,
        duplicates: Vec<DuplicateKey>,
        violations: Vec<Violation>,
        shape: Shape,
        parts: Vec<Part>,
    },
}

/// What checks need to know about a recognised document's tree beyond the setup read from it.
#[derive(Default)]
pub struct Shape {
    pub span: Span,
    /// The number of elements when the document is an array.
    pub items: Option<usize>,
    /// Manifest keys scimlint does not define (F009).
    pub unknown_keys: Vec<UnknownKey>,
    /// Custom `user.*` attributes, when the document is an Okta user schema.
    pub custom_attributes: Vec<String>,
    /// The target profile a manifest names (`target: haiilo`).
    pub declared_target: Option<Located>,
}

pub struct Document {
    pub file: FileId,
    /// Which settings apply: files under different config files are checked apart.
    pub scope: usize,
    pub syntax: Syntax,
    pub outcome: Outcome,
}

impl Document {
    #[must_use]
    pub fn kind(&self) -> Option<Kind> {
        match &self.outcome {
            Outcome::Recognized { kind, .. } => Some(*kind),
            _ => None,
        }
    }
}
