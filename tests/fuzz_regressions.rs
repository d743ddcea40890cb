//! Inputs the fuzz campaign (fuzz/, scripts/fuzz.sh) turned up, kept as regression
//! cases: every file in tests/cases/fuzz/ is read as the command-line program reads its
//! input (JSON text → `Json`; an array is a batch), checked, and held to the invariants
//! the fuzz targets assert. A crash found by the fuzzer becomes a file here (the
//! request, minimised with `cargo fuzz tmin`, written as JSON) before it is fixed.

use parcours::{Json, Severity};

#[test]
fn fuzz_regression_cases_hold_the_invariants() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/fuzz");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/cases/fuzz")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no case in {}", dir.display());
    for file in files {
        let text = std::fs::read(&file).expect("readable");
        let name = file.display();
        let input: Json = serde_json::from_slice(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let requests = match input {
            Json::Array(items) => items,
            one => vec![one],
        };
        for request in &requests {
            let report = parcours::check(request);
            let errors = report
                .findings
                .iter()
                .any(|f| f.severity == Severity::Error);
            assert_eq!(report.valid, !errors && report.missing.is_empty(), "{name}");
            assert!((0.0..=1.0).contains(&report.completeness), "{name}");
            for f in &report.findings {
                assert!(
                    !f.message.contains('{'),
                    "{name}: {:?} has an unfilled message template",
                    f.code
                );
                assert!(
                    !f.message.is_empty(),
                    "{name}: {:?} without a message",
                    f.code
                );
                assert!(
                    f.path.chars().count() <= 129,
                    "{name}: a long path travels back"
                );
            }
            assert_eq!(
                report,
                parcours::check(request),
                "{name}: another answer the second time"
            );
            serde_json::to_string(&report).expect("a report serialises");
        }
    }
}

// ---------------------------------------------------------------------------------
// Found by the exit, follow_up and portfolio targets (fuzz/fuzz_targets/) on
// 2026-11-23, fixed in 843ea03; each test failed before the fix.

fn check_text(request: &str) -> parcours::Report {
    let json: Json = serde_json::from_str(request).expect("a request");
    parcours::check(&json)
}

/// Found by the `exit` target: an employment exit with a contract start and no end
/// (any contract type but a CDI) gave EXIT-CONTRACT `unknown` with the message
/// « Date de fin du contrat à renseigner (plus de {months} mois requis). »: the
/// `contract.end_unknown` explanation was built without its `months` parameter
/// (src/exit/mod.rs, `evaluate`, `RouteKind::Contract`, the `(_, None)` arm).
#[test]
fn exit_contract_end_unknown_names_its_months() {
    for locale in ["fr", "en"] {
        let report = check_text(&format!(
            r#"{{"check": "exit", "programme": "plie-flandre-lys", "exit_date": "2017-01-10", "locale": "{locale}",
                "exit": {{"reason": "employment", "contract_type": "cdd", "contract_start": "2017-01-10"}}}}"#
        ));
        let exit = report.exit.expect("a decision");
        let rule = exit
            .rules
            .iter()
            .find(|r| r.rule.as_str() == "EXIT-CONTRACT")
            .expect("EXIT-CONTRACT is evaluated");
        assert_eq!(rule.status, parcours::eligibility::Status::Unknown);
        assert!(
            !rule.message.contains('{'),
            "{locale}: unfilled template in {:?}",
            rule.message
        );
    }
}

/// Found by the `follow_up` target (the events in reverse order): two hirings placed
/// by the CRE on the same day (two part-time jobs, or one entered twice) were told
/// apart by their order in the list. FU-CRE gave each hiring the CRE's events up to
/// the next hiring's date (src/follow_up.rs, `FollowUpKind::CrePlacement`: `next` and
/// `e.date < x`), so the first of two same-day hirings saw none and the last saw all:
/// swapping them moved the employer call from one hiring's window to the other's.
#[test]
fn fu_cre_same_day_hirings_do_not_depend_on_their_order() {
    let a = r#"{"type": "employment_start", "date": "2018-04-03", "placed_by_cre": true, "theoretical_start": "2018-04-02", "trial_period_end": "2018-05-30"}"#;
    let b = r#"{"type": "employment_start", "date": "2018-04-03", "placed_by_cre": true, "theoretical_start": "2018-03-20", "trial_period_end": "2018-06-30"}"#;
    let call = r#"{"type": "employer_call", "date": "2018-04-04"}"#;
    let obligations = |events: [&str; 3]| {
        let report = check_text(&format!(
            r#"{{"check": "follow_up", "programme": "plie-flandre-lys", "reference_date": "2018-06-30",
                "entry_date": "2018-01-15", "events": [{}]}}"#,
            events.join(", ")
        ));
        let mut out: Vec<String> = report
            .follow_up
            .expect("a follow-up")
            .obligations
            .iter()
            .filter(|o| o.rule.as_str() == "FU-CRE")
            .map(|o| {
                format!(
                    "{} {:?} due {:?} done {:?}",
                    o.obligation, o.status, o.due, o.done_on
                )
            })
            .collect();
        out.sort();
        out
    };
    assert_eq!(obligations([a, b, call]), obligations([b, a, call]));
}

/// Found while writing the `portfolio` target's invariant "a référent is answered or
/// a finding says why": a référent whose `fte` was null or blank text was dropped
/// from `portfolio.referents` with no finding, and the report stayed valid
/// (src/portfolio.rs, `read_referents`: `hundredths` returns `None` without a finding
/// for a blank value, and the `None => continue` arm skipped the référent).
#[test]
fn portfolio_referent_with_a_blank_fte_is_answered_or_reported() {
    for fte in ["null", r#""""#, r#"" ""#] {
        let report = check_text(&format!(
            r#"{{"check": "portfolio", "programme": "plie-flandre-lys", "reference_date": "2018-12-31",
                "referents": [{{"id": "R1", "fte": {fte}, "participants": [{{"entry_date": "2018-01-01"}}]}}]}}"#
        ));
        let answered = report
            .portfolio
            .as_ref()
            .expect("a portfolio")
            .referents
            .len();
        let reported = report
            .findings
            .iter()
            .any(|f| f.path.starts_with("referents[0]"));
        assert!(
            answered == 1 || reported,
            "fte {fte}: the référent vanished without a finding"
        );
    }
}
