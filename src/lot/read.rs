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

/// Lines of the export as read, their cells not decoded yet: every cell's bytes in
/// one buffer, reused from chunk to chunk, so reading a row allocates nothing once the
/// buffers have grown to a chunk's size.
#[derive(Default)]
pub struct Chunk {
    bytes: Vec<u8>,
    /// Each cell, as a range of `bytes`.
    cells: Vec<(usize, usize)>,
    /// Each row: its line, and the end of its cells in `cells`.
    rows: Vec<(u64, usize)>,
}

impl Chunk {
    /// Bytes a chunk keeps between chunks; beyond (a chunk of very long cells), its
    /// buffer is given back.
    const KEEP: usize = 64 << 20;

    pub fn clear(&mut self) {
        self.bytes.clear();
        self.cells.clear();
        self.rows.clear();
        if self.bytes.capacity() > Chunk::KEEP {
            self.bytes.shrink_to(Chunk::KEEP);
        }
        if self.cells.capacity() > Chunk::KEEP / 16 {
            self.cells.shrink_to(Chunk::KEEP / 16);
        }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The row at `i`.
    pub fn row(&self, i: usize) -> Option<Row<'_>> {
        let &(line, end) = self.rows.get(i)?;
        let start = match i.checked_sub(1) {
            Some(before) => self.rows.get(before)?.1,
            None => 0,
        };
        Some(Row {
            line,
            bytes: &self.bytes,
            cells: self.cells.get(start..end)?,
        })
    }

    pub fn iter(&self) -> impl Iterator<Item = Row<'_>> {
        (0..self.len()).filter_map(|i| self.row(i))
    }

    /// Appends a row of these cells.
    pub fn push<'c>(&mut self, line: u64, cells: impl IntoIterator<Item = &'c [u8]>) {
        for cell in cells {
            let start = self.bytes.len();
            self.bytes.extend_from_slice(cell);
            self.cells.push((start, self.bytes.len()));
        }
        self.rows.push((line, self.cells.len()));
    }

    /// Removes the last row.
    #[cfg(feature = "files")]
    fn pop(&mut self) {
        if self.rows.pop().is_some() {
            let start = self.rows.last().map_or(0, |r| r.1);
            if let Some(&(from, _)) = self.cells.get(start) {
                self.bytes.truncate(from);
            }
            self.cells.truncate(start);
        }
    }

    /// Whether the last row is blank ([`Row::is_blank`]).
    #[cfg(feature = "files")]
    fn last_is_blank(&self) -> bool {
        self.len()
            .checked_sub(1)
            .and_then(|i| self.row(i))
            .is_some_and(|r| r.is_blank())
    }
}

/// One line of the export as read: its number and its cells, not decoded yet.
#[derive(Clone, Copy)]
pub struct Row<'a> {
    /// The line of the file where the row starts (the header is line 1).
    pub line: u64,
    bytes: &'a [u8],
    cells: &'a [(usize, usize)],
}

impl<'a> Row<'a> {
    /// The number of cells.
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// The bytes of the cell at `i`.
    pub fn get(&self, i: usize) -> Option<&'a [u8]> {
        let &(start, end) = self.cells.get(i)?;
        self.bytes.get(start..end)
    }

    pub fn iter(&self) -> impl Iterator<Item = &'a [u8]> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// A row of one empty cell: csv_core skips blank lines itself, this is what is
    /// left of a line such as `""`; it is skipped too, as before. A line of
    /// separators alone (`;;;`) is a row.
    pub fn is_blank(&self) -> bool {
        self.len() == 1 && self.get(0).is_some_and(<[u8]>::is_empty)
    }

    /// The bytes from the first cell's start to the last one's end (separators
    /// included when the line was cut by the fast path), and where they start.
    fn span(&self) -> (&'a [u8], usize) {
        let start = self.cells.first().map_or(0, |c| c.0);
        let end = self.cells.last().map_or(0, |c| c.1);
        (self.bytes.get(start..end).unwrap_or(&[]), start)
    }
}

