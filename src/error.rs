//! What stops scimlint from doing its job (exit 2). Findings about the linted files are not errors.

use miette::{Diagnostic, NamedSource, SourceSpan};
use thiserror::Error;

#[derive(Debug, Error, Diagnostic)]
pub enum Error {
    #[error("cannot read `{path}`: {reason}")]
    #[diagnostic(code(scimlint::io))]
    Io { path: String, reason: String },

    #[error("cannot write `{path}`: {reason}; the file is unchanged")]
    #[diagnostic(code(scimlint::write))]
    Write { path: String, reason: String },

    #[error("no lintable file found in {paths}")]
    #[diagnostic(
        code(scimlint::no_input),
        help(
            "scimlint reads Okta exports (mappings, app-user and user schemas, features, applications), Terraform files and plans, and scimlint manifests (YAML with `mappings:`); a users export is read with `--users`; name a file to see why it is not recognised"
        )
    )]
    NoInput { paths: String },

    #[error("unknown target `{name}`")]
    #[diagnostic(code(scimlint::target), help("built-in targets: {known}; or give the path of a YAML target profile"))]
    UnknownTarget { name: String, known: String },

    #[error("unknown rule `{name}`")]
    #[diagnostic(code(scimlint::rule), help("`scimlint rules` lists every code and name"))]
    UnknownRule { name: String },

    #[error("{message}")]
    #[diagnostic(
        code(scimlint::users_filter),
        help(
            "write `ATTR=VALUE` or Okta's filter syntax, such as `status eq \"ACTIVE\" and profile.department eq \"Sales\"`"
        )
    )]
    UsersFilter {
        message: String,
        #[source_code]
        filter: String,
        #[label("here")]
        at: SourceSpan,
    },

    #[error("{message}")]
    #[diagnostic(code(scimlint::preview), help("{help}"))]
    Preview { message: String, help: String },

    #[error(transparent)]
    #[diagnostic(transparent)]
    Data(#[from] DataError),
}

impl Error {
    /// The path the error is about, when it is about one.
    #[must_use]
    pub fn path(&self) -> Option<&str> {
        match self {
            Self::Io { path, .. } | Self::Write { path, .. } => Some(path),
            _ => None,
        }
    }

    #[must_use]
    pub fn io(path: &str, error: &std::io::Error) -> Self {
        let reason = match error.kind() {
            std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
            _ => error.to_string(),
        };
        Self::Io { path: path.to_owned(), reason }
    }
}

/// A rule-data, target-profile or config file that cannot be used, with the place that says why.
#[derive(Clone, Debug, Error, Diagnostic)]
#[error("{path}: {reason}")]
#[diagnostic(code(scimlint::data))]
pub struct DataError {
    pub path: String,
    pub reason: String,
    #[source_code]
    pub source_code: Option<std::sync::Arc<NamedSource<String>>>,
    #[label("here")]
    pub span: Option<SourceSpan>,
}

impl DataError {
    #[must_use]
    pub fn missing(path: &str) -> Self {
        Self::invalid(path, "the file is missing")
    }

    #[must_use]
    pub fn invalid(path: &str, reason: impl Into<String>) -> Self {
        Self { path: path.to_owned(), reason: reason.into(), source_code: None, span: None }
    }

    #[must_use]
    pub fn at(path: &str, text: &str, span: impl Into<SourceSpan>, reason: impl Into<String>) -> Self {
        Self {
            path: path.to_owned(),
            reason: reason.into(),
            source_code: Some(std::sync::Arc::new(NamedSource::new(path, text.to_owned()))),
            span: Some(span.into()),
        }
    }
}
