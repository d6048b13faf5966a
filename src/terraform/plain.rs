//! Between tracked values and hcl-rs's plain values, the form hcl-rs evaluates.

use hcl::{Map, Number, Value as Plain};

use super::value::{Cause, Kind, Member, Origin, Unknown, Value};

/// The plain value, or the first unknown or reference inside (a computation on it is unknown).
pub(super) fn to_plain(value: &Value) -> Result<Plain, Unknown> {
    Ok(match &value.kind {
        Kind::Null => Plain::Null,
        Kind::Bool(flag) => Plain::Bool(*flag),
        Kind::Number(text) => Plain::Number(parse_number(text).unwrap_or_else(|| Number::from(0))),
        Kind::String(text) => Plain::String(text.clone()),
        Kind::List(items) | Kind::Set(items) => Plain::Array(items.iter().map(to_plain).collect::<Result<_, _>>()?),
        Kind::Object(members) => {
            // Terraform orders an object's attributes by name; hcl-rs iterates them as inserted.
            let mut sorted: Vec<&Member> = members.iter().collect();
            sorted.sort_by(|a, b| a.key.cmp(&b.key));
            let mut map = Map::with_capacity(sorted.len());
            for member in sorted {
                map.insert(member.key.clone(), to_plain(&member.value)?);
            }
            Plain::Object(map)
        }
        Kind::Reference(reference) => {
            return Err(Unknown {
                reason: format!("{} is known only to Okta (after apply)", reference.text()),
                cause: Cause::Computed { reference: reference.text() },
            });
        }
        Kind::Unknown(unknown) => return Err(unknown.clone()),
    })
}

/// A computed value: everything inside has the origin of the expression that computed it.
pub(super) fn from_plain(plain: Plain, origin: &Origin) -> Value {
    let kind = match plain {
        Plain::Null => Kind::Null,
        Plain::Bool(flag) => Kind::Bool(flag),
        Plain::Number(number) => Kind::Number(number_text(&number)),
        Plain::String(text) => Kind::String(text),
        Plain::Array(items) => Kind::List(items.into_iter().map(|item| from_plain(item, origin)).collect()),
        Plain::Object(map) => Kind::Object(
            map.into_iter()
                .map(|(key, value)| Member { key, key_origin: origin.clone(), value: from_plain(value, origin) })
                .collect(),
        ),
    };
    Value::new(kind, origin.clone())
}

#[must_use]
pub(super) fn parse_number(text: &str) -> Option<Number> {
    let text = text.trim();
    if let Ok(int) = text.parse::<i64>() {
        return Some(Number::from(int));
    }
    if let Ok(int) = text.parse::<u64>() {
        return Some(Number::from(int));
    }
    text.parse::<f64>().ok().and_then(Number::from_f64)
}

/// As Terraform prints a number: whole numbers without a fraction.
#[must_use]
pub(super) fn number_text(number: &Number) -> String {
    match number.as_f64() {
        Some(float) if number.is_f64() && float.fract() == 0.0 && float.abs() < 9.0e15 => {
            #[allow(clippy::cast_possible_truncation)]
            let whole = float as i64;
            whole.to_string()
        }
        _ => number.to_string(),
    }
}

/// Terraform's `tostring` of a primitive.
#[must_use]
pub(super) fn primitive_text(plain: &Plain) -> Option<String> {
    match plain {
        Plain::String(text) => Some(text.clone()),
        Plain::Number(number) => Some(number_text(number)),
        Plain::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}
