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

/// Parses JSON text (with the extensions below) into a bounded tree. `hard_number` converts a
/// number the fast path cannot convert exactly (e.g. more than 15 significant digits, or an
/// exponent out of the exact range); natively pass `|s| s.parse().ok()`, in wasm JavaScript's parseFloat.
///
/// The WebAssembly binding's way in: the request crosses as one string, not value by
/// value, and no serde_json is linked into the module. The tree is the one the serde
/// [`Deserialize`] impl above gives for the same text read by serde_json (same
/// [`MAX_DEPTH`] cut, same [`MAX_ITEMS`] bound, repeated keys kept in order), with
/// these differences:
///
/// - a lone surrogate escape (`\ud800` not followed by a low surrogate escape, or a
///   lone `\udc00`) becomes U+FFFD, where serde_json rejects the text: JavaScript's
///   `TextEncoder` makes the same replacement, and a browser's strings may hold them;
/// - extensions the binding's JavaScript encoder writes and standard JSON never holds:
///   `NaN`, `Infinity`, `-Infinity`, and `?` for a value JavaScript could not give (a
///   function, a symbol, a getter that threw, a cycle cut), read as [`Json::Truncated`];
/// - numbers are correctly rounded (the fast path is exact, and `hard_number` is
///   expected to be). serde_json without its `float_roundtrip` feature is not always,
///   on numbers this function hands to `hard_number` (more than 2^53 in their digits
///   with a fraction or an exponent, more than 20 digits, a decimal exponent beyond
///   ±22): it may be a unit in the last place off (`9007199254740993.0`: serde_json
///   9007199254740994, here 9007199254740992) and disagree on overflow near
///   `f64::MAX` either way (it calls `1.7976931348623158e308`, which rounds to
///   `f64::MAX`, out of range, and reads `1.79769313486231588e308`, which rounds to
///   infinity, as `f64::MAX`). Every number of the fast path, and every integer that
///   fits 64 bits, reads bit for bit as serde_json reads it. A number that rounds to
///   infinity (`1e400`) is an error, as in serde_json.
///
/// `None` on any syntax error ([`parse_document`] says where). Linear in the text's
/// length; recursion stops at [`MAX_DEPTH`]: deeper values are checked by a loop and
/// kept as [`Json::Truncated`], so no nesting can exhaust the stack.
pub fn parse_text(text: &str, hard_number: fn(&str) -> Option<f64>) -> Option<Json> {
    parse(text, hard_number, MAX_ITEMS).ok()
}

/// Where a text stops being JSON: the byte `offset` of the first character that cannot
/// be read (the text's length when it ends too early), its `line` and `column` from 1
/// (the column counted in characters, as an editor shows it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub offset: usize,
    pub line: usize,
    pub column: usize,
}

/// [`parse_text`] for a document a person wrote (a programme file), not a request: a
/// syntax error says where it is, and each array or object keeps up to `max_items`
/// entries, a bound the caller chooses ([`MAX_ITEMS`] stays the requests' bound).
/// A number `hard_number` refuses (or one that rounds to infinity) is an error at the
/// number's first character.
pub fn parse_document(
    text: &str,
    hard_number: fn(&str) -> Option<f64>,
    max_items: usize,
) -> Result<Json, SyntaxError> {
    parse(text, hard_number, max_items).map_err(|offset| {
        // The offset may point past the end (a byte asked for at the end); every other
        // stop is at an ASCII byte, a character boundary.
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = text.get(..offset).unwrap_or(text);
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        SyntaxError {
            offset,
            line: before.matches('\n').count() + 1,
            column: before.get(line_start..).unwrap_or("").chars().count() + 1,
        }
    })
}

/// The tree, or the byte offset where reading stopped.
fn parse(
    text: &str,
    hard_number: fn(&str) -> Option<f64>,
    max_items: usize,
) -> Result<Json, usize> {
    let mut parser = Text {
        text,
        pos: 0,
        hard_number,
        max_items,
    };
    if let Some(value) = parser.value(0) {
        parser.ws();
        if parser.pos == text.len() {
            return Ok(value);
        }
    }
    Err(parser.pos)
}

