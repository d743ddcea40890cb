//! `parcours::check` on portfolio requests (`check: "portfolio"`: exit rates against
//! the programme's targets, référents' active portfolios), two ways:
//!
//! - **text**: an input that starts with `{` or `[` is JSON text, read as the
//!   command-line program reads it; it is checked as it is, as a portfolio request
//!   (its `check` replaced), and put in each slot of a good request (`exits`, an exit,
//!   its proposal, `referents`, a référent's `fte`, its participants…);
//! - **structured**: any other input drives a generator: exits classified by the exit
//!   rules (the exit target's proposals: hours around 1,215, proofs around the exit
//!   date…), exit dates around the period and the reference date, the same exit
//!   twice, référents with odd FTEs (0, above 1, NaN) and participants leaving before
//!   they enter, lists past the 500-item cap.
//!
//! Every report: findings well formed, `valid` false whenever a finding is an error,
//! the same text through serde_json and through the module's own serialiser
//! (`parcours::output`); counts that add up (by kind to the positive exits, by class
//! to at most the exits given), each rate its count over its base, rounded, `met`
//! exactly when it reaches its target, each référent's load its active participants
//! over its target. Structured requests also: the same answer twice and in both
//! locales, each exit counted in the class `check: "exit"` gives it alone, and the
//! same figures with the exits in reverse order.
//!
//! The generators and invariants this target shares with the other exit targets are
//! in fuzz/src/exits.rs.
#![no_main]

use arbitrary::{Result, Unstructured};
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use parcours::calendar::parse_iso_date;
use parcours::exit::Category;
use parcours::portfolio::Portfolio;
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
            set(&mut forced, "check", s("portfolio"));
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
    &["exits"],
    &["exits", "0"],
    &["exits", "0", "exit"],
    &["exits", "0", "exit", "missions"],
    &["exits", "1", "exit_date"],
    &["referents"],
    &["referents", "0"],
    &["referents", "0", "fte"],
    &["referents", "0", "participants"],
    &["referents", "0", "participants", "0"],
    &["from"],
    &["reference_date"],
];

