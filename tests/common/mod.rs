//! Questionnaire cases as data: the one loader and checker that both runners use —
//! `questionnaire_cases.rs` (native) and `wasm_cases.rs` (the WebAssembly build, in
//! Node and in Chromium). A case file is described in tests/cases/README.md.

#![allow(dead_code)]

use serde_json::{json, Map, Value};

/// Every case file, embedded so the WebAssembly runner needs no file system; the
/// native runner checks this list against the folder.
pub const CASE_FILES: &[(&str, &str)] = &[
    (
        "formats.json",
        include_str!("../cases/questionnaire/formats.json"),
    ),
    (
        "identity.json",
        include_str!("../cases/questionnaire/identity.json"),
    ),
    (
        "labour.json",
        include_str!("../cases/questionnaire/labour.json"),
    ),
    (
        "household.json",
        include_str!("../cases/questionnaire/household.json"),
    ),
    (
        "benefits.json",
        include_str!("../cases/questionnaire/benefits.json"),
    ),
    (
        "exit.json",
        include_str!("../cases/questionnaire/exit.json"),
    ),
    (
        "follow_up.json",
        include_str!("../cases/questionnaire/follow_up.json"),
    ),
    (
        "hostile.json",
        include_str!("../cases/questionnaire/hostile.json"),
    ),
    (
        "request.json",
        include_str!("../cases/questionnaire/request.json"),
    ),
];
pub const BASES: &str = include_str!("../cases/questionnaire/_bases.json");

/// Eligibility case files: one per programme (tests/cases/README.md).
pub const ELIGIBILITY_FILES: &[(&str, &str)] = &[
    (
        "plie-flandre-lys.json",
        include_str!("../cases/eligibility/plie-flandre-lys.json"),
    ),
    (
        "plie-cotentin.json",
        include_str!("../cases/eligibility/plie-cotentin.json"),
    ),
    (
        "plie-boulonnais.json",
        include_str!("../cases/eligibility/plie-boulonnais.json"),
    ),
    (
        "ml-val-de-marque.json",
        include_str!("../cases/eligibility/ml-val-de-marque.json"),
    ),
    (
        "normandie-stare.json",
        include_str!("../cases/eligibility/normandie-stare.json"),
    ),
    (
        "normandie-activateur.json",
        include_str!("../cases/eligibility/normandie-activateur.json"),
    ),
    (
        "normandie-reconnaissance.json",
        include_str!("../cases/eligibility/normandie-reconnaissance.json"),
    ),
    (
        "entry-file.json",
        include_str!("../cases/eligibility/entry-file.json"),
    ),
    (
        "iae-diagnostic.json",
        include_str!("../cases/eligibility/iae-diagnostic.json"),
    ),
    (
        "requests.json",
        include_str!("../cases/eligibility/requests.json"),
    ),
];

/// Exit, follow-up and portfolio case files (tests/cases/README.md).
pub const EXIT_FILES: &[(&str, &str)] = &[
    (
        "plie-flandre-lys.json",
        include_str!("../cases/exits/plie-flandre-lys.json"),
    ),
    ("interim.json", include_str!("../cases/exits/interim.json")),
    ("proofs.json", include_str!("../cases/exits/proofs.json")),
    (
        "plie-boulonnais.json",
        include_str!("../cases/exits/plie-boulonnais.json"),
    ),
    (
        "ml-val-de-marque.json",
        include_str!("../cases/exits/ml-val-de-marque.json"),
    ),
    (
        "plie-cotentin.json",
        include_str!("../cases/exits/plie-cotentin.json"),
    ),
    (
        "follow-up-training.json",
        include_str!("../cases/exits/follow-up-training.json"),
    ),
    ("missing.json", include_str!("../cases/exits/missing.json")),
    (
        "follow-up.json",
        include_str!("../cases/exits/follow-up.json"),
    ),
    (
        "portfolio.json",
        include_str!("../cases/exits/portfolio.json"),
    ),
    ("renewal.json", include_str!("../cases/exits/renewal.json")),
    (
        "requests.json",
        include_str!("../cases/exits/requests.json"),
    ),
];

