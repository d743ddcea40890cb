//! Reading the typed fields of a request object (an exit proposal, a timeline, a
//! portfolio): each reader returns the value, or `None` when it is absent (the caller
//! asks for it in `missing`) or wrong (the reader adds a finding). Nothing fails.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use chrono::NaiveDate;

use crate::calendar::{parse_iso_date, DateError};
use crate::finding::{Code, Finding, RuleId};
use crate::input::Json;

/// Items read from one list; the rest is reported once.
pub const MAX_LIST: usize = 500;

/// `prefix.name`, or `name` without a prefix.
pub fn path(prefix: &str, name: &str) -> Cow<'static, str> {
    if prefix.is_empty() {
        return Cow::Owned(name.chars().take(64).collect());
    }
    let mut p = String::with_capacity(prefix.len() + name.len() + 1);
    p.push_str(prefix);
    p.push('.');
    p.extend(name.chars().take(64));
    Cow::Owned(p)
}

/// `prefix[index]`.
pub fn item(prefix: &str, index: usize) -> String {
    let mut p = String::from(prefix);
    p.push('[');
    crate::calendar::push_int(&mut p, i64::try_from(index).unwrap_or(i64::MAX));
    p.push(']');
    p
}

/// Reads fields of one object, reporting what is wrong under `rule`.
pub struct Reader<'a> {
    pub findings: &'a mut Vec<Finding>,
    pub rule: RuleId,
}

fn present(value: Option<&Json>) -> Option<&Json> {
    match value {
        None | Some(Json::Null) => None,
        Some(Json::String(s)) if s.trim().is_empty() => None,
        Some(v) => Some(v),
    }
}

impl Reader<'_> {
    fn wrong(&mut self, at: Cow<'static, str>, expected: &'static str, got: &Json) {
        self.findings.push(
            Finding::new(Code::InvalidType, at, self.rule)
                .param("expected", expected)
                .param("received", got.kind().as_str()),
        );
    }

    /// The object itself: `None` (with a finding) when it is something else.
    pub fn object<'j>(&mut self, value: Option<&'j Json>, at: &str) -> Option<&'j Json> {
        match value {
            None | Some(Json::Null) => None,
            Some(v @ Json::Object(_)) => Some(v),
            Some(other) => {
                self.findings.push(
                    Finding::new(Code::InvalidStructure, path("", at), self.rule)
                        .param("expected", "object")
                        .param("received", other.kind().as_str()),
                );
                None
            }
        }
    }

    /// An item of a list: an object, or `None` with a finding (`null` included: an
    /// empty slot in a list is a mistake, not an absent answer).
    pub fn entry<'j>(&mut self, value: &'j Json, at: &str) -> Option<&'j Json> {
        match value {
            Json::Object(_) => Some(value),
            other => {
                self.findings.push(
                    Finding::new(Code::InvalidStructure, path("", at), self.rule)
                        .param("expected", "object")
                        .param("received", other.kind().as_str()),
                );
                None
            }
        }
    }

    /// A list, at most [`MAX_LIST`] items of it.
    pub fn list<'j>(&mut self, value: Option<&'j Json>, at: &str) -> &'j [Json] {
        match present(value) {
            None => &[],
            Some(Json::Array(items)) => {
                if items.len() > MAX_LIST {
                    self.findings.push(
                        Finding::new(Code::TooManyItems, path("", at), self.rule)
                            .param("max", MAX_LIST as i64),
                    );
                }
                items.get(..MAX_LIST.min(items.len())).unwrap_or(&[])
            }
            Some(other) => {
                self.wrong(path("", at), "array", other);
                &[]
            }
        }
    }

    pub fn date(&mut self, obj: &Json, prefix: &str, name: &str) -> Option<NaiveDate> {
        let value = present(obj.get(name))?;
        let at = path(prefix, name);
        let Json::String(text) = value else {
            self.wrong(at, "string", value);
            return None;
        };
        match parse_iso_date(text.trim()) {
            Ok(d) => Some(d),
            Err(DateError::Format) => {
                self.findings
                    .push(Finding::new(Code::InvalidDateFormat, at, self.rule));
                None
            }
            Err(DateError::Nonexistent) => {
                self.findings
                    .push(Finding::new(Code::NonexistentDate, at, self.rule));
                None
            }
        }
    }

    pub fn flag(&mut self, obj: &Json, prefix: &str, name: &str) -> Option<bool> {
        match present(obj.get(name))? {
            Json::Bool(b) => Some(*b),
            Json::String(t) => match t.trim() {
                "true" | "oui" | "yes" => Some(true),
                "false" | "non" | "no" => Some(false),
                _ => {
                    self.findings.push(Finding::new(
                        Code::InvalidBoolean,
                        path(prefix, name),
                        self.rule,
                    ));
                    None
                }
            },
            other => {
                self.wrong(path(prefix, name), "boolean", other);
                None
            }
        }
    }

    /// One of `allowed`, as the list's own `'static` text.
    pub fn choice(
        &mut self,
        obj: &Json,
        prefix: &str,
        name: &str,
        allowed: &[&'static str],
    ) -> Option<&'static str> {
        let value = present(obj.get(name))?;
        let Json::String(text) = value else {
            self.wrong(path(prefix, name), "string", value);
            return None;
        };
        let found = allowed.iter().copied().find(|a| *a == text.trim());
        if found.is_none() {
            self.findings.push(
                Finding::new(Code::InvalidChoice, path(prefix, name), self.rule)
                    .param("allowed", allowed.join(", ")),
            );
        }
        found
    }

    /// A non-negative number with at most two decimals, in hundredths, up to `max`
    /// units; `None` with a finding otherwise.
    pub fn hundredths(&mut self, obj: &Json, prefix: &str, name: &str, max: u32) -> Option<i64> {
        let value = present(obj.get(name))?;
        let number = match value {
            Json::Number(n) => Some(*n),
            Json::String(t) => decimal(t.trim()),
            other => {
                self.wrong(path(prefix, name), "number", other);
                return None;
            }
        };
        match number {
            Some(n) if n.is_finite() && (0.0..=f64::from(max)).contains(&n) => {
                Some((n * 100.0).round() as i64)
            }
            _ => {
                self.findings.push(
                    Finding::new(Code::NumberOutOfRange, path(prefix, name), self.rule)
                        .param("min", 0i64)
                        .param("max", i64::from(max)),
                );
                None
            }
        }
    }
}

/// A decimal number written with digits and at most one `.` or `,` (no exponent), as
/// a float. Written here: the standard float parser is large in WebAssembly.
fn decimal(text: &str) -> Option<f64> {
    let mut value = 0f64;
    let mut scale = 0f64;
    let mut digits = 0;
    for c in text.chars() {
        match c {
            '0'..='9' if digits < 15 => {
                digits += 1;
                value = value * 10.0 + f64::from(c as u32 - '0' as u32);
                if scale > 0.0 {
                    scale *= 10.0;
                }
            }
            '.' | ',' if scale == 0.0 && digits > 0 => scale = 1.0,
            _ => return None,
        }
    }
    (digits > 0).then(|| if scale > 1.0 { value / scale } else { value })
}
