//! A whole participant export, checked row by row (issue 16): each row is mapped from
//! its columns to the questionnaire's fields, checked as a questionnaire of its phase
//! with the same rules as the forms, and counted into the FSE+ common indicators.
//!
//! The core keeps nothing per row: [`Checker::check`] turns one row into a
//! [`RowOutcome`] (its findings and the indicators it counts in), and a [`Tally`] adds
//! outcomes up; tallies of separate chunks merge, so rows can be checked on every core
//! and memory does not grow with the number of rows (the tally's tables aside: one
//! entry per finding code and per month of entry). docs/lot.md defines every
//! indicator from the fields it reads and lists the codes below.
//!
//! Reading files (CSV, XLSX) is the command-line program's part, in [`read`]; the
//! browser feeds a CSV in slices through [`feed`] (the `lot` feature on wasm32), which
//! splits and checks rows as [`read`] does. The core takes cells as text.

pub mod dashboards;
#[cfg(feature = "lot")]
pub mod feed;
pub mod indicators;
#[cfg(feature = "lot")]
pub mod read;
pub mod report;

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use chrono::{Datelike, NaiveDate};

use crate::finding::{RuleId, Severity};
use crate::locale::Locale;
use crate::questionnaire::form::Settings;
use crate::questionnaire::{trim, Form, Kind, Options, Phase, F, FIELDS};

pub use dashboards::{ProgrammeColumn, ProgrammeRow};
pub use indicators::{Indicator, Tally, INDICATORS};

/// The longest cell read, in bytes; a longer one is a finding on its line and the line
/// is not checked (no field of the questionnaire holds more than 200 characters).
pub const MAX_CELL_BYTES: usize = 10_000;

/// The header of the column that identifies a participant in the project's own
/// exports; the only value an output repeats besides the line number.
pub const PARTICIPANT_ID: &str = "participant_id";

/// What a column of the export holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// A field of the questionnaire.
    Field(F),
    /// The participant's identifier in the exporting system, repeated in the error
    /// file so a line can be found again.
    ParticipantId,
    /// A programme column, read by the dashboards only ([`dashboards`]).
    Programme(ProgrammeColumn),
    /// Not read (a column the mapping does not name).
    Ignored,
}

/// The columns of an export, in file order.
#[derive(Clone, Debug, PartialEq)]
pub struct Mapping {
    pub columns: Vec<Column>,
    /// The header, as the file writes it (column names are not personal data).
    pub headers: Vec<String>,
}

/// Why a header and a mapping cannot be read together; one clear message, the run
/// does not start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MappingError {
    /// The mapping names a field the questionnaire does not have.
    UnknownField { header: String, target: String },
    /// The mapping names a column the export does not have.
    UnknownColumn { header: String },
    /// Two columns give the same field.
    DuplicateField { path: &'static str },
    /// No column of the header is a field of the questionnaire.
    NoField,
}

impl MappingError {
    /// The message, in French (the command-line program's language).
    pub fn message(&self) -> String {
        match self {
            MappingError::UnknownField { header, target } => alloc::format!(
                "la correspondance associe la colonne « {header} » au champ « {target} », que le questionnaire n'a pas (voir `parcours schema`)"
            ),
            MappingError::UnknownColumn { header } => alloc::format!(
                "la correspondance nomme la colonne « {header} », absente de l'en-tête du fichier"
            ),
            MappingError::DuplicateField { path } => alloc::format!(
                "deux colonnes donnent le même champ « {path} »"
            ),
            MappingError::NoField => String::from(
                "aucune colonne de l'en-tête n'est un champ du questionnaire : donnez une correspondance (--mapping)",
            ),
        }
    }
}

/// The target a mapping gives a column: a field path, `participant_id`, or an empty
/// text (the column is not read).
fn target(name: &str) -> Option<Column> {
    let name = name.trim();
    if name.is_empty() {
        Some(Column::Ignored)
    } else if name == PARTICIPANT_ID {
        Some(Column::ParticipantId)
    } else if let Some(p) = ProgrammeColumn::by_path(name) {
        Some(Column::Programme(p))
    } else {
        F::by_path(name).map(Column::Field)
    }
}

