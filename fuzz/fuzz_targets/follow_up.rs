//! `parcours::check` on follow-up requests (`check: "follow_up"`, FU-*), two ways:
//!
//! - **text**: an input that starts with `{` or `[` is JSON text, read as the
//!   command-line program reads it; it is checked as it is, as a follow-up request
//!   (its `check` replaced), and put in each slot of a good request (`events`, an
//!   event, its date, its type…);
//! - **structured**: any other input drives a generator of plausible timelines: every
//!   event type, dates around the entry, the reference date and month ends (29
//!   February included), absences on a Sunday and reminders on the Monday after, steps
//!   ending before they start, out-of-order and same-day events, several exits,
//!   unknown types and modes, lists past the 500-item cap.
//!
//! Every report: findings well formed, `valid` false whenever a finding is an error,
//! the same text through serde_json and through the module's own serialiser
//! (`parcours::output`); the counts (`late`, `done_late`, `due`) equal the obligations
//! of each status and the overdue and done-late findings; each obligation's status
//! agrees with its dates (`late`: its due date passed before the reference date or the
//! exit, `done`: met between its first and last day, `done_late`: met after its due
//! date, `due`: not passed); obligations in due-date order; the timeline in date order,
//! an event counted only between the entry and the reference date or the exit.
//! Structured requests also: the same answer twice and in both locales, and the same
//! obligations with the events in reverse order.
//!
//! The generators and invariants are in this file (exit.rs and portfolio.rs have their
//! own copies of the few they share): fuzz/src/lib.rs is shared with the other targets.
#![no_main]

use arbitrary::{Result, Unstructured};
use chrono::{Datelike, Days, Months, NaiveDate};
use libfuzzer_sys::fuzz_target;
use parcours::calendar::parse_iso_date;
use parcours::follow_up::{FollowUp, ObligationStatus, EVENT_TYPES, OBLIGATIONS};
use parcours::programme::file::STEP_KINDS;
use parcours::{Code, Json, Report, Severity};
use parcours_fuzz::{check_finding, parse, through_text};

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
            set(&mut forced, "check", s("follow_up"));
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
    &["events"],
    &["events", "0"],
    &["events", "1", "date"],
    &["events", "2", "type"],
    &["events", "3", "end"],
    &["events", "4", "theoretical_start"],
    &["reference_date"],
    &["entry_date"],
    &["programme"],
];

