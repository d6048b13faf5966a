//! Terraform's built-in functions that Okta configurations use, registered in hcl-rs's context
//! (hcl-rs ships none). Each bounds its result, so that a call cannot build an unbounded value.

use hcl::eval::{Context, FuncArgs, FuncDef, ParamType};
use hcl::{Map, Value as Plain};

use super::budget::MAX_LEAF_COST;
use super::plain::{number_text, parse_number, primitive_text};

type Func = fn(FuncArgs) -> Result<Plain, String>;

/// `(name, minimum arguments, maximum arguments or None for variadic, function)`.
const FUNCTIONS: &[(&str, usize, Option<usize>, Func)] = &[
    ("lower", 1, Some(1), lower),
    ("upper", 1, Some(1), upper),
    ("title", 1, Some(1), title),
    ("trimspace", 1, Some(1), trimspace),
    ("trimprefix", 2, Some(2), trimprefix),
    ("trimsuffix", 2, Some(2), trimsuffix),
    ("startswith", 2, Some(2), startswith),
    ("endswith", 2, Some(2), endswith),
    ("tostring", 1, Some(1), tostring),
    ("tonumber", 1, Some(1), tonumber),
    ("tobool", 1, Some(1), tobool),
    ("format", 1, None, format),
    ("join", 2, None, join),
    ("split", 2, Some(2), split),
    ("replace", 3, Some(3), replace),
    ("substr", 3, Some(3), substr),
    ("length", 1, Some(1), length),
    ("contains", 2, Some(2), contains),
    ("keys", 1, Some(1), keys),
    ("values", 1, Some(1), values),
    ("lookup", 2, Some(3), lookup),
    ("merge", 0, None, merge),
    ("concat", 0, None, concat),
    ("coalesce", 1, None, coalesce),
    ("compact", 1, Some(1), compact),
    ("distinct", 1, Some(1), distinct),
    ("flatten", 1, Some(1), flatten),
    ("element", 2, Some(2), element),
    ("tolist", 1, Some(1), tolist),
    ("toset", 1, Some(1), toset),
    ("tomap", 1, Some(1), tomap),
    ("one", 1, Some(1), one),
    ("reverse", 1, Some(1), reverse),
    ("sort", 1, Some(1), sort),
    ("zipmap", 2, Some(2), zipmap),
    ("jsonencode", 1, Some(1), jsonencode),
    ("jsondecode", 1, Some(1), jsondecode),
];

/// Whether `name` is registered.
#[must_use]
pub(super) fn is_known(name: &str) -> bool {
    FUNCTIONS.iter().any(|(known, ..)| *known == name)
}

/// Declares the functions in `names` (those a leaf calls) in `context`.
pub(super) fn declare(context: &mut Context<'_>, names: &[String]) {
    for (name, min, max, func) in FUNCTIONS {
        if !names.iter().any(|wanted| wanted == name) {
            continue;
        }
        let mut builder = FuncDef::builder().params(std::iter::repeat_n(ParamType::Any, *min));
        match max {
            Some(max) if max > min => builder = builder.variadic_param(ParamType::Any),
            Some(_) => {}
            None => builder = builder.variadic_param(ParamType::Any),
        }
        context.declare_func(*name, builder.build(*func));
    }
}

fn text(value: &Plain, what: &str) -> Result<String, String> {
    primitive_text(value).ok_or_else(|| format!("{what} must be a string, not {}", kind(value)))
}

fn kind(value: &Plain) -> &'static str {
    match value {
        Plain::Null => "null",
        Plain::Bool(_) => "bool",
        Plain::Number(_) => "number",
        Plain::String(_) => "string",
        Plain::Array(_) => "list",
        Plain::Object(_) => "object",
    }
}

fn arg(args: &FuncArgs, index: usize) -> &Plain {
    args.get(index).unwrap_or(&Plain::Null)
}

fn bounded(result: String) -> Result<Plain, String> {
    if result.len() > MAX_LEAF_COST {
        return Err(format!("the result is longer than {MAX_LEAF_COST} bytes"));
    }
    Ok(Plain::String(result))
}

