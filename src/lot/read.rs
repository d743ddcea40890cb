//! Reading an export file into rows. Opening a file is the command-line program's
//! part (native only); the layout of the first bytes, decoding and the check of a raw
//! row are shared with the browser's reader ([`super::feed`]).
//!
//! CSV: UTF-8 (with or without a byte order mark) or Windows-1252, told apart on the
//! first 64 KB; `;` or `,` as the separator, whichever the header line holds more of;
//! quoted fields. XLSX: the first sheet, through calamine. The file is read as it
//! goes (a CSV is never held whole; an XLSX sheet is, as calamine reads it).
//!
//! A malformed line is a row like any other, which the checker turns into a finding on
//! its line: a wrong number of cells, a quote never closed, bytes that are not text.
//! What stops the run is said once: an empty file, a header alone, a binary file.

use std::borrow::Cow;
#[cfg(feature = "files")]
use std::fs::File;
#[cfg(feature = "files")]
use std::io::{BufRead, BufReader, Read};
#[cfg(feature = "files")]
use std::path::Path;

use csv::ByteRecord;

use super::{Checker, LotCode, RowOutcome};
use crate::questionnaire::Form;

/// How the text of a CSV file is encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Windows1252,
}

#[cfg(feature = "files")]
/// What stops a run before any row is checked; one message each.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    Empty,
    HeaderOnly,
    Binary,
    Xlsx(String),
}

#[cfg(feature = "files")]
impl ReadError {
    /// The message, in French.
    pub fn message(&self) -> String {
        match self {
            ReadError::Io(e) => format!("le fichier ne peut pas être lu ({e})"),
            ReadError::Empty => String::from("le fichier est vide"),
            ReadError::HeaderOnly => {
                String::from("le fichier n'a qu'une ligne d'en-tête : aucune ligne à contrôler")
            }
            ReadError::Binary => String::from(
                "le fichier n'est pas un texte CSV ni un classeur XLSX (contenu binaire)",
            ),
            ReadError::Xlsx(e) => format!("le classeur XLSX ne peut pas être lu ({e})"),
        }
    }
}

/// One line of the export as read: its number and its cells, not decoded yet.
pub struct RawRow {
    pub line: u64,
    pub record: ByteRecord,
}

#[cfg(feature = "files")]
/// An open export: its header and its rows, as they come.
pub struct Export {
    pub header: Vec<String>,
    pub encoding: Encoding,
    pub separator: u8,
    /// Bytes of the file, for a progress bar.
    pub size: u64,
    rows: Rows,
}

#[cfg(feature = "files")]
enum Rows {
    Csv {
        input: Box<dyn BufRead + Send>,
        splitter: Box<Splitter>,
    },
    Sheet(std::vec::IntoIter<RawRow>),
}

#[cfg(feature = "files")]
/// Bytes read so far, shared with a progress bar.
#[derive(Clone, Default)]
pub struct Progress(std::sync::Arc<std::sync::atomic::AtomicU64>);

#[cfg(feature = "files")]
impl Progress {
    pub fn get(&self) -> u64 {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }
}

#[cfg(feature = "files")]
struct Counting<R> {
    inner: R,
    progress: Progress,
}

#[cfg(feature = "files")]
impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.progress
            .0
            .fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    }
}

