//! Ruleset: the data in `rules/` as typed values — the rule table (codes, names, severities,
//! documentation), target profiles, the Okta catalogue, the documents' JSON Schemas. It decides
//! nothing about a file by itself; checks ask it. It may import `source`, `expr` and `model`,
//! never `checks`, `settings`, `engine`, `finding` or `render`.

pub mod apps;
mod code;
pub mod data;
mod embedded;
mod instance;
pub mod okta;
pub mod schema;
pub mod target;

use std::sync::LazyLock;

pub use code::{Code, FixAvailability, RuleInfo, Severity};
pub use embedded::{embedded_file, embedded_paths, read_embedded};
pub use okta::Okta;
pub use schema::{Schema, Schemas};
pub use target::Target;

use crate::error::DataError;

/// The built-in data a run needs beside the rule table: the Okta catalogue and the compiled
/// document schemas.
pub struct RuleSet {
    pub okta: Okta,
    pub schemas: Schemas,
}

static BUILT_IN: LazyLock<Result<RuleSet, DataError>> =
    LazyLock::new(|| Ok(RuleSet { okta: Okta::load()?, schemas: Schemas::load()? }));

impl RuleSet {
    /// Loaded and compiled once per process, on first use. An error means the embedded `rules/`
    /// data is unusable: a defect of the build, which the test suite catches first.
    pub fn built_in() -> Result<&'static Self, DataError> {
        BUILT_IN.as_ref().map_err(Clone::clone)
    }
}