#[cfg(feature = "files")]
/// An open export: its header and its rows, as they come.
pub struct Export {
    pub header: Vec<String>,
    pub encoding: Encoding,
    pub separator: u8,
    /// Bytes of the file, for a progress bar.
    pub size: u64,
    rows: Source,
}

#[cfg(feature = "files")]
enum Source {
    Csv {
        input: Box<dyn BufRead + Send>,
        splitter: Box<Splitter>,
    },
    /// A sheet's rows: line and cells.
    Sheet(std::vec::IntoIter<(u64, Vec<String>)>),
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
        let mut first = Chunk::default();
        loop {
            let buf = input.fill_buf().map_err(ReadError::Io)?;
            let (used, got) = splitter.next(buf, &mut first);
            let ended = buf.is_empty();
            input.consume(used);
            match (got, ended) {
                (true, _) => break,
                (false, true) => return Err(ReadError::Empty),
                (false, false) => {}
            }
        }
        let header = first
            .row(0)
            .map(|row| {
                row.iter()
                    .map(|h| decode(h, encoding).map(Cow::into_owned).unwrap_or_default())
                    .collect()
            })
            .unwrap_or_default();
        Ok(Export {
            header,
            encoding,
            separator,
            size,
            rows: Source::Csv { input, splitter },
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
        let body: Vec<(u64, Vec<String>)> = rows
            .enumerate()
            .map(|(n, cells)| (start + n as u64 + 2, cells.iter().map(text).collect()))
            .collect();
        // Trailing blank cells of the header are not columns.
        let width = header
            .iter()
            .rposition(|h| !h.trim().is_empty())
            .map_or(0, |i| i + 1);
        let header: Vec<String> = header.into_iter().take(width).collect();
        let body = body
            .into_iter()
            .map(|(line, cells)| {
                let kept: Vec<String> = cells
                    .into_iter()
                    .enumerate()
                    .filter(|(i, c)| *i < width || !c.is_empty())
                    .map(|(_, c)| c)
                    .collect();
                (line, kept)
            })
            .collect::<Vec<_>>();
        Ok(Export {
            header,
            encoding: Encoding::Utf8,
            separator: b';',
            size,
            rows: Source::Sheet(body.into_iter()),
        })
    }

    /// The next rows, at most `max`; fewer only at the end of the file. Blank lines
    /// are skipped (a CSV often ends with one).
    pub fn next_rows(&mut self, max: usize, out: &mut Chunk) -> Result<(), ReadError> {
        out.clear();
        while out.len() < max {
            match &mut self.rows {
                Source::Sheet(rows) => match rows.next() {
                    Some((line, cells)) => {
                        if !cells.iter().all(String::is_empty) {
                            out.push(line, cells.iter().map(String::as_bytes))
                        }
                    }
                    None => break,
                },
                Source::Csv { input, splitter } => {
                    let buf = input.fill_buf().map_err(ReadError::Io)?;
                    let (used, got) = splitter.next(buf, out);
                    let ended = buf.is_empty();
                    input.consume(used);
                    if got && out.last_is_blank() {
                        out.pop();
                    } else if !got && ended {
                        break;
                    }
                }
            }
        }
        Ok(())
    }
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
    /// record: the bytes consumed, and whether a record ended (appended to `out`).
    /// `false` asks for more bytes, or at the end says there is no record left.
    pub fn next(&mut self, input: &[u8], out: &mut Chunk) -> (usize, bool) {
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
                return (used, false);
            }
            if let Some(stop) = memchr::memchr3(b'\n', b'\r', b'"', rest) {
                if let (Some(&last), Some(bytes)) = (rest.get(stop), rest.get(..stop)) {
                    if last != b'"' {
                        let line = self.core.line();
                        if last == b'\n' {
                            self.core.set_line(line.saturating_add(1));
                        }
                        // The line whole, separators included; the cells are the
                        // ranges between them.
                        let base = out.bytes.len();
                        out.bytes.extend_from_slice(bytes);
                        let mut start = base;
                        for sep in memchr::memchr_iter(self.separator, bytes) {
                            out.cells.push((start, base + sep));
                            start = base + sep + 1;
                        }
                        out.cells.push((start, out.bytes.len()));
                        out.rows.push((line, out.cells.len()));
                        return (used + stop + 1, true);
                    }
                }
            }
        }
        let mut asked_at_end = false;
        loop {
            let rest = input.get(used..).unwrap_or(&[]);
            if !end && rest.is_empty() {
                return (used, false);
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
                        return (used, false);
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
                    let base = out.bytes.len();
                    out.bytes.extend_from_slice(bytes);
                    let mut start = base;
                    for &stop in self.ends.get(..self.endlen).unwrap_or(&[]) {
                        out.cells.push((start, base + stop));
                        start = base + stop;
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
                    out.rows.push((line, out.cells.len()));
                    return (used, true);
                }
                End => return (used, false),
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
pub fn check(checker: &Checker, row: Row<'_>, encoding: Encoding) -> RowOutcome {
    check_with(checker, &mut checker.form(), row, encoding)
}

/// [`check`] in a form reused from row to row ([`Checker::check_with`]).
pub fn check_with(
    checker: &Checker,
    form: &mut Form,
    row: Row<'_>,
    encoding: Encoding,
) -> RowOutcome {
    let expected = checker.mapping().columns.len();
    // Most rows: the row's bytes are UTF-8 text as a whole, validated at once, and
    // each cell is a slice of it on character boundaries. Anything else (bytes that
    // are not UTF-8, Windows-1252) goes cell by cell below.
    let (span, base) = row.span();
    if let Ok(text) = core::str::from_utf8(span) {
        let mut cells: Vec<&str> = Vec::with_capacity(row.len());
        for &(start, end) in row.cells {
            match text.get(start.wrapping_sub(base)..end.wrapping_sub(base)) {
                Some(cell) => cells.push(cell),
                None => break,
            }
        }
        if cells.len() == row.len() {
            if cells.len() != expected && cells.iter().any(|c| c.contains('\n')) {
                return checker.unreadable(row.line, LotCode::BrokenQuote, cells.len());
            }
            return checker.check_with(form, row.line, &cells);
        }
    }
    let mut cells: Vec<Cow<'_, str>> = Vec::with_capacity(row.len());
    for bytes in row.iter() {
        match decode(bytes, encoding) {
            Some(text) => cells.push(text),
            None => {
                let mut outcome = checker.unreadable(row.line, LotCode::InvalidEncoding, row.len());
                // The identifier only when the cells are where the header says.
                if row.len() != expected {
                    return outcome;
                }
                outcome.id = checker.id_of(|i| row.get(i).and_then(|b| decode(b, encoding)));
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
        records(bytes, size, true)
            .into_iter()
            .map(|(line, cells)| (line, cells.into_iter().next().unwrap_or_default()))
            .collect()
    }

    /// Every record (line and cells) with or without the fast path, the bytes cut in
    /// slices of `size`.
    fn records(bytes: &[u8], size: usize, fast_path: bool) -> Vec<(u64, Vec<Vec<u8>>)> {
        let mut splitter = Splitter::new(b';');
        splitter.fast_path = fast_path;
        let mut chunk = Chunk::default();
        for slice in bytes.chunks(size.max(1)) {
            let mut rest = slice;
            while !rest.is_empty() {
                let (used, _) = splitter.next(rest, &mut chunk);
                rest = rest.get(used..).unwrap_or(&[]);
            }
        }
        while splitter.next(&[], &mut chunk).1 {}
        chunk
            .iter()
            .map(|row| (row.line, row.iter().map(<[u8]>::to_vec).collect()))
            .collect()
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
