// A tiny XLSX writer for the tests of www/lot.html's workbook reader (over fflate's
// zip), and the workbook of tests/e2e/lot-xlsx.test.mjs. Not a test file itself.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";

const escape = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const columnName = (i) => (i < 26 ? "" : String.fromCharCode(64 + Math.floor(i / 26))) + String.fromCharCode(65 + (i % 26));
export const serial = (iso) => (Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) - Date.UTC(1899, 11, 30)) / 86400000;

/**
 * A workbook from rows of cells, each null (no cell) or { s: text } (shared string),
 * { is: text } (inline), { n: number, style } (style 1: built-in date 14, 2: custom
 * dd/mm/yyyy, 3: a number format), { b: bool }, { e: "#N/A" }, { rich: [runs] },
 * { xml: (ref) => the cell's own XML }.
 */
export function workbook(rows, { sheets = true } = {}) {
  const strings = [];
  const index = new Map();
  const shared = (key, xml) => {
    if (!index.has(key)) {
      index.set(key, strings.length);
      strings.push(xml);
    }
    return index.get(key);
  };
  const body = rows
    .map((cells, r) => {
      if (cells === null) return "";
      const xml = cells
        .map((cell, c) => {
          if (cell === null) return "";
          const ref = `${columnName(c)}${r + 1}`;
          if ("s" in cell) return `<c r="${ref}" t="s"><v>${shared(`s${cell.s}`, `<si><t xml:space="preserve">${escape(cell.s)}</t></si>`)}</v></c>`;
          if ("rich" in cell) return `<c r="${ref}" t="s"><v>${shared(`r${cell.rich.join("|")}`, `<si>${cell.rich.map((t) => `<r><rPr><b/></rPr><t>${escape(t)}</t></r>`).join("")}<rPh sb="0" eb="1"><t>ルビ</t></rPh></si>`)}</v></c>`;
          if ("is" in cell) return `<c r="${ref}" t="inlineStr"><is><t>${escape(cell.is)}</t></is></c>`;
          if ("n" in cell) return `<c r="${ref}"${cell.style ? ` s="${cell.style}"` : ""}><v>${cell.n}</v></c>`;
          if ("b" in cell) return `<c r="${ref}" t="b"><v>${cell.b ? 1 : 0}</v></c>`;
          if ("e" in cell) return `<c r="${ref}" t="e"><v>${cell.e}</v></c>`;
          if ("xml" in cell) return cell.xml(ref);
          throw new Error("unknown cell");
        })
        .join("");
      return `<row r="${r + 1}">${xml}</row>`;
    })
    .join("");
  const files = {
    "[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    "_rels/.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets ? '<sheet name="Export" sheetId="1" r:id="rId1"/><sheet name="Autre" sheetId="2" r:id="rId2"/>' : ""}</sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    "xl/styles.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="&quot;n°&quot;\\ 0"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    "xl/sharedStrings.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.join("")}</sst>`,
    "xl/worksheets/sheet1.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`,
    "xl/worksheets/sheet2.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>pas lue</t></is></c></row></sheetData></worksheet>`,
  };
  if (!sheets) {
    delete files["xl/worksheets/sheet1.xml"];
    delete files["xl/worksheets/sheet2.xml"];
  }
  return Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)]))));
}

/**
 * The workbook of the test: the generator's valid rows (a few hundred), each cell
 * written as a spreadsheet would hold it, in turn.
 */
