//! Checks: one rule per file — a constructor for its finding, then `check(ctx)` — and the plain
//! ordered registry [`CHECKS`]. A check reads the model of one app's documents, the target
//! profile and the Okta catalogue, and reports findings; it never removes one (suppression is a
//! stage of the pipeline). It may import `source`, `expr`, `model`, `ruleset`, `settings`,
//! `users` (the V rules read value tallies) and `finding`, never `engine` or `render`.

mod always_apply;
mod conflicting_documents;
mod constant_expression;
mod create_disabled;
mod deactivation_deletes;
mod deprecated_function;
mod duplicate_key;
mod duplicate_target_attribute;
mod duplicate_username;
mod empty_expression;
mod empty_mapping;
mod evaluation_error;
mod expression_sites;
mod expression_syntax;
mod external_name_mismatch;
mod group_assignment_attribute;
mod group_claim_function;
mod group_not_found;
mod group_scoped_attribute;
mod invalid_push_status;
mod invalid_syntax;
mod missing_external_namespace;
mod missing_recommended_attribute;
mod missing_value;
mod not_evaluated;
mod not_target_app;
mod push_without_update;
mod rejected_by_okta;
mod schema_violation;
mod secret_in_file;
mod summary_only_export;
mod team_variants;
mod type_mismatch;
mod unknown_field;
mod unknown_function;
mod unknown_user_attribute;
mod unrecognized_document;
mod unsupported_feature;
mod unsupported_reference;
mod unsupported_target_attribute;
mod unused_suppression;
mod update_without_push;
pub mod user_values;
mod username_in_mappings;
mod username_not_email;
mod username_template_not_email;
mod value_not_allowed;
mod wrong_arity;
mod wrong_direction;

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::{Arc, Mutex, OnceLock};

use crate::finding::{FileId, Finding};
use crate::model::{Document, Mapping, Setup};
use crate::ruleset::apps::App;
use crate::ruleset::{Code, Okta, Target};
use crate::settings::{OrgFacts, Unused};
use crate::source::SourceFile;
use user_values::UserValues;

/// What a check sees: the documents of one app, the setup read from them, the target and the
/// facts about the org.
pub struct Ctx<'a> {
    pub files: &'a [SourceFile],
    pub documents: &'a [&'a Document],
    pub setup: &'a Setup,
    pub target: &'a Target,
    pub okta: &'a Okta,
    pub org: &'a OrgFacts,
    /// Suppressions that suppressed nothing; only after the suppression stage (F010).
    pub unused: &'a [Unused],
    /// Which app the documents are, and whether it is the target.
    pub app: &'a App,
    /// The values of this app's mappings over the users, with `--users` (the V rules).
    pub users: Option<&'a UserValues>,
    /// Texts shared by the findings of every app of the run.
    pub shared: &'a SharedTexts,
    findings: Vec<Finding>,
    /// Parsed expressions, shared by the X and T checks (see `expression_sites`).
    /// Forks of one `Ctx` share them, so the checks of one app may run on several cores.
    sites: Arc<OnceLock<Arc<Vec<expression_sites::Site<'a>>>>>,
}

/// What a [`Ctx`] is made of, so that building one reads as a list of named parts.
pub struct Scene<'a> {
    pub files: &'a [SourceFile],
    pub documents: &'a [&'a Document],
    pub setup: &'a Setup,
    pub target: &'a Target,
    pub okta: &'a Okta,
    pub org: &'a OrgFacts,
    pub unused: &'a [Unused],
    pub app: &'a App,
    pub users: Option<&'a UserValues>,
    pub shared: &'a SharedTexts,
}

/// Texts that the findings of many apps say alike (a help made of the target's facts, not the
/// user's): kept once, so that ten thousand apps' findings hold one copy and the human format
/// wraps it once.
#[derive(Debug, Default)]
pub struct SharedTexts(Mutex<HashSet<Arc<str>>>);

impl SharedTexts {
    /// `text`, as the one copy of it that the run shares.
    pub fn get(&self, text: &str) -> Arc<str> {
        let Ok(mut texts) = self.0.lock() else { return Arc::from(text) };
        if let Some(known) = texts.get(text) {
            return Arc::clone(known);
        }
        let shared: Arc<str> = Arc::from(text);
        texts.insert(Arc::clone(&shared));
        shared
    }
}

impl<'a> Ctx<'a> {
    #[must_use]
    pub fn new(scene: Scene<'a>) -> Self {
        let Scene { files, documents, setup, target, okta, org, unused, app, users, shared } = scene;
        Self {
            files,
            documents,
            setup,
            target,
            okta,
            org,
            unused,
            app,
            users,
            shared,
            findings: Vec::new(),
            sites: Arc::default(),
        }
    }

    /// The same view with no findings yet, sharing the parsed expressions: one per check when
    /// the checks of one app run in parallel.
    #[must_use]
    pub fn fork(&self) -> Self {
        Self {
            files: self.files,
            documents: self.documents,
            setup: self.setup,
            target: self.target,
            okta: self.okta,
            org: self.org,
            unused: self.unused,
            app: self.app,
            users: self.users,
            shared: self.shared,
            findings: Vec::new(),
            sites: Arc::clone(&self.sites),
        }
    }

