//! A programme file checked for its authors (`parcours programme check FILE`;
//! docs/programmes.md, « Pour les auteurs ») : the reader's problems, each with what to
//! do; the rule sources that quote no sentence of their document; and the file's
//! example cases, each run through the eligibility check the forms use, against the
//! file's own programme, registered for the process (feature `register`).
//!
//! Nothing here echoes a fact's value: an example's differences name outcomes, rule
//! statuses, fact names and finding codes, never what the facts say.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use serde::Serialize;

use super::file::{self, ExampleFile, ExampleOutcome, ExampleStatus};
use super::registry::{self, FileProblem};
use crate::Locale;

/// A problem or a warning of a file, at its place, with what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The JSON path of the value (`rules[2].facts`), `(file)` for the whole file.
    pub path: String,
    /// Where the value starts, from 1 (the column in characters).
    pub line: u32,
    pub column: u32,
    pub message: String,
    /// What to do, one sentence.
    pub hint: String,
}

/// One example case run: what differs from its expectation (nothing: it passed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExampleRun {
    pub name: String,
    pub passed: bool,
    pub differences: Vec<Difference>,
}

/// One difference between an example's expectation and the answer it got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Difference {
    /// What differs, in words (`résultat`, `règle ENT-AGE`, `faits manquants`…).
    pub what: String,
    pub expected: String,
    pub obtained: String,
}

/// A file checked: its problems (the file is refused: none of its examples ran), its
/// warnings, and its examples.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileCheck {
    /// The programme's id, when the file was read.
    pub id: Option<String>,
    pub problems: Vec<Problem>,
    pub warnings: Vec<Problem>,
    pub examples: Vec<ExampleRun>,
}

impl FileCheck {
    /// The file is readable and every example passed.
    pub fn passed(&self) -> bool {
        self.problems.is_empty() && self.examples.iter().all(|e| e.passed)
    }
}

fn say(locale: Locale, fr: &str, en: &str) -> String {
    match locale {
        Locale::Fr => fr.into(),
        _ => en.into(),
    }
}

