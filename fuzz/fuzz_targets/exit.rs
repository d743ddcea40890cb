//! `parcours::check` on exit requests (`check: "exit"`, EXIT-*), two ways:
//!
//! - **text**: an input that starts with `{` or `[` is JSON text, read as the
//!   command-line program reads it; it is checked as it is, as an exit request (its
//!   `check` replaced), and put in each slot of a good exit request (`exit`,
//!   `exit.missions`, a mission, its hours, `exit.proofs`…);
//! - **structured**: any other input drives a generator of plausible requests: dates
//!   near the programmes' periods, month ends and 29 February, hours around
//!   1,214.99/1,215 inside and across a 12-month window's edges, negative, NaN and
//!   infinite hours (as a page's JavaScript can pass them), ends before starts,
//!   overlapping and out-of-order missions, unknown enum values, lists past the
//!   500-item cap.
//!
//! Every report: findings well formed, `valid` false whenever a finding is an error,
//! the same text through serde_json and through the module's own serialiser
//! (`parcours::output`), a decision `positive` only when a route passed and no proof
//! rule is other than passed, hours and proofs consistent with the rules' statuses.
//! Structured requests also: the same answer twice and in both locales, the same
//! classification with the missions in reverse order, and an added mission never
//! lowers the best window's hours.
//!
//! The generators and invariants this target shares with follow_up.rs and
//! portfolio.rs are in fuzz/src/exits.rs.
#![no_main]

use arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use parcours::eligibility::Status;
use parcours::exit::{Category, ExitDecision};
use parcours::{Json, Report, Severity};
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
            set(&mut forced, "check", s("exit"));
            check_any(&forced);
        }
    }
    // The text in every slot of a good request.
    for slot in SLOTS {
        let mut request = good();
        put(&mut request, slot, json.clone());
        check_any(&request);
    }
}

/// Where the text goes in the good request.
const SLOTS: &[&[&str]] = &[
    &["exit"],
    &["exit", "missions"],
    &["exit", "missions", "0"],
    &["exit", "missions", "0", "hours"],
    &["exit", "missions", "1", "end"],
    &["exit", "proofs"],
    &["exit", "proofs", "0"],
    &["exit", "reason"],
    &["exit_date"],
    &["entry_date"],
    &["programme"],
];

