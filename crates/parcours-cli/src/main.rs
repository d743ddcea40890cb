//! `parcours` — the command-line face: JSON in, the same report as the JavaScript
//! package out.
//!
//! ```text
//! parcours [check] [FILE | -]     a request (or an array of requests) → report(s): a
//!                                 questionnaire, eligibility, entry_file, exit,
//!                                 follow_up or portfolio check
//! parcours schema [fr | en]       the questionnaire's fields and labels
//! parcours programmes [fr | en]   the programmes and the facts their rules read
//! parcours lot EXPORT --phase P --reference-date D [--mapping FILE] [--out DIR]
//!                                 a whole participant export (CSV or XLSX): error
//!                                 file, FSE+ indicators, HTML report (docs/lot.md)
//! parcours programme check FILE [--locale en]
//!                                 a programme file for its authors: its problems
//!                                 with their place and what to do, then its example
//!                                 cases run (docs/programmes.md); exit 0 all good,
//!                                 1 an example failed, 2 the file is refused
//! ```
//! Before any of these, `--programme FILE` (repeatable) registers a programme file
//! beside the built-in ones (docs/programmes.md); a file with a problem is reported
//! (`FILE:LINE:COLUMN: path: message`, in French) and nothing is checked.
//!
//! Exit status: 0 every report valid, 1 some report not valid, 2 the input could not
//! be read (a file that does not open; text that is not JSON still gets a report; a
//! programme file that does not open or has a problem).
//!
//! A batch (an array of requests) is streamed: each request is read, checked and its
//! report written before the next one is read, so a batch of any length gets one
//! report per request, in order, in memory that does not grow with it.

use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::process::ExitCode;

use serde::de::{Deserializer as _, SeqAccess, Visitor};
use serde::ser::{SerializeSeq, Serializer as _};

use parcours::{Code, Finding, Json, Locale, Report, RuleId};

// Many small allocations per checked row (see Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str =
    "usage: parcours [--programme FILE]... [check] [FILE | -]\n       parcours schema [fr | en]\n       parcours programmes [fr | en]\n       parcours lot EXPORT --phase entry --reference-date 2025-12-31 [--mapping FILE] [--out DIR]\n       parcours programme check FILE [--locale en]\n";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args = match register_programmes(args) {
        Ok(rest) => rest,
        Err(code) => return code,
    };
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
        ["lot", ..] => lot::run(&args),
        ["programme", ..] => programme::run(&args),
        [] | ["check"] => check_input(None),
        [file] | ["check", file] if !["schema", "programmes"].contains(file) => {
            check_input(Some(file))
        }
        _ => usage(),
    }
}

/// Registers each `--programme FILE` (or `--programme=FILE`) and returns the other
/// arguments; on a file that does not open or has a problem, says so on stderr.
fn register_programmes(args: Vec<String>) -> Result<Vec<String>, ExitCode> {
    let mut rest = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let file = match arg.strip_prefix("--programme=") {
            Some(file) => file.to_string(),
            None if arg == "--programme" => match args.next() {
                Some(file) => file,
                None => return Err(usage()),
            },
            None => {
                rest.push(arg);
                continue;
            }
        };
        let text = match std::fs::read_to_string(&file) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("parcours: {file}: {e}");
                return Err(ExitCode::from(2));
            }
        };
        let answer = parcours::register_programme(&text, Locale::Fr);
        if !answer.registered {
            for p in &answer.problems {
                eprintln!("{file}:{}:{}: {}: {}", p.line, p.column, p.path, p.message);
            }
            return Err(ExitCode::from(2));
        }
    }
    Ok(rest)
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
    let mut finding = Finding::new(Code::InvalidJson, "request", RuleId::Request);
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

mod programme;

/// `parcours lot`: a whole export checked, its indicators counted (docs/lot.md).
mod lot {
    use std::fs::File;
    use std::io::{BufWriter, IsTerminal, Write};
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;

    use clap::Parser;
    use rayon::prelude::*;

    use parcours::lot::read::{self, Chunk, Export, Progress};
    use parcours::lot::report::{error_header, error_lines, Summary};
    use parcours::lot::{Checker, Column, Mapping, Tally};
    use parcours::questionnaire::Phase;
    use parcours::Locale;

    /// Exit status: every row valid.
    const VALID: u8 = 0;
    /// Some row has an error (the outputs are written).
    const ROWS_WITH_ERRORS: u8 = 1;
    /// The run could not start: arguments, a file that does not read, an empty file,
    /// a header alone, a binary file, a mapping that does not fit the header.
    const CANNOT_START: u8 = 2;
    /// The outputs could not be written (nothing half-written is left under their
    /// names).
    const CANNOT_WRITE: u8 = 3;

    /// Rows checked together on every core before their lines are written.
    const CHUNK: usize = 8192;

