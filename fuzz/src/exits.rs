//! What the exit, follow-up and portfolio targets share: dates around the programmes'
//! periods and their edges, JSON building helpers, exit proposals (missions, proofs),
//! and the invariants every report of these checks keeps.

use arbitrary::{Result, Unstructured};
use chrono::{Datelike, Days, Months, NaiveDate};
use parcours::exit::REASONS;
use parcours::programme::file::{CERTIFICATIONS, CONTRACT_TYPES};
use parcours::{Json, Report, Severity};

use crate::check_finding;

/// Dates the rules turn on: the programmes' periods, month ends, 29 February.
pub const ANCHORS: &[(i32, u32, u32)] = &[
    (2017, 1, 1),
    (2017, 1, 10),
    (2017, 2, 28),
    (2017, 8, 31),
    (2018, 1, 31),
    (2018, 6, 29),
    (2018, 6, 30),
    (2018, 12, 31),
    (2019, 1, 1),
    (2016, 2, 29),
    (2016, 12, 31),
    (2015, 1, 1),
    (2020, 2, 29),
    (2020, 12, 31),
    (2022, 1, 1),
    (2023, 8, 31),
    (2024, 2, 29),
    (2025, 12, 31),
];

/// Texts that are not dates, or not quite.
pub const ODD_DATES: &[&str] = &[
    "",
    " ",
    "2017-02-29",
    "2018-02-30",
    "2018-13-01",
    "2018-00-10",
    "2018-6-29",
    "29/06/2018",
    " 2018-06-29 ",
    "2018-06-29T00:00",
    "0000-01-01",
    "9999-12-31",
    "2100-02-29",
    "２０１８-06-29",
];

pub fn anchor(u: &mut Unstructured<'_>) -> Result<NaiveDate> {
    let (y, m, d) = *u.choose(ANCHORS)?;
    Ok(NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default())
}

/// What every report keeps, whatever the check.
pub fn check_common(report: &Report) {
    let errors = report
        .findings
        .iter()
        .any(|f| f.severity == Severity::Error);
    if errors {
        assert!(!report.valid, "valid with an error finding");
    }
    if !report.missing.is_empty() {
        assert!(!report.valid, "valid with something missing");
    }
    assert!((0.0..=1.0).contains(&report.completeness));
    for finding in &report.findings {
        check_finding(finding);
    }
    let mut seen: Vec<&str> = Vec::new();
    for path in &report.missing {
        assert!(!path.is_empty() && path.chars().count() <= 129);
        assert!(!seen.contains(&path.as_ref()), "missing lists {path} twice");
        seen.push(path);
    }
    let value = serde_json::to_value(report).expect("a report serialises");
    let own: serde_json::Value = serde_json::from_str(&parcours_wasm::output::to_json(report))
        .expect("the module's own serialiser writes JSON");
    assert!(
        same(&value, &own),
        "parcours::output and serde_json disagree:\n{own}\n{value}"
    );
}

pub fn choice(u: &mut Unstructured<'_>, allowed: &[&str]) -> Result<Json> {
    Ok(match u.int_in_range(0..=11u8)? {
        0 => odd(u)?,
        1 => s(u.choose(&["", "CDI", " cdd ", "unknown", "temporary-work", "other"])?),
        _ => s(u.choose(allowed)?),
    })
}

/// A date as a request gives it: mostly well written, sometimes odd.
pub fn date_value(u: &mut Unstructured<'_>, base: NaiveDate) -> Result<Json> {
    Ok(match u.int_in_range(0..=19u8)? {
        0 => odd(u)?,
        1 => s(u.choose(ODD_DATES)?),
        2 => s(&format!(" {} ", iso(near(u, base)?))),
        _ => s(&iso(near(u, base)?)),
    })
}