export function exportWorkbook(dir, generator, { back = false } = {}) {
  const csv = join(dir, "base.csv");
  execFileSync("node", [generator, "--rows", "400", "--seed", "5", "--phase", "entry", "--out", csv, "--manifest", join(dir, "base.json")]);
  const lines = readFileSync(csv, "utf8").split("\n").filter((line) => line !== "");
  const header = lines[0].split(";");
  const width = header.length;
  const rows = [header.map((h) => ({ s: h }))];
  const at = (name) => header.indexOf(name);
  let n = 0;
  for (const line of lines.slice(1)) {
    const cells = line.split(";");
    if (cells.length !== width || line.includes('"') || line.includes("\ufffd")) continue;
    n += 1;
    const row = cells.map((text, c) => {
      if (text === "") return null; // an empty cell in the middle: no <c> at all
      const name = header[c];
      if (name === "identity.birth_date" || name === "operation.entry_date") {
        switch (n % 5) {
          case 0: return { n: serial(text), style: 1 }; // a date cell, built-in format 14
          case 1: return { n: serial(text), style: 2 }; // a date cell, custom dd/mm/yyyy
          case 2: return { s: text }; // a date typed as text
          case 3: return name === "identity.birth_date" && n % 3 === 0 ? { n: serial(text) } : { is: text }; // a serial number in a date column: damage
          default: return { is: text };
        }
      }
      if (name === "contact.postal_code" && n % 7 === 0) return { n: Number(`0${text.slice(1)}`) }; // 01000 as a number: 1000
      if (/^\d{1,9}$/.test(text) && n % 2 === 0) return { n: Number(text), style: n % 4 === 0 ? 3 : undefined };
      if (name === "identity.last_name" && n % 11 === 0) return { rich: [text.slice(0, 2), text.slice(2)] };
      if (name === "contact.email" && n % 13 === 0) return { e: "#N/A" };
      return n % 3 === 0 ? { is: text } : { s: text };
    });
    rows.push(row);
    // A cell of an earlier row written late (past the header's columns): the page
    // cannot stream such a sheet and reads it whole (lot-xlsx.js's Restart).
    if (back && n === 100) row.push(null, null, null, { xml: () => '<c r="BZ50" t="inlineStr"><is><t>en retard</t></is></c>' });
    if (n === 40) rows.push(null); // a blank row: skipped, the next row keeps its line number
    if (n === 60) rows.push(header.map(() => null).map((c, i) => (i === at("identity.gender") ? { s: " " } : c)));
  }
  return workbook(rows);
}


/**
 * A generated export's CSV saved as a spreadsheet saves it (bench/lot-browser.mjs
 * --format xlsx and the big workbook of tests/e2e/lot-xlsx.test.mjs): shared strings,
 * each text once; a digit string without a leading zero, up to 9 digits, as a number
 * cell; in the part order Excel writes (the sheet before the strings and styles).
 */
export function csvWorkbook(csvPath) {
  const lines = readFileSync(csvPath, "utf8").replace(/^\ufeff/, "").split("\n").filter((line) => line !== "");
  const strings = [];
  const index = new Map();
  const shared = (text) => {
    let i = index.get(text);
    if (i === undefined) {
      i = strings.length;
      index.set(text, i);
      strings.push(`<si><t xml:space="preserve">${escape(text)}</t></si>`);
    }
    return i;
  };
  const rows = lines.map((line, r) => {
    const cells = line
      .replace(/\r$/, "")
      .split(";")
      .map((cell, c) => {
        const ref = `${columnName(c)}${r + 1}`;
        if (cell === "") return "";
        if (r > 0 && /^[1-9][0-9]{0,8}$/.test(cell)) return `<c r="${ref}"><v>${cell}</v></c>`;
        return `<c r="${ref}" t="s"><v>${shared(cell.replace(/^"|"$/g, ""))}</v></c>`;
      })
      .join("");
    return `<row r="${r + 1}">${cells}</row>`;
  });
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const files = {
    "[Content_Types].xml": `${head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    "_rels/.rels": `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `${head}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Export" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    "xl/worksheets/sheet1.xml": `${head}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join("")}</sheetData></worksheet>`,
    "xl/styles.xml": `${head}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellXfs></styleSheet>`,
    "xl/sharedStrings.xml": `${head}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.join("")}</sst>`,
  };
  return Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)]))));
}
