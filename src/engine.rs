//! The pipeline: bytes → text → tree → document kind → schema → setup → checks → findings.

use crate::checks::{CHECKS, Ctx};
use crate::document::{self, Kind};
use crate::error::DataError;
use crate::finding::{FileId, Finding};
use crate::load::{self, Syntax, SyntaxError};
use crate::model::Setup;
use crate::read::Part;
use crate::schema::{Schema, Violation};
use crate::settings::Settings;
use crate::source::SourceFile;
use crate::target::Target;
use crate::tree::{DuplicateKey, Node, duplicate_keys};

/// A file to lint. `explicit` is false for files found by walking a directory: those are
/// skipped silently when they are not a known document.
pub struct Input {
    pub name: String,
    pub bytes: Vec<u8>,
    pub explicit: bool,
}

/// The JSON Schemas of the document kinds, compiled once per run.
pub struct Schemas {
    pub mapping: Schema,
    pub manifest: Schema,
    pub app_user_schema: Schema,
    pub app_features: Schema,
}

impl Schemas {
    pub fn load() -> Result<Self, DataError> {
        Ok(Self {
            mapping: Schema::embedded("schemas/profile-mapping.schema.json")?,
            manifest: Schema::embedded("schemas/manifest.schema.json")?,
            app_user_schema: Schema::embedded("schemas/app-user-schema.schema.json")?,
            app_features: Schema::embedded("schemas/app-features.schema.json")?,
        })
    }
}

/// How far one file got.
pub enum Outcome {
    Unreadable(SyntaxError),
    Unrecognized { root: Node, lacks: String },
    Recognized { root: Node, kind: Kind, duplicates: Vec<DuplicateKey>, violations: Vec<Violation> },
}

pub struct Document {
    pub file: FileId,
    pub syntax: Syntax,
    pub outcome: Outcome,
}

impl Document {
    #[must_use]
    pub fn kind(&self) -> Option<Kind> {
        match &self.outcome {
            Outcome::Recognized { kind, .. } => Some(*kind),
            _ => None,
        }
    }

    #[must_use]
    pub fn root(&self) -> Option<&Node> {
        match &self.outcome {
            Outcome::Recognized { root, .. } | Outcome::Unrecognized { root, .. } => Some(root),
            Outcome::Unreadable(_) => None,
        }
    }
}

/// Everything a run found, with the files the findings point into.
#[derive(Default)]
pub struct Report {
    pub files: Vec<SourceFile>,
    pub findings: Vec<Finding>,
}

impl Report {
    /// Appends another run's report (files under another config), keeping both orders.
    pub fn merge(&mut self, other: Report) {
        let offset = self.files.len();
        self.files.extend(other.files);
        self.findings.extend(other.findings.into_iter().map(|mut finding| {
            finding.file += offset;
            finding.related.iter_mut().for_each(|label| label.file += offset);
            if let Some(fix) = &mut finding.fix {
                fix.edits.iter_mut().for_each(|edit| edit.file += offset);
            }
            finding
        }));
    }
}

pub struct Linter {
    pub target: Target,
    pub settings: Settings,
    schemas: Schemas,
    /// The config file in force, and what is wrong with it (F009), reported with the findings.
    config: Option<(SourceFile, Vec<Finding>)>,
}

impl Linter {
    pub fn new(target: Target, settings: Settings) -> Result<Self, DataError> {
        Ok(Self { target, settings, schemas: Schemas::load()?, config: None })
    }

    /// A linter whose settings came from `config` (already applied to `settings`).
    pub fn with_config(target: Target, settings: Settings, config: &crate::config::Config) -> Result<Self, DataError> {
        let mut linter = Self::new(target, settings)?;
        linter.config = Some((config.source.clone(), config.unknown.clone()));
        Ok(linter)
    }

