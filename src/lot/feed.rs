//! An export fed in slices, as a browser reads a file: the same decisions as
//! [`super::read::Export::open`] (byte order mark, encoding and separator from the
//! first [`SAMPLE`] bytes, the header, blank lines skipped, line numbers) and the same
//! check of each row ([`super::read::check`]), without a file. tests/lot.rs checks
//! that both readers give the same outcomes on the same bytes.

use alloc::string::String;
use alloc::vec::Vec;

use chrono::NaiveDate;

use super::read::{self, Chunk, Encoding, Row, Splitter, SAMPLE};
use super::{Checker, Mapping, MappingError, RowOutcome};
use crate::locale::Locale;
use crate::questionnaire::{Form, Phase};

/// Why a fed export cannot be checked; one message, in French (the command-line
/// program says the same).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FeedError {
    Empty,
    HeaderOnly,
    Binary,
    /// A workbook: the browser reads CSV only.
    Xlsx,
    /// The header and the mapping do not go together.
    Mapping(MappingError),
}

impl FeedError {
    pub fn code(&self) -> &'static str {
        match self {
            FeedError::Empty => "empty_file",
            FeedError::HeaderOnly => "header_only",
            FeedError::Binary => "binary_file",
            FeedError::Xlsx => "xlsx_not_supported",
            FeedError::Mapping(_) => "mapping",
        }
    }

    pub fn message(&self, locale: Locale) -> String {
        let text = match (self, locale) {
            (FeedError::Mapping(m), _) => return mapping_message(m, locale),
            (FeedError::Empty, Locale::Fr) => "le fichier est vide",
            (FeedError::Empty, Locale::En) => "the file is empty",
            (FeedError::HeaderOnly, Locale::Fr) => {
                "le fichier n'a qu'une ligne d'en-tête : aucune ligne à contrôler"
            }
            (FeedError::HeaderOnly, Locale::En) => {
                "the file has a header line only: no row to check"
            }
            (FeedError::Binary, Locale::Fr) => {
                "le fichier n'est pas un texte CSV (contenu binaire)"
            }
            (FeedError::Binary, Locale::En) => "the file is not CSV text (binary content)",
            (FeedError::Xlsx, Locale::Fr) => {
                "le fichier est un classeur : enregistrez-le au format CSV pour le contrôler ici"
            }
            (FeedError::Xlsx, Locale::En) => {
                "the file is a workbook: save it as CSV to check it here"
            }
        };
        String::from(text)
    }
}

/// A mapping error as the page says it: the command line's words name its option.
fn mapping_message(error: &MappingError, locale: Locale) -> String {
    use alloc::format;
    match (error, locale) {
        (MappingError::UnknownField { header, target }, Locale::Fr) => format!(
            "la correspondance associe la colonne « {header} » au champ « {target} », que le questionnaire n'a pas"
        ),
        (MappingError::UnknownField { header, target }, Locale::En) => format!(
            "the mapping gives column “{header}” the field “{target}”, which the questionnaire does not have"
        ),
        (MappingError::UnknownColumn { header }, Locale::Fr) => format!(
            "la correspondance nomme la colonne « {header} », absente de l'en-tête du fichier"
        ),
        (MappingError::UnknownColumn { header }, Locale::En) => format!(
            "the mapping names column “{header}”, which the file's header does not have"
        ),
        (MappingError::DuplicateField { path }, Locale::Fr) => {
            format!("deux colonnes donnent le même champ « {path} »")
        }
        (MappingError::DuplicateField { path }, Locale::En) => {
            format!("two columns give the same field “{path}”")
        }
        (MappingError::NoField, Locale::Fr) => String::from(
            "aucune colonne de l'en-tête n'est un champ du questionnaire : donnez une correspondance des colonnes",
        ),
        (MappingError::NoField, Locale::En) => String::from(
            "no column of the header is a questionnaire field: give a column mapping",
        ),
    }
}

/// An export checked as its bytes come.
pub struct Feed {
    phase: Phase,
    reference: NaiveDate,
    locale: Locale,
    custom: Vec<(String, String)>,
    /// The first bytes, until [`SAMPLE`] of them have come.
    sample: Vec<u8>,
    /// The splitter and the file's encoding, once the layout is known.
    splitter: Option<(Splitter, Encoding)>,
    checker: Option<Checker>,
    /// The form rows are checked in, reused from row to row.
    form: Option<Form>,
    /// The row being split, its buffers reused from row to row.
    row: Chunk,
    rows: u64,
}

