//! Terraform, as `terraform apply` would send it: the okta resources of an evaluated module
//! (`crate::terraform`) or plan, read into the same model as the API exports. Each part is tagged
//! with the file of its resource, the document it belongs to; a value evaluated from a `.tfvars`
//! line points there. What could not be evaluated becomes `NotEvaluated`, never a gap.

mod mapping;
mod resources;

use std::collections::BTreeMap;

use super::{Part, real_id};
use crate::model::{AppEvidence, Covers, Located, NotEvaluated, Setup, Unevaluated};
use crate::source::{FileId, Span};
use crate::terraform::{self as tf, Evaluation, Exactness, InstanceKey, Kind, Place, Value};

/// What an evaluated module says: its parts per file, and the custom `user.*` attributes it
/// declares (`okta_user_schema_property`).
#[derive(Default)]
pub struct Module {
    pub parts: Vec<(FileId, Part)>,
    pub custom_user_attributes: Vec<String>,
}

/// The texts of the run's files, by id, for unquoting verbatim strings.
pub type Texts<'a> = dyn Fn(FileId) -> Option<&'a str> + 'a;

/// Where `value` was written, when that is in `file`.
fn span_in(value: &Value, file: FileId) -> Option<Span> {
    match value.origin.place {
        Place::File(location) if location.file == file => Some(location.span),
        _ => None,
    }
}

/// Where `value` was written, in whatever file.
fn place(value: &Value) -> Option<(FileId, Span)> {
    value.origin.place.location().map(|location| (location.file, location.span))
}

fn via(value: &Value) -> Option<(FileId, Span)> {
    value.origin.via.map(|location| (location.file, location.span))
}

/// A string value with its span in `file` (its resource's labels when written elsewhere).
fn located(value: &Value, file: FileId, fallback: Span) -> Option<Located> {
    Some(Located { text: value.as_str()?.to_owned(), span: span_in(value, file).unwrap_or(fallback) })
}

fn verbatim(value: &Value) -> bool {
    value.origin.exactness == Exactness::Verbatim
}

/// The app a resource names in `value` (`app_id`, `target_id`): the address of the app's
/// resource for a reference, the id for a literal one.
fn app_key(value: Option<&Value>) -> Option<String> {
    let value = value?;
    match &value.kind {
        Kind::Reference(reference) => Some(reference.address.clone()),
        Kind::String(text) => crate::model::quoted_reference(text).map(str::to_owned).or_else(|| real_id(text)),
        _ => None,
    }
}

/// The unknown inside `value`, as a `NotEvaluated` at its place (or `fallback`).
fn not_evaluated(value: &Value, fallback: (FileId, Span), covers: Covers) -> Option<NotEvaluated> {
    let unknown = value.as_unknown()?;
    let (file, span) = place(value).unwrap_or(fallback);
    Some(NotEvaluated {
        file,
        span,
        reason: unknown.reason.clone(),
        via: via(value),
        covers,
        cause: cause(&unknown.cause),
    })
}

fn cause(cause: &tf::Cause) -> Unevaluated {
    match cause {
        tf::Cause::NoValue { variable } => Unevaluated::NoValue { variable: variable.clone() },
        tf::Cause::Computed { .. } => Unevaluated::Computed,
        tf::Cause::RemoteModule { .. } | tf::Cause::ModuleNotRead { .. } => Unevaluated::Module,
        tf::Cause::Function { name } => Unevaluated::Function { name: name.clone() },
        tf::Cause::Unsupported { .. } => Unevaluated::Unsupported,
        tf::Cause::Cycle { .. } => Unevaluated::Cycle,
        tf::Cause::Limit => Unevaluated::Limit,
        tf::Cause::Error => Unevaluated::Invalid,
        tf::Cause::AfterApply => Unevaluated::AfterApply,
    }
}

fn diagnostic_cause(kind: tf::DiagnosticKind) -> Unevaluated {
    match kind {
        tf::DiagnosticKind::Syntax => Unevaluated::Syntax,
        tf::DiagnosticKind::Limit => Unevaluated::Limit,
        tf::DiagnosticKind::Cycle => Unevaluated::Cycle,
        tf::DiagnosticKind::Module => Unevaluated::Module,
        tf::DiagnosticKind::Variable | tf::DiagnosticKind::Invalid => Unevaluated::Invalid,
        tf::DiagnosticKind::Duplicate => Unevaluated::Duplicate,
        tf::DiagnosticKind::Unsupported => Unevaluated::Unsupported,
    }
}

/// One part per app a file's resources belong to.
#[derive(Default)]
struct Parts {
    by: BTreeMap<(FileId, Option<String>), (Setup, AppEvidence)>,
}

impl Parts {
    fn of(&mut self, file: FileId, app: Option<String>) -> &mut (Setup, AppEvidence) {
        self.by.entry((file, app.clone())).or_insert_with(|| {
            let resource = app.filter(|app| app.contains('.'));
            let evidence = AppEvidence {
                file,
                id: None,
                resource: resource.map(|text| Located { text, span: Span::default() }),
                ..AppEvidence::default()
            };
            (Setup::default(), evidence)
        })
    }

    /// The part of the app `key` names, referred to at `at` (where its address first shows,
    /// when the module does not declare the app itself).
    fn referred(&mut self, file: FileId, key: Option<String>, at: Option<Span>) -> &mut (Setup, AppEvidence) {
        let part = self.of(file, key);
        if let (Some(resource), Some(at)) = (&mut part.1.resource, at)
            && resource.span.is_empty()
        {
            resource.span = at;
        }
        part
    }
}

/// Reads the okta resources of `evaluation`.
#[must_use]
pub fn read(evaluation: &Evaluation, texts: &Texts<'_>) -> Module {
    let mut parts = Parts::default();
    let mut module = Module::default();
    for resource in &evaluation.resources {
        let file = resource.file;
        let text = texts(file).unwrap_or_default();
        if let InstanceKey::Unknown(unknown) = &resource.key {
            let note = NotEvaluated {
                file,
                span: resource.labels,
                reason: unknown.reason.clone(),
                via: None,
                covers: Covers::Value,
                cause: cause(&unknown.cause),
            };
            parts.of(file, None).0.not_evaluated.push(note);
        }
        resources::read(resource, text, texts, &mut parts, &mut module.custom_user_attributes);
    }
    // A diagnostic where a value already says it is unknown is the same fact, said once.
    let notes = || parts.by.values().flat_map(|(setup, _)| &setup.not_evaluated);
    let at: std::collections::HashSet<(FileId, Span)> = notes().map(|note| (note.file, note.span)).collect();
    let why: std::collections::HashSet<(FileId, String)> =
        notes().map(|note| (note.file, note.reason.clone())).collect();
    for diagnostic in &evaluation.diagnostics {
        let Some(location) = diagnostic.place.and_then(Place::location) else { continue };
        if at.contains(&(location.file, location.span)) || why.contains(&(location.file, diagnostic.message.clone())) {
            continue;
        }
        let via = diagnostic.related.first().map(|related| (related.file, related.span));
        let note = NotEvaluated {
            file: location.file,
            span: location.span,
            reason: diagnostic.message.clone(),
            via,
            covers: Covers::Value,
            cause: diagnostic_cause(diagnostic.kind),
        };
        parts.of(location.file, None).0.not_evaluated.push(note);
    }
    for ((file, app), (setup, mut evidence)) in parts.by {
        evidence.provisioning |= !setup.features.is_empty();
        if evidence.id.is_none() {
            evidence.id = app.clone().filter(|app| !app.contains('.'));
        }
        module.parts.push((file, Part { app, setup, evidence }));
    }
    module
}
