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
