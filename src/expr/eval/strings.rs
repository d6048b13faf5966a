//! `String.*` and the deprecated bare names, as Okta's reference documents them.
//!
//! Where Okta is silent, two readings are plausible: Apache Commons `StringUtils` (null-safe)
//! and the JSTL `fn:` functions (which Okta's username templates call, as in
//! `${fn:substringBefore(source.login, "@")}`). Where they agree the result is computed, where
//! they differ it is Unknown. A null string in gives null out (either way Haiilo gets no value).

use std::borrow::Cow;

use super::functions::Call;
use super::{Eval, Value};

/// The characters that make a `match` a different pattern when read as a Java regex.
const REGEX_SPECIAL: &[char] = &['\\', '.', '[', ']', '{', '}', '(', ')', '*', '+', '?', '^', '$', '|'];

fn owned<'a>(text: String) -> Value<'a> {
    Value::Str(Cow::Owned(text))
}

pub(crate) fn append<'a>(call: &Call<'_, '_, 'a>) -> Eval<'a> {
    call.arity(2, 2)?;
    let Some(text) = call.text(0)? else { return Ok(Value::Null) };
    let suffix = call.required_text(1, "suffix")?;
    Ok(owned(text.into_owned() + &suffix))
}

pub(crate) fn join<'a>(call: &Call<'_, '_, 'a>) -> Eval<'a> {
    call.arity(2, usize::MAX)?;
    let separator = call.required_text(0, "separator")?;
    let mut joined = String::new();
    for index in 1..call.args.len() {
        let Some(text) = call.text(index)? else {
            return Err(call.unknown(format!(
                "argument {} is null, and Okta does not document whether `String.join` skips it or writes `null`",
                index + 1
            )));
        };
        if index > 1 {
            joined.push_str(&separator);
        }
        joined.push_str(&text);
    }
    Ok(owned(joined))
}

/// Length in UTF-16 code units, as Java's `String.length()` counts.
fn java_len(text: &str) -> usize {
    if text.is_ascii() { text.len() } else { text.encode_utf16().count() }
}

pub(crate) fn len<'a>(call: &Call<'_, '_, 'a>) -> Eval<'a> {
    call.arity(1, 1)?;
    let length = call.text(0)?.map_or(0, |text| java_len(&text));
    Ok(Value::Int(i64::try_from(length).unwrap_or(i64::MAX)))
}

pub(crate) fn remove_spaces<'a>(call: &Call<'_, '_, 'a>) -> Eval<'a> {
    call.arity(1, 1)?;
    let Some(text) = call.text(0)? else { return Ok(Value::Null) };
    if text.chars().any(|c| c.is_whitespace() && c != ' ') {
        return Err(call.unknown(
            "the value holds white space other than spaces (a tab, a line break), and Okta does not document \
             whether `String.removeSpaces` removes it",
        ));
    }
    if !text.contains(' ') {
        return Ok(Value::Str(text));
    }
    Ok(owned(text.replace(' ', "")))
}

pub(crate) fn replace<'a>(call: &Call<'_, '_, 'a>) -> Eval<'a> {
    replace_with(call, false)
}

pub(crate) fn replace_first<'a>(call: &Call<'_, '_, 'a>) -> Eval<'a> {
    replace_with(call, true)
}

/// Evaluated when reading `match` as text and as a Java regex give one result.
fn replace_with<'a>(call: &Call<'_, '_, 'a>, first_only: bool) -> Eval<'a> {
    call.arity(3, 3)?;
    let Some(text) = call.text(0)? else { return Ok(Value::Null) };
    let pattern = call.required_text(1, "match")?;
    let replacement = call.required_text(2, "replacement")?;
    if pattern.is_empty() {
        return Err(call.unknown(format!("Okta does not document `{}` with an empty match", call.name)));
    }
    let literal = if first_only {
        text.replacen(pattern.as_ref(), &replacement, 1)
    } else {
        text.replace(pattern.as_ref(), &replacement)
    };
    let special_pattern = pattern.contains(REGEX_SPECIAL);
    let special_replacement = replacement.contains(['$', '\\']);
    if !special_pattern && !special_replacement {
        return Ok(owned(literal));
    }
    let ambiguous = || {
        call.unknown(format!(
            "Okta does not document whether `{}` reads `{pattern}` as a regular expression or as text, and the two \
             readings give different results here",
            call.name
        ))
    };
    if special_replacement {
        return Err(ambiguous());
    }
    let by_regex = call.evaluator().with_regex(&pattern, |regex| {
        let limit = if first_only { 1 } else { 0 };
        regex.replacen(&text, limit, regex::NoExpand(&replacement)).into_owned()
    });
    match by_regex {
        Some(by_regex) if by_regex == literal => Ok(owned(literal)),
        _ => Err(ambiguous()),
    }
}