/// A positive temporary-work exit: 700 + 515 hours inside 12 months, a recent proof.
fn good() -> Json {
    obj(vec![
        ("check", s("exit")),
        ("programme", s("plie-flandre-lys")),
        ("exit_date", s("2018-06-29")),
        ("entry_date", s("2017-01-10")),
        (
            "exit",
            obj(vec![
                ("reason", s("temporary_work")),
                (
                    "missions",
                    Json::Array(vec![
                        obj(vec![
                            ("start", s("2017-09-01")),
                            ("end", s("2018-01-31")),
                            ("hours", Json::Number(700.0)),
                        ]),
                        obj(vec![
                            ("start", s("2018-02-01")),
                            ("end", s("2018-06-15")),
                            ("hours", Json::Number(515.0)),
                        ]),
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
    ])
}

// ---------------------------------------------------------------------------------
// Structured

fn structured(request: &Json) {
    // FUZZ_PRINT=1 when reproducing: the request as JSON text (numbers that are not
    // finite written as null) and as the tree the core receives.
    if std::env::var_os("FUZZ_PRINT").is_some() {
        eprintln!("{}\n{request:?}", to_value(request));
    }
    let report = check_any(request);
    assert_eq!(
        report,
        parcours::check(request),
        "the same request, another answer"
    );

    // The command-line program's path: JSON text (JSON.stringify turns a number that
    // is not finite into null). Without such numbers it is the same tree.
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

    // Both locales decide alike.
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

    let Some(decision) = &report.exit else { return };
    let missions = match request.get("exit").and_then(|e| e.get("missions")) {
        Some(Json::Array(items)) => items.clone(),
        _ => return,
    };

    // The missions in reverse order: the same classification, the same best window.
    if missions.len() <= 500 {
        let mut reversed = request.clone();
        let mut items = missions.clone();
        items.reverse();
        put(&mut reversed, &["exit", "missions"], Json::Array(items));
        let other = parcours::check(&reversed);
        let other = other.exit.as_ref().expect("a decision, as before");
        assert_eq!(
            classification(decision),
            classification(other),
            "the missions' order changed the classification"
        );
    }

    // One more mission never lowers the best window's hours.
    if missions.len() < 500 {
        let extra = missions
            .get(missions.len() / 2)
            .cloned()
            .unwrap_or_else(|| {
                obj(vec![
                    ("start", s("2018-01-01")),
                    ("end", s("2018-01-31")),
                    ("hours", Json::Number(151.67)),
                ])
            });
        let mut more = request.clone();
        let mut items = missions.clone();
        items.push(extra);
        put(&mut more, &["exit", "missions"], Json::Array(items));
        let after = parcours::check(&more);
        let hours = |d: &ExitDecision| d.interim.as_ref().map_or(0.0, |i| i.hours);
        let after = after.exit.as_ref().expect("a decision, as before");
        assert!(
            hours(after) >= hours(decision),
            "a mission more lowered the hours: {} → {}",
            hours(decision),
            hours(after)
        );
    }
}

/// What the missions' order must not change.
fn classification(d: &ExitDecision) -> serde_json::Value {
    serde_json::json!({
        "category": d.category,
        "positive_kind": d.positive_kind,
        "statuses": d.rules.iter().map(|r| (r.rule, r.status)).collect::<Vec<_>>(),
        "interim": d.interim.as_ref().map(|i| (i.hours, &i.window_from, &i.window_to, i.missions_counted, i.missions_unreadable)),
    })
}

// ---------------------------------------------------------------------------------
// Invariants

/// Checks a request and holds its report to every invariant; returns it.
fn check_any(request: &Json) -> Report {
    let report = parcours::check(request);
    check_common(&report);
    if let Some(decision) = &report.exit {
        check_decision(&report, decision, request);
    } else if request.get("check").and_then(Json::as_str) == Some("exit") {
        assert!(!report.valid, "no decision, yet valid");
        assert!(
            report
                .findings
                .iter()
                .any(|f| f.severity == Severity::Error),
            "no decision and no error to say why"
        );
    }
    report
}

fn check_decision(report: &Report, d: &ExitDecision, request: &Json) {
    let errors = report
        .findings
        .iter()
        .any(|f| f.severity == Severity::Error);
    assert_eq!(
        report.valid,
        d.category != Category::Incomplete && !errors && report.missing.is_empty(),
        "valid must mean classified, no error, nothing missing"
    );
    let route = |r: &&parcours::exit::ExitRule| {
        r.rule.as_str() != "EXIT-PROOF-AT-DATE" && r.rule.as_str() != "EXIT-COMMITTEE"
    };
    let route_passed = d
        .rules
        .iter()
        .filter(route)
        .any(|r| r.status == Status::Passed);
    let proof_rules: Vec<_> = d
        .rules
        .iter()
        .filter(|r| r.rule.as_str() == "EXIT-PROOF-AT-DATE")
        .collect();
    match d.category {
        Category::Positive => {
            assert!(route_passed, "positive, yet no route passed");
            assert!(
                proof_rules.iter().all(|r| r.status == Status::Passed),
                "positive, yet the proof rule did not pass"
            );
            assert!(d.positive_kind.is_some(), "positive without its kind");
            assert!(d.re_examine_on.is_none());
        }
        Category::Incomplete => {
            assert!(d.positive_kind.is_none());
            assert!(
                !report.missing.is_empty(),
                "incomplete, yet nothing missing"
            );
        }
        Category::Administrative | Category::Other => {
            assert!(d.positive_kind.is_none());
            assert!(!route_passed, "a route passed, yet {:?}", d.category);
        }
    }
    for r in &d.rules {
        assert!(!r.message.is_empty(), "{}", r.rule);
        assert!(
            !r.message.contains('{'),
            "{}: unfilled template in {:?}",
            r.rule,
            r.message
        );
        assert!(!r.source.is_empty());
    }
    assert!(!d.summary.is_empty() && !d.summary.contains('{'));

    // Proofs: the proof rule passes exactly when one attests, and one attests only
    // when dated on or before the exit and recent enough.
    let exit_date = date_of(&d.exit_date).expect("the decision's exit date is a date");
    if let Some(given) = request.get("exit_date").and_then(Json::as_str) {
        assert_eq!(given.trim(), d.exit_date);
    }
    let max_age = parcours::programme::find(d.programme.id, Some(exit_date))
        .and_then(|p| p.exits.as_ref())
        .and_then(|e| e.proof.as_ref())
        .map(|p| i64::from(p.max_age_days));
    assert!(d.proofs.len() <= 500);
    let mut attests = 0;
    for (i, p) in d.proofs.iter().enumerate() {
        assert_eq!(p.index as usize, i);
        if p.status == parcours::exit::ProofStatus::Attests {
            attests += 1;
            let date = p.date.as_deref().and_then(date_of).expect("dated");
            assert!(date <= exit_date, "a proof after the exit attests");
            let age = (exit_date - date).num_days();
            assert!(
                max_age.is_some_and(|m| age <= m),
                "a proof {age} days old attests"
            );
            let kind = p.kind.expect("a kind");
            let reason = d.reason.expect("a reason");
            assert!(
                PROOF_KINDS
                    .iter()
                    .any(|(k, what)| *k == kind && what.contains(&reason)),
                "a {kind} attests {reason}"
            );
        }
    }
    for r in &proof_rules {
        assert_eq!(
            r.status == Status::Passed,
            attests > 0,
            "the proof rule and the proofs disagree"
        );
    }

    // Hours: the best window against the threshold.
    if let Some(i) = &d.interim {
        assert!(i.hours.is_finite() && i.hours >= 0.0, "hours {}", i.hours);
        assert!(i.missions_given <= 500);
        assert!(i.missions_unreadable <= i.missions_given);
        assert!(i.missions_counted <= i.missions_given - i.missions_unreadable);
        if let (Some(from), Some(to)) = (&i.window_from, &i.window_to) {
            assert!(from <= to, "a window from {from} to {to}");
        }
        for r in d.rules.iter().filter(|r| r.rule.as_str() == "EXIT-INTERIM") {
            match r.status {
                Status::Passed => assert!(i.hours >= f64::from(i.required)),
                Status::Failed => assert!(i.hours < f64::from(i.required)),
                _ => {}
            }
        }
        let given = request.get("exit").and_then(|e| e.get("missions"));
        if let Some(Json::Array(items)) = given {
            let mut total = 0.0;
            for m in items.iter().take(500) {
                match m.get("hours") {
                    Some(Json::Number(h)) if h.is_finite() && *h >= 0.0 => total += h,
                    Some(Json::Number(_)) | None | Some(Json::Null) => {}
                    _ => total = f64::INFINITY,
                }
            }
            assert!(
                i.hours <= total + 0.01 * items.len() as f64,
                "{} hours counted of {total} given",
                i.hours
            );
        }
    }
}

// ---------------------------------------------------------------------------------
// Json trees

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
    "iae-diagnostic",
    "no-such-programme",
    "PLIE-FLANDRE-LYS",
    "",
];

/// A whole exit request.
fn request(u: &mut Unstructured<'_>) -> Result<Json> {
    let exit = anchor(u)?;
    let exit = near(u, exit)?;
    let mut fields: Vec<(&str, Json)> = vec![("check", s("exit"))];
    if !u.ratio(1, 30)? {
        let p = if u.ratio(1, 30)? {
            odd(u)?
        } else {
            s(u.choose(PROGRAMMES)?)
        };
        fields.push(("programme", p));
    }
    if !u.ratio(1, 30)? {
        let d = if u.ratio(1, 12)? {
            date_value(u, exit)?
        } else {
            s(&iso(exit))
        };
        fields.push(("exit_date", d));
    }
    if u.ratio(3, 4)? {
        let entry = match u.int_in_range(0..=3u8)? {
            0 => shift(exit, 1),
            1 => months_from(exit, -13),
            _ => near(u, months_from(exit, -12))?,
        };
        let d = if u.ratio(1, 12)? {
            date_value(u, exit)?
        } else {
            s(&iso(entry))
        };
        fields.push(("entry_date", d));
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
    let exit_value = if u.ratio(1, 25)? {
        odd(u)?
    } else {
        proposal(u, exit)?
    };
    fields.push(("exit", exit_value));
    Ok(obj(fields))
}
