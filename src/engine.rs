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

use crate::schema::UnknownKey;
use crate::span::Span;
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

static SHARED_SCHEMAS: std::sync::LazyLock<Result<Schemas, DataError>> = std::sync::LazyLock::new(Schemas::load);

impl Schemas {
    /// Compiled once per process, on first use (`main` starts that beside the other built-in data).
    pub fn shared() -> Result<&'static Self, DataError> {
        SHARED_SCHEMAS.as_ref().map_err(Clone::clone)
    }

    pub fn load() -> Result<Self, DataError> {
        Ok(Self {
            mapping: Schema::embedded("schemas/profile-mapping.schema.json")?,
            manifest: Schema::embedded("schemas/manifest.schema.json")?,
            app_user_schema: Schema::embedded("schemas/app-user-schema.schema.json")?,
            app_features: Schema::embedded("schemas/app-features.schema.json")?,
        })
    }
}

/// How far one file got. The syntax tree itself is not kept: what the checks need of it is read
/// while it exists, so memory does not grow with every file's tree.
pub enum Outcome {
    Unreadable(SyntaxError),
    /// `at` is the first key or character, enough to show which document is meant.
    Unrecognized {
        at: Span,
        lacks: String,
    },
    Recognized {
        kind: Kind,
        duplicates: Vec<DuplicateKey>,
        violations: Vec<Violation>,
        shape: Shape,
        parts: Vec<Part>,
    },
}

/// What checks need to know about a recognised document's tree beyond the setup read from it.
#[derive(Default)]
pub struct Shape {
    pub span: Span,
    /// The number of elements when the document is an array.
    pub items: Option<usize>,
    /// Manifest keys scimlint does not define (F009).
    pub unknown_keys: Vec<UnknownKey>,
    /// Custom `user.*` attributes, when the document is an Okta user schema.
    pub custom_attributes: Vec<String>,
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
    schemas: &'static Schemas,
    /// The config file in force, and what is wrong with it (F009), reported with the findings.
    config: Option<(SourceFile, Vec<Finding>)>,
}

