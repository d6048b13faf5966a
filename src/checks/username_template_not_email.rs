//! T110 username-template-not-email: the app's Sign On username template gives something that is
//! not an e-mail address, where the target's username must be one.

use super::Ctx;
use crate::expr::eval::{Env, Outcome, Profile, Value, evaluate};
use crate::finding::Finding;
use crate::model::{EntryValue, SignOn};
use crate::ruleset::Code;
use crate::source::Span;

/// The typical user a template is evaluated for.
struct Typical;

const LOGIN: &str = "jane.doe@example.com";

impl Profile for Typical {
    fn attribute(&self, name: &str) -> Value<'_> {
        match name {
            "login" | "email" => Value::str(LOGIN),
            "firstName" => Value::str("Jane"),
            "lastName" => Value::str("Doe"),
            _ => Value::Null,
        }
    }
}

fn username_template_not_email(sign_on: &SignOn, span: Span, gives: &str, target: &str) -> Finding {
    Finding::new(
        Code::T110,
        sign_on.file,
        span,
        format!("the Sign On username gives `{gives}` for the user `{LOGIN}`, not an e-mail address"),
    )
    .label("the username template")
    .help(format!(
        "{target} needs an e-mail address as the username: choose the Email or Okta username format on the app's Sign On tab (`${{source.email}}`, `${{source.login}}`)"
    ))
    .pointer(sign_on.entry.pointer.clone())
}

/// A built-in template (`${source.login}`, `a${fn:substringBefore(source.email, "@")}b`) as the
/// Okta expression it stands for; `None` when it is no template of that syntax.
fn as_expression(template: &str) -> Option<String> {
    let mut parts = Vec::new();
    let mut rest = template;
    while !rest.is_empty() {
        match rest.find("${") {
            Some(0) => {
                let end = rest.find('}')?;
                parts.push(rest[2..end].replace("fn:", "String."));
                rest = &rest[end + 1..];
            }
            Some(at) => {
                parts.push(format!("'{}'", rest[..at].replace('\'', "''")));
                rest = &rest[at..];
            }
            None => {
                parts.push(format!("'{}'", rest.replace('\'', "''")));
                rest = "";
            }
        }
    }
    (!parts.is_empty()).then(|| parts.join(" + "))
}

pub fn check(ctx: &mut Ctx<'_>) {
    let needs_email =
        ctx.target.attributes.iter().any(|attribute| attribute.sign_on && attribute.format.as_deref() == Some("email"));
    if !needs_email {
        return;
    }
    for sign_on in &ctx.setup.sign_on {
        let EntryValue::Expression { text, span } = &sign_on.entry.value else { continue };
        let source = if sign_on.custom { Some(text.clone()) } else { as_expression(text) };
        let Some(expr) = source.and_then(|source| crate::expr::parse(&source).ok()) else { continue };
        let env = Env { user: &Typical, app_user: None, id: None, status: None };
        // Unknown (an Active Directory attribute) or failing (X rules say why): not judged here.
        let Outcome::Value(Value::Str(gives)) = evaluate(&expr, &env) else { continue };
        let suffix = sign_on.suffix.as_ref().map_or("", |suffix| suffix.text.as_str());
        let gives = format!("{gives}{suffix}");
        if crate::users::shape::email_shape(&gives).is_err() {
            ctx.report(username_template_not_email(sign_on, *span, &gives, &ctx.target.title));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::as_expression;

    #[test]
    fn built_in_templates_read_as_expressions() {
        assert_eq!(as_expression("${source.login}").as_deref(), Some("source.login"));
        assert_eq!(
            as_expression("${fn:substringBefore(source.login, \"@\")}").as_deref(),
            Some("String.substringBefore(source.login, \"@\")")
        );
        assert_eq!(as_expression("x${source.email}'y").as_deref(), Some("'x' + source.email + '''y'"));
        assert_eq!(as_expression("${source.login"), None);
    }
}
