//! The questionnaire cases, run through the WebAssembly binding: JavaScript values in,
//! JavaScript values out, checked by the same loader as the native run. The test
//! script runs this file in Node and, with WASM_BINDGEN_USE_BROWSER=1, in Chromium.

#![cfg(target_arch = "wasm32")]

mod common;

use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn to_js(value: &serde_json::Value) -> JsValue {
    js_sys::JSON::parse(&value.to_string()).expect("a case request is JSON")
}

fn from_js(value: &JsValue) -> serde_json::Value {
    let text = js_sys::JSON::stringify(value)
        .expect("a report is JSON")
        .as_string()
        .unwrap_or_default();
    serde_json::from_str(&text).expect("a report is JSON")
}

#[wasm_bindgen_test]
fn cases_pass_through_the_binding() {
    let cases = common::load_all();
    assert!(cases.len() >= 60, "only {} cases", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| common::verify(c, &from_js(&parcours_wasm::check(to_js(&c.request)))).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// The incremental form through the binding ends where full validation does.
#[wasm_bindgen_test]
fn incremental_form_through_the_binding() {
    for case in common::load_all() {
        let Some(data) = case.request.get("data").and_then(|d| d.as_object()) else {
            continue;
        };
        let other_check = case
            .request
            .get("check")
            .is_some_and(|c| c != "questionnaire");
        if !data.values().all(|v| v.is_object()) || other_check {
            continue;
        }
        let mut form = parcours_wasm::QuestionnaireForm::new(to_js(&case.request));
        for (section, fields) in data {
            for (field, value) in fields.as_object().into_iter().flatten() {
                form.set(
                    JsValue::from_str(&format!("{section}.{field}")),
                    to_js(value),
                );
            }
        }
        let incremental = from_js(&form.report());
        let full = from_js(&parcours_wasm::check(to_js(&case.request)));
        let codes = |r: &serde_json::Value| {
            let mut v: Vec<String> = r["findings"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|f| f["code"] != "unknown_field" && f["code"] != "too_many_unknown_fields")
                .map(|f| format!("{}@{}", f["code"], f["path"]))
                .collect();
            v.sort();
            v
        };
        assert_eq!(
            codes(&full),
            codes(&incremental),
            "{} / {}",
            case.file,
            case.name
        );
        assert_eq!(
            full["missing"], incremental["missing"],
            "{} / {}",
            case.file, case.name
        );
    }
}