impl Mapping {
    /// The default mapping: a column whose header is a field path of the questionnaire
    /// (`identity.birth_date`, as `parcours schema` lists them) gives that field, one
    /// named `participant_id` the identifier; any other column is not read.
    /// `custom` (header → target) comes first; a header it names must be in the file.
    pub fn new(header: &[&str], custom: &[(String, String)]) -> Result<Mapping, MappingError> {
        let clean = |h: &str| h.trim().trim_start_matches('\u{feff}').trim().to_string();
        let headers: Vec<String> = header.iter().map(|h| clean(h)).collect();
        for (name, to) in custom {
            if target(to).is_none() {
                return Err(MappingError::UnknownField {
                    header: name.clone(),
                    target: to.clone(),
                });
            }
            if !headers.iter().any(|h| h == name.trim()) {
                return Err(MappingError::UnknownColumn {
                    header: name.clone(),
                });
            }
        }
        let mut columns = Vec::with_capacity(headers.len());
        for h in &headers {
            let column = match custom.iter().find(|(name, _)| name.trim() == h) {
                Some((_, to)) => target(to).unwrap_or(Column::Ignored),
                None => target(&h.to_ascii_lowercase()).unwrap_or(Column::Ignored),
            };
            let path = match column {
                Column::Field(f) => Some(f.path()),
                Column::Programme(p) => Some(p.path()),
                _ => None,
            };
            if let Some(path) = path {
                if columns.contains(&column) {
                    return Err(MappingError::DuplicateField { path });
                }
            }
            columns.push(column);
        }
        if !columns.iter().any(|c| matches!(c, Column::Field(_))) {
            return Err(MappingError::NoField);
        }
        Ok(Mapping { columns, headers })
    }

    /// Headers that give no field (ignored), for the run's summary.
    pub fn ignored(&self) -> impl Iterator<Item = &str> {
        self.headers
            .iter()
            .zip(&self.columns)
            .filter(|(_, c)| **c == Column::Ignored)
            .map(|(h, _)| h.as_str())
    }
}

/// The codes only an export has: how a line was read, and what a spreadsheet did to
/// a value. Every other finding of a row is the questionnaire's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LotCode {
    /// A required field of the phase with no value.
    RequiredFieldMissing,
    /// A line with more or fewer cells than the header; not checked.
    ColumnCount,
    /// A quote opened and not closed: the line runs into the following ones.
    BrokenQuote,
    /// Bytes that are not text in the file's encoding; the line is not checked.
    InvalidEncoding,
    /// A cell longer than [`MAX_CELL_BYTES`]; the line is not checked.
    CellTooLong,
    /// A number in a date column: a date the spreadsheet turned into its serial number.
    SpreadsheetSerialDate,
    /// DD/MM/YYYY in a date column.
    DayMonthYearDate,
    /// A postal code of 4 digits: the leading zero was lost.
    PostalCodeLostZero,
    /// A phone number of 9 digits: the leading 0 was lost.
    PhoneLostZero,
    /// A NIR written in scientific notation (1.23457E+14): its digits are lost.
    NirScientificNotation,
}