    pub fn report(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    /// Room for `more` findings: a check that knows it will report 400,000 says so first, as a
    /// list that doubles moves them all again each time.
    pub fn reserve(&mut self, more: usize) {
        // And a little more: the other checks' findings are later appended to the largest list.
        self.findings.reserve(more + more / 64);
    }

    #[must_use]
    pub fn text(&self, file: FileId) -> &'a str {
        self.files.get(file).map_or("", |source| source.text.as_str())
    }

    /// Mappings that provision the target: App → Okta mappings are F006's alone.
    pub fn to_app_mappings(&self) -> impl Iterator<Item = &'a Mapping> + use<'a> {
        let setup: &'a Setup = self.setup;
        setup.mappings.iter().filter(|mapping| !mapping.direction.as_ref().is_some_and(|d| d.is_to_okta()))
    }

    #[must_use]
    pub fn into_findings(self) -> Vec<Finding> {
        self.findings
    }
}

/// A name in ASCII lower case, borrowed when it has no capital letter: a map keyed by every entry
/// of a 400,000-entry export should not copy each name.
#[must_use]
pub fn ascii_folded(name: &str) -> Cow<'_, str> {
    if name.bytes().any(|byte| byte.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

/// A name in lower case (Unicode's), borrowed when lowering leaves it as it is.
#[must_use]
pub fn folded(name: &str) -> Cow<'_, str> {
    if name.is_ascii() { ascii_folded(name) } else { Cow::Owned(name.to_lowercase()) }
}

/// When a check runs: on each app's documents, or once after suppressions were applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Documents,
    AfterSuppression,
}

pub struct Check {
    pub code: Code,
    pub stage: Stage,
    pub run: fn(&mut Ctx<'_>),
}

/// Whether a rule judges the setup as the target's (the T, P and V families; the X rules, whose
/// references and functions are those of a mapping to the target; F006 on the mapping's
/// direction): such rules never run on an app that is not the target. What is wrong with any
/// document (syntax, shape, duplicates, credentials) still is said.
#[must_use]
pub fn judges_the_target(code: Code) -> bool {
    matches!(code, Code::F006 | Code::F011 | Code::F012 | Code::F014) || code.as_str().starts_with(['T', 'P', 'V', 'X'])
}

const fn on_documents(code: Code, run: fn(&mut Ctx<'_>)) -> Check {
    Check { code, stage: Stage::Documents, run }
}

/// Every check, sorted by code (a test holds the order and that each rule in `rules/rules.yaml`
/// has exactly one).
pub const CHECKS: &[Check] = &[
    on_documents(Code::F001, invalid_syntax::check),
    on_documents(Code::F002, unrecognized_document::check),
    on_documents(Code::F003, schema_violation::check),
    on_documents(Code::F004, duplicate_key::check),
    on_documents(Code::F005, summary_only_export::check),
    on_documents(Code::F006, wrong_direction::check),
    on_documents(Code::F007, invalid_push_status::check),
    on_documents(Code::F008, empty_mapping::check),
    on_documents(Code::F009, unknown_field::check),
    Check { code: Code::F010, stage: Stage::AfterSuppression, run: unused_suppression::check },
    on_documents(Code::F011, not_evaluated::check),
    on_documents(Code::F012, conflicting_documents::check),
    on_documents(Code::F013, not_target_app::check),
    on_documents(Code::F014, rejected_by_okta::check),
    on_documents(Code::P301, update_without_push::check),
    on_documents(Code::P302, push_without_update::check),
    on_documents(Code::P303, deactivation_deletes::check),
    on_documents(Code::P304, unsupported_feature::check),
    on_documents(Code::P305, create_disabled::check),
    on_documents(Code::P306, group_assignment_attribute::check),
    on_documents(Code::P307, always_apply::check),
    on_documents(Code::S401, secret_in_file::check),
    on_documents(Code::T101, unsupported_target_attribute::check),
    on_documents(Code::T102, username_in_mappings::check),
    on_documents(Code::T103, group_scoped_attribute::check),
    on_documents(Code::T104, duplicate_target_attribute::check),
    on_documents(Code::T105, missing_recommended_attribute::check),
    on_documents(Code::T106, missing_external_namespace::check),
    on_documents(Code::T107, external_name_mismatch::check),
    on_documents(Code::T108, value_not_allowed::check),
    on_documents(Code::T109, type_mismatch::check),
    on_documents(Code::T110, username_template_not_email::check),
    on_documents(Code::V501, group_not_found::check),
    on_documents(Code::V502, team_variants::check),
    on_documents(Code::V503, missing_value::check),
    on_documents(Code::V504, evaluation_error::check),
    on_documents(Code::V505, username_not_email::check),
    on_documents(Code::V506, duplicate_username::check),
    on_documents(Code::X201, expression_syntax::check),
    on_documents(Code::X202, unknown_function::check),
    on_documents(Code::X203, wrong_arity::check),
    on_documents(Code::X204, unknown_user_attribute::check),
    on_documents(Code::X205, unsupported_reference::check),
    on_documents(Code::X206, deprecated_function::check),
    on_documents(Code::X207, group_claim_function::check),
    on_documents(Code::X208, constant_expression::check),
    on_documents(Code::X209, empty_expression::check),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// One text that the checks of many apps write is held once.
    #[test]
    fn a_shared_text_is_one_copy() {
        let shared = SharedTexts::default();
        let first = shared.get("make sure the Okta values are consistent");
        let second = shared.get(&String::from("make sure the Okta values are consistent"));
        assert!(Arc::ptr_eq(&first, &second));
        assert!(!Arc::ptr_eq(&first, &shared.get("another text")));
    }
}
