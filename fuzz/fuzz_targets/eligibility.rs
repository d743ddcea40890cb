//! `parcours::check` on generated eligibility requests (any programme file, known or
//! not, any decision date, facts of their type or not) and `parcours::programmes`:
//! every report consistent, the same answer twice, the same decision in French and in
//! English, and a person found not eligible is asked for nothing more.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parcours::Locale;
use parcours_fuzz::{check_report, through_text, Eligibility};

fuzz_target!(|request: Eligibility| {
    let Eligibility(value) = request;
    let json = through_text(&value);
    let report = parcours::check(&json);
    check_report(&report);
    assert_eq!(
        report,
        parcours::check(&json),
        "the same request, another answer"
    );

    let text = serde_json::to_value(&report).expect("a report serialises");
    if let Some(decision) = text.get("decision") {
        if decision["outcome"] == "not_eligible" {
            assert!(
                report.missing.is_empty(),
                "not eligible, yet facts are asked for"
            );
        }
        let in_locale = |locale: &str| {
            let mut v = value.clone();
            v["locale"] = locale.into();
            serde_json::to_value(parcours::check(&through_text(&v))).expect("serialises")
        };
        let (fr, en) = (in_locale("fr"), in_locale("en"));
        assert_eq!(fr["decision"]["outcome"], en["decision"]["outcome"]);
        assert_eq!(
            fr["missing"], en["missing"],
            "missing facts depend on the locale"
        );
        let statuses = |v: &serde_json::Value| -> Vec<serde_json::Value> {
            v["decision"]["rules"]
                .as_array()
                .map(|rules| rules.iter().map(|r| r["status"].clone()).collect())
                .unwrap_or_default()
        };
        assert_eq!(
            statuses(&fr),
            statuses(&en),
            "rule statuses depend on the locale"
        );
    }
    for locale in [Locale::Fr, Locale::En] {
        serde_json::to_string(&parcours::programmes(locale)).expect("programmes serialise");
    }
});