struct Text<'a> {
    text: &'a str,
    pos: usize,
    hard_number: fn(&str) -> Option<f64>,
    max_items: usize,
}

impl Text<'_> {
    /// The next byte, 0 at the end (a NUL is never valid where this is asked).
    fn peek(&self) -> u8 {
        self.text.as_bytes().get(self.pos).copied().unwrap_or(0)
    }

    fn bump(&mut self) -> u8 {
        let byte = self.peek();
        self.pos += 1;
        byte
    }

    fn eat(&mut self, word: &str) -> bool {
        let found = self
            .text
            .as_bytes()
            .get(self.pos..)
            .is_some_and(|rest| rest.starts_with(word.as_bytes()));
        if found {
            self.pos += word.len();
        }
        found
    }

    fn ws(&mut self) {
        while matches!(self.peek(), b' ' | b'\n' | b'\r' | b'\t') {
            self.pos += 1;
        }
    }

    /// A value at `depth` (the top is 0), never deeper than [`MAX_DEPTH`].
    fn value(&mut self, depth: usize) -> Option<Json> {
        self.ws();
        let close = self.peek().wrapping_add(2); // `[` + 2 is `]`, `{` + 2 is `}`
        if close != b']' && close != b'}' {
            return self.scalar(true);
        }
        self.pos += 1;
        self.ws();
        if self.peek() == close {
            self.pos += 1;
            return Some(container(close, Vec::new(), Vec::new()));
        }
        // Room for a list's first items or an object's first fields at once (a
        // quarter fewer allocations on a typical request); the other vector stays empty.
        let (mut items, mut entries) = if close == b'}' {
            (Vec::new(), Vec::with_capacity(8))
        } else {
            (Vec::with_capacity(4), Vec::new())
        };
        loop {
            let key = if close == b'}' {
                Some(self.key()?)
            } else {
                None
            };
            // The serde impl's `Nested`: a child deeper than MAX_DEPTH is checked, not kept.
            let item = if depth >= MAX_DEPTH {
                self.skip()?;
                Json::Truncated
            } else {
                self.value(depth + 1)?
            };
            let max = self.max_items;
            match key {
                None if items.len() < max => items.push(item),
                None if items.len() == max => items.push(Json::Truncated),
                Some(key) if entries.len() < max => entries.push((key, item)),
                Some(_) if entries.len() == max => {
                    entries.push((String::from("…"), Json::Truncated))
                }
                _ => {}
            }
            self.ws();
            match self.peek() {
                b',' => self.pos += 1,
                byte if byte == close => {
                    self.pos += 1;
                    return Some(container(close, items, entries));
                }
                _ => return None,
            }
        }
    }

    /// An object's `"key":`.
    fn key(&mut self) -> Option<String> {
        self.ws();
        if self.peek() != b'"' {
            return None;
        }
        let key = self.string()?;
        self.ws();
        let colon = self.peek() == b':';
        self.pos += usize::from(colon);
        colon.then_some(key)
    }

    /// Anything but an array or an object; `convert: false` checks a number's syntax
    /// only (a skipped value's number is never converted, as serde_json never does).
    fn scalar(&mut self, convert: bool) -> Option<Json> {
        Some(match self.peek() {
            b'"' => Json::String(self.string()?),
            b'?' => {
                self.pos += 1;
                Json::Truncated
            }
            b'n' if self.eat("null") => Json::Null,
            b't' if self.eat("true") => Json::Bool(true),
            b'f' if self.eat("false") => Json::Bool(false),
            b'N' if self.eat("NaN") => Json::Number(f64::NAN),
            b'I' if self.eat("Infinity") => Json::Number(f64::INFINITY),
            b'-' if self.eat("-Infinity") => Json::Number(f64::NEG_INFINITY),
            _ => Json::Number(self.number(convert)?),
        })
    }

    /// Checks one value without keeping it, as serde_json's `IgnoredAny` does: a loop
    /// with a stack of the open brackets, so any depth costs no recursion.
    fn skip(&mut self) -> Option<()> {
        let mut open = Vec::new();
        loop {
            self.ws();
            let close = self.peek().wrapping_add(2);
            if close == b']' || close == b'}' {
                self.pos += 1;
                self.ws();
                if self.peek() == close {
                    self.pos += 1;
                } else {
                    open.push(close);
                    if close == b'}' {
                        self.key()?;
                    }
                    continue;
                }
            } else {
                self.scalar(false)?;
            }
            // After a value: close what ends here, up to the next `,`.
            loop {
                let Some(&close) = open.last() else {
                    return Some(());
                };
                self.ws();
                match self.peek() {
                    b',' => {
                        self.pos += 1;
                        if close == b'}' {
                            self.key()?;
                        }
                        break;
                    }
                    byte if byte == close => {
                        self.pos += 1;
                        open.pop();
                    }
                    _ => return None,
                }
            }
        }
    }

    /// A string, its opening `"` next. Runs between escapes are copied whole.
    fn string(&mut self) -> Option<String> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let start = self.pos;
            while let Some(&byte) = self.text.as_bytes().get(self.pos) {
                if byte == b'"' || byte == b'\\' || byte < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // Cut at an ASCII byte or the end: always a character boundary.
            out.push_str(self.text.get(start..self.pos)?);
            match self.bump() {
                b'"' => return Some(out),
                b'\\' => {}
                _ => {
                    // a control character, or the end of the text: the error is there
                    self.pos -= 1;
                    return None;
                }
            }
            out.push(match self.bump() {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => {
                    let unit = self.hex4()?;
                    let mut pair = None;
                    if (0xD800..0xDC00).contains(&unit) {
                        let after = self.pos;
                        if self.eat("\\u") {
                            pair = self.hex4().filter(|low| (0xDC00..0xE000).contains(low));
                        }
                        if pair.is_none() {
                            self.pos = after; // the next escape reads on its own
                        }
                    }
                    let code = match pair {
                        Some(low) => 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00),
                        None => unit,
                    };
                    // A lone surrogate: U+FFFD, as TextEncoder writes it.
                    char::from_u32(code).unwrap_or('\u{FFFD}')
                }
                _ => {
                    self.pos -= 1; // the error is the letter after the backslash
                    return None;
                }
            });
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self
            .text
            .as_bytes()
            .get(self.pos..self.pos.saturating_add(4))?;
        let mut unit = 0;
        for &digit in digits {
            unit = unit * 16 + char::from(digit).to_digit(16)?;
        }
        self.pos += 4;
        Some(unit)
    }

    /// Digits from here, accumulated into `value` (saturating at `u64::MAX`); how many.
    fn digits(&mut self, value: &mut u64) -> usize {
        let start = self.pos;
        while let digit @ b'0'..=b'9' = self.peek() {
            *value = value
                .saturating_mul(10)
                .saturating_add(u64::from(digit - b'0'));
            self.pos += 1;
        }
        self.pos - start
    }

    /// A JSON number (`-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`). Exact without
    /// `hard_number` when its digits make an integer up to 2^53 scaled by 10^-22 to
    /// 10^22 (Clinger's fast path: both factors exact, one rounding) or an integer
    /// that fits 64 bits (as serde_json converts its u64 and i64).
    fn number(&mut self, convert: bool) -> Option<f64> {
        let start = self.pos;
        let negative = self.eat("-");
        let first = self.peek();
        // `m` saturates at u64::MAX, which then means "too many digits": the exact
        // u64::MAX itself then goes to `hard_number`, which rounds it the same.
        let mut m = 0;
        let int_digits = self.digits(&mut m);
        if int_digits == 0 || (first == b'0' && int_digits > 1) {
            return None;
        }
        let mut fraction = 0;
        if self.eat(".") {
            fraction = self.digits(&mut m);
            if fraction == 0 {
                return None;
            }
        }
        let mut integer = fraction == 0;
        let mut exponent = 0;
        if self.peek() | 0x20 == b'e' {
            self.pos += 1;
            integer = false;
            let negative_exponent = self.eat("-");
            if !negative_exponent {
                self.eat("+");
            }
            let mut e = 0;
            if self.digits(&mut e) == 0 {
                return None;
            }
            exponent = i64::try_from(e).unwrap_or(i64::MAX);
            if negative_exponent {
                exponent = -exponent;
            }
        }
        if !convert {
            return Some(0.0);
        }
        let sign = if negative { -1.0 } else { 1.0 };
        if m == 0 {
            return Some(sign * 0.0);
        }
        if m < u64::MAX {
            if integer {
                return Some(sign * m as f64);
            }
            let e = exponent.saturating_sub(fraction as i64);
            if m <= 1 << 53 && e.unsigned_abs() <= 22 {
                let mut power = 1.0;
                for _ in 0..e.unsigned_abs() {
                    power *= 10.0; // exact up to 1e22
                }
                let m = m as f64;
                return Some(sign * if e < 0 { m / power } else { m * power });
            }
        }
        let value = self
            .text
            .get(start..self.pos)
            .and_then(self.hard_number)
            .filter(|value| value.is_finite());
        if value.is_none() {
            self.pos = start; // the error is the number, from its first character
        }
        value
    }
}

