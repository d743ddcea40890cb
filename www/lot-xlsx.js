// www/lot.html's workbook reader: the first sheet of an XLSX workbook as the CSV text
// the `Lot` of parcours_lot reads, cell by cell as `parcours lot` turns calamine's
// cells into text (src/lot/read.rs, `Export::xlsx`). It runs in the worker, which has
// no DOMParser: the XML is read by a small scanner. The unzipper (fflate) is given by
// the caller, loaded only when a workbook is chosen. Two readers: `workbookSlices`,
// the page's, reads the sheet as it is unzipped and writes its rows as they come;
// `readWorkbook` (then `csvSlices`) reads it whole, for the sheets the first hands
// over (`Restart`) and for the tests that compare both. Nothing here throws to its
// caller but a `WorkbookError`, whose code the page words, and `Restart`.

/** The most the parts read may weigh once unzipped (sheet, strings, styles…). */
export const UNZIPPED_LIMIT = 256 * 1024 * 1024;

/**
 * The largest workbook file read: it is held whole while unzipped, and its sheet's
 * XML as text while scanned (a 14 MB workbook of 100,000 rows unzips to a 104 MB
 * sheet: docs/lot.md).
 */
export const FILE_LIMIT = 32 * 1024 * 1024;

/** Why a workbook cannot be read; `code` is one of the page's messages. */
export class WorkbookError extends Error {
  constructor(code) {
    super(code);
    this.code = code;
  }
}

/** True when the bytes start as a zip archive does (how the command line tells). */
export const isZip = (bytes) => bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

// ---- XML scanning ----

const TAG = /<(\/?)([^\s/>]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/y;
const ATTR = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g;
const NAMED = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function entities(text) {
  if (!text.includes("&")) return text;
  return text.replace(ENTITY, (all, hex, dec, name) => {
    if (name) return NAMED[name];
    const code = hex ? parseInt(hex, 16) : parseInt(dec, 10);
    return code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : all;
  });
}

/** Text as XML 1.0 reads it: line ends normalised, then entities decoded. */
const xmlText = (text) => entities(text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text);

const localName = (name) => name.slice(name.indexOf(":") + 1);

function attributes(text) {
  const out = {};
  for (const [, name, double, single] of text.matchAll(ATTR)) out[name] = entities(double ?? single);
  return out;
}

const unreadable = () => new WorkbookError("workbook_unreadable");

/**
 * Walks the tags of an XML text (comments, CDATA and processing instructions
 * skipped): after `next()`, `name` (local), `end` (a closing tag), `empty` (a
 * self-closing one, which stands for its start and its end, as calamine's reader
 * expands it) and `raw` (the attributes' text). Text is read on demand by `text()`.
 */
class Scanner {
  constructor(xml) {
    this.xml = xml;
    this.pos = 0;
    this.name = "";
    this.end = false;
    this.empty = false;
    this.raw = "";
  }

  /** The next tag; false at the end of the text. */
  next() {
    const xml = this.xml;
    for (;;) {
      const lt = xml.indexOf("<", this.pos);
      if (lt < 0) {
        this.pos = xml.length;
        return false;
      }
      const c = xml.charCodeAt(lt + 1);
      if (c === 33 || c === 63) {
        // <!-- -->, <![CDATA[ ]]>, <!DOCTYPE >, <? ?>
        const close = xml.startsWith("<!--", lt) ? "-->" : xml.startsWith("<![CDATA[", lt) ? "]]>" : c === 63 ? "?>" : ">";
        const e = xml.indexOf(close, lt + 2);
        this.pos = e < 0 ? xml.length : e + close.length;
        continue;
      }
      // Fast path: the first `>` ends the tag when the text before it holds one kind of
      // quote, an even number of times (so no value is open); else the full pattern.
      const gt = xml.indexOf(">", lt);
      let [double, single] = [0, 0];
      for (let i = lt + 1; i < gt; i++) {
        const q = xml.charCodeAt(i);
        if (q === 34) double += 1;
        else if (q === 39) single += 1;
      }
      if (gt > 0 && ((single === 0 && double % 2 === 0) || (double === 0 && single % 2 === 0))) {
        const end = c === 47;
        const nameStart = end ? lt + 2 : lt + 1;
        let i = nameStart;
        for (; i < gt; i++) {
          const k = xml.charCodeAt(i);
          if (k === 32 || k === 9 || k === 10 || k === 13 || k === 47) break;
        }
        if (i > nameStart) {
          const empty = !end && xml.charCodeAt(gt - 1) === 47;
          this.pos = gt + 1;
          this.end = end;
          this.name = localName(xml.slice(nameStart, i));
          this.raw = xml.slice(i, empty ? gt - 1 : gt);
          this.empty = empty;
          return true;
        }
      }
      TAG.lastIndex = lt;
      const m = TAG.exec(xml);
      if (m === null) {
        this.pos = lt + 1;
        continue;
      }
      this.pos = TAG.lastIndex;
      this.end = m[1] === "/";
      this.name = localName(m[2]);
      this.raw = m[3];
      this.empty = m[4] === "/";
      return true;
    }
  }

  attrs() {
    return attributes(this.raw);
  }

  /** The text up to the closing tag `name` (CDATA kept, other tags and comments skipped). */
  text(name) {
    const xml = this.xml;
    let out = "";
    for (;;) {
      const lt = xml.indexOf("<", this.pos);
      if (lt < 0) throw unreadable();
      if (lt > this.pos) out += xmlText(xml.slice(this.pos, lt));
      if (xml.startsWith("<![CDATA[", lt) || xml.startsWith("<!--", lt)) {
        const cdata = xml.startsWith("<![CDATA[", lt);
        const e = xml.indexOf(cdata ? "]]>" : "-->", lt);
        if (e < 0) throw unreadable();
        if (cdata) out += xml.slice(lt + 9, e).replace(/\r\n?/g, "\n");
        this.pos = e + 3;
        continue;
      }
      this.pos = lt;
      if (!this.next()) throw unreadable();
      if (this.end && this.name === name) return out;
    }
  }
}

/** Excel's `_xHHHH_` escapes (calamine's unescape_xml); a lone surrogate is U+FFFD. */
function unescapeExcel(text) {
  if (!text.includes("_x")) return text;
  return text.replace(/_x([0-9a-fA-F]{4})_(?:_x([0-9a-fA-F]{4})_)?/g, (all, a, b) => {
    const hi = parseInt(a, 16);
    const lo = b === undefined ? -1 : parseInt(b, 16);
    if (hi >= 0xd800 && hi <= 0xdbff) {
      if (lo >= 0xdc00 && lo <= 0xdfff) return String.fromCodePoint(0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00));
      return "\ufffd" + (lo < 0 ? "" : unescapeExcel(`_x${b}_`));
    }
    if (hi >= 0xdc00 && hi <= 0xdfff) return "\ufffd" + (lo < 0 ? "" : unescapeExcel(`_x${b}_`));
    return String.fromCharCode(hi) + (lo < 0 ? "" : unescapeExcel(`_x${b}_`));
  });
}

