// www/lot.html's workbook reader: the first sheet of an XLSX workbook as the CSV text
// the `Lot` of parcours_lot reads, cell by cell as `parcours lot` turns calamine's
// cells into text (src/lot/read.rs, `Export::xlsx`). It runs in the worker, which has
// no DOMParser: the XML is read by a small scanner. The unzipper (fflate) is given by
// the caller, loaded only when a workbook is chosen. Nothing here throws to its
// caller but a `WorkbookError`, whose code the page words.

/** The most the parts read may weigh once unzipped (sheet, strings, styles…). */
export const UNZIPPED_LIMIT = 256 * 1024 * 1024;

/** The largest workbook file read (it is held whole while unzipped). */
export const FILE_LIMIT = 64 * 1024 * 1024;

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

const TOKEN = /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<![^>]*>|<(\/?)([^\s/>]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|([^<]+)/g;
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

const localName = (name) => name.slice(name.indexOf(":") + 1);

function attributes(text) {
  const out = {};
  for (const [, name, double, single] of text.matchAll(ATTR)) out[name] = entities(double ?? single);
  return out;
}

/**
 * The events of an XML text: { start: name, attrs }, { end: name }, { text }.
 * A self-closing element gives a start and an end, as calamine's reader expands it.
 */
function events(xml) {
  // An iterator without `return`: a loop that breaks out of it leaves it open for the
  // next loop (the readers below walk one element's children, then go on).
  const gen = scan(xml);
  return { next: () => gen.next(), [Symbol.iterator]() { return this; } };
}

function* scan(xml) {
  const token = new RegExp(TOKEN);
  let m;
  while ((m = token.exec(xml)) !== null) {
    if (m[1] !== undefined) yield { text: m[1] };
    else if (m[6] !== undefined) yield { text: entities(m[6].replace(/\r\n?/g, "\n")) };
    else if (m[3] !== undefined) {
      const name = localName(m[3]);
      if (m[2]) yield { end: name };
      else {
        yield { start: name, attrs: attributes(m[4]) };
        if (m[5]) yield { end: name };
      }
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

/** A rich or plain string (<si>, <is>) up to the end of `closing`: its <t> runs, no phonetic text. */
function readString(it, closing) {
  let value = null;
  let phonetic = false;
  for (const e of it) {
    if (e.end === closing) return value ?? "";
    if (e.start === "r" && value === null) value = "";
    else if (e.start === "rPh") phonetic = true;
    else if (e.end === "rPh") phonetic = false;
    else if (e.start === "t" && !phonetic) {
      const preserve = e.attrs["xml:space"] === "preserve";
      let text = "";
      for (const inner of it) {
        if (inner.end === "t") break;
        if (inner.text !== undefined) text += inner.text;
      }
      const run = unescapeExcel(preserve ? text : text.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, ""));
      value = (value ?? "") + run;
    }
  }
  throw new WorkbookError("workbook_unreadable");
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
  const it = events(xml);
  let where = null;
  for (const e of it) {
    if (e.start === "numFmts" || e.start === "cellXfs") where = e.start;
    else if (e.end === "numFmts" || e.end === "cellXfs") where = null;
    else if (e.start === "numFmt" && where === "numFmts") {
      if (e.attrs.numFmtId !== undefined && e.attrs.formatCode !== undefined) custom.set(e.attrs.numFmtId, e.attrs.formatCode);
    } else if (e.start === "xf" && where === "cellXfs") {
      const id = e.attrs.numFmtId;
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
  const m = /^([A-Za-z]+)(\d+)$/.exec(ref);
  if (!m) throw new WorkbookError("workbook_unreadable");
  let col = 0;
  for (const c of m[1].toUpperCase()) col = col * 26 + (c.charCodeAt(0) - 64);
  return [Number(m[2]) - 1, col - 1];
}

/** The cells of a sheet: [row, column, text] of each cell that is not empty (an error cell is, with no text). */
function sheetCells(xml, strings, dates) {
  const cells = [];
  const it = events(xml);
  let row = 0;
  let col = 0;
  let inData = false;
  for (const e of it) {
    if (!inData) {
      if (e.start === "sheetData") inData = true;
      continue;
    }
    if (e.end === "sheetData") return cells;
    if (e.start === "row") {
      if (e.attrs.r !== undefined) {
        const r = Number(e.attrs.r);
        if (!Number.isInteger(r) || r < 1) throw new WorkbookError("workbook_unreadable");
        row = r - 1;
      }
    } else if (e.end === "row") {
      row += 1;
      col = 0;
    } else if (e.start === "c") {
      const { r, s, t } = e.attrs;
      const [cellRow, cellCol] = r !== undefined ? position(r) : [row, col];
      col = cellCol;
      let value = null;
      for (const inner of it) {
        if (inner.end === "c") break;
        if (inner.start === undefined) continue;
        if (inner.start === "is") value = readString(it, "is");
        else if (inner.start === "v") {
          let v = "";
          for (const x of it) {
            if (x.end === "v") break;
            if (x.text !== undefined) v += x.text;
          }
          value = t === "inlineStr" || t === "is" ? null : cellValue(v, s, t, strings, dates);
        } else if (inner.start === "f") {
          for (const x of it) if (x.end === "f") break;
          value = null;
        } else throw new WorkbookError("workbook_unreadable");
      }
      col += 1;
      if (value !== null) cells.push([cellRow, cellCol, value]);
    }
  }
  throw new WorkbookError("workbook_unreadable");
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
    if (xml) for (const e of events(xml)) if (e.start === "Relationship" && e.attrs.Id !== undefined) out.set(e.attrs.Id, e.attrs);
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
  for (const e of events(workbook)) {
    if (e.start === "sheet") {
      const id = Object.entries(e.attrs).find(([k]) => localName(k) === "id")?.[1];
      const rel = rels.get(id);
      if (rel && (rel.Type ?? "").split("/").pop() === "worksheet" && rel.Target) {
        sheetPath = rel.Target.startsWith("/") ? rel.Target.slice(1) : dir + rel.Target;
      }
      break;
    }
  }
  const sheet = sheetPath === null ? null : part(sheetPath);
  if (sheet === null) throw new WorkbookError("workbook_no_sheet");

  const strings = [];
  const shared = part(`${dir}sharedStrings.xml`);
  if (shared) {
    const it = events(shared);
    for (const e of it) if (e.start === "si") strings.push(readString(it, "si"));
  }
  const dates = dateStyles(part(`${dir}styles.xml`));
  const cells = sheetCells(sheet, strings, dates);
  if (cells.length === 0) throw new WorkbookError("workbook_empty");

  let [rowStart, rowEnd, colStart, colEnd] = [Infinity, 0, Infinity, 0];
  for (const [r, c] of cells) {
    rowStart = Math.min(rowStart, r);
    rowEnd = Math.max(rowEnd, r);
    colStart = Math.min(colStart, c);
    colEnd = Math.max(colEnd, c);
  }
  const width = colEnd - colStart + 1;
  const grid = new Map();
  for (const [r, c, text] of cells) {
    let line = grid.get(r);
    if (!line) grid.set(r, (line = new Array(width).fill("")));
    line[c - colStart] = text;
  }
  const rowAt = (r) => grid.get(r) ?? new Array(width).fill("");
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
 * tells them), quotes where a cell needs them, an empty line for a row without text.
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
    text += (cells.every((c) => c === "") ? "" : line(cells, sep)) + "\n";
    rows += 1;
    if (text.length >= slice) {
      yield { text, rows };
      text = "";
    }
  }
  yield { text, rows };
}
