//! Reading one field's raw value into a typed value, or a finding (rule FSE-FORMAT).
//!
//! An empty or blank text counts as "not answered", as a cleared form input does. A
//! value that does not read is kept as [`Val::Invalid`]: the coherence rules then see
//! it as unknown and stay silent, so one wrong field gives one finding.

use alloc::boxed::Box;

use chrono::NaiveDate;

use super::fields::{FieldSpec, Kind};
use crate::calendar::{parse_iso_date, DateError};
use crate::finding::{Code, Finding, RuleId};
use crate::input::Json;
use crate::territory::{insee_department, postal_department};

pub const RULE_FORMAT: RuleId = RuleId::FseFormat;

/// The answer to a sensitive or household item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    Yes,
    No,
    /// "Ne souhaite pas répondre": recorded as a refusal, not as a blank.
    Refused,
}

/// A text value. Most texts of a questionnaire (a name, a postal code, a phone
/// number) are short: with the export check (feature `lot`), up to 22 bytes they are
/// kept in the value itself, without an allocation (an export checks millions of
/// them); longer ones are boxed. Without it (the browser's form modules, one
/// questionnaire at a time) every text is boxed: 0.3 KB gzip less code.
#[cfg(not(feature = "lot"))]
pub type Text = Box<str>;

/// A text value. Most texts of a questionnaire (a name, a postal code, a phone
/// number) are short: up to [`Text::INLINE`] bytes they are kept in the value itself,
/// without an allocation (an export checks millions of them); longer ones are boxed.
#[cfg(feature = "lot")]
#[derive(Clone, PartialEq, Eq)]
pub enum Text {
    Inline { len: u8, bytes: [u8; Text::INLINE] },
    Boxed(Box<str>),
}

#[cfg(feature = "lot")]
impl Text {
    pub const INLINE: usize = 22;
}

#[cfg(feature = "lot")]
impl From<&str> for Text {
    fn from(text: &str) -> Text {
        let mut bytes = [0; Text::INLINE];
        match (bytes.get_mut(..text.len()), u8::try_from(text.len())) {
            (Some(inline), Ok(len)) => {
                inline.copy_from_slice(text.as_bytes());
                Text::Inline { len, bytes }
            }
            _ => Text::Boxed(text.into()),
        }
    }
}

#[cfg(feature = "lot")]
impl core::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            // Always whole characters: the bytes of a `&str`, copied whole.
            Text::Inline { len, bytes } => bytes
                .get(..usize::from(*len))
                .and_then(|b| core::str::from_utf8(b).ok())
                .unwrap_or(""),
            Text::Boxed(text) => text,
        }
    }
}

#[cfg(feature = "lot")]
impl core::fmt::Debug for Text {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(&**self, f)
    }
}

/// A field's value once read.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Val {
    #[default]
    Absent,
    /// Given but unreadable; its finding says why.
    Invalid,
    Text(Text),
    Date(NaiveDate),
    Bool(bool),
    Answer(Answer),
    /// Index into the field's choices.
    Choice(u8),
    Count(u16),
}

impl Val {
    pub fn is_answered(&self) -> bool {
        !matches!(self, Val::Absent | Val::Invalid)
    }
}

/// Reads `raw` for the field `spec`.
pub fn read(spec: &'static FieldSpec, raw: &Json) -> Result<Val, Finding> {
    let fail = |code: Code| Finding::new(code, spec.path, RULE_FORMAT);
    let wrong_type = |expected: &'static str| {
        fail(Code::InvalidType)
            .param("expected", expected)
            .param("received", raw.kind().as_str())
    };
    match (spec.kind, raw) {
        (_, Json::String(s)) => read_str(spec, s),
        (_, Json::Null) => Ok(Val::Absent),
        (_, Json::Truncated) => Err(fail(Code::UnreadableValue)),
        (Kind::Bool, Json::Bool(b)) => Ok(Val::Bool(*b)),
        (Kind::Bool, _) => Err(wrong_type("boolean")),
        (Kind::Answer, Json::Bool(b)) => Ok(Val::Answer(if *b { Answer::Yes } else { Answer::No })),
        (Kind::Count { max }, Json::Number(n)) => {
            let n = *n;
            if !n.is_finite() || n.fract() != 0.0 {
                return Err(fail(Code::InvalidNumber));
            }
            if n < 0.0 || n > f64::from(max) {
                return Err(fail(Code::NumberOutOfRange)
                    .param("min", 0i64)
                    .param("max", i64::from(max)));
            }
            Ok(Val::Count(n as u16))
        }
        (Kind::Count { .. }, _) => Err(wrong_type("number")),
        _ => Err(wrong_type("string")),
    }
}

