//! The questionnaire cases (tests/cases/questionnaire/*.json), run natively. The same
//! files run through the WebAssembly build in `wasm_cases.rs` (Node and Chromium),
//! and through the shipped package against the CLI in tests/js and tests/e2e.

mod common;

use std::collections::BTreeSet;

use common::{assert_all_pass, load_all, Case, CASE_FILES};
use parcours::{Code, Json};
use serde_json::Value;

fn run_native(request: &Value) -> Value {
    let request: Json = serde_json::from_value(request.clone()).expect("a case request is JSON");
    serde_json::to_value(parcours::check(&request)).expect("a report serialises")
}

#[test]
fn cases_pass_natively() {
    let cases = load_all();
    assert_all_pass(&cases, run_native);
    write_for_javascript_runners(&cases);
}

/// The expanded requests, for the runners of the shipped package (tests/js, tests/e2e).
fn write_for_javascript_runners(cases: &[Case]) {
    let out: Vec<Value> = cases
        .iter()
        .map(|c| serde_json::json!({ "file": c.file, "name": c.name, "rule": c.rule, "request": c.request, "expect": c.expect }))
        .collect();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/parcours-cases");
    std::fs::create_dir_all(&dir).expect("target/ is writable");
    std::fs::write(
        dir.join("questionnaire.json"),
        serde_json::to_string(&out).expect("JSON"),
    )
    .expect("written");
}

#[test]
fn case_lists_name_every_file_in_their_folder() {
    let files = |folder: &str| -> BTreeSet<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/cases")
            .join(folder);
        std::fs::read_dir(dir)
            .expect("cases folder")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.ends_with(".json") && !n.starts_with('_'))
            .collect()
    };
    let listed = |list: &[(&str, &str)]| -> BTreeSet<String> {
        list.iter().map(|(n, _)| n.to_string()).collect()
    };
    assert_eq!(
        files("questionnaire"),
        listed(CASE_FILES),
        "tests/common/mod.rs CASE_FILES"
    );
    assert_eq!(
        files("eligibility"),
        listed(common::ELIGIBILITY_FILES),
        "tests/common/mod.rs ELIGIBILITY_FILES"
    );
    assert_eq!(
        files("exits"),
        listed(common::EXIT_FILES),
        "tests/common/mod.rs EXIT_FILES"
    );
}

/// Every rule of every programme file has a case.
#[test]
fn every_programme_rule_has_a_case() {
    let cases = load_all();
    for p in parcours::programme::all() {
        for rule in &p.rules {
            let covered = cases
                .iter()
                .any(|c| c.rule == rule.id.as_str() && c.request["programme"] == p.id);
            assert!(covered, "{} {} has no case", p.id, rule.id);
        }
        let exit_rules = p.exits.iter().flat_map(|e| {
            e.routes
                .iter()
                .map(|r| r.id.as_str())
                .chain(e.proof.as_ref().map(|p| p.id.as_str()))
        });
        let follow_up_rules = p
            .follow_up
            .iter()
            .flat_map(|f| f.rules.iter().map(|r| r.id.as_str()));
        for id in exit_rules.chain(follow_up_rules) {
            let covered = cases
                .iter()
                .any(|c| c.rule == id && c.request["programme"] == p.id);
            assert!(covered, "{} {} has no case", p.id, id);
        }
        let file = format!("eligibility/{}.json", p.id);
        assert!(
            cases.iter().any(|c| c.file == file),
            "{} has no case file",
            p.id
        );
    }
}

#[test]
fn base_records_are_valid() {
    let bases: Value = serde_json::from_str(common::BASES).unwrap();
    for name in ["entry", "exit", "follow_up"] {
        let request: Json = serde_json::from_value(bases[name].clone()).unwrap();
        let report = parcours::check(&request);
        assert!(
            report.valid && report.findings.is_empty(),
            "{name}: {:#?}",
            report
        );
        assert_eq!(report.completeness, 1.0);
    }
}

