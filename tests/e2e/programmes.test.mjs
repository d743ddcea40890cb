// A portal's own programme file in the browser (issue 14, item 6): a page under the
// demo server's strict Content-Security-Policy imports the package's fourth module,
// parcours_programmes.js, registers a file given as text, finds it in programmes()
// and checks an eligibility against its rules; a broken file before and after changes
// nothing. The page asks nothing of any server but its own (the guard of openPage),
// and loads that module's .wasm, not another's. Needs scripts/build.sh first.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { launch, openFixture } from "./legacy-harness.mjs";

let env;
before(async () => {
  env = await launch();
});
after(() => env?.close());

/** Flandre Lys under another id, for 2030, adults from 30 with no derogation. */
function portalFile() {
  const p = JSON.parse(readFileSync(new URL("../../programmes/plie-flandre-lys.json", import.meta.url), "utf8"));
  delete p.$schema;
  Object.assign(p, { id: "plie-portail", name: "PLIE du portail", valid_from: "2030-01-01", valid_to: "2030-12-31" });
  p.rules[1].min = 30;
  delete p.rules[1].derogation;
  return JSON.stringify(p, null, 2);
}

test("a page registers its programme file, lists it and checks an eligibility against it", async (t) => {
  const { page, requests } = await openFixture(t, env, `<h1>Programme du portail</h1>`);
  const text = portalFile();
  const answers = JSON.parse(
    await page.evaluate(async (text) => {
      const m = await import("/pkg/parcours_programmes.js");
      await m.default();
      const facts = (birth) => ({ birth_date: birth, commune_insee: "59017" });
      const eligibility = (birth) => m.check({ check: "eligibility", programme: "plie-portail", decision_date: "2030-06-01", facts: facts(birth) });
      const before = eligibility("1980-01-01");
      const broken = m.registerProgramme(text.replace(/}\s*$/, ""));
      const problems = m.checkProgramme(text.replace(/,\s*"rules"/, ',, "rules"'), "en");
      const registered = m.registerProgramme(text);
      const listed = m.programmes("fr").filter((p) => p.id === "plie-portail");
      const young = eligibility("2002-01-01");
      const adult = eligibility("1980-01-01");
      const brokenAfter = m.registerProgramme("\u{feff}" + text);
      const still = eligibility("2002-01-01");
      return JSON.stringify({ before, broken, problems, registered, listed, young, adult, brokenAfter, still });
    }, text),
  );
  // Unknown before; a broken file answers with its place and registers nothing.
  assert.equal(answers.before.findings[0].code, "unknown_programme");
  assert.equal(answers.broken.registered, false);
  assert.match(answers.broken.problems[0].message, /accolade \{ n'est pas fermée/);
  assert.equal(answers.problems.length, 1);
  assert.ok(answers.problems[0].line > 1 && answers.problems[0].column >= 1, JSON.stringify(answers.problems));
  // Registered, listed, and its rules answer: 30 and over here, where Flandre Lys says 26.
  assert.deepEqual(answers.registered, { registered: true, id: "plie-portail", status: "new", versions: ["2030-01-01"], problems: [] });
  assert.equal(answers.listed.length, 1);
  assert.equal(answers.listed[0].name, "PLIE du portail");
  assert.equal(answers.young.decision.programme.id, "plie-portail");
  assert.equal(answers.young.decision.rules.find((r) => r.rule === "ENT-AGE").status, "failed");
  assert.equal(answers.adult.decision.rules.find((r) => r.rule === "ENT-AGE").status, "passed");
  // A broken file after the good one changes nothing.
  assert.equal(answers.brokenAfter.registered, false);
  assert.match(answers.brokenAfter.problems[0].message, /BOM/);
  assert.deepEqual(answers.still, answers.young);
  // The page loaded the programmes module's .wasm, and no other.
  const wasm = requests.filter((r) => r.url.endsWith(".wasm")).map((r) => new URL(r.url).pathname);
  assert.deepEqual([...new Set(wasm)], ["/pkg/parcours_programmes_bg.wasm"]);
});
