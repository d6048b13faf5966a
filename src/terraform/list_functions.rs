//! Terraform's collection and JSON functions, for hcl-rs (see `functions.rs`).

use hcl::eval::FuncArgs;
use hcl::{Map, Value as Plain};

use super::functions::{arg, bounded, kind, list, object, text};
use super::plain::{number_text, parse_number};

pub(super) fn length(args: FuncArgs) -> Result<Plain, String> {
    Ok(Plain::from(match arg(&args, 0) {
        Plain::Array(items) => items.len(),
        Plain::Object(map) => map.len(),
        Plain::String(string) => string.chars().count(),
        other => return Err(format!("cannot take the length of {}", kind(other))),
    }))
}

pub(super) fn contains(args: FuncArgs) -> Result<Plain, String> {
    Ok(Plain::Bool(list(arg(&args, 0), "the first argument")?.contains(arg(&args, 1))))
}

pub(super) fn keys(args: FuncArgs) -> Result<Plain, String> {
    let mut keys: Vec<&String> = object(arg(&args, 0), "the argument")?.keys().collect();
    keys.sort();
    Ok(Plain::Array(keys.into_iter().map(|key| Plain::String(key.clone())).collect()))
}

pub(super) fn values(args: FuncArgs) -> Result<Plain, String> {
    let mut members: Vec<(&String, &Plain)> = object(arg(&args, 0), "the argument")?.iter().collect();
    members.sort_by(|a, b| a.0.cmp(b.0));
    Ok(Plain::Array(members.into_iter().map(|(_, value)| value.clone()).collect()))
}

pub(super) fn lookup(args: FuncArgs) -> Result<Plain, String> {
    if args.len() > 3 {
        return Err("lookup takes two or three arguments".into());
    }
    let map = object(arg(&args, 0), "the first argument")?;
    let key = text(arg(&args, 1), "the key")?;
    match (map.get(&key), args.get(2)) {
        (Some(value), _) => Ok(value.clone()),
        (None, Some(default)) => Ok(default.clone()),
        (None, None) => Err(format!("the map has no key {key:?} and no default was given")),
    }
}

pub(super) fn merge(args: FuncArgs) -> Result<Plain, String> {
    let mut merged = Map::new();
    for value in args.iter().filter(|value| !matches!(value, Plain::Null)) {
        for (key, value) in object(value, "each argument")? {
            merged.insert(key.clone(), value.clone());
        }
    }
    Ok(Plain::Object(merged))
}

pub(super) fn concat(args: FuncArgs) -> Result<Plain, String> {
    let mut all = Vec::new();
    for value in args.iter() {
        all.extend(list(value, "each argument")?.iter().cloned());
    }
    Ok(Plain::Array(all))
}

pub(super) fn coalesce(args: FuncArgs) -> Result<Plain, String> {
    args.iter()
        .find(|value| !matches!(value, Plain::Null) && !matches!(value, Plain::String(s) if s.is_empty()))
        .cloned()
        .ok_or_else(|| "no non-null, non-empty argument".to_owned())
}

pub(super) fn compact(args: FuncArgs) -> Result<Plain, String> {
    let items = list(arg(&args, 0), "the argument")?;
    Ok(Plain::Array(
        items
            .iter()
            .filter(|item| !matches!(item, Plain::Null) && !matches!(item, Plain::String(s) if s.is_empty()))
            .cloned()
            .collect(),
    ))
}

pub(super) fn distinct(args: FuncArgs) -> Result<Plain, String> {
    let mut seen = Vec::new();
    for item in list(arg(&args, 0), "the argument")? {
        if !seen.contains(item) {
            seen.push(item.clone());
        }
    }
    Ok(Plain::Array(seen))
}

pub(super) fn flatten(args: FuncArgs) -> Result<Plain, String> {
    let mut flat = Vec::new();
    let mut stack: Vec<&Plain> = list(arg(&args, 0), "the argument")?.iter().rev().collect();
    while let Some(item) = stack.pop() {
        match item {
            Plain::Array(inner) => stack.extend(inner.iter().rev()),
            other => flat.push(other.clone()),
        }
    }
    Ok(Plain::Array(flat))
}