/** A rich or plain string (<si>, <is>) up to its closing tag: its <t> runs, no phonetic text. */
function readString(sc, closing) {
  let value = null;
  let phonetic = false;
  while (sc.next()) {
    if (sc.end) {
      if (sc.name === closing) return value ?? "";
      if (sc.name === "rPh") phonetic = false;
    } else if (sc.name === "r") {
      if (value === null) value = "";
    } else if (sc.name === "rPh") {
      phonetic = !sc.empty;
    } else if (sc.name === "t" && !phonetic) {
      const preserve = sc.raw === ' xml:space="preserve"' || attributes(sc.raw)["xml:space"] === "preserve";
      const text = sc.empty ? "" : sc.text("t");
      value = (value ?? "") + unescapeExcel(preserve ? text : text.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, ""));
    }
  }
  throw unreadable();
}

// ---- number formats: which cells are dates (calamine's formats.rs) ----

const BUILTIN_DATES = new Set(["14", "15", "16", "17", "18", "19", "20", "21", "22", "27", "28", "29", "30", "31", "32", "33", "34", "35", "36", "45", "46", "47", "50", "51", "52", "53", "54", "55", "56", "57", "58"]);

/** A custom format is a date or duration format (calamine's detect_custom_number_format). */
export function isDateFormat(format) {
  let escaped = false;
  let quote = false;
  let brackets = 0;
  let prev = " ";
  let hms = false;
  let ap = false;
  for (const s of format) {
    if (escaped) escaped = false;
    else if (s === "_" || s === "\\" || s === "*") escaped = true;
    else if (quote) {
      if (s === '"') quote = false;
    } else if (s === '"') quote = true;
    else if (s === ";") return false;
    else if (s === "[") brackets += 1;
    else if (s === "]" && brackets === 1 && hms) return true;
    else if (s === "]") brackets = Math.max(0, brackets - 1);
    else if ((s === "a" || s === "A") && !ap && brackets === 0) ap = true;
    else if ("pm/PM".includes(s) && ap && brackets === 0) return true;
    else if ("dmhysDMHYS".includes(s) && !ap && brackets === 0) return true;
    else if (!(hms && s.toLowerCase() === prev.toLowerCase())) hms = prev === "[" && "mhsMHS".includes(s);
    prev = s;
  }
  return false;
}

/** For each cell style (cellXfs), whether a number in it is a date. */
function dateStyles(xml) {
  const custom = new Map();
  const styles = [];
  if (!xml) return styles;
  const sc = new Scanner(xml);
  let where = null;
  while (sc.next()) {
    if (sc.name === "numFmts" || sc.name === "cellXfs") where = sc.end || sc.empty ? null : sc.name;
    else if (sc.end) continue;
    else if (sc.name === "numFmt" && where === "numFmts") {
      const { numFmtId, formatCode } = sc.attrs();
      if (numFmtId !== undefined && formatCode !== undefined) custom.set(numFmtId, formatCode);
    } else if (sc.name === "xf" && where === "cellXfs") {
      const id = sc.attrs().numFmtId;
      styles.push(id === undefined ? false : custom.has(id) ? isDateFormat(custom.get(id)) : BUILTIN_DATES.has(id));
    }
  }
  return styles;
}

// ---- cell text (read.rs's `text`) ----

