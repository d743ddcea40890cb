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
//! The generators and invariants this target shares with the other exit targets are
//! in fuzz/src/exits.rs.
#![no_main]

use arbitrary::{Result, Unstructured};
use chrono::{Datelike, NaiveDate};
use libfuzzer_sys::fuzz_target;
use parcours::calendar::parse_iso_date;
use parcours::follow_up::{FollowUp, ObligationStatus, EVENT_TYPES, OBLIGATIONS};
use parcours::programme::file::{CERTIFICATIONS, STEP_KINDS};
use parcours::{Code, Json, Report, Severity};
use parcours_fuzz::exits::*;
use parcours_fuzz::{parse, through_text};

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
    let rules: Vec<parcours::RuleId> = parcours::programme::find(f.programme.id, Some(reference))
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
                // exit date) and the follow-up in employment or in training an exit cut
                // short (its own due date, after the exit; the `exit` parameter says so).
                let at_exit = exit.is_some()
                    && ((o.obligation == "steps" && due == until)
                        || (matches!(o.obligation, "in_job_follow_up" | "in_training_follow_up")
                            && o.params.get("exit").is_some()));
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

// ---------------------------------------------------------------------------------
// Shared with exit.rs (copies)

// ---------------------------------------------------------------------------------
// Json trees

// ---------------------------------------------------------------------------------
// Generators shared with exit.rs (copies)

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
            // What sanctions a training (FU-IN-JOB's training triggers), sometimes none.
            if u.ratio(3u8, 4)? {
                fields.push(("certification", choice(u, CERTIFICATIONS)?));
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
