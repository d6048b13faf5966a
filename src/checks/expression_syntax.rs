//! X201 expression-syntax: a mapping expression that does not parse.

use super::Ctx;
use super::expression_sites::Site;
use crate::expr::ParseError;
use crate::finding::Finding;
use crate::ruleset::Code;

fn expression_syntax(site: &Site<'_>, error: &ParseError) -> Finding {
    let finding = Finding::new(Code::X201, site.file(), site.span(error.span), error.message.clone())
        .label(error.label.clone())
        .help(help(error))
        .pointer(format!("{}/expression", site.entry.pointer));
    match &error.secondary {
        Some((span, text)) => finding.related(site.file(), site.span(*span), text.clone()),
        None => finding,
    }
}

/// What to do, by the kind of error the parser met.
fn help(error: &ParseError) -> String {
    let message = error.message.as_str();
    if message.starts_with("expected `)`") || message.starts_with("expected `]`") || message.starts_with("expected `}`")
    {
        "add the closing bracket where the group ends, or separate the values inside with `,`".into()
    } else if message.contains("no closing quote") {
        "end the string with the quote it starts with; inside it, write that quote twice (`'it''s'`)".into()
    } else if message.starts_with("`=`") {
        "compare with `==`".into()
    } else if message.starts_with("expected `:`") {
        "write both values of a conditional: `condition ? value : otherValue`".into()
    } else if message.starts_with("expected a value after") {
        "complete the expression after the operator, or remove the operator".into()
    } else if message.contains("nests deeper") {
        "split the expression: Okta mappings do not need this much nesting".into()
    } else if message.contains("closes no `(`") {
        "remove the `)`, or add the `(` it should close".into()
    } else if message.contains("between two values") {
        "join the values with an operator such as `+`, or remove one".into()
    } else {
        "correct the expression at the marked characters (Okta Expression Language, classic dialect)".into()
    }
}

pub fn check(ctx: &mut Ctx<'_>) {
    let sites = ctx.expressions();
    for site in sites.iter() {
        let Err(error) = &site.parsed else { continue };
        // X209 reports blank expressions.
        if site.text.trim().is_empty() {
            continue;
        }
        ctx.report(expression_syntax(site, error));
    }
}