/** An f64 as Rust's `Display` writes it: shortest digits, never an exponent. */
export function rustFloat(f) {
  if (Number.isNaN(f)) return "NaN";
  if (f === Infinity) return "inf";
  if (f === -Infinity) return "-inf";
  if (f === 0) return Object.is(f, -0) ? "-0" : "0";
  const [mantissa, exp] = Math.abs(f).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const point = Number(exp) + 1;
  let text;
  if (point <= 0) text = `0.${"0".repeat(-point)}${digits}`;
  else if (point >= digits.length) text = digits + "0".repeat(point - digits.length);
  else text = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return (f < 0 ? "-" : "") + text;
}

/** A number cell: a whole number without decimals, else as Rust writes it. */
export function numberText(f) {
  if (Number.isInteger(f) && Math.abs(f) < 1e15) return Object.is(f, -0) ? "-0" : f.toFixed(0);
  return rustFloat(f);
}

/** A date cell: the day of its serial (1899-12-30 plus its whole days, read.rs's serial_date). */
export function dateText(serial) {
  if (!(serial >= 1 && serial < 2958466)) return rustFloat(serial);
  const day = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86400000);
  return day.toISOString().slice(0, 10);
}

const FLOAT = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf|infinity|nan)$/i;

function parseFloatRust(v) {
  if (!FLOAT.test(v)) return null;
  const lower = v.toLowerCase().replace(/^\+/, "");
  if (lower.endsWith("nan")) return NaN;
  if (lower.endsWith("inf") || lower.endsWith("infinity")) return lower.startsWith("-") ? -Infinity : Infinity;
  return Number(v);
}

/** `A1` → [row, column], from 0. */
function position(ref) {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const k = ref.charCodeAt(i) | 32;
    if (k < 97 || k > 122) break;
    col = col * 26 + (k - 96);
  }
  let row = 0;
  const digits = i;
  for (; i < ref.length; i++) {
    const k = ref.charCodeAt(i);
    if (k < 48 || k > 57) throw unreadable();
    row = row * 10 + (k - 48);
  }
  if (col === 0 || i === digits || row === 0) throw unreadable();
  return [row - 1, col - 1];
}

const R = /(?:^|\s)r\s*=\s*(?:"([^"]*)"|'([^']*)')/;
const CELL_ATTR = /(?:^|\s)([rst])\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const attr = (raw, re) => {
  const m = re.exec(raw);
  return m === null ? undefined : entities(m[1] ?? m[2]);
};
/** A cell's r, s and t attributes, in one pass. */
function cellAttributes(raw) {
  const out = { r: undefined, s: undefined, t: undefined };
  CELL_ATTR.lastIndex = 0;
  let m;
  while ((m = CELL_ATTR.exec(raw)) !== null) if (out[m[1]] === undefined) out[m[1]] = entities(m[2] ?? m[3]);
  return out;
}

/**
 * The cells of a sheet that are not empty (an error cell is not, though it has no
 * text): a map from row (from 0) to its texts by column, and the range they span.
 */
/** The row a `<row>` start tag gives (its `r`, counted from 1), or `row` without one. */
function rowIndex(sc, row) {
  const r = attr(sc.raw, R);
  if (r === undefined) return row;
  if (!/^\d+$/.test(r) || Number(r) < 1) throw unreadable();
  return Number(r) - 1;
}

/**
 * The value of the `<c>` whose start tag the scanner has just read, its end tag read
 * too: its `<v>` by the cell's type and style, its inline string, or null (an empty
 * cell, a formula without a value).
 */
function readCell(sc, s, t, strings, dates) {
  let value = null;
  if (sc.empty) return value;
  while (sc.next()) {
    if (sc.end) {
      if (sc.name === "c") return value;
    } else if (sc.name === "v") {
      const v = sc.empty ? null : sc.text("v");
      value = v === null || t === "inlineStr" || t === "is" ? null : cellValue(v, s, t, strings, dates);
    } else if (sc.name === "is") {
      value = sc.empty ? "" : readString(sc, "is");
    } else if (sc.name === "f") {
      if (!sc.empty) sc.text("f");
      value = null;
    } else throw unreadable();
  }
  throw unreadable();
}

function sheetCells(xml, strings, dates) {
  const rows = new Map();
  const range = { top: Infinity, bottom: -1, left: Infinity, right: -1 };
  const sc = new Scanner(xml);
  let row = 0;
  let col = 0;
  let found = false;
  while (!found && sc.next()) found = sc.name === "sheetData" && !sc.end;
  if (!found) throw unreadable();
  if (sc.empty) return { rows, range };
  while (sc.next()) {
    if (sc.name === "sheetData" && sc.end) return { rows, range };
    if (sc.name === "row") {
      if (!sc.end) row = rowIndex(sc, row);
      if (sc.end || sc.empty) {
        row += 1;
        col = 0;
      }
    } else if (sc.name === "c" && !sc.end) {
      const raw = sc.raw;
      const { r, s, t } = cellAttributes(raw);
      const [cellRow, cellCol] = r !== undefined ? position(r) : [row, col];
      col = cellCol;
      const value = readCell(sc, s, t, strings, dates);
      col += 1;
      if (value !== null) {
        let cells = rows.get(cellRow);
        if (cells === undefined) rows.set(cellRow, (cells = []));
        cells[cellCol] = value;
        range.top = Math.min(range.top, cellRow);
        range.bottom = Math.max(range.bottom, cellRow);
        range.left = Math.min(range.left, cellCol);
        range.right = Math.max(range.right, cellCol);
      }
    }
  }
  throw unreadable();
}