#[cfg(feature = "files")]
impl Export {
    /// Opens a CSV or XLSX file (told by its first bytes, not its name).
    pub fn open(path: &Path, progress: Progress) -> Result<Export, ReadError> {
        let file = File::open(path).map_err(ReadError::Io)?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        let mut input = BufReader::with_capacity(
            1 << 16,
            Counting {
                inner: file,
                progress,
            },
        );
        let sample = input.fill_buf().map_err(ReadError::Io)?.to_vec();
        if sample.is_empty() {
            return Err(ReadError::Empty);
        }
        if sample.starts_with(b"PK\x03\x04") {
            return Export::xlsx(path, size);
        }
        if sample.contains(&0) {
            return Err(ReadError::Binary);
        }
        let Layout {
            bom,
            encoding,
            separator,
        } = layout(&sample);
        if bom {
            input.consume(3);
        }
        let mut input: Box<dyn BufRead + Send> = Box::new(input);
        let mut splitter = Box::new(Splitter::new(separator));
        let header = loop {
            let buf = input.fill_buf().map_err(ReadError::Io)?;
            let (used, row) = splitter.next(buf);
            let ended = buf.is_empty();
            input.consume(used);
            match row {
                Some(row) => break row.record,
                None if ended => return Err(ReadError::Empty),
                None => {}
            }
        };
        let header = header
            .iter()
            .map(|h| decode(h, encoding).map(Cow::into_owned).unwrap_or_default())
            .collect();
        Ok(Export {
            header,
            encoding,
            separator,
            size,
            rows: Rows::Csv { input, splitter },
        })
    }

    fn xlsx(path: &Path, size: u64) -> Result<Export, ReadError> {
        use calamine::{Data, Reader};
        let mut book: calamine::Xlsx<_> = calamine::open_workbook(path)
            .map_err(|e: calamine::XlsxError| ReadError::Xlsx(e.to_string()))?;
        let range = book
            .worksheet_range_at(0)
            .ok_or(ReadError::Empty)?
            .map_err(|e| ReadError::Xlsx(e.to_string()))?;
        let text = |d: &Data| -> String {
            match d {
                Data::Empty | Data::Error(_) => String::new(),
                Data::String(s) => s.clone(),
                Data::Int(i) => i.to_string(),
                Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
                Data::Float(f) => f.to_string(),
                Data::Bool(b) => b.to_string(),
                // A cell the workbook types as a date is a date, written ISO.
                Data::DateTime(dt) => serial_date(dt.as_f64())
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| dt.as_f64().to_string()),
                Data::DateTimeIso(s) => s.chars().take(10).collect(),
                Data::DurationIso(s) => s.clone(),
            }
        };
        let mut rows = range.rows();
        let header: Vec<String> = match rows.next() {
            Some(cells) => cells.iter().map(text).collect(),
            None => return Err(ReadError::Empty),
        };
        let start = u64::from(range.start().map_or(0, |(row, _)| row));
        let body: Vec<RawRow> = rows
            .enumerate()
            .map(|(n, cells)| RawRow {
                line: start + n as u64 + 2,
                record: cells.iter().map(text).collect::<Vec<_>>().into(),
            })
            .collect();
        // Trailing blank cells of the header are not columns.
        let width = header
            .iter()
            .rposition(|h| !h.trim().is_empty())
            .map_or(0, |i| i + 1);
        let header: Vec<String> = header.into_iter().take(width).collect();
        let body = body
            .into_iter()
            .map(|mut row| {
                let kept: Vec<Vec<u8>> = row
                    .record
                    .iter()
                    .enumerate()
                    .filter(|(i, c)| *i < width || !c.is_empty())
                    .map(|(_, c)| c.to_vec())
                    .collect();
                row.record = kept.into();
                row
            })
            .collect::<Vec<_>>();
        Ok(Export {
            header,
            encoding: Encoding::Utf8,
            separator: b';',
            size,
            rows: Rows::Sheet(body.into_iter()),
        })
    }

    /// The next rows, at most `max`; fewer only at the end of the file. Blank lines
    /// are skipped (a CSV often ends with one).
    pub fn next_rows(&mut self, max: usize, out: &mut Vec<RawRow>) -> Result<(), ReadError> {
        out.clear();
        while out.len() < max {
            match &mut self.rows {
                Rows::Sheet(rows) => match rows.next() {
                    Some(row) => {
                        if !row.record.iter().all(<[u8]>::is_empty) {
                            out.push(row)
                        }
                    }
                    None => break,
                },
                Rows::Csv { input, splitter } => {
                    let buf = input.fill_buf().map_err(ReadError::Io)?;
                    let (used, row) = splitter.next(buf);
                    let ended = buf.is_empty();
                    input.consume(used);
                    match row {
                        Some(row) if !is_blank(&row.record) => out.push(row),
                        Some(_) => {}
                        None if ended => break,
                        None => {}
                    }
                }
            }
        }
        Ok(())
    }
}

