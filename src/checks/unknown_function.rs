//! X202 unknown-function: a call to a function that is not in Okta's catalogue.

use super::Ctx;
use super::expression_sites::Site;
use crate::expr::Callee;
use crate::finding::{Applicability, Finding};
use crate::ruleset::Code;
use crate::ruleset::okta::Okta;
use crate::source::Span;

fn unknown_function(site: &Site<'_>, name: &str, span: Span, suggestion: Option<&str>) -> Finding {
    let finding =
        Finding::new(Code::X202, site.file(), site.span(span), format!("`{name}` is not an Okta expression function"))
            .label("unknown function")
            .pointer(format!("{}/expression", site.entry.pointer));
    let Some(suggestion) = suggestion else {
        return finding.help(
            "use a function of the catalogue: String.*, Arrays.*, Convert.*, Iso3166Convert.*, Time.*, the isMemberOfGroup* functions, getManagerUser, …",
        );
    };
    let finding = finding.help(format!("did you mean `{suggestion}`?"));
    // Only a change of letter case keeps what the author meant for sure.
    match site.edit(span, suggestion).filter(|_| suggestion.eq_ignore_ascii_case(name)) {
        Some(edit) => finding.fix(Applicability::Safe, format!("change to `{suggestion}`"), vec![edit]),
        None => finding,
    }
}

fn is_known(okta: &Okta, callee: &Callee<'_>) -> bool {
    okta.function_meant(callee).is_some() || okta.group_claim_function(callee).is_some()
}

/// The function `name` most likely meant, in its current (`String.*`) spelling.
fn suggestion<'o>(okta: &'o Okta, name: &str) -> Option<&'o str> {
    let mut candidates: Vec<&str> = okta.functions.iter().map(|function| function.name.as_str()).collect();
    candidates.extend(okta.deprecated_functions.iter().map(|deprecated| deprecated.name.as_str()));
    let exact = candidates.iter().copied().find(|candidate| candidate.eq_ignore_ascii_case(name));
    let best = exact.or_else(|| crate::suggest::closest(name, &candidates))?;
    match okta.deprecated(best) {
        Some(deprecated) if exact.is_none() => Some(deprecated.replacement.as_str()),
        _ => Some(best),
    }
}

pub fn check(ctx: &mut Ctx<'_>) {
    let okta = ctx.okta;
    let sites = ctx.expressions();
    for site in sites.iter() {
        let Ok(expr) = &site.parsed else { continue };
        for call in expr.calls() {
            let Some(callee) = call.callee() else { continue };
            if !is_known(okta, &callee) {
                let name = callee.qualified();
                ctx.report(unknown_function(site, &name, callee.span, suggestion(okta, &name)));
            }
        }
    }
}
