//! `parcours::check` on portfolio requests (`check: "portfolio"`: exit rates against
//! the programme's targets, référents' active portfolios), two ways:
//!
//! - **text**: an input that starts with `{` or `[` is JSON text, read as the
//!   command-line program reads it; it is checked as it is, as a portfolio request
//!   (its `check` replaced), and put in each slot of a good request (`exits`, an exit,
//!   its proposal, `referents`, a référent's `fte`, its participants…);
//! - **structured**: any other input drives a generator: exits classified by the exit
//!   rules (the exit target's proposals: hours around 1,215, proofs around the exit
//!   date…), exit dates around the period and the reference date, the same exit
//!   twice, référents with odd FTEs (0, above 1, NaN) and participants leaving before
//!   they enter, lists past the 500-item cap.
//!
//! Every report: findings well formed, `valid` false whenever a finding is an error,
//! the same text through serde_json and through the module's own serialiser
//! (`parcours::output`); counts that add up (by kind to the positive exits, by class
//! to at most the exits given), each rate its count over its base, rounded, `met`
//! exactly when it reaches its target, each référent's load its active participants
//! over its target. Structured requests also: the same answer twice and in both
//! locales, each exit counted in the class `check: "exit"` gives it alone, and the
//! same figures with the exits in reverse order.
//!
//! The generators and invariants are in this file (exit.rs and follow_up.rs have their
//! own copies of the few they share): fuzz/src/lib.rs is shared with the other targets.
#![no_main]

use arbitrary::{Result, Unstructured};
use chrono::{Datelike, Days, Months, NaiveDate};
use libfuzzer_sys::fuzz_target;
use parcours::calendar::parse_iso_date;
use parcours::exit::{Category, REASONS};
use parcours::portfolio::Portfolio;
use parcours::programme::file::{CERTIFICATIONS, CONTRACT_TYPES};
use parcours::{Json, Report, Severity};
use parcours_fuzz::{check_finding, parse, through_text};

/// Proof kinds and the situations each attests (docs/exits.md), written here rather
/// than read from the module, so the target checks the module against them.
const PROOF_KINDS: &[(&str, &[&str])] = &[
    ("employment_contract", &["employment"]),
    ("payslip", &["employment", "temporary_work"]),
    ("employer_certificate", &["employment"]),
    ("mission_statement", &["temporary_work"]),
    ("training_certificate", &["training"]),
    ("business_registration", &["business_creation"]),
    ("activity_proof", &["business_creation"]),
];

fuzz_target!(|data: &[u8]| {
    if matches!(data.first(), Some(b'{' | b'[')) {
        text(data);
    } else {
        let mut u = Unstructured::new(data);
        if let Ok(request) = request(&mut u) {
            structured(&request);
        }
    }
});

// ---------------------------------------------------------------------------------
// Text

fn text(bytes: &[u8]) {
    let Some(json) = parse(bytes) else { return };
    let requests = match &json {
        Json::Array(items) => items.clone(),
        one => vec![one.clone()],
    };
    for request in requests.iter().take(8) {
        check_any(request);
        if let Json::Object(_) = request {
            let mut forced = request.clone();
            set(&mut forced, "check", s("portfolio"));
            check_any(&forced);
        }
    }
    for slot in SLOTS {
        let mut request = good();
        put(&mut request, slot, json.clone());
        check_any(&request);
    }
}

/// Where the text goes in the good request.
const SLOTS: &[&[&str]] = &[
    &["exits"],
    &["exits", "0"],
    &["exits", "0", "exit"],
    &["exits", "0", "exit", "missions"],
    &["exits", "1", "exit_date"],
    &["referents"],
    &["referents", "0"],
    &["referents", "0", "fte"],
    &["referents", "0", "participants"],
    &["referents", "0", "participants", "0"],
    &["from"],
    &["reference_date"],
];

