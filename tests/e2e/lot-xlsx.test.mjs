// Workbooks in the export checker (www/lot.html): a workbook written here (a tiny
// writer over fflate's zip) with the cells a spreadsheet holds — a date cell (a
// built-in and a custom date format), a date typed as text, a serial number in a date
// column, numbers, a postal code stored as a number (its leading zero lost), shared
// strings (one rich), inline strings, an error cell, empty cells in the middle, a
// blank row — is checked by the page and by the command line (calamine): the page's
// downloads must be the command line's files byte for byte. Then the hostile ones: a
// text file named .xlsx, a zip without a worksheet, a part over the unzipped limit.
// Needs the package built first and the command-line program (target/debug/parcours,
// or PARCOURS_CLI): bash scripts/build.sh && cargo build -p parcours-cli

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as fflate from "fflate";
import { zipSync, strToU8, unzipSync } from "fflate";
import { csvWorkbook, exportWorkbook, serial, workbook } from "./xlsx-writer.mjs";
import { chromium } from "playwright-core";
import { start } from "../../scripts/serve.mjs";
import { csvSlices, readWorkbook, workbookSlices, Restart, WorkbookError, UNZIPPED_LIMIT, dateText, numberText, isDateFormat } from "../../www/lot-xlsx.js";

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const cli = process.env.PARCOURS_CLI ?? new URL("../../target/debug/parcours", import.meta.url).pathname;
const generator = new URL("../../scripts/generate-export.mjs", import.meta.url).pathname;
const REFERENCE_DATE = "2025-12-31";

