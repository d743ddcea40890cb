//! `parcours::form` on any settings text and `parcours::schema` in any locale: the
//! settings' findings are those a check of the same settings without data gives, and
//! the schema always describes every field.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parcours::questionnaire::FIELDS;
use parcours::{Json, Locale};
use parcours_fuzz::{check_report, parse};

fuzz_target!(|bytes: &[u8]| {
    let Some(settings) = parse(bytes) else { return };
    let report = parcours::form(&settings).report();
    check_report(&report);
    if let Json::Object(entries) = &settings {
        let request = Json::Object(
            entries
                .iter()
                .filter(|(k, _)| k != "data" && k != "check")
                .cloned()
                .collect(),
        );
        assert_eq!(
            report,
            parcours::check(&request),
            "a form and a check read settings apart"
        );
    }
    let named = settings
        .get("locale")
        .and_then(Json::as_str)
        .and_then(Locale::from_name);
    for locale in named.into_iter().chain([Locale::Fr, Locale::En]) {
        let schema = parcours::schema(locale);
        let fields: usize = schema.sections.iter().map(|s| s.fields.len()).sum();
        assert_eq!(fields, FIELDS.len());
        assert!(schema
            .sections
            .iter()
            .flat_map(|s| &s.fields)
            .all(|f| !f.label.is_empty()));
        serde_json::to_string(&schema).expect("a schema serialises");
    }
});