/// Two exits (one positive through temporary work, one moving out) and a référent.
fn good() -> Json {
    let mission = |start: &str, end: &str, hours: f64| {
        obj(vec![
            ("start", s(start)),
            ("end", s(end)),
            ("hours", Json::Number(hours)),
        ])
    };
    obj(vec![
        ("check", s("portfolio")),
        ("programme", s("plie-flandre-lys")),
        ("reference_date", s("2018-12-31")),
        ("from", s("2018-01-01")),
        ("to", s("2018-12-31")),
        (
            "exits",
            Json::Array(vec![
                obj(vec![
                    ("exit_date", s("2018-06-29")),
                    ("entry_date", s("2017-01-10")),
                    (
                        "exit",
                        obj(vec![
                            ("reason", s("temporary_work")),
                            (
                                "missions",
                                Json::Array(vec![
                                    mission("2017-09-01", "2018-01-31", 700.0),
                                    mission("2018-02-01", "2018-06-15", 515.0),
                                ]),
                            ),
                            (
                                "proofs",
                                Json::Array(vec![obj(vec![
                                    ("kind", s("mission_statement")),
                                    ("date", s("2018-06-20")),
                                ])]),
                            ),
                        ]),
                    ),
                ]),
                obj(vec![
                    ("exit_date", s("2018-03-31")),
                    ("exit", obj(vec![("reason", s("moving_out"))])),
                ]),
            ]),
        ),
        (
            "referents",
            Json::Array(vec![obj(vec![
                ("id", s("R1")),
                ("fte", Json::Number(0.8)),
                (
                    "participants",
                    Json::Array(vec![
                        obj(vec![("entry_date", s("2018-01-01"))]),
                        obj(vec![
                            ("entry_date", s("2017-05-01")),
                            ("exit_date", s("2018-06-29")),
                        ]),
                    ]),
                ),
            ])]),
        ),
    ])
}

