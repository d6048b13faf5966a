//! The Terraform stage: every module of the run — the `.tf` and `.tfvars` files of one directory
//! under one scope — evaluated as `terraform plan` would (with the scope's `--var-file` and
//! `--var`), its local modules read from disk, and each document handed the parts of its
//! resources. A directory another module calls is not also evaluated as a root of its own.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::path::{Path, PathBuf};

use super::Linter;
use crate::finding::{FileInfo, FileRole, Finding, Label, NotEvaluatedCount, Report};
use crate::model::read::terraform as reader;
use crate::model::{Covers, Document, EntryValue, Kind, Outcome, Setup, Unevaluated, Unit};
use crate::ruleset::apps::App;
use crate::source::Span;
use crate::terraform::{self as tf, CliVar, ModuleLoader};

/// The name Terraform would give the file: one recognised by its content (stdin, a file named
/// otherwise) is configuration, as a `.tf` file is.
fn module_file_name(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    let known = [".tf", ".tfvars", ".tfvars.json"].iter().any(|suffix| lower.ends_with(suffix));
    if known { name.to_owned() } else { format!("{name}.tf") }
}

fn directory(name: &str) -> &str {
    name.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// Local modules, read from disk and added to the run's files (a file the run already holds
/// keeps its number).
struct DiskLoader<'a> {
    root: PathBuf,
    scope: usize,
    fail_on: Option<crate::finding::Severity>,
    report: &'a mut Report,
    /// Directories read as modules, as the run names them.
    called: Vec<String>,
}

fn shown(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/").trim_start_matches("./").to_owned()
}

impl DiskLoader<'_> {
    /// The files of `path` Terraform reads: `.tf`, and for a root module its variable files;
    /// files named in `skip` are those the run already has under another name.
    fn read(&mut self, path: &Path, root: bool, skip: &[&str]) -> Result<Vec<tf::SourceFile>, String> {
        let entries = std::fs::read_dir(path).map_err(|error| format!("{} cannot be read: {error}", path.display()))?;
        let wanted = |name: &str| {
            name.ends_with(".tf")
                || (root
                    && (name == "terraform.tfvars"
                        || name == "terraform.tfvars.json"
                        || name.ends_with(".auto.tfvars")))
        };
        let mut names: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| {
                path.file_name()
                    .and_then(|name| name.to_str())
                    .is_some_and(|name| wanted(name) && !skip.contains(&name))
            })
            .collect();
        names.sort();
        let mut files = Vec::new();
        for path in names {
            let name = shown(&path);
            let info = FileInfo { role: FileRole::Checked, scope: self.scope, fail_on: self.fail_on };
            let id = self.report.file_id_or_add(&name, info, || {
                std::fs::read_to_string(&path).map_err(|error| format!("{name} cannot be read: {error}"))
            })?;
            let text = self.report.files[id].text.clone();
            files.push(tf::SourceFile { id, name, text });
        }
        Ok(files)
    }
}

impl ModuleLoader for DiskLoader<'_> {
    fn load(&mut self, dir: &str) -> Result<Vec<tf::SourceFile>, String> {
        let path = self.root.join(dir);
        self.called.push(shown(&path));
        self.read(&path, false, &[])
    }
}