let server;
let browser;
let dir;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "parcours-lot-xlsx-e2e-"));
  server = await start({ port: 0 });
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openPage(t) {
  const origin = new URL(server.url).origin;
  const context = await browser.newContext({ locale: "fr-FR", acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => problems.push(`console.${message.type()}: ${message.text()}`));
  page.on("requestfailed", (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on("worker", (worker) => worker.on("console", (message) => problems.push(`worker console: ${message.text()}`)));
  context.on("request", (request) => requests.push(request.url()));
  t.after(async () => {
    await context.close();
    assert.deepEqual(problems, [], "the page had errors, console output or failed loads");
    const outside = requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith("blob:") && !url.startsWith("data:"));
    assert.deepEqual(outside, [], "the page made requests outside its server");
  });
  await page.goto(`${server.url}lot.html`);
  await page.waitForSelector('html[data-state="ready"]', { state: "attached", timeout: 10_000 });
  return { page, requests };
}

async function run(page, file) {
  await page.setInputFiles("#file", file);
  await page.selectOption("#phase", "entry");
  await page.fill("#reference_date", REFERENCE_DATE);
  await page.click("#start");
}

for (const back of [false, true]) {
  const what = back ? "a workbook read whole (a cell of an earlier row written late)" : "a workbook";
  test(`${what}: the page finds what the command line finds, and downloads the same files`, async (t) => {
    const file = join(dir, back ? "back.xlsx" : "export.xlsx");
    const book = exportWorkbook(dir, generator, { back });
    writeFileSync(file, book);
    assert.equal(textOfStream(book) === "restart", back, "the streaming reader hands over only the sheet it cannot stream");
    const out = join(dir, back ? "out-back" : "out");
    const cliRun = spawnSync(cli, ["lot", file, "--phase", "entry", "--reference-date", REFERENCE_DATE, "--out", out]);
    assert.equal(cliRun.status, 1, `the command line checks the workbook (rows with errors): ${cliRun.stderr}`);
    const errors = readFileSync(join(out, "erreurs.csv"));
    const text = errors.toString("utf8");
    // The damage a spreadsheet does is found: a serial number in a date column, a postal
    // code that lost its zero; a date cell is a date (no format finding on those rows).
    assert.match(text, /;spreadsheet_serial_date;/);
    assert.match(text, /;postal_code_lost_zero;/);
    assert.doesNotMatch(text, /;invalid_date_format;/);

    const { page, requests } = await openPage(t);
    await run(page, file);
    await page.waitForSelector('html[data-state="done"]', { state: "attached", timeout: 60_000 });
    assert.ok(requests.some((url) => url.endsWith("/vendor/fflate.js")), "the unzipper is loaded for a workbook");
    for (const [button, name, bytes] of [
      ["#download-errors", "erreurs.csv", errors],
      ["#download-csv", "indicateurs.csv", readFileSync(join(out, "indicateurs.csv"))],
      ["#download-json", "indicateurs.json", readFileSync(join(out, "indicateurs.json"))],
    ]) {
      const [download] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
      const got = readFileSync(await download.path());
      assert.ok(got.equals(bytes), `${name}: the page's download differs from the command line's\n${got.toString("utf8").slice(0, 2000)}\n---\n${bytes.toString("utf8").slice(0, 2000)}`);
    }
  });
}

test("a big workbook: progress while it is unzipped and read, the page answers, and cancel stops it", async (t) => {
  // 40,000 generated rows saved as a workbook (7 MB; its sheet 42 MB of XML once
  // unzipped): seconds of reading, and rows checked while the rest is still unzipped.
  const csv = join(dir, "big.csv");
  execFileSync("node", [generator, "--rows", "40000", "--seed", "3", "--phase", "entry", "--out", csv, "--manifest", join(dir, "big.json")]);
  const file = join(dir, "big.xlsx");
  writeFileSync(file, csvWorkbook(csv));
  const { page } = await openPage(t);
  await page.evaluate(() => {
    window.__texts = [];
    new MutationObserver(() => window.__texts.push(document.getElementById("progress-text").textContent)).observe(document.getElementById("progress-text"), { childList: true, characterData: true, subtree: true });
  });
  await run(page, file);
  await page.waitForFunction(() => document.getElementById("progress").value > 0, null, { timeout: 30_000 });
  const values = await page.evaluate(async () => {
    const seen = [];
    const until = performance.now() + 1000;
    while (performance.now() < until) {
      seen.push(document.getElementById("progress").value);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return seen;
  });
  const distinct = new Set(values).size;
  assert.ok(distinct >= 4, `the progress bar moved ${distinct} times in a second`);
  assert.ok(values.length >= 25, `the page answered only ${values.length} times in a second`);
  assert.equal(await page.getAttribute("html", "data-state"), "running", "the workbook was still being read");
  // The rows are checked as the sheet is read, not after: the count grows while the bar moves.
  const counts = new Set((await page.evaluate(() => window.__texts)).map((text) => text.match(/([\d\s\u202f]+) lignes/)?.[1]));
  assert.ok(counts.size >= 4, `rows checked while reading: ${[...counts].join(" | ")}`);
  await page.click("#cancel");
  assert.equal(await page.getAttribute("html", "data-state"), "cancelled");
  const stopped = await page.locator("#progress").evaluate((bar) => bar.value);
  await page.waitForTimeout(500);
  assert.equal(await page.locator("#progress").evaluate((bar) => bar.value), stopped, "the work went on");
  assert.ok(await page.locator("#results").isHidden());
  assert.equal(await page.isDisabled("#start"), false);
});

test("a CSV does not load the unzipper", async (t) => {
  const { page, requests } = await openPage(t);
  await run(page, { name: "export.csv", mimeType: "text/csv", buffer: Buffer.from("identity.gender\nwoman\n") });
  await page.waitForSelector('html[data-state="done"]', { state: "attached", timeout: 30_000 });
  assert.ok(!requests.some((url) => url.includes("/vendor/")), "a CSV downloaded the unzipper");
});

test("a file that is not a workbook, or a workbook without a sheet, is one clear message", async (t) => {
  const { page } = await openPage(t);
  await run(page, { name: "export.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: Buffer.from("identity.gender\nwoman\n") });
  await page.waitForSelector('html[data-state="failed"]', { state: "attached", timeout: 30_000 });
  assert.equal(await page.locator("#problem-text").innerText(), "le fichier porte le nom d'un classeur (.xlsx) mais n'en est pas un : enregistrez-le de nouveau depuis le tableur, ou au format CSV");
  await run(page, { name: "vide.xlsx", mimeType: "application/zip", buffer: workbook([], { sheets: false }) });
  await page.waitForSelector('html[data-state="failed"]', { state: "attached", timeout: 30_000 });
  assert.equal(await page.locator("#problem-text").innerText(), "le classeur n'a pas de feuille de calcul à lire (la première feuille doit contenir l'export)");
  await run(page, { name: "abime.xlsx", mimeType: "application/zip", buffer: Buffer.concat([Buffer.from("PK\x03\x04"), Buffer.alloc(200, 7)]) });
  await page.waitForSelector('html[data-state="failed"]', { state: "attached", timeout: 30_000 });
  assert.equal(await page.locator("#problem-text").innerText(), "le classeur n'a pas pu être lu : il est abîmé ou n'est pas au format XLSX");
  await page.click('label[for="locale-en"]');
  await run(page, { name: "vide.xlsx", mimeType: "application/zip", buffer: workbook([], { sheets: false }) });
  await page.waitForSelector('html[data-state="failed"]', { state: "attached", timeout: 30_000 });
  assert.equal(await page.locator("#problem-text").innerText(), "the workbook has no worksheet to read (the first sheet must hold the export)");
});

test("the reader refuses a workbook whose parts unzip past the limit, before unzipping them", () => {
  const bomb = (bytes, options) => {
    options.filter({ name: "xl/worksheets/sheet1.xml", size: 1000, originalSize: UNZIPPED_LIMIT + 1, compression: 8 });
    throw new Error("unzipped");
  };
  assert.throws(() => readWorkbook(new Uint8Array([0x50, 0x4b, 3, 4]), bomb), (e) => e instanceof WorkbookError && e.code === "workbook_too_big");
  // And a real one whose declared size lies: fflate writes no more than it declares.
  assert.equal(Object.keys(unzipSync(zipSync({ "a.xml": strToU8("x") }))).length, 1);
});

test("cells become the command line's text", () => {
  assert.equal(numberText(1000), "1000");
  assert.equal(numberText(1.5), "1.5");
  assert.equal(numberText(1e21), "1000000000000000000000");
  assert.equal(numberText(1e-7), "0.0000001");
  assert.equal(numberText(123456789012345680), "123456789012345680");
  assert.equal(dateText(serial("1980-03-01")), "1980-03-01");
  assert.equal(dateText(45943.5), "2025-10-13");
  // Before 1 March 1900 the serial counts Excel's nonexistent 29 February 1900: the
  // command line's chrono reads serial 1 as 1899-12-31, and so does the page.
  assert.equal(dateText(1), "1899-12-31");
  assert.equal(dateText(61), "1900-03-01");
  assert.equal(dateText(0.5), "0.5");
  assert.equal(isDateFormat("dd/mm/yyyy"), true);
  assert.equal(isDateFormat('"n°"\\ 0'), false);
  assert.equal(isDateFormat("[h]:mm:ss"), true);
  assert.equal(isDateFormat("[Red]0.00"), false);
  assert.equal(isDateFormat("0.00;[Red]dd"), false);
});

const textOfStream = (book) => textOf(workbookSlices(new Uint8Array(book), fflate, 100));

/** The whole text of a reader's slices, or its error's code. */
function textOf(slices) {
  let text = "";
  try {
    for (const slice of slices) text += slice.text;
  } catch (e) {
    return e instanceof Restart ? "restart" : { error: e.code };
  }
  return text;
}

/**
 * The streaming reader (the sheet read as it is unzipped, in pieces of 1, 5 and 64 KiB
 * of deflated bytes, so pieces end inside tags, texts and characters) writes the
 * text the whole reader writes, fails with its message, or hands over to it (Restart).
 */
function sameAsWhole(book, what) {
  const bytes = new Uint8Array(book);
  const whole = textOf(
    (function* () {
      yield* csvSlices(readWorkbook(bytes, unzipSync), 100);
    })(),
  );
  for (const piece of [1, 5, 64 * 1024]) {
    const streamed = textOf(workbookSlices(bytes, fflate, 100, piece));
    if (streamed !== "restart") assert.deepEqual(streamed, whole, `${what}: streamed in pieces of ${piece} bytes`);
  }
  return textOf(workbookSlices(bytes, fflate, 100));
}

test("the streaming reader hands a sheet it cannot stream to the whole reader", () => {
  const row = (r, cells) => cells.map((text, c) => (text === null ? null : { xml: (ref) => `<c r="${String.fromCharCode(65 + c)}${r}" t="inlineStr"><is><t>${text}</t></is></c>` }));
  // The header from column B, a later cell in column A: calamine's range starts at A.
  assert.equal(sameAsWhole(workbook([[null, { s: "a" }, { s: "b" }], [null, { s: "1" }, { s: "2" }], [{ s: "x" }, { s: "3" }, null]]), "left"), "restart");
  // A row written before one already read.
  const back = [[{ s: "a" }, { s: "b" }], [{ xml: () => '<c r="A3" t="inlineStr"><is><t>3</t></is></c>' }], [{ xml: () => '<c r="A2" t="inlineStr"><is><t>2</t></is></c>' }]];
  assert.equal(sameAsWhole(workbook(back), "back"), "restart");
  // Cells written loosely (spaces in tags, single quotes, a comment, formulas): read by the scanner.
  const loose = [[{ s: "a" }, { s: "b" }], [{ xml: (ref) => `<c r='${ref}' t='s' ><!-- x --><v>0</v></c >` }, { xml: (ref) => `<c  r="${ref}"\n><f>1+1</f><v>2</v></c>` }], ...Array.from({ length: 50 }, (_, i) => row(i + 3, [`v${i}`, `&amp;${i}`]))];
  assert.equal(typeof sameAsWhole(workbook(loose), "loose"), "string");
});

/**
 * The page's reader against the command line's (calamine, through the example
 * crates/parcours-cli/examples/xlsx-cells.rs) on random workbooks of every kind of
 * cell: the same header, the same rows with the same line numbers, the same text in
 * every cell.
 */
test("random workbooks: every cell reads as the command line reads it", () => {
  const built = spawnSync("cargo", ["build", "--quiet", "-p", "parcours-cli", "--example", "xlsx-cells"], { stdio: "inherit" });
  assert.equal(built.status, 0, "the example builds");
  const example = new URL("../../target/debug/examples/xlsx-cells", import.meta.url).pathname;
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const texts = ["", " a ", "x;y", 'q"uote', "a\nb", "a\r\nb", "é ü", "_x0041_ et _xD800_", "&<>", "  ", "\u00a0", "2025-01-01", "01/02/2020", "1000", "P001", "ligne, virgule"];
  const numbers = ["0", "1", "-1", "1000", "01500", "0.1", "1.5", "-2.25", "1E-7", "123456789.123", "1000000000000000", "1e16", "1.5e21", "3.0000000000000004", "+5", ".5", "5.", "-0", "59", "60", "61", "2958465", "2958466", "45943.75", "0.5"];
  const cell = () =>
    pick([
      () => ({ s: pick(texts) }),
      () => ({ is: pick(texts) }),
      () => ({ rich: [pick(texts), pick(texts)] }),
      () => ({ xml: (ref) => `<c r="${ref}" s="${pick([0, 1, 2, 3, 99])}"><v>${pick(numbers)}</v></c>` }),
      () => ({ xml: (ref) => `<c r="${ref}"><v>${pick(numbers)}</v></c>` }),
      () => ({ b: random() < 0.5 }),
      () => ({ e: pick(["#N/A", "#DIV/0!", "#VALUE!"]) }),
      () => ({ xml: (ref) => `<c r="${ref}" t="str"><f>A1&amp;"x"</f><v>${pick(["calc", "a &amp; b", ""])}</v></c>` }),
      () => ({ xml: (ref) => `<c r="${ref}" t="d"><v>${pick(["2024-05-06T10:00:00", "2024-05-06", "2024"])}</v></c>` }),
      () => ({ xml: (ref) => `<c r="${ref}" s="1"/>` }),
      () => null,
    ])();
  let compared = 0;
  for (let round = 0; round < 40; round++) {
    const top = Math.floor(random() * 3);
    const left = Math.floor(random() * 2);
    const width = 2 + Math.floor(random() * 6);
    const rows = [];
    for (let r = 0; r < top; r++) rows.push(null);
    const commas = random() < 0.3;
    const header = Array.from({ length: width }, (_, c) => (c >= width - 1 && random() < 0.5 ? { s: " " } : { s: commas ? `a, b, ${c}` : `col${c}` }));
    rows.push([...Array(left).fill(null), ...header]);
    for (let r = 0; r < 12; r++) {
      if (random() < 0.1) rows.push(null);
      else rows.push([...Array(left).fill(null), ...Array.from({ length: width + (random() < 0.2 ? 2 : 0) }, cell)]);
    }
    const file = join(dir, `random-${round}.xlsx`);
    const book = workbook(rows);
    writeFileSync(file, book);
    sameAsWhole(book, `round ${round}`);
    const lines = execFileSync(example, [file], { encoding: "utf8" }).trim().split("\n").map((line) => JSON.parse(line));
    let ours;
    try {
      const sheet = readWorkbook(new Uint8Array(book), unzipSync);
      ours = [{ header: sheet.header }];
      let line = sheet.start + 2;
      for (const cells of sheet.rows()) {
        if (!cells.every((c) => c === "")) ours.push({ line, cells });
        line += 1;
      }
    } catch (e) {
      ours = [{ error: e.code }];
    }
    if (lines[0].error) assert.ok(ours[0].error, `round ${round}: calamine refuses (${lines[0].error}), the page reads`);
    else {
      assert.deepEqual(ours, lines, `round ${round}`);
      compared += 1;
      // And the CSV text the page feeds the `Lot` reads back as the same rows, on the
      // same lines (a line break in a cell being a space there).
      const csv = join(dir, `random-${round}.csv`);
      let text = "";
      for (const slice of csvSlices(readWorkbook(new Uint8Array(book), unzipSync), 100)) text += slice.text;
      writeFileSync(csv, text);
      const flat = (rows) => rows.map((row) => (row.cells ? { ...row, cells: row.cells.map((c) => c.replace(/[\r\n]/g, " ")) } : row.header ? { header: row.header.map((c) => c.replace(/[\r\n]/g, " ")) } : row));
      const back = execFileSync(example, [csv], { encoding: "utf8" }).trim().split("\n").map((line) => JSON.parse(line));
      assert.deepEqual(back, flat(lines), `round ${round}: the CSV text`);
    }
  }
  assert.ok(compared >= 30, `${compared} workbooks compared cell by cell`);
});