/// A record of one empty cell: csv_core skips blank lines itself, this is what is
/// left of a line such as `""`; it is skipped too, as before. A line of separators
/// alone (`;;;`) is a row.
pub fn is_blank(record: &ByteRecord) -> bool {
    record.len() == 1 && record.get(0).is_some_and(<[u8]>::is_empty)
}

/// Splits CSV bytes into records, numbered by the file's physical line where each
/// starts; both readers use it (the command line over its buffered file, the browser
/// over the slices it is fed), so they cut and number rows alike.
///
/// The number: csv_core counts the `\n` bytes it has consumed; after a record that
/// is the row's line, plus the line breaks inside its quoted cells, plus one when the
/// record ended on a `\n` (after `\r` the `\n` of a CRLF is consumed with the next
/// record; at the end of the file there is none). Blank lines skipped before the
/// record are counted by csv_core, so they move the number as they should. Only the
/// record's own bytes are counted again, never the file's.
///
/// A line with no quote is cut without csv_core (the fast path, most lines of an
/// export): at a record's start, when the bytes up to the next line break hold no `"`,
/// its cells are the bytes between separators, as csv_core would cut them, and
/// csv_core's line count is moved past the line (`set_line`). Any other line, or one
/// whose end is not in the bytes given yet, goes through csv_core.
pub struct Splitter {
    core: csv_core::Reader,
    separator: u8,
    /// csv_core is between records (nothing of a record read yet): the fast path may
    /// cut the next line.
    fresh: bool,
    /// Off only in the test that compares both paths.
    fast_path: bool,
    fields: Vec<u8>,
    ends: Vec<usize>,
    outlen: usize,
    endlen: usize,
}

impl Splitter {
    pub fn new(separator: u8) -> Splitter {
        Splitter {
            core: csv_core::ReaderBuilder::new().delimiter(separator).build(),
            separator,
            fresh: true,
            fast_path: true,
            fields: vec![0; 1024],
            ends: vec![0; 32],
            outlen: 0,
            endlen: 0,
        }
    }

    /// Reads from `input` (empty: the end of the file) up to the end of the next
    /// record: the bytes consumed, and the record if one ended. `None` asks for more
    /// bytes, or at the end says there is no record left.
    pub fn next(&mut self, input: &[u8]) -> (usize, Option<RawRow>) {
        use csv_core::ReadRecordResult::*;
        let end = input.is_empty();
        let mut used = 0;
        if self.fresh && self.fast_path {
            // Blank lines before a record, skipped as csv_core skips them.
            let mut newlines = 0;
            for &b in input {
                match b {
                    b'\n' => newlines += 1,
                    b'\r' => {}
                    _ => break,
                }
                used += 1;
            }
            self.core
                .set_line(self.core.line().saturating_add(newlines));
            let rest = input.get(used..).unwrap_or(&[]);
            if rest.is_empty() && !end {
                return (used, None);
            }
            if let Some(stop) = memchr::memchr3(b'\n', b'\r', b'"', rest) {
                if let (Some(&last), Some(bytes)) = (rest.get(stop), rest.get(..stop)) {
                    if last != b'"' {
                        let line = self.core.line();
                        if last == b'\n' {
                            self.core.set_line(line.saturating_add(1));
                        }
                        let cells = memchr::memchr_iter(self.separator, bytes).count() + 1;
                        let mut record = ByteRecord::with_capacity(bytes.len(), cells);
                        let mut start = 0;
                        for sep in memchr::memchr_iter(self.separator, bytes) {
                            record.push_field(bytes.get(start..sep).unwrap_or(&[]));
                            start = sep + 1;
                        }
                        record.push_field(bytes.get(start..).unwrap_or(&[]));
                        return (used + stop + 1, Some(RawRow { line, record }));
                    }
                }
            }
        }
        let mut asked_at_end = false;
        loop {
            let rest = input.get(used..).unwrap_or(&[]);
            if !end && rest.is_empty() {
                return (used, None);
            }
            let (res, nin, nout, nend) = self.core.read_record(
                rest,
                self.fields.get_mut(self.outlen..).unwrap_or(&mut []),
                self.ends.get_mut(self.endlen..).unwrap_or(&mut []),
            );
            used += nin;
            self.outlen += nout;
            self.endlen += nend;
            match res {
                InputEmpty => {
                    self.fresh = false;
                    // At the end, csv_core may ask once more to close the last record.
                    if !end || asked_at_end {
                        return (used, None);
                    }
                    asked_at_end = true;
                }
                OutputFull => {
                    let len = self.fields.len().max(1) * 2;
                    self.fields.resize(len, 0);
                }
                OutputEndsFull => {
                    let len = self.ends.len().max(1) * 2;
                    self.ends.resize(len, 0);
                }
                Record => {
                    let bytes = self.fields.get(..self.outlen).unwrap_or(&[]);
                    let mut record = ByteRecord::with_capacity(self.outlen, self.endlen);
                    let mut start = 0;
                    for &stop in self.ends.get(..self.endlen).unwrap_or(&[]) {
                        record.push_field(bytes.get(start..stop).unwrap_or(&[]));
                        start = stop;
                    }
                    let inside = bytes.iter().filter(|b| **b == b'\n').count() as u64;
                    let ended_on_newline = used
                        .checked_sub(1)
                        .and_then(|i| input.get(i))
                        .is_some_and(|b| *b == b'\n');
                    let line = self
                        .core
                        .line()
                        .saturating_sub(inside)
                        .saturating_sub(u64::from(ended_on_newline));
                    self.outlen = 0;
                    self.endlen = 0;
                    self.fresh = true;
                    return (used, Some(RawRow { line, record }));
                }
                End => return (used, None),
            }
        }
    }
}