/// What to do about a problem, from its English message.
fn hint(message: &str, locale: Locale) -> String {
    const HINTS: &[(&str, &str, &str)] = &[
        ("byte order mark", "Enregistrez le fichier en UTF-8 sans BOM (dans VS Code : « Enregistrer avec l'encodage », puis « UTF-8 »).", "Save the file as UTF-8 without a BOM (in VS Code: \"Save with Encoding\", then \"UTF-8\")."),
        ("file too large", "Un fichier de programme tient en quelques dizaines de Ko : retirez ce qui n'est pas une règle du programme.", "A programme file holds a few tens of KB: remove what is not one of the programme's rules."),
        ("rules per file", "Gardez une règle par critère du document ; un programme en compte quelques-unes, pas des centaines.", "Keep one rule per criterion of the document: a programme has a few, not hundreds."),
        ("EOF while parsing", "Le fichier s'arrête trop tôt : fermez chaque accolade { et chaque crochet [ ouverts, et chaque guillemet.", "The file stops too early: close every { and [ that is opened, and every quote."),
        ("trailing comma", "Retirez la virgule juste avant la fermeture } ou ] : le dernier élément n'en a pas.", "Remove the comma just before the closing } or ]: the last item has none."),
        ("trailing characters", "Retirez ce qui suit la dernière accolade } du fichier.", "Remove what follows the file's last closing }."),
        ("one JSON object", "Le fichier commence par { et finit par } : un seul objet JSON.", "The file starts with { and ends with }: one JSON object."),
        ("key must be a string", "Écrivez le nom du champ entre guillemets droits : \"min\".", "Write the field's name between straight quotes: \"min\"."),
        ("expected `", "Vérifiez la ponctuation juste avant cet endroit : une virgule, un deux-points ou un guillemet manque souvent.", "Check the punctuation just before this place: a comma, a colon or a quote is often missing."),
        ("expected value", "Donnez une valeur à cet endroit : un texte entre guillemets, un nombre, true, false, une liste [ ] ou un objet { }.", "Give a value here: a text between quotes, a number, true, false, a list [ ] or an object { }."),
        ("invalid type", "Donnez une valeur du type attendu : un nombre s'écrit sans guillemets (26), un texte entre guillemets (\"PLIE\").", "Give a value of the expected type: a number without quotes (26), a text between quotes (\"PLIE\")."),
        ("unknown field", "Vérifiez l'orthographe du champ : le message liste les champs possibles à cet endroit.", "Check the field's spelling: the message lists the fields possible here."),
        ("unknown variant", "Choisissez l'une des valeurs que le message liste.", "Choose one of the values the message lists."),
        ("missing field", "Ajoutez le champ manquant à cet objet.", "Add the missing field to this object."),
        ("duplicate field", "Gardez une seule fois ce champ dans l'objet.", "Keep this field once in the object."),
        ("overlaps the validity dates", "Changez valid_from et valid_to pour qu'aucun jour ne relève de deux versions, ou reprenez exactement les dates de la version à remplacer.", "Change valid_from and valid_to so that no day falls in two versions, or give exactly the dates of the version to replace."),
        ("unknown rule identifier", "Utilisez un identifiant de règle de la liste : ENT-RESIDENCE, ENT-AGE, ENT-DIFFICULTIES, ENT-PUBLIC, ENT-PRIORITY…", "Use a rule identifier of the list: ENT-RESIDENCE, ENT-AGE, ENT-DIFFICULTIES, ENT-PUBLIC, ENT-PRIORITY…"),
        ("is not a yes/no fact", "Nommez un fait oui/non que le module connaît (`parcours programmes` les liste).", "Name a yes/no fact the module knows (`parcours programmes` lists them)."),
        ("is not a date fact", "Nommez un fait date que le module connaît (`parcours programmes` les liste).", "Name a date fact the module knows (`parcours programmes` lists them)."),
        ("YYYY-MM-DD", "Écrivez une date qui existe, sous la forme AAAA-MM-JJ (2027-01-31).", "Write a date that exists, as YYYY-MM-DD (2027-01-31)."),
        ("outside the file's validity dates", "Choisissez une date de décision entre valid_from et valid_to, ou corrigez ces dates.", "Choose a decision date between valid_from and valid_to, or correct those dates."),
        ("file number", "Nommez le document par son titre et sa section (« Cahier des charges, §2.1 »).", "Name the document by its title and section (\"Cahier des charges, §2.1\")."),
        ("appears twice", "Gardez une seule fois cette valeur, ou donnez à l'autre un nom distinct.", "Keep this value once, or give the other one a name of its own."),
        ("every rule cites its source", "Citez la source de la règle : le document, sa section, et la phrase entre « ».", "Cite the rule's source: the document, its section, and the sentence between « »."),
        ("does not match", "Donnez au fichier le nom de son id.", "Name the file after its id."),
        ("1 to 60 characters", "Un id s'écrit en minuscules sans accents, chiffres et tirets : plie-du-bocage.", "An id is lower-case letters without accents, digits and hyphens: plie-du-bocage."),
        ("territory", "Le territoire est « national », des départements, ou le nom d'un territoire du module.", "The territory is \"national\", départements, or the name of one of the module's territories."),
    ];
    let found = HINTS.iter().find(|(key, _, _)| message.contains(key));
    match found {
        Some((_, fr, en)) => say(locale, fr, en),
        None => say(
            locale,
            "Corrigez la valeur à cet endroit ; la documentation des fichiers de programme décrit chaque champ.",
            "Correct the value at this place; the documentation of programme files describes each field.",
        ),
    }
}

fn placed(text: &str, path: &str, message: String, hint: String) -> Problem {
    let (line, column) = file::locate(text, path);
    Problem {
        path: path.into(),
        line: u32::try_from(line).unwrap_or(u32::MAX),
        column: u32::try_from(column).unwrap_or(u32::MAX),
        message,
        hint,
    }
}

