//! Findings: the one result type of every check, the fixes they carry, the report of a run, and
//! the rows of `scimlint preview`. Renderers turn a [`Report`] into text, JSON, SARIF and the
//! rest. This layer may import `source`, `expr` (the values a preview shows) and `ruleset` (rule
//! codes), never `model`, `checks`, `settings`, `engine` or `render`.

mod baseline;
pub mod fingerprint;
mod fix;
pub mod preview;
mod report;

pub use baseline::{Baseline, BaselineTally};
pub use fix::{Applicability, Edit, Fix, apply};
pub use report::{AppLine, AppStatus, FileInfo, FileRole, NotEvaluatedCount, Report, RunError, UsersSummary};

use std::sync::Arc;

use crate::ruleset::Code;
pub use crate::ruleset::Severity;
pub use crate::source::FileId;
use crate::source::Span;

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
    /// Shared: a rule can give 400,000 findings one long help text.
    pub help: Option<Arc<str>>,
    pub related: Vec<Label>,
    /// Boxed: most findings have none, and 400,000 findings are moved several times.
    pub fix: Option<Box<Fix>>,
    /// JSON pointer of the node the finding is about, when it is about one.
    pub pointer: Option<String>,
    /// The app it is about (its label, name or id), when its documents name one.
    pub app: Option<Arc<str>>,
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
            app: None,
        }
    }

    /// Reports below (or above) the rule's default severity; an explicit setting still wins.
    #[must_use]
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    #[must_use]
    pub fn label(mut self, text: impl Into<String>) -> Self {
        self.label = text.into();
        self
    }

    #[must_use]
    pub fn help(mut self, text: impl Into<Arc<str>>) -> Self {
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
        self.fix = Some(Box::new(Fix { applicability, title: title.into(), edits }));
        self
    }

    #[must_use]
    pub fn fix_opt(self, fix: Option<Fix>) -> Self {
        Self { fix: fix.map(Box::new), ..self }
    }
}