impl LotCode {
    pub const ALL: &'static [LotCode] = &[
        LotCode::RequiredFieldMissing,
        LotCode::ColumnCount,
        LotCode::BrokenQuote,
        LotCode::InvalidEncoding,
        LotCode::CellTooLong,
        LotCode::SpreadsheetSerialDate,
        LotCode::DayMonthYearDate,
        LotCode::PostalCodeLostZero,
        LotCode::PhoneLostZero,
        LotCode::NirScientificNotation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LotCode::RequiredFieldMissing => "required_field_missing",
            LotCode::ColumnCount => "column_count",
            LotCode::BrokenQuote => "broken_quote",
            LotCode::InvalidEncoding => "invalid_encoding",
            LotCode::CellTooLong => "cell_too_long",
            LotCode::SpreadsheetSerialDate => "spreadsheet_serial_date",
            LotCode::DayMonthYearDate => "day_month_year_date",
            LotCode::PostalCodeLostZero => "postal_code_lost_zero",
            LotCode::PhoneLostZero => "phone_lost_zero",
            LotCode::NirScientificNotation => "nir_scientific_notation",
        }
    }

    /// The rule identifier (docs/lot.md).
    pub fn rule(self) -> &'static str {
        match self {
            LotCode::RequiredFieldMissing => "LOT-REQUIRED",
            LotCode::ColumnCount
            | LotCode::BrokenQuote
            | LotCode::InvalidEncoding
            | LotCode::CellTooLong => "LOT-READ",
            _ => "LOT-SPREADSHEET",
        }
    }

    /// Every code here is an error: the line cannot be imported as it is.
    pub fn severity(self) -> Severity {
        Severity::Error
    }

    /// The message, with the hint to fix the export. `{expected}` and `{received}` are
    /// filled in by [`LotCode::render`].
    pub fn template(self, locale: Locale) -> &'static str {
        match (locale, self) {
            (Locale::Fr, LotCode::RequiredFieldMissing) => "Champ obligatoire non renseigné.",
            (Locale::Fr, LotCode::ColumnCount) => "La ligne compte {received} colonnes au lieu de {expected} : elle n'est pas contrôlée. Vérifiez les séparateurs et les guillemets.",
            (Locale::Fr, LotCode::BrokenQuote) => "Guillemet ouvert et jamais refermé : la ligne se prolonge sur les suivantes. Refermez-le ou retirez-le.",
            (Locale::Fr, LotCode::InvalidEncoding) => "Caractères illisibles dans l'encodage du fichier : la ligne n'est pas contrôlée. Enregistrez le fichier en UTF-8.",
            (Locale::Fr, LotCode::CellTooLong) => "Une cellule dépasse {expected} caractères : la ligne n'est pas contrôlée.",
            (Locale::Fr, LotCode::SpreadsheetSerialDate) => "Date changée en nombre par le tableur : mettez la colonne au format texte et saisissez la date en AAAA-MM-JJ.",
            (Locale::Fr, LotCode::DayMonthYearDate) => "Date écrite JJ/MM/AAAA : le fichier attend AAAA-MM-JJ (le tableur a pu la convertir à l'enregistrement).",
            (Locale::Fr, LotCode::PostalCodeLostZero) => "Code postal à 4 chiffres : le tableur a retiré le zéro initial. Mettez la colonne au format texte et rétablissez le zéro.",
            (Locale::Fr, LotCode::PhoneLostZero) => "Numéro de téléphone à 9 chiffres : le tableur a retiré le 0 initial. Mettez la colonne au format texte et rétablissez le 0.",
            (Locale::Fr, LotCode::NirScientificNotation) => "Numéro de sécurité sociale en notation scientifique : le tableur en a perdu les derniers chiffres. Reprenez-le à la source, colonne au format texte.",
            (Locale::En, LotCode::RequiredFieldMissing) => "Required field not filled in.",
            (Locale::En, LotCode::ColumnCount) => "The line has {received} columns instead of {expected}: it is not checked. Check the separators and quotes.",
            (Locale::En, LotCode::BrokenQuote) => "A quote opened and never closed: the line runs into the following ones. Close or remove it.",
            (Locale::En, LotCode::InvalidEncoding) => "Unreadable characters in the file's encoding: the line is not checked. Save the file as UTF-8.",
            (Locale::En, LotCode::CellTooLong) => "A cell is longer than {expected} characters: the line is not checked.",
            (Locale::En, LotCode::SpreadsheetSerialDate) => "A date the spreadsheet turned into a number: format the column as text and write the date as YYYY-MM-DD.",
            (Locale::En, LotCode::DayMonthYearDate) => "A date written DD/MM/YYYY: the file expects YYYY-MM-DD (the spreadsheet may have converted it on saving).",
            (Locale::En, LotCode::PostalCodeLostZero) => "A 4-digit postal code: the spreadsheet removed the leading zero. Format the column as text and restore the zero.",
            (Locale::En, LotCode::PhoneLostZero) => "A 9-digit phone number: the spreadsheet removed the leading 0. Format the column as text and restore the 0.",
            (Locale::En, LotCode::NirScientificNotation) => "A social security number in scientific notation: the spreadsheet lost its last digits. Take it again from the source, column formatted as text.",
        }
    }

    fn render(self, locale: Locale, expected: usize, received: usize) -> String {
        let mut expected_text = String::new();
        let mut received_text = String::new();
        {
            use core::fmt::Write;
            let _ = write!(expected_text, "{expected}");
            let _ = write!(received_text, "{received}");
        }
        self.template(locale)
            .replace("{expected}", &expected_text)
            .replace("{received}", &received_text)
    }
}

