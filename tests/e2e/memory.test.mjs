// Memory in the browser: after the worst inputs (tests/js/hostile.mjs) and 100,000
// updates of a form, the shipped browser build still answers a good questionnaire as
// the CLI does, and neither the JavaScript heap nor the wasm memory has grown: no leak
// across calls, whatever came in. The heap is read through the DevTools protocol after
// a forced collection (HeapProfiler.collectGarbage, Runtime.getHeapUsage); the wasm
// memory through the module's exported memory (what `init()` returns). Wasm memory
// never shrinks, so the baseline is taken once the hostile inputs have run once (a 1 MB
// string needs room); running them again, then the updates, must not grow it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { chromium } from "playwright-core";
import { start } from "../../scripts/serve.mjs";
import { runHostile } from "../js/hostile.mjs";

const bases = JSON.parse(readFileSync(new URL("../cases/questionnaire/_bases.json", import.meta.url), "utf8"));
const cli = process.env.PARCOURS_CLI ?? new URL("../../target/debug/parcours", import.meta.url).pathname;
const UPDATES = 100_000;
/** What a collected heap may differ by: allocation-site feedback and code, not data. */
const HEAP_SLACK = 512 * 1024;

let server, browser, page, cdp;
const pageErrors = [];

before(async () => {
  server = await start({ port: 0 });
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage();
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  await page.goto(server.url);
  await page.evaluate(`(async () => {
    const m = await import("/pkg/parcours.js");
    globalThis.wasmExports = await m.default();
    globalThis.parcours = m;
  })()`);
  cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.enable");
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Heap in use after a full collection, and the wasm memory's size, in bytes. */
async function usage() {
  for (let i = 0; i < 3; i++) await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  const wasm = await page.evaluate(() => globalThis.wasmExports.memory.buffer.byteLength);
  return { heap: usedSize, wasm };
}

/** `count` keystrokes into a filled-in form, in the page: findings come and go. */
function updates(count) {
  return page.evaluate(
    ({ count, entry }) => {
      const m = globalThis.parcours;
      const form = new m.QuestionnaireForm({ phase: "entry", reference_date: entry.reference_date });
      form.load(entry.data);
      const edits = [
        ["identity.birth_date", ["1", "19", "1985-02-30", "1985-05-14", "", "2030-01-01"]],
        ["contact.postal_code", ["5", "592", "59280", "62000", "00000"]],
        ["situation.employed", [true, false, "oui", "peut-être", null]],
        ["identity.last_name", ["D", "Du", "Durand", "é".repeat(300), ""]],
      ];
      let changes = 0;
      for (let i = 0; i < count; i++) {
        const [path, values] = edits[i % edits.length];
        const value = values[(i >> 2) % values.length];
        // set, or update with the diff read only when it says something changed (and
        // now and then not read at once: the next read gathers them).
        const d = i & 1 ? form.set(path, value) : form.update(path, value) && i % 3 !== 0 ? form.changes() : null;
        if (d) changes += d.added.length + d.removed.length;
        if (i % 10_000 === 0) {
          // a whole check and a form made and dropped, now and then
          m.check(entry);
          new m.QuestionnaireForm({ reference_date: entry.reference_date }).free();
        }
      }
      const report = form.report();
      form.free();
      return { changes, valid: report.valid };
    },
    { count, entry: bases.entry },
  );
}

test("no leak: the heap and the wasm memory stay at their baseline across the worst inputs and 100,000 updates", async () => {
  const good = bases.entry;
  const expected = JSON.parse(execFileSync(cli, ["-"], { input: JSON.stringify(good) }).toString());

  const first = await page.evaluate(`(${runHostile.toString()})(globalThis.parcours, ${JSON.stringify(good)})`);
  assert.deepEqual(first.threw, [], "calls that threw");
  await updates(10_000); // warm-up: the code and its allocation sites settle
  const baseline = await usage();

  const second = await page.evaluate(`(${runHostile.toString()})(globalThis.parcours, ${JSON.stringify(good)})`);
  assert.deepEqual(second.threw, [], "calls that threw, second time");
  const run = await updates(UPDATES);
  assert.ok(run.changes > UPDATES / 2, `only ${run.changes} findings changed over ${UPDATES} updates`);
  const end = await usage();

  const answer = await page.evaluate((r) => globalThis.parcours.check(r), good);
  assert.deepEqual(answer, expected, "the module still answers a good questionnaire as the CLI does");
  assert.equal(end.wasm, baseline.wasm, `wasm memory grew from ${baseline.wasm} to ${end.wasm} bytes`);
  assert.ok(
    end.heap <= baseline.heap + HEAP_SLACK,
    `JS heap grew from ${baseline.heap} to ${end.heap} bytes (more than ${HEAP_SLACK} of slack)`,
  );
  console.log(`# memory: heap ${baseline.heap} → ${end.heap} bytes, wasm ${baseline.wasm} → ${end.wasm} bytes`);
  assert.deepEqual(pageErrors, []);
});
