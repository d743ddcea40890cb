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
//!
//! A batch (an array of requests) is streamed: each request is read, checked and its
//! report written before the next one is read, so a batch of any length gets one
//! report per request, in order, in memory that does not grow with it.

use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::process::ExitCode;

use serde::de::{Deserializer as _, SeqAccess, Visitor};
use serde::ser::{SerializeSeq, Serializer as _};

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
    let opened: std::io::Result<Box<dyn Read>> = match file {
        None | Some("-") => Ok(Box::new(std::io::stdin().lock())),
        Some(path) => std::fs::File::open(path).map(|f| Box::new(f) as Box<dyn Read>),
    };
    let mut input = match opened {
        Ok(reader) => BufReader::with_capacity(1 << 16, reader),
        Err(error) => return cannot_read(file, &error),
    };
    // An array is a batch, read and answered one request at a time: nothing is held
    // but the request being checked, and a batch of any length gets one report per
    // request, in order. Anything else is one request, read whole.
    match first_byte(&mut input) {
        Err(error) => cannot_read(file, &error),
        Ok(Some(b'[')) => check_batch(input),
        Ok(_) => {
            let mut text = Vec::new();
            if let Err(error) = input.read_to_end(&mut text) {
                return cannot_read(file, &error);
            }
            // Bytes that are not UTF-8 are text that is not JSON: a finding.
            let report = match serde_json::from_slice::<Json>(&text) {
                Ok(request) => parcours::check(&request),
                Err(_) => invalid_json(),
            };
            let valid = report.valid;
            finish(print_json(&report), valid)
        }
    }
}

fn cannot_read(file: Option<&str>, error: &std::io::Error) -> ExitCode {
    eprintln!(
        "parcours: cannot read {}: {error}",
        file.unwrap_or("standard input")
    );
    ExitCode::from(2)
}

/// The first byte that is not JSON white space, left unread.
fn first_byte(input: &mut impl BufRead) -> std::io::Result<Option<u8>> {
    loop {
        let buffer = input.fill_buf()?;
        let Some(&first) = buffer.first() else {
            return Ok(None);
        };
        let blanks = buffer
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\n' | b'\r' | b'\t'))
            .count();
        if blanks == 0 {
            return Ok(Some(first));
        }
        input.consume(blanks);
    }
}

/// The report of text that is not JSON. The text's content is not repeated: it may
/// hold personal data.
fn invalid_json() -> Report {
    let mut finding = Finding::new(Code::InvalidJson, "request", "REQUEST");
    Locale::Fr.render(&mut finding);
    Report::new(false, vec![finding], Vec::new(), 0.0)
}

/// A batch, streamed: each request is read, checked and its report written before the
/// next is read. Each request gets the caps of a request sent alone (depth, entries);
/// the batch itself has no length limit. Text that stops being JSON within the batch
/// ends it with one `invalid_json` report after the reports of the requests read so
/// far; so does text after the closing `]`.
fn check_batch(input: impl Read) -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut printer = serde_json::Serializer::pretty(&mut out);
    let mut reports = match printer.serialize_seq(None) {
        Ok(seq) => seq,
        Err(error) => return cannot_write(&error),
    };
    let mut batch = Batch {
        reports: &mut reports,
        all_valid: true,
        write_error: None,
    };
    let mut reader = serde_json::Deserializer::from_reader(input);
    let read = (&mut reader)
        .deserialize_seq(&mut batch)
        .and_then(|()| reader.end());
    if let Some(error) = batch.write_error.take() {
        return cannot_write(&error);
    }
    let mut all_valid = batch.all_valid;
    if read.is_err() {
        all_valid = false;
        if let Err(error) = reports.serialize_element(&invalid_json()) {
            return cannot_write(&error);
        }
    }
    let written = SerializeSeq::end(reports)
        .map_err(std::io::Error::other)
        .and_then(|()| writeln!(out))
        .and_then(|()| out.flush());
    match written {
        Ok(()) => finish(ExitCode::SUCCESS, all_valid),
        Err(error) => cannot_write(&error),
    }
}

struct Batch<'a, S> {
    reports: &'a mut S,
    all_valid: bool,
    /// Writing failed: reading stops, and the program says so.
    write_error: Option<serde_json::Error>,
}

impl<'de, S: SerializeSeq<Error = serde_json::Error>> Visitor<'de> for &mut Batch<'_, S> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of requests")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut requests: A) -> Result<(), A::Error> {
        // `Json` here, not an element of a larger `Json`: each request has the caps of
        // a request sent alone.
        while let Some(request) = requests.next_element::<Json>()? {
            let report = parcours::check(&request);
            self.all_valid &= report.valid;
            if let Err(error) = self.reports.serialize_element(&report) {
                self.write_error = Some(error);
                return Err(serde::de::Error::custom("the output cannot be written"));
            }
        }
        Ok(())
    }
}

fn cannot_write(error: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("parcours: cannot write the result: {error}");
    ExitCode::from(2)
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
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let written = serde_json::to_writer_pretty(&mut out, value)
        .map_err(std::io::Error::other)
        .and_then(|()| writeln!(out))
        .and_then(|()| out.flush());
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => cannot_write(&error),
    }
}
