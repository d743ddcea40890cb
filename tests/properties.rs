//! Properties over generated questionnaires (proptest):
//!
//! 1. the incremental form, after any sequence of edits (sets, clears, whole-record
//!    loads, in any order), reports exactly what a full validation of the final record
//!    reports, and its diffs add up to that report;
//! 2. the same generated inputs give the same answers natively and in WebAssembly: a
//!    batch is written to target/parcours-properties/batch.json with the native answers,
//!    and tests/js/properties.test.mjs runs it through the shipped Node build and the
//!    command-line program.
//!
//! Generated values are mostly values of the field's kind, valid and invalid (dates
//! that do not exist, codes of no département, NIR keys that do not match…), so the
//! coherence rules fire, and sometimes anything at all.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use parcours::questionnaire::{FieldSpec, Kind, FIELDS};
use parcours::{Finding, Json, Report};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use serde_json::{json, Value};

const BASES: &str = include_str!("cases/questionnaire/_bases.json");

fn bases() -> Value {
    serde_json::from_str(BASES).expect("_bases.json is JSON")
}

fn texts(list: &'static [&'static str]) -> BoxedStrategy<Value> {
    proptest::sample::select(list).prop_map(Value::from).boxed()
}

/// A date near the records' dates: mostly existing, sometimes 29–31 of a short month.
fn date() -> BoxedStrategy<Value> {
    prop_oneof![
        4 => (1940u32..2030, 1u32..=12, 1u32..=31).prop_map(|(y, m, d)| json!(format!("{y:04}-{m:02}-{d:02}"))),
        1 => texts(&["1985-05-14", "2026-03-02", "2024-09-01", "2025-03-02", "2026-10-15", "2027-04-20", "14/05/1985", "2026-13-01", "2023-02-29", "2024-02-29"]),
    ]
    .boxed()
}

/// A value for one field: of its kind most of the time.
fn value_for(spec: &FieldSpec) -> BoxedStrategy<Value> {
    let typed = match spec.kind {
        Kind::Date => date(),
        Kind::Bool => prop_oneof![
            4 => any::<bool>().prop_map(Value::from),
            1 => texts(&["oui", "NON", "true", "peut-être"]),
        ]
        .boxed(),
        Kind::Answer => prop_oneof![
            3 => texts(&["yes", "no", "refused"]),
            1 => any::<bool>().prop_map(Value::from),
            1 => texts(&["maybe"]),
        ]
        .boxed(),
        Kind::Choice(choices) => prop_oneof![
            4 => proptest::sample::select(choices).prop_map(Value::from),
            1 => texts(&["other", "Woman"]),
        ]
        .boxed(),
        Kind::Count { .. } => prop_oneof![
            4 => (0i64..40).prop_map(Value::from),
            1 => prop_oneof![Just(json!(-1)), Just(json!(1.5)), Just(json!("3")), Just(json!("x"))],
        ]
        .boxed(),
        Kind::Text { .. } => prop_oneof![
            4 => texts(&["Durand", "Karim", "12 rue de Lille", "Nguyễn Thị", "O'Brien-Lefèvre"]),
            1 => prop_oneof![Just(json!("x".repeat(201))), Just(json!("a\u{7}b")), Just(json!("   "))],
        ]
        .boxed(),
        Kind::PostalCode => texts(&["59280", "62000", "20000", "97411", "98800", "00100", "96000", "5928", "59 280"]),
        Kind::Insee => texts(&["59017", "62017", "2A004", "2B033", "97411", "20004", "5901A"]),
        Kind::Email => texts(&["karim.durand@exemple.fr", "a@b.fr", "a@b", "a..b@c.fr", "x y@z.fr"]),
        Kind::Phone => texts(&["06 12 34 56 78", "+33 6 12 34 56 78", "0033612345678", "+262 692 12 34 56", "061234567", "+44 20 7946 0958"]),
        Kind::Nir => texts(&["185057800608491", "1 85 05 78 006 084 91", "185057800608492", "285052B12345699", "285057800608491", "18505780060849"]),
        Kind::OperationId => texts(&["202303872", "op-2026/01.x", "op id", ""]),
    };
    prop_oneof![
        12 => typed,
        1 => Just(Value::Null),
        1 => texts(&["", " "]),
        1 => prop_oneof![Just(json!([1, "a"])), Just(json!({ "a": 1 })), Just(json!(3.25)), Just(json!(true))],
    ]
    .boxed()
}

