// The shipped browser build (pkg/web), loaded by a page in headless Chromium under the
// demo server's strict Content-Security-Policy: every questionnaire case answered
// exactly as the native CLI answers it, then the hostile inputs, after which the
// module must still validate a good questionnaire. Needs scripts/build.sh and the
// native case run first (scripts/test.sh runs them in that order).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { chromium } from "playwright-core";
import { start } from "../../scripts/serve.mjs";
import { runHostile } from "../js/hostile.mjs";

const cases = JSON.parse(readFileSync(new URL("../../target/parcours-cases/questionnaire.json", import.meta.url), "utf8"));
const cli = process.env.PARCOURS_CLI ?? new URL("../../target/debug/parcours", import.meta.url).pathname;

let server, browser, page;
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
  // The module, imported by the page itself: `import()` is subject to the page's CSP.
  await page.evaluate(`(async () => {
    const m = await import("/pkg/parcours.js");
    await m.default();
    globalThis.parcours = m;
  })()`);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

function cliReports(requests) {
  try {
    return JSON.parse(execFileSync(cli, ["-"], { input: JSON.stringify(requests), maxBuffer: 1 << 28 }).toString());
  } catch (e) {
    return JSON.parse(e.stdout.toString());
  }
}

test("the browser build answers every case exactly as the CLI does", async () => {
  assert.ok(cases.length >= 60, `only ${cases.length} cases`);
  const requests = cases.map((c) => c.request);
  // JSON text both ways: Playwright's own serializer chokes on the 100-level nestings.
  const inBrowser = JSON.parse(
    await page.evaluate(
      (text) => JSON.stringify(JSON.parse(text).map((r) => globalThis.parcours.check(r))),
      JSON.stringify(requests),
    ),
  );
  const expected = cliReports(requests);
  cases.forEach((c, i) => assert.deepEqual(inBrowser[i], expected[i], `${c.file} / ${c.name}`));
  assert.deepEqual(pageErrors, []);
});

test("in the browser, hostile inputs get findings and the module still answers", async () => {
  const good = cases.find((c) => c.expect.valid === true && c.request?.phase === "entry");
  assert.ok(good, "a valid entry case");
  const result = await page.evaluate(
    `(${runHostile.toString()})(globalThis.parcours, ${JSON.stringify(good.request)})`,
  );
  assert.deepEqual(result.threw, [], "calls that threw");
  assert.ok(result.outcomes.length > 200);
  assert.deepEqual(result.good, cliReports([good.request])[0]);
  assert.deepEqual(pageErrors, []);
});
