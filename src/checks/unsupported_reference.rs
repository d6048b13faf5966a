//! X205 unsupported-reference: a reference from another Okta context (`appuser.*`, `session.*`,
//! Identity Engine `user.profile.X` and method calls) in a To App mapping.

use super::Ctx;
use super::expression_sites::Site;
use crate::expr::{Expr, ExprKind};
use crate::finding::{Applicability, Finding};
use crate::ruleset::Code;
use crate::ruleset::Okta;
use crate::source::Span;

fn unsupported_reference(site: &Site<'_>, span: Span, message: String, help: String) -> Finding {
    Finding::new(Code::X205, site.file(), site.span(span), message)
        .label("not available in a To App mapping")
        .help(help)
        .pointer(format!("{}/expression", site.entry.pointer))
}

/// The finding for `node`, if it is a reference that a To App mapping cannot use.
fn finding(okta: &Okta, site: &Site<'_>, node: &Expr) -> Option<Finding> {
    match &node.kind {
        ExprKind::Member { object, name } => {
            let ExprKind::Member { object: root, name: profile } = &object.kind else {
                let ExprKind::Ident(root) = &object.kind else { return None };
                if root == "user" {
                    return None;
                }
                let reference = format!("{root}.{}", name.text);
                if let Some(unsupported) = okta.unsupported_root(root) {
                    let message = format!("`{reference}` is not available in a To App mapping");
                    let help = format!("`{root}.*` works only in {}; use `user.*` attributes", unsupported.context);
                    return Some(unsupported_reference(site, node.span, message, help));
                }
                let unsupported = okta.references.unsupported_members.iter().find(|m| m.reference == reference)?;
                let message = format!("`{reference}` is not available in a To App mapping");
                let help = format!("`{reference}` works only in {}", unsupported.context);
                return Some(unsupported_reference(site, node.span, message, help));
            };
            if !matches!(&root.kind, ExprKind::Ident(user) if user == "user") || profile.text != "profile" {
                return None;
            }
            let written = site.source(node.span);
            let message = format!("`{written}` is the Identity Engine form of a user attribute");
            let help = format!("profile mappings read user attributes as `user.{}`", name.text);
            let finding = unsupported_reference(site, node.span, message, help);
            let edit = site.edit(Span::new(profile.span.start, name.span.start), "");
            Some(match edit {
                Some(edit) => finding.fix(Applicability::Unsafe, format!("change to `user.{}`", name.text), vec![edit]),
                None => finding,
            })
        }
        ExprKind::Call { receiver: Some(receiver), name, args, close } if node.callee().is_none() => {
            let span = Span::new(name.span.start, close.end);
            let message = format!("`.{}(…)` is a method call, which profile mappings do not support", name.text);
            let help = match okta.references.method_replacements.get(&name.text) {
                Some(function) => {
                    let mut parts = vec![site.source(receiver.span)];
                    parts.extend(args.iter().map(|arg| site.source(arg.span)));
                    format!("call the function instead: `{function}({})`", parts.join(", "))
                }
                None => "method calls are the Identity Engine dialect; use the String.* and Arrays.* functions".into(),
            };
            Some(unsupported_reference(site, span, message, help))
        }
        _ => None,
    }
}

pub fn check(ctx: &mut Ctx<'_>) {
    let sites = ctx.expressions();
    for site in sites.iter() {
        let Ok(expr) = &site.parsed else { continue };
        let mut findings = Vec::new();
        expr.walk(&mut |node| findings.extend(finding(ctx.okta, site, node)));
        for finding in findings {
            ctx.report(finding);
        }
    }
}