    #[derive(Parser)]
    #[command(
        name = "parcours lot",
        about = "Contrôle un export de participants (CSV ou XLSX) et calcule les indicateurs communs FSE+"
    )]
    struct Args {
        /// L'export : CSV (UTF-8 ou Windows-1252, séparateur ; ou ,) ou XLSX.
        export: PathBuf,
        /// La phase du questionnaire de chaque ligne : entry, exit ou follow_up.
        #[arg(long)]
        phase: String,
        /// La date de référence des règles de dates (AAAA-MM-JJ).
        #[arg(long = "reference-date")]
        reference_date: String,
        /// Correspondance des colonnes : un objet JSON { "en-tête": "section.champ" }.
        #[arg(long)]
        mapping: Option<PathBuf>,
        /// Le dossier des résultats (par défaut, le dossier courant).
        #[arg(long, default_value = ".")]
        out: PathBuf,
        /// Le nombre de cœurs utilisés (par défaut, tous).
        #[arg(long)]
        threads: Option<usize>,
    }

    fn fail(code: u8, message: &str) -> ExitCode {
        eprintln!("parcours lot : {message}");
        ExitCode::from(code)
    }

    pub fn run(args: &[String]) -> ExitCode {
        let args = match Args::try_parse_from(args) {
            Ok(args) => args,
            Err(error) => {
                let _ = error.print();
                return ExitCode::from(if error.use_stderr() {
                    CANNOT_START
                } else {
                    VALID
                });
            }
        };
        let Some(phase) = Phase::from_name(&args.phase) else {
            return fail(CANNOT_START, "la phase doit être entry, exit ou follow_up");
        };
        let Ok(reference) = parcours::calendar::parse_iso_date(args.reference_date.trim()) else {
            return fail(
                CANNOT_START,
                "la date de référence doit être une date qui existe, écrite AAAA-MM-JJ",
            );
        };
        let custom = match &args.mapping {
            None => Vec::new(),
            Some(path) => match read_mapping(path) {
                Ok(pairs) => pairs,
                Err(message) => return fail(CANNOT_START, &message),
            },
        };
        let progress = Progress::default();
        let mut export = match Export::open(&args.export, progress.clone()) {
            Ok(export) => export,
            Err(error) => return fail(CANNOT_START, &error.message()),
        };
        let header: Vec<&str> = export.header.iter().map(String::as_str).collect();
        let mapping = match Mapping::new(&header, &custom) {
            Ok(mapping) => mapping,
            Err(error) => return fail(CANNOT_START, &error.message()),
        };
        let with_id = mapping.columns.contains(&Column::ParticipantId);
        let checker = Checker::new(mapping, phase, reference, Locale::Fr);
        let pool = match rayon::ThreadPoolBuilder::new()
            .num_threads(args.threads.unwrap_or(0))
            .build()
        {
            Ok(pool) => pool,
            Err(error) => return fail(CANNOT_START, &error.to_string()),
        };
        if let Err(error) = std::fs::create_dir_all(&args.out) {
            return fail(
                CANNOT_WRITE,
                &format!("le dossier des résultats ne peut pas être créé ({error})"),
            );
        }
        let outputs = Outputs::new(&args.out);
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new(export.size);
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{bar:40} {bytes}/{total_bytes} {msg} ({eta})",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar
        });
        let run = pool.install(|| {
            stream(&mut export, &checker, with_id, &outputs, |rows| {
                if let Some(bar) = &bar {
                    bar.set_position(progress.get());
                    bar.set_message(format!("{rows} lignes"));
                }
            })
        });
        if let Some(bar) = &bar {
            bar.finish_and_clear();
        }
        let tally = match run {
            Ok(tally) => tally,
            Err(Failure::Read(message)) => {
                outputs.discard();
                return fail(CANNOT_START, &message);
            }
            Err(Failure::Write(error)) => {
                outputs.discard();
                return fail(
                    CANNOT_WRITE,
                    &format!("les résultats ne peuvent pas être écrits ({error})"),
                );
            }
        };
        if tally.rows == 0 {
            outputs.discard();
            return fail(CANNOT_START, &read::ReadError::HeaderOnly.message());
        }
        let summary = Summary::new(&tally, phase, reference, checker.mapping(), Locale::Fr);
        if let Err(error) = outputs.finish(&summary) {
            outputs.discard();
            return fail(
                CANNOT_WRITE,
                &format!("les résultats ne peuvent pas être écrits ({error})"),
            );
        }
        if !summary.required_without_column.is_empty() {
            eprintln!(
                "parcours lot : aucune colonne ne donne ces champs obligatoires : {}",
                summary.required_without_column.join(", ")
            );
        }
        eprintln!(
            "parcours lot : {} lignes, {} comptées dans les indicateurs, {} écartées ; {} erreurs, {} avertissements ; résultats dans {}",
            tally.rows,
            tally.counted,
            tally.excluded,
            tally.errors,
            tally.warnings,
            args.out.display()
        );
        ExitCode::from(if tally.errors == 0 {
            VALID
        } else {
            ROWS_WITH_ERRORS
        })
    }

    /// A row checked, and its lines of the error file.
    type Checked = (parcours::lot::RowOutcome, String);

    enum Failure {
        Read(String),
        Write(std::io::Error),
    }

    /// Reads, checks (on every core of the pool) and writes the error lines chunk by
    /// chunk, in line order; returns the sums.
    fn stream(
        export: &mut Export,
        checker: &Checker,
        with_id: bool,
        outputs: &Outputs,
        mut tick: impl FnMut(u64),
    ) -> Result<Tally, Failure> {
        let file = File::create(outputs.partial(ERRORS)).map_err(Failure::Write)?;
        let mut errors = BufWriter::with_capacity(1 << 16, file);
        errors
            .write_all(b"\xEF\xBB\xBF")
            .and_then(|()| errors.write_all(error_header(with_id).as_bytes()))
            .map_err(Failure::Write)?;
        let mut tally = Tally::new();
        let encoding = export.encoding;
        let mut current = Chunk::default();
        export
            .next_rows(CHUNK, &mut current)
            .map_err(|e| Failure::Read(e.message()))?;
        let mut next = Chunk::default();
        // The chunk checked before this one, tallied and written while this one is
        // checked: rows are added up one by one and in line order, as the browser's
        // feed adds them, so the sums are the same (a merge of partial tallies would
        // differ once territories overflow the dashboards' table).
        let mut previous: Vec<Checked> = Vec::new();
        let mut checked: Vec<Checked> = Vec::with_capacity(CHUNK);
        let mut rows = 0u64;
        loop {
            let last = current.is_empty();
            let ((read, written), ()) = rayon::join(
                || {
                    rayon::join(
                        // The next chunk is read while this one is checked.
                        || {
                            if last {
                                Ok(())
                            } else {
                                export.next_rows(CHUNK, &mut next)
                            }
                        },
                        || -> std::io::Result<()> {
                            for (outcome, lines) in previous.drain(..) {
                                tally.add(&outcome);
                                errors.write_all(lines.as_bytes())?;
                            }
                            Ok(())
                        },
                    )
                },
                || {
                    let rows: Vec<read::Row> = current.iter().collect();
                    rows.par_iter()
                        .with_min_len(256)
                        .map_init(
                            || checker.form(),
                            |form, row| {
                                let outcome = read::check_with(checker, form, *row, encoding);
                                let mut lines = String::new();
                                error_lines(&mut lines, &outcome, checker.mapping(), with_id);
                                (outcome, lines)
                            },
                        )
                        .collect_into_vec(&mut checked);
                },
            );
            read.map_err(|e| Failure::Read(e.message()))?;
            written.map_err(Failure::Write)?;
            if last {
                break;
            }
            rows += checked.len() as u64;
            tick(rows);
            std::mem::swap(&mut previous, &mut checked);
            std::mem::swap(&mut current, &mut next);
        }
        errors.flush().map_err(Failure::Write)?;
        Ok(tally)
    }

    const ERRORS: &str = "erreurs.csv";
    const INDICATORS_CSV: &str = "indicateurs.csv";
    const INDICATORS_JSON: &str = "indicateurs.json";
    const REPORT: &str = "rapport.html";

    /// The output files, written aside (`.NAME.partial`) then renamed together at the
    /// end: an interrupted run leaves nothing under the outputs' names.
    struct Outputs {
        dir: PathBuf,
    }

    impl Outputs {
        fn new(dir: &Path) -> Outputs {
            Outputs {
                dir: dir.to_path_buf(),
            }
        }

        fn partial(&self, name: &str) -> PathBuf {
            self.dir.join(format!(".{name}.partial"))
        }

        fn finish(&self, summary: &Summary) -> std::io::Result<()> {
            std::fs::write(self.partial(INDICATORS_CSV), summary.indicators_csv())?;
            let json = serde_json::to_string_pretty(summary).map_err(std::io::Error::other)?;
            std::fs::write(self.partial(INDICATORS_JSON), json + "\n")?;
            std::fs::write(self.partial(REPORT), summary.html())?;
            for name in [ERRORS, INDICATORS_CSV, INDICATORS_JSON, REPORT] {
                std::fs::rename(self.partial(name), self.dir.join(name))?;
            }
            Ok(())
        }

        fn discard(&self) {
            for name in [ERRORS, INDICATORS_CSV, INDICATORS_JSON, REPORT] {
                let _ = std::fs::remove_file(self.partial(name));
            }
        }
    }

    /// A mapping file: a JSON object whose keys are the export's headers and whose
    /// values are field paths, `participant_id`, or "" (not read).
    fn read_mapping(path: &Path) -> Result<Vec<(String, String)>, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("la correspondance ne peut pas être lue ({e})"))?;
        let value: serde_json::Value = serde_json::from_str(&text)
            .map_err(|_| String::from("la correspondance n'est pas un JSON valide"))?;
        let serde_json::Value::Object(entries) = value else {
            return Err(String::from(
                "la correspondance doit être un objet JSON { \"en-tête\": \"section.champ\" }",
            ));
        };
        entries
            .into_iter()
            .map(|(header, target)| match target {
                serde_json::Value::String(target) => Ok((header, target)),
                serde_json::Value::Null => Ok((header, String::new())),
                _ => Err(format!(
                    "la correspondance de la colonne « {header} » doit être un texte (un chemin de champ)"
                )),
            })
            .collect()
    }
}
