//! The values an expression produces, with the Java/SpEL rules Okta's evaluator inherits for
//! equality, ordering, truth and turning a value into text.
//!
//! Strings borrow from the expression tree or the user's profile whenever they can, so that
//! `user.firstName` evaluates without allocating.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;

/// A value of the Okta Expression Language. `Int` is Java's `Integer`/`Long`, `Num` its `Double`.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Num(f64),
    Str(Cow<'a, str>),
    Array(Vec<Value<'a>>),
}

impl<'a> Value<'a> {
    #[must_use]
    pub fn str(text: &'a str) -> Self {
        Self::Str(Cow::Borrowed(text))
    }

    /// The name a message uses for the kind of value.
    #[must_use]
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::Null => "null",
            Self::Bool(_) => "a boolean",
            Self::Int(_) => "an integer",
            Self::Num(_) => "a number",
            Self::Str(_) => "a string",
            Self::Array(_) => "an array",
        }
    }

    /// Null, or the empty string: what Elvis (`?:`) replaces and what Haiilo receives as no value.
    #[must_use]
    pub fn is_null_or_empty(&self) -> bool {
        match self {
            Self::Null => true,
            Self::Str(text) => text.is_empty(),
            _ => false,
        }
    }

    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Self::Str(text) => Some(text),
            _ => None,
        }
    }

    /// The value with nothing borrowed, to keep past the user it was computed for.
    #[must_use]
    pub fn into_owned(self) -> Value<'static> {
        match self {
            Self::Null => Value::Null,
            Self::Bool(flag) => Value::Bool(flag),
            Self::Int(number) => Value::Int(number),
            Self::Num(number) => Value::Num(number),
            Self::Str(text) => Value::Str(Cow::Owned(text.into_owned())),
            Self::Array(items) => Value::Array(items.into_iter().map(Value::into_owned).collect()),
        }
    }

    /// The text Java gives the value when it is concatenated or passed where a string is wanted
    /// (`String.valueOf`; Spring joins a list with `,`). `None` for null, which each caller
    /// treats in its own way.
    #[must_use]
    pub fn java_text(&self) -> Option<Cow<'_, str>> {
        Some(match self {
            Self::Null => return None,
            Self::Str(text) => Cow::Borrowed(text.as_ref()),
            Self::Bool(flag) => Cow::Borrowed(if *flag { "true" } else { "false" }),
            Self::Int(number) => Cow::Owned(number.to_string()),
            Self::Num(number) => Cow::Owned(java_double(*number)),
            Self::Array(items) => {
                let texts: Vec<Cow<'_, str>> =
                    items.iter().map(|item| item.java_text().unwrap_or(Cow::Borrowed("null"))).collect();
                Cow::Owned(texts.join(","))
            }
        })
    }

    /// As JSON, for `preview --format json`.
    #[must_use]
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Self::Null => serde_json::Value::Null,
            Self::Bool(flag) => serde_json::Value::Bool(*flag),
            Self::Int(number) => serde_json::Value::from(*number),
            Self::Num(number) => serde_json::Number::from_f64(*number).map_or(serde_json::Value::Null, Into::into),
            Self::Str(text) => serde_json::Value::String(text.to_string()),
            Self::Array(items) => serde_json::Value::Array(items.iter().map(Value::to_json).collect()),
        }
    }
}

/// Strings as written, arrays in the language's own braces: `{10, 20}`.
impl fmt::Display for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Array(items) => {
                f.write_str("{")?;
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("}")
            }
            other => f.write_str(&other.java_text().unwrap_or(Cow::Borrowed("null"))),
        }
    }
}

/// SpEL's `==`: numbers by value whatever their type, null equal only to null, values of
/// different types never equal (`"1" == 1` is false).
#[must_use]
pub fn equals(left: &Value<'_>, right: &Value<'_>) -> bool {
    match (left, right) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(a), Value::Bool(b)) => a == b,
        (Value::Str(a), Value::Str(b)) => a == b,
        (Value::Int(a), Value::Int(b)) => a == b,
        (Value::Int(_) | Value::Num(_), Value::Int(_) | Value::Num(_)) => as_f64(left) == as_f64(right),
        (Value::Array(a), Value::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(a, b)| equals(a, b)),
        _ => false,
    }
}

