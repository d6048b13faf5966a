//! X206 deprecated-function: bare `toUpperCase(…)` and its kin, and the `matches` operator.

use super::Ctx;
use super::expression_sites::Site;
use crate::expr::{BinaryOp, ExprKind};
use crate::finding::{Applicability, Finding};
use crate::ruleset::Code;
use crate::ruleset::okta::Deprecated;
use crate::source::Span;

fn deprecated_function(site: &Site<'_>, span: Span, deprecated: &Deprecated) -> Finding {
    let finding = Finding::new(
        Code::X206,
        site.file(),
        site.span(span),
        format!("`{}` is a deprecated bare function name", deprecated.name),
    )
    .label("deprecated")
    .help(format!("use `{}`, with the same arguments", deprecated.replacement))
    .pointer(format!("{}/expression", site.entry.pointer));
    match site.edit(span, deprecated.replacement.clone()) {
        Some(edit) => finding.fix(Applicability::Safe, format!("change to `{}`", deprecated.replacement), vec![edit]),
        None => finding,
    }
}

fn deprecated_matches(site: &Site<'_>, span: Span) -> Finding {
    Finding::new(Code::X206, site.file(), site.span(span), "the `matches` operator is deprecated")
        .label("deprecated operator")
        .help("rewrite the condition with `String.stringContains`, `String.startsWith` or a comparison")
        .pointer(format!("{}/expression", site.entry.pointer))
}

pub fn check(ctx: &mut Ctx<'_>) {
    let okta = ctx.okta;
    let sites = ctx.expressions();
    for site in sites.iter() {
        let Ok(expr) = &site.parsed else { continue };
        let mut findings = Vec::new();
        expr.walk(&mut |node| match &node.kind {
            ExprKind::Call { receiver: None, name, .. } => {
                if let Some(deprecated) = okta.deprecated(&name.text) {
                    findings.push(deprecated_function(site, name.span, deprecated));
                }
            }
            ExprKind::Binary { op: BinaryOp::Matches, op_span, .. } => {
                findings.push(deprecated_matches(site, *op_span))
            }
            _ => {}
        });
        for finding in findings {
            ctx.report(finding);
        }
    }
}
