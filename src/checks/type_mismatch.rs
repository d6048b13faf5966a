//! T109 type-mismatch: the expression gives a value of a type the target attribute cannot hold.

use super::Ctx;
use super::expression_sites::Site;
use crate::expr::types::{Facts, Type, infer};
use crate::expr::{BinaryOp, Callee, Expr, ExprKind};
use crate::finding::Finding;
use crate::ruleset::Code;
use crate::ruleset::target::Attribute;
use crate::source::Span;

fn type_mismatch(site: &Site<'_>, span: Span, found: Type, attribute: &Attribute) -> Finding {
    let help = match found {
        Type::Boolean => "choose between two values with a conditional: `condition ? 'a' : 'b'`",
        Type::Array => "make one value of the list: `Arrays.toCsvString(…)` or `Arrays.get(…, 0)`",
        Type::Integer | Type::Number => "give text: a conditional with string results, or `'' + …`",
        Type::Object => "read one attribute of it, such as `.email`",
        _ => "change the expression to give the attribute's type",
    };
    Finding::new(
        Code::T109,
        site.file(),
        site.span(span),
        format!(
            "the expression gives {} {}, but `{}` holds a {}",
            article(found),
            found.as_str(),
            attribute.name,
            attribute.value_type
        ),
    )
    .label(format!("gives {} {}", article(found), found.as_str()))
    .help(help)
    .pointer(format!("{}/expression", site.entry.pointer))
}

fn article(found: Type) -> &'static str {
    if matches!(found, Type::Integer | Type::Array | Type::Object) { "an" } else { "a" }
}

/// The shortest span that makes the type: the operator of a comparison, the name of a call.
fn culprit(expr: &Expr) -> Span {
    let expr = expr.unparenthesized();
    match &expr.kind {
        ExprKind::Binary { op, op_span, .. } if op.precedence() <= BinaryOp::Eq.precedence() => *op_span,
        ExprKind::Unary { op_span, .. } => *op_span,
        ExprKind::Call { .. } => expr.callee().map_or(expr.span, |callee| callee.span),
        _ => expr.span,
    }
}

pub fn check(ctx: &mut Ctx<'_>) {
    let okta = ctx.okta;
    let custom = ctx.org.custom_attributes.as_deref().unwrap_or_default();
    let user_attribute = |name: &str| {
        okta.base_attribute(name)
            .map(|attribute| if attribute.value_type == "string" { Type::String } else { Type::Unknown })
            .or_else(|| custom.iter().any(|custom| custom == name).then_some(Type::Unknown))
    };
    let returns = |callee: &Callee<'_>| okta.returns(callee);
    let facts = Facts { user_attribute: &user_attribute, returns: &returns };
    let sites = ctx.expressions();
    for site in sites.iter() {
        let Ok(expr) = &site.parsed else { continue };
        let Some(attribute) = ctx.target.attribute(&site.entry.attribute) else { continue };
        // A group-claim function is X207's finding, whatever type it gives.
        if expr
            .calls()
            .iter()
            .any(|call| call.callee().is_some_and(|callee| okta.group_claim_function(&callee).is_some()))
        {
            continue;
        }
        let found = infer(expr, &facts);
        if !found.fits(&attribute.value_type) {
            ctx.report(type_mismatch(site, culprit(expr), found, attribute));
        }
    }
}
