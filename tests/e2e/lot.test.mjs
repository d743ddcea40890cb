// The export checker (www/lot.html) in a real browser (Debian's Chromium, driven by
// playwright-core): a generated export is loaded, checked in the page's worker by the
// module parcours_lot, and the page's indicators and error counts must equal the
// generator's manifest and the command line's on the same file; the downloads must be
// the command line's files byte for byte; cancelling stops the work; nothing leaves
// the page and nothing is logged.
// Needs the package built first and the command-line program (target/debug/parcours,
// or PARCOURS_CLI): bash scripts/build.sh && cargo build && node --test tests/e2e/lot.test.mjs

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { start } from "../../scripts/serve.mjs";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const cli = process.env.PARCOURS_CLI ?? new URL("../../target/debug/parcours", import.meta.url).pathname;
const generator = new URL("../../scripts/generate-export.mjs", import.meta.url).pathname;
const REFERENCE_DATE = "2025-12-31";

let server;
let origin;
let browser;
let dir;
/** The small export, its manifest, and what the command line made of it. */
let small;

function generate(name, rows, seed) {
  const file = join(dir, `${name}.csv`);
  const manifest = join(dir, `${name}.json`);
  execFileSync("node", [generator, "--rows", String(rows), "--seed", String(seed), "--phase", "entry", "--out", file, "--manifest", manifest]);
  return { file, manifest: JSON.parse(readFileSync(manifest, "utf8")) };
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "parcours-lot-e2e-"));
  small = generate("small", 2000, 11);
  const out = join(dir, "out");
  const run = spawnSync(cli, ["lot", small.file, "--phase", "entry", "--reference-date", REFERENCE_DATE, "--out", out]);
  assert.equal(run.status, 1, `the command line checks the export (rows with errors): ${run.stderr}`);
  small.cli = {
    errors: readFileSync(join(out, "erreurs.csv")),
    csv: readFileSync(join(out, "indicateurs.csv")),
    json: readFileSync(join(out, "indicateurs.json")),
  };
  small.cli.summary = JSON.parse(small.cli.json.toString("utf8"));
  server = await start({ port: 0 });
  origin = new URL(server.url).origin;
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * Opens the page in a fresh context and records what must not happen: uncaught
 * errors (the worker's too), any console output, failed or refused loads, requests
 * outside the server. Asserts none happened when the test ends.
 */
async function openPage(t) {
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
  const response = await page.goto(`${server.url}lot.html`);
  assert.equal(response.status(), 200);
  assert.match(response.headers()["content-security-policy"], /script-src 'self' 'wasm-unsafe-eval'/);
  await page.waitForSelector('html[data-state="ready"]', { state: "attached", timeout: 10_000 });
  return { page, requests };
}

async function run(page, file) {
  await page.setInputFiles("#file", file);
  await page.selectOption("#phase", "entry");
  await page.fill("#reference_date", REFERENCE_DATE);
  await page.click("#start");
}

const digits = (text) => Number(text.replace(/[^0-9]/g, ""));

test("the page finds what the manifest and the command line find, and downloads the same files", async (t) => {
  const { page } = await openPage(t);
  await run(page, small.file);
  await page.waitForSelector('html[data-state="done"]', { state: "attached", timeout: 60_000 });
  const { manifest, cli } = small;

  const total = async (key) => digits(await page.locator(`[data-total="${key}"] strong`).innerText());
  assert.equal(await total("rows"), 2000);
  assert.equal(await total("rows"), cli.summary.rows);
  for (const key of ["counted", "excluded"]) {
    assert.equal(await total(key), manifest[key], key);
    assert.equal(await total(key), cli.summary[key], key);
  }
  const findings = Object.values(manifest.findings_by_code).reduce((a, b) => a + b, 0);
  assert.equal((await total("errors")) + (await total("warnings")), findings);
  assert.equal(await total("errors"), cli.summary.errors);
  assert.equal(await total("warnings"), cli.summary.warnings);

  // The indicators, by gender: the manifest's counts and the command line's.
  const rows = await page.locator("#indicators tbody tr").evaluateAll((trs) =>
    trs.map((tr) => [tr.dataset.indicator, ...[...tr.cells].slice(2).map((td) => td.textContent)]),
  );
  assert.equal(rows.length, Object.keys(manifest.indicators).length, "the phase's indicators, no more");
  for (const [id, totalText, ...split] of rows) {
    const counts = split.map(digits);
    assert.deepEqual(counts, manifest.indicators[id], `indicator ${id} by gender`);
    const line = cli.summary.indicators.find((i) => i.id === id);
    assert.deepEqual([digits(totalText), ...counts], [line.total, line.women, line.men, line.non_binary], id);
  }
  // The rows kept out, and why.
  const excluded = await page.locator("#excluded tbody tr").evaluateAll((trs) =>
    Object.fromEntries(trs.map((tr) => [tr.dataset.code, tr.cells[1].textContent])),
  );
  assert.deepEqual(Object.fromEntries(Object.entries(excluded).map(([k, v]) => [k, digits(v)])), manifest.excluded_by_code);

  // The programme dashboards: every table's lines and the rows it counts apart, as
  // the manifest computed them.
  const dashboards = await page.locator("[data-dashboard]").evaluateAll((tables) =>
    Object.fromEntries(
      tables.map((table) => [
        table.dataset.dashboard,
        Object.fromEntries([...table.tBodies[0].rows].map((tr) => [tr.dataset.key, [...tr.cells].slice(1).map((td) => td.textContent)])),
      ]),
    ),
  );
  const apart = await page.locator("[data-apart]").evaluateAll((tables) =>
    Object.fromEntries(
      tables.map((table) => [table.dataset.apart, Object.fromEntries([...table.tBodies[0].rows].map((tr) => [tr.dataset.reason, tr.cells[1].textContent]))]),
    ),
  );
  assert.deepEqual(Object.keys(dashboards), Object.keys(manifest.dashboards));
  for (const [id, expected] of Object.entries(manifest.dashboards)) {
    const lines = Object.fromEntries(Object.entries(dashboards[id]).map(([k, v]) => [k, v.map(digits)]));
    assert.deepEqual(lines, expected.lines, `dashboard ${id}`);
    const reasons = Object.fromEntries(Object.entries(apart[id] ?? {}).map(([k, v]) => [k, digits(v)]));
    assert.deepEqual(reasons, expected.apart, `dashboard ${id}: rows apart`);
  }

  // The findings table, filtered by code then by field.
  const tableRows = page.locator("#errors tbody tr");
  assert.equal(await tableRows.count(), Math.min(500, findings));
  const [code, n] = Object.entries(manifest.findings_by_code)[0];
  await page.selectOption("#filter-code", code);
  assert.equal(await tableRows.count(), Math.min(500, n));
  const codes = await tableRows.evaluateAll((trs) => [...new Set(trs.map((tr) => tr.cells[4].textContent))]);
  assert.deepEqual(codes, [code]);
  const field = await tableRows.first().evaluate((tr) => tr.cells[3].textContent);
  await page.selectOption("#filter-field", field);
  const pairs = await tableRows.evaluateAll((trs) => [...new Set(trs.map((tr) => `${tr.cells[4].textContent} ${tr.cells[3].textContent}`))]);
  assert.deepEqual(pairs, [`${code} ${field}`]);

  // The downloads: the command line's files, byte for byte.
  for (const [button, name, bytes] of [
    ["#download-errors", "erreurs.csv", cli.errors],
    ["#download-csv", "indicateurs.csv", cli.csv],
    ["#download-json", "indicateurs.json", cli.json],
  ]) {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
    assert.equal(download.suggestedFilename(), name);
    const got = readFileSync(await download.path());
    assert.ok(got.equals(bytes), `${name}: the page's download differs from the command line's`);
  }

  // No personal value on the page: only line numbers and participant identifiers.
  const text = await page.locator("body").innerText();
  for (const personal of ["Durand", "Lefèvre", "Müller", "rue de Lille", "@exemple.fr"]) {
    assert.ok(!text.includes(personal), `the page shows ${personal}`);
  }

  // English on request: the page's words and the results' labels.
  await page.click('label[for="locale-en"]');
  assert.equal(await page.locator("h1").innerText(), "Check a participant export");
  assert.match(await page.locator('[data-total="rows"]').innerText(), /Rows read/);
  assert.equal(
    await page.locator('[data-dashboard="exits_by_type"] caption').innerText(),
    "Exits by type",
  );
  assert.equal(await page.locator('[data-dashboard="exits_by_type"] [data-key="no_exit"] th').innerText(), "Not exited yet");
  assert.match(await page.locator('[data-apart="no_interview_over_2_months"] caption').innerText(), /rows counted apart/);
});

test("the progress bar moves several times a second, the page answers, and cancel stops the work", async (t) => {
  // The small export's rows a hundred times over (200,000 rows, 40 MB): several
  // seconds of work.
  const text = readFileSync(small.file, "utf8");
  const cut = text.indexOf("\n") + 1;
  const big = join(dir, "big.csv");
  writeFileSync(big, text.slice(0, cut) + text.slice(cut).repeat(100));
  const { page } = await openPage(t);
  await run(page, big);
  await page.waitForFunction(() => document.getElementById("progress").value > 0, null, { timeout: 30_000 });
  // Sample the bar for one second from the page's own thread: each sample is also
  // proof that the page answers while the worker checks rows.
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
  assert.equal(await page.getAttribute("html", "data-state"), "running", "the check was still running");
  await page.click("#cancel");
  assert.equal(await page.getAttribute("html", "data-state"), "cancelled");
  const stopped = await page.locator("#progress").evaluate((bar) => bar.value);
  await page.waitForTimeout(500);
  assert.equal(await page.locator("#progress").evaluate((bar) => bar.value), stopped, "the work went on");
  assert.ok(await page.locator("#results").isHidden());
  assert.equal(await page.isDisabled("#start"), false);
});

test("a file that is not an export is one clear message", async (t) => {
  const { page } = await openPage(t);
  await run(page, { name: "vide.csv", mimeType: "text/csv", buffer: Buffer.from("identity.gender\n") });
  await page.waitForSelector('html[data-state="failed"]', { state: "attached", timeout: 30_000 });
  assert.equal(await page.locator("#problem-text").innerText(), "le fichier n'a qu'une ligne d'en-tête : aucune ligne à contrôler");
  await page.click('label[for="locale-en"]');
  await run(page, { name: "other.csv", mimeType: "text/csv", buffer: Buffer.from("nom;prenom\nA;B\n") });
  await page.waitForSelector('html[data-state="failed"]', { state: "attached", timeout: 30_000 });
  assert.equal(await page.locator("#problem-text").innerText(), "no column of the header is a questionnaire field: give a column mapping");
});
