//! `parcours programme check FILE`: a programme file checked for its authors
//! (docs/programmes.md, « Pour les auteurs »). The core reads the file, registers it
//! for this process and runs its examples (`parcours::check_programme_file`); this
//! face prints each problem as rustc does — `FILE:LINE:COLUMN`, the line, a caret
//! under the column, what to do — then each example, then a summary.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use parcours::programme::authoring::{FileCheck, Problem};
use parcours::Locale;

/// Exit status: the file is valid and every example passed.
const ALL_GOOD: u8 = 0;
/// The file is valid and some example failed.
const EXAMPLES_FAILED: u8 = 1;
/// The file is refused (a problem), does not read, or the arguments are wrong.
const REFUSED: u8 = 2;

/// The widest part of a line shown, in characters (a minified file is one line).
const SHOWN: usize = 100;

#[derive(Parser)]
#[command(
    name = "parcours programme",
    about = "Les fichiers de programme : vérifier un fichier et lancer ses exemples",
    after_help = "Codes de sortie : 0 le fichier est valide et chaque exemple réussit ; 1 le fichier est valide et un exemple au moins échoue ; 2 le fichier est refusé (un problème), ne se lit pas, ou les arguments sont faux."
)]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Vérifie un fichier de programme (chaque problème avec sa ligne, sa colonne et
    /// ce qu'il faut faire), puis lance ses exemples contre son programme.
    #[command(
        after_help = "Codes de sortie : 0 le fichier est valide et chaque exemple réussit ; 1 le fichier est valide et un exemple au moins échoue ; 2 le fichier est refusé (un problème), ne se lit pas, ou les arguments sont faux."
    )]
    Check {
        /// Le fichier de programme (JSON).
        file: PathBuf,
        /// La langue des messages : fr (par défaut) ou en.
        #[arg(long, default_value = "fr")]
        locale: String,
    },
}

pub fn run(args: &[String]) -> ExitCode {
    let args = match Args::try_parse_from(args) {
        Ok(args) => args,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() {
                REFUSED
            } else {
                ALL_GOOD
            });
        }
    };
    let Command::Check { file, locale } = args.command;
    let Some(locale) = Locale::from_name(&locale) else {
        eprintln!("parcours programme : la langue doit être fr ou en");
        return ExitCode::from(REFUSED);
    };
    let name = file.display().to_string();
    let bytes = match std::fs::read(&file) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!(
                "{}",
                match locale {
                    Locale::Fr => format!("parcours programme : {name} ne se lit pas ({error})"),
                    _ => format!("parcours programme: {name} cannot be read ({error})"),
                }
            );
            return ExitCode::from(REFUSED);
        }
    };
    let mut out = String::new();
    let code = match std::str::from_utf8(&bytes) {
        Err(error) => {
            // The text up to the first byte that is not UTF-8, where it stops.
            let valid = bytes.get(..error.valid_up_to()).unwrap_or(&[]);
            let text = std::str::from_utf8(valid).unwrap_or("");
            let line = text.matches('\n').count() + 1;
            let column = text.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            let problem = Problem {
                path: "(file)".into(),
                line: u32::try_from(line).unwrap_or(u32::MAX),
                column: u32::try_from(column).unwrap_or(u32::MAX),
                message: say(
                    locale,
                    "le fichier n'est pas un texte UTF-8",
                    "the file is not UTF-8 text",
                ),
                hint: say(
                    locale,
                    "Enregistrez le fichier en UTF-8 (dans VS Code : « Enregistrer avec l'encodage », puis « UTF-8 »).",
                    "Save the file as UTF-8 (in VS Code: \"Save with Encoding\", then \"UTF-8\").",
                ),
            };
            print_problem(&mut out, &name, text, &problem, Severity::Error, locale);
            out.push_str(&say(
                locale,
                "bilan : fichier refusé (1 problème) ; les exemples n'ont pas été lancés\n",
                "summary: file refused (1 problem); the examples did not run\n",
            ));
            REFUSED
        }
        Ok(text) => {
            let check = parcours::check_programme_file(text, locale);
            render(&mut out, &name, text, &check, locale);
            if !check.problems.is_empty() {
                REFUSED
            } else if check.passed() {
                ALL_GOOD
            } else {
                EXAMPLES_FAILED
            }
        }
    };
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    if let Err(error) = lock.write_all(out.as_bytes()).and_then(|()| lock.flush()) {
        eprintln!("parcours programme: {error}");
        return ExitCode::from(REFUSED);
    }
    ExitCode::from(code)
}

fn say(locale: Locale, fr: &str, en: &str) -> String {
    match locale {
        Locale::Fr => fr.into(),
        _ => en.into(),
    }
}

/// `n` and the word, plural from 2 (French) or other than 1 (English).
fn count(locale: Locale, n: usize, one: &str, many: &str) -> String {
    let plural = match locale {
        Locale::Fr => n > 1,
        _ => n != 1,
    };
    format!("{n} {}", if plural { many } else { one })
}

#[derive(Clone, Copy)]
enum Severity {
    Error,
    Warning,
}