/// Fields whose text is personal: no message may contain what they hold.
const PERSONAL: &[&str] = &[
    "facts.birth_date",
    "identity.last_name",
    "identity.first_name",
    "identity.birth_date",
    "identity.nir",
    "contact.address",
    "contact.email",
    "contact.phone",
];

/// A case ready to run: the request to send and what must come back.
#[derive(Clone, Debug)]
pub struct Case {
    pub file: String,
    pub name: String,
    pub rule: String,
    pub request: Value,
    pub expect: Value,
}

/// Reads every case of every file: questionnaire cases, then eligibility cases.
pub fn load_all() -> Vec<Case> {
    let mut cases = load_questionnaire();
    cases.extend(load_eligibility());
    cases.extend(load_exits());
    cases
}

/// Exit, follow-up and portfolio cases: the file's `request`; a case's `programme`,
/// dates, `locale`, `check`, `events`, `exits`, `referents` replace the file's, its
/// `exit` is merged into the file's (a `null` removes a field), its `add_events` are
/// appended to the events; or the case's own whole `request`.
pub fn load_exits() -> Vec<Case> {
    let mut cases = Vec::new();
    for (file, text) in EXIT_FILES {
        let doc: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{file}: {e}"));
        for raw in doc["cases"]
            .as_array()
            .unwrap_or_else(|| panic!("{file}: no cases"))
        {
            let name = raw["name"]
                .as_str()
                .unwrap_or_else(|| panic!("{file}: a case has no name"));
            let rule = raw["rule"]
                .as_str()
                .unwrap_or_else(|| panic!("{file} / {name}: no rule"));
            let expect = raw
                .get("expect")
                .cloned()
                .unwrap_or_else(|| panic!("{file} / {name}: no expect"));
            assert!(
                expect.get("valid").is_some_and(Value::is_boolean),
                "{file} / {name}: expect.valid"
            );
            let request = match raw.get("request") {
                Some(r) => r.clone(),
                None => {
                    let mut r = doc["request"].clone();
                    for key in [
                        "programme",
                        "exit_date",
                        "entry_date",
                        "reference_date",
                        "from",
                        "to",
                        "locale",
                        "check",
                        "events",
                        "exits",
                        "referents",
                    ] {
                        match raw.get(key) {
                            Some(Value::Null) => {
                                r.as_object_mut().map(|o| o.remove(key));
                            }
                            Some(v) => r[key] = v.clone(),
                            None => {}
                        }
                    }
                    if let Some(changes) = raw.get("exit").and_then(Value::as_object) {
                        if !r["exit"].is_object() {
                            r["exit"] = json!({});
                        }
                        let target = r["exit"].as_object_mut().expect("an object");
                        for (k, v) in changes {
                            if v.is_null() {
                                target.remove(k);
                            } else {
                                target.insert(k.clone(), v.clone());
                            }
                        }
                    }
                    if let Some(more) = raw.get("add_events").and_then(Value::as_array) {
                        if !r["events"].is_array() {
                            r["events"] = json!([]);
                        }
                        let events = r["events"].as_array_mut().expect("an array");
                        events.extend(more.iter().cloned());
                    }
                    r
                }
            };
            cases.push(Case {
                file: format!("exits/{file}"),
                name: name.into(),
                rule: rule.into(),
                request,
                expect,
            });
        }
    }
    cases
}