/// Two exits (one positive through temporary work, one moving out) and a référent.
fn good() -> Json {
    let mission = |start: &str, end: &str, hours: f64| {
        obj(vec![
            ("start", s(start)),
            ("end", s(end)),
            ("hours", Json::Number(hours)),
        ])
    };
    obj(vec![
        ("check", s("portfolio")),
        ("programme", s("plie-flandre-lys")),
        ("reference_date", s("2018-12-31")),
        ("from", s("2018-01-01")),
        ("to", s("2018-12-31")),
        (
            "exits",
            Json::Array(vec![
                obj(vec![
                    ("exit_date", s("2018-06-29")),
                    ("entry_date", s("2017-01-10")),
                    (
                        "exit",
                        obj(vec![
                            ("reason", s("temporary_work")),
                            (
                                "missions",
                                Json::Array(vec![
                                    mission("2017-09-01", "2018-01-31", 700.0),
                                    mission("2018-02-01", "2018-06-15", 515.0),
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
                ]),
                obj(vec![
                    ("exit_date", s("2018-03-31")),
                    ("exit", obj(vec![("reason", s("moving_out"))])),
                ]),
            ]),
        ),
        (
            "referents",
            Json::Array(vec![obj(vec![
                ("id", s("R1")),
                ("fte", Json::Number(0.8)),
                (
                    "participants",
                    Json::Array(vec![
                        obj(vec![("entry_date", s("2018-01-01"))]),
                        obj(vec![
                            ("entry_date", s("2017-05-01")),
                            ("exit_date", s("2018-06-29")),
                        ]),
                    ]),
                ),
            ])]),
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
    let Some(portfolio) = &report.portfolio else {
        return;
    };

    // Each exit in the class the exit check gives it alone.
    let tally = one_by_one(request);
    let c = &portfolio.by_category;
    assert_eq!(
        [
            c.positive,
            c.administrative,
            c.other,
            c.incomplete,
            portfolio.outside_period
        ],
        tally,
        "the portfolio and the exit check classify differently"
    );

    // The exits in reverse order: the same figures.
    let Some(Json::Array(exits)) = request.get("exits") else {
        return;
    };
    if exits.len() > 500 {
        return;
    }
    let mut reversed = request.clone();
    let mut items = exits.clone();
    items.reverse();
    set(&mut reversed, "exits", Json::Array(items));
    let other = check_any(&reversed);
    let other = other.portfolio.as_ref().expect("a portfolio, as before");
    assert_eq!(
        figures(portfolio),
        figures(other),
        "the exits' order changed the figures"
    );
}

/// Counts and rates, by-kind counts sorted.
fn figures(p: &Portfolio) -> String {
    let mut kinds: Vec<(&str, u32)> = p.by_kind.iter().map(|k| (k.kind, k.count)).collect();
    kinds.sort_unstable();
    let rates: Vec<_> = p
        .rates
        .iter()
        .map(|r| (r.measure, r.count, r.of, r.rate, r.met))
        .collect();
    format!(
        "{:?} {} {kinds:?} {rates:?}",
        p.by_category, p.outside_period
    )
}

/// [positive, administrative, other, incomplete, outside the period], each exit of
/// the request classified alone by `check: "exit"`, as the portfolio reads them.
fn one_by_one(request: &Json) -> [u32; 5] {
    let mut tally = [0u32; 5];
    let date = |v: Option<&Json>| match v {
        Some(Json::String(t)) => parse_iso_date(t.trim()).ok(),
        _ => None,
    };
    let Some(reference) = date(request.get("reference_date")) else {
        return tally;
    };
    let (from, to) = (date(request.get("from")), date(request.get("to")));
    let Some(Json::Array(exits)) = request.get("exits") else {
        return tally;
    };
    for e in exits.iter().take(500) {
        if !matches!(e, Json::Object(_)) {
            continue;
        }
        let Some(exit_date) = date(e.get("exit_date")) else {
            tally[3] += 1;
            continue;
        };
        if exit_date > reference {
            continue;
        }
        if from.is_some_and(|f| exit_date < f) || to.is_some_and(|t| exit_date > t) {
            tally[4] += 1;
            continue;
        }
        let mut alone = vec![("check".to_string(), s("exit"))];
        for key in ["programme", "locale"] {
            if let Some(v) = request.get(key) {
                alone.push((key.to_string(), v.clone()));
            }
        }
        for key in ["exit_date", "entry_date", "exit"] {
            if let Some(v) = e.get(key) {
                alone.push((key.to_string(), v.clone()));
            }
        }
        let Some(d) = parcours::check(&Json::Object(alone)).exit else {
            continue;
        };
        tally[match d.category {
            Category::Positive => 0,
            Category::Administrative => 1,
            Category::Other => 2,
            Category::Incomplete => 3,
        }] += 1;
    }
    tally
}

// ---------------------------------------------------------------------------------
// Invariants

/// Checks a request and holds its report to every invariant; returns it.
fn check_any(request: &Json) -> Report {
    let report = parcours::check(request);
    check_common(&report);
    if let Some(p) = &report.portfolio {
        check_portfolio(&report, p, request);
    } else if request.get("check").and_then(Json::as_str) == Some("portfolio") {
        assert!(!report.valid, "no portfolio, yet valid");
        assert!(
            report
                .findings
                .iter()
                .any(|f| f.severity == Severity::Error),
            "no portfolio and no error to say why"
        );
    }
    report
}

fn check_portfolio(report: &Report, p: &Portfolio, request: &Json) {
    let errors = report
        .findings
        .iter()
        .any(|f| f.severity == Severity::Error);
    assert_eq!(
        report.valid,
        !errors && report.missing.is_empty(),
        "valid must mean no error and nothing missing"
    );
    let given = match request.get("exits") {
        Some(Json::Array(items)) => items.len().min(500) as u32,
        _ => 0,
    };
    assert_eq!(p.exits_given, given, "exits given");
    let c = &p.by_category;
    let classified = c.positive + c.administrative + c.other;
    assert!(
        classified + c.incomplete + p.outside_period <= p.exits_given,
        "more exits counted than given"
    );
    let by_kind: u32 = p.by_kind.iter().map(|k| k.count).sum();
    assert_eq!(by_kind, c.positive, "positive exits by kind");
    for (i, k) in p.by_kind.iter().enumerate() {
        assert!(k.count > 0);
        assert!(
            !p.by_kind.iter().skip(i + 1).any(|o| o.kind == k.kind),
            "{} twice",
            k.kind
        );
    }
    for r in &p.rates {
        let at = format!("rate of {}", r.measure);
        let of_kind = |kind: &str| {
            p.by_kind
                .iter()
                .find(|k| k.kind == kind)
                .map_or(0, |k| k.count)
        };
        let of = match r.share_of {
            "exits" => classified,
            "positive_exits" => c.positive,
            // A contract type's share of the positive exits of one kind: its count is
            // checked against its base only.
            kind if parcours::programme::file::POSITIVE_KINDS.contains(&kind) => of_kind(kind),
            other => panic!("{at}: share of {other}"),
        };
        if matches!(r.share_of, "exits" | "positive_exits") {
            let count = if r.measure == "positive" {
                c.positive
            } else {
                of_kind(r.measure)
            };
            assert_eq!(r.count, count, "{at}: count");
        }
        assert_eq!(r.of, of, "{at}: base");
        assert!(r.count <= r.of, "{at}: {} of {}", r.count, r.of);
        assert!((0.0..=1.0).contains(&r.target), "{at}: target {}", r.target);
        match r.rate {
            None => {
                assert_eq!(r.of, 0, "{at}: no rate, yet a base");
                assert!(!r.met, "{at}: met without a rate");
            }
            Some(rate) => {
                let expected = (f64::from(r.count) / f64::from(r.of) * 1000.0).round() / 1000.0;
                assert!(
                    (rate - expected).abs() < 1e-9,
                    "{at}: {rate}, not {expected}"
                );
                assert!((0.0..=1.0).contains(&rate));
                assert_eq!(r.met, rate >= r.target, "{at}: met");
            }
        }
        assert!(
            !r.message.is_empty() && !r.message.contains('{'),
            "{at}: {:?}",
            r.message
        );
    }
    let referents = match request.get("referents") {
        Some(Json::Array(items)) => items.iter().take(500).collect::<Vec<_>>(),
        _ => Vec::new(),
    };
    assert!(p.referents.len() <= referents.len());
    // A référent given as an object is answered, or a finding says what is wrong.
    let mut kept = 0;
    for (i, r) in referents.iter().enumerate() {
        let at = format!("referents[{i}]");
        let reported = report
            .findings
            .iter()
            .any(|f| f.path == at || f.path.starts_with(&format!("{at}.")));
        if matches!(r, Json::Object(_)) && !reported {
            kept += 1;
        }
    }
    assert!(
        p.referents.len() >= kept,
        "{kept} référents without a finding, {} answered",
        p.referents.len()
    );
    for r in &p.referents {
        let at = format!("référent {}", r.id);
        assert!(
            r.id.chars().count() <= 64 && !r.id.chars().any(char::is_control),
            "{at}"
        );
        assert!(r.fte > 0.0 && r.fte <= 1.0, "{at}: fte {}", r.fte);
        let most = referents
            .iter()
            .filter_map(|x| match x.get("participants") {
                Some(Json::Array(items)) => Some(items.len().min(500)),
                _ => None,
            })
            .max()
            .unwrap_or(0);
        assert!(r.active as usize <= most, "{at}: {} active", r.active);
        match (p.capacity_per_full_time, r.target) {
            (Some(capacity), Some(target)) => {
                let expected = (f64::from(capacity) * r.fte * 10.0).round() / 10.0;
                assert!((target - expected).abs() < 1e-9, "{at}: target {target}");
                match r.load {
                    Some(load) => {
                        let expected = (f64::from(r.active) / target * 100.0).round() / 100.0;
                        assert!((load - expected).abs() < 1e-9, "{at}: load {load}");
                        assert_eq!(r.met, load >= 1.0, "{at}: met");
                    }
                    None => assert!(target <= 0.0 && !r.met, "{at}: no load"),
                }
            }
            (None, None) => {
                assert!(r.load.is_none() && !r.met, "{at}: a load without a target")
            }
            (capacity, target) => panic!("{at}: capacity {capacity:?}, target {target:?}"),
        }
        assert!(
            !r.message.is_empty() && !r.message.contains('{'),
            "{at}: {:?}",
            r.message
        );
    }
    assert!(!p.summary.is_empty() && !p.summary.contains('{'));
}

// ---------------------------------------------------------------------------------
// Shared with exit.rs (copies)

// ---------------------------------------------------------------------------------
// Json trees

// ---------------------------------------------------------------------------------
// Generators shared with exit.rs (copies), exit proposals included

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
    "no-such-programme",
    "",
];

/// One exit of the portfolio, pronounced around `reference`.
fn exit_item(u: &mut Unstructured<'_>, reference: NaiveDate) -> Result<Json> {
    let exit = near(u, reference)?;
    let mut fields: Vec<(&str, Json)> = Vec::new();
    if !u.ratio(1, 20)? {
        let d = if u.ratio(1, 10)? {
            date_value(u, exit)?
        } else {
            s(&iso(exit))
        };
        fields.push(("exit_date", d));
    }
    if u.ratio(2, 3)? {
        let entry = near(u, months_from(exit, -12))?;
        fields.push(("entry_date", s(&iso(entry))));
    }
    let proposal = if u.ratio(1, 25)? {
        odd(u)?
    } else {
        proposal(u, exit)?
    };
    fields.push(("exit", proposal));
    Ok(obj(fields))
}

fn referent(u: &mut Unstructured<'_>, reference: NaiveDate, n: usize, huge: bool) -> Result<Json> {
    let mut fields: Vec<(&str, Json)> = Vec::new();
    let id = match u.int_in_range(0..=7u8)? {
        0 => odd(u)?,
        1 => Json::Number(f64::from(u.int_in_range(-5i32..=99)?)),
        2 => s(&"R".repeat(100)),
        3 => s("R\u{7}1\n"),
        _ => s(&format!("R{n}")),
    };
    if u.ratio(7, 8)? {
        fields.push(("id", id));
    }
    if u.ratio(4, 5)? {
        let fte = match u.int_in_range(0..=9u8)? {
            0 => Json::Number(*u.choose(&[
                0.0,
                0.001,
                0.004,
                0.005,
                1.001,
                1.01,
                -0.5,
                f64::NAN,
                f64::INFINITY,
            ])?),
            1 => s(u.choose(&["0,5", "0.8", "1", "", "x", "1e0"])?),
            2 => odd(u)?,
            _ => Json::Number(f64::from(u.int_in_range(1u8..=100)?) / 100.0),
        };
        fields.push(("fte", fte));
    }
    let mut participants = Vec::new();
    for _ in 0..u.int_in_range(0..=8usize)? {
        let entry = near(u, reference)?;
        let mut p: Vec<(&str, Json)> = Vec::new();
        if u.ratio(9, 10)? {
            p.push(("entry_date", date_value_or(u, entry)?));
        }
        match u.int_in_range(0..=4u8)? {
            0 => p.push(("exit_date", s(&iso(shift(entry, -1))))),
            1 => p.push(("exit_date", s(&iso(reference)))),
            2 => {
                let exit = near(u, reference)?;
                p.push(("exit_date", date_value_or(u, exit)?));
            }
            _ => {}
        }
        participants.push(if u.ratio(1, 30)? { odd(u)? } else { obj(p) });
    }
    if huge && u.ratio(1, 2)? {
        let copy = participants
            .first()
            .cloned()
            .unwrap_or_else(|| obj(vec![("entry_date", s(&iso(reference)))]));
        participants.resize(*u.choose(&[500usize, 501, 800])?, copy);
    }
    if u.ratio(19, 20)? {
        fields.push(("participants", Json::Array(participants)));
    } else {
        fields.push(("participants", odd(u)?));
    }
    Ok(obj(fields))
}

/// Cuts the list `exit.NAME` of an exit item to `max` items.
fn cap(item: &mut Json, name: &str, max: usize) {
    let Json::Object(entries) = item else { return };
    for (key, proposal) in entries.iter_mut() {
        if key != "exit" {
            continue;
        }
        if let Json::Object(fields) = proposal {
            for (k, v) in fields.iter_mut() {
                if let (true, Json::Array(items)) = (k == name, v) {
                    items.truncate(max);
                }
            }
        }
    }
}

/// A whole portfolio request.
fn request(u: &mut Unstructured<'_>) -> Result<Json> {
    let around = anchor(u)?;
    let reference = near(u, around)?;
    let mut fields: Vec<(&str, Json)> = vec![("check", s("portfolio"))];
    if !u.ratio(1, 30)? {
        let p = if u.ratio(1, 30)? {
            odd(u)?
        } else {
            s(u.choose(PROGRAMMES)?)
        };
        fields.push(("programme", p));
    }
    if !u.ratio(1, 30)? {
        fields.push(("reference_date", date_value_or(u, reference)?));
    }
    if u.ratio(2, 3)? {
        let from = months_from(reference, -u.int_in_range(0i32..=12)?);
        fields.push(("from", date_value_or(u, from)?));
    }
    if u.ratio(2, 3)? {
        let to = shift(reference, -u.int_in_range(-2i64..=60)?);
        fields.push(("to", date_value_or(u, to)?));
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
    // At most one list past the cap per request (exits, référents, or inside one of
    // them), so that an input runs in milliseconds.
    let huge = u.int_in_range(0..=49u8)?;
    let mut exits = Vec::new();
    for _ in 0..u.int_in_range(0..=6usize)? {
        exits.push(if u.ratio(1, 30)? {
            odd(u)?
        } else {
            let mut e = exit_item(u, reference)?;
            if huge != 3 {
                for list in ["missions", "proofs"] {
                    cap(&mut e, list, 24);
                }
            }
            e
        });
    }
    // The same exit twice, and now and then past the cap.
    if !exits.is_empty() && u.ratio(1, 5)? {
        let i = u.int_in_range(0..=exits.len() - 1)?;
        let copy = exits[i].clone();
        exits.push(copy);
    }
    if huge == 0 {
        let seed = exits.clone();
        let n = *u.choose(&[499usize, 500, 501, 600])?;
        while exits.len() < n {
            let e = seed
                .get(exits.len() % seed.len().max(1))
                .cloned()
                .unwrap_or(Json::Null);
            exits.push(e);
        }
    }
    shuffle(u, &mut exits)?;
    fields.push((
        "exits",
        if u.ratio(1, 30)? {
            odd(u)?
        } else {
            Json::Array(exits)
        },
    ));
    let mut referents = Vec::new();
    for n in 0..u.int_in_range(0..=3usize)? {
        referents.push(if u.ratio(1, 30)? {
            odd(u)?
        } else {
            referent(u, reference, n, huge == 2)?
        });
    }
    if huge == 1 {
        let copy = referents.first().cloned().unwrap_or(Json::Null);
        referents.resize(*u.choose(&[500usize, 501])?, copy);
    }
    if u.ratio(4, 5)? {
        fields.push(("referents", Json::Array(referents)));
    }
    Ok(obj(fields))
}