/// What a finding of a row says: the questionnaire's code, or an export's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RowCode {
    Questionnaire(crate::finding::Code),
    Lot(LotCode),
}

impl RowCode {
    pub fn as_str(self) -> &'static str {
        match self {
            RowCode::Questionnaire(code) => code.as_str(),
            RowCode::Lot(code) => code.as_str(),
        }
    }
}

/// One finding of one line of the export, as the error file writes it.
#[derive(Clone, Debug, PartialEq)]
pub struct RowFinding {
    /// The column it is about (index into [`Mapping::headers`]), when one is.
    pub column: Option<usize>,
    /// The questionnaire field, or a path of the check (`row` for the whole line).
    pub field: Cow<'static, str>,
    pub code: RowCode,
    pub severity: Severity,
    /// In the checker's locale; never a value of the row.
    pub message: String,
    pub rule: &'static str,
}

/// One line, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct RowOutcome {
    /// The line of the file where the row starts (the header is line 1).
    pub line: u64,
    /// The participant identifier column's value, when one is mapped.
    pub id: Option<String>,
    pub findings: Vec<RowFinding>,
    /// Counted in the indicators: read, no error, nothing missing, and a participation
    /// that creates an FSE participant. Otherwise the findings say why.
    pub counted: bool,
    /// The indicators this row counts in, a bit per entry of [`INDICATORS`] (0 when
    /// not counted).
    pub indicators: u32,
    /// 0 woman, 1 man, 2 non-binary, 3 unknown (only for rows not counted).
    pub gender: u8,
    /// Share of the phase's required fields answered (0 for a line not read).
    pub completeness: f64,
    /// Year and month of entry, when the entry date reads.
    pub entry_month: Option<(i32, u32)>,
    /// The programme columns, for the dashboards.
    pub programme: ProgrammeRow,
}

/// The phase, reference date and thresholds every row is checked against.
pub struct Checker {
    mapping: Mapping,
    settings: Settings,
    /// Index of the participant id column, if any.
    id_column: Option<usize>,
    /// The mapped fields with their column, in column order: each row's cells are
    /// read into the form by field, without a search by name.
    fields: Vec<(usize, F)>,
    /// The column of each field ([`F`] as index), for the findings.
    column_of: Vec<Option<usize>>,
    /// The programme columns mapped, with their index.
    programme: Vec<(usize, ProgrammeColumn)>,
}

impl Checker {
    pub fn new(mapping: Mapping, phase: Phase, reference: NaiveDate, locale: Locale) -> Checker {
        let id_column = mapping
            .columns
            .iter()
            .position(|c| *c == Column::ParticipantId);
        let mut fields = Vec::new();
        let mut column_of = alloc::vec![None; FIELDS.len()];
        let mut programme = Vec::new();
        for (i, column) in mapping.columns.iter().enumerate() {
            if let Column::Programme(p) = column {
                programme.push((i, *p));
            }
            let Column::Field(f) = column else { continue };
            if let Some(slot) = column_of.get_mut(*f as usize) {
                *slot = Some(i);
            }
            fields.push((i, *f));
        }
        Checker {
            fields,
            column_of,
            programme,
            mapping,
            settings: Settings {
                phase,
                reference: Some(reference),
                locale,
                options: Options::default(),
            },
            id_column,
        }
    }

    pub fn mapping(&self) -> &Mapping {
        &self.mapping
    }

    pub fn phase(&self) -> Phase {
        self.settings.phase
    }