/// Whether `actual` holds `expected`: objects by their listed keys, arrays of objects
/// as "each expected item matches a distinct actual item" (any order), anything else
/// equal (numbers as numbers). Returns what differs.
pub fn subset(expected: &Value, actual: &Value, at: &str) -> Result<(), String> {
    match (expected, actual) {
        (Value::Object(want), Value::Object(got)) => {
            for (k, w) in want {
                let g = got.get(k).unwrap_or(&Value::Null);
                subset(w, g, &format!("{at}.{k}"))?;
            }
            Ok(())
        }
        (Value::Array(want), Value::Array(got)) if want.iter().all(Value::is_object) => {
            let mut used = vec![false; got.len()];
            for w in want {
                let found = got
                    .iter()
                    .enumerate()
                    .find(|(i, g)| !used[*i] && subset(w, g, at).is_ok());
                match found {
                    Some((i, _)) => used[i] = true,
                    None => return Err(format!("{at}: no item matches {w} in {actual}")),
                }
            }
            Ok(())
        }
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => Ok(()),
        (w, g) if w == g => Ok(()),
        (w, g) => Err(format!("{at}: expected {w}, got {g}")),
    }
}

/// Eligibility cases: the file's `request`, with the case's `facts` merged in (a
/// `null` removes a fact) and its `programme`, `decision_date`, `locale` replacing the
/// file's; or the case's own whole `request`.
pub fn load_eligibility() -> Vec<Case> {
    let mut cases = Vec::new();
    for (file, text) in ELIGIBILITY_FILES {
        let doc: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{file}: {e}"));
        for raw in doc["cases"]
            .as_array()
            .unwrap_or_else(|| panic!("{file}: no cases"))
        {
            let name = raw["name"]
                .as_str()
                .unwrap_or_else(|| panic!("{file}: a case has no name"));
            let rule = raw["rule"]
                .as_str()
                .unwrap_or_else(|| panic!("{file} / {name}: no rule"));
            let expect = raw
                .get("expect")
                .cloned()
                .unwrap_or_else(|| panic!("{file} / {name}: no expect"));
            assert!(
                expect.get("valid").is_some_and(Value::is_boolean),
                "{file} / {name}: expect.valid"
            );
            let request = match raw.get("request") {
                Some(r) => r.clone(),
                None => {
                    let mut r = doc["request"].clone();
                    for key in ["programme", "decision_date", "locale", "check"] {
                        if let Some(v) = raw.get(key) {
                            r[key] = v.clone();
                        }
                    }
                    for part in ["facts", "file"] {
                        let Some(changes) = raw.get(part).and_then(Value::as_object) else {
                            continue;
                        };
                        let target = r[part]
                            .as_object_mut()
                            .unwrap_or_else(|| panic!("{file}: request.{part}"));
                        for (k, v) in changes {
                            if v.is_null() {
                                target.remove(k);
                            } else {
                                target.insert(k.clone(), v.clone());
                            }
                        }
                    }
                    r
                }
            };
            cases.push(Case {
                file: format!("eligibility/{file}"),
                name: name.into(),
                rule: rule.into(),
                request,
                expect,
            });
        }
    }
    cases
}

/// Reads every questionnaire case.
pub fn load_questionnaire() -> Vec<Case> {
    let bases: Value = serde_json::from_str(BASES).expect("_bases.json is JSON");
    let mut cases = Vec::new();
    for (file, text) in CASE_FILES {
        let doc: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{file}: {e}"));
        let base = doc.get("base").and_then(Value::as_str);
        let list = doc
            .get("cases")
            .and_then(Value::as_array)
            .unwrap_or_else(|| panic!("{file}: no cases"));
        for raw in list {
            cases.push(expand(file, base, &bases, raw));
        }
    }
    cases
}