/// Reads a text for the field `spec` (what [`read`] does with `Json::String(text)`):
/// an export's cell is read with it, without building a `Json` value.
pub fn read_str(spec: &'static FieldSpec, text: &str) -> Result<Val, Finding> {
    let fail = |code: Code| Finding::new(code, spec.path, RULE_FORMAT);
    let t = trim(text);
    if t.is_empty() {
        return Ok(Val::Absent);
    }
    match spec.kind {
        Kind::Bool => read_yes_no(t)
            .map(Val::Bool)
            .ok_or_else(|| fail(Code::InvalidBoolean)),
        Kind::Answer if t.eq_ignore_ascii_case("refused") => Ok(Val::Answer(Answer::Refused)),
        Kind::Answer => match read_yes_no(t) {
            Some(true) => Ok(Val::Answer(Answer::Yes)),
            Some(false) => Ok(Val::Answer(Answer::No)),
            None => Err(fail(Code::InvalidChoice).param("allowed", "yes, no, refused")),
        },
        Kind::Count { max } => {
            if t.len() > 6 || !t.bytes().all(|b| b.is_ascii_digit()) {
                return Err(fail(Code::InvalidNumber));
            }
            let n = t
                .bytes()
                .fold(0u32, |acc, b| acc * 10 + u32::from(b - b'0'));
            match u16::try_from(n) {
                Ok(n) if n <= max => Ok(Val::Count(n)),
                _ => Err(fail(Code::NumberOutOfRange)
                    .param("min", 0i64)
                    .param("max", i64::from(max))),
            }
        }
        _ => read_text(spec, t).map_err(|code| {
            let f = fail(code);
            match (code, spec.kind) {
                (Code::TextTooLong, Kind::Text { max }) => f.param("max", max),
                (Code::InvalidChoice, Kind::Choice(choices)) => {
                    f.param("allowed", choices.join(", "))
                }
                _ => f,
            }
        }),
    }
}

/// `text.trim()`, without decoding characters when the text starts and ends with a
/// visible ASCII character, as nearly every cell of an export does.
pub fn trim(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

fn read_yes_no(t: &str) -> Option<bool> {
    const YES: [&str; 3] = ["true", "yes", "oui"];
    const NO: [&str; 3] = ["false", "no", "non"];
    if YES.iter().any(|y| t.eq_ignore_ascii_case(y)) {
        Some(true)
    } else if NO.iter().any(|n| t.eq_ignore_ascii_case(n)) {
        Some(false)
    } else {
        None
    }
}

fn read_text(spec: &FieldSpec, t: &str) -> Result<Val, Code> {
    match spec.kind {
        Kind::Text { max } => {
            if t.chars().any(char::is_control) {
                Err(Code::InvalidCharacters)
            } else if t.chars().count() > max as usize {
                Err(Code::TextTooLong)
            } else {
                Ok(Val::Text(t.into()))
            }
        }
        Kind::Date => parse_iso_date(t).map(Val::Date).map_err(|e| match e {
            DateError::Format => Code::InvalidDateFormat,
            DateError::Nonexistent => Code::NonexistentDate,
        }),
        Kind::Choice(choices) => choices
            .iter()
            .position(|c| *c == t)
            .and_then(|i| u8::try_from(i).ok())
            .map(Val::Choice)
            .ok_or(Code::InvalidChoice),
        Kind::PostalCode => checked(t, is_postal_code, Code::InvalidPostalCode),
        Kind::Insee => checked(t, |s| insee_department(s).is_some(), Code::InvalidInseeCode),
        Kind::Email => checked(t, is_email, Code::InvalidEmail),
        Kind::Phone => checked(t, is_phone, Code::InvalidPhone),
        Kind::OperationId => checked(t, is_operation_id, Code::InvalidOperationId),
        Kind::Nir => match nir_digits(t) {
            None => Err(Code::InvalidNir),
            Some(nir) if !nir.key_matches() => Err(Code::NirKeyMismatch),
            Some(_) => Ok(Val::Text(compact(t).as_str().into())),
        },
        Kind::Bool | Kind::Answer | Kind::Count { .. } => Err(Code::InvalidType),
    }
}

fn checked(t: &str, ok: fn(&str) -> bool, code: Code) -> Result<Val, Code> {
    if ok(t) {
        Ok(Val::Text(t.into()))
    } else {
        Err(code)
    }
}

/// 5 digits, starting with a department that exists (01-95, 97, 98; 20 for Corsica).
fn is_postal_code(t: &str) -> bool {
    t.len() == 5 && t.bytes().all(|b| b.is_ascii_digit()) && postal_department(t).is_some()
}

fn is_email(t: &str) -> bool {
    if t.len() > 254 || t.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let Some((local, domain)) = t.rsplit_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.contains('@')
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.as_bytes().windows(2).any(|pair| pair == b"..");
    let labels_ok = domain.split('.').all(|l| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    });
    local_ok && domain.contains('.') && labels_ok
}

