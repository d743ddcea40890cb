//! Every field's reader (`questionnaire::value::read`: dates, NIR and its key, postal
//! and INSEE codes, email, phone, counts, choices, answers) and the calendar
//! arithmetic the rules use, on any text and any value: a value read back is what was
//! written, and an error is a well-formed finding on the field's path.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use parcours::calendar::{
    add_months, age_on, days_between, iso, more_than_months_before, parse_iso_date, sub_months,
};
use parcours::questionnaire::value::{nir_digits, read};
use parcours::questionnaire::{Kind, Val, FIELDS};
use parcours::{Json, Locale};
use parcours_fuzz::{check_finding, through_text, Value};

#[derive(Debug, Arbitrary)]
struct Input {
    text: String,
    value: Value,
    other_date: (u16, u8, u8),
    months: u32,
}

fuzz_target!(|input: Input| {
    let as_text = Json::String(input.text.clone());
    let as_value = through_text(&input.value.0);
    for spec in FIELDS {
        for raw in [&as_text, &as_value] {
            match read(spec, raw) {
                Ok(Val::Date(d)) => {
                    assert_eq!(
                        Some(iso(d).as_str()),
                        raw.as_str().map(str::trim),
                        "{}",
                        spec.path
                    )
                }
                Ok(Val::Text(t)) => {
                    if let Kind::Text { max } = spec.kind {
                        assert!(
                            t.chars().count() <= max as usize && !t.chars().any(char::is_control)
                        );
                    }
                    if spec.kind == Kind::Nir {
                        assert!(
                            nir_digits(&t).is_some_and(|n| n.key_matches()),
                            "NIR accepted with a wrong key"
                        );
                    }
                }
                Ok(Val::Count(n)) => {
                    if let Kind::Count { max } = spec.kind {
                        assert!(n <= max);
                    }
                }
                Ok(_) => {}
                Err(mut finding) => {
                    Locale::En.render(&mut finding);
                    check_finding(&finding);
                    assert_eq!(finding.path, spec.path);
                }
            }
        }
    }

    let (y, m, d) = input.other_date;
    let Ok(a) = parse_iso_date(input.text.trim()) else {
        return;
    };
    let Some(b) = chrono::NaiveDate::from_ymd_opt(
        i32::from(y % 10_000),
        u32::from(m % 13),
        u32::from(d % 32),
    ) else {
        return;
    };
    let (early, late) = if a <= b { (a, b) } else { (b, a) };
    assert!(age_on(early, late) >= 0);
    assert!(days_between(early, late) >= 0);
    if let Some(later) = add_months(early, input.months) {
        assert!(later >= early);
    }
    match sub_months(late, input.months) {
        Some(limit) => assert_eq!(
            more_than_months_before(early, late, input.months),
            early < limit
        ),
        None => assert!(!more_than_months_before(early, late, input.months)),
    }
});