fn list<'v>(value: &'v Plain, what: &str) -> Result<&'v Vec<Plain>, String> {
    match value {
        Plain::Array(items) => Ok(items),
        other => Err(format!("{what} must be a list, not {}", kind(other))),
    }
}

fn object<'v>(value: &'v Plain, what: &str) -> Result<&'v Map<String, Plain>, String> {
    match value {
        Plain::Object(map) => Ok(map),
        other => Err(format!("{what} must be a map or object, not {}", kind(other))),
    }
}

fn lower(args: FuncArgs) -> Result<Plain, String> {
    bounded(text(arg(&args, 0), "the argument")?.to_lowercase())
}

fn upper(args: FuncArgs) -> Result<Plain, String> {
    bounded(text(arg(&args, 0), "the argument")?.to_uppercase())
}

fn title(args: FuncArgs) -> Result<Plain, String> {
    let mut start = true;
    let titled = text(arg(&args, 0), "the argument")?
        .chars()
        .map(|c| {
            let out = if start { c.to_uppercase().next().unwrap_or(c) } else { c };
            start = !c.is_alphanumeric();
            out
        })
        .collect();
    bounded(titled)
}

fn trimspace(args: FuncArgs) -> Result<Plain, String> {
    bounded(text(arg(&args, 0), "the argument")?.trim().to_owned())
}

fn trimprefix(args: FuncArgs) -> Result<Plain, String> {
    let (string, prefix) = (text(arg(&args, 0), "the string")?, text(arg(&args, 1), "the prefix")?);
    bounded(string.strip_prefix(prefix.as_str()).unwrap_or(&string).to_owned())
}

fn trimsuffix(args: FuncArgs) -> Result<Plain, String> {
    let (string, suffix) = (text(arg(&args, 0), "the string")?, text(arg(&args, 1), "the suffix")?);
    bounded(string.strip_suffix(suffix.as_str()).unwrap_or(&string).to_owned())
}

fn startswith(args: FuncArgs) -> Result<Plain, String> {
    Ok(Plain::Bool(text(arg(&args, 0), "the string")?.starts_with(&text(arg(&args, 1), "the prefix")?)))
}

fn endswith(args: FuncArgs) -> Result<Plain, String> {
    Ok(Plain::Bool(text(arg(&args, 0), "the string")?.ends_with(&text(arg(&args, 1), "the suffix")?)))
}

fn tostring(args: FuncArgs) -> Result<Plain, String> {
    match arg(&args, 0) {
        Plain::Null => Ok(Plain::Null),
        value => Ok(Plain::String(text(value, "the argument")?)),
    }
}

fn tonumber(args: FuncArgs) -> Result<Plain, String> {
    match arg(&args, 0) {
        Plain::Null => Ok(Plain::Null),
        Plain::Number(number) => Ok(Plain::Number(*number)),
        Plain::String(string) => parse_number(string)
            .map(Plain::Number)
            .ok_or_else(|| format!("cannot convert \"{string}\" to number")),
        other => Err(format!("cannot convert {} to number", kind(other))),
    }
}

fn tobool(args: FuncArgs) -> Result<Plain, String> {
    match arg(&args, 0) {
        Plain::Null => Ok(Plain::Null),
        Plain::Bool(flag) => Ok(Plain::Bool(*flag)),
        Plain::String(string) if string == "true" || string == "false" => Ok(Plain::Bool(string == "true")),
        other => Err(format!("cannot convert {} to bool", kind(other))),
    }
}

