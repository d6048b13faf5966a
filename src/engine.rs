//! The pipeline: bytes → text → tree → document kind → schema → setup → checks → findings.

use crate::checks::{CHECKS, Ctx};
use crate::document::{self, Kind};
use crate::error::DataError;
use crate::finding::{FileId, Finding};
use crate::load::{self, Syntax, SyntaxError};
use crate::model::Setup;
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
}

impl Schemas {
    pub fn load() -> Result<Self, DataError> {
        Ok(Self {
            mapping: Schema::embedded("schemas/profile-mapping.schema.json")?,
            manifest: Schema::embedded("schemas/manifest.schema.json")?,
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

pub struct Linter {
    pub target: Target,
    pub settings: Settings,
    schemas: Schemas,
}

impl Linter {
    pub fn new(target: Target, settings: Settings) -> Result<Self, DataError> {
        Ok(Self { target, settings, schemas: Schemas::load()? })
    }

    /// Lints every input; the findings come back sorted by file, position and code.
    #[must_use]
    pub fn lint(&self, inputs: Vec<Input>) -> Report {
        let mut report = Report::default();
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
            let document = Document { file, syntax, outcome };
            report.files.push(SourceFile::new(input.name, text));
            let findings = self.check(&report.files, std::slice::from_ref(&document));
            report.findings.extend(findings);
        }
        let files = &report.files;
        report.findings.sort_by(|a, b| {
            (files[a.file].name.as_str(), a.span.start, a.code, a.span.end).cmp(&(
                files[b.file].name.as_str(),
                b.span.start,
                b.code,
                b.span.end,
            ))
        });
        report
    }

    fn analyse(&self, name: &str, text: &str, syntax: Syntax) -> Outcome {
        let root = match load::parse(text, syntax) {
            Ok(root) => root,
            Err(error) => return Outcome::Unreadable(error),
        };
        let kind = match document::recognize(&root, name) {
            Ok(kind) => kind,
            Err(lacks) => return Outcome::Unrecognized { root, lacks },
        };
        let duplicates = duplicate_keys(&root);
        let violations = self.violations(&root, kind);
        Outcome::Recognized { root, kind, duplicates, violations }
    }

    fn violations(&self, root: &Node, kind: Kind) -> Vec<Violation> {
        match kind {
            Kind::ProfileMapping | Kind::UpdateBody => self.schemas.mapping.violations(root),
            Kind::Manifest => self.schemas.manifest.violations(root),
            Kind::MappingArray => root
                .items()
                .unwrap_or_default()
                .iter()
                .enumerate()
                .flat_map(|(index, item)| {
                    self.schemas.mapping.violations(item).into_iter().map(move |mut violation| {
                        violation.pointer = format!("/{index}{}", violation.pointer);
                        violation
                    })
                })
                .collect(),
            Kind::MappingList => Vec::new(),
        }
    }

    fn check(&self, files: &[SourceFile], documents: &[Document]) -> Vec<Finding> {
        let mut setup = Setup::default();
        for document in documents {
            if let Outcome::Recognized { root, kind, .. } = &document.outcome {
                crate::read::read_into(&mut setup, document.file, &files[document.file].text, root, *kind);
            }
        }
        let mut ctx = Ctx::new(files, documents, &setup, &self.target, &self.settings, &self.schemas);
        for check in CHECKS {
            if self.settings.effective_severity(check.code).is_some() {
                (check.run)(&mut ctx);
            }
        }
        let mut findings = ctx.into_findings();
        findings.retain_mut(|finding| match self.settings.effective_severity(finding.code) {
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
