//! Native throughput of the parcours core, questionnaires per second on one core.
//!
//! Criterion's method without its dependencies: each workload is warmed up, then its
//! loop is calibrated to last at least `--sample-ms`, then timed `--samples` times; the
//! median and the spread are printed as JSON, one object per workload. Workloads:
//! - `core`: `parcours::check` on requests already read (the rules and the report);
//! - `cli`: JSON text in, JSON text out, as the command-line program does per request;
//! - `keystroke`: one `Form::set` in a filled-in form;
//! - `update`: one `Form::update`, and `Form::changes` when it says something changed.
//!
//! The batch is the three base records of tests/cases/questionnaire/_bases.json and
//! variants of them with format and coherence errors: 1,000 questionnaires.

use std::hint::black_box;
use std::time::Instant;

use parcours::Json;
use serde_json::{json, Value};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |name: &str, default: u64| -> u64 {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    // `--only ID`: measure one workload (for a profiler); the others report no time.
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let runs = |id: &str| only.as_deref().is_none_or(|o| o == id);
    let samples = arg("--samples", 21) as usize;
    let sample_ms = arg("--sample-ms", 50) as f64;

    let texts = batch();
    let requests: Vec<Json> = texts
        .iter()
        .map(|t| serde_json::from_str(t).expect("JSON"))
        .collect();
    let invalid = requests
        .iter()
        .filter(|r| !parcours::check(r).valid)
        .count();

    let mut i = 0usize;
    let core = measure(runs("core"), samples, sample_ms, || {
        i = (i + 1) % requests.len();
        black_box(parcours::check(black_box(&requests[i])));
    });
    let mut i = 0usize;
    let cli = measure(runs("cli"), samples, sample_ms, || {
        i = (i + 1) % texts.len();
        let request: Json = serde_json::from_str(black_box(&texts[i])).expect("JSON");
        black_box(serde_json::to_string(&parcours::check(&request)).expect("serialises"));
    });
    let bases: Value = serde_json::from_str(BASES).expect("bases");
    let entry: Json = serde_json::from_value(bases["entry"].clone()).expect("entry");
    let mut form = parcours::form(&entry);
    form.load(entry.get("data").expect("data"));
    let typed: Vec<Json> = [
        "1",
        "19",
        "198",
        "1985",
        "1985-",
        "1985-0",
        "1985-05",
        "1985-05-",
        "1985-05-1",
        "1985-05-14",
    ]
    .iter()
    .map(|s| Json::String((*s).into()))
    .collect();
    let mut i = 0usize;
    let keystroke = measure(runs("keystroke"), samples, sample_ms, || {
        i = (i + 1) % typed.len();
        black_box(form.set("identity.birth_date", black_box(&typed[i])));
    });
    let mut i = 0usize;
    let update = measure(runs("update"), samples, sample_ms, || {
        i = (i + 1) % typed.len();
        if form.update("identity.birth_date", black_box(&typed[i])) {
            black_box(form.changes());
        }
    });

    let mut out = Vec::new();
    for (id, title, s) in [
        ("core", "parcours::check on a read request", core),
        ("cli", "JSON text → report as JSON text", cli),
        (
            "keystroke",
            "Form::set, one field, diff returned",
            keystroke,
        ),
        (
            "update",
            "Form::update, one field, the diff built only when something changed",
            update,
        ),
    ] {
        out.push(json!({
            "id": id, "title": title,
            "ns": { "median": s.median, "q1": s.q1, "q3": s.q3, "min": s.min, "max": s.max, "n": samples },
            "per_second": 1e9 / s.median,
            "calls": s.calls,
        }));
    }
    let report = json!({
        "env": "native",
        "batch": { "questionnaires": requests.len(), "invalid": invalid },
        "results": out,
    });
    println!("{}", serde_json::to_string_pretty(&report).expect("JSON"));
}

const BASES: &str = include_str!("../../../tests/cases/questionnaire/_bases.json");

/// 1,000 questionnaires: the three valid records, and variants with format errors and
/// coherence errors, as JSON text.
fn batch() -> Vec<String> {
    let bases: Value = serde_json::from_str(BASES).expect("bases");
    let edits: [&[(&str, &str, Value)]; 6] = [
        &[],
        &[
            ("identity", "birth_date", json!("2023-02-30")),
            ("contact", "email", json!("x@")),
        ],
        &[
            ("situation", "employed", json!(true)),
            ("contact", "commune_insee", json!("62017")),
        ],
        &[
            ("identity", "nir", json!("185057800608492")),
            ("household", "children_under_18", json!(42)),
        ],
        &[
            ("situation", "unemployment_start_date", json!("2025-12-01")),
            ("benefits", "rqth", json!(true)),
        ],
        &[
            ("identity", "gender", json!("woman")),
            ("operation", "entry_date", json!("2027-01-01")),
        ],
    ];
    let mut out = Vec::with_capacity(1000);
    for n in 0..1000 {
        let mut request = bases[["entry", "exit", "follow_up"][n % 3]].clone();
        for (section, field, value) in edits[n % edits.len()] {
            request["data"][section][field] = value.clone();
        }
        out.push(request.to_string());
    }
    out
}

struct Sample {
    median: f64,
    q1: f64,
    q3: f64,
    min: f64,
    max: f64,
    calls: u64,
}

/// Nanoseconds per call of `f`: warm-up, calibration, `samples` timed loops.
fn measure(run: bool, samples: usize, sample_ms: f64, mut f: impl FnMut()) -> Sample {
    if !run {
        let (median, q1, q3, min, max, calls) = (0.0, 0.0, 0.0, 0.0, 0.0, 0);
        return Sample { median, q1, q3, min, max, calls };
    }
    let warm = Instant::now();
    while warm.elapsed().as_millis() < 200 {
        f();
    }
    let mut calls = 1u64;
    loop {
        let t = Instant::now();
        for _ in 0..calls {
            f();
        }
        if t.elapsed().as_secs_f64() * 1e3 >= sample_ms {
            break;
        }
        calls *= 2;
    }
    let mut times: Vec<f64> = (0..samples)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..calls {
                f();
            }
            t.elapsed().as_nanos() as f64 / calls as f64
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    Sample {
        median: at(0.5),
        q1: at(0.25),
        q3: at(0.75),
        min: times[0],
        max: times[times.len() - 1],
        calls,
    }
}