/// SpEL's ordering (`StandardTypeComparator`): null before everything, numbers by value,
/// strings as Java compares them (UTF-16 code units), `false < true`. `None`: not comparable,
/// which fails in Okta.
#[must_use]
pub fn compare(left: &Value<'_>, right: &Value<'_>) -> Option<Ordering> {
    match (left, right) {
        (Value::Null, Value::Null) => Some(Ordering::Equal),
        (Value::Null, _) => Some(Ordering::Less),
        (_, Value::Null) => Some(Ordering::Greater),
        (Value::Int(a), Value::Int(b)) => Some(a.cmp(b)),
        (Value::Int(_) | Value::Num(_), Value::Int(_) | Value::Num(_)) => as_f64(left).partial_cmp(&as_f64(right)),
        (Value::Str(a), Value::Str(b)) => {
            Some(if a.is_ascii() && b.is_ascii() { a.cmp(b) } else { a.encode_utf16().cmp(b.encode_utf16()) })
        }
        (Value::Bool(a), Value::Bool(b)) => Some(a.cmp(b)),
        _ => None,
    }
}

#[allow(clippy::cast_precision_loss)]
fn as_f64(value: &Value<'_>) -> f64 {
    match value {
        Value::Int(number) => *number as f64,
        Value::Num(number) => *number,
        _ => f64::NAN,
    }
}

/// A value used as a condition (`AND`, `OR`, `!`, `? :`): SpEL converts it to a boolean with
/// Spring's converters, so the strings `true`/`yes`/`on`/`1` and their opposites count, and
/// null fails.
pub fn truth(value: &Value<'_>) -> Result<bool, Cow<'static, str>> {
    match value {
        Value::Bool(flag) => Ok(*flag),
        Value::Null => Err(Cow::Borrowed("a condition is null, and Okta cannot use null as true or false")),
        Value::Str(text) => match text.trim().to_ascii_lowercase().as_str() {
            "true" | "on" | "yes" | "1" => Ok(true),
            "false" | "off" | "no" | "0" => Ok(false),
            "" => Err(Cow::Borrowed("a condition is an empty string, which Okta reads as null")),
            _ => Err(Cow::Owned(format!("the condition `{text}` is a string that is neither true nor false"))),
        },
        other => Err(Cow::Owned(format!("a condition is {}, not true or false", other.type_name()))),
    }
}

/// `Double.toString`: shortest digits that read back, with `.0` on whole numbers and
/// scientific notation outside `[10^-3, 10^7)`.
#[must_use]
pub fn java_double(number: f64) -> String {
    if number.is_nan() {
        return "NaN".into();
    }
    if number.is_infinite() {
        return if number > 0.0 { "Infinity".into() } else { "-Infinity".into() };
    }
    let magnitude = number.abs();
    if number == 0.0 || (1e-3..1e7).contains(&magnitude) {
        let text = format!("{number}");
        return if text.contains('.') { text } else { text + ".0" };
    }
    let text = format!("{number:e}");
    let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
    let mantissa = if mantissa.contains('.') { mantissa.to_owned() } else { format!("{mantissa}.0") };
    format!("{mantissa}E{exponent}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::approx_constant, reason = "3.141 is the reference's number literal, not pi")]
    fn doubles_print_as_java_prints_them() {
        for (number, text) in [
            (3.141, "3.141"),
            (3.0, "3.0"),
            (-0.5, "-0.5"),
            (1e7, "1.0E7"),
            (1.5e-4, "1.5E-4"),
            (123_456.7, "123456.7"),
            (0.0, "0.0"),
        ] {
            assert_eq!(java_double(number), text, "{number}");
        }
    }

    #[test]
    fn equality_follows_spel() {
        assert!(equals(&Value::Int(123), &Value::Num(123.0)));
        assert!(!equals(&Value::str("123"), &Value::Int(123)));
        assert!(equals(&Value::Null, &Value::Null));
        assert!(!equals(&Value::str(""), &Value::Null));
    }

    #[test]
    fn null_sorts_first_and_mixed_types_do_not_compare() {
        assert_eq!(compare(&Value::Null, &Value::Int(-5)), Some(Ordering::Less));
        assert_eq!(compare(&Value::str("b"), &Value::str("a")), Some(Ordering::Greater));
        assert_eq!(compare(&Value::str("1"), &Value::Int(1)), None);
    }

    #[test]
    fn conditions_accept_spring_boolean_words_and_refuse_null() {
        assert_eq!(truth(&Value::str(" Yes ")), Ok(true));
        assert_eq!(truth(&Value::str("off")), Ok(false));
        assert!(truth(&Value::Null).is_err());
        assert!(truth(&Value::str("maybe")).is_err());
        assert!(truth(&Value::Int(1)).is_err());
    }
}