/** A <v>'s text by the cell's type and style; null for an empty cell. */
function cellValue(v, s, t, strings, dates) {
  switch (t) {
    case "s": {
      if (v === "") return null;
      const text = strings[/^\d+$/.test(v) ? Number(v) : 0];
      if (text === undefined) throw new WorkbookError("workbook_unreadable");
      return text;
    }
    case "b": {
      const b = v.trim();
      if (b === "") return null;
      if (b === "0" || b.toLowerCase() === "false") return "false";
      if (b === "1" || b.toLowerCase() === "true") return "true";
      throw new WorkbookError("workbook_unreadable");
    }
    case "d":
      return Array.from(v).slice(0, 10).join("");
    case "e":
      return "";
    case "str":
      return unescapeExcel(v);
    case "n":
    case undefined: {
      if (v === "") return null;
      const f = parseFloatRust(v);
      if (f === null) {
        if (t === undefined) return v;
        throw new WorkbookError("workbook_unreadable");
      }
      const style = s === undefined ? 0 : /^\d+$/.test(s) ? Number(s) : 0;
      const isDate = s !== undefined && dates[style] === true;
      return isDate ? dateText(f) : numberText(f);
    }
    default:
      throw new WorkbookError("workbook_unreadable");
  }
}

// ---- the workbook ----

/** Rust's `str::trim` whitespace (Unicode White_Space). */
const BLANK = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;

/**
 * Where the first sheet is, from the parts `part(name)` gives as text (null when
 * absent): the root relationship of type officeDocument (else xl/workbook.xml), then
 * the workbook's first <sheet> and its relationship. Its path and the workbook's folder.
 */
