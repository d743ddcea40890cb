//! `parcours lot` (issue 16): a whole export checked, the FSE+ indicators counted.
//!
//! The generated exports come from scripts/generate-export.mjs (Node), which writes
//! beside each file a manifest of what it injected and of every indicator computed
//! from the values it wrote; the command's outputs must match it exactly.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use parcours::lot::{Checker, Column, LotCode, Mapping, RowCode, Tally, INDICATORS};
use parcours::questionnaire::{Phase, FIELDS};
use parcours::Locale;
use proptest::prelude::*;
use serde_json::Value;

fn dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("parcours-lot-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn lot(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parcours"))
        .arg("lot")
        .args(args)
        .output()
        .expect("the CLI starts")
}

fn node_available() -> bool {
    let found = Command::new("node").arg("--version").output().is_ok();
    if !found {
        eprintln!("SKIPPED LOUDLY: node is not installed; the generated-export tests did not run");
    }
    found
}

fn generate(dir: &Path, rows: u32, seed: u32, phase: &str) -> (PathBuf, Value) {
    let file = dir.join("export.csv");
    let manifest = dir.join("manifest.json");
    let status = Command::new("node")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            // This file is a test of crates/parcours-cli; the script is at the top.
            "/../../scripts/generate-export.mjs"
        ))
        .args([
            "--rows",
            &rows.to_string(),
            "--seed",
            &seed.to_string(),
            "--phase",
            phase,
        ])
        .arg("--out")
        .arg(&file)
        .arg("--manifest")
        .arg(&manifest)
        .status()
        .expect("node runs");
    assert!(status.success());
    let manifest = serde_json::from_slice(&std::fs::read(&manifest).unwrap()).unwrap();
    (file, manifest)
}

/// The programme dashboards of indicateurs.json against the generator's manifest:
/// every table, every line's counts, every reason a row is counted apart.
fn assert_dashboards(summary: &Value, manifest: &Value) {
    let expected = manifest["dashboards"].as_object().unwrap();
    let got = summary["dashboards"].as_array().unwrap();
    let ids: Vec<&str> = got.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "decisions_by_territory",
            "decisions_by_entry_criterion",
            "typology_of_publics",
            "exits_by_type",
            "no_interview_over_2_months"
        ]
    );
    for d in got {
        let id = d["id"].as_str().unwrap();
        let lines: serde_json::Map<String, Value> = d["lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| (l["key"].as_str().unwrap().to_string(), l["counts"].clone()))
            .collect();
        assert_eq!(Value::Object(lines), expected[id]["lines"], "{id}");
        assert_eq!(d["apart"], expected[id]["apart"], "{id}: rows apart");
        // Every row read is in the table's lines or apart, once.
        let inside: u64 = d["lines"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|l| l["counts"].as_array().unwrap())
            .map(|n| n.as_u64().unwrap())
            .sum();
        let apart: u64 = d["apart"]
            .as_object()
            .unwrap()
            .values()
            .map(|n| n.as_u64().unwrap())
            .sum();
        let rows = summary["rows"].as_u64().unwrap();
        assert_eq!(inside + apart, rows, "{id}: every row in or apart");
    }
}

