//! `parcours::check` on generated questionnaires that reach the coherence rules: valid
//! records with fields changed, unknown keys, sections that are not objects, odd
//! settings. Every report consistent, no typed value echoed back, and the same
//! findings in French and in English.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parcours_fuzz::{check_no_echo, check_report, through_text, Request};

fuzz_target!(|request: Request| {
    let value = request.to_value();
    let report = parcours::check(&through_text(&value));
    check_report(&report);
    check_no_echo(&value, &serde_json::to_string(&report).expect("serialises"));

    let in_locale = |locale: &str| {
        let mut v = value.clone();
        v["locale"] = locale.into();
        parcours::check(&through_text(&v))
    };
    let (fr, en) = (in_locale("fr"), in_locale("en"));
    let codes = |r: &parcours::Report| {
        r.findings
            .iter()
            .map(|f| (f.code, f.path.clone(), f.params.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(codes(&fr), codes(&en), "findings depend on the locale");
    assert_eq!(
        (fr.valid, &fr.missing, fr.completeness),
        (en.valid, &en.missing, en.completeness)
    );
    assert_eq!(fr.derived, en.derived);
});
