//! Untrusted input, as a bounded JSON-like tree.
//!
//! Every face (the WebAssembly binding, the command-line program, the tests) turns what
//! it receives into a [`Json`] before calling the core, so the core never sees a
//! JavaScript value or a serde error. The tree is bounded: deeper than [`MAX_DEPTH`]
//! levels or wider than [`MAX_ITEMS`] entries, the rest becomes [`Json::Truncated`],
//! which the rules report as a finding. A cyclic object cannot be built from it: the
//! depth bound cuts every cycle.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// Levels of nesting kept; deeper values become [`Json::Truncated`].
pub const MAX_DEPTH: usize = 16;
/// Entries kept per array or object; the rest are dropped and the container ends with
/// [`Json::Truncated`] (arrays) or a `"…"` key (objects).
pub const MAX_ITEMS: usize = 4096;

/// A JSON value as the core receives it.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// Any number, including values JSON cannot carry (NaN, infinities) when they come
    /// from JavaScript.
    Number(f64),
    String(String),
    Array(Vec<Json>),
    /// Keys in their original order; a key may repeat when the source allowed it.
    Object(Vec<(String, Json)>),
    /// Something that could not be kept: too deep, too wide, a cycle, a JavaScript
    /// value with no JSON equivalent (a function, a symbol), or a getter that threw.
    Truncated,
}

/// What kind of value a [`Json`] is, for messages ("expected a string, got an array").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonKind {
    Null,
    Boolean,
    Number,
    String,
    Array,
    Object,
    Unreadable,
}

impl JsonKind {
    pub fn as_str(self) -> &'static str {
        match self {
            JsonKind::Null => "null",
            JsonKind::Boolean => "boolean",
            JsonKind::Number => "number",
            JsonKind::String => "string",
            JsonKind::Array => "array",
            JsonKind::Object => "object",
            JsonKind::Unreadable => "unreadable",
        }
    }
}

impl Json {
    pub fn kind(&self) -> JsonKind {
        match self {
            Json::Null => JsonKind::Null,
            Json::Bool(_) => JsonKind::Boolean,
            Json::Number(_) => JsonKind::Number,
            Json::String(_) => JsonKind::String,
            Json::Array(_) => JsonKind::Array,
            Json::Object(_) => JsonKind::Object,
            Json::Truncated => JsonKind::Unreadable,
        }
    }

    /// The value of `key` in an object: the last one when a key repeats, as
    /// `JSON.parse` does. `None` for a missing key or a non-object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(entries) => entries.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }
}

/// Depth-counting deserialisation, used natively (serde_json) and by the tests. The
/// count is carried in the visitor, so no recursion goes deeper than [`MAX_DEPTH`]
/// plus the deserialiser's own limit.
impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor { depth: 0 })
    }
}

struct JsonVisitor {
    depth: usize,
}

struct Nested {
    depth: usize,
}

impl<'de> de::DeserializeSeed<'de> for Nested {
    type Value = Json;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Json, D::Error> {
        if self.depth > MAX_DEPTH {
            de::IgnoredAny::deserialize(deserializer)?;
            return Ok(Json::Truncated);
        }
        deserializer.deserialize_any(JsonVisitor { depth: self.depth })
    }
}

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }
    fn visit_none<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
        Ok(Json::Number(v as f64))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
        Ok(Json::Number(v as f64))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Json, E> {
        Ok(Json::Number(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Json, E> {
        Ok(Json::String(v.into()))
    }
    fn visit_string<E>(self, v: String) -> Result<Json, E> {
        Ok(Json::String(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(Nested {
            depth: self.depth + 1,
        })? {
            if items.len() < MAX_ITEMS {
                items.push(item);
            } else if items.len() == MAX_ITEMS {
                items.push(Json::Truncated);
            }
        }
        Ok(Json::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(Nested {
                depth: self.depth + 1,
            })?;
            if entries.len() < MAX_ITEMS {
                entries.push((key, value));
            } else if entries.len() == MAX_ITEMS {
                entries.push((String::from("…"), Json::Truncated));
            }
        }
        Ok(Json::Object(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_cut_not_recursed() {
        let mut text = String::new();
        for _ in 0..100 {
            text.push('[');
        }
        for _ in 0..100 {
            text.push(']');
        }
        let value: Json = serde_json::from_str(&text).unwrap();
        let mut depth = 0;
        let mut cur = &value;
        while let Json::Array(items) = cur {
            depth += 1;
            match items.first() {
                Some(next) => cur = next,
                None => break,
            }
        }
        assert_eq!(cur, &Json::Truncated);
        assert_eq!(depth, MAX_DEPTH + 1);
    }

    #[test]
    fn last_duplicate_key_wins() {
        let value: Json = serde_json::from_str(r#"{"a":1,"a":2}"#).unwrap();
        assert_eq!(value.get("a"), Some(&Json::Number(2.0)));
    }
}
