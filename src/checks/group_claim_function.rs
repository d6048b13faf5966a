//! X207 group-claim-function: `Groups.contains/startsWith/endsWith`, which build token claims
//! and do not work in profile mappings.

use super::Ctx;
use super::expression_sites::Site;
use crate::finding::Finding;
use crate::ruleset::Code;
use crate::source::Span;

fn group_claim_function(site: &Site<'_>, name: &str, span: Span) -> Finding {
    Finding::new(Code::X207, site.file(), site.span(span), format!("`{name}` works only in a token's groups claim"))
        .label("not usable in a mapping")
        .help(
            "test membership in a conditional instead, e.g. `isMemberOfGroupNameStartsWith('EMEA') ? 'EMEA' : 'Global'`; \
             `getFilteredGroups(…)` gives a list",
        )
        .pointer(format!("{}/expression", site.entry.pointer))
}

pub fn check(ctx: &mut Ctx<'_>) {
    let okta = ctx.okta;
    let sites = ctx.expressions();
    for site in sites.iter() {
        let Ok(expr) = &site.parsed else { continue };
        for call in expr.calls() {
            if let Some(callee) = call.callee()
                && okta.group_claim_function(&callee).is_some()
            {
                ctx.report(group_claim_function(site, &callee.qualified(), callee.span));
            }
        }
    }
}
