//! Okta's Sign On username templates ("Application username format"), translated into an
//! expression the evaluator runs: `${source.login}`, `${fn:substringBefore(source.login, "@")}`,
//! and literal text around `${…}` parts (`${source.firstName}.${source.lastName}@acme.example`).
//!
//! `BUILT_IN` templates are JSP expression language with the JSTL `fn:` functions
//! (okta-formats.md §3: "BUILT_IN templates use JSP-EL-like syntax"); JSTL reads a missing value
//! as the empty string and gives `""` when `fn:substringBefore`/`fn:substringAfter` find no
//! match, so the translation spells those cases out (`cond ? … : ""`, `x ?: ""`) instead of
//! leaving them to Okta Expression Language's own null rules. What it does not know (another
//! `fn:` function, an operator inside `${…}`) is refused with the reason: the caller treats the
//! username as unknown, never as a guess.

/// The JSTL functions translated, with the Okta Expression Language function of each.
const FUNCTIONS: [(&str, &str, usize); 4] = [
    ("substringBefore", "String.substringBefore", 2),
    ("substringAfter", "String.substringAfter", 2),
    ("toLowerCase", "String.toLowerCase", 1),
    ("toUpperCase", "String.toUpperCase", 1),
];

/// The expression a `BUILT_IN` username template computes, or why it cannot be read.
pub fn translate(template: &str) -> Result<String, String> {
    let mut pieces = Vec::new();
    let mut rest = template;
    while !rest.is_empty() {
        match rest.find("${") {
            Some(0) => {
                let end = rest.find('}').ok_or_else(|| "a `${` in the template is never closed".to_owned())?;
                let inner = &rest[2..end];
                pieces.push(Piece::Part(Inner::new(inner).whole()?));
                rest = &rest[end + 1..];
            }
            Some(at) => {
                pieces.push(Piece::Text(literal(&rest[..at])?));
                rest = &rest[at..];
            }
            None => {
                pieces.push(Piece::Text(literal(rest)?));
                rest = "";
            }
        }
    }
    Ok(match pieces.as_slice() {
        [] => "\"\"".to_owned(),
        // One reference alone: a null value is no username either way.
        [Piece::Part(Translated::Reference(reference))] => reference.clone(),
        _ => pieces.iter().map(Piece::text).collect::<Vec<_>>().join(" + "),
    })
}

enum Piece {
    Text(String),
    Part(Translated),
}

impl Piece {
    fn text(&self) -> String {
        match self {
            Self::Text(text) => text.clone(),
            Self::Part(part) => part.text(),
        }
    }
}

enum Translated {
    Reference(String),
    Other(String),
}

impl Translated {
    /// As a string that is never null: JSTL prints a missing value as nothing.
    fn text(&self) -> String {
        match self {
            Self::Reference(reference) => format!("({reference} ?: \"\")"),
            Self::Other(text) => text.clone(),
        }
    }
}

/// A string literal in double quotes, refused when it would need escaping.
fn literal(text: &str) -> Result<String, String> {
    if text.contains(['"', '\\', '$', '{', '}']) {
        return Err(format!("the template text `{text}` has characters scimlint does not translate"));
    }
    Ok(format!("\"{text}\""))
}