/// National form `0X XX XX XX XX` (X ≠ 0 after the first 0), or international
/// `+33`/`0033` followed by the 9 digits without the 0, or an overseas prefix (+262,
/// +269, +508, +590, +594, +596, +681, +687, +689) followed by 6 to 9 digits. Spaces,
/// dots and hyphens between digits are allowed.
fn is_phone(t: &str) -> bool {
    if t.len() > 30 {
        return false;
    }
    let mut digits = alloc::string::String::with_capacity(16);
    for (i, c) in t.chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if i == 0 => digits.push_str("00"),
            ' ' | '.' | '-' if i > 0 => {}
            _ => return false,
        }
    }
    let national = |rest: &str| rest.len() == 9 && !rest.starts_with('0');
    if let Some(rest) = digits.strip_prefix("0033") {
        return national(rest);
    }
    const OVERSEAS: [&str; 9] = [
        "262", "269", "508", "590", "594", "596", "681", "687", "689",
    ];
    if let Some(rest) = digits.strip_prefix("00") {
        return OVERSEAS.iter().any(|p| {
            rest.strip_prefix(p)
                .is_some_and(|r| (6..=9).contains(&r.len()))
        });
    }
    digits.strip_prefix('0').is_some_and(national)
}

/// Letters, digits and `-_./`, 1 to 32 characters.
fn is_operation_id(t: &str) -> bool {
    t.len() <= 32
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
}

fn compact(t: &str) -> alloc::string::String {
    t.split(' ').collect()
}

/// A NIR read into its parts; see [`nir_digits`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Nir {
    /// First digit: 1 man, 2 woman (3, 4, 7, 8: provisional numbers).
    pub sex: u8,
    /// Year of birth, two digits.
    pub year: u8,
    /// Month of birth, or 20-42 / 50-99 when unknown.
    pub month: u8,
    /// The 13 digits as a number, Corsica's 2A / 2B counted as 19 / 18.
    body: u64,
    key: u8,
}

impl Nir {
    /// The key is 97 minus the 13-digit body modulo 97.
    pub fn key_matches(&self) -> bool {
        u64::from(self.key) == 97 - self.body % 97
    }
}

/// Reads a NIR: 15 characters once spaces are removed, sex digit 1-4, 7 or 8, month
/// 01-12, 20-42 or 50-99, department digits or 2A / 2B, and a 2-digit key.
pub fn nir_digits(t: &str) -> Option<Nir> {
    let s = compact(t);
    let b = s.as_bytes();
    if b.len() != 15 {
        return None;
    }
    let mut body = 0u64;
    for (i, &c) in b.get(..13)?.iter().enumerate() {
        let d = match (i, c) {
            (_, b'0'..=b'9') => u64::from(c - b'0'),
            (6, b'A' | b'a') if b.get(5) == Some(&b'2') => return corsica(b, 19),
            (6, b'B' | b'b') if b.get(5) == Some(&b'2') => return corsica(b, 18),
            _ => return None,
        };
        body = body * 10 + d;
    }
    finish(b, body)
}