/// Every code a questionnaire can produce, and every rule, has at least one case.
#[test]
fn every_code_and_rule_has_a_case() {
    let cases = load_all();
    let expected_codes: BTreeSet<String> = cases
        .iter()
        .flat_map(|c| c.expect["findings"].as_array().cloned().unwrap_or_default())
        .filter_map(|f| f["code"].as_str().map(String::from))
        .collect();
    // invalid_json comes from the command-line program, and unreadable_value from
    // JavaScript values JSON cannot hold (functions, symbols, throwing getters): both
    // are tested in tests/cli.rs and tests/js/package.test.mjs.
    let uncovered: Vec<&str> = Code::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| {
            !["invalid_json", "unreadable_value"].contains(c) && !expected_codes.contains(*c)
        })
        .collect();
    assert!(uncovered.is_empty(), "codes without a case: {uncovered:?}");
    let rules: BTreeSet<&str> = cases.iter().map(|c| c.rule.as_str()).collect();
    let docs = include_str!("../docs/questionnaire.md");
    for id in docs
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .filter(|w| w.starts_with("FSE-"))
    {
        assert!(rules.contains(id), "rule {id} has no case");
    }
}

/// Setting the fields one at a time, in any order, ends with the same findings as
/// validating the whole record at once.
#[test]
fn incremental_edits_agree_with_full_validation() {
    let mut compared = 0;
    for case in load_all() {
        let Some(data) = case.request.get("data").and_then(Value::as_object) else {
            continue;
        };
        if !data.values().all(Value::is_object)
            || case
                .request
                .get("check")
                .is_some_and(|c| c != "questionnaire")
        {
            continue;
        }
        let request: Json = serde_json::from_value(case.request.clone()).unwrap();
        let full = parcours::check(&request);
        let mut paths: Vec<(String, Value)> = data
            .iter()
            .flat_map(|(s, fields)| {
                fields
                    .as_object()
                    .unwrap()
                    .iter()
                    .map(move |(f, v)| (format!("{s}.{f}"), v.clone()))
            })
            .collect();
        for order in 0..2 {
            if order == 1 {
                paths.reverse();
            }
            let mut form = parcours::form(&request);
            let mut live: Vec<(Code, String)> = form
                .report()
                .findings
                .iter()
                .map(|f| (f.code, f.path.to_string()))
                .collect();
            for (path, value) in &paths {
                let diff = form.set(path, &serde_json::from_value(value.clone()).unwrap());
                for f in &diff.removed {
                    let at = live.iter().position(|(c, p)| *c == f.code && *p == f.path);
                    live.remove(at.unwrap_or_else(|| {
                        panic!("{}: removed {:?} that was not there", case.name, f.code)
                    }));
                }
                live.extend(diff.added.iter().map(|f| (f.code, f.path.to_string())));
            }
            let incremental = form.report();
            let key = |r: &parcours::Report| {
                let mut k: Vec<_> = r
                    .findings
                    .iter()
                    .filter(|f| {
                        f.code != Code::UnknownField && f.code != Code::TooManyUnknownFields
                    })
                    .map(|f| (f.code, f.path.to_string()))
                    .collect();
                k.sort();
                k
            };
            assert_eq!(
                key(&full),
                key(&incremental),
                "{} / {} (order {order})",
                case.file,
                case.name
            );
            let mut live_sorted: Vec<_> = live
                .into_iter()
                .filter(|(c, _)| *c != Code::UnknownField)
                .collect();
            live_sorted.sort();
            assert_eq!(
                live_sorted,
                key(&incremental),
                "{}: diffs do not add up",
                case.name
            );
            assert_eq!(full.missing, incremental.missing, "{}", case.name);
            assert_eq!(full.valid, incremental.valid, "{}", case.name);
            compared += 1;
        }
    }
    assert!(compared > 40, "only {compared} comparisons");
}
