// www/lot.html's workbook reader: the first sheet of an XLSX workbook as the CSV text
// the `Lot` of parcours_lot reads, cell by cell as `parcours lot` turns calamine's
// cells into text (src/lot/read.rs, `Export::xlsx`). It runs in the worker, which has
// no DOMParser: the XML is read by a small scanner. The unzipper (fflate) is given by
// the caller, loaded only when a workbook is chosen. Nothing here throws to its
// caller but a `WorkbookError`, whose code the page words.

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
      const preserve = attributes(sc.raw)["xml:space"] === "preserve";
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
      if (!sc.end) {
        const r = attr(sc.raw, R);
        if (r !== undefined) {
          if (!/^\d+$/.test(r) || Number(r) < 1) throw unreadable();
          row = Number(r) - 1;
        }
      }
      if (sc.end || sc.empty) {
        row += 1;
        col = 0;
      }
    } else if (sc.name === "c" && !sc.end) {
      const raw = sc.raw;
      const { r, s, t } = cellAttributes(raw);
      const [cellRow, cellCol] = r !== undefined ? position(r) : [row, col];
      col = cellCol;
      let value = null;
      if (!sc.empty) {
        let closed = false;
        while (sc.next()) {
          if (sc.end) {
            if (sc.name === "c") {
              closed = true;
              break;
            }
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
        if (!closed) throw unreadable();
      }
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
  const wanted = (name) => /^(\[Content_Types\]\.xml|_rels\/\.rels|.*\.xml|.*\.rels)$/i.test(name);
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