impl Linter {
    pub(super) fn evaluate_terraform(&self, report: &mut Report, documents: &mut [Document]) {
        let mut groups: BTreeMap<(usize, usize, String), Vec<usize>> = BTreeMap::new();
        let mut plans = Vec::new();
        for (index, document) in documents.iter().enumerate() {
            match document.outcome {
                Outcome::Recognized { kind: Kind::Terraform, .. } => {
                    let dir = directory(&report.files[document.file].name).to_owned();
                    // Shallow directories first: a caller reads its modules before they could be
                    // taken for roots.
                    groups.entry((dir.matches('/').count(), document.scope, dir)).or_default().push(index);
                }
                Outcome::Recognized { kind: Kind::TerraformPlan, .. } => plans.push(index),
                _ => {}
            }
        }
        // A plan's configuration is read with the plan, not again as a module of its own.
        let mut called: Vec<String> = Vec::new();
        for plan in plans {
            called.extend(self.read_plan(report, documents, plan));
        }
        for ((_, scope, dir), members) in groups {
            if called.contains(&dir) {
                continue;
            }
            let mut files: Vec<tf::SourceFile> = members
                .iter()
                .map(|&index| {
                    let file = documents[index].file;
                    tf::SourceFile {
                        id: file,
                        name: module_file_name(&report.files[file].name),
                        text: report.files[file].text.clone(),
                    }
                })
                .collect();
            let cli = self.cli_vars(scope, report);
            let root = if dir.is_empty() { PathBuf::from(".") } else { PathBuf::from(&dir) };
            let fail_on = self.scopes[scope].settings.fail_on;
            let mut loader = DiskLoader { root, scope, fail_on, report, called: Vec::new() };
            let mut evaluations =
                vec![tf::evaluate(&tf::Input { files: files.clone(), cli: cli.clone() }, &mut loader)];
            if let Some((whole, with_siblings)) = with_its_directory(&evaluations[0], &files, &cli, &mut loader) {
                evaluations = vec![whole];
                files = with_siblings;
            }
            if let Some(apart) = one_by_one(&evaluations[0], &files, &cli, &mut loader) {
                evaluations = apart;
            }
            called.extend(loader.called);
            let texts = |id: usize| report.files.get(id).map(|file| file.text.as_str());
            for evaluation in &evaluations {
                hand_out(documents, &members, reader::read(evaluation, &texts));
            }
        }
    }

    /// A plan, its resources moved onto its configuration when that is beside it (or named with
    /// `--tf-dir`); otherwise at their places in the plan. Returns the directories read.
    fn read_plan(&self, report: &mut Report, documents: &mut [Document], plan: usize) -> Vec<String> {
        let document = &documents[plan];
        let (file, scope) = (document.file, document.scope);
        let mut evaluation = tf::read_plan(file, &report.files[file].text);
        let settings = &self.scopes[scope].settings;
        let dir = settings.tf_dir.clone().unwrap_or_else(|| directory(&report.files[file].name).to_owned());
        let root = if dir.is_empty() { PathBuf::from(".") } else { PathBuf::from(&dir) };
        let mut called = Vec::new();
        let has_configuration = std::fs::read_dir(&root).is_ok_and(|entries| {
            entries.filter_map(Result::ok).any(|entry| entry.path().extension().is_some_and(|ext| ext == "tf"))
        });
        if has_configuration {
            let cli = self.cli_vars(scope, report);
            let mut loader =
                DiskLoader { root: root.clone(), scope, fail_on: settings.fail_on, report, called: Vec::new() };
            if let Ok(files) = loader.read(&root, true, &[]) {
                let configuration = tf::evaluate(&tf::Input { files, cli }, &mut loader);
                if is_configuration_of(&configuration, &evaluation) {
                    evaluation = tf::relocate(evaluation, &configuration);
                    called = loader.called;
                    called.push(shown(&root));
                }
            }
        }
        let texts = |id: usize| report.files.get(id).map(|file| file.text.as_str());
        let module = reader::read(&evaluation, &texts);
        // The configuration's documents of the run receive their resources' parts.
        let mut members = vec![plan];
        members.extend((0..documents.len()).filter(|&index| {
            index != plan
                && documents[index].scope == scope
                && called.iter().any(|dir| directory(&report.files[documents[index].file].name) == dir)
        }));
        hand_out(documents, &members, module);
        called
    }

    /// The scope's `--var-file` and `--var`, in command-line order; a var file becomes a file of
    /// the run, so that a finding can point into it.
    fn cli_vars(&self, scope: usize, report: &mut Report) -> Vec<CliVar> {
        let fail_on = self.scopes[scope].settings.fail_on;
        let mut cli = Vec::new();
        for var in &self.scopes[scope].settings.terraform_vars {
            match var {
                crate::settings::TerraformVar::File { name, text } => {
                    let info = FileInfo { role: FileRole::Checked, scope, fail_on };
                    let Ok(id) = report.file_id_or_add(name, info, || Ok::<_, Infallible>(text.clone()));
                    cli.push(CliVar::File(tf::SourceFile { id, name: name.clone(), text: text.clone() }));
                }
                crate::settings::TerraformVar::Value { name, value } => {
                    cli.push(CliVar::Var { name: name.clone(), value: value.clone() });
                }
            }
        }
        cli
    }
}

