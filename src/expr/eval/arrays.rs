//! `Arrays.*`, as Okta's reference documents them. Okta accepts a CSV string wherever an array
//! is (okta-formats.md §5.4); documented for null: `Arrays.size(NULL)` = 0 and
//! `Arrays.isEmpty(NULL)` = true. Okta support documents that `Arrays.flatten` fails when a
//! value is null or empty ("Merged Attributes Using Arrays.flatten Do Not Update").

use std::borrow::Cow;

use super::functions::Call;
use super::value::equals;
use super::{Eval, Stop, Value};

/// Argument `index` as the items of an array; `None` when null.
fn items<'a>(call: &Call<'_, '_, 'a>, index: usize) -> Result<Option<Vec<Value<'a>>>, Stop> {
    let value = call.value(index)?;
    as_items(call, value).map_err(|reason| super::unknown(reason, call.span_of(index)))
}

fn as_items<'a>(call: &Call<'_, '_, 'a>, value: Value<'a>) -> Result<Option<Vec<Value<'a>>>, String> {
    match value {
        Value::Null => Ok(None),
        Value::Array(items) => Ok(Some(items)),
        Value::Str(text) => csv_items(text).map(Some),
        other => Err(format!("`{}` is given {}, not an array or a CSV string", call.name, other.type_name())),
    }
}

/// A CSV string as an array: unambiguous only when no item has spaces around it, since Okta
/// does not document whether it trims them.
fn csv_items<'a>(text: Cow<'a, str>) -> Result<Vec<Value<'a>>, String> {
    if text.is_empty() {
        return Err("Okta does not document what an empty CSV string is as an array".into());
    }
    if !text.contains(',') {
        return Ok(vec![Value::Str(text)]);
    }
    let parts: Vec<&str> = text.split(',').collect();
    if parts.iter().any(|part| part.trim() != *part) {
        return Err(format!(
            "Okta accepts the CSV string `{text}` as an array but does not document whether it trims the spaces \
             around `,`"
        ));
    }
    Ok(parts.into_iter().map(|part| Value::Str(Cow::Owned(part.to_owned()))).collect())
}

fn required<'a>(call: &Call<'_, '_, 'a>, index: usize) -> Result<Vec<Value<'a>>, Stop> {
    items(call, index)?.ok_or_else(|| {
        call.unknown(format!("Okta documents null arrays only for `size` and `isEmpty`, not `{}`", call.name))
    })
}

pub(crate) fn add<'a>(call: &Call<'_, '_, 'a>) -> Eval<'a> {
    call.arity(2, 2)?;
    let mut array = required(call, 0)?;
    let value = call.value(1)?;
    if matches!(value, Value::Null) {
        return Err(call.unknown("Okta does not document `Arrays.add` of null"));
    }
    array.push(value);
    Ok(Value::Array(array))
}

pub(crate) fn remove<'a>(call: &Call<'_, '_, 'a>) -> Eval<'a> {
    call.arity(2, 2)?;
    let array = required(call, 0)?;
    let value = call.value(1)?;
    match array.iter().filter(|item| equals(item, &value)).count() {
        0 | 1 => Ok(Value::Array(array.into_iter().filter(|item| !equals(item, &value)).collect())),
        _ => Err(call.unknown("the value occurs more than once, and Okta does not document whether `Arrays.remove` removes the first or every one")),
    }
}

pub(crate) fn clear<'a>(call: &Call<'_, '_, 'a>) -> Eval<'a> {
    call.arity(1, 1)?;
    required(call, 0)?;
    Ok(Value::Array(Vec::new()))
}

pub(crate) fn get<'a>(call: &Call<'_, '_, 'a>) -> Eval<'a> {
    call.arity(2, 2)?;
    let mut array = required(call, 0)?;
    let position = call.integer(1)?;
    let count = array.len();
    match usize::try_from(position).ok().filter(|&position| position < count) {
        Some(position) => Ok(array.swap_remove(position)),
        None => Err(call.fail(format!("position {position} is outside the array of {count} items"))),
    }
}

pub(crate) fn flatten<'a>(call: &Call<'_, '_, 'a>) -> Eval<'a> {
    call.arity(1, usize::MAX)?;
    let mut flat = Vec::new();
    for index in 0..call.args.len() {
        let value = call.value(index)?;
        if value.is_null_or_empty() {
            return Err(super::error(
                format!(
                    "argument {} is {}, and Okta support documents that `Arrays.flatten` fails to evaluate when a value \
                     is null or empty",
                    index + 1,
                    if matches!(value, Value::Null) { "null" } else { "empty" }
                ),
                call.span_of(index),
            ));
        }
        match value {
            Value::Array(items) => {
                for item in items {
                    if matches!(item, Value::Array(_)) {
                        return Err(call
                            .unknown("Okta does not document whether `Arrays.flatten` flattens arrays nested twice"));
                    }
                    flat.push(item);
                }
            }
            Value::Str(text) if text.contains(',') => {
                flat.extend(csv_items(text).map_err(|reason| super::unknown(reason, call.span_of(index)))?);
            }
            other => flat.push(other),
        }
    }
    Ok(Value::Array(flat))
}

pub(crate) fn contains<'a>(call: &Call<'_, '_, 'a>) -> Eval<'a> {
    call.arity(2, 2)?;
    let array = required(call, 0)?;
    let value = call.value(1)?;
    Ok(Value::Bool(array.iter().any(|item| equals(item, &value))))
}

pub(crate) fn size<'a>(call: &Call<'_, '_, 'a>) -> Eval<'a> {
    call.arity(1, 1)?;
    let count = items(call, 0)?.map_or(0, |array| array.len());
    Ok(Value::Int(i64::try_from(count).unwrap_or(i64::MAX)))
}

pub(crate) fn is_empty<'a>(call: &Call<'_, '_, 'a>) -> Eval<'a> {
    call.arity(1, 1)?;
    Ok(Value::Bool(items(call, 0)?.is_none_or(|array| array.is_empty())))
}

pub(crate) fn to_csv_string<'a>(call: &Call<'_, '_, 'a>) -> Eval<'a> {
    call.arity(1, 1)?;
    let array = required(call, 0)?;
    let mut csv = String::new();
    for (index, item) in array.iter().enumerate() {
        let Some(text) = item.java_text() else {
            return Err(call.unknown("an item is null, and Okta does not document how `Arrays.toCsvString` writes it"));
        };
        if index > 0 {
            csv.push(',');
        }
        csv.push_str(&text);
    }
    Ok(Value::Str(Cow::Owned(csv)))
}