fn run_generated(rows: u32, seed: u32, phase: &str) {
    if !node_available() {
        return;
    }
    let dir = dir(&format!("{phase}-{seed}"));
    let (file, manifest) = generate(&dir, rows, seed, phase);
    let out = dir.join("out");
    let output = lot(&[
        file.to_str().unwrap(),
        "--phase",
        phase,
        "--reference-date",
        "2025-12-31",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1), "rows with errors → exit 1");
    let summary: Value =
        serde_json::from_slice(&std::fs::read(out.join("indicateurs.json")).unwrap()).unwrap();
    assert_eq!(summary["rows"], rows);
    assert_eq!(summary["counted"], manifest["counted"]);
    assert_eq!(summary["excluded"], manifest["excluded"]);
    assert_eq!(summary["findings_by_code"], manifest["findings_by_code"]);
    assert_eq!(summary["excluded_by_code"], manifest["excluded_by_code"]);
    let expected = manifest["indicators"].as_object().unwrap();
    let got = summary["indicators"].as_array().unwrap();
    assert_eq!(got.len(), expected.len(), "the phase's indicators, no more");
    for line in got {
        let id = line["id"].as_str().unwrap();
        let split = [&line["women"], &line["men"], &line["non_binary"]];
        assert_eq!(
            serde_json::json!(split),
            expected[id],
            "indicator {id} by gender"
        );
        let total: u64 = split.iter().map(|v| v.as_u64().unwrap()).sum();
        assert_eq!(line["total"], total, "{id}");
    }
    assert_dashboards(&summary, &manifest);
    // The error file: one line per finding, in line order, with the participant id.
    let errors = std::fs::read_to_string(out.join("erreurs.csv")).unwrap();
    let errors = errors.trim_start_matches('\u{feff}');
    let mut lines = errors.lines();
    assert_eq!(
        lines.next(),
        Some("ligne;identifiant;colonne;champ;code;gravite;message")
    );
    let numbers: Vec<u64> = lines
        .clone()
        .map(|l| l.split(';').next().unwrap().parse().unwrap())
        .collect();
    assert!(numbers.windows(2).all(|w| w[0] <= w[1]), "line order");
    let findings: u64 = manifest["findings_by_code"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(numbers.len() as u64, findings);
    // Every 50th line from the 8th row (line 9) on carries a fault.
    assert!(numbers.iter().all(|n| n % 50 == 9), "{numbers:?}");
    // No personal value in any output: the generator's names and streets.
    for name in [
        "indicateurs.csv",
        "indicateurs.json",
        "rapport.html",
        "erreurs.csv",
    ] {
        let text = std::fs::read_to_string(out.join(name)).unwrap();
        for personal in [
            "Durand",
            "Lefèvre",
            "Müller",
            "rue de Lille",
            "@exemple.fr",
            "06 ",
        ] {
            assert!(!text.contains(personal), "{name} repeats {personal}");
        }
    }
    let html = std::fs::read_to_string(out.join("rapport.html")).unwrap();
    assert!(
        html.contains("<svg")
            && !html.contains("<script")
            && !html.contains("http-equiv=\"refresh\"")
    );
    assert!(!html.contains("src=\"http") && !html.contains("href=\"http"));
    // Written aside then renamed: nothing partial is left.
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_generated_entry_export_gives_the_exact_findings_and_indicators() {
    run_generated(1000, 1, "entry");
    run_generated(3000, 7, "entry");
}

#[test]
fn a_generated_exit_export_gives_the_exact_results_at_exit() {
    run_generated(2000, 2, "exit");
}

/// The same rows on one core and on two: the same outputs, byte for byte.
#[test]
fn one_core_and_two_give_the_same_outputs() {
    if !node_available() {
        return;
    }
    let dir = dir("threads");
    let (file, _) = generate(&dir, 20_000, 5, "entry");
    let mut outputs = Vec::new();
    for threads in ["1", "2"] {
        let out = dir.join(threads);
        let output = lot(&[
            file.to_str().unwrap(),
            "--phase",
            "entry",
            "--reference-date",
            "2025-12-31",
            "--out",
            out.to_str().unwrap(),
            "--threads",
            threads,
        ]);
        assert_eq!(output.status.code(), Some(1));
        outputs.push(
            [
                "erreurs.csv",
                "indicateurs.json",
                "indicateurs.csv",
                "rapport.html",
            ]
            .map(|n| std::fs::read(out.join(n)).unwrap()),
        );
    }
    assert!(outputs[0] == outputs[1]);
    std::fs::remove_dir_all(&dir).ok();
}

fn run_on(dir: &Path, name: &str, bytes: &[u8], extra: &[&str]) -> Output {
    let file = dir.join(name);
    std::fs::write(&file, bytes).unwrap();
    let out = dir.join("out");
    let mut args = vec![
        file.to_str().unwrap().to_string(),
        "--phase".into(),
        "entry".into(),
        "--reference-date".into(),
        "2025-12-31".into(),
        "--out".into(),
        out.to_str().unwrap().to_string(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    lot(&args)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn bad_files_give_one_clear_message_and_no_output() {
    let dir = dir("bad");
    let empty = run_on(&dir, "empty.csv", b"", &[]);
    assert_eq!(empty.status.code(), Some(2));
    assert!(stderr(&empty).contains("vide"), "{}", stderr(&empty));
    let header = run_on(
        &dir,
        "header.csv",
        b"identity.gender;identity.birth_date\n",
        &[],
    );
    assert_eq!(header.status.code(), Some(2));
    assert!(stderr(&header).contains("en-tête"), "{}", stderr(&header));
    let binary = run_on(
        &dir,
        "binary.csv",
        &[0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2],
        &[],
    );
    assert_eq!(binary.status.code(), Some(2));
    assert!(stderr(&binary).contains("binaire"), "{}", stderr(&binary));
    let nothing = run_on(&dir, "nothing.csv", b"nom;prenom\nDurand;Karim\n", &[]);
    assert_eq!(nothing.status.code(), Some(2));
    assert!(
        stderr(&nothing).contains("correspondance"),
        "{}",
        stderr(&nothing)
    );
    assert!(!stderr(&nothing).contains("Durand"));
    // A mapping naming a field the questionnaire lacks, or a column the file lacks.
    let mapping = dir.join("mapping.json");
    std::fs::write(&mapping, r#"{ "Sexe": "identity.sex" }"#).unwrap();
    let wrong = run_on(
        &dir,
        "m.csv",
        b"Sexe;identity.birth_date\nman;1980-01-01\n",
        &["--mapping", mapping.to_str().unwrap()],
    );
    assert_eq!(wrong.status.code(), Some(2));
    assert!(
        stderr(&wrong).contains("identity.sex"),
        "{}",
        stderr(&wrong)
    );
    std::fs::write(&mapping, r#"{ "Genre": "identity.gender" }"#).unwrap();
    let absent = run_on(
        &dir,
        "m.csv",
        b"Sexe;identity.birth_date\nman;1980-01-01\n",
        &["--mapping", mapping.to_str().unwrap()],
    );
    assert_eq!(absent.status.code(), Some(2));
    assert!(stderr(&absent).contains("Genre"), "{}", stderr(&absent));
    let phase = run_on(
        &dir,
        "m.csv",
        b"identity.gender\nman\n",
        &["--phase", "sortie"],
    );
    assert_eq!(phase.status.code(), Some(2));
    // No output was left by any of them.
    assert!(!dir.join("out").join("erreurs.csv").exists());
    std::fs::remove_dir_all(&dir).ok();
}

fn error_codes(dir: &Path) -> Vec<(u64, String, String)> {
    let text = std::fs::read_to_string(dir.join("out").join("erreurs.csv")).unwrap();
    text.trim_start_matches('\u{feff}')
        .lines()
        .skip(1)
        .map(|l| {
            let cells: Vec<&str> = l.split(';').collect();
            // ligne;identifiant;colonne;champ;code;…
            (
                cells[0].parse().unwrap(),
                cells[2].to_string(),
                cells[4].to_string(),
            )
        })
        .collect()
}

#[test]
fn malformed_lines_are_findings_on_their_line_and_the_run_goes_on() {
    let dir = dir("malformed");
    // Windows-1252 (é as 0xE9), `,` as separator, a mapping with French headers.
    let mapping = dir.join("mapping.json");
    std::fs::write(
        &mapping,
        r#"{ "Genre": "identity.gender", "Né le": "identity.birth_date", "Nom": "identity.last_name", "Réf": "participant_id" }"#,
    )
    .unwrap();
    let mut bytes = b"R\xe9f,Nom,Genre,N\xe9 le\n".to_vec();
    bytes.extend_from_slice(b"A1,L\xe9a,woman,1980-01-01\n"); // line 2: fine as read
    bytes.extend_from_slice(b"A2,Hugo,man\n"); // line 3: a cell short
    bytes.extend_from_slice(b"A3,Zo\xe9,woman,32874\n"); // line 4: a serial date
    bytes.extend_from_slice(b"A4,No\xe9,man,14/07/1990\n"); // line 5: DD/MM/YYYY
    let output = run_on(
        &dir,
        "w1252.csv",
        &bytes,
        &["--mapping", mapping.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let codes = error_codes(&dir);
    let at = |line: u64| -> Vec<&str> {
        codes
            .iter()
            .filter(|(l, _, _)| *l == line)
            .map(|(_, _, c)| c.as_str())
            .collect()
    };
    assert!(at(3).contains(&"column_count"), "{codes:?}");
    assert!(at(4).contains(&"spreadsheet_serial_date"), "{codes:?}");
    assert!(at(5).contains(&"day_month_year_date"), "{codes:?}");
    assert!(!at(2).contains(&"invalid_encoding"), "{codes:?}");
    let errors = std::fs::read_to_string(dir.join("out").join("erreurs.csv")).unwrap();
    assert!(
        errors.contains(";A3;Né le;identity.birth_date;"),
        "the header as written, decoded"
    );
    assert!(!errors.contains("Zo"), "no name in the error file");
    assert!(
        errors.contains("\n3;;;row;column_count;"),
        "no identifier when the cells are not where the header says: {errors}"
    );

    // UTF-8 with a BOM, quoted fields, a broken quote, bytes that are not UTF-8, a
    // 1 MB cell.
    let mut bytes = "\u{feff}participant_id;identity.last_name;identity.gender\n"
        .as_bytes()
        .to_vec();
    bytes.extend_from_slice("B1;\"Lefèvre; dit \"\"Léo\"\"\";man\n".as_bytes()); // line 2
    bytes.extend_from_slice(b"B2;D\xffrand;man\n"); // line 3
    bytes.extend_from_slice(format!("B3;{};woman\n", "x".repeat(1 << 20)).as_bytes()); // 4
    bytes.extend_from_slice(b"B4;\"Petit;woman\nB5;Moreau;man\n"); // line 5, never closed
    let output = run_on(&dir, "utf8.csv", &bytes, &[]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let codes = error_codes(&dir);
    let at = |line: u64| -> Vec<String> {
        codes
            .iter()
            .filter(|(l, _, _)| *l == line)
            .map(|(_, _, c)| c.clone())
            .collect()
    };
    assert!(
        !at(2)
            .iter()
            .any(|c| c.starts_with("invalid_") || c == "column_count"),
        "{codes:?}"
    );
    assert_eq!(at(3), ["invalid_encoding"]);
    assert_eq!(at(4), ["cell_too_long"]);
    assert_eq!(at(5), ["broken_quote"]);
    // Fields the phase requires that no column gives are named once in the summary.
    let summary: Value =
        serde_json::from_slice(&std::fs::read(dir.join("out").join("indicateurs.json")).unwrap())
            .unwrap();
    assert_eq!(summary["rows"], 4);
    let without: Vec<&str> = summary["required_without_column"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(without.contains(&"identity.birth_date") && !without.contains(&"identity.gender"));
    assert!(
        !without.contains(&"operation.exit_date"),
        "asked from the exit on"
    );
    assert!(stderr(&output).contains("identity.birth_date"));
    std::fs::remove_dir_all(&dir).ok();
}

/// Exports whose rows start after blank lines, span several lines or end the file
/// without a line break, with the physical line each finding must be on.
type LineCase = (&'static str, Vec<u8>, Vec<(u64, &'static str)>);

fn line_cases() -> Vec<LineCase> {
    vec![
        (
            // The report's case: a blank line before A2.
            "blank.csv",
            b"participant_id;identity.birth_date\nA1;\n\nA2;x\nA3;y\n".to_vec(),
            vec![(4, "invalid_date_format"), (5, "invalid_date_format")],
        ),
        (
            // A byte order mark, CRLF, several `\r\n` blank lines, no final newline.
            "crlf.csv",
            b"\xEF\xBB\xBFparticipant_id;identity.birth_date\r\nA1;w\r\n\r\n\r\n\r\nA2;x\r\n\r\nA3;y"
                .to_vec(),
            vec![
                (2, "invalid_date_format"),
                (6, "invalid_date_format"),
                (8, "invalid_date_format"),
            ],
        ),
        (
            // Blank lines before the header, a quoted cell over three lines, a line of
            // separators alone (a row), several blank lines in a row, LF and CRLF mixed.
            "quoted.csv",
            b"\n\r\nparticipant_id;identity.birth_date\nA1;\"w\nx\r\ny\"\n\n\nA2;x\r\n;;;\nA3;y\n\n"
                .to_vec(),
            vec![
                (4, "invalid_date_format"),
                (9, "invalid_date_format"),
                (10, "column_count"),
                (11, "invalid_date_format"),
            ],
        ),
    ]
}

#[test]
fn a_finding_is_on_the_physical_line_where_its_row_starts() {
    let dir = dir("lines");
    for (name, bytes, expected) in line_cases() {
        let output = run_on(&dir, name, &bytes, &[]);
        assert_eq!(output.status.code(), Some(1), "{name}: {}", stderr(&output));
        let found: Vec<(u64, String)> = error_codes(&dir)
            .into_iter()
            .filter(|(_, _, code)| code == "invalid_date_format" || code == "column_count")
            .map(|(line, _, code)| (line, code))
            .collect();
        let expected: Vec<(u64, String)> =
            expected.iter().map(|(l, c)| (*l, c.to_string())).collect();
        assert_eq!(found, expected, "{name}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn spreadsheet_damage_is_recognised_by_the_field_kind() {
    use parcours::lot::damage;
    use parcours::questionnaire::Kind;
    assert_eq!(
        damage(Kind::Date, "45123"),
        Some(LotCode::SpreadsheetSerialDate)
    );
    assert_eq!(
        damage(Kind::Date, "45123.5"),
        Some(LotCode::SpreadsheetSerialDate)
    );
    assert_eq!(
        damage(Kind::Date, "1/2/2025"),
        Some(LotCode::DayMonthYearDate)
    );
    assert_eq!(damage(Kind::Date, "2025-02-01"), None);
    assert_eq!(damage(Kind::Date, "0"), None);
    assert_eq!(
        damage(Kind::PostalCode, "1000"),
        Some(LotCode::PostalCodeLostZero)
    );
    assert_eq!(damage(Kind::PostalCode, "01000"), None);
    assert_eq!(
        damage(Kind::Phone, "612345678"),
        Some(LotCode::PhoneLostZero)
    );
    assert_eq!(damage(Kind::Phone, "0612345678"), None);
    assert_eq!(
        damage(Kind::Nir, "1,85058E+14"),
        Some(LotCode::NirScientificNotation)
    );
    assert_eq!(
        damage(Kind::Nir, "1.85058e14"),
        Some(LotCode::NirScientificNotation)
    );
    assert_eq!(damage(Kind::Nir, "185057800608491"), None);
    assert_eq!(damage(Kind::Text { max: 100 }, "45123"), None);
}

// ---- property: each indicator is the count of the rows whose own check derives it.

fn header() -> Vec<&'static str> {
    let mut h = vec!["participant_id"];
    h.extend(FIELDS.iter().map(|f| f.path));
    h
}

/// A cell for a field: mostly plausible values, sometimes wrong ones.
fn cell_strategy(path: &'static str) -> BoxedStrategy<String> {
    let spec = FIELDS.iter().find(|f| f.path == path).unwrap();
    use parcours::questionnaire::Kind;
    let values: Vec<&'static str> = match spec.kind {
        Kind::Date => vec![
            "",
            "1960-05-01",
            "1999-02-28",
            "2008-12-31",
            "2010-06-15",
            "2024-03-01",
            "2025-01-15",
            "2025-06-30",
            "2025-07-31",
            "2026-01-01",
            "45123",
            "31/12/2024",
        ],
        Kind::Bool => vec!["", "oui", "non", "oui", "non", "peut-être"],
        Kind::Answer => vec!["", "oui", "non", "refused", "yes"],
        Kind::Choice(choices) => {
            let mut v = vec!["", "autre"];
            v.extend_from_slice(choices);
            v
        }
        Kind::Count { .. } => vec!["", "0", "2", "31"],
        Kind::PostalCode => vec!["", "59280", "1000", "75011"],
        Kind::Insee => vec!["", "59017", "75111"],
        Kind::Phone => vec!["", "0612345678", "612345678"],
        Kind::Email => vec!["", "a@exemple.fr", "pas-une-adresse"],
        Kind::Nir => vec!["", "1,85E+14"],
        Kind::OperationId => vec!["", "202303872"],
        Kind::Text { .. } => vec!["", "Durand", "12 rue de Lille"],
    };
    proptest::sample::select(values)
        .prop_map(String::from)
        .boxed()
}

fn row_strategy() -> impl Strategy<Value = Vec<String>> {
    let cells: Vec<BoxedStrategy<String>> = std::iter::once(Just(String::from("P1")).boxed())
        .chain(FIELDS.iter().map(|f| cell_strategy(f.path)))
        .collect();
    cells
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn each_indicator_counts_the_rows_whose_own_check_derives_it(
        rows in proptest::collection::vec(row_strategy(), 1..40),
        phase in proptest::sample::select(vec![Phase::Entry, Phase::Exit, Phase::FollowUp]),
        split in 0usize..40,
    ) {
        let header = header();
        let mapping = Mapping::new(&header, &[]).unwrap();
        prop_assert!(mapping.columns.iter().all(|c| *c != Column::Ignored));
        let reference = chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
        let checker = Checker::new(mapping, phase, reference, Locale::Fr);
        let outcomes: Vec<_> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let cells: Vec<&str> = r.iter().map(String::as_str).collect();
                checker.check(i as u64 + 2, &cells)
            })
            .collect();
        // Two chunks merged, as the command's cores do.
        let (a, b) = outcomes.split_at(split.min(outcomes.len()));
        let mut tally = Tally::new();
        a.iter().for_each(|o| tally.add(o));
        let mut second = Tally::new();
        b.iter().for_each(|o| second.add(o));
        tally.merge(second);
        // Each row's own check, through the library's request entry point (the
        // questionnaire as a form would send it), and each indicator read from that
        // report and the row's answers.
        let mut expected = vec![[0u64; 3]; INDICATORS.len()];
        for r in &rows {
            let mut data = serde_json::Map::new();
            for (spec, cell) in FIELDS.iter().zip(r.iter().skip(1)) {
                data.entry(spec.section)
                    .or_insert_with(|| Value::Object(Default::default()))
                    .as_object_mut()
                    .unwrap()
                    .insert(spec.name.into(), Value::String(cell.clone()));
            }
            let request = serde_json::json!({
                "check": "questionnaire", "phase": phase.as_str(),
                "reference_date": "2025-12-31", "data": data,
            });
            let report = parcours::check(&serde_json::from_value(request).unwrap());
            let counted = report.missing.is_empty()
                && !report.findings.iter().any(|f| f.is_error()
                    || f.code == parcours::Code::ParticipationOneDayOrLess);
            if !counted {
                continue;
            }
            let cell = |path: &str| {
                let at = FIELDS.iter().position(|f| f.path == path).unwrap();
                r[at + 1].trim().to_ascii_lowercase()
            };
            let yes = |path: &str| ["oui", "yes", "true"].contains(&cell(path).as_str());
            let derived = report.derived.clone().unwrap_or_default();
            let gender = ["woman", "man", "non_binary"]
                .iter()
                .position(|g| *g == cell("identity.gender"))
                .unwrap();
            for (n, indicator) in INDICATORS.iter().enumerate() {
                if indicator.from > phase {
                    continue;
                }
                let holds = match indicator.id {
                    "unemployed" => yes("situation.unemployed"),
                    "long_term_unemployed" => yes("situation.long_term_unemployed"),
                    "inactive" => yes("situation.inactive"),
                    "employed" => yes("situation.employed") || yes("situation.self_employed"),
                    "below_18" => derived.age_bracket == Some("under_18"),
                    "age_18_29" => derived.age_bracket == Some("18_29"),
                    "age_55_plus" => derived.age_bracket == Some("55_plus"),
                    "isced_0_2" | "isced_3_4" | "isced_5_8" => derived.isced_bracket == Some(indicator.id),
                    "disability" => yes("sensitive.disability"),
                    "third_country_national" => yes("sensitive.third_country_national"),
                    "foreign_background" => yes("sensitive.foreign_background"),
                    "minority" => yes("sensitive.minority"),
                    "homeless" => yes("sensitive.homeless"),
                    "rural_area" => yes("sensitive.rural_area"),
                    "total" => true,
                    "exit_job_searching" => yes("exit.job_searching"),
                    "exit_in_education_or_training" => yes("exit.in_education_or_training"),
                    "exit_qualification" => yes("exit.qualification_gained"),
                    "exit_in_employment" => yes("exit.in_employment") || yes("exit.self_employed"),
                    "six_months_in_employment" => yes("follow_up.in_employment") || yes("follow_up.self_employed"),
                    "six_months_improved_situation" => yes("follow_up.improved_situation"),
                    other => panic!("indicator {other} has no definition in this test"),
                };
                if holds {
                    expected[n][gender] += 1;
                }
            }
        }
        for (n, indicator) in INDICATORS.iter().enumerate() {
            prop_assert_eq!(tally.by_indicator[n], expected[n], "{}", indicator.id);
        }
        // Counted and excluded add up; no row is dropped silently.
        prop_assert_eq!(tally.counted + tally.excluded, rows.len() as u64);
        let total = tally.count("total").unwrap().1;
        prop_assert_eq!(total, tally.counted);
        // A row not counted says why: an error, or a participation of one day or less.
        for o in &outcomes {
            if !o.counted {
                prop_assert!(o.findings.iter().any(|f| f.severity == parcours::Severity::Error
                    || f.code == RowCode::Questionnaire(parcours::Code::ParticipationOneDayOrLess)));
            }
        }
    }
}

/// An XLSX workbook: the first sheet, a date typed as a date reads as one; a date
/// typed as a number, a postal code typed as a number, are damage on their line.
#[test]
fn an_xlsx_workbook_is_read_like_a_csv() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let dir = dir("xlsx");
    let file = dir.join("export.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (col, h) in [
        "participant_id",
        "identity.gender",
        "identity.birth_date",
        "contact.postal_code",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, col as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "X1").unwrap();
    sheet.write_string(1, 1, "woman").unwrap();
    sheet
        .write_datetime_with_format(1, 2, ExcelDateTime::from_ymd(1980, 3, 1).unwrap(), &date)
        .unwrap();
    sheet.write_string(1, 3, "59280").unwrap();
    sheet.write_string(2, 0, "X2").unwrap();
    sheet.write_string(2, 1, "man").unwrap();
    sheet.write_number(2, 2, 32874.0).unwrap();
    sheet.write_number(2, 3, 1000.0).unwrap();
    book.save(&file).unwrap();
    let out = dir.join("out");
    let output = lot(&[
        file.to_str().unwrap(),
        "--phase",
        "entry",
        "--reference-date",
        "2025-12-31",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let codes = error_codes(&dir);
    let at = |line: u64| -> Vec<String> {
        codes
            .iter()
            .filter(|(l, _, _)| *l == line)
            .map(|(_, _, c)| c.clone())
            .collect()
    };
    assert!(
        !at(2)
            .iter()
            .any(|c| c.contains("date") || c.contains("postal")),
        "{codes:?}"
    );
    assert!(
        at(3).contains(&"spreadsheet_serial_date".to_string()),
        "{codes:?}"
    );
    assert!(
        at(3).contains(&"postal_code_lost_zero".to_string()),
        "{codes:?}"
    );
    let summary: Value =
        serde_json::from_slice(&std::fs::read(out.join("indicateurs.json")).unwrap()).unwrap();
    assert_eq!(summary["rows"], 2);
    std::fs::remove_dir_all(&dir).ok();
}

// ---- the browser's reader (src/lot/feed.rs) against the command line's.

/// Every outcome the command line's reader gives, then the fed reader's for each way
/// of slicing the same bytes: they must be equal, row for row.
fn both_readers_agree(name: &str, bytes: &[u8], custom: &[(&str, &str)]) -> usize {
    use parcours::lot::feed::Feed;
    use parcours::lot::read::{self, Export, Progress};
    let dir = dir(name);
    let path = dir.join("export.csv");
    std::fs::write(&path, bytes).unwrap();
    let custom: Vec<(String, String)> = custom
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    let reference = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    let mut export = Export::open(&path, Progress::default()).unwrap();
    let header: Vec<&str> = export.header.iter().map(String::as_str).collect();
    let checker = Checker::new(
        Mapping::new(&header, &custom).unwrap(),
        Phase::Entry,
        reference,
        Locale::Fr,
    );
    let mut native = Vec::new();
    let mut rows = read::Chunk::default();
    loop {
        export.next_rows(1000, &mut rows).unwrap();
        if rows.is_empty() {
            break;
        }
        native.extend(
            rows.iter()
                .map(|r| read::check(&checker, r, export.encoding)),
        );
    }
    for size in [1, 7, 4096, 65_535, 65_536, 100_003, bytes.len().max(1)] {
        let mut feed = Feed::new(Phase::Entry, reference, custom.clone(), Locale::Fr);
        let mut fed = Vec::new();
        for slice in bytes.chunks(size) {
            feed.push(slice, &mut fed).unwrap();
        }
        feed.finish(&mut fed).unwrap();
        assert_eq!(fed.len(), native.len(), "{name}, slices of {size}");
        for (a, b) in fed.iter().zip(&native) {
            assert_eq!(a, b, "{name}, slices of {size}");
        }
    }
    native.len()
}

#[test]
fn the_browser_reader_gives_the_command_line_outcomes() {
    // Windows-1252, `,`, a short line, quotes, a line break inside a quoted cell, blank
    // lines, CRLF, no newline at the end, a quote never closed.
    let mut w1252 = b"R\xe9f,Nom,Genre,N\xe9 le\r\n".to_vec();
    w1252.extend_from_slice(b"A1,L\xe9a,woman,1980-01-01\r\n\r\n");
    w1252.extend_from_slice(b"A2,Hugo,man\n\n\n");
    w1252.extend_from_slice(b"A3,\"Zo\xe9\nB\",woman,32874\n");
    w1252.extend_from_slice(b"A4,\"No\"\"\xe9\",man,14/07/1990\n");
    w1252.extend_from_slice(b"A5,Ana,woman,1990-01-01\n");
    w1252.extend_from_slice(b"A6,\"Eve,woman,1990-01-01\nA7,Max,man,1985-02-02");
    let mapping = [
        ("Genre", "identity.gender"),
        ("Né le", "identity.birth_date"),
        ("Nom", "identity.last_name"),
        ("Réf", "participant_id"),
    ];
    assert_eq!(both_readers_agree("feed-w1252", &w1252, &mapping), 6);
    // UTF-8 with a byte order mark, `;`, bytes that are not UTF-8 on one line.
    let mut utf8 = b"\xEF\xBB\xBFparticipant_id;identity.gender;identity.last_name\n".to_vec();
    utf8.extend_from_slice("P1;woman;Léa\nP2;man;Br\u{fc}ck\n".as_bytes());
    utf8.extend_from_slice(b"P3;man;No\xe9\n");
    assert_eq!(both_readers_agree("feed-utf8", &utf8, &[]), 3);
    // Blank lines, quoted cells over several lines, no final newline: the same rows
    // on the same lines (tests/wasm_lot.rs feeds these through the binding too).
    for (name, bytes, _) in line_cases() {
        both_readers_agree(name, &bytes, &[]);
    }
    // A generated export, larger than the first slice the readers look at.
    if node_available() {
        let dir = dir("feed-generated");
        let (file, _) = generate(&dir, 1500, 5, "entry");
        let bytes = std::fs::read(&file).unwrap();
        assert!(bytes.len() > 1 << 16);
        assert_eq!(both_readers_agree("feed-generated", &bytes, &[]), 1500);
    }
}

#[test]
fn the_browser_reader_refuses_what_the_command_line_refuses() {
    use parcours::lot::feed::{Feed, FeedError};
    let reference = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    let run = |bytes: &[u8]| -> Result<usize, FeedError> {
        let mut feed = Feed::new(Phase::Entry, reference, Vec::new(), Locale::Fr);
        let mut out = Vec::new();
        feed.push(bytes, &mut out)?;
        feed.finish(&mut out)?;
        Ok(out.len())
    };
    assert_eq!(run(b""), Err(FeedError::Empty));
    assert_eq!(run(b"\n\n"), Err(FeedError::Empty));
    assert_eq!(run(b"identity.gender\n"), Err(FeedError::HeaderOnly));
    assert_eq!(run(b"identity.gender\n\n"), Err(FeedError::HeaderOnly));
    assert_eq!(run(b"a\x00b\n"), Err(FeedError::Binary));
    assert_eq!(run(b"PK\x03\x04rest"), Err(FeedError::Xlsx));
    assert!(matches!(
        run(b"nom;prenom\nA;B\n"),
        Err(FeedError::Mapping(_))
    ));
    assert_eq!(run(b"identity.gender\nwoman"), Ok(1));
}

#[test]
fn the_browser_module_decodes_windows_1252_as_encoding_rs_does() {
    // A single-byte encoding: the same character for each byte is the same text.
    for byte in 0..=255u8 {
        let bytes = [byte];
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
        let expected: Vec<char> = text.chars().collect();
        assert_eq!(
            expected,
            vec![parcours::lot::read::windows_1252_char(byte)],
            "byte {byte:#04x}"
        );
    }
}

/// The dashboards with a hostile territory column (a column of names mapped by
/// mistake): past 64 territories the table is withheld and every row it would hold is
/// counted apart, whatever the split of rows between cores; blank and unknown cells
/// are apart with their reason; no territory's value is written.
#[test]
fn too_many_territories_withhold_the_table_the_same_on_any_split() {
    use parcours::lot::report::Summary;
    let header = [
        "programme.territory",
        "programme.decision",
        "programme.entry_criterion",
        "identity.gender",
    ];
    let mapping = Mapping::new(&header, &[]).unwrap();
    let reference = chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    let checker = Checker::new(mapping.clone(), Phase::Entry, reference, Locale::Fr);
    let names: Vec<String> = (0..100).map(|n| format!("Nom{n}")).collect();
    let mut outcomes = Vec::new();
    let mut entries = 0;
    for (i, name) in names.iter().enumerate() {
        let decision = ["entry", "deferral", "refusal", "entry", "deferral"][i % 5];
        let decision = [decision, decision, decision, decision, "", "ok"][i % 6];
        let public = ["rsa", "qpv", "", "jeune"][i % 4];
        if decision == "entry" && i % 4 < 2 {
            entries += 1;
        }
        outcomes.push(checker.check(i as u64 + 2, &[name, decision, public, "woman"]));
    }
    outcomes.push(checker.check(102, &["x", "entry"]));
    let summary = |split: usize| {
        let (a, b) = outcomes.split_at(split);
        let mut tally = Tally::new();
        a.iter().for_each(|o| tally.add(o));
        let mut second = Tally::new();
        b.iter().for_each(|o| second.add(o));
        tally.merge(second);
        Summary::new(&tally, Phase::Entry, reference, &mapping, Locale::Fr)
    };
    let whole = summary(outcomes.len());
    for split in [0, 30, 50, 70] {
        assert_eq!(
            summary(split).dashboards,
            whole.dashboards,
            "split at {split}"
        );
    }
    let by_territory = &whole.dashboards[0];
    assert_eq!(by_territory.id, "decisions_by_territory");
    assert_eq!(by_territory.withheld, Some("too_many_territories"));
    assert!(by_territory.lines.is_empty());
    // 100 rows: 16 decisions blank, 16 unknown, 68 valid; one line not read.
    let apart: Vec<(&str, u64)> = by_territory.apart.iter().map(|(k, v)| (*k, *v)).collect();
    assert_eq!(
        apart,
        [
            ("decision_invalid", 16),
            ("decision_missing", 16),
            ("line_not_read", 1),
            ("too_many_territories", 68)
        ]
    );
    let by_criterion = &whole.dashboards[1];
    let counted: u64 = by_criterion.lines.iter().map(|l| l.counts[0]).sum();
    assert_eq!(counted, entries, "entries with rsa or qpv");
    let csv = whole.indicators_csv();
    assert!(
        !csv.contains("Nom1"),
        "a territory past the limit is not written"
    );
    assert!(csv.contains("decisions_by_territory.a_part.too_many_territories;"));
}