fn render(out: &mut String, name: &str, text: &str, check: &FileCheck, locale: Locale) {
    for p in &check.problems {
        print_problem(out, name, text, p, Severity::Error, locale);
    }
    for p in &check.warnings {
        print_problem(out, name, text, p, Severity::Warning, locale);
    }
    let fr = locale == Locale::Fr;
    for e in &check.examples {
        let verdict = match (e.passed, fr) {
            (true, true) => "réussi",
            (true, false) => "passed",
            (false, true) => "ÉCHEC",
            (false, false) => "FAILED",
        };
        let _ = if fr {
            writeln!(out, "exemple « {} » : {verdict}", e.name)
        } else {
            writeln!(out, "example \"{}\": {verdict}", e.name)
        };
        for d in &e.differences {
            let _ = if fr {
                writeln!(
                    out,
                    "    {} : attendu {}, obtenu {}",
                    d.what, d.expected, d.obtained
                )
            } else {
                writeln!(
                    out,
                    "    {}: expected {}, obtained {}",
                    d.what, d.expected, d.obtained
                )
            };
        }
    }
    let warnings = count(
        locale,
        check.warnings.len(),
        &say(locale, "avertissement", "warning"),
        &say(locale, "avertissements", "warnings"),
    );
    let _ = if !check.problems.is_empty() {
        let problems = count(
            locale,
            check.problems.len(),
            &say(locale, "problème", "problem"),
            &say(locale, "problèmes", "problems"),
        );
        if fr {
            writeln!(out, "bilan : fichier refusé ({problems}, {warnings}) ; les exemples n'ont pas été lancés")
        } else {
            writeln!(
                out,
                "summary: file refused ({problems}, {warnings}); the examples did not run"
            )
        }
    } else {
        let passed = check.examples.iter().filter(|e| e.passed).count();
        let failed = check.examples.len() - passed;
        let id = check.id.as_deref().unwrap_or("");
        if fr {
            let examples = count(locale, check.examples.len(), "exemple", "exemples");
            let passed = count(locale, passed, "réussi", "réussis");
            writeln!(out, "bilan : fichier valide ({id}, {warnings}) ; {examples} : {passed}, {failed} en échec")
        } else {
            let examples = count(locale, check.examples.len(), "example", "examples");
            writeln!(out, "summary: valid file ({id}, {warnings}); {examples}: {passed} passed, {failed} failed")
        }
    };
}

/// A problem as rustc prints one: the message, `--> FILE:LINE:COLUMN`, the line, a
/// caret under the column, the JSON path and what to do.
fn print_problem(
    out: &mut String,
    name: &str,
    text: &str,
    p: &Problem,
    severity: Severity,
    locale: Locale,
) {
    let label = match (severity, locale) {
        (Severity::Error, Locale::Fr) => "erreur : ",
        (Severity::Error, _) => "error: ",
        (Severity::Warning, Locale::Fr) => "attention : ",
        (Severity::Warning, _) => "warning: ",
    };
    let number = p.line.to_string();
    let pad = " ".repeat(number.len());
    let (shown, caret) = excerpt(text, p.line, p.column);
    let _ = writeln!(out, "{label}{}", p.message);
    let _ = writeln!(out, "{pad}--> {name}:{}:{}", p.line, p.column);
    let _ = writeln!(out, "{pad} |");
    let _ = writeln!(out, "{number} | {shown}");
    let _ = writeln!(out, "{pad} | {}^", " ".repeat(caret));
    let (path, todo) = match locale {
        Locale::Fr => ("chemin : ", "à faire : "),
        _ => ("path: ", "to do: "),
    };
    let _ = writeln!(out, "{pad} = {path}{}", p.path);
    let _ = writeln!(out, "{pad} = {todo}{}", p.hint);
    out.push('\n');
}

/// Line `line` of `text` as shown (tabs as one space, a byte order mark left out, at
/// most [`SHOWN`] characters around the column, cut ends marked …), and how many
/// characters precede the caret.
fn excerpt(text: &str, line: u32, column: u32) -> (String, usize) {
    let index = usize::try_from(line)
        .unwrap_or(usize::MAX)
        .saturating_sub(1);
    let raw = text.split('\n').nth(index).unwrap_or("");
    let chars: Vec<char> = raw
        .trim_end_matches('\r')
        .chars()
        .map(|c| match c {
            '\u{feff}' => '\u{200b}',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let column = usize::try_from(column)
        .unwrap_or(usize::MAX)
        .saturating_sub(1);
    let start = column.saturating_sub(SHOWN / 2).min(chars.len());
    let end = start.saturating_add(SHOWN).min(chars.len());
    let mut shown = String::new();
    let mut caret = column.saturating_sub(start);
    if start > 0 {
        shown.push('…');
        caret += 1;
    }
    shown.extend(
        chars
            .get(start..end)
            .unwrap_or(&[])
            .iter()
            .filter(|c| **c != '\u{200b}'),
    );
    if end < chars.len() {
        shown.push('…');
    }
    (shown, caret)
}