    pub fn locale(&self) -> Locale {
        self.settings.locale
    }

    /// The programme columns the export has, for the dashboards.
    pub fn programme_columns(&self) -> Vec<ProgrammeColumn> {
        self.programme.iter().map(|(_, p)| *p).collect()
    }

    /// A line that could not be read as cells (a broken quote, bytes that are not
    /// text): one finding, not counted.
    pub fn unreadable(&self, line: u64, code: LotCode, cells: usize) -> RowOutcome {
        let finding = self.lot_finding(None, Cow::Borrowed("row"), code, cells);
        RowOutcome {
            line,
            id: None,
            findings: alloc::vec![finding],
            counted: false,
            indicators: 0,
            gender: 3,
            completeness: 0.0,
            entry_month: None,
            programme: ProgrammeRow::not_read(&self.programme_columns()),
        }
    }

    fn lot_finding(
        &self,
        column: Option<usize>,
        field: Cow<'static, str>,
        code: LotCode,
        received: usize,
    ) -> RowFinding {
        let expected = match code {
            LotCode::CellTooLong => MAX_CELL_BYTES,
            _ => self.mapping.columns.len(),
        };
        RowFinding {
            column,
            field,
            code: RowCode::Lot(code),
            severity: code.severity(),
            message: code.render(self.settings.locale, expected, received),
            rule: code.rule(),
        }
    }

    /// The participant identifier of a line, from the cell `cell(column)` gives (64
    /// characters at most).
    pub fn id_of<'a>(&self, cell: impl FnOnce(usize) -> Option<Cow<'a, str>>) -> Option<String> {
        self.id_column
            .and_then(cell)
            .map(|id| {
                let id = trim(&id);
                // 64 characters at most, cut on a character's boundary.
                let end = id.char_indices().nth(64).map_or(id.len(), |(i, _)| i);
                String::from(id.get(..end).unwrap_or(id))
            })
            .filter(|id| !id.is_empty())
    }

    /// A form for [`Checker::check_with`], to reuse from row to row.
    pub fn form(&self) -> Form {
        Form::empty(self.settings.clone())
    }

    /// Checks one line's cells, in header order.
    pub fn check(&self, line: u64, cells: &[&str]) -> RowOutcome {
        self.check_with(&mut self.form(), line, cells)
    }

    /// Checks one line's cells, in header order, in `form` (from [`Checker::form`];
    /// whatever it held is replaced): [`Checker::check`] without making a form per
    /// row.
    pub fn check_with(&self, form: &mut Form, line: u64, cells: &[&str]) -> RowOutcome {
        if cells.len() != self.mapping.columns.len() {
            // No identifier: with cells missing or added, the identifier's column may
            // hold another value of the row.
            return self.unreadable(line, LotCode::ColumnCount, cells.len());
        }
        let id = self.id_of(|i| cells.get(i).map(|c| Cow::Borrowed(*c)));
        if cells.iter().any(|c| c.len() > MAX_CELL_BYTES) {
            let mut outcome = self.unreadable(line, LotCode::CellTooLong, cells.len());
            outcome.id = id;
            return outcome;
        }
        // The row's fields, read by column. A blank cell is left out (the form reads a
        // blank text as no answer, the same as no key).
        let mut damaged: Vec<(F, usize, LotCode)> = Vec::new();
        form.load_texts(self.fields.iter().filter_map(|&(i, f)| {
            let cell = trim(cells.get(i).copied().unwrap_or(""));
            if cell.is_empty() {
                return None;
            }
            if let Some(code) = damage(f.spec().kind, cell) {
                damaged.push((f, i, code));
            }
            Some((f, cell))
        }));
        let column_of = |path: &str| {
            F::by_path(path).and_then(|f| self.column_of.get(f as usize).copied().flatten())
        };
        let found = form.findings();
        let missing = form.missing();
        let mut findings: Vec<RowFinding> = Vec::with_capacity(found.len() + missing.len());
        for finding in found {
            // A value a spreadsheet damaged: its format finding becomes the damage's,
            // which says what happened and how to fix it.
            let damage = damaged
                .iter()
                .find(|(f, _, _)| f.path() == finding.path && finding.rule == RuleId::FseFormat);
            if let Some((f, column, code)) = damage {
                findings.push(self.lot_finding(Some(*column), Cow::Borrowed(f.path()), *code, 0));
                continue;
            }
            findings.push(RowFinding {
                column: column_of(&finding.path),
                field: finding.path,
                code: RowCode::Questionnaire(finding.code),
                severity: finding.severity,
                message: finding.message,
                rule: finding.rule.as_str(),
            });
        }
        for path in missing {
            findings.push(self.lot_finding(
                column_of(path),
                Cow::Borrowed(path),
                LotCode::RequiredFieldMissing,
                0,
            ));
        }
        let has_error = findings.iter().any(|f| f.severity == Severity::Error);
        let one_day = findings.iter().any(|f| {
            f.code == RowCode::Questionnaire(crate::finding::Code::ParticipationOneDayOrLess)
        });
        let counted = !has_error && !one_day;
        let gender = match form.value(F::Gender) {
            crate::questionnaire::Val::Choice(i) => (*i).min(3),
            _ => 3,
        };
        let entry_month = match form.value(F::EntryDate) {
            crate::questionnaire::Val::Date(d) => Some((d.year(), d.month())),
            _ => None,
        };
        let indicators = if counted {
            indicators::of(form, Some(form.derived()), self.settings.phase)
        } else {
            0
        };
        let mut programme = ProgrammeRow::default();
        if let Some(reference) = self.settings.reference {
            for (i, column) in &self.programme {
                programme.read(*column, cells.get(*i).copied().unwrap_or(""), reference);
            }
        }
        RowOutcome {
            line,
            id,
            findings,
            counted,
            indicators,
            gender,
            completeness: form.completeness(),
            entry_month,
            programme,
        }
    }
}

