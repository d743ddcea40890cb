// www/lot.html in Chromium on a generated export (issue 16's browser target: 100,000
// rows in under 3 s, progress at least 4 times a second). Times from the click on
// « Contrôler l'export » to the page's `done` state, and records when the progress
// text changes (a MutationObserver in the page), so the update rate is the page's own.
//
//   bash scripts/build.sh && node bench/lot-browser.mjs [--rows 100000] [--runs 3] [--format csv|xlsx] [--file PATH]
//
// --format xlsx checks the same rows saved as a workbook (csvWorkbook, in the tests);
// --file checks a file already written instead of generating one.
//
// Prints one JSON line per run and a summary; BENCHMARKS.md records the figures.

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { start } from "../scripts/serve.mjs";
import { csvWorkbook } from "../tests/e2e/xlsx-writer.mjs";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, word, i, all) => {
    if (word.startsWith("--")) pairs.push([word.slice(2), all[i + 1]]);
    return pairs;
  }, []),
);
const ROWS = Number(args.rows ?? 100_000);
const RUNS = Number(args.runs ?? 3);
const FORMAT = args.format ?? "csv";
const loadBefore = loadavg();

const dir = mkdtempSync(join(tmpdir(), "parcours-lot-bench-"));
const csv = join(dir, "export.csv");
let file = args.file;
if (!file) {
  execFileSync("node", [new URL("../scripts/generate-export.mjs", import.meta.url).pathname, "--rows", String(ROWS), "--seed", "3", "--phase", "entry", "--out", csv, "--manifest", join(dir, "manifest.json")]);
  file = csv;
  if (FORMAT === "xlsx") {
    file = join(dir, "export.xlsx");
    writeFileSync(file, csvWorkbook(csv));
  }
}
const server = await start({ port: 0 });
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const results = [];
try {
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    // The worker's own timings (lot-worker.js's `done` message), seen as the page sees them.
    await page.addInitScript(() => {
      const Base = window.Worker;
      window.Worker = class extends Base {
        constructor(...args) {
          super(...args);
          this.addEventListener("message", ({ data }) => {
            window.__first ??= performance.now();
            if (data?.type === "done") {
              window.__timing = data.timing;
              window.__done = performance.now();
            }
          });
        }
      };
    });
    await page.goto(`${server.url}lot.html`);
    await page.waitForSelector('html[data-state="ready"]', { state: "attached" });
    await page.setInputFiles("#file", file);
    await page.fill("#reference_date", "31/12/2025");
    await page.evaluate(() => {
      window.__updates = [];
      new MutationObserver(() => window.__updates.push(performance.now())).observe(document.getElementById("progress-text"), {
        childList: true,
        characterData: true,
        subtree: true,
      });
      new MutationObserver(() => {
        if (document.documentElement.dataset.state === "done") window.__end ??= performance.now();
      }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-state"] });
      document.getElementById("start").addEventListener("click", () => (window.__start = performance.now()), { capture: true });
    });
    await page.click("#start");
    await page.waitForSelector('html[data-state="done"]', { state: "attached", timeout: 300_000 });
    const { start: t0, updates, end, rows, timing } = await page.evaluate(() => ({
      start: window.__start,
      timing: { ...window.__timing, firstMessage: window.__first - window.__start, render: window.__end - window.__done },
      updates: window.__updates,
      end: window.__end,
      rows: document.querySelector('[data-total="rows"] strong').textContent,
    }));
    const seconds = (end - t0) / 1000;
    const gaps = updates.map((t, i) => t - (i ? updates[i - 1] : t0));
    results.push({
      run: run + 1,
      rows: Number(rows.replace(/\D/g, "")),
      seconds: Number(seconds.toFixed(3)),
      updates: updates.length,
      updatesPerSecond: Number((updates.length / seconds).toFixed(1)),
      longestGapMs: Math.round(Math.max(...gaps)),
      // Where the long gaps are: [update number, ms] of those over 250 ms.
      longGaps: gaps.flatMap((g, i) => (g > 250 ? [[i, Math.round(g)]] : [])),
      workerMs: timing && Object.fromEntries(Object.entries(timing).map(([k, v]) => [k, Math.round(v)])),
    });
    console.log(JSON.stringify(results.at(-1)));
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
const sorted = results.map((r) => r.seconds).sort((x, y) => x - y);
const best = results.find((r) => r.seconds === sorted[0]);
console.log(
  JSON.stringify({
    summary: true,
    format: FORMAT,
    rows: ROWS,
    runs: RUNS,
    minSeconds: sorted[0],
    medianSeconds: sorted[Math.floor((sorted.length - 1) / 2)],
    maxSeconds: sorted.at(-1),
    rowsPerSecond: Math.round(ROWS / best.seconds),
    fewestUpdatesPerSecond: Math.min(...results.map((r) => r.updatesPerSecond)),
    longestGapMs: Math.max(...results.map((r) => r.longestGapMs)),
    loadBefore: loadBefore.map((l) => l.toFixed(1)).join(" "),
    loadAfter: loadavg().map((l) => l.toFixed(1)).join(" "),
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
  }),
);