/// Replaces the value at `path` (object keys, or array indices when the array has
/// that item), creating objects on the way.
fn put(root: &mut Json, path: &[&str], value: Json) {
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

// ---------------------------------------------------------------------------------
// Structured

fn structured(request: &Json) {
    // FUZZ_PRINT=1 when reproducing: the request as JSON text (numbers that are not
    // finite written as null).
    if std::env::var_os("FUZZ_PRINT").is_some() {
        eprintln!("{}", to_value(request));
    }
    let report = check_any(request);
    assert_eq!(
        report,
        parcours::check(request),
        "the same request, another answer"
    );
    let text = through_text(&to_value(request));
    if finite(request) {
        assert_eq!(
            report,
            parcours::check(&text),
            "the text gives another answer"
        );
    } else {
        check_any(&text);
    }
    let in_locale = |locale: &str| {
        let mut r = request.clone();
        set(&mut r, "locale", s(locale));
        parcours::check(&r)
    };
    assert_eq!(
        unworded(&in_locale("fr")),
        unworded(&in_locale("en")),
        "the answer depends on the locale"
    );
    let Some(portfolio) = &report.portfolio else {
        return;
    };

    // Each exit in the class the exit check gives it alone.
    let tally = one_by_one(request);
    let c = &portfolio.by_category;
    assert_eq!(
        [
            c.positive,
            c.administrative,
            c.other,
            c.incomplete,
            portfolio.outside_period
        ],
        tally,
        "the portfolio and the exit check classify differently"
    );

    // The exits in reverse order: the same figures.
    let Some(Json::Array(exits)) = request.get("exits") else {
        return;
    };
    if exits.len() > 500 {
        return;
    }
    let mut reversed = request.clone();
    let mut items = exits.clone();
    items.reverse();
    set(&mut reversed, "exits", Json::Array(items));
    let other = check_any(&reversed);
    let other = other.portfolio.as_ref().expect("a portfolio, as before");
    assert_eq!(
        figures(portfolio),
        figures(other),
        "the exits' order changed the figures"
    );
}

/// Counts and rates, by-kind counts sorted.
fn figures(p: &Portfolio) -> String {
    let mut kinds: Vec<(&str, u32)> = p.by_kind.iter().map(|k| (k.kind, k.count)).collect();
    kinds.sort_unstable();
    let rates: Vec<_> = p
        .rates
        .iter()
        .map(|r| (r.measure, r.count, r.of, r.rate, r.met))
        .collect();
    format!(
        "{:?} {} {kinds:?} {rates:?}",
        p.by_category, p.outside_period
    )
}

/// [positive, administrative, other, incomplete, outside the period], each exit of
/// the request classified alone by `check: "exit"`, as the portfolio reads them.
fn one_by_one(request: &Json) -> [u32; 5] {
    let mut tally = [0u32; 5];
    let date = |v: Option<&Json>| match v {
        Some(Json::String(t)) => parse_iso_date(t.trim()).ok(),
        _ => None,
    };
    let Some(reference) = date(request.get("reference_date")) else {
        return tally;
    };
    let (from, to) = (date(request.get("from")), date(request.get("to")));
    let Some(Json::Array(exits)) = request.get("exits") else {
        return tally;
    };
    for e in exits.iter().take(500) {
        if !matches!(e, Json::Object(_)) {
            continue;
        }
        let Some(exit_date) = date(e.get("exit_date")) else {
            tally[3] += 1;
            continue;
        };
        if exit_date > reference {
            continue;
        }
        if from.is_some_and(|f| exit_date < f) || to.is_some_and(|t| exit_date > t) {
            tally[4] += 1;
            continue;
        }
        let mut alone = vec![("check".to_string(), s("exit"))];
        for key in ["programme", "locale"] {
            if let Some(v) = request.get(key) {
                alone.push((key.to_string(), v.clone()));
            }
        }
        for key in ["exit_date", "entry_date", "exit"] {
            if let Some(v) = e.get(key) {
                alone.push((key.to_string(), v.clone()));
            }
        }
        let Some(d) = parcours::check(&Json::Object(alone)).exit else {
            continue;
        };
        tally[match d.category {
            Category::Positive => 0,
            Category::Administrative => 1,
            Category::Other => 2,
            Category::Incomplete => 3,
        }] += 1;
    }
    tally
}

// ---------------------------------------------------------------------------------
// Invariants

/// Checks a request and holds its report to every invariant; returns it.
fn check_any(request: &Json) -> Report {
    let report = parcours::check(request);
    check_common(&report);
    if let Some(p) = &report.portfolio {
        check_portfolio(&report, p, request);
    } else if request.get("check").and_then(Json::as_str) == Some("portfolio") {
        assert!(!report.valid, "no portfolio, yet valid");
        assert!(
            report
                .findings
                .iter()
                .any(|f| f.severity == Severity::Error),
            "no portfolio and no error to say why"
        );
    }
    report
}

fn check_portfolio(report: &Report, p: &Portfolio, request: &Json) {
    let errors = report
        .findings
        .iter()
        .any(|f| f.severity == Severity::Error);
    assert_eq!(
        report.valid,
        !errors && report.missing.is_empty(),
        "valid must mean no error and nothing missing"
    );
    let given = match request.get("exits") {
        Some(Json::Array(items)) => items.len().min(500) as u32,
        _ => 0,
    };
    assert_eq!(p.exits_given, given, "exits given");
    let c = &p.by_category;
    let classified = c.positive + c.administrative + c.other;
    assert!(
        classified + c.incomplete + p.outside_period <= p.exits_given,
        "more exits counted than given"
    );
    let by_kind: u32 = p.by_kind.iter().map(|k| k.count).sum();
    assert_eq!(by_kind, c.positive, "positive exits by kind");
    for (i, k) in p.by_kind.iter().enumerate() {
        assert!(k.count > 0);
        assert!(
            !p.by_kind.iter().skip(i + 1).any(|o| o.kind == k.kind),
            "{} twice",
            k.kind
        );
    }
    for r in &p.rates {
        let at = format!("rate of {}", r.measure);
        let count = if r.measure == "positive" {
            c.positive
        } else {
            p.by_kind
                .iter()
                .find(|k| k.kind == r.measure)
                .map_or(0, |k| k.count)
        };
        assert_eq!(r.count, count, "{at}: count");
        let of = match r.share_of {
            "exits" => classified,
            "positive_exits" => c.positive,
            other => panic!("{at}: share of {other}"),
        };
        assert_eq!(r.of, of, "{at}: base");
        assert!(r.count <= r.of, "{at}: {} of {}", r.count, r.of);
        assert!((0.0..=1.0).contains(&r.target), "{at}: target {}", r.target);
        match r.rate {
            None => {
                assert_eq!(r.of, 0, "{at}: no rate, yet a base");
                assert!(!r.met, "{at}: met without a rate");
            }
            Some(rate) => {
                let expected = (f64::from(r.count) / f64::from(r.of) * 1000.0).round() / 1000.0;
                assert!(
                    (rate - expected).abs() < 1e-9,
                    "{at}: {rate}, not {expected}"
                );
                assert!((0.0..=1.0).contains(&rate));
                assert_eq!(r.met, rate >= r.target, "{at}: met");
            }
        }
        assert!(
            !r.message.is_empty() && !r.message.contains('{'),
            "{at}: {:?}",
            r.message
        );
    }
    let referents = match request.get("referents") {
        Some(Json::Array(items)) => items.iter().take(500).collect::<Vec<_>>(),
        _ => Vec::new(),
    };
    assert!(p.referents.len() <= referents.len());
    // A référent given as an object is answered, or a finding says what is wrong.
    let mut kept = 0;
    for (i, r) in referents.iter().enumerate() {
        let at = format!("referents[{i}]");
        let reported = report
            .findings
            .iter()
            .any(|f| f.path == at || f.path.starts_with(&format!("{at}.")));
        if matches!(r, Json::Object(_)) && !reported {
            kept += 1;
        }
    }
    assert!(
        p.referents.len() >= kept,
        "{kept} référents without a finding, {} answered",
        p.referents.len()
    );
    for r in &p.referents {
        let at = format!("référent {}", r.id);
        assert!(
            r.id.chars().count() <= 64 && !r.id.chars().any(char::is_control),
            "{at}"
        );
        assert!(r.fte > 0.0 && r.fte <= 1.0, "{at}: fte {}", r.fte);
        let most = referents
            .iter()
            .filter_map(|x| match x.get("participants") {
                Some(Json::Array(items)) => Some(items.len().min(500)),
                _ => None,
            })
            .max()
            .unwrap_or(0);
        assert!(r.active as usize <= most, "{at}: {} active", r.active);
        match (p.capacity_per_full_time, r.target) {
            (Some(capacity), Some(target)) => {
                let expected = (f64::from(capacity) * r.fte * 10.0).round() / 10.0;
                assert!((target - expected).abs() < 1e-9, "{at}: target {target}");
                match r.load {
                    Some(load) => {
                        let expected = (f64::from(r.active) / target * 100.0).round() / 100.0;
                        assert!((load - expected).abs() < 1e-9, "{at}: load {load}");
                        assert_eq!(r.met, load >= 1.0, "{at}: met");
                    }
                    None => assert!(target <= 0.0 && !r.met, "{at}: no load"),
                }
            }
            (None, None) => {
                assert!(r.load.is_none() && !r.met, "{at}: a load without a target")
            }
            (capacity, target) => panic!("{at}: capacity {capacity:?}, target {target:?}"),
        }
        assert!(
            !r.message.is_empty() && !r.message.contains('{'),
            "{at}: {:?}",
            r.message
        );
    }
    assert!(!p.summary.is_empty() && !p.summary.contains('{'));
}

// ---------------------------------------------------------------------------------
// Shared with exit.rs (copies)

/// What every report keeps, whatever the check.
fn check_common(report: &Report) {
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
    let own: serde_json::Value = serde_json::from_str(&parcours::output::to_json(report))
        .expect("the module's own serialiser writes JSON");
    assert!(
        same(&value, &own),
        "parcours::output and serde_json disagree:\n{own}\n{value}"
    );
}

/// Equal JSON, numbers within a millionth (the module writes six decimals at most).
fn same(a: &serde_json::Value, b: &serde_json::Value) -> bool {
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

/// A report without its words (messages and summaries), for comparing locales.
fn unworded(report: &Report) -> serde_json::Value {
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

// ---------------------------------------------------------------------------------
// Json trees

fn s(text: &str) -> Json {
    Json::String(text.to_string())
}

fn obj(entries: Vec<(&str, Json)>) -> Json {
    Json::Object(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

/// Sets `key` (the last of repeated keys, as `get` reads it), or adds it.
fn set(o: &mut Json, key: &str, value: Json) {
    if let Json::Object(entries) = o {
        match entries.iter_mut().rev().find(|(k, _)| k == key) {
            Some((_, v)) => *v = value,
            None => entries.push((key.to_string(), value)),
        }
    }
}

/// Whether every number of the tree is finite and nothing is unreadable, so JSON text
/// carries it unchanged.
fn finite(v: &Json) -> bool {
    match v {
        Json::Number(n) => n.is_finite(),
        Json::Truncated => false,
        Json::Array(items) => items.iter().all(finite),
        Json::Object(entries) => entries.iter().all(|(_, v)| finite(v)),
        _ => true,
    }
}

/// The tree as `JSON.stringify` would write it (numbers not finite and unreadable
/// values become null).
fn to_value(v: &Json) -> serde_json::Value {
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

// ---------------------------------------------------------------------------------
// Generators shared with exit.rs (copies), exit proposals included

/// Dates the rules turn on: the programmes' periods, month ends, 29 February.
const ANCHORS: &[(i32, u32, u32)] = &[
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
const ODD_DATES: &[&str] = &[
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

fn iso(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Any value at all, as a page may put anywhere.
fn odd(u: &mut Unstructured<'_>) -> Result<Json> {
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

fn anchor(u: &mut Unstructured<'_>) -> Result<NaiveDate> {
    let (y, m, d) = *u.choose(ANCHORS)?;
    Ok(NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default())
}

/// A date around `base`: days or months away, a month's last day, a 29 February.
fn near(u: &mut Unstructured<'_>, base: NaiveDate) -> Result<NaiveDate> {
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

fn shift(d: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        d.checked_add_days(Days::new(days as u64)).unwrap_or(d)
    } else {
        d.checked_sub_days(Days::new(days.unsigned_abs()))
            .unwrap_or(d)
    }
}

fn months_from(d: NaiveDate, months: i32) -> NaiveDate {
    if months >= 0 {
        d.checked_add_months(Months::new(months as u32))
    } else {
        d.checked_sub_months(Months::new(months.unsigned_abs()))
    }
    .unwrap_or(d)
}

/// A date as a request gives it: mostly well written, sometimes odd.
fn date_value(u: &mut Unstructured<'_>, base: NaiveDate) -> Result<Json> {
    Ok(match u.int_in_range(0..=19u8)? {
        0 => odd(u)?,
        1 => s(u.choose(ODD_DATES)?),
        2 => s(&format!(" {} ", iso(near(u, base)?))),
        _ => s(&iso(near(u, base)?)),
    })
}

fn shuffle(u: &mut Unstructured<'_>, list: &mut [Json]) -> Result<()> {
    if list.len() > 1 && u.ratio(1, 2)? {
        for i in (1..list.len()).rev() {
            let j = u.int_in_range(0..=i)?;
            list.swap(i, j);
        }
    }
    Ok(())
}

fn choice(u: &mut Unstructured<'_>, allowed: &[&str]) -> Result<Json> {
    Ok(match u.int_in_range(0..=11u8)? {
        0 => odd(u)?,
        1 => s(u.choose(&["", "CDI", " cdd ", "unknown", "temporary-work", "other"])?),
        _ => s(u.choose(allowed)?),
    })
}

fn flag(u: &mut Unstructured<'_>) -> Result<Json> {
    Ok(match u.int_in_range(0..=9u8)? {
        0 => odd(u)?,
        1 => s(u.choose(&["oui", "non", "yes", "no", "true", "false", "peut-être"])?),
        _ => Json::Bool(u.arbitrary()?),
    })
}

/// Hours, in hundredths, near the threshold or anywhere.
fn hours_value(u: &mut Unstructured<'_>, hundredths: i64) -> Result<Json> {
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
fn mission(
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
fn missions(u: &mut Unstructured<'_>, exit: NaiveDate) -> Result<Json> {
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
fn proofs(u: &mut Unstructured<'_>, exit: NaiveDate) -> Result<Json> {
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
fn proposal(u: &mut Unstructured<'_>, exit: NaiveDate) -> Result<Json> {
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

// ---------------------------------------------------------------------------------
// Generators

const PROGRAMMES: &[&str] = &[
    "plie-flandre-lys",
    "plie-flandre-lys",
    "plie-flandre-lys",
    "plie-boulonnais",
    "plie-boulonnais",
    "ml-val-de-marque",
    "ml-val-de-marque",
    "plie-cotentin",
    "no-such-programme",
    "",
];

/// One exit of the portfolio, pronounced around `reference`.
fn exit_item(u: &mut Unstructured<'_>, reference: NaiveDate) -> Result<Json> {
    let exit = near(u, reference)?;
    let mut fields: Vec<(&str, Json)> = Vec::new();
    if !u.ratio(1, 20)? {
        let d = if u.ratio(1, 10)? {
            date_value(u, exit)?
        } else {
            s(&iso(exit))
        };
        fields.push(("exit_date", d));
    }
    if u.ratio(2, 3)? {
        let entry = near(u, months_from(exit, -12))?;
        fields.push(("entry_date", s(&iso(entry))));
    }
    let proposal = if u.ratio(1, 25)? {
        odd(u)?
    } else {
        proposal(u, exit)?
    };
    fields.push(("exit", proposal));
    Ok(obj(fields))
}

fn referent(u: &mut Unstructured<'_>, reference: NaiveDate, n: usize, huge: bool) -> Result<Json> {
    let mut fields: Vec<(&str, Json)> = Vec::new();
    let id = match u.int_in_range(0..=7u8)? {
        0 => odd(u)?,
        1 => Json::Number(f64::from(u.int_in_range(-5i32..=99)?)),
        2 => s(&"R".repeat(100)),
        3 => s("R\u{7}1\n"),
        _ => s(&format!("R{n}")),
    };
    if u.ratio(7, 8)? {
        fields.push(("id", id));
    }
    if u.ratio(4, 5)? {
        let fte = match u.int_in_range(0..=9u8)? {
            0 => Json::Number(*u.choose(&[
                0.0,
                0.001,
                0.004,
                0.005,
                1.001,
                1.01,
                -0.5,
                f64::NAN,
                f64::INFINITY,
            ])?),
            1 => s(u.choose(&["0,5", "0.8", "1", "", "x", "1e0"])?),
            2 => odd(u)?,
            _ => Json::Number(f64::from(u.int_in_range(1u8..=100)?) / 100.0),
        };
        fields.push(("fte", fte));
    }
    let mut participants = Vec::new();
    for _ in 0..u.int_in_range(0..=8usize)? {
        let entry = near(u, reference)?;
        let mut p: Vec<(&str, Json)> = Vec::new();
        if u.ratio(9, 10)? {
            p.push(("entry_date", date_value_or(u, entry)?));
        }
        match u.int_in_range(0..=4u8)? {
            0 => p.push(("exit_date", s(&iso(shift(entry, -1))))),
            1 => p.push(("exit_date", s(&iso(reference)))),
            2 => {
                let exit = near(u, reference)?;
                p.push(("exit_date", date_value_or(u, exit)?));
            }
            _ => {}
        }
        participants.push(if u.ratio(1, 30)? { odd(u)? } else { obj(p) });
    }
    if huge && u.ratio(1, 2)? {
        let copy = participants
            .first()
            .cloned()
            .unwrap_or_else(|| obj(vec![("entry_date", s(&iso(reference)))]));
        participants.resize(*u.choose(&[500usize, 501, 800])?, copy);
    }
    if u.ratio(19, 20)? {
        fields.push(("participants", Json::Array(participants)));
    } else {
        fields.push(("participants", odd(u)?));
    }
    Ok(obj(fields))
}

/// Cuts the list `exit.NAME` of an exit item to `max` items.
fn cap(item: &mut Json, name: &str, max: usize) {
    let Json::Object(entries) = item else { return };
    for (key, proposal) in entries.iter_mut() {
        if key != "exit" {
            continue;
        }
        if let Json::Object(fields) = proposal {
            for (k, v) in fields.iter_mut() {
                if let (true, Json::Array(items)) = (k == name, v) {
                    items.truncate(max);
                }
            }
        }
    }
}

fn date_value_or(u: &mut Unstructured<'_>, d: NaiveDate) -> Result<Json> {
    if u.ratio(1, 10)? {
        date_value(u, d)
    } else {
        Ok(s(&iso(d)))
    }
}

/// A whole portfolio request.
fn request(u: &mut Unstructured<'_>) -> Result<Json> {
    let around = anchor(u)?;
    let reference = near(u, around)?;
    let mut fields: Vec<(&str, Json)> = vec![("check", s("portfolio"))];
    if !u.ratio(1, 30)? {
        let p = if u.ratio(1, 30)? {
            odd(u)?
        } else {
            s(u.choose(PROGRAMMES)?)
        };
        fields.push(("programme", p));
    }
    if !u.ratio(1, 30)? {
        fields.push(("reference_date", date_value_or(u, reference)?));
    }
    if u.ratio(2, 3)? {
        let from = months_from(reference, -u.int_in_range(0i32..=12)?);
        fields.push(("from", date_value_or(u, from)?));
    }
    if u.ratio(2, 3)? {
        let to = shift(reference, -u.int_in_range(-2i64..=60)?);
        fields.push(("to", date_value_or(u, to)?));
    }
    if u.ratio(1, 2)? {
        let l = match u.int_in_range(0..=9u8)? {
            0 => odd(u)?,
            1 => s("de"),
            2..=5 => s("en"),
            _ => s("fr"),
        };
        fields.push(("locale", l));
    }
    // At most one list past the cap per request (exits, référents, or inside one of
    // them), so that an input runs in milliseconds.
    let huge = u.int_in_range(0..=49u8)?;
    let mut exits = Vec::new();
    for _ in 0..u.int_in_range(0..=6usize)? {
        exits.push(if u.ratio(1, 30)? {
            odd(u)?
        } else {
            let mut e = exit_item(u, reference)?;
            if huge != 3 {
                for list in ["missions", "proofs"] {
                    cap(&mut e, list, 24);
                }
            }
            e
        });
    }
    // The same exit twice, and now and then past the cap.
    if !exits.is_empty() && u.ratio(1, 5)? {
        let i = u.int_in_range(0..=exits.len() - 1)?;
        let copy = exits[i].clone();
        exits.push(copy);
    }
    if huge == 0 {
        let seed = exits.clone();
        let n = *u.choose(&[499usize, 500, 501, 600])?;
        while exits.len() < n {
            let e = seed
                .get(exits.len() % seed.len().max(1))
                .cloned()
                .unwrap_or(Json::Null);
            exits.push(e);
        }
    }
    shuffle(u, &mut exits)?;
    fields.push((
        "exits",
        if u.ratio(1, 30)? {
            odd(u)?
        } else {
            Json::Array(exits)
        },
    ));
    let mut referents = Vec::new();
    for n in 0..u.int_in_range(0..=3usize)? {
        referents.push(if u.ratio(1, 30)? {
            odd(u)?
        } else {
            referent(u, reference, n, huge == 2)?
        });
    }
    if huge == 1 {
        let copy = referents.first().cloned().unwrap_or(Json::Null);
        referents.resize(*u.choose(&[500usize, 501])?, copy);
    }
    if u.ratio(4, 5)? {
        fields.push(("referents", Json::Array(referents)));
    }
    Ok(obj(fields))
}