/// The first bytes of the export read at once (the native reader's buffer): the
/// encoding and the separator are told from them.
pub const SAMPLE: usize = 1 << 16;

/// What the first bytes of a CSV export tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    /// Starts with a UTF-8 byte order mark (skipped).
    pub bom: bool,
    pub encoding: Encoding,
    /// `,` when the first line has more commas than semicolons, `;` otherwise.
    pub separator: u8,
}

/// The layout of a CSV export from its first bytes (at most [`SAMPLE`]).
pub fn layout(sample: &[u8]) -> Layout {
    let bom = sample.starts_with(b"\xEF\xBB\xBF");
    let text = sample.get(if bom { 3 } else { 0 }..).unwrap_or(&[]);
    let encoding = sniff(text);
    let first_line = text.split(|b| *b == b'\n').next().unwrap_or(&[]);
    let count = |c: u8| first_line.iter().filter(|b| **b == c).count();
    let separator = if count(b',') > count(b';') {
        b','
    } else {
        b';'
    };
    Layout {
        bom,
        encoding,
        separator,
    }
}

/// UTF-8 unless the sample has bytes that are not UTF-8 and no character written in
/// UTF-8 beyond ASCII: a UTF-8 file with a damaged line stays UTF-8 (the line is a
/// finding), and a Windows-1252 file with accents is read as such.
pub fn sniff(sample: &[u8]) -> Encoding {
    let text = String::from_utf8_lossy(sample);
    let (mut valid, mut invalid) = (0usize, 0usize);
    for c in text.chars() {
        match c {
            '\u{fffd}' => invalid += 1,
            c if !c.is_ascii() => valid += 1,
            _ => {}
        }
    }
    // A sample cut in the middle of a character ends with one replacement.
    if invalid > 1 && valid == 0
        || invalid == 1
            && valid == 0
            && std::str::from_utf8(sample).is_err_and(|e| e.error_len().is_some())
    {
        Encoding::Windows1252
    } else {
        Encoding::Utf8
    }
}

/// The date of a spreadsheet serial number (days since 1899-12-30, the 1900 date
/// system as Excel counts it from 1 March 1900 on).
pub fn serial_date(serial: f64) -> Option<chrono::NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?
        .checked_add_days(chrono::Days::new(serial.floor() as u64))
}

