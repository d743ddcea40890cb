//! Only questions that can change the answer, over generated requests (proptest):
//!
//! 1. eligibility, for every version of every programme: each fact listed in `missing`
//!    can change the outcome — some completion of the other missing facts gives two
//!    different outcomes for two values of it; an `incomplete` outcome always lists
//!    what it needs, and an outcome the given facts decide lists nothing;
//! 2. the entry file, for every programme with an entry procedure: each gap listed in
//!    `missing` changes the answer (its validity or completeness) once filled.
//!
//! Facts are drawn from values near the rules' boundaries: ages around each bound, dates
//! exactly N months and N months and a day before the decision, communes inside, just
//! outside and sharing a postal code, IAE criteria with fresh and stale proofs.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use chrono::NaiveDate;
use parcours::calendar::{add_months, iso, sub_months};
use parcours::programme::{all, Programme, Table};
use parcours::{Json, Locale};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// The runner of a property: a fixed seed, so a run in CI is the run tested here;
/// `MISSING_RANDOM=1` draws new requests (to look further, as a fuzz run does).
fn runner(config: Config) -> TestRunner {
    if std::env::var_os("MISSING_RANDOM").is_some() {
        TestRunner::new(config)
    } else {
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha))
    }
}
use serde_json::{json, Map, Value};

fn run(request: &Value) -> Value {
    let request: Json = serde_json::from_value(request.clone()).expect("JSON");
    serde_json::to_value(parcours::check(&request)).expect("a report serialises")
}

