//! X203 wrong-arity: a known function called with too few or too many arguments.

use super::Ctx;
use super::expression_sites::Site;
use crate::expr::ExprKind;
use crate::finding::Finding;
use crate::ruleset::Code;
use crate::ruleset::okta::Function;
use crate::source::Span;

fn wrong_arity(site: &Site<'_>, name: &str, function: &Function, count: usize, span: Span) -> Finding {
    let given = if count == 1 { "1 argument".to_owned() } else { format!("{count} arguments") };
    Finding::new(
        Code::X203,
        site.file(),
        site.span(span),
        format!("`{name}` takes {}, not {count}", function.arity.describe()),
    )
    .label(given)
    .help(format!("call it as `{}`", function.signature))
    .pointer(format!("{}/expression", site.entry.pointer))
}

pub fn check(ctx: &mut Ctx<'_>) {
    let okta = ctx.okta;
    let sites = ctx.expressions();
    for site in sites.iter() {
        let Ok(expr) = &site.parsed else { continue };
        for call in expr.calls() {
            let (Some(callee), ExprKind::Call { args, close, .. }) = (call.callee(), &call.kind) else { continue };
            // A deprecated name takes the arguments of its replacement.
            let Some(function) = okta.function_meant(&callee) else { continue };
            if !function.arity.accepts(args.len()) {
                let span = Span::new(callee.span.start, close.end);
                ctx.report(wrong_arity(site, &callee.qualified(), function, args.len(), span));
            }
        }
    }
}