fn expand(file: &str, base: Option<&str>, bases: &Value, raw: &Value) -> Case {
    let name = raw
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("{file}: a case has no name"));
    let whoami = format!("{file} / {name}");
    let rule = raw
        .get("rule")
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("{whoami}: no rule"));
    let expect = raw
        .get("expect")
        .cloned()
        .unwrap_or_else(|| panic!("{whoami}: no expect"));
    assert!(
        expect.get("valid").is_some_and(Value::is_boolean),
        "{whoami}: expect.valid"
    );
    let base_name = raw.get("base").and_then(Value::as_str).or(base);
    let request = if let Some(request) = raw.get("request") {
        request.clone()
    } else {
        let mut request = match base_name {
            Some(b) => bases
                .get(b)
                .cloned()
                .unwrap_or_else(|| panic!("{whoami}: no base {b}")),
            None => {
                json!({ "check": "questionnaire", "phase": "entry", "reference_date": "2026-11-23", "data": {} })
            }
        };
        for key in ["phase", "reference_date", "locale", "options", "check"] {
            if let Some(v) = raw.get(key) {
                request[key] = v.clone();
            }
        }
        if let Some(data) = raw.get("data") {
            request["data"] = data.clone();
        }
        if let Some(unset) = raw.get("unset").and_then(Value::as_array) {
            for path in unset.iter().filter_map(Value::as_str) {
                let (section, field) = path
                    .split_once('.')
                    .unwrap_or_else(|| panic!("{whoami}: unset {path}"));
                if let Some(s) = request["data"]
                    .get_mut(section)
                    .and_then(Value::as_object_mut)
                {
                    s.remove(field);
                }
            }
        }
        if let Some(set) = raw.get("set").and_then(Value::as_object) {
            for (path, value) in set {
                match path.split_once('.') {
                    Some((section, field)) => {
                        let data = request["data"]
                            .as_object_mut()
                            .unwrap_or_else(|| panic!("{whoami}: data"));
                        let s = data
                            .entry(section)
                            .or_insert_with(|| Value::Object(Map::new()));
                        if !s.is_object() {
                            *s = Value::Object(Map::new());
                        }
                        s[field] = value.clone();
                    }
                    None => request["data"][path] = value.clone(),
                }
            }
        }
        request
    };
    Case {
        file: file.to_string(),
        name: name.to_string(),
        rule: rule.to_string(),
        request,
        expect,
    }
}