fn date((y, m, d): (i32, u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a programme date")
}

/// A decision date inside the version's validity, not a month's end.
fn decision_date(p: &Programme) -> NaiveDate {
    let from = date(p.dates[0]);
    let to = date(p.dates[1]);
    let mid = add_months(from, 5).expect("in range").with_day_checked(15);
    if mid <= to {
        mid
    } else {
        from
    }
}

trait Day {
    fn with_day_checked(self, day: u32) -> NaiveDate;
}
impl Day for NaiveDate {
    fn with_day_checked(self, day: u32) -> NaiveDate {
        use chrono::Datelike;
        self.with_day(day).unwrap_or(self)
    }
}

/// Values a fact may take, chosen near the rules' boundaries.
fn candidates(
    p: &Programme,
    fact: &str,
    kind: &str,
    choices: &[String],
    on: NaiveDate,
) -> Vec<Value> {
    let back = |months: u32| iso(sub_months(on, months).expect("in range"));
    let back_day = |months: u32| {
        iso(sub_months(on, months)
            .and_then(|d| d.pred_opt())
            .expect("in range"))
    };
    match (fact, kind) {
        ("birth_date", _) => [15u32, 16, 25, 26, 27, 49, 50, 60, 121]
            .iter()
            .flat_map(|y| [back(12 * y), back_day(12 * y)])
            .map(Value::from)
            .collect(),
        ("rqth_end_date", _) => vec![
            json!(iso(on)),
            json!(iso(on.pred_opt().expect("in range"))),
            json!(iso(add_months(on, 12).expect("in range"))),
        ],
        (_, "date") => [1u32, 4, 6, 13]
            .iter()
            .flat_map(|m| [back(*m), back_day(*m)])
            .chain([iso(on)])
            .map(Value::from)
            .collect(),
        (_, "boolean") => vec![json!(true), json!(false)],
        ("iae_criteria", _) => {
            let fresh = back(1);
            let stale = back(13);
            vec![
                json!({}),
                json!({ "rsa": fresh }),
                json!({ "rsa": stale }),
                json!({ "qpv": fresh, "deld": fresh }),
                json!({ "qpv": fresh, "deld": fresh, "education_level_3_or_below": fresh }),
                json!({ "senior": true, "young": true, "qpv": fresh }),
                json!({ "rsa": false }),
            ]
        }
        ("commune_insee" | "postal_code" | "commune_name", _) => places(p, fact),
        _ if !choices.is_empty() => choices.iter().map(|c| json!(c)).collect(),
        _ => vec![json!("x")],
    }
}

/// Communes inside, outside, and a postal code shared across the territory's edge.
fn places(p: &Programme, fact: &str) -> Vec<Value> {
    let (inside, outside) = match p.territory.table() {
        Some(t) => (
            t.communes.iter().take(2).collect::<Vec<_>>(),
            t.neighbours.iter().take(2).collect::<Vec<_>>(),
        ),
        _ => (Vec::new(), Vec::new()),
    };
    let shared: Vec<String> = match p.territory.table() {
        Some(Table {
            communes,
            neighbours,
            ..
        }) => ["59840", "50500", "85110", "59390", "62930", "50620"]
            .iter()
            .filter(|code| {
                communes.iter().any(|c| c.has_postal_code(code))
                    && neighbours.iter().any(|c| c.has_postal_code(code))
            })
            .map(|c| c.to_string())
            .collect(),
        _ => Vec::new(),
    };
    match fact {
        "commune_insee" => inside
            .iter()
            .chain(outside.iter())
            .map(|c| json!(c.insee))
            .chain([json!("75056"), json!("14118"), json!("59017")])
            .collect(),
        "postal_code" => shared
            .iter()
            .map(|c| json!(c))
            .chain(territory_postal_codes(&p.id))
            .chain(["75011", "14000", "59280", "50000", "62200", "59510"].map(|c| json!(c)))
            .collect(),
        _ => inside
            .iter()
            .chain(outside.iter())
            .map(|c| json!(c.name))
            .chain(sharing(p, &shared))
            .chain([
                json!("Prémesques"),
                json!("Raids"),
                json!("Carentan-les-Marais"),
            ])
            .collect(),
    }
}

/// The names of a commune inside and one outside for each shared postal code.
fn sharing(p: &Programme, shared: &[String]) -> Vec<Value> {
    let Some(Table {
        communes,
        neighbours,
        ..
    }) = p.territory.table()
    else {
        return Vec::new();
    };
    shared
        .iter()
        .flat_map(|code| {
            let inside = communes.iter().find(|c| c.has_postal_code(code));
            let outside = neighbours.iter().find(|c| c.has_postal_code(code));
            inside.into_iter().chain(outside).map(|c| json!(c.name))
        })
        .collect()
}

/// The first postal code of a commune inside and of one outside, from the territory
/// file, when the programme has one.
fn territory_postal_codes(id: &str) -> Vec<Value> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("programmes/territories")
        .join(format!("{id}.json"));
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    let t: Value = serde_json::from_str(&text).expect("a territory file");
    ["communes", "neighbours"]
        .iter()
        .filter_map(|k| t[k][0]["postal_codes"][0].as_str().map(|c| json!(c)))
        .collect()
}

struct Case {
    programme: &'static Programme,
    on: NaiveDate,
    /// Every fact the programme reads, with its candidate values.
    facts: Vec<(String, Vec<Value>)>,
}

fn cases() -> Vec<Case> {
    let summaries = parcours::programmes(Locale::Fr);
    all()
        .into_iter()
        .map(|p| {
            let on = decision_date(p);
            let summary = summaries.iter().find(|s| s.id == p.id).expect("listed");
            let facts = summary
                .facts
                .iter()
                .map(|f| {
                    (
                        f.name.to_string(),
                        candidates(p, f.name, f.kind, &f.choices, on),
                    )
                })
                .collect();
            Case {
                programme: p,
                on,
                facts,
            }
        })
        .collect()
}

fn request(case: &Case, facts: &Map<String, Value>) -> Value {
    json!({
        "check": "eligibility",
        "programme": case.programme.id,
        "decision_date": iso(case.on),
        "facts": facts,
    })
}

fn outcome(report: &Value) -> String {
    report["decision"]["outcome"]
        .as_str()
        .unwrap_or("none")
        .to_string()
}

