// www/lot.html in Chromium on a generated export (issue 16's browser target: 100,000
// rows in under 3 s, progress at least 4 times a second). Times from the click on
// « Contrôler l'export » to the page's `done` state, and records when the progress
// text changes (a MutationObserver in the page), so the update rate is the page's own.
//
//   bash scripts/build.sh && node bench/lot-browser.mjs [--rows 100000] [--runs 3]
//
// Prints one JSON line per run and a summary; BENCHMARKS.md records the figures.

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { start } from "../scripts/serve.mjs";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, word, i, all) => {
    if (word.startsWith("--")) pairs.push([word.slice(2), all[i + 1]]);
    return pairs;
  }, []),
);
const ROWS = Number(args.rows ?? 100_000);
const RUNS = Number(args.runs ?? 3);

const dir = mkdtempSync(join(tmpdir(), "parcours-lot-bench-"));
const file = join(dir, "export.csv");
execFileSync("node", [new URL("../scripts/generate-export.mjs", import.meta.url).pathname, "--rows", String(ROWS), "--seed", "3", "--phase", "entry", "--out", file, "--manifest", join(dir, "manifest.json")]);
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
      document.getElementById("start").addEventListener("click", () => (window.__start = performance.now()), { capture: true });
    });
    await page.click("#start");
    await page.waitForSelector('html[data-state="done"]', { state: "attached", timeout: 120_000 });
    const { start: t0, updates, end, rows } = await page.evaluate(() => ({
      start: window.__start,
      updates: window.__updates,
      end: performance.now(),
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
    });
    console.log(JSON.stringify(results.at(-1)));
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
const best = results.reduce((a, b) => (a.seconds <= b.seconds ? a : b));
console.log(
  JSON.stringify({
    summary: true,
    rows: ROWS,
    bestSeconds: best.seconds,
    rowsPerSecond: Math.round(ROWS / best.seconds),
    updatesPerSecond: best.updatesPerSecond,
    longestGapMs: best.longestGapMs,
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
  }),
);