function locate(part) {
  const relationships = (xml) => {
    const out = new Map();
    if (!xml) return out;
    const sc = new Scanner(xml);
    while (sc.next()) {
      if (!sc.end && sc.name === "Relationship") {
        const attrs = sc.attrs();
        if (attrs.Id !== undefined) out.set(attrs.Id, attrs);
      }
    }
    return out;
  };
  // The workbook part: the root relationship of type officeDocument, else xl/workbook.xml.
  let workbookPath = "xl/workbook.xml";
  for (const rel of relationships(part("_rels/.rels")).values()) {
    if ((rel.Type ?? "").endsWith("/officeDocument") && rel.Target) {
      workbookPath = rel.Target.replace(/^\//, "");
      break;
    }
  }
  const slash = workbookPath.lastIndexOf("/");
  const dir = workbookPath.slice(0, slash + 1);
  const workbook = part(workbookPath);
  if (workbook === null) throw new WorkbookError("workbook_not_workbook");
  const rels = relationships(part(`${dir}_rels/${workbookPath.slice(slash + 1)}.rels`));
  let sheetPath = null;
  const book = new Scanner(workbook);
  while (book.next()) {
    if (!book.end && book.name === "sheet") {
      const id = Object.entries(book.attrs()).find(([k]) => localName(k) === "id")?.[1];
      const rel = rels.get(id);
      if (rel && (rel.Type ?? "").split("/").pop() === "worksheet" && rel.Target) {
        sheetPath = rel.Target.startsWith("/") ? rel.Target.slice(1) : dir + rel.Target;
      }
      break;
    }
  }
  return { sheetPath, dir };
}

/** The parts unzipped: XML and relationships (the limit counts these alone). */
const WANTED = /^(\[Content_Types\]\.xml|_rels\/\.rels|.*\.xml|.*\.rels)$/i;

/**
 * The first sheet of a workbook: `start` (its first row, from 0: the header's), the
 * header and the rows after it, each the cells `parcours lot` reads (trailing blank
 * header cells are not columns; a row keeps a cell past them only when it has text).
 * `unzipSync` is fflate's.
 */
export function readWorkbook(bytes, unzipSync) {
  if (!isZip(bytes)) throw new WorkbookError("workbook_not_zip");
  if (bytes.length > FILE_LIMIT) throw new WorkbookError("workbook_too_big");
  let total = 0;
  let files;
  const wanted = (name) => WANTED.test(name);
  try {
    // Only the XML parts; each part's declared size counts against the limit before it
    // is unzipped, and fflate writes no more than the declared size.
    files = unzipSync(bytes, {
      filter(file) {
        if (!wanted(file.name)) return false;
        total += file.originalSize;
        if (total > UNZIPPED_LIMIT) throw new WorkbookError("workbook_too_big");
        return true;
      },
    });
  } catch (e) {
    throw e instanceof WorkbookError ? e : new WorkbookError("workbook_unreadable");
  }
  const parts = new Map(Object.entries(files).map(([name, data]) => [name.replace(/\\/g, "/").toLowerCase(), data]));
  const decoder = new TextDecoder("utf-8");
  const part = (name) => {
    const data = parts.get(name.toLowerCase());
    return data === undefined ? null : decoder.decode(data);
  };
  const { sheetPath, dir } = locate(part);
  const sheet = sheetPath === null ? null : part(sheetPath);
  if (sheet === null) throw new WorkbookError("workbook_no_sheet");

  const shared = part(`${dir}sharedStrings.xml`);
  const styles = part(`${dir}styles.xml`);
  // The texts are read: the unzipped bytes can go before the sheet is scanned.
  parts.clear();
  const strings = [];
  if (shared) {
    const sc = new Scanner(shared);
    while (sc.next()) if (!sc.end && sc.name === "si") strings.push(sc.empty ? "" : readString(sc, "si"));
  }
  const dates = dateStyles(styles);
  const { rows: grid, range } = sheetCells(sheet, strings, dates);
  if (range.bottom < 0) throw new WorkbookError("workbook_empty");
  const [rowStart, rowEnd, colStart] = [range.top, range.bottom, range.left];
  const width = range.right - colStart + 1;
  // A row of the range, every column from the first: "" where no cell has text.
  const rowAt = (r) => {
    const cells = grid.get(r);
    const out = new Array(width);
    for (let i = 0; i < width; i++) out[i] = cells?.[colStart + i] ?? "";
    return out;
  };
  const fullHeader = rowAt(rowStart);
  let columns = 0;
  for (let i = fullHeader.length - 1; i >= 0; i--) {
    if (!BLANK.test(fullHeader[i])) {
      columns = i + 1;
      break;
    }
  }
  const header = fullHeader.slice(0, columns);
  const rows = function* () {
    for (let r = rowStart + 1; r <= rowEnd; r++) {
      yield rowAt(r).filter((cell, i) => i < columns || cell !== "");
    }
  };
  return { start: rowStart, header, count: rowEnd - rowStart, rows };
}

/**
 * The sheet as CSV text the `Lot` reads with the same header, cells and line numbers:
 * a byte order mark, blank lines before the header where the sheet has empty rows,
 * `;` (`,` when the header's own commas would outnumber the separators, as the reader
 * tells them), quotes where a cell needs them, `""` for a row without text (a record
 * of one empty cell, which the reader skips as it skips a blank line, but counts: the
 * reader gives a row the line after the previous record, blank lines not counted).
 * A line break inside a cell becomes a space: the reader numbers lines, and the line
 * of every row must be its row's number in the sheet. Yields text slices of about
 * `slice` characters and the rows they hold.
 */
export function* csvSlices(sheet, slice = 128 * 1024) {
  const line = (cells, sep) =>
    cells
      .map((cell) => {
        const text = cell.replace(/[\r\n]/g, " ");
        return text.includes(sep) || text.includes('"') ? `"${text.replace(/"/g, '""')}"` : text;
      })
      .join(sep);
  let sep = ";";
  let head = line(sheet.header, sep);
  const count = (text, c) => text.split(c).length - 1;
  if (sheet.start === 0 && count(head, ",") > count(head, ";")) {
    sep = ",";
    head = line(sheet.header, sep);
  }
  let text = "\ufeff" + "\n".repeat(sheet.start) + head + "\n";
  let rows = 0;
  for (const cells of sheet.rows()) {
    text += (cells.every((c) => c === "") ? '""' : line(cells, sep)) + "\n";
    rows += 1;
    if (text.length >= slice) {
      yield { text, rows };
      text = "";
    }
  }
  yield { text, rows };
}

// ---- the streaming path: the sheet read as it is unzipped ----

/** The streaming path cannot give calamine's reading of this sheet: read it whole. */
export class Restart extends Error {
  constructor() {
    super("restart");
  }
}

const u16 = (b, i) => b[i] | (b[i + 1] << 8);
const u32 = (b, i) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;

/**
 * The entries of a zip archive's central directory, as fflate's unzipSync reads them:
 * name, compression, sizes and where the data starts. Null for an archive this reader
 * leaves to unzipSync (zip64, or anything it does not expect).
 */
function zipEntries(bytes) {
  let e = bytes.length - 22;
  for (; e >= 0 && u32(bytes, e) !== 0x06054b50; e--) if (bytes.length - e > 65558) return null;
  if (e < 0) return null;
  const count = u16(bytes, e + 10);
  let o = u32(bytes, e + 16);
  if (e >= 20 && u32(bytes, e - 20) === 0x07064b50) return null;
  const latin1 = new TextDecoder("latin1");
  const utf8 = new TextDecoder("utf-8");
  const out = [];
  for (let i = 0; i < count; i++) {
    if (o + 46 > bytes.length || u32(bytes, o) !== 0x02014b50) return null;
    const flags = u16(bytes, o + 8);
    const method = u16(bytes, o + 10);
    const size = u32(bytes, o + 20);
    const originalSize = u32(bytes, o + 24);
    const nameLength = u16(bytes, o + 28);
    const next = o + 46 + nameLength + u16(bytes, o + 30) + u16(bytes, o + 32);
    const local = u32(bytes, o + 42);
    if (size === 0xffffffff || originalSize === 0xffffffff || local === 0xffffffff || next > bytes.length) return null;
    const name = (flags & 2048 ? utf8 : latin1).decode(bytes.subarray(o + 46, o + 46 + nameLength));
    if (local + 30 > bytes.length || u32(bytes, local) !== 0x04034b50) return null;
    const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    if (start + size > bytes.length || (method !== 0 && method !== 8)) return null;
    out.push({ name, method, size, originalSize, start });
    o = next;
  }
  return out;
}

/**
 * A scanner over text that arrives in pieces: `more()` gives the next piece (a string)
 * or null at the end. Before each tag it makes sure the text holds the whole of it
 * (and of the comments or CDATA before it), so it reads as the Scanner does over the
 * whole text; the text already read is dropped as it goes.
 */
class StreamScanner extends Scanner {
  constructor(more) {
    super("");
    this.more = more;
    this.ended = false;
  }

  /** Appends the next piece; false at the end. */
  grow() {
    if (this.ended) return false;
    const piece = this.more();
    if (piece === null) {
      this.ended = true;
      return false;
    }
    this.xml = this.xml.slice(this.pos) + piece;
    this.pos = 0;
    return true;
  }

  /**
   * Grows the text until it holds the next tag whole (or the text has ended): a tag
   * ends before the next `<` (none can stand in an attribute value), a comment or
   * CDATA section at its closing mark.
   */
  ensure() {
    let p = this.pos;
    for (;;) {
      const xml = this.xml;
      const lt = xml.indexOf("<", p);
      if (lt >= 0 && xml.length - lt >= 9) {
        const c = xml.charCodeAt(lt + 1);
        if (c === 33 || c === 63) {
          const close = xml.startsWith("<!--", lt) ? "-->" : xml.startsWith("<![CDATA[", lt) ? "]]>" : c === 63 ? "?>" : ">";
          const e = xml.indexOf(close, lt + 2);
          if (e >= 0) {
            p = e + close.length;
            continue;
          }
        } else if (xml.indexOf("<", lt + 1) >= 0) return;
      }
      const from = p - this.pos;
      if (!this.grow()) return;
      p = this.pos + from;
    }
  }

  next() {
    this.ensure();
    return super.next();
  }

  text(name) {
    let out = "";
    for (;;) {
      this.ensure();
      const xml = this.xml;
      const lt = xml.indexOf("<", this.pos);
      if (lt < 0) throw unreadable();
      if (lt > this.pos) out += xmlText(xml.slice(this.pos, lt));
      if (xml.startsWith("<![CDATA[", lt) || xml.startsWith("<!--", lt)) {
        const cdata = xml.startsWith("<![CDATA[", lt);
        const e = xml.indexOf(cdata ? "]]>" : "-->", lt);
        if (e < 0) throw unreadable();
        if (cdata) out += xml.slice(lt + 9, e).replace(/\r\n?/g, "\n");
        this.pos = e + 3;
        continue;
      }
      this.pos = lt;
      if (!this.next()) throw unreadable();
      if (this.end && this.name === name) return out;
    }
  }
}

/**
 * What fastCell read: where the cell ends; its position when it has an `r` (row and
 * column from 0, else row -1); its `s` and `t` texts; where its <v> text starts and
 * ends (vStart -1 without one).
 */
const FAST = { end: 0, row: -1, col: 0, s: undefined, t: undefined, vStart: -1, vEnd: 0 };
/** The texts of `s` and `t` attributes seen, so a cell does not cut a new one. */
const ATTRIBUTE_TEXTS = new Map();
/** The one-character texts, by character code. */
const ASCII = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c));