/// Runs every case through `run` (one runtime's way of answering a request) and fails
/// with the list of cases whose report does not meet their expectations.
pub fn assert_all_pass(cases: &[Case], run: impl Fn(&Value) -> Value) {
    assert!(cases.len() >= 60, "only {} cases", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| verify(c, &run(&c.request)).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// Compares a report (as JSON, from either runtime) with the case's expectations.
pub fn verify(case: &Case, report: &Value) -> Result<(), String> {
    let e = &case.expect;
    let mut problems = Vec::new();
    let findings = report
        .get("findings")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if report.get("valid") != e.get("valid") {
        problems.push(format!(
            "valid: expected {}, got {}",
            e["valid"], report["valid"]
        ));
    }
    if let Some(expected) = e.get("findings").and_then(Value::as_array) {
        let key = |f: &Value| {
            format!(
                "{} @ {}",
                f["code"].as_str().unwrap_or("?"),
                f["path"].as_str().unwrap_or("?")
            )
        };
        let mut got: Vec<String> = findings.iter().map(key).collect();
        let mut want: Vec<String> = expected.iter().map(key).collect();
        got.sort();
        want.sort();
        if got != want {
            problems.push(format!("findings: expected {want:?}, got {got:?}"));
        }
        for w in expected {
            let Some(g) = findings.iter().find(|f| key(f) == key(w)) else {
                continue;
            };
            for attr in ["severity", "rule"] {
                if let Some(v) = w.get(attr) {
                    if g.get(attr) != Some(v) {
                        problems.push(format!("{}: {attr} expected {v}, got {}", key(w), g[attr]));
                    }
                }
            }
            if let Some(params) = w.get("params").and_then(Value::as_object) {
                for (k, v) in params {
                    if g["params"].get(k) != Some(v) {
                        problems.push(format!(
                            "{}: params.{k} expected {v}, got {}",
                            key(w),
                            g["params"]
                        ));
                    }
                }
            }
        }
    }
    let missing: Vec<&str> = report["missing"]
        .as_array()
        .map(|m| m.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if let Some(expected) = e.get("missing").and_then(Value::as_array) {
        let want: Vec<&str> = expected.iter().filter_map(Value::as_str).collect();
        if missing != want {
            problems.push(format!("missing: expected {want:?}, got {missing:?}"));
        }
    }
    for p in e
        .get("missing_includes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        if !missing.contains(&p) {
            problems.push(format!("missing should include {p}: {missing:?}"));
        }
    }
    for p in e
        .get("missing_excludes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        if missing.contains(&p) {
            problems.push(format!("missing should not include {p}"));
        }
    }
    if let Some(derived) = e.get("derived").and_then(Value::as_object) {
        for (k, v) in derived {
            if report["derived"].get(k).unwrap_or(&Value::Null) != v {
                problems.push(format!(
                    "derived.{k}: expected {v}, got {}",
                    report["derived"]
                ));
            }
        }
    }
    let decision = &report["decision"];
    if let Some(outcome) = e.get("outcome") {
        if decision.get("outcome") != Some(outcome) {
            problems.push(format!(
                "outcome: expected {outcome}, got {}",
                decision["outcome"]
            ));
        }
    }
    if let Some(rules) = e.get("rules").and_then(Value::as_object) {
        for (id, want) in rules {
            let got: Vec<&Value> = decision["rules"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|r| r["rule"] == id.as_str())
                .map(|r| &r["status"])
                .collect();
            let matches = match want {
                Value::Array(list) => {
                    got.len() == list.len() && got.iter().zip(list).all(|(g, w)| *g == w)
                }
                single => !got.is_empty() && got.iter().all(|g| *g == single),
            };
            if !matches {
                problems.push(format!("rule {id}: expected {want}, got {got:?}"));
            }
        }
    }
    if let Some(derogation) = e.get("derogation") {
        let got = &decision["derogation"];
        let ok = match derogation.as_object() {
            Some(fields) => fields.iter().all(|(k, v)| got.get(k) == Some(v)),
            None => got.is_null() == derogation.is_null(),
        };
        if !ok {
            problems.push(format!("derogation: expected {derogation}, got {got}"));
        }
    }
    if let Some(publics) = e.get("priority_publics") {
        if decision.get("priority_publics") != Some(publics) {
            problems.push(format!(
                "priority_publics: expected {publics}, got {}",
                decision["priority_publics"]
            ));
        }
    }
    for part in ["exit", "follow_up", "portfolio"] {
        if let Some(want) = e.get(part) {
            if let Err(why) = subset(want, &report[part], part) {
                problems.push(why);
            }
        }
    }
    if let Some(c) = e.get("completeness") {
        if report.get("completeness").and_then(Value::as_f64) != c.as_f64() {
            problems.push(format!(
                "completeness: expected {c}, got {}",
                report["completeness"]
            ));
        }
    }
    // Every case: messages exist, come in the requested language's words, and never
    // echo a personal value.
    let personal: Vec<String> = PERSONAL
        .iter()
        .filter_map(|p| {
            let (s, f) = p.split_once('.')?;
            let v = match s {
                "facts" => case.request.get("facts")?.get(f)?,
                _ => case.request.get("data")?.get(s)?.get(f)?,
            };
            let v = v.as_str()?.trim().to_string();
            (v.chars().count() >= 3).then_some(v)
        })
        .collect();
    for f in &findings {
        let message = f["message"].as_str().unwrap_or("");
        if message.is_empty() {
            problems.push(format!("{} has no message", f["code"]));
        }
        if message.contains('{') {
            problems.push(format!("{} has an unfilled message: {message}", f["code"]));
        }
        for v in &personal {
            if message.contains(v.as_str()) || f["params"].to_string().contains(v.as_str()) {
                problems.push(format!("{} echoes a personal value", f["code"]));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} / {} ({}):\n  {}",
            case.file,
            case.name,
            case.rule,
            problems.join("\n  ")
        ))
    }
}