    /// Lints every input; the findings come back sorted by file, position and code.
    #[must_use]
    pub fn lint(&self, inputs: Vec<Input>) -> Report {
        let mut report = Report::default();
        let mut documents = Vec::new();
        for input in inputs {
            let file = report.files.len();
            let (text, decode_error) = load::decode(input.bytes);
            let syntax = Syntax::guess(&input.name, &text);
            let outcome = match decode_error {
                Some(error) => Outcome::Unreadable(error),
                None => self.analyse(&input.name, &text, syntax),
            };
            if !input.explicit && !worth_reporting(&outcome, &text) {
                continue;
            }
            let mut source = SourceFile::new(input.name, text);
            let root = match &outcome {
                Outcome::Recognized { root, .. } | Outcome::Unrecognized { root, .. } => Some(root),
                Outcome::Unreadable(_) => None,
            };
            source.secrets = crate::secrets::find(&source.text, root);
            documents.push(Document { file, syntax, outcome });
            report.files.push(source);
        }
        let mut settings = self.settings_with_user_schemas(&documents);
        let units = join(&report.files, &documents);
        let config_file = report.files.len();
        if let Some((source, unknown)) = &self.config {
            settings.config_file = Some(config_file);
            report.files.push(source.clone());
            report.findings.extend(unknown.iter().cloned().map(|mut finding| {
                finding.file = config_file;
                if let Some(fix) = &mut finding.fix {
                    fix.edits.iter_mut().for_each(|edit| edit.file = config_file);
                }
                finding
            }));
        }
        for unit in units {
            let unit_documents: Vec<&Document> = unit.documents.iter().map(|&index| &documents[index]).collect();
            report.findings.extend(self.check(&report.files, &unit_documents, &unit.setup, &settings));
        }
        let files = &report.files;
        // Stable: findings at one place keep the order their check reported them in.
        report.findings.sort_by(|a, b| {
            (files[a.file].name.as_str(), a.span.start, a.code).cmp(&(
                files[b.file].name.as_str(),
                b.span.start,
                b.code,
            ))
        });
        // A document joined to several apps (a features file beside two mappings) is checked with
        // each; what it says about itself is said once.
        let mut seen = std::collections::HashSet::new();
        report.findings.retain(|f| seen.insert((f.file, f.span, f.code, f.message.clone())));
        // The config is shown only when something is wrong with it; it is the last file.
        if self.config.is_some() && !report.findings.iter().any(|finding| finding.file == config_file) {
            report.files.pop();
        }
        report
    }

    /// The run's settings, with the custom `user.*` attributes of every Okta user schema in it.
    fn settings_with_user_schemas(&self, documents: &[Document]) -> Settings {
        let mut settings = self.settings.clone();
        for document in documents {
            if let Outcome::Recognized { root, kind: Kind::UserSchema, .. } = &document.outcome {
                settings
                    .custom_attributes
                    .get_or_insert_with(Vec::new)
                    .extend(crate::read::custom_user_attributes(root));
            }
        }
        settings
    }

    fn analyse(&self, name: &str, text: &str, syntax: Syntax) -> Outcome {
        let root = match load::parse(text, syntax) {
            Ok(root) => root,
            Err(error) => return Outcome::Unreadable(error),
        };
        let kind = match document::recognize(&root, name, syntax) {
            Ok(kind) => kind,
            Err(lacks) => return Outcome::Unrecognized { root, lacks },
        };
        // Terraform repeats blocks (`mappings { … }`) by design; hcl-edit rejects repeated attributes.
        let duplicates = if kind == Kind::Terraform { Vec::new() } else { duplicate_keys(&root) };
        let violations = self.violations(&root, kind);
        Outcome::Recognized { root, kind, duplicates, violations }
    }

    fn violations(&self, root: &Node, kind: Kind) -> Vec<Violation> {
        match kind {
            Kind::ProfileMapping | Kind::UpdateBody => self.schemas.mapping.violations(root),
            Kind::Manifest => self.schemas.manifest.violations(root),
            Kind::MappingArray => each_item(&self.schemas.mapping, root),
            Kind::AppUserSchema => self.schemas.app_user_schema.violations(root),
            Kind::AppFeatures if root.items().is_some() => each_item(&self.schemas.app_features, root),
            Kind::AppFeatures => self.schemas.app_features.violations(root),
            Kind::MappingList | Kind::UserSchema | Kind::Application | Kind::Terraform => Vec::new(),
        }
    }

