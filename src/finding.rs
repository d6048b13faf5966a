//! The one result type of every check. Renderers turn it into text, JSON, SARIF and the rest.

use crate::code::Code;
use crate::span::Span;

/// Index of a file in the run's [`crate::SourceFile`] list.
pub type FileId = usize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Keeps the meaning of the setup; `--fix` applies it.
    Safe,
    /// Changes what is provisioned; only `--unsafe-fixes` applies it.
    Unsafe,
}

/// Replace the bytes of `span` in `file` by `content`.
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    pub file: FileId,
    pub span: Span,
    pub content: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Fix {
    pub applicability: Applicability,
    pub title: String,
    pub edits: Vec<Edit>,
}

/// A secondary place that explains the finding ("first mapped here").
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub file: FileId,
    pub span: Span,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    pub file: FileId,
    pub span: Span,
    /// Short text drawn under the primary span.
    pub label: String,
    pub message: String,
    pub help: Option<String>,
    pub related: Vec<Label>,
    pub fix: Option<Fix>,
    /// JSON pointer of the node the finding is about, when it is about one.
    pub pointer: Option<String>,
}

impl Finding {
    /// A finding at its rule's default severity (the engine applies overrides later).
    #[must_use]
    pub fn new(code: Code, file: FileId, span: Span, message: impl Into<String>) -> Self {
        Self {
            code,
            severity: code.default_severity(),
            file,
            span,
            label: String::new(),
            message: message.into(),
            help: None,
            related: Vec::new(),
            fix: None,
            pointer: None,
        }
    }

    #[must_use]
    pub fn label(mut self, text: impl Into<String>) -> Self {
        self.label = text.into();
        self
    }

    #[must_use]
    pub fn help(mut self, text: impl Into<String>) -> Self {
        self.help = Some(text.into());
        self
    }

    #[must_use]
    pub fn related(mut self, file: FileId, span: Span, text: impl Into<String>) -> Self {
        self.related.push(Label { file, span, text: text.into() });
        self
    }

    #[must_use]
    pub fn pointer(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = Some(pointer.into());
        self
    }

    #[must_use]
    pub fn fix(mut self, applicability: Applicability, title: impl Into<String>, edits: Vec<Edit>) -> Self {
        self.fix = Some(Fix { applicability, title: title.into(), edits });
        self
    }

    #[must_use]
    pub fn fix_opt(self, fix: Option<Fix>) -> Self {
        Self { fix, ..self }
    }
}