pub(super) fn element(args: FuncArgs) -> Result<Plain, String> {
    let items = list(arg(&args, 0), "the first argument")?;
    let index = match arg(&args, 1) {
        Plain::Number(number) => number.as_u64().ok_or("the index must be a whole number")?,
        other => return Err(format!("the index must be a number, not {}", kind(other))),
    };
    if items.is_empty() {
        return Err("cannot use element on an empty list".into());
    }
    let index = usize::try_from(index).unwrap_or(usize::MAX) % items.len();
    items.get(index).cloned().ok_or_else(|| "no such element".to_owned())
}

pub(super) fn tolist(args: FuncArgs) -> Result<Plain, String> {
    Ok(Plain::Array(list(arg(&args, 0), "the argument")?.clone()))
}

pub(super) fn toset(args: FuncArgs) -> Result<Plain, String> {
    let mut items = distinct(args)?;
    if let Plain::Array(items) = &mut items
        && items.iter().all(|item| matches!(item, Plain::String(_)))
    {
        items.sort_by_key(|item| item.as_str().map(str::to_owned));
    }
    Ok(items)
}

pub(super) fn tomap(args: FuncArgs) -> Result<Plain, String> {
    Ok(Plain::Object(object(arg(&args, 0), "the argument")?.clone()))
}

pub(super) fn one(args: FuncArgs) -> Result<Plain, String> {
    match list(arg(&args, 0), "the argument")?.as_slice() {
        [] => Ok(Plain::Null),
        [only] => Ok(only.clone()),
        _ => Err("one() needs a list of at most one element".into()),
    }
}

pub(super) fn reverse(args: FuncArgs) -> Result<Plain, String> {
    Ok(Plain::Array(list(arg(&args, 0), "the argument")?.iter().rev().cloned().collect()))
}

pub(super) fn sort(args: FuncArgs) -> Result<Plain, String> {
    let mut items = list(arg(&args, 0), "the argument")?
        .iter()
        .map(|item| text(item, "each element"))
        .collect::<Result<Vec<_>, _>>()?;
    items.sort();
    Ok(Plain::Array(items.into_iter().map(Plain::String).collect()))
}

pub(super) fn zipmap(args: FuncArgs) -> Result<Plain, String> {
    let (keys, values) = (list(arg(&args, 0), "the keys")?, list(arg(&args, 1), "the values")?);
    if keys.len() != values.len() {
        return Err("the lists of keys and values differ in length".into());
    }
    let mut map = Map::new();
    for (key, value) in keys.iter().zip(values) {
        map.insert(text(key, "each key")?, value.clone());
    }
    Ok(Plain::Object(map))
}

pub(super) fn jsonencode(args: FuncArgs) -> Result<Plain, String> {
    let json = serde_json::to_string(&to_json(arg(&args, 0))).map_err(|error| error.to_string())?;
    // Terraform escapes these as Go's encoder does, so that JSON can sit inside HTML.
    let escaped = json
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029");
    bounded(escaped)
}

fn to_json(value: &Plain) -> serde_json::Value {
    use serde_json::Value as Json;
    match value {
        Plain::Null => Json::Null,
        Plain::Bool(flag) => Json::Bool(*flag),
        Plain::Number(number) => number_text(number).parse::<serde_json::Number>().map_or(Json::Null, Json::Number),
        Plain::String(string) => Json::String(string.clone()),
        Plain::Array(items) => Json::Array(items.iter().map(to_json).collect()),
        Plain::Object(map) => {
            let mut sorted: Vec<(&String, &Plain)> = map.iter().collect();
            sorted.sort_by(|a, b| a.0.cmp(b.0));
            Json::Object(sorted.into_iter().map(|(key, value)| (key.clone(), to_json(value))).collect())
        }
    }
}

pub(super) fn jsondecode(args: FuncArgs) -> Result<Plain, String> {
    let string = text(arg(&args, 0), "the argument")?;
    let json: serde_json::Value = serde_json::from_str(&string).map_err(|error| error.to_string())?;
    Ok(from_json(json))
}

fn from_json(json: serde_json::Value) -> Plain {
    use serde_json::Value as Json;
    match json {
        Json::Null => Plain::Null,
        Json::Bool(flag) => Plain::Bool(flag),
        Json::Number(number) => parse_number(&number.to_string()).map_or(Plain::Null, Plain::Number),
        Json::String(string) => Plain::String(string),
        Json::Array(items) => Plain::Array(items.into_iter().map(from_json).collect()),
        Json::Object(map) => Plain::Object(map.into_iter().map(|(key, value)| (key, from_json(value))).collect()),
    }
}