/// A cell's bytes as text in the file's encoding; `None` for bytes that are not UTF-8
/// in a UTF-8 file.
pub fn decode(bytes: &[u8], encoding: Encoding) -> Option<Cow<'_, str>> {
    match (std::str::from_utf8(bytes), encoding) {
        (Ok(text), _) => Some(Cow::Borrowed(text)),
        (Err(_), Encoding::Windows1252) => Some(windows_1252(bytes)),
        (Err(_), Encoding::Utf8) => None,
    }
}

/// Windows-1252 text: encoding_rs on the command line.
#[cfg(feature = "files")]
fn windows_1252(bytes: &[u8]) -> Cow<'_, str> {
    encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(bytes)
        .0
}

/// Windows-1252 text in the browser's module: byte by byte through
/// [`windows_1252_char`]. encoding_rs's decoder links the tables of every encoding it
/// knows (about 150 KB gzip); tests/lot.rs checks that this gives encoding_rs's
/// character for each of the 256 bytes, which for a single-byte encoding is every text.
#[cfg(not(feature = "files"))]
fn windows_1252(bytes: &[u8]) -> Cow<'_, str> {
    Cow::Owned(bytes.iter().map(|&b| windows_1252_char(b)).collect())
}

/// The character of one Windows-1252 byte, as the WHATWG Encoding Standard maps it:
/// Latin-1 but for 0x80 to 0x9F (the five bytes it leaves free stay C1 controls).
pub fn windows_1252_char(byte: u8) -> char {
    const C1: [char; 32] = [
        '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}',
        '\u{017D}', '\u{008F}', '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}',
        '\u{2022}', '\u{2013}', '\u{2014}', '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}',
        '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
    ];
    match byte {
        0x80..=0x9F => C1
            .get(usize::from(byte - 0x80))
            .copied()
            .unwrap_or(char::REPLACEMENT_CHARACTER),
        _ => char::from(byte),
    }
}

/// Checks one raw row: decoded, then the checker's.
pub fn check(checker: &Checker, row: &RawRow, encoding: Encoding) -> RowOutcome {
    check_with(checker, &mut checker.form(), row, encoding)
}