/// The inside of one `${…}`, read left to right.
struct Inner<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Inner<'a> {
    fn new(text: &'a str) -> Self {
        Self { text, at: 0 }
    }

    fn whole(mut self) -> Result<Translated, String> {
        let value = self.value()?;
        self.skip_space();
        if self.at < self.text.len() {
            return Err(format!("`${{{}}}` is not a reference or an `fn:` call scimlint translates", self.text.trim()));
        }
        Ok(value)
    }

    fn skip_space(&mut self) {
        while self.text[self.at..].starts_with(' ') {
            self.at += 1;
        }
    }

    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    fn name(&mut self) -> &'a str {
        let rest = self.rest();
        let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
        self.at += end;
        &rest[..end]
    }

    fn value(&mut self) -> Result<Translated, String> {
        self.skip_space();
        let rest = self.rest();
        if let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
            let end = rest[1..].find(quote).ok_or_else(|| "a string in the template is never closed".to_owned())?;
            self.at += end + 2;
            return Ok(Translated::Other(literal(&rest[1..=end])?));
        }
        if rest.starts_with("fn:") {
            self.at += 3;
            let name = self.name();
            let Some((_, function, arity)) = FUNCTIONS.iter().find(|(jstl, _, _)| *jstl == name) else {
                return Err(format!("`fn:{name}` in the username template is not a function scimlint evaluates"));
            };
            return self.call(name, function, *arity);
        }
        let root = self.name();
        if !matches!(root, "source" | "user") || !self.rest().starts_with('.') {
            return Err(format!("`{}` in the username template is not a reference to the Okta user", rest.trim()));
        }
        self.at += 1;
        let attribute = self.name();
        if attribute.is_empty() {
            return Err("a reference in the username template names no attribute".to_owned());
        }
        Ok(Translated::Reference(format!("source.{attribute}")))
    }

    fn call(&mut self, name: &str, function: &str, arity: usize) -> Result<Translated, String> {
        self.skip_space();
        if !self.rest().starts_with('(') {
            return Err(format!("`fn:{name}` in the username template is not called"));
        }
        self.at += 1;
        let mut arguments = Vec::new();
        loop {
            arguments.push(self.value()?.text());
            self.skip_space();
            match self.rest().chars().next() {
                Some(',') => self.at += 1,
                Some(')') => {
                    self.at += 1;
                    break;
                }
                _ => return Err(format!("the arguments of `fn:{name}` in the username template do not close")),
            }
        }
        if arguments.len() != arity {
            return Err(format!("`fn:{name}` takes {arity} argument(s), the template gives {}", arguments.len()));
        }
        let joined = arguments.join(", ");
        Ok(Translated::Other(if arity == 2 {
            // JSTL: no match gives "", where String.substringBefore's own answer is unknown.
            format!("(String.stringContains({joined}) ? {function}({joined}) : \"\")")
        } else {
            format!("{function}({joined})")
        }))
    }
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::translate;
    use crate::expr::eval::{Env, Outcome, Profile, Value, evaluate};

    struct One(&'static str, Option<&'static str>);

    impl Profile for One {
        fn attribute(&self, name: &str) -> Value<'_> {
            match self.1 {
                Some(value) if name == self.0 => Value::str(value),
                _ => Value::Null,
            }
        }
    }

    fn run(template: &str, login: Option<&'static str>) -> Outcome<'static> {
        let text = translate(template).unwrap_or_else(|reason| panic!("{template}: {reason}"));
        let expr = crate::expr::parse(&text).unwrap_or_else(|error| panic!("{text}: {error:?}"));
        let profile = One("login", login);
        evaluate(&expr, &Env::user(&profile))
            .value()
            .map_or(Outcome::Value(Value::Null), |value| Outcome::Value(value.clone().into_owned()))
    }

    #[test]
    fn okta_built_in_templates_evaluate_as_jstl_does() {
        assert_eq!(translate("${source.login}").as_deref(), Ok("source.login"));
        assert_eq!(run("${source.login}", Some("jane@acme.example")), Outcome::Value(Value::str("jane@acme.example")));
        let prefix = "${fn:substringBefore(source.login, \"@\")}";
        assert_eq!(run(prefix, Some("jane@acme.example")), Outcome::Value(Value::str("jane")));
        assert_eq!(run(prefix, Some("jdoe")), Outcome::Value(Value::str("")), "no match: JSTL gives \"\"");
        assert_eq!(run(prefix, None), Outcome::Value(Value::str("")));
        assert_eq!(run("${fn:toLowerCase(source.login)}", Some("Jane@X.io")), Outcome::Value(Value::str("jane@x.io")));
    }

    #[test]
    fn text_around_parts_is_concatenated_and_a_missing_value_prints_as_nothing() {
        let template = "${source.login}@partner.example";
        assert_eq!(run(template, Some("jdoe")), Outcome::Value(Value::str("jdoe@partner.example")));
        assert_eq!(run(template, None), Outcome::Value(Value::str("@partner.example")));
    }

    #[test]
    fn what_is_not_translated_says_why() {
        for (template, why) in [
            ("${fn:trim(source.login)}", "`fn:trim`"),
            ("${source.login + 'x'}", "not a reference or an `fn:` call"),
            ("${app.name}", "not a reference to the Okta user"),
            ("${source.login", "never closed"),
            ("${fn:substringBefore(source.login)}", "takes 2 argument(s)"),
        ] {
            let reason = translate(template).expect_err(template);
            assert!(reason.contains(why), "{template}: {reason}");
        }
    }
}
