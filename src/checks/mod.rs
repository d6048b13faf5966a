//! The checks, one per file, run in the order of [`CHECKS`].

mod constant_expression;
mod create_disabled;
mod deactivation_deletes;
mod deprecated_function;
mod duplicate_key;
mod duplicate_target_attribute;
mod empty_expression;
mod empty_mapping;
mod expression_sites;
mod expression_syntax;
mod external_name_mismatch;
mod group_assignment_attribute;
mod group_claim_function;
mod group_scoped_attribute;
mod invalid_push_status;
mod invalid_syntax;
mod missing_external_namespace;
mod missing_recommended_attribute;
mod push_without_update;
mod schema_violation;
mod secret_in_file;
mod summary_only_export;
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
mod username_in_mappings;
mod value_not_allowed;
mod wrong_arity;
mod wrong_direction;

pub(crate) use unknown_field::unknown_field;

use std::cell::OnceCell;
use std::rc::Rc;

use crate::code::Code;
use crate::engine::{Document, Schemas};
use crate::finding::{FileId, Finding};
use crate::model::{Mapping, Setup};
use crate::settings::Settings;
use crate::source::SourceFile;
use crate::target::Target;

/// What a check sees: the documents of one app, the setup read from them, and the target.
pub struct Ctx<'a> {
    pub files: &'a [SourceFile],
    pub documents: &'a [&'a Document],
    pub setup: &'a Setup,
    pub target: &'a Target,
    pub settings: &'a Settings,
    pub schemas: &'a Schemas,
    findings: Vec<Finding>,
    /// Parsed expressions, shared by the X and T checks (see `expression_sites`).
    sites: OnceCell<Rc<Vec<expression_sites::Site<'a>>>>,
}

impl<'a> Ctx<'a> {
    #[must_use]
    pub fn new(
        files: &'a [SourceFile],
        documents: &'a [&'a Document],
        setup: &'a Setup,
        target: &'a Target,
        settings: &'a Settings,
        schemas: &'a Schemas,
    ) -> Self {
        Self { files, documents, setup, target, settings, schemas, findings: Vec::new(), sites: OnceCell::new() }
    }

    pub fn report(&mut self, finding: Finding) {
        self.findings.push(finding);
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

    /// What the checks before this one found; only suppression may take findings away.
    pub fn findings_mut(&mut self) -> &mut Vec<Finding> {
        &mut self.findings
    }

    #[must_use]
    pub fn into_findings(self) -> Vec<Finding> {
        self.findings
    }
}

pub struct Check {
    pub code: Code,
    pub run: fn(&mut Ctx<'_>),
}

/// Every check, in the order `scimlint rules` lists them.
pub const CHECKS: &[Check] = &[
    Check { code: Code::F001, run: invalid_syntax::check },
    Check { code: Code::F002, run: unrecognized_document::check },
    Check { code: Code::F003, run: schema_violation::check },
    Check { code: Code::F004, run: duplicate_key::check },
    Check { code: Code::F005, run: summary_only_export::check },
    Check { code: Code::F006, run: wrong_direction::check },
    Check { code: Code::F007, run: invalid_push_status::check },
    Check { code: Code::F008, run: empty_mapping::check },
    Check { code: Code::F009, run: unknown_field::check },
    Check { code: Code::T101, run: unsupported_target_attribute::check },
    Check { code: Code::T102, run: username_in_mappings::check },
    Check { code: Code::T103, run: group_scoped_attribute::check },
    Check { code: Code::T104, run: duplicate_target_attribute::check },
    Check { code: Code::T105, run: missing_recommended_attribute::check },
    Check { code: Code::T106, run: missing_external_namespace::check },
    Check { code: Code::T107, run: external_name_mismatch::check },
    Check { code: Code::P301, run: update_without_push::check },
    Check { code: Code::P302, run: push_without_update::check },
    Check { code: Code::P303, run: deactivation_deletes::check },
    Check { code: Code::P304, run: unsupported_feature::check },
    Check { code: Code::P305, run: create_disabled::check },
    Check { code: Code::P306, run: group_assignment_attribute::check },
    Check { code: Code::S401, run: secret_in_file::check },
    Check { code: Code::X201, run: expression_syntax::check },
    Check { code: Code::X202, run: unknown_function::check },
    Check { code: Code::X203, run: wrong_arity::check },
    Check { code: Code::X204, run: unknown_user_attribute::check },
    Check { code: Code::X205, run: unsupported_reference::check },
    Check { code: Code::X206, run: deprecated_function::check },
    Check { code: Code::X207, run: group_claim_function::check },
    Check { code: Code::X208, run: constant_expression::check },
    Check { code: Code::X209, run: empty_expression::check },
    Check { code: Code::T108, run: value_not_allowed::check },
    Check { code: Code::T109, run: type_mismatch::check },
    // Last: it removes what the checks above found where a comment or the config says so.
    Check { code: Code::F010, run: unused_suppression::check },
];