/// Go's `fmt` verbs as Terraform's `format` supports them: `%s %d %v %q %t %f %%`, with a width.
fn format(args: FuncArgs) -> Result<Plain, String> {
    let spec = text(arg(&args, 0), "the format")?;
    let mut out = String::new();
    let mut next = 1;
    let mut chars = spec.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut width = String::new();
        while let Some(digit) = chars.peek().copied().filter(|d| d.is_ascii_digit() || *d == '-' || *d == '.') {
            width.push(digit);
            chars.next();
        }
        let verb = chars.next().ok_or("the format ends inside a verb")?;
        if verb == '%' {
            out.push('%');
            continue;
        }
        let value = args.get(next).ok_or_else(|| format!("too few arguments for {spec:?}"))?;
        next += 1;
        let formatted = match verb {
            's' | 'v' | 'd' | 't' | 'f' => match value {
                Plain::Array(_) | Plain::Object(_) if verb != 'v' => return Err("%s needs a primitive value".into()),
                Plain::Number(number) if verb == 'd' => number_text(number),
                other => primitive_text(other).unwrap_or_else(|| other.to_string()),
            },
            'q' => format!("{:?}", text(value, "a %q argument")?),
            other => return Err(format!("the verb %{other} is not supported by scimlint")),
        };
        let pad: usize = width.trim_start_matches('-').split('.').next().unwrap_or("").parse().unwrap_or(0);
        if pad > 1000 {
            return Err("a width over 1000 is not supported".into());
        }
        let fill = pad.saturating_sub(formatted.chars().count());
        if width.starts_with('-') {
            out.push_str(&formatted);
            out.extend(std::iter::repeat_n(' ', fill));
        } else {
            out.extend(std::iter::repeat_n(' ', fill));
            out.push_str(&formatted);
        }
        if out.len() > MAX_LEAF_COST {
            return bounded(out);
        }
    }
    bounded(out)
}

fn join(args: FuncArgs) -> Result<Plain, String> {
    let separator = text(arg(&args, 0), "the separator")?;
    let mut parts = Vec::new();
    for value in args.iter().skip(1) {
        for item in list(value, "each list to join")? {
            parts.push(text(item, "each element")?);
        }
    }
    bounded(parts.join(&separator))
}

fn split(args: FuncArgs) -> Result<Plain, String> {
    let (separator, string) = (text(arg(&args, 0), "the separator")?, text(arg(&args, 1), "the string")?);
    if separator.is_empty() {
        return Err("the separator must not be empty".into());
    }
    Ok(Plain::Array(string.split(separator.as_str()).map(|part| Plain::String(part.to_owned())).collect()))
}

fn replace(args: FuncArgs) -> Result<Plain, String> {
    let string = text(arg(&args, 0), "the string")?;
    let search = text(arg(&args, 1), "the substring")?;
    let with = text(arg(&args, 2), "the replacement")?;
    if search.len() > 1 && search.starts_with('/') && search.ends_with('/') {
        return Err("regular-expression replace is not supported by scimlint".into());
    }
    if search.is_empty() || string.matches(search.as_str()).count().saturating_mul(with.len()) > MAX_LEAF_COST {
        return Err("the result would be too long".into());
    }
    bounded(string.replace(search.as_str(), &with))
}

fn substr(args: FuncArgs) -> Result<Plain, String> {
    let string = text(arg(&args, 0), "the string")?;
    let number = |index: usize| match arg(&args, index) {
        Plain::Number(number) => number.as_i64().ok_or_else(|| "offset and length must be whole numbers".to_owned()),
        other => Err(format!("offset and length must be numbers, not {}", kind(other))),
    };
    let chars: Vec<char> = string.chars().collect();
    let (offset, length) = (number(1)?, number(2)?);
    let len = i64::try_from(chars.len()).unwrap_or(i64::MAX);
    let start = if offset < 0 { (len + offset).max(0) } else { offset.min(len) };
    let end = if length < 0 { len } else { (start + length).min(len) };
    let (start, end) = (usize::try_from(start).unwrap_or(0), usize::try_from(end).unwrap_or(0));
    Ok(Plain::String(chars.get(start..end.max(start)).unwrap_or_default().iter().collect()))
}

fn length(args: FuncArgs) -> Result<Plain, String> {
    Ok(Plain::from(match arg(&args, 0) {
        Plain::Array(items) => items.len(),
        Plain::Object(map) => map.len(),
        Plain::String(string) => string.chars().count(),
        other => return Err(format!("cannot take the length of {}", kind(other))),
    }))
}

fn contains(args: FuncArgs) -> Result<Plain, String> {
    Ok(Plain::Bool(list(arg(&args, 0), "the first argument")?.contains(arg(&args, 1))))
}