    fn check(&self, files: &[SourceFile], documents: &[&Document], setup: &Setup, settings: &Settings) -> Vec<Finding> {
        let mut ctx = Ctx::new(files, documents, setup, &self.target, settings, &self.schemas);
        for check in CHECKS {
            if settings.effective_severity(check.code).is_some() {
                (check.run)(&mut ctx);
            }
        }
        let mut findings = ctx.into_findings();
        findings.retain_mut(|finding| match settings.effective_severity(finding.code) {
            Some(severity) => {
                finding.severity = severity;
                true
            }
            None => false,
        });
        findings
    }
}

/// Validates every element of an array on its own, so that each violation names its element.
fn each_item(schema: &Schema, root: &Node) -> Vec<Violation> {
    let items = root.items().unwrap_or_default();
    items
        .iter()
        .enumerate()
        .flat_map(|(index, item)| {
            schema.violations(item).into_iter().map(move |mut violation| {
                violation.pointer = format!("/{index}{}", violation.pointer);
                violation
            })
        })
        .collect()
}

/// A walked file that does not parse is reported only when it looks like an Okta export or a
/// manifest; other broken JSON/YAML in a repository (JSONC configs, templates) is not ours.
fn worth_reporting(outcome: &Outcome, text: &str) -> bool {
    match outcome {
        Outcome::Recognized { .. } => true,
        Outcome::Unrecognized { .. } => false,
        Outcome::Unreadable(_) => {
            ["\"pushStatus\"", "\"expression\"", "\nmappings:"].iter().any(|marker| text.contains(marker))
        }
    }
}

/// Documents checked together: one app's mappings with the features and schemas that join them.
struct Unit {
    documents: Vec<usize>,
    app: Option<String>,
    directory: String,
    setup: Setup,
}

fn directory(name: &str) -> &str {
    name.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// Joins documents per app: by app id where both sides carry one, otherwise by directory. Each
/// document with mappings starts a unit; features and schemas join every unit they match, or
/// stand alone; documents that describe no setup are checked alone.
fn join(files: &[SourceFile], documents: &[Document]) -> Vec<Unit> {
    let mut cores = Vec::new();
    let mut support = Vec::new();
    let mut alone = Vec::new();
    for (index, document) in documents.iter().enumerate() {
        let Outcome::Recognized { root, kind, .. } = &document.outcome else {
            alone.push(index);
            continue;
        };
        let parts = crate::read::read(document.file, &files[document.file].text, root, *kind);
        if parts.is_empty() {
            alone.push(index);
        }
        for part in parts {
            if part.is_core() { cores.push((index, part)) } else { support.push((index, part)) }
        }
    }
    let mut units: Vec<Unit> = cores
        .into_iter()
        .map(|(index, Part { app, setup })| Unit {
            documents: vec![index],
            app,
            directory: directory(&files[documents[index].file].name).to_owned(),
            setup,
        })
        .collect();
    let core_count = units.len();
    for (index, part) in support {
        let dir = directory(&files[documents[index].file].name);
        let mut joined = false;
        for unit in &mut units[..core_count] {
            let same_app = match (&part.app, &unit.app) {
                (Some(a), Some(b)) => a == b,
                _ => unit.directory == dir,
            };
            if same_app {
                if !unit.documents.contains(&index) {
                    unit.documents.push(index);
                }
                unit.setup.extend(part.setup.clone());
                joined = true;
            }
        }
        if !joined {
            units.push(Unit { documents: vec![index], app: part.app, directory: dir.to_owned(), setup: part.setup });
        }
    }
    units.extend(alone.into_iter().map(|index| Unit {
        documents: vec![index],
        app: None,
        directory: String::new(),
        setup: Setup::default(),
    }));
    units
}

/// The mappings of a one-file report, read again from its text (for `scimlint table`).
#[must_use]
pub fn recognized(report: &Report, linter: &Linter) -> Option<Vec<crate::model::Mapping>> {
    let source = report.files.first()?;
    let syntax = Syntax::guess(&source.name, &source.text);
    let Outcome::Recognized { root, kind, .. } = linter.analyse(&source.name, &source.text, syntax) else {
        return None;
    };
    Some(crate::read::read(0, &source.text, &root, kind).into_iter().flat_map(|part| part.setup.mappings).collect())
}
