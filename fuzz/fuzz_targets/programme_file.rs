//! Programme files at run time (`parcours::register_programme`, what a portal's
//! `registerProgramme(text)` and `--programme FILE` call; the same checks build.rs runs
//! on programmes/): any text, and mutations of the real files (the campaign seeds its
//! corpus with them), must end in a registered programme or problems with their place
//! — never a panic — and a refused file must leave the programmes as they were. A
//! registered one is then checked against, so its rules run too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parcours::{Json, Locale};

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let before = parcours::programme::all().len();
    let answer = parcours::register_programme(text, Locale::Fr);
    let after = parcours::programme::all().len();
    if !answer.registered {
        assert_eq!(before, after, "a refused file changed the programmes");
        assert!(!answer.problems.is_empty(), "refused without a problem");
        for p in &answer.problems {
            assert!(p.line >= 1 && p.column >= 1, "{p:?}");
            assert!(!p.message.is_empty(), "{p:?}");
        }
        return;
    }
    let (Some(id), Some(from)) = (&answer.id, &answer.valid_from) else {
        panic!("registered without its id and dates: {answer:?}");
    };
    let request = Json::Object(vec![
        ("check".into(), Json::String("eligibility".into())),
        ("programme".into(), Json::String(id.clone())),
        ("decision_date".into(), Json::String(from.clone())),
        (
            "facts".into(),
            Json::Object(vec![
                ("birth_date".into(), Json::String("1990-05-17".into())),
                ("postal_code".into(), Json::String("59280".into())),
            ]),
        ),
    ]);
    let report = parcours::check(&request);
    assert!(report.decision.is_some(), "a registered programme decides");
});