/// What a spreadsheet does to a value of this kind, recognised (docs/lot.md).
pub fn damage(kind: Kind, cell: &str) -> Option<LotCode> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match kind {
        Kind::Date => {
            // An Excel serial number (days since 1899-12-30), possibly with a time
            // fraction: 1 to 2958465 (9999-12-31).
            let whole = cell.split_once(['.', ',']).map_or(cell, |(w, _)| w);
            let fraction_ok = cell.split_once(['.', ',']).is_none_or(|(_, f)| digits(f));
            if digits(whole) && whole.len() <= 7 && fraction_ok {
                let n: u32 = whole.parse().unwrap_or(0);
                if (1..=2_958_465).contains(&n) {
                    return Some(LotCode::SpreadsheetSerialDate);
                }
            }
            let mut parts = cell.split('/');
            match (parts.next(), parts.next(), parts.next(), parts.next()) {
                (Some(d), Some(m), Some(y), None)
                    if (1..=2).contains(&d.len())
                        && (1..=2).contains(&m.len())
                        && y.len() == 4
                        && digits(d)
                        && digits(m)
                        && digits(y) =>
                {
                    Some(LotCode::DayMonthYearDate)
                }
                _ => None,
            }
        }
        Kind::PostalCode if cell.len() == 4 && digits(cell) => Some(LotCode::PostalCodeLostZero),
        Kind::Phone if cell.len() == 9 && digits(cell) && !cell.starts_with('0') => {
            Some(LotCode::PhoneLostZero)
        }
        Kind::Nir => {
            let (mantissa, exponent) = cell.split_once(['E', 'e'])?;
            let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
            let mantissa_ok = mantissa
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
                && mantissa.bytes().any(|b| b.is_ascii_digit());
            (mantissa_ok && digits(exponent)).then_some(LotCode::NirScientificNotation)
        }
        _ => None,
    }
}

/// The field paths of the questionnaire, the default mapping's column names.
pub fn default_columns() -> impl Iterator<Item = &'static str> {
    core::iter::once(PARTICIPANT_ID)
        .chain(FIELDS.iter().map(|s| s.path))
        .chain(ProgrammeColumn::ALL.into_iter().map(ProgrammeColumn::path))
}