/// Checks a programme file for its authors: registers it for the process (the same
/// reader and checks as `register_programme`), then runs its examples against it.
pub fn check_file(text: &str, locale: Locale) -> FileCheck {
    // A file over the size limit is refused before it is read.
    let raw = (text.len() <= registry::MAX_FILE_BYTES)
        .then(|| serde_json::from_str::<serde_json::Value>(text).ok())
        .flatten();
    let warnings = raw
        .as_ref()
        .map(|raw| unquoted_sources(text, raw, locale))
        .unwrap_or_default();
    let refused = |problems: Vec<Problem>, id: Option<String>| FileCheck {
        id,
        problems,
        warnings: warnings.clone(),
        examples: Vec::new(),
    };
    let answer = registry::register(text, Locale::En);
    if !answer.registered {
        return refused(
            answer
                .problems
                .iter()
                .map(|p| from_reader(text, p, locale))
                .collect(),
            None,
        );
    }
    let id = answer.id.clone().unwrap_or_default();
    let Some(raw) = raw else {
        return refused(Vec::new(), Some(id));
    };
    let examples: Vec<ExampleFile> = match raw.get("examples") {
        None => Vec::new(),
        Some(list) => match serde_json::from_value(list.clone()) {
            Ok(list) => list,
            Err(e) => {
                let message = format!("not a valid programme file: {e}");
                let problem = placed(
                    text,
                    "examples",
                    translate(&message, locale),
                    hint(&message, locale),
                );
                return refused(alloc::vec![problem], Some(id));
            }
        },
    };
    // Both are checked dates (the reader accepted the file), which no version changes.
    let day = |key: &str| {
        raw.get(key)
            .and_then(|v| v.as_str())
            .and_then(file::parse_date)
    };
    let (Some(from), Some(to)) = (day("valid_from"), day("valid_to")) else {
        return refused(Vec::new(), Some(id));
    };
    let outside: Vec<Problem> = examples
        .iter()
        .enumerate()
        .filter(|(_, e)| file::parse_date(&e.decision_date).is_some_and(|d| d < from || d > to))
        .map(|(i, _)| {
            let ymd = |(y, m, d): (i32, u32, u32)| format!("{y:04}-{m:02}-{d:02}");
            let (f, t) = (ymd(from), ymd(to));
            let en = format!("the example's decision date is outside the file's validity dates ({f} to {t})");
            let message = say(
                locale,
                &format!("la date de décision de l'exemple est hors des dates de validité du fichier (du {f} au {t})"),
                &en,
            );
            placed(
                text,
                &format!("examples[{i}].decision_date"),
                message,
                hint(&en, locale),
            )
        })
        .collect();
    if !outside.is_empty() {
        return refused(outside, Some(id));
    }
    let examples = examples
        .iter()
        .map(|e| run_example(&id, e, locale))
        .collect();
    FileCheck {
        id: Some(id),
        problems: Vec::new(),
        warnings,
        examples,
    }
}

fn translate(message: &str, locale: Locale) -> String {
    match locale {
        Locale::Fr => super::fr::french(message),
        _ => message.into(),
    }
}

fn from_reader(text: &str, p: &FileProblem, locale: Locale) -> Problem {
    let (line, column) = value_place(text, p).unwrap_or((p.line, p.column));
    Problem {
        path: p.path.clone(),
        line,
        column,
        message: translate(&p.message, locale),
        hint: hint(&p.message, locale),
    }
}

/// serde reads a rule's fields before its kind and stops at the rule's end: a value of
/// the wrong type (`"min": "vingt-six"`) is placed at its last mention before there.
fn value_place(text: &str, p: &FileProblem) -> Option<(u32, u32)> {
    let (_, rest) = p.message.split_once("invalid type: ")?;
    let literal = if let Some(quoted) = rest.strip_prefix("string \"") {
        format!("\"{}\"", quoted.split_once("\", expected")?.0)
    } else {
        let (_, value) = rest.split_once('`')?;
        value.split_once('`')?.0.to_string()
    };
    // The byte offset of the reported place.
    let line = usize::try_from(p.line).ok()?;
    let column = usize::try_from(p.column).ok()?;
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let end = text
        .get(start..)?
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(text.len(), |(i, _)| start + i);
    let at = text.get(..end)?.rfind(&literal)?;
    let before = text.get(..at)?;
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    Some((u32::try_from(line).ok()?, u32::try_from(column).ok()?))
}

/// The rule sources that quote no sentence of their document between « ». A warning,
/// not a problem: a rule may come from a text outside the document (a code's article),
/// as two built-in rules do.
fn unquoted_sources(text: &str, raw: &serde_json::Value, locale: Locale) -> Vec<Problem> {
    const RULE_SOURCES: &[&str] = &[
        "rules[].source",
        "rules[].derogation.source",
        "exits.routes[].source",
        "exits.proof.source",
        "follow_up.rules[].source",
    ];
    let mut found = Vec::new();
    walk(raw, String::new(), String::new(), &mut |path, shape, s| {
        if RULE_SOURCES.contains(&shape) && !(s.contains('«') && s.contains('»')) {
            found.push(path.to_string());
        }
    });
    found.dedup();
    found
        .iter()
        .map(|path| {
            placed(
                text,
                path,
                say(
                    locale,
                    "la source de la règle ne cite entre « » aucune phrase du document",
                    "the rule's source quotes no sentence of the document between « »",
                ),
                say(
                    locale,
                    "Ajoutez entre « et » la phrase du document d'où vient la règle, mot pour mot.",
                    "Add between « and » the document's sentence the rule comes from, word for word.",
                ),
            )
        })
        .collect()
}

