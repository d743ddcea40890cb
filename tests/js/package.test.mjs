// The shipped Node build (pkg/node) against the native command-line program, on every
// questionnaire case, and under hostile inputs. Needs `scripts/build.sh` and the
// native case run (which writes target/parcours-cases/questionnaire.json) first;
// scripts/test.sh runs them in that order.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { runHostile } from "./hostile.mjs";

const require = createRequire(import.meta.url);
const m = require("../../pkg/node/parcours.js");
const cases = JSON.parse(readFileSync(new URL("../../target/parcours-cases/questionnaire.json", import.meta.url), "utf8"));
const cli = process.env.PARCOURS_CLI ?? new URL("../../target/debug/parcours", import.meta.url).pathname;

/** The CLI's reports for a list of requests, in one run (a batch is an array). */
function cliReports(requests) {
  let out;
  try {
    out = execFileSync(cli, ["-"], { input: JSON.stringify(requests), maxBuffer: 1 << 28 });
  } catch (e) {
    out = e.stdout; // exit 1 = some report not valid
  }
  return JSON.parse(out.toString("utf8"));
}

/** A value as JSON sees it, so both sides compare alike (undefined fields dropped). */
const plain = (v) => JSON.parse(JSON.stringify(v));

test("there are cases to compare", () => {
  assert.ok(cases.length >= 60, `only ${cases.length} cases`);
});

test("the Node build answers every case exactly as the CLI does", () => {
  const expected = cliReports(cases.map((c) => c.request));
  assert.equal(expected.length, cases.length);
  cases.forEach((c, i) => {
    assert.deepEqual(plain(m.check(c.request)), expected[i], `${c.file} / ${c.name}`);
  });
});

test("the Node build meets every case's expectations on validity and codes", () => {
  for (const c of cases) {
    const report = m.check(c.request);
    assert.equal(report.valid, c.expect.valid, `${c.file} / ${c.name}`);
    if (c.expect.findings) {
      const got = report.findings.map((f) => `${f.code}@${f.path}`).sort();
      const want = c.expect.findings.map((f) => `${f.code}@${f.path}`).sort();
      assert.deepEqual(got, want, `${c.file} / ${c.name}`);
    }
  }
});

/** A case's data when it is an object of section objects (what a form can be fed field by field). */
function sectionsOf(c) {
  const data = c.request?.data;
  if (!data || typeof data !== "object" || Array.isArray(data)) return null;
  return Object.values(data).every((s) => s && typeof s === "object" && !Array.isArray(s)) ? data : null;
}

test("the incremental form ends where full validation does, and its diffs add up", () => {
  let compared = 0;
  for (const c of cases) {
    const data = sectionsOf(c);
    if (!data) continue;
    const form = new m.QuestionnaireForm(c.request);
    const live = new Map(form.report().findings.map((f) => [`${f.code}@${f.path}`, f]));
    for (const [section, fields] of Object.entries(data)) {
      for (const [field, value] of Object.entries(fields)) {
        const diff = form.set(`${section}.${field}`, value);
        for (const f of diff.removed) assert.ok(live.delete(`${f.code}@${f.path}`), `${c.name}: removed ${f.code} not shown`);
        for (const f of diff.added) if (f.code !== "unknown_field") live.set(`${f.code}@${f.path}`, f);
      }
    }
    const key = (r) => r.findings.filter((f) => !f.code.includes("unknown_field")).map((f) => `${f.code}@${f.path}`).sort();
    const full = m.check(c.request);
    const incremental = form.report();
    assert.deepEqual(key(incremental), key(full), `${c.file} / ${c.name}`);
    assert.deepEqual([...live.keys()].filter((k) => !k.startsWith("unknown_field")).sort(), key(incremental), `${c.name}: diffs`);
    assert.deepEqual(incremental.missing, full.missing, `${c.file} / ${c.name}`);
    form.free();
    compared++;
  }
  assert.ok(compared >= 40, `only ${compared} compared`);
});

test("update says whether anything changed; changes(), read now and then, adds up as set's diffs do", () => {
  let compared = 0;
  for (const c of cases) {
    const data = sectionsOf(c);
    if (!data) continue;
    const form = new m.QuestionnaireForm(c.request);
    let shown = form.report();
    const live = new Map(shown.findings.map((f) => [`${f.code}@${f.path}`, f]));
    const missing = new Set(shown.missing);
    const read = () => {
      const diff = form.changes();
      for (const f of diff.removed) assert.ok(live.delete(`${f.code}@${f.path}`), `${c.name}: removed ${f.code} not shown`);
      for (const f of diff.added) live.set(`${f.code}@${f.path}`, f);
      for (const p of diff.missing_removed) assert.ok(missing.delete(p), `${c.name}: ${p} was not missing`);
      for (const p of diff.missing_added) missing.add(p);
      return diff;
    };
    let n = 0;
    for (const [section, fields] of Object.entries(data)) {
      for (const [field, value] of Object.entries(fields)) {
        const path = `${section}.${field}`;
        const before = JSON.stringify(form.report());
        const changed = form.update(path, value);
        const after = JSON.stringify(form.report());
        assert.equal(typeof changed, "boolean");
        // An unknown path is reported in the diff without being part of the report.
        if (!live.has(`unknown_field@${path}`) && m.schema().sections.some((s) => s.fields.some((f) => f.path === path))) {
          assert.equal(changed, before !== after, `${c.name}: update(${path}) said ${changed}`);
        }
        if (n++ % 3 === 0) read();
      }
    }
    const last = read();
    const report = form.report();
    const key = (findings) => findings.filter((f) => f.code !== "unknown_field").map((f) => `${f.code}@${f.path}`).sort();
    assert.deepEqual(key([...live.values()]), key(report.findings), `${c.name}: diffs`);
    assert.deepEqual([...missing].sort(), [...report.missing].sort(), `${c.name}: missing`);
    assert.equal(last.valid, report.valid);
    assert.equal(last.completeness, report.completeness);
    assert.deepEqual(last.derived, report.derived);
    const empty = form.changes();
    assert.deepEqual([empty.added, empty.removed, empty.missing_added, empty.missing_removed], [[], [], [], []], "read twice: nothing left");
    form.free();
    compared++;
  }
  assert.ok(compared >= 40, `only ${compared} compared`);
});