/// What an evaluation leaves unresolved: Terraform's objections and the unknown values that are
/// F011's (what only Okta knows is not).
fn unresolved(evaluation: &tf::Evaluation) -> usize {
    let unknown = |resource: &tf::Resource| {
        let unknowns = resource.values.unknowns();
        let said = unknowns.iter().filter_map(|(_, value)| value.as_unknown());
        said.filter(|unknown| !matches!(unknown.cause, tf::Cause::Computed { .. } | tf::Cause::AfterApply)).count()
    };
    evaluation.diagnostics.len() + evaluation.resources.iter().map(unknown).sum::<usize>()
}

/// The files named are evaluated with the rest of their directory when they hold only inputs or
/// the rest resolves what they leave unresolved, as Terraform reads the whole directory: a
/// pre-commit run of the changed files, or an editor's buffer, names `terraform.tfvars` or
/// `main.tf` alone. A directory whose files do not make one module (a folder of examples) keeps
/// the named files apart, and what the try read is taken back out of the run.
fn with_its_directory(
    named: &tf::Evaluation,
    files: &[tf::SourceFile],
    cli: &[CliVar],
    loader: &mut DiskLoader<'_>,
) -> Option<(tf::Evaluation, Vec<tf::SourceFile>)> {
    let before = unresolved(named);
    // Variables, locals or values alone (`variables.tf`, `terraform.tfvars`) feed resources that
    // are elsewhere in the directory.
    let only_inputs = named.resources.is_empty();
    let names: Vec<&str> = files.iter().map(|file| loader.report.files[file.id].name.as_str()).collect();
    if (before == 0 && !only_inputs) || !names.iter().all(|name| Path::new(name).is_file()) {
        return None;
    }
    let named_here: Vec<String> = names.iter().map(|name| name.rsplit('/').next().unwrap_or(name).to_owned()).collect();
    let skip: Vec<&str> = named_here.iter().map(String::as_str).collect();
    let mark = (loader.report.files.len(), loader.called.len());
    let root = loader.root.clone();
    // A sibling that cannot be read ends the try, after the ones read before it were added.
    if let Ok(siblings) = loader.read(&root, true, &skip)
        && !siblings.is_empty()
    {
        let mut together = files.to_vec();
        together.extend(siblings);
        let whole = tf::evaluate(&tf::Input { files: together.clone(), cli: cli.to_vec() }, loader);
        let one_module = !whole.diagnostics.iter().any(|diagnostic| diagnostic.kind == tf::DiagnosticKind::Duplicate);
        if one_module && (only_inputs || unresolved(&whole) < before) {
            return Some((whole, together));
        }
    }
    loader.report.files.truncate(mark.0);
    loader.report.info.truncate(mark.0);
    loader.called.truncate(mark.1);
    None
}

/// `configuration` made `plan` when it is one module Terraform accepts and declares every
/// resource the plan has; other `.tf` files beside a plan are no reason to move its findings.
fn is_configuration_of(configuration: &tf::Evaluation, plan: &tf::Evaluation) -> bool {
    let valid = !configuration.diagnostics.iter().any(|diagnostic| diagnostic.kind == tf::DiagnosticKind::Duplicate);
    let declared = |planned: &tf::Resource| {
        configuration
            .resources
            .iter()
            .any(|resource| resource.address == planned.address && resource.kind == planned.kind)
    };
    valid && !plan.resources.is_empty() && plan.resources.iter().all(declared)
}

