//! `Convert.*` and `Iso3166Convert.*`, as Okta's reference documents them: `Convert.toInt`
//! reads `'1234'` and rounds `123.4`/`123.6` to 123/124; `Convert.toNum('3.141')` is 3.141;
//! the ISO functions take "2-character …, 3-character … and numeric country codes".

use std::borrow::Cow;

use super::functions::Call;
use super::iso3166::{self, Country};
use super::{Eval, Value};

/// Java's `Integer` range, which Okta's note on `Convert.toInt` warns about.
const INT_RANGE: std::ops::RangeInclusive<i64> = (i32::MIN as i64)..=(i32::MAX as i64);

fn digits_only(text: &str) -> bool {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    !unsigned.is_empty() && unsigned.bytes().all(|byte| byte.is_ascii_digit())
}

fn decimal_number(text: &str) -> bool {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, Some(exponent)),
        None => (unsigned, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
    (!whole.is_empty() || !fraction.is_empty())
        && all_digits(whole)
        && all_digits(fraction)
        && exponent.is_none_or(digits_only)
}

pub(crate) fn to_int<'a>(call: &Call<'_, '_, 'a>) -> Eval<'a> {
    call.arity(1, 1)?;
    let number = match call.value(0)? {
        Value::Int(number) => number,
        Value::Num(number) => {
            if (number.fract().abs() - 0.5).abs() < f64::EPSILON {
                return Err(call.unknown(format!(
                    "{number} is halfway between two integers, and Okta does not document which way `Convert.toInt` rounds it"
                )));
            }
            let rounded = number.round();
            if !rounded.is_finite() || rounded.abs() > 9e15 {
                return Err(call.fail(format!("{number} is outside the Integer range")));
            }
            #[allow(clippy::cast_possible_truncation)]
            let rounded = rounded as i64;
            rounded
        }
        Value::Str(text) if digits_only(&text) => {
            text.parse().map_err(|_| call.fail(format!("`{text}` is outside the Integer range")))?
        }
        Value::Str(text) if !text.bytes().any(|byte| byte.is_ascii_digit()) => {
            return Err(call.fail(format!("`Convert.toInt` cannot read `{text}` as a number")));
        }
        Value::Str(text) => {
            return Err(call.unknown(format!("Okta documents `Convert.toInt` for digits (`'1234'`), not for `{text}`")));
        }
        Value::Null => return Err(call.fail("`Convert.toInt` of null fails: there is no number to read")),
        other => return Err(call.fail(format!("`Convert.toInt` cannot convert {}", other.type_name()))),
    };
    if !INT_RANGE.contains(&number) {
        return Err(call.fail(format!("{number} is outside the Integer range")));
    }
    Ok(Value::Int(number))
}

#[allow(clippy::cast_precision_loss)]
pub(crate) fn to_num<'a>(call: &Call<'_, '_, 'a>) -> Eval<'a> {
    call.arity(1, 1)?;
    match call.value(0)? {
        Value::Int(number) => Ok(Value::Num(number as f64)),
        Value::Num(number) => Ok(Value::Num(number)),
        // Java's `Double.parseDouble` ignores white space around the number.
        Value::Str(text) if decimal_number(text.trim()) => text
            .trim()
            .parse()
            .map(Value::Num)
            .map_err(|_| call.fail(format!("`Convert.toNum` cannot read `{text}` as a number"))),
        Value::Str(text) if !text.bytes().any(|byte| byte.is_ascii_digit()) => {
            Err(call.fail(format!("`Convert.toNum` cannot read `{text}` as a number")))
        }
        Value::Str(text) => {
            Err(call
                .unknown(format!("Okta documents `Convert.toNum` for decimal numbers (`'3.141'`), not for `{text}`")))
        }
        Value::Null => Err(call.fail("`Convert.toNum` of null fails: there is no number to read")),
        other => Err(call.fail(format!("`Convert.toNum` cannot convert {}", other.type_name()))),
    }
}

/// The country a code names, for the `Iso3166Convert` functions; `Ok(None)` for null.
fn country<'a>(call: &Call<'_, '_, 'a>) -> Result<Option<&'static Country>, super::Stop> {
    call.arity(1, 1)?;
    let Some(code) = call.text(0)? else { return Ok(None) };
    if let Some(country) = iso3166::by_code(&code) {
        return Ok(Some(country));
    }
    let upper = code.to_ascii_uppercase();
    let shaped_like_code = matches!(code.len(), 2 | 3) && code.bytes().all(|byte| byte.is_ascii_alphabetic());
    if shaped_like_code && iso3166::by_code(&upper).is_some() {
        return Err(call.unknown(format!(
            "Okta documents upper-case codes; whether `{}` accepts `{code}` for `{upper}` is not documented",
            call.name
        )));
    }
    if (1..3).contains(&code.len()) && code.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(call.unknown(format!(
            "Okta documents three-digit numeric codes (`840`); whether it reads `{code}` is not documented"
        )));
    }
    let hint = match iso3166::by_name(&code) {
        Some(country) => format!(" (it is the name of {}, whose code is {})", country.name, country.alpha2),
        None => String::new(),
    };
    Err(call.fail(format!(
        "`{code}` is not an ISO 3166-1 alpha-2, alpha-3 or numeric code, the only inputs `{}` takes{hint}",
        call.name
    )))
}

fn converted<'a>(call: &Call<'_, '_, 'a>, field: fn(&Country) -> &'static str) -> Eval<'a> {
    Ok(country(call)?.map_or(Value::Null, |country| Value::Str(Cow::Borrowed(field(country)))))
}

pub(crate) fn to_alpha2<'a>(call: &Call<'_, '_, 'a>) -> Eval<'a> {
    converted(call, |country| country.alpha2)
}

pub(crate) fn to_alpha3<'a>(call: &Call<'_, '_, 'a>) -> Eval<'a> {
    converted(call, |country| country.alpha3)
}

pub(crate) fn to_numeric<'a>(call: &Call<'_, '_, 'a>) -> Eval<'a> {
    converted(call, |country| country.numeric)
}

pub(crate) fn to_name<'a>(call: &Call<'_, '_, 'a>) -> Eval<'a> {
    converted(call, |country| country.name)
}