test("hostile inputs get findings, never an exception, and the module still answers", () => {
  const good = cases.find((c) => c.name && c.expect.valid === true && c.request?.phase === "entry");
  assert.ok(good, "a valid entry case");
  const before = plain(m.check(good.request));
  const { threw, outcomes, good: after } = runHostile(m, good.request);
  assert.deepEqual(threw, [], "calls that threw");
  assert.ok(outcomes.length > 200, `only ${outcomes.length} outcomes`);
  // Values JSON cannot hold are unreadable, not crashes.
  assert.ok(outcomes.includes("form.set(path, symbol): unreadable_value"), "a symbol is unreadable");
  assert.ok(outcomes.includes("form.set(path, function): unreadable_value"), "a function is unreadable");
  assert.ok(outcomes.includes("check(data=throwing getter): unreadable_value"), "a throwing getter is unreadable");
  assert.deepEqual(plain(after), before);
  assert.equal(after.valid, true);
});

test("the CLI turns text that is not JSON into a finding", () => {
  let out;
  try {
    execFileSync(cli, ["-"], { input: "{ not json" });
    assert.fail("exit status 0 for invalid JSON");
  } catch (e) {
    out = JSON.parse(e.stdout.toString("utf8"));
    assert.equal(e.status, 1);
  }
  assert.deepEqual(out.findings.map((f) => f.code), ["invalid_json"]);
});

test("hostile inputs in the exit, follow-up and portfolio checks get findings, and a good exit is still positive", () => {
  const good = cases.find((c) => c.name && c.expect.valid === true && c.request?.phase === "entry");
  const { threw, outcomes, exits } = runHostile(m, good.request);
  assert.deepEqual(threw, [], "calls that threw or broke a rule of hostile.mjs");
  assert.equal(exits.full, true, "pkg/node answers exits");
  assert.equal(exits.good.exit.category, "positive");
  assert.equal(exits.good.exit.interim.hours, 1215);
  assert.equal(exits.good.valid, true);
  const line = (start) => outcomes.find((o) => o.startsWith(start)) ?? `${start}: (none)`;
  // Hours JSON cannot hold, and lists past the cap, are findings.
  for (const hours of ["NaN", "+Infinity", "Infinity", "1e308", "-1"]) {
    assert.equal(line(`check(exit, exit.missions[0].hours=${hours})`), `check(exit, exit.missions[0].hours=${hours}): number_out_of_range`);
  }
  assert.match(line("check(exit, exit.missions=1e6 missions)"), /: too_many_items(,|$)/);
  assert.match(line("check(follow_up, events=1e6 events)"), /: too_many_items(,|$)/);
  assert.match(line("check(portfolio, exits=1e6-element data)"), /: too_many_items(,|$)/);
  assert.match(line("check(portfolio, referents=10000-deep array)"), /: invalid_structure(,|$)/);
  assert.ok(outcomes.filter((o) => /^check\((exit|follow_up|portfolio), /.test(o)).length >= 12 * 40);
});

test("the core module (pkg/web/parcours.js, no exits) answers unknown_check to every hostile exit, follow-up and portfolio request", async () => {
  const core = await import("../../pkg/web/parcours.js");
  core.initSync({ module: readFileSync(new URL("../../pkg/web/parcours_bg.wasm", import.meta.url)) });
  const good = cases.find((c) => c.name && c.expect.valid === true && c.request?.phase === "entry");
  const before = plain(core.check(good.request));
  const { threw, outcomes, good: after, exits } = runHostile(core, good.request);
  assert.deepEqual(threw, [], "calls that threw or broke a rule of hostile.mjs");
  assert.equal(exits.full, false);
  assert.deepEqual(exits.good.findings.map((f) => f.code), ["unknown_check"]);
  const answers = outcomes.filter((o) => /^check\((exit|follow_up|portfolio), /.test(o));
  assert.ok(answers.length >= 12 * 40, `only ${answers.length}`);
  assert.ok(answers.every((o) => o.endsWith(": unknown_check")));
  assert.deepEqual(plain(after), before);
});