/// A timeline with every kind of event.
fn good() -> Json {
    let event = |fields: Vec<(&str, Json)>| obj(fields);
    obj(vec![
        ("check", s("follow_up")),
        ("programme", s("plie-flandre-lys")),
        ("reference_date", s("2018-06-30")),
        ("entry_date", s("2018-01-15")),
        (
            "events",
            Json::Array(vec![
                event(vec![
                    ("type", s("interview")),
                    ("date", s("2018-02-10")),
                    ("mode", s("physical")),
                ]),
                event(vec![
                    ("type", s("absence")),
                    ("date", s("2018-03-07")),
                    ("justified", Json::Bool(false)),
                ]),
                event(vec![
                    ("type", s("reminder")),
                    ("channel", s("letter")),
                    ("date", s("2018-03-08")),
                ]),
                event(vec![
                    ("type", s("step")),
                    ("kind", s("workshop")),
                    ("start", s("2018-03-01")),
                    ("end", s("2018-03-10")),
                ]),
                event(vec![
                    ("type", s("employment_start")),
                    ("date", s("2018-04-03")),
                    ("placed_by_cre", Json::Bool(true)),
                    ("theoretical_start", s("2018-04-02")),
                    ("trial_period_end", s("2018-05-30")),
                ]),
                event(vec![("type", s("cre_feedback")), ("date", s("2018-04-10"))]),
                event(vec![
                    ("type", s("employer_call")),
                    ("date", s("2018-04-05")),
                ]),
                event(vec![
                    ("type", s("employer_visit")),
                    ("date", s("2018-05-15")),
                ]),
                event(vec![("type", s("contact")), ("date", s("2018-05-20"))]),
                event(vec![("type", s("exit")), ("date", s("2018-06-29"))]),
            ]),
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

    // The events in reverse order: the same obligations (their `event` index aside,
    // which names a position in the list).
    let Some(follow_up) = &report.follow_up else {
        return;
    };
    let Some(Json::Array(events)) = request.get("events") else {
        return;
    };
    if events.len() > 500 {
        return;
    }
    let mut reversed = request.clone();
    let mut items = events.clone();
    items.reverse();
    set(&mut reversed, "events", Json::Array(items));
    let other = check_any(&reversed);
    let other = other.follow_up.as_ref().expect("a follow-up, as before");
    assert_eq!(
        obligations(follow_up),
        obligations(other),
        "the events' order changed the obligations"
    );
}

/// The obligations without the positions of the events they are about, sorted.
fn obligations(f: &FollowUp) -> Vec<String> {
    let mut out: Vec<String> = f
        .obligations
        .iter()
        .map(|o| {
            let mut v = serde_json::to_value(o).expect("serialises");
            if let Some(map) = v.as_object_mut() {
                map.remove("event");
            }
            v.to_string()
        })
        .collect();
    out.sort();
    out
}

// ---------------------------------------------------------------------------------
// Invariants

/// Checks a request and holds its report to every invariant; returns it.
fn check_any(request: &Json) -> Report {
    let report = parcours::check(request);
    check_common(&report);
    if let Some(f) = &report.follow_up {
        check_follow_up(&report, f, request);
    } else if request.get("check").and_then(Json::as_str) == Some("follow_up") {
        assert!(!report.valid, "no follow-up, yet valid");
        assert!(
            report
                .findings
                .iter()
                .any(|f| f.severity == Severity::Error),
            "no follow-up and no error to say why"
        );
    }
    report
}

fn check_follow_up(report: &Report, f: &FollowUp, request: &Json) {
    let errors = report
        .findings
        .iter()
        .any(|f| f.severity == Severity::Error);
    assert_eq!(
        report.valid,
        !errors && report.missing.is_empty(),
        "valid must mean no error and nothing missing"
    );
    let count = |status| f.obligations.iter().filter(|o| o.status == status).count() as u32;
    assert_eq!(f.late, count(ObligationStatus::Late), "late count");
    assert_eq!(
        f.done_late,
        count(ObligationStatus::DoneLate),
        "done_late count"
    );
    assert_eq!(f.due, count(ObligationStatus::Due), "due count");
    let findings = |code| report.findings.iter().filter(|f| f.code == code).count() as u32;
    assert_eq!(
        f.late,
        findings(Code::ObligationOverdue),
        "overdue findings"
    );
    assert_eq!(
        f.done_late,
        findings(Code::ObligationDoneLate),
        "done-late findings"
    );
    assert!(!f.summary.is_empty() && !f.summary.contains('{'));

    let reference = date_of(&f.reference_date).expect("a reference date");
    let entry = date_of(&f.entry_date).expect("an entry date");
    assert!(
        entry <= reference,
        "obligations from an entry after the reference date"
    );
    let exit = f
        .exit_date
        .as_deref()
        .map(|d| date_of(d).expect("an exit date"));
    if let Some(x) = exit {
        assert!(
            entry <= x && x <= reference,
            "an exit {x} outside {entry}..{reference}"
        );
    }
    let until = exit.map_or(reference, |x| x.min(reference));
    let given = match request.get("events") {
        Some(Json::Array(items)) => items.len().min(500),
        _ => 0,
    };
    let rules: Vec<&str> = parcours::programme::find(f.programme.id, Some(reference))
        .and_then(|p| p.follow_up.as_ref())
        .map(|r| r.rules.iter().map(|r| r.id).collect())
        .unwrap_or_default();

    let mut previous: Option<(bool, Option<NaiveDate>, Option<u32>)> = None;
    for o in &f.obligations {
        let at = format!("{} {} {:?}", o.rule, o.obligation, o.status);
        assert!(OBLIGATIONS.contains(&o.obligation), "{at}");
        assert!(rules.contains(&o.rule), "{at}: not a rule of the programme");
        assert!(
            !o.message.is_empty() && !o.message.contains('{'),
            "{at}: {:?}",
            o.message
        );
        if let Some(i) = o.event {
            assert!((i as usize) < given, "{at}: event {i} of {given}");
        }
        let due = o.due.as_deref().map(|d| date_of(d).expect("a due date"));
        let from = o.from.as_deref().map(|d| date_of(d).expect("a first day"));
        let done = o
            .done_on
            .as_deref()
            .map(|d| date_of(d).expect("a date met"));
        if let Some(d) = done {
            assert!(
                entry <= d && d <= until,
                "{at}: met on {d}, outside {entry}..{until}"
            );
        }
        match o.status {
            ObligationStatus::Late => {
                assert!(done.is_none(), "{at}: late, yet met");
                let due = due.expect("a late obligation has a due date");
                // Passed before the reference date (or the exit). Two cases by design
                // end at the exit instead: the steps still missing on exit (due the
                // exit date) and the in-job follow-up an exit cut short (its own due
                // date, after the exit; the `exit` parameter says so).
                let at_exit = exit.is_some()
                    && ((o.obligation == "steps" && due == until)
                        || (o.obligation == "in_job_follow_up" && o.params.get("exit").is_some()));
                assert!(
                    due < until || at_exit,
                    "{at}: late, yet due {due} (until {until})"
                );
            }
            ObligationStatus::Due => {
                assert!(done.is_none(), "{at}: due, yet met");
                if let Some(due) = due {
                    assert!(due >= until, "{at}: due on {due}, before {until}");
                }
            }
            ObligationStatus::Done => {
                let d = done.expect("done on a date");
                if let Some(due) = due {
                    assert!(d <= due, "{at}: met on {d} after its due date {due}");
                }
                if let Some(from) = from {
                    assert!(from <= d, "{at}: met on {d} before its first day {from}");
                }
            }
            ObligationStatus::DoneLate => {
                let d = done.expect("done late on a date");
                let due = due.expect("a due date");
                assert!(d > due, "{at}: done late on {d}, due {due}");
            }
        }
        // In due-date order, undated last, then by event.
        let key = (due.is_none(), due, o.event);
        if let Some(p) = previous {
            assert!(p <= key, "obligations out of order");
        }
        previous = Some(key);
    }

    let mut last: Option<(NaiveDate, u32)> = None;
    for e in &f.timeline {
        assert!((e.index as usize) < given, "timeline index {}", e.index);
        assert!(EVENT_TYPES.contains(&e.kind));
        let d = date_of(&e.date).expect("an event date");
        if let Some(end) = e.end.as_deref() {
            assert!(
                date_of(end).expect("an end") >= d,
                "a step ends before it starts"
            );
        }
        if e.counted {
            assert!(entry <= d && d <= until, "event {} on {d} counted", e.index);
        }
        if let Some(l) = last {
            assert!(l < (d, e.index), "timeline out of order");
        }
        last = Some((d, e.index));
    }
    if f.timeline.iter().any(|e| e.kind == "exit" && e.counted) {
        assert!(exit.is_some(), "an exit counted, yet no exit date");
    }
}

fn date_of(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
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
// Generators shared with exit.rs (copies)

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

// ---------------------------------------------------------------------------------
// Generators

const PROGRAMMES: &[&str] = &[
    "plie-flandre-lys",
    "plie-flandre-lys",
    "plie-flandre-lys",
    "plie-flandre-lys",
    "plie-boulonnais",
    "plie-boulonnais",
    "ml-val-de-marque",
    "ml-val-de-marque",
    "plie-cotentin",
    "normandie-stare",
    "no-such-programme",
    "",
];

/// One event of `kind` around `base`, between `entry` and `reference` mostly.
fn event(u: &mut Unstructured<'_>, kind: &str, base: NaiveDate, exact: bool) -> Result<Json> {
    let date = if exact { base } else { near(u, base)? };
    let mut fields: Vec<(&str, Json)> = vec![("type", s(kind))];
    match kind {
        "step" => {
            fields.push(("kind", choice(u, STEP_KINDS)?));
            fields.push(("start", s(&iso(date))));
            match u.int_in_range(0..=5u8)? {
                0 => {}
                1 => fields.push(("end", s(&iso(shift(date, -1))))),
                2 => fields.push(("end", date_value(u, date)?)),
                _ => fields.push(("end", s(&iso(shift(date, u.int_in_range(0i64..=120)?))))),
            }
        }
        _ => {
            // An absence on a Sunday, a reminder on the Monday or Sunday after.
            let date = match u.int_in_range(0..=5u8)? {
                0 => {
                    let back = i64::from(date.weekday().num_days_from_monday());
                    shift(date, 6 - back + 7 * i64::from(u.int_in_range(0..=1u8)?))
                }
                1 => {
                    let back = i64::from(date.weekday().num_days_from_monday());
                    shift(date, 7 - back)
                }
                _ => date,
            };
            fields.push(("date", s(&iso(date))));
            match kind {
                "interview" if u.ratio(3, 4)? => fields.push((
                    "mode",
                    choice(u, &["physical", "tripartite", "phone", "video"])?,
                )),
                "absence" if u.ratio(7, 8)? => fields.push(("justified", flag(u)?)),
                "reminder" if u.ratio(7, 8)? => {
                    fields.push(("channel", choice(u, &["letter", "phone"])?))
                }
                "employment_start" => {
                    if u.ratio(3, 4)? {
                        fields.push(("placed_by_cre", flag(u)?));
                    }
                    if u.ratio(3, 4)? {
                        let t = shift(date, u.int_in_range(-40i64..=20)?);
                        fields.push(("theoretical_start", s(&iso(t))));
                    }
                    if u.ratio(3, 4)? {
                        let e = shift(date, u.int_in_range(-5i64..=120)?);
                        fields.push(("trial_period_end", date_value_or(u, e)?));
                    }
                }
                _ => {}
            }
        }
    }
    match u.int_in_range(0..=30u8)? {
        0 => {
            fields.remove(u.int_in_range(0..=fields.len() - 1)?);
        }
        1 => {
            let i = u.int_in_range(0..=fields.len() - 1)?;
            if let Some(f) = fields.get_mut(i) {
                f.1 = odd(u)?;
            }
        }
        2 => fields.push(("type", s(u.choose(EVENT_TYPES)?))),
        3 => fields.push(("note", s("Zqx"))),
        _ => {}
    }
    Ok(obj(fields))
}

fn date_value_or(u: &mut Unstructured<'_>, d: NaiveDate) -> Result<Json> {
    if u.ratio(1, 10)? {
        date_value(u, d)
    } else {
        Ok(s(&iso(d)))
    }
}

/// A timeline between `entry` and `reference`, with a few events outside.
fn events(u: &mut Unstructured<'_>, entry: NaiveDate, reference: NaiveDate) -> Result<Json> {
    let mut list = Vec::new();
    let span = (reference - entry).num_days().max(1);
    for _ in 0..u.int_in_range(0..=14usize)? {
        // Now and then the same day as an event already there.
        let same_day = match list.len() {
            0 => None,
            n if u.ratio(1, 5)? => {
                let e: &Json = &list[u.int_in_range(0..=n - 1)?];
                e.get("date")
                    .or_else(|| e.get("start"))
                    .and_then(Json::as_str)
                    .and_then(|d| parse_iso_date(d).ok())
            }
            _ => None,
        };
        let base = match (same_day, u.int_in_range(0..=9u8)?) {
            (Some(d), _) => d,
            (None, 0) => entry,
            (None, 1) => reference,
            (None, 2) => shift(entry, -u.int_in_range(1i64..=40)?),
            (None, 3) => shift(reference, u.int_in_range(1i64..=40)?),
            (None, _) => shift(entry, u.int_in_range(0..=span)?),
        };
        let kind = match u.int_in_range(0..=20u8)? {
            0 => u.choose(&["", "Interview", "meeting", "exit "])?,
            _ => u.choose(EVENT_TYPES)?,
        };
        let e = if u.ratio(1, 40)? {
            odd(u)?
        } else {
            event(u, kind, base, same_day.is_some())?
        };
        list.push(e);
    }
    // Now and then two hirings by the CRE on the same day, and the CRE's events
    // around them.
    if u.ratio(1, 10)? {
        let day = shift(entry, u.int_in_range(0..=span)?);
        for _ in 0..2 {
            let t = shift(day, u.int_in_range(-20i64..=5)?);
            let end = shift(t, u.int_in_range(0i64..=90)?);
            list.push(obj(vec![
                ("type", s("employment_start")),
                ("date", s(&iso(day))),
                ("placed_by_cre", Json::Bool(true)),
                ("theoretical_start", s(&iso(t))),
                ("trial_period_end", s(&iso(end))),
            ]));
        }
        for kind in ["employer_call", "cre_feedback", "employer_visit"] {
            if u.ratio(2, 3)? {
                let d = shift(day, u.int_in_range(-10i64..=40)?);
                list.push(obj(vec![("type", s(kind)), ("date", s(&iso(d)))]));
            }
        }
    }
    if u.ratio(1, 3)? {
        shuffle(u, &mut list)?;
    } else {
        list.sort_by_key(|e| {
            e.get("date")
                .or_else(|| e.get("start"))
                .and_then(Json::as_str)
                .unwrap_or("")
                .to_string()
        });
    }
    if !list.is_empty() && u.ratio(1, 6)? {
        let i = u.int_in_range(0..=list.len() - 1)?;
        let copy = list[i].clone();
        let j = u.int_in_range(0..=list.len())?;
        list.insert(j, copy);
    }
    if u.ratio(1, 40)? {
        let n = *u.choose(&[499usize, 500, 501, 700])?;
        let seed = list.clone();
        let mut day = 0i64;
        while list.len() < n {
            let e = match seed.get(list.len() % seed.len().max(1)) {
                Some(e) if u.ratio(1, 2)? => e.clone(),
                _ => {
                    day += 1;
                    let kind =
                        *u.choose(&["interview", "contact", "employment_start", "absence"])?;
                    obj(vec![
                        ("type", s(kind)),
                        ("date", s(&iso(shift(entry, day % (span + 1))))),
                        ("placed_by_cre", Json::Bool(true)),
                        ("theoretical_start", s(&iso(shift(entry, day % (span + 1))))),
                        ("justified", Json::Bool(false)),
                    ])
                }
            };
            list.push(e);
        }
    }
    Ok(Json::Array(list))
}

/// A whole follow-up request.
fn request(u: &mut Unstructured<'_>) -> Result<Json> {
    let around = anchor(u)?;
    let entry = near(u, around)?;
    let reference = match u.int_in_range(0..=9u8)? {
        0 => shift(entry, -1),
        1 => entry,
        2 => months_from(entry, u.int_in_range(1i32..=8)?),
        _ => shift(entry, u.int_in_range(1i64..=420)?),
    };
    let mut fields: Vec<(&str, Json)> = vec![("check", s("follow_up"))];
    if !u.ratio(1, 30)? {
        let p = if u.ratio(1, 30)? {
            odd(u)?
        } else {
            s(u.choose(PROGRAMMES)?)
        };
        fields.push(("programme", p));
    }
    for (name, d) in [("reference_date", reference), ("entry_date", entry)] {
        if !u.ratio(1, 30)? {
            fields.push((name, date_value_or(u, d)?));
        }
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
    let events = if u.ratio(1, 30)? {
        odd(u)?
    } else {
        events(u, entry, reference)?
    };
    fields.push(("events", events));
    Ok(obj(fields))
}