impl Linter {
    pub fn new(target: Target, settings: Settings) -> Result<Self, DataError> {
        Ok(Self { target, settings, schemas: Schemas::shared()?, config: None })
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
        // Files are independent until they are joined: read, parse and recognise them on all cores.
        let analysed: Vec<Option<(SourceFile, Syntax, Outcome)>> =
            crate::parallel::map(inputs, |input| self.analyse_input(input));
        for (source, syntax, outcome) in analysed.into_iter().flatten() {
            documents.push(Document { file: report.files.len(), syntax, outcome });
            report.files.push(source);
        }
        let mut settings = self.settings_with_user_schemas(&documents);
        let units = join(&report.files, &mut documents);
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
        let files = &report.files;
        let found: Vec<Vec<Finding>> = crate::parallel::map_ref(&units, |unit| {
            let unit_documents: Vec<&Document> = unit.documents.iter().map(|&index| &documents[index]).collect();
            self.check(files, &unit_documents, &unit.setup, &settings)
        });
        report.findings.extend(found.into_iter().flatten());
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
        // each; what it says about itself is said once. Sorted, copies sit among the findings of
        // the same file, start and code.
        let mut kept: Vec<Finding> = Vec::with_capacity(report.findings.len());
        for finding in std::mem::take(&mut report.findings) {
            let same_place = |other: &&Finding| {
                other.file == finding.file && other.span.start == finding.span.start && other.code == finding.code
            };
            let copy = kept
                .iter()
                .rev()
                .take_while(same_place)
                .any(|other| other.span == finding.span && other.message == finding.message);
            if !copy {
                kept.push(finding);
            }
        }
        report.findings = kept;
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
            if let Outcome::Recognized { kind: Kind::UserSchema, shape, .. } = &document.outcome {
                settings.custom_attributes.get_or_insert_with(Vec::new).extend(shape.custom_attributes.iter().cloned());
            }
        }
        settings
    }

    /// One input, as far as it goes; `None` for a walked file that is not ours.
    fn analyse_input(&self, input: Input) -> Option<(SourceFile, Syntax, Outcome)> {
        let (text, decode_error) = load::decode(input.bytes);
        let syntax = Syntax::guess(&input.name, &text);
        let (outcome, secrets) = match decode_error {
            Some(error) => (Outcome::Unreadable(error), crate::secrets::find(&text, None)),
            None => self.analyse_text(&input.name, &text, syntax),
        };
        if !input.explicit && !worth_reporting(&outcome, &text) {
            return None;
        }
        let mut source = SourceFile::new(input.name, text);
        source.secrets = secrets;
        Some((source, syntax, outcome))
    }

    /// Parses and recognises `text`, reads what it says, and finds its credentials while the
    /// tree is at hand.
    fn analyse_text(&self, name: &str, text: &str, syntax: Syntax) -> (Outcome, Vec<Span>) {
        let root = match load::parse(text, syntax) {
            Ok(root) => root,
            Err(error) => return (Outcome::Unreadable(error), crate::secrets::find(text, None)),
        };
        let secrets = crate::secrets::find(text, Some(&root));
        (self.analyse(name, text, syntax, root), secrets)
    }

    /// Recognises and reads a parsed document.
    fn analyse(&self, name: &str, text: &str, syntax: Syntax, root: Node) -> Outcome {
        let kind = match document::recognize(&root, name, syntax) {
            Ok(kind) => kind,
            Err(lacks) => {
                let first_key = root.members().and_then(<[_]>::first).map(|member| member.key_span);
                let first_char = Span::new(root.span.start, root.span.start + usize::from(!root.span.is_empty()));
                return Outcome::Unrecognized { at: first_key.unwrap_or(first_char), lacks };
            }
        };
        // Terraform repeats blocks (`mappings { … }`) by design; hcl-edit rejects repeated attributes.
        let duplicates = if kind == Kind::Terraform { Vec::new() } else { duplicate_keys(&root) };
        let mut violations = self.violations(&root, kind);
        let mut shape = Shape { span: root.span, items: root.items().map(<[_]>::len), ..Shape::default() };
        match kind {
            Kind::Manifest => {
                shape.unknown_keys = self.schemas.manifest.unknown_keys(&root);
                violations.extend(unknown_target(&root));
            }
            Kind::UserSchema => shape.custom_attributes = crate::read::custom_user_attributes(&root),
            _ => {}
        }
        // File ids are assigned later; parts are read for file 0 and renumbered when joined.
        let parts = crate::read::read(0, text, &root, kind);
        Outcome::Recognized { kind, duplicates, violations, shape, parts }
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
        let mut ctx = Ctx::new(files, documents, setup, &self.target, settings, self.schemas);
        for check in CHECKS {
            if settings.effective_severity(check.code).is_some() {
                (check.run)(&mut ctx);
            }
        }
        let mut findings = ctx.into_findings();
        findings.retain_mut(|finding| match settings.effective_severity(finding.code) {
            Some(severity) => {
                // A check may lower its own default (X204 without the org's custom attributes);
                // only an explicit setting overrides that.
                if self.settings.severity.contains_key(&finding.code) {
                    finding.severity = severity;
                }
                true
            }
            None => false,
        });
        findings
    }
}

/// A manifest's `target:` that names no built-in profile.
fn unknown_target(root: &Node) -> Option<Violation> {
    let node = root.get("target")?;
    let name = node.as_str()?;
    (!crate::target::BUILT_IN.contains(&name)).then(|| Violation {
        pointer: "/target".into(),
        span: node.span,
        message: format!("unknown target `{name}`; built-in targets: {}", crate::target::BUILT_IN.join(", ")),
        label: "unknown target".into(),
    })
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
fn join(files: &[SourceFile], documents: &mut [Document]) -> Vec<Unit> {
    let mut cores = Vec::new();
    let mut support = Vec::new();
    let mut alone = Vec::new();
    for (index, document) in documents.iter_mut().enumerate() {
        let Outcome::Recognized { parts, .. } = &mut document.outcome else {
            alone.push(index);
            continue;
        };
        if parts.is_empty() {
            alone.push(index);
        }
        for mut part in std::mem::take(parts) {
            part.setup.renumber(document.file);
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
    let (Outcome::Recognized { parts, .. }, _) = linter.analyse_text(&source.name, &source.text, syntax) else {
        return None;
    };
    Some(parts.into_iter().flat_map(|part| part.setup.mappings).collect())
}