/**
 * The cell at `p` (`<c ` there) when it is written the way spreadsheets write cells —
 * `<c r="A1" s="1" t="s"><v>7</v></c>`, `<c …/>`, `<c …></c>`, double quotes, no space
 * around `=`, a plain `r`, nothing between the tags — read with a few searches into
 * FAST; false for any other (the scanner reads it), and for one the text holds only
 * in part.
 */
function fastCell(xml, p) {
  FAST.row = -1;
  FAST.s = FAST.t = undefined;
  FAST.vStart = -1;
  let seenR = false;
  let i = p + 2;
  for (;;) {
    let k = xml.charCodeAt(i);
    while (k === 32) k = xml.charCodeAt(++i);
    if (k === 62) {
      i += 1;
      break;
    }
    if (k === 47) {
      if (xml.charCodeAt(i + 1) !== 62) return false;
      FAST.end = i + 2;
      return true;
    }
    const eq = xml.indexOf('="', i);
    if (eq <= i || eq - i > 16) return false;
    for (let j = i; j < eq; j++) {
      const n = xml.charCodeAt(j);
      if (n <= 32 || n === 60 || n === 62 || n === 47 || n === 34 || n === 39 || n === 61) return false;
    }
    const close = xml.indexOf('"', eq + 2);
    if (close < 0) return false;
    if (eq - i === 1) {
      const name = xml.charCodeAt(i);
      if (name === 114 && !seenR) {
        // r: letters then digits, read in place (anything else: the scanner's way).
        seenR = true;
        let col = 0;
        let j = eq + 2;
        for (; j < close; j++) {
          const c = xml.charCodeAt(j) | 32;
          if (c < 97 || c > 122) break;
          col = col * 26 + (c - 96);
        }
        let row = 0;
        const digits = j;
        for (; j < close; j++) {
          const c = xml.charCodeAt(j);
          if (c < 48 || c > 57) return false;
          row = row * 10 + (c - 48);
        }
        if (col === 0 || digits === close || row === 0 || close - eq > 14) return false;
        FAST.row = row - 1;
        FAST.col = col - 1;
      } else if ((name === 115 && FAST.s === undefined) || (name === 116 && FAST.t === undefined)) {
        // One character (t="s", s="1"): its text without cutting one; else the texts
        // seen, kept by their own text.
        const one = close - eq === 3 ? xml.charCodeAt(eq + 2) : -1;
        let value = one > 32 && one < 128 && one !== 38 ? ASCII[one] : undefined;
        if (value === undefined) {
          const key = xml.slice(eq + 2, close);
          value = ATTRIBUTE_TEXTS.get(key);
          if (value === undefined) {
            value = key.includes("&") ? entities(key) : key;
            if (ATTRIBUTE_TEXTS.size < 4096) ATTRIBUTE_TEXTS.set(key, value);
          }
        }
        if (name === 115) FAST.s = value;
        else FAST.t = value;
      }
    }
    i = close + 1;
    k = xml.charCodeAt(i);
    if (k !== 32 && k !== 62 && k !== 47) return false;
  }
  if (xml.startsWith("</c>", i)) {
    FAST.end = i + 4;
    return true;
  }
  if (!xml.startsWith("<v>", i)) return false;
  const lt = xml.indexOf("<", i + 3);
  if (lt < 0 || !xml.startsWith("</v></c>", lt)) return false;
  FAST.vStart = i + 3;
  FAST.vEnd = lt;
  FAST.end = lt + 8;
  return true;
}

