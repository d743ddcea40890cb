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