/// [`check`] in a form reused from row to row ([`Checker::check_with`]).
pub fn check_with(
    checker: &Checker,
    form: &mut Form,
    row: &RawRow,
    encoding: Encoding,
) -> RowOutcome {
    let expected = checker.mapping().columns.len();
    // Most rows: the record's bytes are UTF-8 text as a whole, validated at once, and
    // each cell is a slice of it on character boundaries. Anything else (bytes that
    // are not UTF-8, Windows-1252) goes cell by cell below.
    if let Ok(text) = std::str::from_utf8(row.record.as_slice()) {
        let mut cells: Vec<&str> = Vec::with_capacity(row.record.len());
        for i in 0..row.record.len() {
            match row.record.range(i).and_then(|r| text.get(r)) {
                Some(cell) => cells.push(cell),
                None => break,
            }
        }
        if cells.len() == row.record.len() {
            if cells.len() != expected && cells.iter().any(|c| c.contains('\n')) {
                return checker.unreadable(row.line, LotCode::BrokenQuote, cells.len());
            }
            return checker.check_with(form, row.line, &cells);
        }
    }
    let mut cells: Vec<Cow<'_, str>> = Vec::with_capacity(row.record.len());
    for bytes in row.record.iter() {
        match decode(bytes, encoding) {
            Some(text) => cells.push(text),
            None => {
                let mut outcome =
                    checker.unreadable(row.line, LotCode::InvalidEncoding, row.record.len());
                // The identifier only when the cells are where the header says.
                if row.record.len() != expected {
                    return outcome;
                }
                outcome.id = checker.id_of(|i| row.record.get(i).and_then(|b| decode(b, encoding)));
                return outcome;
            }
        }
    }
    if cells.len() != expected && cells.iter().any(|c| c.contains('\n')) {
        return checker.unreadable(row.line, LotCode::BrokenQuote, cells.len());
    }
    let cells: Vec<&str> = cells.iter().map(|c| c.as_ref()).collect();
    checker.check_with(form, row.line, &cells)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every record's line and first cell, the bytes cut in slices of `size`.
    fn lines(bytes: &[u8], size: usize) -> Vec<(u64, Vec<u8>)> {
        let mut splitter = Splitter::new(b';');
        let mut rows = Vec::new();
        let mut take = |row: Option<RawRow>| {
            if let Some(row) = row {
                let first = row.record.get(0).unwrap_or(&[]).to_vec();
                rows.push((row.line, first));
            }
        };
        for slice in bytes.chunks(size) {
            let mut rest = slice;
            while !rest.is_empty() {
                let (used, row) = splitter.next(rest);
                rest = rest.get(used..).unwrap_or(&[]);
                take(row);
            }
        }
        loop {
            let (_, row) = splitter.next(&[]);
            if row.is_none() {
                break;
            }
            take(row);
        }
        rows
    }

    /// Every record (line and cells) with or without the fast path, the bytes cut in
    /// slices of `size`.
    fn records(bytes: &[u8], size: usize, fast_path: bool) -> Vec<(u64, Vec<Vec<u8>>)> {
        let mut splitter = Splitter::new(b';');
        splitter.fast_path = fast_path;
        let mut rows = Vec::new();
        let mut take = |row: Option<RawRow>| {
            if let Some(row) = row {
                rows.push((row.line, row.record.iter().map(<[u8]>::to_vec).collect()));
            }
        };
        for slice in bytes.chunks(size.max(1)) {
            let mut rest = slice;
            while !rest.is_empty() {
                let (used, row) = splitter.next(rest);
                rest = rest.get(used..).unwrap_or(&[]);
                take(row);
            }
        }
        loop {
            let (_, row) = splitter.next(&[]);
            if row.is_none() {
                break;
            }
            take(row);
        }
        rows
    }

    #[test]
    fn the_fast_path_cuts_lines_as_csv_core_does() {
        // Short texts of the bytes that matter, from a fixed pseudo-random sequence.
        let alphabet = b"a;\"\r\n;\n";
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..5_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 24) as usize;
            let mut seed = state;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    alphabet[((seed >> 33) % alphabet.len() as u64) as usize]
                })
                .collect();
            let size = 1 + (state >> 40) as usize % 8;
            let reference = records(&bytes, bytes.len().max(1), false);
            assert_eq!(
                records(&bytes, bytes.len().max(1), true),
                reference,
                "{bytes:?}"
            );
            assert_eq!(
                records(&bytes, size, true),
                reference,
                "{bytes:?} in slices of {size}"
            );
        }
    }

    #[test]
    fn a_row_is_numbered_by_the_physical_line_it_starts_on() {
        type Case<'a> = (&'a [u8], &'a [(u64, &'a str)]);
        let cases: [Case; 4] = [
            (
                b"h\nA1\n\nA2\nA3\n",
                &[(1, "h"), (2, "A1"), (4, "A2"), (5, "A3")],
            ),
            (
                b"h\r\nA1\r\n\r\n\r\nA2\r\nA3",
                &[(1, "h"), (2, "A1"), (5, "A2"), (6, "A3")],
            ),
            (
                b"\n\r\n\nh\nA1;\"a\nb\r\nc\"\n\nA2\n;;;\nA3",
                &[(4, "h"), (5, "A1"), (9, "A2"), (10, ""), (11, "A3")],
            ),
            (
                b"h\n\"A\n1\"\n\n\"A2\"\n",
                &[(1, "h"), (2, "A\n1"), (5, "A2")],
            ),
        ];
        for (bytes, expected) in cases {
            let expected: Vec<(u64, Vec<u8>)> = expected
                .iter()
                .map(|(l, c)| (*l, c.as_bytes().to_vec()))
                .collect();
            for size in [1, 2, 3, 5, bytes.len()] {
                assert_eq!(
                    lines(bytes, size),
                    expected,
                    "{bytes:?} in slices of {size}"
                );
            }
        }
    }
}
