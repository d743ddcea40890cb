// The shipped browser build (pkg/web), loaded by a page in headless Chromium under the
// demo server's strict Content-Security-Policy: every case (questionnaire,
// eligibility, entry file, exit, follow-up, portfolio) answered by the full module
// (parcours_full.js) exactly as the native CLI answers it, then the hostile inputs,
// after which the module must still validate a good questionnaire. The core module
// (parcours.js: no exits) answers its own checks identically, and an exit request
// with an unknown_check finding. Needs scripts/build.sh and the native case run first
// (scripts/test.sh runs them in that order).
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
  // The modules, imported by the page itself: `import()` is subject to the page's CSP.
  // globalThis.parcours is the full module (every check), globalThis.core the core one.
  await page.evaluate(`(async () => {
    const full = await import("/pkg/parcours_full.js");
    await full.default();
    globalThis.parcours = full;
    const core = await import("/pkg/parcours.js");
    await core.default();
    globalThis.core = core;
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

test("the full browser build answers every case exactly as the CLI does", async () => {
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

test("the core browser build answers its checks as the CLI does, and an exit with unknown_check", async () => {
  const questionnaire = cases.find((c) => c.expect?.valid === true && c.request?.phase === "entry");
  const eligibility = cases.find((c) => c.request?.check === "eligibility");
  assert.ok(questionnaire && eligibility, "a questionnaire and an eligibility case");
  const exit = {
    check: "exit",
    programme: "plie-flandre-lys",
    exit_date: "2018-06-29",
    exit: { reason: "employment", contract_type: "cdi", contract_start: "2018-01-02", proofs: [{ kind: "payslip", date: "2018-06-28" }] },
  };
  const requests = [questionnaire.request, eligibility.request, exit];
  const [core, full] = await page.evaluate(
    (text) => {
      const requests = JSON.parse(text);
      return JSON.stringify([requests.map((r) => globalThis.core.check(r)), requests.map((r) => globalThis.parcours.check(r))]);
    },
    JSON.stringify(requests),
  ).then(JSON.parse);
  const expected = cliReports(requests);
  assert.deepEqual(core[0], expected[0], "the questionnaire case");
  assert.deepEqual(core[1], expected[1], "the eligibility case");
  // The core module does not know exits: a finding, not a crash, and no classification.
  assert.equal(core[2].valid, false);
  assert.equal(core[2].exit, undefined);
  assert.deepEqual(core[2].findings.map((finding) => finding.code), ["unknown_check"]);
  assert.equal(core[2].findings[0].severity, "error");
  const bare = JSON.parse(await page.evaluate(() => JSON.stringify(globalThis.core.check({ check: "exit" }))));
  assert.deepEqual(bare.findings.map((finding) => finding.code), ["unknown_check"]);
  // The full module classifies it, as the CLI does; and the core one still answers after.
  assert.deepEqual(full[2], expected[2]);
  assert.equal(full[2].exit.category, "positive");
  assert.deepEqual(
    JSON.parse(await page.evaluate((text) => JSON.stringify(globalThis.core.check(JSON.parse(text))), JSON.stringify(questionnaire.request))),
    expected[0],
  );
  assert.deepEqual(pageErrors, []);
});

test("in the browser, hostile inputs get findings and the module still answers", async () => {
  const good = cases.find((c) => c.expect.valid === true && c.request?.phase === "entry");
  assert.ok(good, "a valid entry case");
  for (const module of ["parcours", "core"]) {
    const result = await page.evaluate(
      `(${runHostile.toString()})(globalThis.${module}, ${JSON.stringify(good.request)})`,
    );
    assert.deepEqual(result.threw, [], `calls that threw (${module})`);
    assert.ok(result.outcomes.length > 200);
    assert.deepEqual(result.good, cliReports([good.request])[0], module);
  }
  assert.deepEqual(pageErrors, []);
});
