//! Terraform's built-in functions that Okta configurations use, registered in hcl-rs's context
//! (hcl-rs ships none). Each bounds its result, so that a call cannot build an unbounded value.

use hcl::eval::{Context, FuncArgs, FuncDef, ParamType};
use hcl::{Map, Value as Plain};

use super::budget::MAX_LEAF_COST;
use super::list_functions::{
    coalesce, compact, concat, contains, distinct, element, flatten, jsondecode, jsonencode, keys, length, lookup,
    merge, one, reverse, sort, tolist, tomap, toset, values, zipmap,
};
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

pub(super) fn text(value: &Plain, what: &str) -> Result<String, String> {
    primitive_text(value).ok_or_else(|| format!("{what} must be a string, not {}", kind(value)))
}

pub(super) fn kind(value: &Plain) -> &'static str {
    match value {
        Plain::Null => "null",
        Plain::Bool(_) => "bool",
        Plain::Number(_) => "number",
        Plain::String(_) => "string",
        Plain::Array(_) => "list",
        Plain::Object(_) => "object",
    }
}

pub(super) fn arg(args: &FuncArgs, index: usize) -> &Plain {
    args.get(index).unwrap_or(&Plain::Null)
}

pub(super) fn bounded(result: String) -> Result<Plain, String> {
    if result.len() > MAX_LEAF_COST {
        return Err(format!("the result is longer than {MAX_LEAF_COST} bytes"));
    }
    Ok(Plain::String(result))
}

pub(super) fn list<'v>(value: &'v Plain, what: &str) -> Result<&'v Vec<Plain>, String> {
    match value {
        Plain::Array(items) => Ok(items),
        other => Err(format!("{what} must be a list, not {}", kind(other))),
    }
}

pub(super) fn object<'v>(value: &'v Plain, what: &str) -> Result<&'v Map<String, Plain>, String> {
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
        Plain::String(string) => {
            parse_number(string).map(Plain::Number).ok_or_else(|| format!("cannot convert \"{string}\" to number"))
        }
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
