//! F014 rejected-by-okta: a Terraform resource Okta refuses when it is applied — a reference
//! written in quotes, an app's name where its id belongs (in a mapping's `source_id`/`target_id`
//! or a schema or features resource's `app_id`), `push_status` on an App → Okta mapping.

use super::Ctx;
use crate::finding::{Applicability, Edit, FileId, Finding};
use crate::model::{Endpoint, Kind, PushStatus};
use crate::ruleset::Code;
use crate::source::Span;

/// What Okta answers for a wrong id under `key`.
fn okta_answer(key: &str) -> &'static str {
    if key == "app_id" {
        "Okta answers 404 \"Not found: Resource not found\" (E0000007)"
    } else {
        "Okta answers \"Invalid source or target id\""
    }
}

/// `data.okta_user_profile_mapping_source.user.id` as a string: Terraform sends the text.
fn quoted_reference(file: FileId, endpoint: &Endpoint, address: &str, edit: Option<Edit>) -> Finding {
    let reference = format!("{address}.id");
    let finding = Finding::new(
        Code::F014,
        file,
        endpoint.span,
        format!("`{}` is the text \"{reference}\", not a reference", endpoint.key),
    )
    .label("a string, in quotes");
    let help =
        format!("{}: write the reference without quotes, `{} = {reference}`", okta_answer(endpoint.key), endpoint.key);
    match edit {
        Some(edit) => finding.help(help).fix(Applicability::Safe, "remove the quotes", vec![edit]),
        None => finding.help(format!("{help}, and declare `{address}` in the module")),
    }
}

fn not_an_id(file: FileId, endpoint: &Endpoint, text: &str) -> Finding {
    Finding::new(Code::F014, file, endpoint.span, format!("`{}` is `{text}`, which is not an Okta id", endpoint.key))
        .label("a name, not an id")
        .help(format!(
            "{}: refer to the app's resource (`okta_app_saml.haiilo.id`, without quotes), or write the app's id (`0oa…`, in the app's Admin Console address)",
            okta_answer(endpoint.key)
        ))
}

fn push_status_to_okta(file: FileId, at: Span, others: &[Span]) -> Finding {
    let mut finding =
        Finding::new(Code::F014, file, at, "`push_status` on an App → Okta mapping: Okta refuses it for this app")
            .label("only for profile-mastering apps")
            .help("Okta answers \"Push status is allowed for profile mastering enabled apps only\": remove `push_status` from the entries of this mapping");
    for span in others {
        finding = finding.related(file, *span, "also sets push_status");
    }
    finding
}

/// An Okta id (`0oa…` for apps and identity providers, `oty…` for user types); a placeholder
/// such as `<source id>` is a documentation example, not a mistake.
fn is_id_or_placeholder(text: &str) -> bool {
    let placeholder = text.is_empty() || text.contains(['<', '>', '{', '}', '$', ' ']);
    let id = (text.starts_with("0oa") || text.starts_with("oty")) && text.chars().all(|c| c.is_ascii_alphanumeric());
    placeholder || id
}

/// The edit that unquotes the reference, when the file writes the string as it reads and the
/// module declares what it refers to (else Terraform would refuse the unquoted reference).
fn unquote(ctx: &Ctx<'_>, file: FileId, endpoint: &Endpoint, address: &str) -> Option<Edit> {
    let literal = endpoint.literal.as_deref()?;
    let written = ctx.text(file).get(endpoint.span.start..endpoint.span.end)?;
    if written != format!("\"{literal}\"") {
        return None;
    }
    let (block, rest) = address.strip_prefix("data.").map_or(("resource", address), |rest| ("data", rest));
    let (kind, name) = rest.split_once('.')?;
    let declaration = format!("{block} \"{kind}\" \"{name}\"");
    let name_of = |id: FileId| ctx.files.get(id).map_or("", |source| source.name.as_str());
    let directory = |id: FileId| name_of(id).rsplit_once('/').map_or("", |(dir, _)| dir).to_owned();
    let here = directory(file);
    let declared = (0..ctx.files.len()).any(|id| directory(id) == here && ctx.text(id).contains(&declaration));
    declared.then(|| Edit { file, span: endpoint.span, content: format!("{address}.id") })
}

/// A mapping's `source_id`/`target_id`, or a schema or features resource's `app_id`.
fn check_endpoint(ctx: &mut Ctx<'_>, file: FileId, endpoint: &Endpoint) {
    let Some(literal) = endpoint.literal.as_deref() else { return };
    if let Some(address) = crate::model::quoted_reference(literal) {
        let edit = unquote(ctx, file, endpoint, address);
        ctx.report(quoted_reference(file, endpoint, address, edit));
    } else if !is_id_or_placeholder(literal) {
        ctx.report(not_an_id(file, endpoint, literal));
    }
}

pub fn check(ctx: &mut Ctx<'_>) {
    let has_to_app = ctx.to_app_mappings().next().is_some();
    for app_id in &ctx.setup.app_ids {
        check_endpoint(ctx, app_id.file, &app_id.endpoint);
    }
    for mapping in &ctx.setup.mappings {
        if mapping.kind != Kind::Terraform {
            continue;
        }
        for endpoint in &mapping.options.endpoints {
            check_endpoint(ctx, mapping.file, endpoint);
        }
        // Without a To App mapping beside it, the whole mapping is the wrong way round: F006.
        let to_okta = mapping.direction.as_ref().is_some_and(|direction| direction.is_to_okta());
        if !to_okta || !has_to_app {
            continue;
        }
        let written: Vec<(FileId, Span)> = mapping
            .entries
            .iter()
            .filter_map(|entry| match entry.push_status {
                PushStatus::Text(_, span) if entry.apply_on_span.is_some() => Some((entry.file, span)),
                _ => None,
            })
            .collect();
        if let Some(((file, first), rest)) = written.split_first() {
            let others: Vec<Span> = rest.iter().filter(|(other, _)| other == file).map(|(_, span)| *span).collect();
            ctx.report(push_status_to_okta(*file, *first, &others));
        }
    }
}