/// An edit of the form.
#[derive(Clone, Debug)]
enum Op {
    Set(&'static str, Value),
    Clear(&'static str),
    /// Loads a base record (entry, exit, follow_up) with some fields changed.
    Load(&'static str, Vec<(&'static str, Value)>),
}

fn field_value() -> BoxedStrategy<(&'static str, Value)> {
    (0..FIELDS.len())
        .prop_flat_map(|i| {
            let spec = &FIELDS[i];
            value_for(spec).prop_map(move |v| (spec.path, v))
        })
        .boxed()
}

fn op() -> BoxedStrategy<Op> {
    prop_oneof![
        12 => field_value().prop_map(|(p, v)| Op::Set(p, v)),
        2 => (0..FIELDS.len()).prop_map(|i| Op::Clear(FIELDS[i].path)),
        1 => (
            proptest::sample::select(&["entry", "exit", "follow_up"][..]),
            proptest::collection::vec(field_value(), 0..6)
        )
            .prop_map(|(b, edits)| Op::Load(b, edits)),
    ]
    .boxed()
}

/// The settings of a form or request: phase, reference date, locale, sometimes options.
fn settings() -> BoxedStrategy<Value> {
    (
        proptest::sample::select(&["entry", "exit", "follow_up"][..]),
        proptest::sample::select(&["2026-11-23", "2027-05-10", "2026-03-10", "2028-01-01"][..]),
        proptest::sample::select(&["fr", "en"][..]),
        prop_oneof![
            4 => Just(None),
            1 => (15u32..30, 3u32..13).prop_map(|(young, months)| Some(json!({ "young_age": young, "long_term_months": months }))),
        ],
    )
        .prop_map(|(phase, reference, locale, options)| {
            let mut s = json!({ "phase": phase, "reference_date": reference, "locale": locale });
            if let Some(o) = options {
                s["options"] = o;
            }
            s
        })
        .boxed()
}

fn to_json(v: &Value) -> Json {
    serde_json::from_value(v.clone()).expect("any serde_json value reads as Json")
}

/// The record `Op::Load` gives: a base record's data with some fields changed.
fn load_data(base: &str, edits: &[(&'static str, Value)]) -> Value {
    let mut data = bases()[base]["data"].clone();
    for (path, v) in edits {
        let (section, field) = path.split_once('.').expect("section.field");
        data[section][field] = v.clone();
    }
    data
}

/// Data holding exactly `fields` (path → value), in sections.
fn data_of(fields: &BTreeMap<&'static str, Value>) -> Value {
    let mut data = json!({});
    for spec in FIELDS {
        if let Some(v) = fields.get(spec.path) {
            data[spec.section][spec.name] = v.clone();
        }
    }
    data
}

fn key(f: &Finding) -> String {
    serde_json::to_string(f).expect("a finding serialises")
}

/// What one run of edits gives: each diff and the final report, and the full
/// validation of the final record.
struct Run {
    diffs: Vec<Value>,
    incremental: Report,
    full: Report,
    request: Value,
}

fn apply(settings: &Value, ops: &[Op]) -> Run {
    let mut form = parcours::form(&to_json(settings));
    let mut live: Vec<String> = form.report().findings.iter().map(key).collect();
    let mut fields: BTreeMap<&'static str, Value> = BTreeMap::new();
    let mut diffs = Vec::new();
    for op in ops {
        let (path, value) = match op {
            Op::Set(path, v) => (*path, v.clone()),
            Op::Clear(path) => (*path, Value::Null),
            Op::Load(base, edits) => {
                let data = load_data(base, edits);
                form.load(&to_json(&data));
                live = form.report().findings.iter().map(key).collect();
                fields = FIELDS
                    .iter()
                    .filter_map(|s| {
                        data.get(s.section)?
                            .get(s.name)
                            .map(|v| (s.path, v.clone()))
                    })
                    .collect();
                continue;
            }
        };
        let diff = form.set(path, &to_json(&value));
        for f in &diff.removed {
            let at = live.iter().position(|k| *k == key(f));
            live.swap_remove(
                at.unwrap_or_else(|| panic!("removed {:?} that was not shown", f.code)),
            );
        }
        live.extend(diff.added.iter().map(key));
        diffs.push(serde_json::to_value(&diff).expect("a diff serialises"));
        fields.insert(path, value);
    }
    let incremental = form.report();
    let mut shown: Vec<String> = incremental.findings.iter().map(key).collect();
    shown.sort();
    live.sort();
    assert_eq!(live, shown, "the diffs do not add up to the report");
    let mut request = settings.clone();
    request["check"] = json!("questionnaire");
    request["data"] = data_of(&fields);
    let full = parcours::check(&to_json(&request));
    Run {
        diffs,
        incremental,
        full,
        request,
    }
}

/// Applies a diff read from the form to the findings and missing paths shown.
fn read_into(
    diff: &parcours::Diff,
    live: &mut Vec<String>,
    missing: &mut Vec<std::borrow::Cow<'static, str>>,
) -> Result<(), TestCaseError> {
    for f in &diff.removed {
        let at = live.iter().position(|k| *k == key(f));
        prop_assert!(at.is_some(), "removed {:?} that was not shown", f.code);
        live.swap_remove(at.unwrap_or_default());
    }
    live.extend(diff.added.iter().map(key));
    missing.retain(|m| !diff.missing_removed.contains(&m.as_ref()));
    missing.extend(diff.missing_added.iter().map(|m| (*m).into()));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Any sequence of edits ends where a full validation of the final record is.
    #[test]
    fn incremental_form_reports_what_full_validation_reports(
        settings in settings(),
        ops in proptest::collection::vec(op(), 0..40),
    ) {
        let run = apply(&settings, &ops);
        prop_assert_eq!(run.incremental, run.full);
    }

    /// `update` then `changes` read at any moments (not after every edit) add up to the
    /// same report as `set` after every edit, and `update` says `false` exactly when the
    /// report stayed as it was.
    #[test]
    fn updates_read_now_and_then_add_up_and_say_when_nothing_changed(
        settings in settings(),
        ops in proptest::collection::vec((op(), any::<bool>()), 0..40),
    ) {
        let mut form = parcours::form(&to_json(&settings));
        let mut live: Vec<String> = form.report().findings.iter().map(key).collect();
        let mut missing = form.report().missing;
        let mut fields: BTreeMap<&'static str, Value> = BTreeMap::new();
        let mut request = settings.clone();
        request["check"] = json!("questionnaire");
        for (op, read) in &ops {
            let (path, value) = match op {
                Op::Set(path, v) => (*path, v.clone()),
                Op::Clear(path) => (*path, Value::Null),
                Op::Load(base, edits) => {
                    let data = load_data(base, edits);
                    form.load(&to_json(&data));
                    fields = FIELDS
                        .iter()
                        .filter_map(|s| data.get(s.section)?.get(s.name).map(|v| (s.path, v.clone())))
                        .collect();
                    let report = form.report();
                    live = report.findings.iter().map(key).collect();
                    missing = report.missing;
                    continue;
                }
            };
            let before = form.report();
            let changed = form.update(path, &to_json(&value));
            let after = form.report();
            prop_assert_eq!(changed, before != after, "update({}) said {}", path, changed);
            // The form's kept state after every update, against a fresh full check.
            fields.insert(path, value);
            request["data"] = data_of(&fields);
            prop_assert_eq!(&after, &parcours::check(&to_json(&request)), "after update({})", path);
            if *read {
                let diff = form.changes();
                prop_assert_eq!(diff.valid, after.valid);
                prop_assert_eq!(diff.completeness, after.completeness);
                prop_assert_eq!(Some(&diff.derived), after.derived.as_ref());
                read_into(&diff, &mut live, &mut missing)?;
            }
        }
        read_into(&form.changes(), &mut live, &mut missing)?;
        let report = form.report();
        let mut shown: Vec<String> = report.findings.iter().map(key).collect();
        shown.sort();
        live.sort();
        prop_assert_eq!(live, shown, "the diffs do not add up to the report");
        let mut expected: Vec<String> = report.missing.iter().map(|m| m.to_string()).collect();
        let mut got: Vec<String> = missing.iter().map(|m| m.to_string()).collect();
        expected.sort();
        got.sort();
        prop_assert_eq!(got, expected, "the missing lists do not add up");
    }

    /// A report is valid exactly when it has no error and nothing is missing, and no
    /// typed name, date of birth or NIR comes back in it.
    #[test]
    fn reports_are_consistent_and_echo_nothing(
        settings in settings(),
        edits in proptest::collection::vec(field_value(), 0..12),
        base in proptest::sample::select(&["entry", "exit", "follow_up"][..]),
    ) {
        let mut request = settings.clone();
        request["data"] = load_data(base, &edits);
        request["data"]["identity"]["last_name"] = json!("Zqxwyk");
        let report = parcours::check(&to_json(&request));
        let errors = report.findings.iter().any(Finding::is_error);
        prop_assert_eq!(report.valid, !errors && report.missing.is_empty());
        prop_assert!((0.0..=1.0).contains(&report.completeness));
        let text = serde_json::to_string(&report).unwrap();
        prop_assert!(!text.contains("Zqxwyk"));
        prop_assert!(!text.contains("185057800608491"));
    }
}

/// Writes the generated batch the WebAssembly comparison (tests/js/properties.test.mjs)
/// runs: requests with their native reports, and edit scripts with every native diff
/// and the final report. Deterministic: the same batch at every run.
#[test]
fn writes_a_generated_batch_for_the_wasm_comparison() {
    let mut runner = TestRunner::deterministic();
    let strategy = (settings(), proptest::collection::vec(op(), 0..25));
    let mut scripts = Vec::new();
    let mut requests = Vec::new();
    for _ in 0..150 {
        let (settings, ops) = strategy.new_tree(&mut runner).expect("a value").current();
        let run = apply(&settings, &ops);
        assert_eq!(run.incremental, run.full);
        let edits: Vec<Value> = ops
            .iter()
            .map(|op| match op {
                Op::Set(path, v) => json!({ "set": path, "value": v }),
                Op::Clear(path) => json!({ "set": path, "value": null }),
                Op::Load(base, edits) => json!({ "load": load_data(base, edits) }),
            })
            .collect();
        scripts.push(json!({
            "settings": settings,
            "edits": edits,
            "diffs": run.diffs,
            "report": serde_json::to_value(&run.incremental).unwrap(),
        }));
        requests.push(
            json!({ "request": run.request, "report": serde_json::to_value(&run.full).unwrap() }),
        );
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/parcours-properties");
    std::fs::create_dir_all(&dir).expect("target/ is writable");
    let batch = json!({ "requests": requests, "scripts": scripts });
    std::fs::write(
        dir.join("batch.json"),
        serde_json::to_string(&batch).unwrap(),
    )
    .expect("written");
}

// ---------------------------------------------------------------------------------
// Exits (EXIT-INTERIM) and follow-up obligations (FU-*): what order must not change.
//
// (a) the order of the missions of an exit never changes its classification, its rules'
//     statuses or the best window of temporary work;
// (b) the order of a timeline's events never changes the follow-up obligations (the
//     `event` index of each aside: it names a position in the list) nor the findings'
//     codes, but for `timeline_not_in_order`;
// (c) one more mission never lowers the best window's hours.

/// A date `days` after `base` (YYYY-MM-DD), before it when negative.
fn day(base: &str, days: i64) -> String {
    use chrono::Datelike;
    let d =
        parcours::calendar::parse_iso_date(base).expect("a date") + chrono::TimeDelta::days(days);
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Exit dates inside the three programmes' periods: month ends, 29 February, the
/// days either side of a year.
fn exit_date() -> BoxedStrategy<(&'static str, &'static str)> {
    proptest::sample::select(
        &[
            ("plie-flandre-lys", "2018-06-29"),
            ("plie-flandre-lys", "2018-02-28"),
            ("plie-flandre-lys", "2017-12-31"),
            ("plie-flandre-lys", "2018-12-31"),
            ("plie-boulonnais", "2016-02-29"),
            ("plie-boulonnais", "2020-08-31"),
            ("ml-val-de-marque", "2024-02-29"),
            ("ml-val-de-marque", "2023-01-01"),
        ][..],
    )
    .boxed()
}

/// Hours of a mission: around the 1,215-hour threshold split in parts, anything in
/// range, or wrong (negative, above a mission's days, text).
fn hours() -> BoxedStrategy<Value> {
    prop_oneof![
        3 => proptest::sample::select(&[700.0, 515.0, 514.99, 607.5, 607.49, 1214.99, 1215.0, 0.01, 0.0][..]).prop_map(Value::from),
        3 => (0u32..=130_000).prop_map(|h| json!(f64::from(h) / 100.0)),
        1 => prop_oneof![Just(json!(-1)), Just(json!("700,5")), Just(json!("x")), Just(json!(100_000.01)), Just(json!(null))],
    ]
    .boxed()
}

/// A mission within about 14 months before `exit` (days before it), some ending
/// before they start or after the exit.
fn mission() -> BoxedStrategy<(i64, i64, Value)> {
    (-20i64..430, -3i64..240, hours()).boxed()
}

fn mission_json(exit: &str, (back, length, hours): &(i64, i64, Value)) -> Value {
    json!({ "start": day(exit, -back), "end": day(exit, length - back), "hours": hours })
}

fn exit_request(programme: &str, exit: &str, entry_back: Option<i64>, missions: &[Value]) -> Value {
    let mut r = json!({
        "check": "exit", "programme": programme, "exit_date": exit,
        "exit": {
            "reason": "temporary_work",
            "missions": missions,
            "proofs": [{ "kind": "mission_statement", "date": day(exit, -5) }],
        },
    });
    if let Some(back) = entry_back {
        r["entry_date"] = json!(day(exit, -back));
    }
    r
}

/// What the missions' order must not change, as JSON.
fn classification(report: &Report) -> Value {
    let exit = report.exit.as_ref().expect("a decision");
    json!({
        "category": exit.category,
        "positive_kind": exit.positive_kind,
        "statuses": exit.rules.iter().map(|r| (r.rule, r.status)).collect::<Vec<_>>(),
        "interim": exit.interim,
    })
}

fn best_hours(report: &Report) -> f64 {
    report
        .exit
        .as_ref()
        .and_then(|e| e.interim.as_ref())
        .map_or(0.0, |i| i.hours)
}

const EVENT_TYPES: &[&str] = &[
    "interview",
    "contact",
    "absence",
    "reminder",
    "step",
    "employment_start",
    "cre_feedback",
    "employer_call",
    "employer_visit",
    "exit",
];

/// A timeline event `offset` days after the entry (2018-01-15), of every type, with
/// its details; dates from a few weeks before the entry to after the reference date
/// (2018-09-30), so same-day events are common.
fn event() -> BoxedStrategy<Value> {
    (
        proptest::sample::select(EVENT_TYPES),
        // Days that collide often: same-day events, a week, a month, two months on.
        prop_oneof![
            -20i64..280,
            proptest::sample::select(&[0i64, 1, 6, 7, 13, 14, 31, 45, 59, 60, 90, 180, 258][..]),
        ],
        -3i64..90,
        any::<bool>(),
        proptest::sample::select(&["physical", "phone", "tripartite", "video"][..]),
        proptest::sample::select(&["letter", "phone"][..]),
        proptest::sample::select(&["training", "workshop", "employment", "immersion", "veille"][..]),
    )
        .prop_map(|(kind, offset, extra, yes, mode, channel, step)| {
            let date = day("2018-01-15", offset);
            match kind {
                "step" => json!({ "type": kind, "kind": step, "start": date, "end": day(&date, extra) }),
                "interview" => json!({ "type": kind, "date": date, "mode": mode }),
                "absence" => json!({ "type": kind, "date": date, "justified": yes }),
                "reminder" => json!({ "type": kind, "date": date, "channel": channel }),
                "employment_start" => json!({
                    "type": kind, "date": date, "placed_by_cre": yes,
                    "theoretical_start": day(&date, -extra / 4), "trial_period_end": day(&date, extra),
                }),
                _ => json!({ "type": kind, "date": date }),
            }
        })
        .boxed()
}

fn follow_up_request(programme: &str, events: &[Value]) -> Value {
    json!({
        "check": "follow_up", "programme": programme, "reference_date": "2018-09-30",
        "entry_date": "2018-01-15", "events": events,
    })
}

/// The obligations without their event positions, and the findings' codes but
/// `timeline_not_in_order`, both sorted.
fn obligations(report: &Report) -> (Vec<String>, Vec<&'static str>) {
    let follow_up = report.follow_up.as_ref().expect("a follow-up");
    let mut list: Vec<String> = follow_up
        .obligations
        .iter()
        .map(|o| {
            let mut v = serde_json::to_value(o).expect("serialises");
            v.as_object_mut().map(|m| m.remove("event"));
            v.to_string()
        })
        .collect();
    list.sort();
    let mut codes: Vec<&'static str> = report
        .findings
        .iter()
        .map(|f| f.code.as_str())
        .filter(|c| *c != "timeline_not_in_order")
        .collect();
    codes.sort_unstable();
    (list, codes)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// (a) Missions in any order: the same classification and best window.
    #[test]
    fn missions_order_never_changes_the_classification(
        (programme, exit) in exit_date(),
        entry_back in proptest::option::of(300i64..500),
        (missions, shuffled) in proptest::collection::vec(mission(), 0..10)
            .prop_flat_map(|v| (Just(v.clone()), Just(v).prop_shuffle())),
    ) {
        let as_json = |list: &[(i64, i64, Value)]| -> Vec<Value> { list.iter().map(|m| mission_json(exit, m)).collect() };
        let a = parcours::check(&to_json(&exit_request(programme, exit, entry_back, &as_json(&missions))));
        let b = parcours::check(&to_json(&exit_request(programme, exit, entry_back, &as_json(&shuffled))));
        prop_assert_eq!(classification(&a), classification(&b));
        prop_assert_eq!(best_hours(&a), best_hours(&b));
    }

    /// (c) One more mission, anywhere in the list: never fewer hours in the best window.
    #[test]
    fn a_mission_more_never_lowers_the_best_window(
        (programme, exit) in exit_date(),
        entry_back in proptest::option::of(300i64..500),
        missions in proptest::collection::vec(mission(), 0..10),
        extra in mission(),
        at in any::<proptest::sample::Index>(),
    ) {
        let mut list: Vec<Value> = missions.iter().map(|m| mission_json(exit, m)).collect();
        let before = parcours::check(&to_json(&exit_request(programme, exit, entry_back, &list)));
        list.insert(at.index(list.len() + 1), mission_json(exit, &extra));
        let after = parcours::check(&to_json(&exit_request(programme, exit, entry_back, &list)));
        prop_assert!(
            best_hours(&after) >= best_hours(&before),
            "{} hours, then {} with a mission more", best_hours(&before), best_hours(&after)
        );
    }

    /// (b) Events in any order: the same obligations, the same findings but the
    /// order one.
    #[test]
    fn events_order_never_changes_the_obligations(
        programme in proptest::sample::select(&["plie-flandre-lys", "plie-boulonnais", "ml-val-de-marque"][..]),
        (events, shuffled) in proptest::collection::vec(event(), 0..16)
            .prop_flat_map(|v| (Just(v.clone()), Just(v).prop_shuffle())),
    ) {
        // ml-val-de-marque's period starts in 2022: its file is read in force or not,
        // the order property holds either way.
        let a = parcours::check(&to_json(&follow_up_request(programme, &events)));
        let b = parcours::check(&to_json(&follow_up_request(programme, &shuffled)));
        prop_assert_eq!(obligations(&a), obligations(&b));
        let counts = |r: &Report| {
            let f = r.follow_up.as_ref().expect("a follow-up");
            (f.late, f.done_late, f.due, f.exit_date.clone())
        };
        prop_assert_eq!(counts(&a), counts(&b));
    }
}