fn keys(args: FuncArgs) -> Result<Plain, String> {
    let mut keys: Vec<&String> = object(arg(&args, 0), "the argument")?.keys().collect();
    keys.sort();
    Ok(Plain::Array(keys.into_iter().map(|key| Plain::String(key.clone())).collect()))
}

fn values(args: FuncArgs) -> Result<Plain, String> {
    let mut members: Vec<(&String, &Plain)> = object(arg(&args, 0), "the argument")?.iter().collect();
    members.sort_by(|a, b| a.0.cmp(b.0));
    Ok(Plain::Array(members.into_iter().map(|(_, value)| value.clone()).collect()))
}

fn lookup(args: FuncArgs) -> Result<Plain, String> {
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

fn merge(args: FuncArgs) -> Result<Plain, String> {
    let mut merged = Map::new();
    for value in args.iter().filter(|value| !matches!(value, Plain::Null)) {
        for (key, value) in object(value, "each argument")? {
            merged.insert(key.clone(), value.clone());
        }
    }
    Ok(Plain::Object(merged))
}

fn concat(args: FuncArgs) -> Result<Plain, String> {
    let mut all = Vec::new();
    for value in args.iter() {
        all.extend(list(value, "each argument")?.iter().cloned());
    }
    Ok(Plain::Array(all))
}

fn coalesce(args: FuncArgs) -> Result<Plain, String> {
    args.iter()
        .find(|value| !matches!(value, Plain::Null) && !matches!(value, Plain::String(s) if s.is_empty()))
        .cloned()
        .ok_or_else(|| "no non-null, non-empty argument".to_owned())
}

fn compact(args: FuncArgs) -> Result<Plain, String> {
    let items = list(arg(&args, 0), "the argument")?;
    Ok(Plain::Array(
        items
            .iter()
            .filter(|item| !matches!(item, Plain::Null) && !matches!(item, Plain::String(s) if s.is_empty()))
            .cloned()
            .collect(),
    ))
}

fn distinct(args: FuncArgs) -> Result<Plain, String> {
    let mut seen = Vec::new();
    for item in list(arg(&args, 0), "the argument")? {
        if !seen.contains(item) {
            seen.push(item.clone());
        }
    }
    Ok(Plain::Array(seen))
}

fn flatten(args: FuncArgs) -> Result<Plain, String> {
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

fn element(args: FuncArgs) -> Result<Plain, String> {
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

fn tolist(args: FuncArgs) -> Result<Plain, String> {
    Ok(Plain::Array(list(arg(&args, 0), "the argument")?.clone()))
}

fn toset(args: FuncArgs) -> Result<Plain, String> {
    let mut items = distinct(args)?;
    if let Plain::Array(items) = &mut items
        && items.iter().all(|item| matches!(item, Plain::String(_)))
    {
        items.sort_by_key(|item| item.as_str().map(str::to_owned));
    }
    Ok(items)
}

fn tomap(args: FuncArgs) -> Result<Plain, String> {
    Ok(Plain::Object(object(arg(&args, 0), "the argument")?.clone()))
}

fn one(args: FuncArgs) -> Result<Plain, String> {
    match list(arg(&args, 0), "the argument")?.as_slice() {
        [] => Ok(Plain::Null),
        [only] => Ok(only.clone()),
        _ => Err("one() needs a list of at most one element".into()),
    }
}

fn reverse(args: FuncArgs) -> Result<Plain, String> {
    Ok(Plain::Array(list(arg(&args, 0), "the argument")?.iter().rev().cloned().collect()))
}

fn sort(args: FuncArgs) -> Result<Plain, String> {
    let mut items = list(arg(&args, 0), "the argument")?
        .iter()
        .map(|item| text(item, "each element"))
        .collect::<Result<Vec<_>, _>>()?;
    items.sort();
    Ok(Plain::Array(items.into_iter().map(Plain::String).collect()))
}

fn zipmap(args: FuncArgs) -> Result<Plain, String> {
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

fn jsonencode(args: FuncArgs) -> Result<Plain, String> {
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

fn jsondecode(args: FuncArgs) -> Result<Plain, String> {
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