fn container(close: u8, items: Vec<Json>, entries: Vec<(String, Json)>) -> Json {
    if close == b']' {
        Json::Array(items)
    } else {
        Json::Object(entries)
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

    // ---- parse_text: the same tree as the serde impl, without serde

    fn std_number(text: &str) -> Option<f64> {
        text.parse().ok()
    }

    fn read(text: &str) -> Option<Json> {
        parse_text(text, std_number)
    }

    /// Bit-for-bit equality: -0 is not 0, NaN equals NaN.
    fn same(a: &Json, b: &Json) -> bool {
        match (a, b) {
            (Json::Number(x), Json::Number(y)) => x.to_bits() == y.to_bits(),
            (Json::Array(x), Json::Array(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
            }
            (Json::Object(x), Json::Object(y)) => {
                x.len() == y.len()
                    && x.iter()
                        .zip(y)
                        .all(|((ka, a), (kb, b))| ka == kb && same(a, b))
            }
            _ => a == b,
        }
    }

    fn short(text: &str) -> String {
        text.chars().take(120).collect()
    }

    /// `parse_text` reads `text` exactly as serde_json through the serde impl does.
    fn assert_as_serde(text: &str) {
        let serde: Json = serde_json::from_str(text)
            .unwrap_or_else(|e| panic!("serde_json rejects {}: {e}", short(text)));
        let ours = read(text).unwrap_or_else(|| panic!("parse_text rejects {}", short(text)));
        assert!(
            same(&ours, &serde),
            "{}: parse_text {} ≠ serde {}",
            short(text),
            short(&format!("{ours:?}")),
            short(&format!("{serde:?}"))
        );
    }

    fn case_files(dir: &std::path::Path, files: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                case_files(&path, files);
            } else if path.extension().is_some_and(|e| e == "json") {
                files.push(path);
            }
        }
    }

    #[test]
    fn text_reads_every_case_file_as_serde_does() {
        let mut files = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
        case_files(&root, &mut files);
        assert!(files.len() >= 20, "{} case files", files.len());
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            let serde: Json = serde_json::from_str(&text).unwrap();
            let ours = read(&text).unwrap_or_else(|| panic!("{} rejected", file.display()));
            assert!(same(&ours, &serde), "{}", file.display());
        }
    }

    #[test]
    fn text_edge_cases_read_as_serde_does() {
        for text in [
            "[]",
            "{}",
            " \t\r\n[ ]\n",
            r#"{"a":{},"b":[],"c":[{}],"":""}"#,
            "null",
            " true ",
            "false",
            r#""""#,
            r#""a\"b\\c\/d\be\ff\ng\rh\ti\u0000j\u00e9\u20AC\u001F""#,
            r#""\ud83d\ude00 \uD834\uDD1E x""#,
            "\"é漢字😀\u{7f}\"",
            r#"{"a":1,"a":2,"b":3,"a":[4]}"#,
            r#"[1, -1, 0, -0, 0.0, -0.0, 0e5, -0E-5, 0.1, 1214.995, 1.5e+3, 123.456e-7]"#,
            "[1e308, 5e-324, 4.9e-324, 2.2250738585072014e-308, 1e-400, -1e-400, 0e999999999999]",
            "[1.7976931348623157e308, -1.7976931348623157e308, 1e22, 1E-22, 9007199254740992e22]",
            "[18446744073709551615, 18446744073709551614, 9007199254740993, 9223372036854775807]",
            "[-9223372036854775808, -9223372036854775809, -18446744073709551615]",
            "123456789012345678901234567890",
            "[0e1000000000000000000000000, 0.5e-99999999999999999999, -1E-00000000000000000000099]",
        ] {
            assert_as_serde(text);
        }
    }

    #[test]
    fn text_negative_zero_is_negative() {
        for text in ["-0", "-0.0", "-0e3"] {
            match read(text) {
                Some(Json::Number(n)) => assert!(n == 0.0 && n.is_sign_negative(), "{text}"),
                other => panic!("{text}: {other:?}"),
            }
        }
    }

    fn nested(depth: usize, open: &str, inner: &str, close: &str) -> String {
        let mut text = open.repeat(depth);
        text.push_str(inner);
        text.push_str(&close.repeat(depth));
        text
    }

    #[test]
    fn text_deep_nesting_is_cut_where_serde_cuts_it() {
        for depth in [1, MAX_DEPTH, MAX_DEPTH + 1, MAX_DEPTH + 2, 100] {
            assert_as_serde(&nested(depth, "[", "", "]"));
            assert_as_serde(&nested(depth, "[", "1", "]"));
            assert_as_serde(&nested(depth, r#"{"a":"#, r#""x""#, "}"));
            assert_as_serde(&nested(depth, r#"[{"a":[1,{"b":"#, "[]", "}]}]"));
        }
        let value = read(&nested(100, "[", "", "]")).unwrap();
        let (mut depth, mut cur) = (0, &value);
        while let Json::Array(items) = cur {
            depth += 1;
            cur = items.first().unwrap();
        }
        assert_eq!(cur, &Json::Truncated);
        assert_eq!(depth, MAX_DEPTH + 1);
    }

    #[test]
    fn text_a_million_levels_are_skipped_without_recursion() {
        let n = 1_000_000;
        assert_as_serde(&nested(n, "[", "", "]"));
        assert_as_serde(&nested(n, r#"{"k":"#, "1e400", "}"));
        assert_as_serde(&nested(n, "[1,", "2", "]"));
        // Inside the skipped part, the extensions and lone surrogates are still read.
        assert!(read(&nested(n, "[", r#"NaN,?,-Infinity,"\ud800""#, "]")).is_some());
        assert_eq!(read(&nested(n, "[", "", "")), None);
        assert_eq!(read(&nested(n, "[", "", "}")), None);
        assert_eq!(read(&(nested(n, "[", "", "]") + "]")), None);
        assert_eq!(read(&nested(n, "[", "01", "]")), None);
    }

    #[test]
    fn text_wide_containers_are_cut_where_serde_cuts_them() {
        for n in [MAX_ITEMS - 1, MAX_ITEMS, MAX_ITEMS + 1, MAX_ITEMS + 2, 5000] {
            let items: Vec<String> = (0..n).map(|i| format!("{}", i as f64 * 0.5)).collect();
            assert_as_serde(&format!("[{}]", items.join(",")));
            let entries: Vec<String> = (0..n).map(|i| format!(r#""k{}":{i}"#, i % 7)).collect();
            assert_as_serde(&format!("{{{}}}", entries.join(",")));
        }
        let entries: Vec<String> = (0..5000).map(|i| format!(r#""k{i}":[{i}]"#)).collect();
        let Some(Json::Object(entries)) = read(&format!("{{{}}}", entries.join(","))) else {
            panic!("not an object");
        };
        assert_eq!(entries.len(), MAX_ITEMS + 1);
        assert_eq!(entries.last(), Some(&(String::from("…"), Json::Truncated)));
        // Beyond the bound, items are still read: an error there fails the text.
        let mut items = vec!["0"; 5000];
        items[4999] = "01";
        assert_eq!(read(&format!("[{}]", items.join(","))), None);
    }

    #[test]
    fn text_numbers_are_correctly_rounded() {
        for text in [
            "9007199254740993.0",
            "0.30000000000000004441",
            "123456789012345678901234567890",
            "1.7976931348623158e308",
            "2.4703282292062328e-324",
            "1e23",
            "8.98846567431158e307",
            "1.00000000000000011102230246251565404236316680908203125",
            "-12345678901234567890.123e-40",
            "1844688888888888888888888800000000000000000000000000000000000000000000107764672334966",
        ] {
            let Some(Json::Number(n)) = read(text) else {
                panic!("{text}");
            };
            assert_eq!(n.to_bits(), std_number(text).unwrap().to_bits(), "{text}");
        }
        // Near the overflow threshold (found by the json_text fuzz target: serde_json
        // without float_roundtrip reads the second as f64::MAX, and rejects the first).
        assert_eq!(read("1.7976931348623158e308"), Some(Json::Number(f64::MAX)));
        assert_eq!(read("1.79769313486231588e308"), None);
        // The fast path, against the standard library's correctly rounded parser.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..50_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let m = x >> (11 + x % 40);
            let e = (x >> 58) as i64 - 32;
            let frac = (x >> 20) % 12;
            let digits = m.to_string();
            let text = if frac > 0 && (frac as usize) < digits.len() {
                let (int, dec) = digits.split_at(digits.len() - frac as usize);
                format!("{}{int}.{dec}e{e}", if x & 1 == 1 { "-" } else { "" })
            } else {
                format!("{m}e{e}")
            };
            let want = std_number(&text).unwrap();
            let got = read(&text);
            if want.is_finite() {
                assert!(
                    matches!(got, Some(Json::Number(n)) if n.to_bits() == want.to_bits()),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn text_fast_path_needs_no_hard_number() {
        fn never(_: &str) -> Option<f64> {
            None
        }
        let easy = "[0, -0, 1.5, 0.1, 1214.995, 123456789e-22, 9007199254740992e22, \
                    18446744073709551614, -9223372036854775808, 0.000e-999999, 1e-22]";
        assert!(parse_text(easy, never).is_some());
        for hard in [
            "1e23",
            "1e-23",
            "9007199254740993.5",
            "18446744073709551616",
            "1e400",
        ] {
            assert_eq!(parse_text(hard, never), None, "{hard}");
            assert!(parse_text(hard, |_| Some(1.0)).is_some(), "{hard}");
        }
        assert_eq!(parse_text("[1e400]", |_| Some(f64::INFINITY)), None);
    }

    #[test]
    fn text_extensions() {
        match read("NaN") {
            Some(Json::Number(n)) => assert!(n.is_nan()),
            other => panic!("{other:?}"),
        }
        assert_eq!(read(" Infinity "), Some(Json::Number(f64::INFINITY)));
        assert_eq!(read("-Infinity"), Some(Json::Number(f64::NEG_INFINITY)));
        assert_eq!(read("?"), Some(Json::Truncated));
        let value = read(r#"{"f": ?, "n": [NaN, Infinity, -Infinity, ?, 1]}"#).unwrap();
        assert_eq!(value.get("f"), Some(&Json::Truncated));
        let Some(Json::Array(items)) = value.get("n") else {
            panic!("{value:?}");
        };
        assert!(matches!(items[0], Json::Number(n) if n.is_nan()));
        assert_eq!(
            items[1..],
            [
                Json::Number(f64::INFINITY),
                Json::Number(f64::NEG_INFINITY),
                Json::Truncated,
                Json::Number(1.0)
            ]
        );
        for bad in [
            "nan",
            "-NaN",
            "+Infinity",
            "infinity",
            "-Inf",
            "??",
            "[?1]",
            "\"?\"x",
        ] {
            assert_eq!(read(bad), None, "{bad}");
        }
    }

    #[test]
    fn text_lone_surrogates_become_replacement_characters() {
        for (text, want) in [
            (r#""\ud800""#, "\u{FFFD}"),
            (r#""\uDC00""#, "\u{FFFD}"),
            (r#""a\ud800b""#, "a\u{FFFD}b"),
            (r#""\ud800\ud800""#, "\u{FFFD}\u{FFFD}"),
            (r#""\ud800\ud83d\ude00""#, "\u{FFFD}😀"),
            (r#""\ude00\ud83d""#, "\u{FFFD}\u{FFFD}"),
            (r#""\ud800\n""#, "\u{FFFD}\n"),
            (r#""\ud800\u0041""#, "\u{FFFD}A"),
            (r#""\ud83d\ude00\ude00""#, "😀\u{FFFD}"),
        ] {
            assert_eq!(read(text), Some(Json::String(want.into())), "{text}");
            assert!(serde_json::from_str::<Json>(text).is_err(), "{text}");
        }
        let value = read(r#"{"\udfff": 1}"#).unwrap();
        assert_eq!(value.get("\u{FFFD}"), Some(&Json::Number(1.0)));
        assert_eq!(read(r#""\ud800\u""#), None);
        assert_eq!(read(r#""\ud800\uD""#), None);
    }

    #[test]
    fn text_syntax_errors_are_rejected_as_serde_rejects_them() {
        for text in [
            "",
            " ",
            "01",
            "-01",
            "00",
            "+1",
            ".5",
            "1.",
            "1.e5",
            "1e",
            "1e+",
            "1E-",
            "-",
            "--1",
            "- 1",
            "0x10",
            "1e400",
            "-1e400",
            "[1e400]",
            "1e1000000000000000000000000",
            "[",
            "]",
            "[1,]",
            "[,1]",
            "[1 2]",
            "[1,,2]",
            "{",
            "}",
            r#"{"a"}"#,
            r#"{"a":}"#,
            "{a:1}",
            r#"{"a":1,}"#,
            r#"{"a" 1}"#,
            r#"{,"a":1}"#,
            "{1:1}",
            "[}",
            "{]",
            r#"{"a":1]"#,
            "[{]}",
            "\"abc",
            "\"\\",
            "\"\\\"",
            r#""\x""#,
            r#""\u12""#,
            r#""\u12G4""#,
            r#""\U0041""#,
            "\"a\u{1}b\"",
            "\"tab\there\"",
            "\"\n\"",
            "nul",
            "truee",
            "True",
            "nulL",
            "1 2",
            "[1]x",
            "[1]]",
            "\u{feff}1",
            "1\u{0}",
            "\u{0}",
            "/* */1",
            "'a'",
            "[1]\u{a0}",
        ] {
            assert_eq!(read(text), None, "{text:?}");
            assert!(
                serde_json::from_str::<Json>(text).is_err(),
                "serde reads {text:?}"
            );
        }
    }

    // ---- parse_document: a place for every syntax error, a bound chosen by the caller

    fn place(text: &str) -> (usize, usize) {
        let e = parse_document(text, std_number, MAX_ITEMS).expect_err(text);
        assert!(
            e.offset <= text.len() && text.is_char_boundary(e.offset),
            "{text:?}"
        );
        (e.line, e.column)
    }

    #[test]
    fn document_syntax_errors_say_where() {
        for (text, line, column) in [
            ("", 1, 1),
            ("   ", 1, 4),
            ("\u{feff}{}", 1, 1),
            ("{\n  \"a\": 1,\n}", 3, 1),
            ("[1, 2,]", 1, 7),
            ("[1 2]", 1, 4),
            ("{\"a\": 1", 1, 8),
            ("{\"a\" 1}", 1, 6),
            ("{\"a\": tru}", 1, 7),
            ("[\n1,\n2 3]", 3, 3),
            ("[1]x", 1, 4),
            ("[1e400]", 1, 2),
            ("[0, -1e400]", 1, 5),
            ("\"\\x\"", 1, 3),
            ("\"é\u{1}\"", 1, 3),
            ("\"unclosed", 1, 10),
            ("{\"é\": «}", 1, 7),
            ("\r\n\r\n  ]", 3, 3),
        ] {
            assert_eq!(place(text), (line, column), "{text:?}");
        }
    }

    #[test]
    fn document_rejects_what_parse_text_rejects_and_reads_what_it_reads() {
        for text in ["[1,]", "{,}", "\"\\", "01", "[{]}", "nul", "1 2", "[1]]"] {
            place(text);
            assert_eq!(read(text), None);
        }
        let text = include_str!("../programmes/plie-flandre-lys.json");
        assert_eq!(parse_document(text, std_number, MAX_ITEMS).ok(), read(text));
        // A million open brackets: no recursion, the error at the end.
        let deep = "[".repeat(1_000_000);
        assert_eq!(place(&deep), (1, 1_000_001));
    }

    #[test]
    fn document_arrays_keep_the_items_the_caller_allows() {
        let text = format!("[{}1]", "1,".repeat(9_999));
        let Ok(Json::Array(items)) = parse_document(&text, std_number, 10_000) else {
            panic!("10,000 items");
        };
        assert_eq!(items.len(), 10_000);
        assert!(!items.contains(&Json::Truncated));
        // The requests' bound is unchanged.
        let Some(Json::Array(items)) = read(&text) else {
            panic!("read");
        };
        assert_eq!(items.len(), MAX_ITEMS + 1);
        assert_eq!(items.last(), Some(&Json::Truncated));
        let Ok(Json::Array(items)) = parse_document(&text, std_number, 10) else {
            panic!("10");
        };
        assert_eq!(items.len(), 11);
    }

    #[test]
    fn document_numbers_with_a_fraction_need_no_float_parser() {
        fn never(_: &str) -> Option<f64> {
            None
        }
        let text = "[0.5, 12.25, -3.75, 1.5e-3, 2.5E2, 99.9, 0.1, 100]";
        let Ok(Json::Array(items)) = parse_document(text, never, MAX_ITEMS) else {
            panic!("{text}");
        };
        let want = [0.5, 12.25, -3.75, 1.5e-3, 2.5e2, 99.9, 0.1, 100.0];
        for (got, want) in items.iter().zip(want) {
            assert_eq!(got, &Json::Number(want));
        }
        // More digits than the fast path reads exactly: the caller's parser, or an
        // error at the number.
        let text = "[1, 0.30000000000000004441]";
        let e = parse_document(text, never, MAX_ITEMS).unwrap_err();
        assert_eq!((e.line, e.column, e.offset), (1, 5, 4));
        assert!(parse_document(text, std_number, MAX_ITEMS).is_ok());
    }

    #[test]
    fn last_duplicate_key_wins() {
        let value: Json = serde_json::from_str(r#"{"a":1,"a":2}"#).unwrap();
        assert_eq!(value.get("a"), Some(&Json::Number(2.0)));
    }
}
