//! X204 unknown-user-attribute: `user.X` names no Okta base attribute and no declared custom one.

use super::Ctx;
use super::expression_sites::Site;
use crate::expr::{ExprKind, Name};
use crate::finding::{Applicability, Finding, Severity};
use crate::ruleset::Code;

/// `close`: the likely meant attributes, best first; `scim` when the name is the SCIM one.
fn unknown_user_attribute(site: &Site<'_>, name: &Name, close: &[&str], scim: bool, custom_known: bool) -> Finding {
    let mut finding = Finding::new(
        Code::X204,
        site.file(),
        site.span(name.span),
        format!("`user.{}` is not an attribute of the Okta user profile", name.text),
    )
    .label("unknown attribute")
    .pointer(format!("{}/expression", site.entry.pointer));
    let declare = if custom_known {
        "it is neither a base attribute nor one of the custom attributes in the config"
    } else {
        "if it is a custom attribute of your org, list it in `okta.custom_attributes`"
    };
    if !custom_known {
        // Without the org's custom attributes, it may well be one of them.
        finding.severity = Severity::Warning;
    }
    let Some(best) = close.first() else {
        return finding.help(format!("use an Okta user attribute (`user.firstName`, `user.city`, …); {declare}"));
    };
    let finding = if scim {
        finding.help(format!("Okta calls SCIM's `{}` `{best}`: did you mean `user.{best}`?", name.text))
    } else {
        finding.help(format!("did you mean `user.{best}`? ({declare})"))
    };
    let applicability = match close {
        [only] if only.eq_ignore_ascii_case(&name.text) => Applicability::Safe,
        [_] => Applicability::Unsafe,
        _ => return finding,
    };
    match site.edit(name.span, *best) {
        Some(edit) => finding.fix(applicability, format!("change to `user.{best}`"), vec![edit]),
        None => finding,
    }
}

pub fn check(ctx: &mut Ctx<'_>) {
    let okta = ctx.okta;
    let custom = ctx.org.custom_attributes.as_deref();
    let mut known: Vec<&str> = okta.base_attributes.iter().map(|attribute| attribute.name.as_str()).collect();
    known.extend(custom.unwrap_or_default().iter().map(String::as_str));
    let sites = ctx.expressions();
    for site in sites.iter() {
        let Ok(expr) = &site.parsed else { continue };
        let mut unknown: Vec<&Name> = Vec::new();
        expr.walk(&mut |node| {
            if let ExprKind::Member { object, name } = &node.kind
                && matches!(&object.kind, ExprKind::Ident(root) if root == "user")
                // `user.profile.X` is X205's: the Identity Engine form of `user.X`.
                && name.text != "profile"
                && !known.contains(&name.text.as_str())
            {
                unknown.push(name);
            }
        });
        for name in unknown {
            let exact: Vec<&str> = known.iter().copied().filter(|k| k.eq_ignore_ascii_case(&name.text)).collect();
            let scim: Vec<&str> = okta
                .base_attributes
                .iter()
                .filter(|base| base.scim.as_deref().is_some_and(|scim| scim.eq_ignore_ascii_case(&name.text)))
                .map(|base| base.name.as_str())
                .collect();
            let by_scim = exact.is_empty() && !scim.is_empty();
            let close = match (exact.is_empty(), scim.is_empty()) {
                (false, _) => exact,
                (true, false) => scim,
                (true, true) => crate::suggest::close_matches(&name.text, &known),
            };
            ctx.report(unknown_user_attribute(site, name, &close, by_scim, custom.is_some()));
        }
    }
}
