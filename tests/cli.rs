//! The `parcours` command-line program: a request file in, the report out, with the
//! exit status saying whether it is valid.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::{json, Value};

fn parcours(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_parcours"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the CLI starts");
    // Written from another thread: a batch's reports are streamed, so the program
    // writes while it reads, and a large input must not wait for the output's reader.
    let mut pipe = child.stdin.take().expect("stdin");
    let input = stdin.as_bytes().to_vec();
    let writer = std::thread::spawn(move || {
        // The program may stop reading early (a usage error): not a failure here.
        pipe.write_all(&input).ok();
    });
    let output = child.wait_with_output().expect("the CLI ends");
    writer.join().expect("the input was written");
    output
}

fn report(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).expect("the CLI prints JSON")
}

fn base_entry() -> Value {
    let bases: Value =
        serde_json::from_str(include_str!("cases/questionnaire/_bases.json")).unwrap();
    bases["entry"].clone()
}

#[test]
fn a_request_file_gets_the_same_report_as_the_library() {
    let dir = std::env::temp_dir().join(format!("parcours-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut request = base_entry();
    request["data"]["identity"]["birth_date"] = json!("2023-02-30");
    let file = dir.join("request.json");
    std::fs::write(&file, request.to_string()).unwrap();

    let output = parcours(&[file.to_str().unwrap()], "");
    assert_eq!(output.status.code(), Some(1), "not valid → exit 1");
    let library = parcours::check(&serde_json::from_value(request).unwrap());
    assert_eq!(report(&output), serde_json::to_value(&library).unwrap());
    assert_eq!(report(&output)["findings"][0]["code"], "nonexistent_date");

    let check = parcours(&["check", file.to_str().unwrap()], "");
    assert_eq!(
        check.stdout, output.stdout,
        "`check FILE` is the same as `FILE`"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_valid_request_on_standard_input_exits_zero() {
    let output = parcours(&["-"], &base_entry().to_string());
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(report(&output)["valid"], true);
}

#[test]
fn an_array_of_requests_is_a_batch() {
    let mut wrong = base_entry();
    wrong["phase"] = json!("exit");
    let output = parcours(&[], &json!([base_entry(), wrong]).to_string());
    assert_eq!(
        output.status.code(),
        Some(1),
        "one report not valid → exit 1"
    );
    let reports = report(&output);
    assert_eq!(reports.as_array().map(Vec::len), Some(2));
    assert_eq!(reports[0]["valid"], true);
    assert_eq!(reports[1]["missing"][0], "operation.exit_date");
}

#[test]
fn text_that_is_not_json_is_a_finding_that_repeats_nothing() {
    let output = parcours(&[], "{\"identity\": {\"last_name\": \"Durand\"");
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(!text.contains("Durand"), "the input is not echoed");
    assert_eq!(report(&output)["findings"][0]["code"], "invalid_json");
    // Nesting beyond the JSON reader's limit is the same finding, not a crash (an
    // array is a batch: its one report).
    let deep = "[".repeat(100_000);
    assert_eq!(
        report(&parcours(&[], &deep))[0]["findings"][0]["code"],
        "invalid_json"
    );
    let deep = "{\"a\":".repeat(100_000);
    assert_eq!(
        report(&parcours(&[], &deep))["findings"][0]["code"],
        "invalid_json"
    );
}

#[test]
fn a_missing_file_or_a_wrong_word_exits_two() {
    let output = parcours(&["/nonexistent/request.json"], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert_eq!(parcours(&["schema", "de"], "").status.code(), Some(2));
    assert_eq!(parcours(&["a", "b", "c"], "").status.code(), Some(2));
}

#[test]
fn schema_lists_every_field_with_labels() {
    let fr = report(&parcours(&["schema"], ""));
    let en = report(&parcours(&["schema", "en"], ""));
    let count = |s: &Value| {
        s["sections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["fields"].as_array().unwrap().len())
            .sum::<usize>()
    };
    assert_eq!(count(&fr), parcours::questionnaire::FIELDS.len());
    assert_eq!(fr["sections"][0]["fields"][3]["label"], "Date de naissance");
    assert_eq!(en["sections"][0]["fields"][3]["label"], "Date of birth");
}

#[test]
fn programmes_list_the_facts_their_rules_read() {
    let list = report(&parcours(&["programmes"], ""));
    let fl = list
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "plie-flandre-lys")
        .expect("Flandre Lys");
    let facts: Vec<&str> = fl["facts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        facts,
        [
            "postal_code",
            "commune_name",
            "commune_insee",
            "birth_date",
            "clause_sociale",
            "tos",
            "derogation_signed_off",
            "socio_professional_difficulties",
            "available_to_act",
            "motivated",
            "rsa_socle",
            "rsa",
            "long_term_job_seeker",
            "qpv",
            "rqth",
            "rqth_end_date"
        ]
    );
    assert_eq!(fl["facts"][3]["label"], "Date de naissance");
    assert_eq!(fl["facts"][3]["kind"], "date");
    let en = report(&parcours(&["programmes", "en"], ""));
    assert_eq!(
        en[0]["facts"][0]["label"].as_str().map(|l| l.is_empty()),
        Some(false)
    );
    let ids: std::collections::BTreeSet<&str> = parcours::programme::PROGRAMMES
        .iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(
        list.as_array().unwrap().len(),
        ids.len(),
        "one entry per programme"
    );
    let iae = list
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "iae-diagnostic")
        .expect("IAE");
    assert_eq!(iae["versions"].as_array().map(Vec::len), Some(3));
    assert_eq!(
        iae["valid_from"], "2024-12-09",
        "the latest version describes the programme"
    );
    let criteria = iae["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "iae_criteria")
        .expect("criteria");
    assert!(criteria["choices"]
        .as_array()
        .unwrap()
        .contains(&json!("rsa:1")));
    assert!(criteria["choices"]
        .as_array()
        .unwrap()
        .contains(&json!("deld:2")));
}

#[test]
fn exits_follow_up_and_portfolio_answer_on_the_command_line() {
    let exit = json!({
        "check": "exit", "programme": "plie-flandre-lys", "exit_date": "2018-06-29",
        "exit": { "reason": "temporary_work",
                  "missions": [{ "start": "2017-07-03", "end": "2017-12-22", "hours": 700 },
                               { "start": "2018-01-08", "end": "2018-06-22", "hours": 515 }],
                  "proofs": [{ "kind": "mission_statement", "date": "2018-06-22" }] }
    });
    let short = {
        let mut r = exit.clone();
        r["exit"]["missions"][1]["hours"] = json!(514);
        r
    };
    let incomplete = {
        let mut r = exit.clone();
        r["exit"]["proofs"] = json!([]);
        r
    };
    let follow_up = json!({
        "check": "follow_up", "programme": "plie-flandre-lys",
        "reference_date": "2018-04-01", "entry_date": "2018-01-15",
        "events": [{ "type": "interview", "date": "2018-01-20" }]
    });
    let portfolio = json!({
        "check": "portfolio", "programme": "plie-flandre-lys", "reference_date": "2018-12-31",
        "exits": [{ "exit_date": "2018-06-29", "exit": exit["exit"] },
                  { "exit_date": "2018-06-29", "exit": { "reason": "abandonment" } }]
    });
    let batch = json!([exit, short, incomplete, follow_up, portfolio]);
    let output = parcours(&["-"], &batch.to_string());
    assert_eq!(
        output.status.code(),
        Some(1),
        "one report not valid → exit 1"
    );
    let reports = report(&output);
    assert_eq!(reports[0]["exit"]["category"], "positive");
    assert_eq!(reports[0]["exit"]["interim"]["hours"], json!(1215.0));
    assert_eq!(reports[1]["exit"]["category"], "other");
    assert_eq!(reports[2]["exit"]["category"], "incomplete");
    assert_eq!(reports[2]["missing"], json!(["exit.proofs"]));
    assert_eq!(reports[3]["follow_up"]["late"], json!(2), "{}", reports[3]);
    assert_eq!(reports[4]["portfolio"]["rates"][0]["rate"], json!(0.5));
    for (i, r) in reports.as_array().unwrap().iter().enumerate() {
        let library = parcours::check(&serde_json::from_value(batch[i].clone()).unwrap());
        assert_eq!(*r, serde_json::to_value(&library).unwrap(), "report {i}");
    }
}

/// Issue #13 item 11: a batch is not a request: its length has no cap, every request
/// gets its report, in order.
#[test]
fn a_batch_of_ten_thousand_requests_gets_ten_thousand_reports_in_order() {
    let mut batch = Vec::new();
    for i in 0..10_000u32 {
        let mut request = base_entry();
        // Every seventh request is wrong in a way that names its position.
        if i % 7 == 0 {
            request["data"]["identity"]["birth_date"] = json!(format!("2023-02-{}", 30 + i % 2));
        }
        batch.push(request);
    }
    let output = parcours(&[], &Value::Array(batch.clone()).to_string());
    assert_eq!(
        output.status.code(),
        Some(1),
        "some reports not valid → exit 1"
    );
    let reports = report(&output);
    let reports = reports.as_array().expect("an array of reports");
    assert_eq!(reports.len(), 10_000);
    let alone_valid = serde_json::to_value(parcours::check(
        &serde_json::from_value(batch[1].clone()).unwrap(),
    ))
    .unwrap();
    let alone_30 = serde_json::to_value(parcours::check(
        &serde_json::from_value(batch[0].clone()).unwrap(),
    ))
    .unwrap();
    let alone_31 = serde_json::to_value(parcours::check(
        &serde_json::from_value(batch[7].clone()).unwrap(),
    ))
    .unwrap();
    assert_eq!(alone_30["findings"][0]["code"], "nonexistent_date");
    for (i, r) in reports.iter().enumerate() {
        let expected = match (i % 7, i % 2) {
            (0, 0) => &alone_30,
            (0, _) => &alone_31,
            _ => &alone_valid,
        };
        assert_eq!(r, expected, "report {i}");
    }
}

#[test]
fn a_batch_keeps_the_caps_of_each_request_and_says_where_the_text_breaks() {
    // Each request of a batch has the caps of a request sent alone: a list of 5,000
    // items inside one request is still cut at 4,096, and reported.
    let mut wide = base_entry();
    wide["data"]["extra"] = Value::Array(vec![json!(1); 5_000]);
    let alone = report(&parcours(&[], &wide.to_string()));
    let batch = report(&parcours(&[], &json!([wide, base_entry()]).to_string()));
    assert_eq!(batch[0], alone);
    assert_eq!(batch[1]["valid"], true);
    // Text that stops being JSON within a batch: the reports read so far, then one
    // invalid_json report; the input is not echoed.
    let text = format!(
        "[{}, {}, {{\"identity\": \"Durand",
        base_entry(),
        base_entry()
    );
    let output = parcours(&[], &text);
    assert_eq!(output.status.code(), Some(1));
    assert!(!String::from_utf8_lossy(&output.stdout).contains("Durand"));
    let reports = report(&output);
    assert_eq!(reports.as_array().map(Vec::len), Some(3));
    assert_eq!(reports[0]["valid"], true);
    assert_eq!(reports[1]["valid"], true);
    assert_eq!(reports[2]["findings"][0]["code"], "invalid_json");
    // So does text after the closing bracket.
    let reports = report(&parcours(&[], &format!("[{}] x", base_entry())));
    assert_eq!(reports.as_array().map(Vec::len), Some(2));
    assert_eq!(reports[1]["findings"][0]["code"], "invalid_json");
    // An empty batch: no report, exit 0.
    let output = parcours(&[], " \n [ ] ");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(report(&output), json!([]));
}

/// One million requests through the command line (issue #13 item 11). Not in the
/// quick suite: `cargo test --release --test cli -- --ignored million --nocapture`
/// (BENCHMARKS.md records its time and memory).
#[test]
#[ignore]
fn a_batch_of_a_million_requests_streams() {
    let request = base_entry().to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_parcours"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the CLI starts");
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        let mut out = std::io::BufWriter::new(&mut stdin);
        out.write_all(b"[").unwrap();
        for i in 0..1_000_000 {
            if i > 0 {
                out.write_all(b",").unwrap();
            }
            out.write_all(request.as_bytes()).unwrap();
        }
        out.write_all(b"]").unwrap();
    });
    let started = std::time::Instant::now();
    // Count the reports as they come, without holding them: each report's first line
    // is two spaces and a brace.
    let stdout = child.stdout.take().expect("stdout");
    let mut count = 0usize;
    let mut valid = 0usize;
    for line in std::io::BufRead::lines(std::io::BufReader::new(stdout)) {
        let line = line.unwrap();
        if line == "  {" {
            count += 1;
        } else if line == "    \"valid\": true," {
            valid += 1;
        }
    }
    writer.join().unwrap();
    let status = child.wait().unwrap();
    eprintln!("1,000,000 requests: {:?}", started.elapsed());
    assert_eq!(count, 1_000_000);
    assert_eq!(valid, 1_000_000);
    assert_eq!(status.code(), Some(0));
}

/// `--programme FILE` (repeatable): a file with a problem stops the program with
/// its path, line and column, before any request.
#[test]
fn the_command_line_registers_programme_files() {
    let dir = std::env::temp_dir().join(format!("parcours-programmes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("plie-cli.json");
    let mut v: Value =
        serde_json::from_str(include_str!("../programmes/plie-flandre-lys.json")).unwrap();
    v["id"] = json!("plie-cli");
    v["valid_from"] = json!("2030-01-01");
    v["valid_to"] = json!("2030-12-31");
    let text = v.to_string();
    std::fs::write(&good, &text).unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_parcours"))
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("the CLI starts")
    };
    let good = good.to_str().unwrap();
    let out = run(&["--programme", good, "programmes"]);
    assert!(out.status.success());
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["id"] == "plie-cli"));
    let bad = dir.join("plie-cli-bad.json");
    std::fs::write(&bad, text.replacen('{', "{,", 1)).unwrap();
    let bad = bad.to_str().unwrap();
    let out = run(&[
        "--programme",
        good,
        &format!("--programme={bad}"),
        "programmes",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(said.starts_with(&format!("{bad}:1:2: (file): ")), "{said}");
    assert!(said.contains("une clé doit être un texte"), "{said}");
    let out = run(&["--programme", "/nonexistent/plie.json", "programmes"]);
    assert_eq!(out.status.code(), Some(2));
}