/// Every text of `value` with its path and its shape (the path without indices), a
/// dated value's texts at the path of the value.
fn walk(
    value: &serde_json::Value,
    path: String,
    shape: String,
    each: &mut dyn FnMut(&str, &str, &str),
) {
    let join = |base: &str, key: &str| {
        if base.is_empty() {
            key.to_string()
        } else {
            format!("{base}.{key}")
        }
    };
    match value {
        serde_json::Value::String(s) => each(&path, &shape, s),
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, format!("{path}[{i}]"), format!("{shape}[]"), each);
            }
        }
        serde_json::Value::Object(map) => {
            let dated = !map.is_empty() && map.keys().all(|k| file::parse_date(k).is_some());
            for (k, v) in map {
                if dated {
                    walk(v, path.clone(), shape.clone(), each);
                } else {
                    walk(v, join(&path, k), join(&shape, k), each);
                }
            }
        }
        _ => {}
    }
}

fn outcome_name(o: ExampleOutcome) -> &'static str {
    match o {
        ExampleOutcome::Eligible => "eligible",
        ExampleOutcome::EligibleByDerogation => "eligible_by_derogation",
        ExampleOutcome::NotEligible => "not_eligible",
        ExampleOutcome::Incomplete => "incomplete",
    }
}

fn status_name(s: ExampleStatus) -> &'static str {
    match s {
        ExampleStatus::Passed => "passed",
        ExampleStatus::Failed => "failed",
        ExampleStatus::Unknown => "unknown",
        ExampleStatus::Derogation => "derogation",
        ExampleStatus::Information => "information",
    }
}

fn name_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::from("?"),
    }
}

/// Runs one example through the eligibility check against programme `id`.
fn run_example(id: &str, example: &ExampleFile, locale: Locale) -> ExampleRun {
    let request = serde_json::json!({
        "check": "eligibility",
        "programme": id,
        "decision_date": example.decision_date,
        "locale": locale.as_str(),
        "facts": example.facts,
    });
    let mut differences = Vec::new();
    let mut differ = |what: String, expected: String, obtained: String| {
        differences.push(Difference {
            what,
            expected,
            obtained,
        })
    };
    let none = || say(locale, "aucun", "none");
    let report = match serde_json::from_value::<crate::Json>(request) {
        Ok(request) => crate::check(&request),
        Err(_) => {
            differ(
                say(locale, "faits", "facts"),
                say(locale, "un objet JSON lisible", "a readable JSON object"),
                say(locale, "illisibles", "unreadable"),
            );
            return ExampleRun {
                name: example.name.clone(),
                passed: false,
                differences,
            };
        }
    };
    let expect = &example.expect;
    // Any finding: an example's facts are the author's, a fact misspelt is a mistake.
    for f in &report.findings {
        differ(
            say(locale, "constat sur les faits", "finding on the facts"),
            none(),
            format!("{} ({}) : {}", f.code.as_str(), f.path, f.message),
        );
    }
    match &report.decision {
        None => differ(
            say(locale, "résultat", "outcome"),
            outcome_name(expect.outcome).into(),
            none(),
        ),
        Some(decision) => {
            let obtained = name_of(&decision.outcome);
            if obtained != outcome_name(expect.outcome) {
                differ(
                    say(locale, "résultat", "outcome"),
                    outcome_name(expect.outcome).into(),
                    obtained,
                );
            }
            for (rule, status) in &expect.rules {
                let got: Vec<String> = decision
                    .rules
                    .iter()
                    .filter(|r| r.rule.as_str() == rule)
                    .map(|r| name_of(&r.status))
                    .collect();
                if got.is_empty() || got.iter().any(|g| g != status_name(*status)) {
                    differ(
                        format!("{} {rule}", say(locale, "règle", "rule")),
                        status_name(*status).into(),
                        if got.is_empty() {
                            say(locale, "absente du programme", "not in the programme")
                        } else {
                            got.join(", ")
                        },
                    );
                }
            }
        }
    }
    if let Some(expected) = &expect.missing {
        let mut want: Vec<&str> = expected.iter().map(String::as_str).collect();
        let mut got: Vec<&str> = report
            .missing
            .iter()
            .map(|m| m.strip_prefix("facts.").unwrap_or(m))
            .collect();
        want.sort_unstable();
        got.sort_unstable();
        if want != got {
            let list = |l: &[&str]| {
                if l.is_empty() {
                    none()
                } else {
                    l.join(", ")
                }
            };
            differ(
                say(locale, "faits manquants", "missing facts"),
                list(&want),
                list(&got),
            );
        }
    }
    ExampleRun {
        name: example.name.clone(),
        passed: differences.is_empty(),
        differences,
    }
}
