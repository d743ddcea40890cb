//! The `Lot` object of the binding (the `lot` feature): an export fed in slices gives
//! the rows, the findings and the files `parcours lot` writes. tests/lot.rs checks the
//! reader row for row against the command line's; tests/e2e/lot.test.mjs the page.

#![cfg(all(target_arch = "wasm32", feature = "lot"))]

use parcours_wasm::Lot;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn json(value: &JsValue) -> serde_json::Value {
    let text = js_sys::JSON::stringify(value).unwrap().as_string().unwrap();
    serde_json::from_str(&text).unwrap()
}

fn settings(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap()
}

#[wasm_bindgen_test]
fn an_export_fed_in_slices_gives_the_command_line_files() {
    let mut lot = Lot::new(settings(
        r#"{"phase":"entry","reference_date":"2026-06-30","mapping":{"Réf":"participant_id","Genre":"identity.gender"}}"#,
    ));
    let bytes = "Réf;Genre;identity.birth_date\nA1;woman;1980-01-01\nA2;man\nA3;x;1990-02-30\n";
    let mut findings = 0;
    for slice in bytes.as_bytes().chunks(5) {
        let step = json(&lot.push(slice));
        assert!(step.get("error").is_none(), "{step}");
        findings += step["findings"].as_array().unwrap().len();
    }
    let last = json(&lot.finish());
    findings += last["findings"].as_array().unwrap().len();
    let done = json(&lot.files());
    let summary = &done["summary"];
    assert_eq!(summary["rows"], 3);
    let errors = done["errors_csv"].as_str().unwrap();
    assert!(errors.starts_with("\u{feff}ligne;identifiant;colonne;champ;code;gravite;message\n"));
    assert_eq!(errors.lines().count() - 1, findings, "{errors}");
    assert!(
        errors.contains("\n3;;;row;column_count;erreur;"),
        "{errors}"
    );
    assert!(done["indicators_csv"]
        .as_str()
        .unwrap()
        .starts_with("indicateur;libelle;total;femmes;hommes;non_binaires\n"));
    let again: serde_json::Value =
        serde_json::from_str(done["indicators_json"].as_str().unwrap()).unwrap();
    assert_eq!(&again, summary);
}

#[wasm_bindgen_test]
fn bad_settings_and_bad_files_are_one_error() {
    let mut lot = Lot::new(settings(
        r#"{"phase":"entry","reference_date":"2026-02-30"}"#,
    ));
    assert_eq!(
        json(&lot.push(b"a"))["error"]["code"],
        "invalid_reference_date"
    );
    let mut lot = Lot::new(settings(
        r#"{"phase":"later","reference_date":"2026-02-03"}"#,
    ));
    assert_eq!(json(&lot.finish())["error"]["code"], "invalid_phase");
    let mut lot = Lot::new(settings(
        r#"{"phase":"entry","reference_date":"2026-02-03","locale":"en"}"#,
    ));
    let _ = lot.push(b"identity.gender\n");
    let done = json(&lot.finish());
    assert_eq!(json(&lot.files()), done);
    assert_eq!(done["error"]["code"], "header_only");
    assert_eq!(
        done["error"]["message"],
        "the file has a header line only: no row to check"
    );
    let mut lot = Lot::new(settings(
        r#"{"phase":"entry","reference_date":"2026-02-03"}"#,
    ));
    assert_eq!(json(&lot.push(b"PK\x03\x04")).get("rows"), Some(&0.into()));
    assert_eq!(json(&lot.finish())["error"]["code"], "xlsx_not_supported");
}

#[wasm_bindgen_test]
fn a_windows_1252_export_is_decoded_in_the_module() {
    // "Né le" in Windows-1252: the mapping names it, so the header must decode.
    let mut lot = Lot::new(settings(
        r#"{"phase":"entry","reference_date":"2026-06-30","mapping":{"N\u00e9 le":"identity.birth_date"}}"#,
    ));
    let step = json(&lot.push(b"N\xe9 le;identity.gender\n1980-01-01;woman\n"));
    assert!(step.get("error").is_none(), "{step}");
    let last = json(&lot.finish());
    assert!(last.get("error").is_none(), "{last}");
    let done = json(&lot.files());
    assert_eq!(done["summary"]["rows"], 1);
    assert_eq!(done["summary"]["ignored_columns"], serde_json::json!([]));
}

/// The rows of tests/lot.rs's `line_cases` (blank lines, CRLF, a byte order mark,
/// blank lines before the header, a quoted cell over three lines, a line of
/// separators alone, no final newline), fed in slices of several sizes: each finding
/// on the physical line where its row starts, as the command line says.
#[wasm_bindgen_test]
fn a_finding_is_on_the_line_where_its_row_starts_whatever_the_slices() {
    type Case<'a> = (&'a [u8], &'a [(u64, &'a str)]);
    let cases: [Case; 3] = [
        (
            b"participant_id;identity.birth_date\nA1;\n\nA2;x\nA3;y\n",
            &[(4, "invalid_date_format"), (5, "invalid_date_format")],
        ),
        (
            b"\xEF\xBB\xBFparticipant_id;identity.birth_date\r\nA1;w\r\n\r\n\r\n\r\nA2;x\r\n\r\nA3;y",
            &[
                (2, "invalid_date_format"),
                (6, "invalid_date_format"),
                (8, "invalid_date_format"),
            ],
        ),
        (
            b"\n\r\nparticipant_id;identity.birth_date\nA1;\"w\nx\r\ny\"\n\n\nA2;x\r\n;;;\nA3;y\n\n",
            &[
                (4, "invalid_date_format"),
                (9, "invalid_date_format"),
                (10, "column_count"),
                (11, "invalid_date_format"),
            ],
        ),
    ];
    for (bytes, expected) in cases {
        for size in [1, 2, 3, 7, bytes.len()] {
            let mut lot = Lot::new(settings(
                r#"{"phase":"entry","reference_date":"2025-12-31"}"#,
            ));
            for slice in bytes.chunks(size) {
                let step = json(&lot.push(slice));
                assert!(step.get("error").is_none(), "{step}");
            }
            let last = json(&lot.finish());
            assert!(last.get("error").is_none(), "{last}");
            let done = json(&lot.files());
            let errors = done["errors_csv"].as_str().unwrap();
            let found: Vec<(u64, String)> = errors
                .lines()
                .skip(1)
                .filter_map(|l| {
                    let cells: Vec<&str> = l.split(';').collect();
                    let code = cells[4];
                    (code == "invalid_date_format" || code == "column_count")
                        .then(|| (cells[0].parse().unwrap(), code.to_string()))
                })
                .collect();
            let expected: Vec<(u64, String)> =
                expected.iter().map(|(l, c)| (*l, c.to_string())).collect();
            assert_eq!(found, expected, "{bytes:?} in slices of {size}");
        }
    }
}
