//! F013 not-target-app: the documents belong to an app that is not the target; the target's
//! rules do not judge them (the engine does not run them), and the run says so once per app.

use super::Ctx;
use crate::finding::Finding;
use crate::ruleset::Code;
use crate::ruleset::apps::{Evidence, Verdict};

/// `evidence` is the name that shows what the app is, where the documents say it.
fn not_target_app(ctx: &Ctx<'_>, what: &str, evidence: Option<&Evidence>) -> Option<Finding> {
    let (file, span) = match evidence {
        Some(evidence) => (evidence.file, evidence.at.span),
        None => (ctx.documents.first()?.file, crate::source::Span::new(0, 1)),
    };
    let shown = evidence.map(|evidence| evidence.at.text.as_str()).or(ctx.app.name.as_deref());
    let name = shown.map_or_else(|| "this app".to_owned(), |name| format!("`{name}`"));
    let id = ctx.app.id.as_deref().filter(|id| Some(*id) != shown);
    let id = id.map_or_else(String::new, |id| format!(" ({id})"));
    let finding = Finding::new(Code::F013, file, span, format!("{name}{id} is {what}: not checked against {}", ctx.target.title))
        .label(what.to_owned())
        .help(format!(
            "scimlint checks only the {0} app's setup; if this is the {0} app, name it in scimlint.yaml (`app:` with its id or label)",
            ctx.target.title
        ));
    Some(finding)
}

pub fn check(ctx: &mut Ctx<'_>) {
    let Verdict::Other { what, evidence } = &ctx.app.verdict else { return };
    if let Some(finding) = not_target_app(ctx, what, evidence.as_ref()) {
        ctx.report(finding);
    }
}