fn missing(report: &Value) -> Vec<String> {
    report["missing"]
        .as_array()
        .expect("missing is a list")
        .iter()
        .map(|m| {
            m.as_str()
                .expect("a path")
                .trim_start_matches("facts.")
                .to_string()
        })
        .collect()
}

/// A small deterministic generator for the completions.
struct Lcg(u64);
impl Lcg {
    fn pick(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// Checks the two properties on one request; `Err` says which fact broke which.
fn check_eligibility(case: &Case, given: &Map<String, Value>, seed: u64) -> Result<(), String> {
    let report = run(&request(case, given));
    let out = outcome(&report);
    let asked = missing(&report);
    let at = || {
        format!(
            "{} on {} with {}",
            case.programme.id,
            iso(case.on),
            Value::from(given.clone())
        )
    };
    if out != "incomplete" {
        if !asked.is_empty() {
            return Err(format!("{out} yet asks {asked:?}: {}", at()));
        }
        return Ok(());
    }
    if asked.is_empty() {
        return Err(format!("incomplete with nothing asked: {}", at()));
    }
    let values = |name: &str| {
        case.facts
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mut rng = Lcg(seed);
    // The outcome once every fact still asked is drawn (a fact asked only later, as a
    // commune's name after a shared postal code, is drawn when asked), `fixed` kept.
    let settle = |mut facts: Map<String, Value>, fixed: &str, draw: u64| -> String {
        let mut rng = Lcg(draw);
        for _ in 0..8 {
            let report = run(&request(case, &facts));
            if outcome(&report) != "incomplete" {
                return outcome(&report);
            }
            let mut drawn = false;
            for m in missing(&report) {
                let vs = values(&m);
                if m != fixed && !vs.is_empty() {
                    facts.insert(m, vs[rng.pick(vs.len())].clone());
                    drawn = true;
                }
            }
            if !drawn {
                break;
            }
        }
        "incomplete".into()
    };
    // A completion that leans towards eligibility: each fact still asked (`fixed`
    // aside) takes, one at a time in the order asked, a value that does not make the
    // person not eligible, when there is one.
    let lean = |mut facts: Map<String, Value>, fixed: &str, draw: u64| -> Map<String, Value> {
        let mut rng = Lcg(draw);
        for _ in 0..12 {
            let report = run(&request(case, &facts));
            if outcome(&report) != "incomplete" {
                break;
            }
            let Some(next) = missing(&report).into_iter().find(|m| m != fixed) else {
                break;
            };
            let vs = values(&next);
            if vs.is_empty() {
                break;
            }
            // Best: a value that settles this fact (it is no longer asked) without
            // refusing; then one that does not refuse; then any.
            let start = rng.pick(vs.len());
            let mut chosen = (0, vs[start].clone());
            for k in 0..vs.len() {
                let v = &vs[(start + k) % vs.len()];
                facts.insert(next.clone(), v.clone());
                let report = run(&request(case, &facts));
                let refused = outcome(&report) == "not_eligible";
                let settled = !missing(&report).contains(&next);
                let rank = match (refused, settled) {
                    (false, true) => 2,
                    (false, false) => 1,
                    _ => 0,
                };
                if rank > chosen.0 {
                    chosen = (rank, v.clone());
                }
                if rank == 2 {
                    break;
                }
            }
            facts.insert(next, chosen.1);
        }
        facts
    };
    for fact in &asked {
        let own = values(fact);
        if own.is_empty() {
            return Err(format!(
                "asks {fact}, which the programme does not list: {}",
                at()
            ));
        }
        let mut changes = false;
        // Completions: one leaning completion per value of the fact, then random ones.
        let mut completions: Vec<Map<String, Value>> = Vec::new();
        for v in &own {
            let mut start = given.clone();
            start.insert(fact.clone(), v.clone());
            completions.push(lean(start, fact, rng.pick(usize::MAX) as u64));
        }
        for _ in 0..16 {
            let mut completion = given.clone();
            for other in asked.iter().filter(|o| *o != fact) {
                let vs = values(other);
                if !vs.is_empty() {
                    completion.insert(other.clone(), vs[rng.pick(vs.len())].clone());
                }
            }
            completions.push(completion);
        }
        // Whether the fact's values give two outcomes on this completion.
        // Several draws of the facts still asked: one draw may settle every value of the
        // fact the same way by chance.
        let mut matters = |mut completion: Map<String, Value>| {
            for _ in 0..4 {
                let mut seen = BTreeSet::new();
                let draw = rng.pick(usize::MAX) as u64;
                for v in &own {
                    completion.insert(fact.clone(), v.clone());
                    seen.insert(settle(completion.clone(), fact, draw));
                    let leant = lean(completion.clone(), fact, draw);
                    seen.insert(outcome(&run(&request(case, &leant))));
                    if seen.len() > 1 {
                        return true;
                    }
                }
            }
            false
        };
        let leaning = completions.len().min(own.len());
        'samples: for (i, completion) in completions.iter().enumerate() {
            if matters(completion.clone()) {
                changes = true;
                break 'samples;
            }
            // Around a leaning completion: every other drawn fact, one at a time.
            if i < leaning {
                for (other, _) in completion
                    .iter()
                    .filter(|(k, _)| !given.contains_key(*k) && *k != fact)
                {
                    for w in values(other) {
                        let mut near = completion.clone();
                        near.insert(other.clone(), w);
                        if matters(near) {
                            changes = true;
                            break 'samples;
                        }
                    }
                }
            }
        }
        if !changes {
            return Err(format!(
                "asks {fact}, whose values never change the outcome: {}",
                at()
            ));
        }
    }
    Ok(())
}

fn strategy(case: &Case) -> BoxedStrategy<Map<String, Value>> {
    let parts: Vec<BoxedStrategy<Option<(String, Value)>>> = case
        .facts
        .iter()
        .map(|(name, values)| {
            let name = name.clone();
            proptest::option::weighted(0.55, proptest::sample::select(values.clone()))
                .prop_map(move |v| v.map(|v| (name.clone(), v)))
                .boxed()
        })
        .collect();
    parts
        .prop_map(|pairs| pairs.into_iter().flatten().collect::<Map<String, Value>>())
        .boxed()
}

#[test]
fn every_fact_asked_can_change_the_eligibility_outcome() {
    let cases = cases();
    assert!(cases.len() >= 9, "every programme version");
    for case in &cases {
        let mut runner = runner(Config {
            cases: 64,
            failure_persistence: None,
            ..Config::default()
        });
        let result = runner.run(&(strategy(case), any::<u64>()), |(facts, seed)| {
            check_eligibility(case, &facts, seed).map_err(TestCaseError::fail)
        });
        if let Err(e) = result {
            panic!("{}: {e}", case.programme.id);
        }
    }
}

#[test]
fn decided_outcomes_ask_nothing_on_the_boundaries() {
    // Deterministic examples the generator may miss: everything given.
    for case in &cases() {
        let mut all = Map::new();
        for (name, values) in &case.facts {
            all.insert(name.clone(), values[0].clone());
        }
        check_eligibility(case, &all, 7).unwrap();
        // Nothing given at all.
        check_eligibility(case, &Map::new(), 11).unwrap();
    }
}

// ---------------------------------------------------------------------------------
// The entry file: each gap named, once filled, changes the answer.

const ENTRY: &str = include_str!("cases/eligibility/entry-file.json");

fn entry_case(p: &Programme) -> Option<(Value, Vec<String>)> {
    let procedure = p.procedure.as_ref()?;
    let on = decision_date(p);
    let cases: Value = serde_json::from_str(ENTRY).expect("JSON");
    let mut questionnaire = cases["request"]["file"]["questionnaire"].clone();
    questionnaire["operation"]["entry_date"] = json!(iso(on));
    questionnaire["situation"]["unemployment_start_date"] =
        json!(iso(sub_months(on, 24).expect("in range")));
    let step = |months: u32| json!(iso(sub_months(on, months).expect("in range")));
    let mut file = Map::new();
    file.insert("information_meeting_date".into(), step(3));
    file.insert("diagnostic_date".into(), step(2));
    file.insert("committee_date".into(), step(1));
    file.insert("committee_decision".into(), json!("accepted"));
    file.insert("contract_signed_date".into(), json!(iso(on)));
    file.insert("interview_dates".into(), json!([step(2), step(1)]));
    file.insert("questionnaire".into(), questionnaire);
    file.insert(
        "proofs".into(),
        json!(procedure.proofs.iter().collect::<Vec<_>>()),
    );
    let request =
        json!({ "check": "entry_file", "programme": p.id, "decision_date": iso(on), "file": file });
    let keys = file.keys().cloned().collect();
    Some((request, keys))
}

/// The answer of an entry-file check: validity and completeness.
fn answer(report: &Value) -> (bool, String) {
    (
        report["valid"].as_bool().expect("valid"),
        report["completeness"].to_string(),
    )
}

/// Puts back, at a missing path (`file.x`, `file.proofs.y`, `file.questionnaire.a.b`),
/// the complete file's value.
fn fill(file: &mut Value, complete: &Value, path: &str) {
    let rest = path.trim_start_matches("file.");
    if let Some(proof) = rest.strip_prefix("proofs.") {
        if !file["proofs"].is_array() {
            file["proofs"] = json!([]);
        }
        if let Some(list) = file["proofs"].as_array_mut() {
            list.push(json!(proof));
        }
        return;
    }
    let parts: Vec<&str> = rest.split('.').collect();
    let mut target = file;
    let mut source = complete;
    for (i, part) in parts.iter().enumerate() {
        source = &source[*part];
        if i + 1 == parts.len() {
            target[*part] = source.clone();
        } else {
            if !target[*part].is_object() {
                target[*part] = json!({});
            }
            target = &mut target[*part];
        }
    }
}

#[test]
fn every_gap_of_an_entry_file_changes_the_answer() {
    let programmes: Vec<&Programme> = all()
        .into_iter()
        .filter(|p| p.procedure.is_some())
        .collect();
    assert!(programmes.len() >= 4);
    for p in programmes {
        let (complete, keys) = entry_case(p).expect("a procedure");
        assert_eq!(run(&complete)["valid"], true, "{}: the complete file", p.id);
        let strategy = (
            proptest::sample::subsequence(keys.clone(), 0..=keys.len()),
            proptest::sample::select(vec!["accepted", "refused", "deferred"]),
        );
        let mut runner = runner(Config {
            cases: 96,
            failure_persistence: None,
            ..Config::default()
        });
        let result = runner.run(&strategy, |(removed, decision)| {
            let mut request = complete.clone();
            for key in &removed {
                request["file"].as_object_mut().expect("a file").remove(key);
            }
            if request["file"].get("committee_decision").is_some() {
                request["file"]["committee_decision"] = json!(decision);
            }
            let report = run(&request);
            for gap in missing(&report) {
                // Every other gap filled (those asked only once others are filled too),
                // this one left open: filling it must change the answer.
                let mut others = request.clone();
                for _ in 0..4 {
                    let open: Vec<String> = missing(&run(&others))
                        .into_iter()
                        .filter(|m| *m != gap)
                        .collect();
                    if open.is_empty() {
                        break;
                    }
                    for m in open {
                        fill(&mut others["file"], &complete["file"], &m);
                    }
                }
                let before = answer(&run(&others));
                let mut filled = others.clone();
                fill(&mut filled["file"], &complete["file"], &gap);
                let after = answer(&run(&filled));
                prop_assert!(
                    after != before,
                    "{}: filling {gap} changes nothing ({before:?}) in {}",
                    p.id,
                    others["file"]
                );
            }
            Ok(())
        });
        if let Err(e) = result {
            panic!("{e}");
        }
    }
}
