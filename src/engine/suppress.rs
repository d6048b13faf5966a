//! The suppression stage: what comments and the config say not to report is taken out of the
//! findings, whatever rules were selected, and what suppressed nothing is returned for F010.

use super::Linter;
use crate::checks::{Ctx, Scene, Stage};
use crate::finding::{FileRole, Finding, Report};
use crate::model::Setup;
use crate::model::{Document, Outcome};
use crate::ruleset::apps::App;
use crate::settings::OrgFacts;
use crate::settings::{Comment, Settings, Unused, comments};
use crate::source::{FileId, SourceFile, Syntax};

/// One settings scope's view: its config file (for unused exceptions) and its settings.
pub struct ScopeSuppressions<'a> {
    pub settings: &'a Settings,
    pub config: Option<FileId>,
}

/// Removes suppressed findings; returns the suppressions that suppressed nothing.
pub fn suppress(
    files: &[SourceFile],
    documents: &[Document],
    scopes: &[ScopeSuppressions<'_>],
    findings: &mut Vec<Finding>,
) -> Vec<Unused> {
    // Each file once, with its scope; only YAML and HCL have comments.
    let mut scope_of: Vec<Option<usize>> = vec![None; files.len()];
    let mut found: Vec<(Comment, bool)> = Vec::new();
    for document in documents {
        if scope_of[document.file].is_some() {
            continue;
        }
        scope_of[document.file] = Some(document.scope);
        // Prose in a file that is no document of ours (a README) is no suppression comment.
        let ours = matches!(document.outcome, Outcome::Recognized { .. });
        if ours && matches!(document.syntax, Syntax::Yaml | Syntax::Hcl) {
            found.extend(comments(document.file, &files[document.file]).into_iter().map(|comment| (comment, false)));
        }
    }
    let nothing_to_suppress = found.is_empty()
        && scopes.iter().all(|scope| {
            let suppressions = &scope.settings.suppressions;
            suppressions.per_file_ignores.is_empty() && suppressions.exceptions.is_empty()
        });
    // Nothing suppresses, so nothing is unused: 400,000 findings of an export are kept as they are.
    if nothing_to_suppress {
        return Vec::new();
    }
    // Paths relative to each file's config directory, looked up once per file.
    let relative: Vec<Option<String>> = files
        .iter()
        .zip(&scope_of)
        .map(|(file, scope)| scopes.get((*scope)?)?.settings.suppressions.config_relative(&file.name))
        .collect();
    let mut exceptions_used: Vec<Vec<bool>> =
        scopes.iter().map(|scope| vec![false; scope.settings.suppressions.exceptions.len()]).collect();
    findings.retain(|finding| {
        let mut line = None;
        let covering = found.iter_mut().find(|(comment, _)| {
            comment.file == finding.file
                && comment.line.is_none_or(|at| {
                    let line = *line.get_or_insert_with(|| files[finding.file].position(finding.span.start).line);
                    line == at || line == at + 1
                })
                && comment.rules.iter().any(|rule| rule.matches(finding.code))
        });
        if let Some((_, used)) = covering {
            *used = true;
            return false;
        }
        let (Some(scope), Some(relative)) = (scope_of[finding.file], relative[finding.file].as_deref()) else {
            return true;
        };
        let suppressions = &scopes[scope].settings.suppressions;
        let ignored = suppressions.per_file_ignores.iter().any(|ignore| {
            ignore.matcher.is_match(relative) && ignore.rules.iter().any(|rule| rule.matches(finding.code))
        });
        if ignored {
            return false;
        }
        let pointer = finding.pointer.as_deref().unwrap_or_default();
        for (index, exception) in suppressions.exceptions.iter().enumerate() {
            let at_or_below = pointer == exception.pointer || pointer.starts_with(&format!("{}/", exception.pointer));
            if exception.file.trim_start_matches("./") == relative
                && at_or_below
                && exception.rules.iter().any(|rule| rule.matches(finding.code))
            {
                exceptions_used[scope][index] = true;
                return false;
            }
        }
        true
    });
    let mut unused: Vec<Unused> = found
        .into_iter()
        .filter(|(_, used)| !used)
        .map(|(comment, _)| Unused { file: comment.file, span: comment.span, what: "this `scimlint: ignore` comment" })
        .collect();
    for (index, scope) in scopes.iter().enumerate() {
        let Some(config) = scope.config else { continue };
        let exceptions = scope.settings.suppressions.exceptions.iter().zip(&exceptions_used[index]);
        for (exception, used) in exceptions {
            // An exception for a file this run did not read says nothing about that file.
            let linted = relative.iter().zip(&scope_of).any(|(name, of)| {
                *of == Some(index) && name.as_deref() == Some(exception.file.trim_start_matches("./"))
            });
            if linted && !used {
                unused.push(Unused { file: config, span: exception.span, what: "this exception" });
            }
        }
    }
    unused
}

impl Linter {
    pub(super) fn suppression_scopes(&self, report: &Report) -> Vec<ScopeSuppressions<'_>> {
        let config_file =
            |scope: usize| report.info.iter().position(|info| info.role == FileRole::Config && info.scope == scope);
        let scopes = self.scopes.iter().enumerate();
        scopes
            .map(|(index, scope)| ScopeSuppressions { settings: &scope.settings, config: config_file(index) })
            .collect()
    }

    /// F010, per scope, once the suppressions are applied.
    pub(super) fn report_unused(&self, report: &Report, unused: &[Unused], org: &[OrgFacts]) -> Vec<Finding> {
        let mut found = Vec::new();
        for (index, scope) in self.scopes.iter().enumerate() {
            let mine: Vec<Unused> =
                unused.iter().filter(|item| report.info[item.file].scope == index).cloned().collect();
            let scene = Scene {
                files: &report.files,
                documents: &[],
                setup: &Setup::default(),
                target: &scope.target,
                okta: &self.ruleset.okta,
                org: &org[index],
                unused: &mine,
                app: &App::unnamed(),
                users: None,
                shared: &self.shared,
            };
            found.extend(self.run_stage(Ctx::new(scene), Stage::AfterSuppression, &scope.settings));
        }
        found
    }
}