/// Corsica: "2A" counts as 19 and "2B" as 18 in the key computation.
fn corsica(b: &[u8], replacement: u64) -> Option<Nir> {
    let mut body = 0u64;
    for (i, &c) in b.get(..13)?.iter().enumerate() {
        body = match i {
            5 => body * 100 + replacement,
            6 => body,
            _ if c.is_ascii_digit() => body * 10 + u64::from(c - b'0'),
            _ => return None,
        };
    }
    finish(b, body)
}

fn finish(b: &[u8], body: u64) -> Option<Nir> {
    let two = |i: usize| -> Option<u8> {
        let hi = *b.get(i)?;
        let lo = *b.get(i + 1)?;
        (hi.is_ascii_digit() && lo.is_ascii_digit()).then(|| (hi - b'0') * 10 + (lo - b'0'))
    };
    let sex = b.first()?.checked_sub(b'0')?;
    let month = two(3)?;
    let key = two(13)?;
    let valid_sex = matches!(sex, 1..=4 | 7 | 8);
    let valid_month = matches!(month, 1..=12 | 20..=42 | 50..=99);
    (valid_sex && valid_month && (1..=97).contains(&key)).then_some(Nir {
        sex,
        year: two(1)?,
        month,
        body,
        key,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nir_with_key(body13: &str) -> String {
        let n: u64 = body13
            .replace("2A", "19")
            .replace("2B", "18")
            .parse()
            .unwrap();
        format!("{body13}{:02}", 97 - n % 97)
    }

    #[test]
    fn nir_key_is_checked_including_corsica() {
        let ok = nir_with_key("1850578006084");
        assert!(nir_digits(&ok).unwrap().key_matches());
        let corsica = nir_with_key("185052A123456");
        assert!(nir_digits(&corsica).unwrap().key_matches(), "{corsica}");
        let haute_corse = nir_with_key("285052B123456");
        assert!(
            nir_digits(&haute_corse).unwrap().key_matches(),
            "{haute_corse}"
        );
        let mut wrong = ok.clone();
        wrong.replace_range(13..15, if &ok[13..15] == "01" { "02" } else { "01" });
        assert!(!nir_digits(&wrong).unwrap().key_matches());
        assert!(nir_digits("185057800608").is_none());
        assert!(nir_digits("585057800608412").is_none());
        assert!(nir_digits("1 85 05 78 006 084 36").is_some());
    }

    #[test]
    fn postal_and_insee_codes() {
        for ok in ["59280", "20000", "97100", "01000", "98800"] {
            assert!(is_postal_code(ok), "{ok}");
        }
        for bad in [
            "5928", "592800", "00100", "96000", "99000", "5928A", "97900", "98000",
        ] {
            assert!(!is_postal_code(bad), "{bad}");
        }
        for (ok, dep) in [
            ("59017", "59"),
            ("2A004", "2A"),
            ("2B033", "2B"),
            ("97411", "974"),
            ("98611", "986"),
        ] {
            assert_eq!(insee_department(ok), Some(dep), "{ok}");
        }
        for bad in ["20004", "2C004", "97711", "00001", "5901", "59O17", "96001"] {
            assert_eq!(insee_department(bad), None, "{bad}");
        }
    }

    #[test]
    fn emails_and_phones() {
        for ok in [
            "a@b.fr",
            "prénom.nom@exemple.gouv.fr",
            "x+y@sub-domain.example.org",
        ] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in [
            "a@b",
            "@b.fr",
            "a@@b.fr",
            "a b@c.fr",
            "a@-b.fr",
            "a..b@c.fr",
            "a@b..fr",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
        for ok in [
            "0612345678",
            "06 12 34 56 78",
            "06.12.34.56.78",
            "+33 6 12 34 56 78",
            "0033612345678",
            "+262 692 12 34 56",
        ] {
            assert!(is_phone(ok), "{ok}");
        }
        for bad in [
            "061234567",
            "0012345678",
            "+33 06 12 34 56 78",
            "06-12-34-56-7a",
            "+44 20 7946 0958",
            " 0612345678",
            "+",
        ] {
            assert!(!is_phone(bad), "{bad}");
        }
    }
}