/// A directory that declares one name in two files is no module Terraform accepts: most often
/// a folder of examples, each file standing alone. Each `.tf` file is then evaluated on its own
/// (with the directory's variable files), and the duplicates are said once.
fn one_by_one(
    together: &tf::Evaluation,
    files: &[tf::SourceFile],
    cli: &[CliVar],
    loader: &mut DiskLoader<'_>,
) -> Option<Vec<tf::Evaluation>> {
    let duplicates: Vec<tf::Diagnostic> = together
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.kind == tf::DiagnosticKind::Duplicate)
        .cloned()
        .collect();
    let is_tf = |file: &&tf::SourceFile| file.name.to_ascii_lowercase().ends_with(".tf");
    let (modules, var_files): (Vec<&tf::SourceFile>, Vec<&tf::SourceFile>) = files.iter().partition(is_tf);
    if duplicates.is_empty() || modules.len() < 2 {
        return None;
    }
    // One finding for the directory: it is one mistake (or none, in a folder of examples).
    let mut names: Vec<&str> =
        duplicates.iter().filter_map(|diagnostic| diagnostic.message.split(" is declared twice").next()).collect();
    names.dedup();
    names.sort_unstable();
    names.dedup();
    let said = tf::Diagnostic {
        message: match names.as_slice() {
            [name] => {
                format!("{name} is declared in two files of this directory; Terraform refuses them as one module")
            }
            _ => format!(
                "{} names are declared in more than one file of this directory ({}); Terraform refuses them as one module",
                names.len(),
                names.join(", ")
            ),
        },
        ..duplicates[0].clone()
    };
    let mut apart = vec![tf::Evaluation { resources: Vec::new(), diagnostics: vec![said] }];
    for module in modules {
        let files = std::iter::once(module).chain(var_files.iter().copied()).cloned().collect();
        let mut alone = tf::evaluate(&tf::Input { files, cli: cli.to_vec() }, loader);
        alone.diagnostics.retain(|diagnostic| diagnostic.kind != tf::DiagnosticKind::Duplicate);
        apart.push(alone);
    }
    Some(apart)
}

/// Each part to the document of its resource's file; parts of files that are no document of
/// the run (a local module read from disk) to the module's first document.
fn hand_out(documents: &mut [Document], members: &[usize], module: reader::Module) {
    let Some(&first) = members.first() else { return };
    for (file, part) in module.parts {
        let owner = members.iter().copied().find(|&index| documents[index].file == file).unwrap_or(first);
        if let Outcome::Recognized { parts, .. } = &mut documents[owner].outcome {
            parts.push(part);
        }
    }
    if let Outcome::Recognized { shape, .. } = &mut documents[first].outcome {
        shape.custom_attributes.extend(module.custom_user_attributes);
    }
}

/// A finding on an entry that a `dynamic` block or a `for_each` generated also points at the
/// block: the value is written elsewhere (a `.tfvars` line), and the block is what to look at.
pub(super) fn point_at_generators(setup: &Setup, findings: &mut [Finding]) {
    let generated = setup.mappings.iter().flat_map(|mapping| &mapping.entries).filter_map(|entry| {
        let &(file, span) = entry.via.as_deref()?;
        let value = match entry.value {
            EntryValue::Expression { span, .. } => Some(span),
            _ => None,
        };
        let spans = [Some(entry.attribute_span), value, entry.apply_on_span];
        Some((entry.file, spans, (file, span)))
    });
    let generated: Vec<_> = generated.collect();
    if generated.is_empty() {
        return;
    }
    for finding in findings {
        let inside = |span: &Option<Span>| {
            span.is_some_and(|span| span.start <= finding.span.start && finding.span.end <= span.end)
        };
        let Some((_, _, (file, span))) =
            generated.iter().find(|(file, spans, _)| *file == finding.file && spans.iter().any(inside))
        else {
            continue;
        };
        if !finding.related.iter().any(|label| label.file == *file && label.span == *span) {
            finding.related.push(Label { file: *file, span: *span, text: "generated by this block".into() });
        }
    }
}

/// The values of the target apps' documents that could not be evaluated.
pub(super) fn count_not_evaluated(units: &[Unit], apps: &[App]) -> NotEvaluatedCount {
    let mut count = NotEvaluatedCount::default();
    for (unit, _) in units.iter().zip(apps).filter(|(_, app)| app.verdict.is_target()) {
        let unknown = unit.setup.not_evaluated.iter().filter(|note| note.cause != Unevaluated::Duplicate);
        count.values += unknown.count();
        count.entries += unit.setup.not_evaluated.iter().filter(|note| note.covers != Covers::Value).count();
    }
    count
}
