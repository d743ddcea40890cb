//! `parcours` — the command-line face: JSON in, the same report as the JavaScript
//! package out.
//!
//! ```text
//! parcours [check] [FILE | -]     a request (or an array of requests) → report(s): a
//!                                 questionnaire, eligibility, entry_file, exit,
//!                                 follow_up or portfolio check
//! parcours schema [fr | en]       the questionnaire's fields and labels
//! parcours programmes [fr | en]   the programmes and the facts their rules read
//! ```
//! Exit status: 0 every report valid, 1 some report not valid, 2 the input could not
//! be read (a file that does not open; text that is not JSON still gets a report).

use std::io::{Read, Write};
use std::process::ExitCode;

use parcours::{Code, Finding, Json, Locale, Report};

const USAGE: &str =
    "usage: parcours [check] [FILE | -]\n       parcours schema [fr | en]\n       parcours programmes [fr | en]\n";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    match words.as_slice() {
        ["-h" | "--help"] => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        ["schema"] => print_json(&parcours::schema(Locale::Fr)),
        ["schema", locale] => match Locale::from_name(locale) {
            Some(locale) => print_json(&parcours::schema(locale)),
            None => usage(),
        },
        ["programmes"] => print_json(&parcours::programmes(Locale::Fr)),
        ["programmes", locale] => match Locale::from_name(locale) {
            Some(locale) => print_json(&parcours::programmes(locale)),
            None => usage(),
        },
        [] | ["check"] => check_input(None),
        [file] | ["check", file] if !["schema", "programmes"].contains(file) => {
            check_input(Some(file))
        }
        _ => usage(),
    }
}

fn usage() -> ExitCode {
    eprint!("{USAGE}");
    ExitCode::from(2)
}

fn check_input(file: Option<&str>) -> ExitCode {
    let mut text = String::new();
    let read = match file {
        None | Some("-") => std::io::stdin().read_to_string(&mut text),
        Some(path) => std::fs::File::open(path).and_then(|mut f| f.read_to_string(&mut text)),
    };
    if let Err(error) = read {
        eprintln!(
            "parcours: cannot read {}: {error}",
            file.unwrap_or("standard input")
        );
        return ExitCode::from(2);
    }
    match serde_json::from_str::<Json>(&text) {
        Ok(Json::Array(requests)) => {
            let reports: Vec<Report> = requests.iter().map(parcours::check).collect();
            let all_valid = reports.iter().all(|r| r.valid);
            finish(print_json(&reports), all_valid)
        }
        Ok(request) => {
            let report = parcours::check(&request);
            let valid = report.valid;
            finish(print_json(&report), valid)
        }
        Err(_) => {
            // The text's content is not repeated: it may hold personal data.
            let mut finding = Finding::new(Code::InvalidJson, "request", "REQUEST");
            Locale::Fr.render(&mut finding);
            let report = Report::new(false, vec![finding], Vec::new(), 0.0);
            finish(print_json(&report), false)
        }
    }
}

fn finish(printed: ExitCode, valid: bool) -> ExitCode {
    if printed != ExitCode::SUCCESS {
        printed
    } else if valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn print_json<T: serde::Serialize>(value: &T) -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = serde_json::to_writer_pretty(&mut out, value)
        .map_err(std::io::Error::other)
        .and_then(|()| writeln!(out));
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("parcours: cannot write the result: {error}");
            ExitCode::from(2)
        }
    }
}