pub(crate) fn starts_with<'a>(call: &Call<'_, '_, 'a>) -> Eval<'a> {
    call.arity(2, 2)?;
    let text = call.text(0)?;
    let prefix = call.required_text(1, "prefix")?;
    Ok(Value::Bool(text.is_some_and(|text| text.starts_with(prefix.as_ref()))))
}

pub(crate) fn string_contains<'a>(call: &Call<'_, '_, 'a>) -> Eval<'a> {
    call.arity(2, 2)?;
    let text = call.text(0)?;
    let search = call.required_text(1, "search text")?;
    Ok(Value::Bool(text.is_some_and(|text| text.contains(search.as_ref()))))
}

/// `String.stringSwitch(input, default, key1, value1, …)`: the value of the first key that
/// occurs in the input ("Substrings count", "First match wins" in Okta's examples).
pub(crate) fn string_switch<'a>(call: &Call<'_, '_, 'a>) -> Eval<'a> {
    call.arity(2, usize::MAX)?;
    if !call.args.len().is_multiple_of(2) {
        return Err(call.fail("`String.stringSwitch` needs a value after every key"));
    }
    // Java evaluates every argument before the call, so a failing one fails it.
    let mut values = Vec::with_capacity(call.args.len());
    for index in 0..call.args.len() {
        values.push(call.value(index)?);
    }
    let mut values = values.into_iter();
    let (Some(input), Some(default)) = (values.next(), values.next()) else { return Ok(Value::Null) };
    let input = call.to_text(input, 0)?;
    let mut index = 2;
    while let (Some(key), Some(result)) = (values.next(), values.next()) {
        let Some(key) = call.to_text(key, index)? else {
            return Err(call.unknown(format!("key {} is null, which Okta does not document", index / 2)));
        };
        if input.as_deref().is_some_and(|input| input.contains(key.as_ref())) {
            return Ok(result);
        }
        index += 2;
    }
    Ok(default)
}

/// The UTF-16 units `start..end` of `text` (Java's indices), `end` cut to the length.
fn java_slice(text: &str, start: usize, end: usize) -> String {
    if text.is_ascii() {
        return text.get(start..end.min(text.len())).unwrap_or_default().to_owned();
    }
    let units: Vec<u16> = text.encode_utf16().collect();
    units.get(start..end.min(units.len())).map(String::from_utf16_lossy).unwrap_or_default()
}

pub(crate) fn substring<'a>(call: &Call<'_, '_, 'a>) -> Eval<'a> {
    call.arity(3, 3)?;
    let text = call.text(0)?;
    let (start, end) = (call.integer(1)?, call.integer(2)?);
    let Some(text) = text else { return Ok(Value::Null) };
    let (Ok(start), Ok(end)) = (usize::try_from(start), usize::try_from(end)) else {
        return Err(call.unknown("Okta does not document `substring` with a negative index"));
    };
    // Okta's "Popular expressions" use `substring(user.lastName, 0, 6)` as a length limit, so
    // an end past the string is cut to it.
    let end = end.min(java_len(&text));
    if start > end {
        return Err(call.unknown(format!(
            "the start ({start}) is past the end ({end}), which Okta does not document for `substring`"
        )));
    }
    Ok(owned(java_slice(&text, start, end)))
}

pub(crate) fn substring_after<'a>(call: &Call<'_, '_, 'a>) -> Eval<'a> {
    call.arity(2, 2)?;
    let Some(text) = call.text(0)? else { return Ok(Value::Null) };
    let search = call.required_text(1, "search text")?;
    Ok(match text.find(search.as_ref()) {
        Some(at) => owned(text.get(at + search.len()..).unwrap_or_default().to_owned()),
        None => Value::str(""),
    })
}

pub(crate) fn substring_before<'a>(call: &Call<'_, '_, 'a>) -> Eval<'a> {
    call.arity(2, 2)?;
    let Some(text) = call.text(0)? else { return Ok(Value::Null) };
    let search = call.required_text(1, "search text")?;
    match text.find(search.as_ref()) {
        Some(at) => Ok(owned(text.get(..at).unwrap_or_default().to_owned())),
        None => Err(call.unknown(format!(
            "`{search}` does not occur in the value, and Okta does not document whether `substringBefore` then \
             gives the whole value or an empty one"
        ))),
    }
}

pub(crate) fn to_upper_case<'a>(call: &Call<'_, '_, 'a>) -> Eval<'a> {
    call.arity(1, 1)?;
    Ok(call.text(0)?.map_or(Value::Null, |text| owned(text.to_uppercase())))
}

pub(crate) fn to_lower_case<'a>(call: &Call<'_, '_, 'a>) -> Eval<'a> {
    call.arity(1, 1)?;
    Ok(call.text(0)?.map_or(Value::Null, |text| owned(text.to_lowercase())))
}