/// Whether every number of the tree is finite and nothing is unreadable, so JSON text
/// carries it unchanged.
pub fn finite(v: &Json) -> bool {
    match v {
        Json::Number(n) => n.is_finite(),
        Json::Truncated => false,
        Json::Array(items) => items.iter().all(finite),
        Json::Object(entries) => entries.iter().all(|(_, v)| finite(v)),
        _ => true,
    }
}

pub fn flag(u: &mut Unstructured<'_>) -> Result<Json> {
    Ok(match u.int_in_range(0..=9u8)? {
        0 => odd(u)?,
        1 => s(u.choose(&["oui", "non", "yes", "no", "true", "false", "peut-être"])?),
        _ => Json::Bool(u.arbitrary()?),
    })
}

pub fn iso(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

pub fn months_from(d: NaiveDate, months: i32) -> NaiveDate {
    if months >= 0 {
        d.checked_add_months(Months::new(months as u32))
    } else {
        d.checked_sub_months(Months::new(months.unsigned_abs()))
    }
    .unwrap_or(d)
}

/// A date around `base`: days or months away, a month's last day, a 29 February.
pub fn near(u: &mut Unstructured<'_>, base: NaiveDate) -> Result<NaiveDate> {
    Ok(match u.int_in_range(0..=9u8)? {
        0 => base,
        1..=3 => shift(base, u.int_in_range(-400i64..=40)?),
        4 => shift(base, u.int_in_range(-3i64..=3)?),
        5 => {
            let months = u.int_in_range(-14i32..=2)?;
            let d = months_from(base, months);
            // The month's last day.
            let next = d
                .with_day(1)
                .and_then(|f| f.checked_add_months(Months::new(1)))
                .and_then(|f| f.pred_opt());
            next.unwrap_or(d)
        }
        6 => {
            let y = base.year() - u.int_in_range(0..=2)?;
            NaiveDate::from_ymd_opt(y, 2, 29)
                .or_else(|| NaiveDate::from_ymd_opt(y, 2, 28))
                .unwrap_or(base)
        }
        7 => months_from(base, u.int_in_range(-13i32..=1)?),
        _ => anchor(u)?,
    })
}

pub fn obj(entries: Vec<(&str, Json)>) -> Json {
    Json::Object(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

/// Any value at all, as a page may put anywhere.
pub fn odd(u: &mut Unstructured<'_>) -> Result<Json> {
    Ok(match u.int_in_range(0..=12u8)? {
        0 => Json::Null,
        1 => Json::Bool(u.arbitrary()?),
        2 => Json::Number(u.int_in_range(-3i32..=40)?.into()),
        3 => Json::Number(f64::from_bits(u.arbitrary()?)),
        4 => Json::Number(*u.choose(&[f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -0.0, 1e300])?),
        5 => Json::Truncated,
        6 => Json::Array(Vec::new()),
        7 => Json::Object(Vec::new()),
        8 => Json::String(u.arbitrary()?),
        9 => s(u.choose(&[
            "__proto__",
            "constructor",
            "\u{d7ff}\u{fffd}",
            "\u{0}",
            "oui",
            "true",
        ])?),
        10 => Json::Array(vec![s("2018-01-01"), Json::Number(1.0)]),
        _ => s(u.choose(ODD_DATES)?),
    })
}

/// Replaces the value at `path` (object keys, or array indices when the array has
/// that item), creating objects on the way.
pub fn put(root: &mut Json, path: &[&str], value: Json) {
    let Some((first, rest)) = path.split_first() else {
        *root = value;
        return;
    };
    if let (Json::Array(items), Ok(i)) = (&mut *root, first.parse::<usize>()) {
        if let Some(item) = items.get_mut(i) {
            put(item, rest, value);
        }
        return;
    }
    if !matches!(root, Json::Object(_)) {
        *root = Json::Object(Vec::new());
    }
    if let Json::Object(entries) = root {
        match entries.iter_mut().rev().find(|(k, _)| k == first) {
            Some((_, v)) => put(v, rest, value),
            None => {
                let mut v = Json::Null;
                put(&mut v, rest, value);
                entries.push((first.to_string(), v));
            }
        }
    }
}

pub fn s(text: &str) -> Json {
    Json::String(text.to_string())
}

/// Equal JSON, numbers within a millionth (the module writes six decimals at most).
pub fn same(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value as V;
    match (a, b) {
        (V::Number(x), V::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap_or(0.0), y.as_f64().unwrap_or(0.0));
            (x - y).abs() <= 1e-6 * x.abs().max(1.0)
        }
        (V::Array(x), V::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (V::Object(x), V::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

/// Sets `key` (the last of repeated keys, as `get` reads it), or adds it.
pub fn set(o: &mut Json, key: &str, value: Json) {
    if let Json::Object(entries) = o {
        match entries.iter_mut().rev().find(|(k, _)| k == key) {
            Some((_, v)) => *v = value,
            None => entries.push((key.to_string(), value)),
        }
    }
}

pub fn shift(d: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        d.checked_add_days(Days::new(days as u64)).unwrap_or(d)
    } else {
        d.checked_sub_days(Days::new(days.unsigned_abs()))
            .unwrap_or(d)
    }
}

pub fn shuffle(u: &mut Unstructured<'_>, list: &mut [Json]) -> Result<()> {
    if list.len() > 1 && u.ratio(1, 2)? {
        for i in (1..list.len()).rev() {
            let j = u.int_in_range(0..=i)?;
            list.swap(i, j);
        }
    }
    Ok(())
}

/// The tree as `JSON.stringify` would write it (numbers not finite and unreadable
/// values become null).
pub fn to_value(v: &Json) -> serde_json::Value {
    use serde_json::Value as V;
    match v {
        Json::Null | Json::Truncated => V::Null,
        Json::Bool(b) => V::Bool(*b),
        Json::Number(n) => serde_json::Number::from_f64(*n).map_or(V::Null, V::Number),
        Json::String(t) => V::String(t.clone()),
        Json::Array(items) => V::Array(items.iter().map(to_value).collect()),
        Json::Object(entries) => V::Object(
            entries
                .iter()
                .map(|(k, v)| (k.clone(), to_value(v)))
                .collect(),
        ),
    }
}

/// A report without its words (messages and summaries), for comparing locales.
pub fn unworded(report: &Report) -> serde_json::Value {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                map.remove("message");
                map.remove("summary");
                map.values_mut().for_each(strip);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(report).expect("serialises");
    strip(&mut v);
    v
}

/// Proof kinds and the situations each attests (docs/exits.md), written here rather
/// than read from the module, so the target checks the module against them.
pub const PROOF_KINDS: &[(&str, &[&str])] = &[
    ("employment_contract", &["employment"]),
    ("payslip", &["employment", "temporary_work"]),
    ("employer_certificate", &["employment"]),
    ("mission_statement", &["temporary_work"]),
    ("training_certificate", &["training"]),
    ("business_registration", &["business_creation"]),
    ("activity_proof", &["business_creation"]),
];

/// Hours, in hundredths, near the threshold or anywhere.
pub fn hours_value(u: &mut Unstructured<'_>, hundredths: i64) -> Result<Json> {
    let h = hundredths as f64 / 100.0;
    Ok(match u.int_in_range(0..=19u8)? {
        0 => Json::Number(*u.choose(&[
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            -1.0,
            -0.01,
            -0.0,
            0.0,
            0.001,
            0.005,
            1214.99,
            1214.995,
            1215.0,
            100_000.0,
            100_000.01,
            1e300,
        ])?),
        1 => s(&format!("{h}")),
        2 => s(&format!("{h}").replace('.', ",")),
        3 => s(u.choose(&[
            "1 215", "1e3", "-5", "", "12,5,0", ".5", "5.", "1215.", "0x10",
        ])?),
        4 => odd(u)?,
        5 => Json::Number(h + 0.001),
        _ => Json::Number(h),
    })
}

/// One mission: `start` to `end`, `hundredths` of hours, with now and then a field
/// missing, of another type, or an unknown key.
pub fn mission(
    u: &mut Unstructured<'_>,
    start: NaiveDate,
    end: NaiveDate,
    hundredths: i64,
) -> Result<Json> {
    let mut fields = vec![
        ("start", s(&iso(start))),
        ("end", s(&iso(end))),
        ("hours", hours_value(u, hundredths)?),
    ];
    match u.int_in_range(0..=24u8)? {
        0 => {
            fields.remove(u.int_in_range(0..=2usize)?);
        }
        1 => {
            let i = u.int_in_range(0..=1usize)?;
            if let Some(f) = fields.get_mut(i) {
                f.1 = date_value(u, start)?;
            }
        }
        2 => fields.push(("employer", s("Intérim & Co"))),
        3 => fields.push(("__proto__", obj(vec![("hours", Json::Number(5000.0))]))),
        4 => fields.push(("hours", Json::Number(1.0))),
        _ => {}
    }
    Ok(obj(fields))
}

/// Missions: a run filling a 12-month window (its last one ending on the window's last
/// day, the day before or the day after) with hours summing near the threshold, or
/// missions anywhere; then shuffled, duplicated, sometimes past the 500-item cap.
pub fn missions(u: &mut Unstructured<'_>, exit: NaiveDate) -> Result<Json> {
    let mut list = Vec::new();
    if u.ratio(2, 3)? {
        let first = near(u, exit)?;
        let window_end = months_from(first, 12).pred_opt().unwrap_or(first);
        let last_end = shift(window_end, u.int_in_range(-2i64..=1)?);
        let total: i64 = *u.choose(&[121_499, 121_500, 121_501, 121_400, 60_750, 0, 243_000])?;
        let n = u.int_in_range(1..=5usize)?;
        let span = (last_end - first).num_days().max(0);
        let mut cuts: Vec<i64> = (0..n.saturating_sub(1))
            .map(|_| u.int_in_range(0..=total))
            .collect::<Result<_>>()?;
        cuts.sort_unstable();
        cuts.push(total);
        let mut previous = 0;
        for (k, cut) in cuts.iter().enumerate() {
            let from = shift(first, span * k as i64 / n as i64);
            let to = if k + 1 == n {
                last_end
            } else {
                shift(
                    first,
                    span * (k as i64 + 1) / n as i64 - i64::from(u.int_in_range(0..=1u8)?),
                )
            };
            // Now and then an end before the start, or an overlap.
            let to = match u.int_in_range(0..=15u8)? {
                0 => shift(from, -1),
                1 => shift(to, 20),
                _ => to,
            };
            list.push(mission(u, from, to, cut - previous)?);
            previous = *cut;
        }
    }
    for _ in 0..u.int_in_range(0..=4usize)? {
        let from = near(u, exit)?;
        let to = shift(from, u.int_in_range(-3i64..=200)?);
        let hundredths = u.int_in_range(0i64..=130_000)?;
        list.push(mission(u, from, to, hundredths)?);
    }
    if u.ratio(1, 10)? {
        list.push(odd(u)?);
    }
    shuffle(u, &mut list)?;
    if !list.is_empty() && u.ratio(1, 8)? {
        let i = u.int_in_range(0..=list.len() - 1)?;
        let copy = list[i].clone();
        list.push(copy);
    }
    if u.ratio(1, 40)? {
        let n = *u.choose(&[499usize, 500, 501, 620])?;
        let seed = list.clone();
        let mut day = 0i64;
        while list.len() < n {
            let m = match seed.get(list.len() % seed.len().max(1)) {
                Some(m) if u.ratio(1, 2)? => m.clone(),
                _ => {
                    day += 1;
                    let from = shift(exit, -day);
                    obj(vec![
                        ("start", s(&iso(from))),
                        ("end", s(&iso(from))),
                        ("hours", Json::Number(7.0)),
                    ])
                }
            };
            list.push(m);
        }
    }
    Ok(Json::Array(list))
}

/// Proofs dated around the exit: the same day, a month before (31 days, 32), after.
pub fn proofs(u: &mut Unstructured<'_>, exit: NaiveDate) -> Result<Json> {
    let kinds: Vec<&str> = PROOF_KINDS.iter().map(|(k, _)| *k).collect();
    let mut list = Vec::new();
    for _ in 0..u.int_in_range(0..=3usize)? {
        let date = match u.int_in_range(0..=7u8)? {
            0 => shift(exit, 1),
            1 => shift(exit, -31),
            2 => shift(exit, -32),
            3 => exit,
            4 => near(u, exit)?,
            _ => shift(exit, -u.int_in_range(0i64..=40)?),
        };
        let mut fields = vec![("kind", choice(u, &kinds)?), ("date", s(&iso(date)))];
        match u.int_in_range(0..=15u8)? {
            0 => fields.truncate(u.int_in_range(0..=1usize)?),
            1 => fields[1].1 = date_value(u, exit)?,
            _ => {}
        }
        list.push(obj(fields));
    }
    if u.ratio(1, 12)? {
        list.push(odd(u)?);
    }
    if u.ratio(1, 60)? {
        let copy = list.first().cloned().unwrap_or(Json::Null);
        list.resize(*u.choose(&[500usize, 501, 700])?, copy);
    }
    Ok(Json::Array(list))
}

/// An exit proposal at `exit`.
pub fn proposal(u: &mut Unstructured<'_>, exit: NaiveDate) -> Result<Json> {
    let mut fields: Vec<(&str, Json)> = Vec::new();
    let reason = choice(u, REASONS)?;
    let temporary = reason.as_str() == Some("temporary_work");
    fields.push(("reason", reason));
    let start = near(u, exit)?;
    let end = match u.int_in_range(0..=5u8)? {
        0 => shift(start, -1),
        1 => months_from(start, 6),
        2 => shift(months_from(start, 6), 1),
        3 => shift(months_from(start, 6), -1),
        _ => near(u, exit)?,
    };
    let optional: [(&str, u8); 13] = [
        ("contract_type", 0),
        ("contract_start", 1),
        ("contract_end", 2),
        ("employer_is_aci", 3),
        ("matches_project", 3),
        ("participant_agrees", 3),
        ("certification", 4),
        ("training_start", 1),
        ("training_end", 2),
        ("activity_start", 1),
        ("activity_end", 2),
        ("missions", 5),
        ("proofs", 6),
    ];
    for (name, kind) in optional {
        let wanted = match name {
            "missions" => temporary || u.ratio(1, 4)?,
            "proofs" => u.ratio(4, 5)?,
            _ => u.ratio(1, 2)?,
        };
        if !wanted {
            continue;
        }
        let value = match kind {
            0 => choice(u, CONTRACT_TYPES)?,
            1 => {
                if u.ratio(1, 8)? {
                    date_value(u, exit)?
                } else {
                    s(&iso(start))
                }
            }
            2 => {
                if u.ratio(1, 8)? {
                    date_value(u, exit)?
                } else {
                    s(&iso(end))
                }
            }
            3 => flag(u)?,
            4 => choice(u, CERTIFICATIONS)?,
            5 => missions(u, exit)?,
            _ => proofs(u, exit)?,
        };
        fields.push((name, value));
    }
    if u.ratio(1, 20)? {
        fields.push(("unknown_field", odd(u)?));
    }
    Ok(obj(fields))
}

pub fn date_value_or(u: &mut Unstructured<'_>, d: NaiveDate) -> Result<Json> {
    if u.ratio(1, 10)? {
        date_value(u, d)
    } else {
        Ok(s(&iso(d)))
    }
}

pub fn date_of(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}