/** A CSV line of cells, as csvSlices writes it. */
function csvLine(cells, sep) {
  let out = "";
  for (let i = 0; i < cells.length; i++) {
    let text = cells[i];
    if (text.includes("\r") || text.includes("\n")) text = text.replace(/[\r\n]/g, " ");
    if (text.includes(sep) || text.includes('"')) text = `"${text.replace(/"/g, '""')}"`;
    out += i ? sep + text : text;
  }
  return out;
}

/**
 * The first sheet of a workbook as the CSV text csvSlices writes from readWorkbook,
 * read as it is unzipped: the shared strings and styles first (once, whole), then the
 * sheet's deflated bytes a piece at a time through fflate's streaming `Inflate`, its
 * rows written as they come. Yields `{ text, read }`: about `slice` characters of
 * text, and the share of the workbook's bytes read so far (0 to 1). `fflate` is the
 * module (inflateSync, Inflate); `piece`, the deflated bytes inflated at once. Throws `Restart` when the sheet is one whose reading
 * needs the whole of it (a row before one already read, a cell left of the header's
 * first column, a zip this reader leaves to unzipSync): the caller then reads it with
 * readWorkbook, from the start.
 */
export function* workbookSlices(bytes, fflate, slice = 128 * 1024, piece = 64 * 1024) {
  if (!isZip(bytes)) throw new WorkbookError("workbook_not_zip");
  if (bytes.length > FILE_LIMIT) throw new WorkbookError("workbook_too_big");
  const entries = zipEntries(bytes);
  if (entries === null) throw new Restart();
  let total = 0;
  const parts = new Map();
  for (const entry of entries) {
    if (!WANTED.test(entry.name)) continue;
    total += entry.originalSize;
    if (total > UNZIPPED_LIMIT) throw new WorkbookError("workbook_too_big");
    parts.set(entry.name.replace(/\\/g, "/").toLowerCase(), entry);
  }
  const data = (entry) => bytes.subarray(entry.start, entry.start + entry.size);
  const decoder = new TextDecoder("utf-8");
  const part = (name) => {
    const entry = parts.get(name.toLowerCase());
    if (entry === undefined) return null;
    try {
      return decoder.decode(entry.method === 0 ? data(entry) : fflate.inflateSync(data(entry), { out: new Uint8Array(entry.originalSize) }));
    } catch {
      throw unreadable();
    }
  };
  /**
   * A part's text a piece at a time: its deflated bytes through fflate's streaming
   * `Inflate`, `piece` bytes at once, cut at its declared size as unzipSync cuts it (a
   * stored part is as it is). `more()` gives the next text or null; `at()` the bytes read.
   */
  const pieces = (entry) => {
    const input = data(entry);
    let at = 0;
    let produced = 0;
    const out = [];
    const inflater = entry.method === 8 ? new fflate.Inflate((chunk) => out.push(chunk)) : null;
    const utf8 = new TextDecoder("utf-8");
    let flushed = false;
    const more = () => {
      try {
        while (out.length === 0 && at < input.length) {
          const chunk = input.subarray(at, at + piece);
          at += chunk.length;
          if (inflater) inflater.push(chunk, at >= input.length);
          else out.push(chunk);
        }
        if (out.length === 0 && inflater && input.length === 0 && !flushed) inflater.push(new Uint8Array(0), true);
      } catch {
        throw unreadable();
      }
      if (out.length === 0) {
        if (flushed) return null;
        flushed = true;
        return utf8.decode();
      }
      let next = out.shift();
      if (inflater) {
        if (produced + next.length > entry.originalSize) next = next.subarray(0, Math.max(0, entry.originalSize - produced));
        produced += next.length;
      }
      return utf8.decode(next, { stream: true });
    };
    return { more, at: () => at };
  };
  const { sheetPath, dir } = locate(part);
  const sheetEntry = sheetPath === null ? undefined : parts.get(sheetPath.toLowerCase());
  if (sheetEntry === undefined) throw new WorkbookError("workbook_no_sheet");
  const sharedEntry = parts.get(`${dir}sharedStrings.xml`.toLowerCase());
  // Progress: the strings' compressed bytes, then the sheet's, over both.
  const before = sharedEntry && sharedEntry !== sheetEntry ? sharedEntry.size : 0;
  const whole = before + sheetEntry.size || 1;
  const dates = dateStyles(part(`${dir}styles.xml`));
  // The shared strings, read as they are unzipped too (a workbook of 100,000 rows
  // holds megabytes of them), with progress on the way.
  const strings = [];
  if (sharedEntry) {
    const from = pieces(sharedEntry);
    const sc = new StreamScanner(from.more);
    let told = 0;
    yield { text: "", read: 0 };
    while (sc.next()) {
      if (!sc.end && sc.name === "si") strings.push(sc.empty ? "" : readString(sc, "si"));
      if (from.at() - told >= 64 * 1024) {
        told = from.at();
        yield { text: "", read: told / whole };
      }
    }
  }
  yield { text: "", read: before / whole };

  const source = pieces(sheetEntry);
  const more = source.more;
  const sc = new StreamScanner(more);
  let found = false;
  while (!found && sc.next()) found = sc.name === "sheetData" && !sc.end;
  if (!found) throw unreadable();

  // Rows are written as soon as a cell of a later row comes.
  let text = "";
  let sep = ";";
  let header = null; // { start, colStart, columns }
  let lastRow = -1;
  let current = -1;
  let cells = [];
  let min = Infinity;
  const flush = () => {
    if (current < 0) return;
    if (header === null) {
      const full = [];
      let right = -1;
      for (let i = min; i < cells.length; i++) if (cells[i] !== undefined) right = i;
      for (let i = min; i <= right; i++) full.push(cells[i] ?? "");
      let columns = 0;
      for (let i = full.length - 1; i >= 0; i--) {
        if (!BLANK.test(full[i])) {
          columns = i + 1;
          break;
        }
      }
      const names = full.slice(0, columns);
      let head = csvLine(names, sep);
      const count = (t, c) => t.split(c).length - 1;
      if (current === 0 && count(head, ",") > count(head, ";")) {
        sep = ",";
        head = csvLine(names, sep);
      }
      header = { colStart: min, columns };
      text = "\ufeff" + "\n".repeat(current) + head + "\n";
    } else {
      if (min < header.colStart) throw new Restart();
      if (current - lastRow > 1) text += '""\n'.repeat(current - lastRow - 1);
      const { colStart, columns } = header;
      const row = new Array(columns);
      let blank = true;
      for (let i = 0; i < columns; i++) {
        const cell = cells[colStart + i] ?? "";
        row[i] = cell;
        if (cell !== "") blank = false;
      }
      for (let i = colStart + columns; i < cells.length; i++) {
        const cell = cells[i];
        if (cell !== undefined && cell !== "") {
          row.push(cell);
          blank = false;
        }
      }
      text += (blank ? '""' : csvLine(row, sep)) + "\n";
    }
    lastRow = current;
    cells = [];
    min = Infinity;
  };
  const progress = () => (before + source.at()) / whole;

  let row = 0;
  let col = 0;
  if (!sc.empty) {
    for (;;) {
      const xml = sc.xml;
      const p = sc.pos;
      if (xml.charCodeAt(p) === 60 && xml.charCodeAt(p + 1) === 99 && xml.charCodeAt(p + 2) === 32 && fastCell(xml, p)) {
        sc.pos = FAST.end;
        const { s, t, vStart, vEnd } = FAST;
        const cellRow = FAST.row < 0 ? row : FAST.row;
        const cellCol = FAST.row < 0 ? col : FAST.col;
        col = cellCol + 1;
        let value = null;
        if (vStart >= 0 && t !== "inlineStr" && t !== "is") {
          // A shared string's index, read in place; any other value the scanner's way.
          let index = t === "s" && vEnd > vStart && vEnd - vStart < 10 ? 0 : -1;
          for (let j = vStart; index >= 0 && j < vEnd; j++) {
            const c = xml.charCodeAt(j);
            index = c >= 48 && c <= 57 ? index * 10 + (c - 48) : -1;
          }
          value = index >= 0 ? strings[index] : cellValue(xmlText(xml.slice(vStart, vEnd)), s, t, strings, dates);
          if (value === undefined) throw new WorkbookError("workbook_unreadable");
        }
        if (value !== null) {
          if (cellRow !== current) {
            if (cellRow < current) throw new Restart();
            flush();
            current = cellRow;
          }
          cells[cellCol] = value;
          if (cellCol < min) min = cellCol;
        }
        continue;
      }
      if (!sc.next()) throw unreadable();
      if (sc.name === "sheetData" && sc.end) break;
      if (sc.name === "row") {
        if (!sc.end) row = rowIndex(sc, row);
        if (sc.end || sc.empty) {
          row += 1;
          col = 0;
          if (text.length >= slice) {
            yield { text, read: progress() };
            text = "";
          }
        }
      } else if (sc.name === "c" && !sc.end) {
        const { r, s, t } = cellAttributes(sc.raw);
        const [cellRow, cellCol] = r !== undefined ? position(r) : [row, col];
        col = cellCol;
        const value = readCell(sc, s, t, strings, dates);
        col += 1;
        if (value !== null) {
          if (cellRow !== current) {
            if (cellRow < current) throw new Restart();
            flush();
            current = cellRow;
          }
          cells[cellCol] = value;
          if (cellCol < min) min = cellCol;
        }
      }
    }
  }
  flush();
  if (header === null) throw new WorkbookError("workbook_empty");
  yield { text, read: 1 };
}
