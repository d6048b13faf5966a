//! X208 constant-expression: an expression that reads nothing of the user, so every user gets
//! the same value.

use super::Ctx;
use super::expression_sites::Site;
use crate::expr::{Expr, ExprKind};
use crate::finding::Finding;
use crate::ruleset::Code;

fn constant_expression(site: &Site<'_>, expr: &Expr) -> Finding {
    let written = site.source(expr.span);
    let help = match &expr.unparenthesized().kind {
        // `'user.department'`: an attribute written in quotes.
        ExprKind::Str(text) if text.starts_with("user.") && crate::expr::parse(text).is_ok() => {
            format!("remove the quotes to read the attribute: `{text}`")
        }
        _ => format!(
            "if every user should get `{written}`, keep it and suppress X208 for this entry; otherwise use the user attribute you meant"
        ),
    };
    Finding::new(
        Code::X208,
        site.file(),
        site.span(expr.span),
        format!("`{}` always gives the same value: it reads nothing of the user", site.entry.attribute),
    )
    .label("constant")
    .help(help)
    .pointer(format!("{}/expression", site.entry.pointer))
}

/// True when nothing in `expr` reads the user, the org or the clock.
fn is_constant(expr: &Expr) -> bool {
    let mut constant = true;
    expr.walk(&mut |node| {
        if matches!(node.kind, ExprKind::Ident(_) | ExprKind::Call { .. }) {
            constant = false;
        }
    });
    constant
}

pub fn check(ctx: &mut Ctx<'_>) {
    let sites = ctx.expressions();
    for site in sites.iter() {
        let Ok(expr) = &site.parsed else { continue };
        // A lone `null` is X209's empty expression.
        if is_constant(expr) && !matches!(expr.unparenthesized().kind, ExprKind::Null) {
            ctx.report(constant_expression(site, expr));
        }
    }
}
