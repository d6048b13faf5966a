//! A profile as Okta stores it: attribute names to JSON-like values, read straight from the
//! export without an intermediate JSON tree.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::expr::eval::{Profile, Value};

/// One attribute's value. Okta profiles hold strings, numbers, booleans and arrays of them
/// (schema types `string`, `integer`, `number`, `boolean`, `array`).
#[derive(Clone, Debug, PartialEq)]
pub enum ProfileValue {
    Null,
    Bool(bool),
    Int(i64),
    Num(f64),
    Str(String),
    Array(Vec<ProfileValue>),
}

impl ProfileValue {
    fn as_value(&self) -> Value<'_> {
        match self {
            Self::Null => Value::Null,
            Self::Bool(flag) => Value::Bool(*flag),
            Self::Int(number) => Value::Int(*number),
            Self::Num(number) => Value::Num(*number),
            Self::Str(text) => Value::Str(Cow::Borrowed(text)),
            Self::Array(items) => Value::Array(items.iter().map(Self::as_value).collect()),
        }
    }

    /// The value as text, for a filter to compare.
    #[must_use]
    pub fn text(&self) -> Option<Cow<'_, str>> {
        match self {
            Self::Str(text) => Some(Cow::Borrowed(text)),
            Self::Null | Self::Array(_) => None,
            other => other.as_value().java_text().map(|text| Cow::Owned(text.into_owned())),
        }
    }
}

/// Attribute names and values, in the file's order. A profile has a few dozen attributes, so
/// a scan beats hashing them for every user.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProfileMap(pub Vec<(String, ProfileValue)>);

impl ProfileMap {
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&ProfileValue> {
        self.0.iter().find(|(key, _)| key == name).map(|(_, value)| value)
    }

    /// The attribute when it is a string.
    #[must_use]
    pub fn text(&self, name: &str) -> Option<&str> {
        match self.get(name) {
            Some(ProfileValue::Str(text)) => Some(text),
            _ => None,
        }
    }

    pub fn insert(&mut self, name: impl Into<String>, value: ProfileValue) {
        self.0.push((name.into(), value));
    }
}

impl Profile for ProfileMap {
    fn attribute(&self, name: &str) -> Value<'_> {
        self.get(name).map_or(Value::Null, ProfileValue::as_value)
    }
}

impl<'de> Deserialize<'de> for ProfileValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = ProfileValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a profile value")
    }

    fn visit_unit<E>(self) -> Result<ProfileValue, E> {
        Ok(ProfileValue::Null)
    }

    fn visit_none<E>(self) -> Result<ProfileValue, E> {
        Ok(ProfileValue::Null)
    }

    fn visit_bool<E>(self, flag: bool) -> Result<ProfileValue, E> {
        Ok(ProfileValue::Bool(flag))
    }

    fn visit_i64<E>(self, number: i64) -> Result<ProfileValue, E> {
        Ok(ProfileValue::Int(number))
    }

    #[allow(clippy::cast_precision_loss)]
    fn visit_u64<E>(self, number: u64) -> Result<ProfileValue, E> {
        Ok(i64::try_from(number).map_or(ProfileValue::Num(number as f64), ProfileValue::Int))
    }

    fn visit_f64<E>(self, number: f64) -> Result<ProfileValue, E> {
        Ok(ProfileValue::Num(number))
    }

    fn visit_str<E>(self, text: &str) -> Result<ProfileValue, E> {
        Ok(ProfileValue::Str(text.to_owned()))
    }

    fn visit_string<E>(self, text: String) -> Result<ProfileValue, E> {
        Ok(ProfileValue::Str(text))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ProfileValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(ProfileValue::Array(items))
    }

    /// Okta profiles hold no objects; one (from another tool's export) reads as null.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ProfileValue, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(ProfileValue::Null)
    }
}

impl<'de> Deserialize<'de> for ProfileMap {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(MapVisitor)
    }
}

struct MapVisitor;

impl<'de> Visitor<'de> for MapVisitor {
    type Value = ProfileMap;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a profile object")
    }

    fn visit_unit<E>(self) -> Result<ProfileMap, E> {
        Ok(ProfileMap::default())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ProfileMap, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(16));
        while let Some(entry) = map.next_entry::<String, ProfileValue>()? {
            entries.push(entry);
        }
        Ok(ProfileMap(entries))
    }
}
