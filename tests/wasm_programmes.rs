//! `registerProgramme` through the WebAssembly binding, in Node, built with the
//! features of the package's `parcours_programmes` module (the default `exits` and
//! `register`; tests/js/programmes.test.mjs runs the shipped one): a malformed programme file is an answer with its
//! place, never a trap, and leaves the module answering with the programmes it had; a
//! valid one answers checks at once (tests/programmes.rs has the same hostile files
//! natively).

#![cfg(target_arch = "wasm32")]

use serde_json::{json, Value};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn from_js(value: &JsValue) -> Value {
    let text = js_sys::JSON::stringify(value)
        .expect("an answer is JSON")
        .as_string()
        .unwrap_or_default();
    serde_json::from_str(&text).expect("an answer is JSON")
}

fn programme(id: &str, from: &str, to: &str) -> Value {
    let mut v: Value =
        serde_json::from_str(include_str!("../programmes/plie-flandre-lys.json")).unwrap();
    v["id"] = json!(id);
    v["valid_from"] = json!(from);
    v["valid_to"] = json!(to);
    v
}

fn register(text: &str) -> Value {
    from_js(&parcours_wasm::register_programme(
        JsValue::from_str(text),
        JsValue::UNDEFINED,
    ))
}

fn eligibility(id: &str, date: &str) -> Value {
    let request = json!({
        "check": "eligibility", "programme": id, "decision_date": date,
        "facts": { "birth_date": "1980-01-01", "commune_insee": "59017" }
    });
    let request = js_sys::JSON::parse(&request.to_string()).unwrap();
    from_js(&parcours_wasm::check(request))
}

/// Refused with one problem at `path` whose French message contains `words`.
fn refused(text: &str, path: &str, words: &str) {
    let answer = register(text);
    assert_eq!(answer["registered"], false, "{answer}");
    let p = &answer["problems"][0];
    assert_eq!(p["path"], path, "{answer}");
    assert!(p["message"].as_str().unwrap().contains(words), "{answer}");
    assert!(p["line"].as_u64().unwrap() >= 1 && p["column"].as_u64().unwrap() >= 1);
}

#[wasm_bindgen_test]
fn hostile_programme_files_through_the_binding() {
    let base = || programme("plie-wasm", "2030-01-01", "2030-12-31");
    let text = base().to_string();
    refused(
        &text[..text.len() - 1],
        "(file)",
        "une accolade { n'est pas fermée",
    );
    refused(&text.replacen('}', ",}", 1), "(file)", "virgule en trop");
    refused(&format!("\u{feff}{text}"), "(file)", "BOM");
    let twice = text.replacen(
        "\"id\":\"plie-wasm\"",
        "\"id\":\"plie-wasm\",\"id\":\"plie-wasm\"",
        1,
    );
    refused(&twice, "(file)", "champ écrit deux fois");
    let mut v = base();
    v["rules"][2]["facts"] = json!(["pas_un_fait"]);
    refused(
        &v.to_string(),
        "rules[2].facts",
        "fait inconnu \"pas_un_fait\"",
    );
    // A fact the file declares twice (docs/programmes.md, « Faits déclarés »).
    let mut v = base();
    v["facts"] = json!([
        { "id": "neet", "kind": "yes_no", "label": { "fr": "NEET" } },
        { "id": "neet", "kind": "yes_no", "label": { "fr": "NEET" } }
    ]);
    v["rules"][2]["facts"] = json!(["neet"]);
    refused(&v.to_string(), "facts[1].id", "déclaré deux fois");
    let mut v = base();
    v["exits"]["routes"][0]["except"] = json!(["cdd_senior"]);
    refused(&v.to_string(), "exits.routes[0].except", "valeur inconnue");
    let mut v = base();
    v["territory"] = json!({ "departements": ["99"] });
    refused(
        &v.to_string(),
        "territory.departements[0]",
        "code de département inconnu",
    );
    let mut v = base();
    v["rules"][1]["min"] = json!("vingt-six");
    refused(&v.to_string(), "(file)", "type invalide");
    let mut big = text.clone();
    big.insert_str(1, &format!("\"_\": \"{}\",", "x".repeat(10 * 1024 * 1024)));
    refused(&big, "(file)", "fichier trop grand");
    // Not a text at all.
    let answer = from_js(&parcours_wasm::register_programme(
        JsValue::from_f64(5.0),
        JsValue::UNDEFINED,
    ));
    assert_eq!(answer["registered"], false);
    // English on request.
    let answer = from_js(&parcours_wasm::register_programme(
        JsValue::from_str(&twice),
        JsValue::from_str("en"),
    ));
    assert!(answer["problems"][0]["message"]
        .as_str()
        .unwrap()
        .contains("duplicate field"));
    // Nothing was registered; the built-in programmes still answer.
    assert_eq!(
        eligibility("plie-wasm", "2030-06-01")["findings"][0]["code"],
        "unknown_programme"
    );
    assert_eq!(
        eligibility("plie-flandre-lys", "2017-06-01")["decision"]["programme"]["id"],
        "plie-flandre-lys"
    );
}

#[wasm_bindgen_test]
fn a_registered_programme_answers_through_the_binding() {
    let answer = register(&programme("plie-wasm-ok", "2030-01-01", "2030-12-31").to_string());
    assert_eq!(answer["registered"], true, "{answer}");
    assert_eq!(answer["status"], "new");
    let overlapping = programme("plie-wasm-ok", "2030-06-01", "2031-06-30").to_string();
    refused(&overlapping, "valid_from", "chevauche");
    let report = eligibility("plie-wasm-ok", "2030-06-01");
    assert_eq!(report["decision"]["programme"]["id"], "plie-wasm-ok");
    let list = from_js(&parcours_wasm::programmes(JsValue::UNDEFINED));
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["id"] == "plie-wasm-ok"));
    // 10,000 rules: refused with its place (at most 500 a file); 500 are read.
    let mut v = programme("plie-wasm-regles", "2030-01-01", "2030-12-31");
    let mut rule = v["rules"][2].clone();
    rule["source"] = json!("Cahier des charges, §1");
    v["rules"] = Value::Array(vec![rule.clone(); 10_000]);
    refused(&v.to_string(), "rules", "au plus 500 règles");
    v["rules"] = Value::Array(vec![rule; 500]);
    assert_eq!(register(&v.to_string())["registered"], true);
}

#[wasm_bindgen_test]
fn check_programme_keeps_nothing() {
    let text = programme("plie-wasm-vu", "2030-01-01", "2030-12-31").to_string();
    let problems = |text: &str, locale: JsValue| {
        from_js(&parcours_wasm::check_programme(
            JsValue::from_str(text),
            locale,
        ))
    };
    assert_eq!(problems(&text, JsValue::UNDEFINED), json!([]));
    let broken = problems(&text[..text.len() - 1], JsValue::from_str("en"));
    assert_eq!(broken[0]["code"], "programme_file_invalid", "{broken}");
    assert!(
        broken[0]["message"].as_str().unwrap().contains("EOF"),
        "{broken}"
    );
    let not_text = from_js(&parcours_wasm::check_programme(
        JsValue::NULL,
        JsValue::UNDEFINED,
    ));
    assert_eq!(not_text.as_array().map(Vec::len), Some(1));
    // Checked, not registered.
    assert_eq!(
        eligibility("plie-wasm-vu", "2030-06-01")["findings"][0]["code"],
        "unknown_programme"
    );
}
