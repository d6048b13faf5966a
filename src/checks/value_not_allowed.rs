//! T108 value-not-allowed: a constant the expression can produce that the target attribute does
//! not allow (for Haiilo `country`: a name that is not an existing group).

use super::Ctx;
use super::expression_sites::Site;
use crate::expr::values::{Value, constant_values};
use crate::finding::Finding;
use crate::ruleset::Code;
use crate::ruleset::target::{AllowedValues, Attribute};

fn value_not_allowed(
    site: &Site<'_>,
    value: &Value,
    attribute: &Attribute,
    allowed: &[String],
    config: Option<&str>,
) -> Finding {
    let shown = if value.text.is_empty() { "the empty string".to_owned() } else { format!("`{}`", value.text) };
    let label = match config {
        Some(key) => format!("not in `{key}`"),
        None => "not an allowed value".to_owned(),
    };
    let mut parts = Vec::new();
    if let Some(close) = allowed.iter().find(|name| name.eq_ignore_ascii_case(&value.text)) {
        parts.push(format!("did you mean `{close}`? The letter case must match"));
    }
    parts.push(match config {
        Some(key) if allowed.is_empty() => format!("`{key}` lists no names"),
        Some(key) => format!("the names in `{key}` are: {}", allowed.join(", ")),
        None if allowed.is_empty() => "use a value that matches the attribute's pattern".to_owned(),
        None => format!("allowed values: {}", allowed.join(", ")),
    });
    if let Some(error) = attribute.values.as_ref().and_then(|values| values.error.as_deref()) {
        parts.push(format!("any other value fails with {error}"));
    }
    let help = parts.join("; ");
    Finding::new(
        Code::T108,
        site.file(),
        site.span(value.span),
        format!("{shown} is not an allowed value of `{}`", attribute.name),
    )
    .label(label)
    .help(help)
    .pointer(format!("{}/expression", site.entry.pointer))
}

fn accepts(values: &AllowedValues, allowed: &[String], text: &str) -> bool {
    let listed = |name: &String| if values.case_sensitive { name == text } else { name.eq_ignore_ascii_case(text) };
    let pattern_ok = values.pattern_regex().is_none_or(|pattern| pattern.is_match(text));
    let list_ok = (values.from_config.is_none() && allowed.is_empty()) || allowed.iter().any(listed);
    pattern_ok && list_ok
}

pub fn check(ctx: &mut Ctx<'_>) {
    let sites = ctx.expressions();
    for site in sites.iter() {
        let Ok(expr) = &site.parsed else { continue };
        let Some(attribute) = ctx.target.attribute(&site.entry.attribute) else { continue };
        let Some(values) = &attribute.values else { continue };
        let allowed: &[String] = match values.from_config.as_deref() {
            // Without the list, P306 asks for it; there is nothing to compare with.
            Some(_) => match &ctx.org.groups {
                Some(groups) => groups,
                None => continue,
            },
            None => &values.allowed,
        };
        for value in constant_values(expr) {
            if !accepts(values, allowed, &value.text) {
                let config = values.from_config.as_deref();
                ctx.report(value_not_allowed(site, &value, attribute, allowed, config));
            }
        }
    }
}