impl Feed {
    /// `custom`: the mapping (header → target), as [`Mapping::new`] takes it.
    pub fn new(
        phase: Phase,
        reference: NaiveDate,
        custom: Vec<(String, String)>,
        locale: Locale,
    ) -> Feed {
        Feed {
            phase,
            reference,
            locale,
            custom,
            sample: Vec::new(),
            splitter: None,
            checker: None,
            form: None,
            row: Chunk::default(),
            rows: 0,
        }
    }

    /// The checker, once the header is read.
    pub fn checker(&self) -> Option<&Checker> {
        self.checker.as_ref()
    }

    /// Rows checked so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// The next bytes of the file; the rows they complete, checked, go to `out`.
    pub fn push(&mut self, bytes: &[u8], out: &mut Vec<RowOutcome>) -> Result<(), FeedError> {
        if self.splitter.is_none() {
            self.sample.extend_from_slice(bytes);
            if self.sample.len() < SAMPLE {
                return Ok(());
            }
            let sample = core::mem::take(&mut self.sample);
            return self.start(&sample, out);
        }
        self.split(bytes, out)
    }

    /// The end of the file: the last rows go to `out`. An export without a row is an
    /// error, as on the command line.
    pub fn finish(&mut self, out: &mut Vec<RowOutcome>) -> Result<(), FeedError> {
        if self.splitter.is_none() {
            let sample = core::mem::take(&mut self.sample);
            if sample.is_empty() {
                return Err(FeedError::Empty);
            }
            self.start(&sample, out)?;
        }
        self.split(&[], out)?;
        if self.checker.is_none() {
            return Err(FeedError::Empty);
        }
        if self.rows == 0 {
            return Err(FeedError::HeaderOnly);
        }
        Ok(())
    }

    fn start(&mut self, sample: &[u8], out: &mut Vec<RowOutcome>) -> Result<(), FeedError> {
        let probe = sample.get(..SAMPLE).unwrap_or(sample);
        if probe.starts_with(b"PK\x03\x04") {
            return Err(FeedError::Xlsx);
        }
        if probe.contains(&0) {
            return Err(FeedError::Binary);
        }
        let layout = read::layout(probe);
        self.splitter = Some((Splitter::new(layout.separator), layout.encoding));
        let body = sample.get(if layout.bom { 3 } else { 0 }..).unwrap_or(&[]);
        if body.is_empty() {
            return Ok(());
        }
        self.split(body, out)
    }

    /// Splits bytes into records (empty `input`: the end of the file).
    fn split(&mut self, mut input: &[u8], out: &mut Vec<RowOutcome>) -> Result<(), FeedError> {
        let end = input.is_empty();
        loop {
            // An empty slice tells the splitter the file has ended: only at the end.
            if !end && input.is_empty() {
                return Ok(());
            }
            let Some((splitter, encoding)) = self.splitter.as_mut() else {
                return Ok(());
            };
            let encoding = *encoding;
            let mut chunk = core::mem::take(&mut self.row);
            chunk.clear();
            let (used, got) = splitter.next(input, &mut chunk);
            input = input.get(used..).unwrap_or(&[]);
            let read = match chunk.row(0) {
                Some(row) if got => self.record(row, encoding, out),
                _ => {
                    self.row = chunk;
                    return Ok(());
                }
            };
            self.row = chunk;
            read?;
        }
    }

    fn record(
        &mut self,
        row: Row<'_>,
        encoding: Encoding,
        out: &mut Vec<RowOutcome>,
    ) -> Result<(), FeedError> {
        match (&self.checker, &mut self.form) {
            (None, _) => {
                let header: Vec<String> = row
                    .iter()
                    .map(|h| {
                        read::decode(h, encoding)
                            .map(alloc::borrow::Cow::into_owned)
                            .unwrap_or_default()
                    })
                    .collect();
                let header: Vec<&str> = header.iter().map(String::as_str).collect();
                let mapping = Mapping::new(&header, &self.custom).map_err(FeedError::Mapping)?;
                let checker = Checker::new(mapping, self.phase, self.reference, self.locale);
                self.form = Some(checker.form());
                self.checker = Some(checker);
            }
            (Some(checker), form) => {
                if row.is_blank() {
                    return Ok(());
                }
                self.rows += 1;
                out.push(match form {
                    Some(form) => read::check_with(checker, form, row, encoding),
                    None => read::check(checker, row, encoding),
                });
            }
        }
        Ok(())
    }
}
