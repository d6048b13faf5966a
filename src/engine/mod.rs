//! Engine: the pipeline, and nothing else. It reads top to bottom:
//!
//! collect the inputs (each file numbered once, here) → analyse each file in parallel → join the
//! documents per app → with `--users`, stream the users and tally each app's mapped values
//! (`users`) → run the selected checks in parallel → suppress (always, whatever is selected) →
//! report unused suppressions → severity and `--fail-on` → sort and dedupe → report.
//!
//! It may import every layer but `render`; rule decisions live in `checks`, facts in `ruleset`.

mod analyse;
mod apps;
mod fixes;
mod preview;
mod scope;
mod stream;
mod suppress;
mod terraform;
mod users;

pub use fixes::{FileFix, plan};
pub use scope::Scope;
pub use users::UsersInput;

use std::sync::Arc;

use crate::checks::user_values::UserValues;

use crate::checks::{CHECKS, Check, Ctx, Scene, SharedTexts, Stage, judges_the_target};
use crate::error::DataError;
use crate::finding::{Finding, Report};
use crate::model::{self, Document, Setup, Unit};
use crate::ruleset::apps::App;
use crate::ruleset::{RuleSet, Target};
use crate::settings::{OrgFacts, Settings};
use crate::source::{Input, SourceFile};

/// A run: the report, each app's documents and what the app is, and with `--users` each app's
/// values over the users.
struct Run {
    report: Report,
    units: Vec<Unit>,
    apps: Vec<App>,
    values: Vec<Option<Box<UserValues>>>,
}

/// From this many mapping entries on, an app's checks are spread over the cores: below, starting
/// the threads costs more than the checks take.
const MANY_ENTRIES: usize = 5_000;

/// One app's documents, what it is, and its values over the users when there are users files.
type Work<'a> = (&'a Unit, &'a App, Option<&'a UserValues>);

pub struct Linter {
    scopes: Vec<Scope>,
    ruleset: &'static RuleSet,
    users: Option<UsersInput>,
    /// See [`Self::exiting_after_run`].
    exiting: bool,
    shared: SharedTexts,
}

impl Linter {
    /// A linter with one set of settings and no config file.
    pub fn new(target: Target, settings: Settings) -> Result<Self, DataError> {
        Self::with_scopes(vec![Scope { target, settings, config: None }])
    }

    /// A linter for inputs under several config files; inputs name their scope by index.
    pub fn with_scopes(scopes: Vec<Scope>) -> Result<Self, DataError> {
        Ok(Self { scopes, ruleset: RuleSet::built_in()?, users: None, exiting: false, shared: SharedTexts::default() })
    }

    /// For a process that exits after its run (the CLI): the documents' trees are left to the
    /// exit, not freed one by one (a tenth of a large export's run).
    #[must_use]
    pub fn exiting_after_run(mut self) -> Self {
        self.exiting = true;
        self
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
        let Run { report, units, apps, values } = self.run(inputs);
        self.release((units, apps, values));
        report
    }

    fn release<T>(&self, unneeded: T) {
        if self.exiting {
            std::mem::forget(unneeded);
        }
    }

    /// Lints inputs and keeps what their documents say, per app (for `scimlint table`).
    #[must_use]
    pub fn lint_with_setups(&self, inputs: Vec<Input>) -> (Report, Vec<Setup>) {
        let run = self.run(inputs.into_iter().map(|input| (0, input)).collect());
        (run.report, run.units.into_iter().map(|unit| unit.setup).collect())
    }

    fn run(&self, inputs: Vec<(usize, Input)>) -> Run {
        let (mut report, mut documents) = self.collect_and_analyse(inputs);
        self.evaluate_terraform(&mut report, &mut documents);
        let org = self.org_facts(&documents);
        let units = model::join(&report.files, &mut documents);
        let apps = self.identify(&units);
        let values = self.users_stage(&units, &apps, &mut report);
        let work: Vec<Work<'_>> =
            units.iter().zip(&apps).zip(values.iter().map(Option::as_deref)).map(|((u, a), v)| (u, a, v)).collect();
        let found: Vec<Vec<Finding>> =
            crate::parallel::map_ref(&work, |work| self.check(&report.files, &documents, work, &org));
        let mut findings = crate::parallel::concat(found);
        let unused = suppress::suppress(&report.files, &documents, &self.suppression_scopes(&report), &mut findings);
        findings.extend(self.report_unused(&report, &unused, &org));
        self.apply_severities(&report, &mut findings);
        report.findings = findings;
        report.sort_and_dedupe();
        report.apps = apps::summary(&units, &apps);
        report.not_evaluated = terraform::count_not_evaluated(&units, &apps);
        report.docs_url = self.scopes.iter().find_map(|scope| scope.settings.docs_url.clone());
        self.release(documents);
        Run { report, units, apps, values }
    }

    /// The selected checks of the documents stage, on one app's documents and values. An app
    /// that is not the target is not judged by the target's rules, and nothing of it is fixed.
    fn check(&self, files: &[SourceFile], documents: &[Document], work: &Work<'_>, org: &[OrgFacts]) -> Vec<Finding> {
        let &(unit, app, users) = work;
        let (scope, org) = (&self.scopes[unit.scope], &org[unit.scope]);
        let unit_documents: Vec<&Document> = unit.documents.iter().map(|&index| &documents[index]).collect();
        let scene = Scene {
            files,
            documents: &unit_documents,
            setup: &unit.setup,
            target: &scope.target,
            okta: &self.ruleset.okta,
            org,
            unused: &[],
            app,
            users,
            shared: &self.shared,
        };
        let mut findings = self.run_stage(Ctx::new(scene), Stage::Documents, &scope.settings);
        terraform::point_at_generators(&unit.setup, &mut findings);
        // One name shared by the app's findings, which can be 400,000.
        let name: Option<Arc<str>> = app.name.as_deref().map(Arc::from);
        for finding in &mut findings {
            finding.app.clone_from(&name);
            if !app.verdict.is_target() {
                finding.fix = None;
            }
        }
        findings
    }

    fn run_stage(&self, mut ctx: Ctx<'_>, stage: Stage, settings: &Settings) -> Vec<Finding> {
        let target = ctx.app.verdict.is_target();
        let selected: Vec<&Check> = CHECKS
            .iter()
            .filter(|check| check.stage == stage)
            .filter(|check| {
                settings.rules.severity_of(check.code).is_some() && (target || !judges_the_target(check.code))
            })
            .collect();
        let entries: usize = ctx.setup.mappings.iter().map(|mapping| mapping.entries.len()).sum();
        if entries < MANY_ENTRIES {
            for check in selected {
                (check.run)(&mut ctx);
            }
            return ctx.into_findings();
        }
        // One app this large is most of the run: its checks go to all cores, each with its own
        // findings, which are put back in the registry's order.
        let found = crate::parallel::map_ref_on_all_cores(&selected, |check| {
            let mut fork = ctx.fork();
            (check.run)(&mut fork);
            fork.into_findings()
        });
        // The parsed expressions the forks shared.
        self.release(ctx);
        // In any order: each check reports codes of its own, and the report orders findings by
        // place and code, one check's in the order it reported them.
        crate::parallel::onto_largest(found)
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
