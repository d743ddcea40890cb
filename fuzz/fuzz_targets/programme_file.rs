//! Programme-file loading (`programme::file::validate`, then `check_versions`), the
//! code `build.rs` runs on every file of programmes/, and the same text given at run
//! time (`register_programme`, then a check of the programme it registered): any text,
//! and mutations of the real files (the campaign seeds its corpus with them), must end
//! in the file or an error naming the file and field, or a registration or its
//! problems with their place — never a panic, never a registered file with problems;
//! and the authors' check of the same text (`check_programme_file`).
#![no_main]

use std::collections::BTreeMap;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use parcours::programme::file::{check_versions, validate};

/// The territory files of programmes/territories/, read once.
fn territories() -> &'static BTreeMap<String, String> {
    static FILES: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    FILES.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../programmes/territories");
        std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(|e| {
                        let path = e.ok()?.path();
                        let name = path.file_stem()?.to_str()?.to_string();
                        Some((name, std::fs::read_to_string(&path).ok()?))
                    })
                    .collect()
            })
            .unwrap_or_default()
    })
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    // The file name a valid file would have: its id, so the name check passes.
    let id = serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v.get("id")?.as_str().map(String::from))
        .unwrap_or_else(|| "fuzz".into());
    let file = format!("programmes/{id}.json");
    let territory = |name: &str| territories().get(name).cloned();
    match validate(&file, text, territory) {
        Ok(versions) => {
            let versions: Vec<_> = versions
                .into_iter()
                .map(|(programme, _communes)| (file.clone(), programme))
                .collect();
            assert!(
                check_versions(&versions).is_ok(),
                "a file's own versions overlap"
            );
        }
        Err(error) => assert!(
            error.starts_with("programmes/"),
            "an error that names no file: {error}"
        ),
    }
    // At run time: registered with no problem, or refused with one, placed.
    let answer = parcours::register_programme(text, parcours::Locale::Fr);
    assert_eq!(answer.registered, answer.problems.is_empty());
    for p in &answer.problems {
        assert!(p.line >= 1 && p.column >= 1, "{p:?}");
    }
    if let (true, Some(id)) = (answer.registered, answer.id.as_deref()) {
        let request = format!(
            r#"{{"check": "eligibility", "programme": {id:?}, "decision_date": "2030-01-01", "facts": {{}}}}"#
        );
        if let Some(request) = parcours::input::parse_text(&request, |s| s.parse().ok()) {
            let _ = parcours::check(&request);
        }
    }
    // For its authors (`parcours programme check`): problems placed and with what to
    // do; examples run only when there is none.
    let check = parcours::check_programme_file(text, parcours::Locale::Fr);
    for p in check.problems.iter().chain(&check.warnings) {
        assert!(p.line >= 1 && p.column >= 1 && !p.hint.is_empty(), "{p:?}");
    }
    assert!(check.problems.is_empty() || check.examples.is_empty());
});
