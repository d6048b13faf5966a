//! Engine: the pipeline, and nothing else. It reads top to bottom:
//!
//! collect the inputs (each file numbered once, here) → analyse each file in parallel → join the
//! documents per app → run the selected checks in parallel → suppress (always, whatever is
//! selected) → report unused suppressions → severity and `--fail-on` → sort and dedupe → report.
//!
//! It may import every layer but `render`; rule decisions live in `checks`, facts in `ruleset`.

mod analyse;
mod fixes;
mod scope;
mod suppress;

pub use fixes::{FileFix, plan};
pub use scope::Scope;

use analyse::Analysed;
use suppress::ScopeSuppressions;

use crate::checks::{CHECKS, Ctx, Scene, Stage};
use crate::error::DataError;
use crate::finding::{FileInfo, FileRole, Finding, Report};
use crate::model::{self, Document, Kind, Outcome, Setup, Unit};
use crate::ruleset::{RuleSet, Target};
use crate::settings::{OrgFacts, Settings, Unused};
use crate::source::{Input, SourceFile};

pub struct Linter {
    scopes: Vec<Scope>,
    ruleset: &'static RuleSet,
}

impl Linter {
    /// A linter with one set of settings and no config file.
    pub fn new(target: Target, settings: Settings) -> Result<Self, DataError> {
        Self::with_scopes(vec![Scope { target, settings, config: None }])
    }

    /// A linter for inputs under several config files; inputs name their scope by index.
    pub fn with_scopes(scopes: Vec<Scope>) -> Result<Self, DataError> {
        Ok(Self { scopes, ruleset: RuleSet::built_in()? })
    }

    #[must_use]
    pub fn scopes(&self) -> &[Scope] {
        &self.scopes
    }

    #[must_use]
    pub fn into_scopes(self) -> Vec<Scope> {
        self.scopes
    }

    /// Lints inputs under the first scope; findings come back sorted by file, position and code.
    #[must_use]
    pub fn lint(&self, inputs: Vec<Input>) -> Report {
        self.lint_scoped(inputs.into_iter().map(|input| (0, input)).collect())
    }

    /// Lints inputs, each under the scope it names. The n-th input is file n of the report.
    #[must_use]
    pub fn lint_scoped(&self, inputs: Vec<(usize, Input)>) -> Report {
        self.run(inputs).0
    }

    /// Lints inputs and keeps what their documents say, per app (for `scimlint table`).
    #[must_use]
    pub fn lint_with_setups(&self, inputs: Vec<Input>) -> (Report, Vec<Setup>) {
        let (report, units) = self.run(inputs.into_iter().map(|input| (0, input)).collect());
        (report, units.into_iter().map(|unit| unit.setup).collect())
    }

    fn run(&self, inputs: Vec<(usize, Input)>) -> (Report, Vec<Unit>) {
        let (mut report, mut documents) = self.collect_and_analyse(inputs);
        let org = self.org_facts(&documents);
        let units = model::join(&report.files, &mut documents);
        let found: Vec<Vec<Finding>> =
            crate::parallel::map_ref(&units, |unit| self.check(&report.files, &documents, unit, &org[unit.scope]));
        let mut findings: Vec<Finding> = found.into_iter().flatten().collect();
        let unused = suppress::suppress(&report.files, &documents, &self.suppression_scopes(&report), &mut findings);
        findings.extend(self.report_unused(&report, &unused, &org));
        self.apply_severities(&report, &mut findings);
        report.findings = findings;
        report.sort_and_dedupe();
        report.docs_url = self.scopes.iter().find_map(|scope| scope.settings.docs_url.clone());
        (report, units)
    }

    /// Numbers every input, then every scope's config file, and analyses them on all cores.
    fn collect_and_analyse(&self, inputs: Vec<(usize, Input)>) -> (Report, Vec<Document>) {
        let numbered: Vec<(usize, (usize, Input))> = inputs.into_iter().enumerate().collect();
        let schemas = &self.ruleset.schemas;
        let analysed = crate::parallel::map(numbered, |(file, (scope, input))| {
            (scope, analyse::analyse(file, scope, input, schemas))
        });
        let mut report = Report::default();
        let mut documents = Vec::new();
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
    fn org_facts(&self, documents: &[Document]) -> Vec<OrgFacts> {
        let mut facts: Vec<OrgFacts> = self.scopes.iter().map(|scope| scope.settings.org.clone()).collect();
        for document in documents {
            if let Outcome::Recognized { kind: Kind::UserSchema, shape, .. } = &document.outcome {
                let custom = facts[document.scope].custom_attributes.get_or_insert_with(Vec::new);
                custom.extend(shape.custom_attributes.iter().cloned());
            }
        }
        facts
    }

    /// The selected checks of the documents stage, on one app's documents.
    fn check(&self, files: &[SourceFile], documents: &[Document], unit: &Unit, org: &OrgFacts) -> Vec<Finding> {
        let scope = &self.scopes[unit.scope];
        let unit_documents: Vec<&Document> = unit.documents.iter().map(|&index| &documents[index]).collect();
        let scene = Scene {
            files,
            documents: &unit_documents,
            setup: &unit.setup,
            target: &scope.target,
            okta: &self.ruleset.okta,
            org,
            unused: &[],
        };
        self.run_stage(Ctx::new(scene), Stage::Documents, &scope.settings)
    }

    fn run_stage(&self, mut ctx: Ctx<'_>, stage: Stage, settings: &Settings) -> Vec<Finding> {
        for check in CHECKS.iter().filter(|check| check.stage == stage) {
            if settings.rules.severity_of(check.code).is_some() {
                (check.run)(&mut ctx);
            }
        }
        ctx.into_findings()
    }

    fn suppression_scopes(&self, report: &Report) -> Vec<ScopeSuppressions<'_>> {
        let config_file =
            |scope: usize| report.info.iter().position(|info| info.role == FileRole::Config && info.scope == scope);
        let scopes = self.scopes.iter().enumerate();
        scopes
            .map(|(index, scope)| ScopeSuppressions { settings: &scope.settings, config: config_file(index) })
            .collect()
    }

    /// F010, per scope, once the suppressions are applied.
    fn report_unused(&self, report: &Report, unused: &[Unused], org: &[OrgFacts]) -> Vec<Finding> {
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
            };
            found.extend(self.run_stage(Ctx::new(scene), Stage::AfterSuppression, &scope.settings));
        }
        found
    }

    /// Each finding at the severity its scope gives its rule; findings of rules turned off go.
    fn apply_severities(&self, report: &Report, findings: &mut Vec<Finding>) {
        findings.retain_mut(|finding| {
            let rules = &self.scopes[report.info[finding.file].scope].settings.rules;
            match rules.severity_for(finding.code, finding.severity) {
                Some(severity) => {
                    finding.severity = severity;
                    true
                }
                None => false,
            }
        });
    }
}
