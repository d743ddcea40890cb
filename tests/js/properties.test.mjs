// Native and WebAssembly give the same answers on generated inputs: the batch that
// tests/properties.rs generates (target/parcours-properties/batch.json, written by the
// native test run, with the native answers) through the shipped Node build (pkg/node),
// and its requests through the command-line program. Every report, every diff of every
// edit, and every final report must be equal.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const m = require("../../pkg/node/parcours.js");
const file = new URL("../../target/parcours-properties/batch.json", import.meta.url);
const cli = process.env.PARCOURS_CLI ?? new URL("../../target/debug/parcours", import.meta.url).pathname;
const plain = (v) => JSON.parse(JSON.stringify(v));

const batch = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;

test("the generated batch is there (cargo test --test properties writes it)", () => {
  assert.ok(batch, `${file.pathname} is missing: run cargo test first`);
  assert.ok(batch.requests.length >= 100 && batch.scripts.length >= 100);
});

test("generated requests: the Node build, the CLI and the native core agree", { skip: !batch }, () => {
  let out;
  try {
    out = execFileSync(cli, ["-"], { input: JSON.stringify(batch.requests.map((r) => r.request)), maxBuffer: 1 << 28 });
  } catch (e) {
    out = e.stdout; // exit 1: some report not valid
  }
  const fromCli = JSON.parse(out.toString("utf8"));
  batch.requests.forEach(({ request, report }, i) => {
    const wasm = plain(m.check(request));
    assert.deepEqual(wasm, report, `request ${i}: wasm vs native`);
    assert.deepEqual(fromCli[i], report, `request ${i}: CLI vs native`);
  });
});

test("generated edit scripts: every diff and the final report as natively", { skip: !batch }, () => {
  batch.scripts.forEach(({ settings, edits, diffs, report }, i) => {
    const form = new m.QuestionnaireForm(settings);
    let d = 0;
    for (const edit of edits) {
      if ("load" in edit) {
        form.load(edit.load);
      } else {
        assert.deepEqual(plain(form.set(edit.set, edit.value)), diffs[d], `script ${i}, edit of ${edit.set}`);
        d++;
      }
    }
    assert.deepEqual(plain(form.report()), report, `script ${i}: final report`);
    form.free();
  });
});

// Exits and follow-up: generated requests (a seeded generator, the same at every run)
// through the shipped Node build and through the command-line program, one batch.
// Dates around the programmes' periods, month ends and 29 February, hours around the
// 1,215-hour threshold, every event type, odd values now and then; JSON-safe only,
// since the CLI reads JSON text.

/** mulberry32: a small seeded generator of floats in [0, 1). */
function generator(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (list) => list[int(0, list.length - 1)];
  const chance = (p) => next() < p;
  return { int, pick, chance };
}

/** `iso` plus `days` days (UTC, so no daylight saving shifts a day); anything that is
 * not a date comes back as it is. */
function plusDays(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  if (typeof iso !== "string" || Number.isNaN(d.getTime())) return iso;
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const ANCHORS = ["2017-01-01", "2017-02-28", "2017-08-31", "2018-01-31", "2018-02-28", "2018-06-29", "2018-12-31",
  "2016-02-29", "2019-01-01", "2020-02-29", "2020-12-31", "2022-01-01", "2024-02-29", "2025-12-31"];
const PROGRAMMES = ["plie-flandre-lys", "plie-flandre-lys", "plie-boulonnais", "ml-val-de-marque", "plie-cotentin", "no-such-programme"];
const ODD = [null, "", " ", "2018-02-30", "2017-02-29", "29/06/2018", "2018-6-29", 42, true, [], {}, "oui", "__proto__"];

function dateNear(g, base) {
  if (g.chance(0.05)) return g.pick(ODD);
  return plusDays(base, g.chance(0.2) ? g.int(-3, 3) : g.int(-420, 40));
}

function exitRequest(g) {
  const exitDate = plusDays(g.pick(ANCHORS), g.chance(0.5) ? 0 : g.int(-30, 30));
  const reason = g.chance(0.05) ? g.pick(ODD) : g.pick(["temporary_work", "temporary_work", "employment", "training",
    "business_creation", "moving_out", "abandonment", "Temporary_work"]);
  const exit = { reason };
  const maybe = (key, value) => { if (g.chance(0.5)) exit[key] = value; };
  maybe("contract_type", g.chance(0.1) ? g.pick(ODD) : g.pick(["cdi", "cdd", "cui_cae", "pec", "cui_cie", "apprenticeship", "cddi", "interim"]));
  maybe("contract_start", dateNear(g, exitDate));
  maybe("contract_end", dateNear(g, plusDays(exitDate, 200)));
  maybe("employer_is_aci", g.chance(0.1) ? g.pick(ODD) : g.chance(0.5));
  maybe("matches_project", g.chance(0.1) ? "peut-être" : g.chance(0.7));
  maybe("participant_agrees", g.chance(0.1) ? "non" : g.chance(0.7));
  maybe("certification", g.pick(["diploma", "registered_title", "professional_certificate", "no_certification", "bac"]));
  maybe("training_start", dateNear(g, exitDate));
  maybe("activity_start", dateNear(g, exitDate));
  if (reason === "temporary_work" || g.chance(0.2)) {
    const missions = [];
    // A run of missions filling 12 months, hours summing near the threshold.
    const first = plusDays(exitDate, -g.int(200, 420));
    const total = g.pick([121499, 121500, 121501, 60750, 130000]);
    const n = g.int(1, 4);
    for (let k = 0; k < n; k++) {
      const start = plusDays(first, k * 90);
      const end = plusDays(start, g.chance(0.1) ? -1 : g.int(0, 120));
      const hours = Math.round(total / n) / 100;
      missions.push({ start, end, hours: g.chance(0.1) ? g.pick([-1, "607,5", "x", null, 100000.01, 1214.995]) : hours });
    }
    for (let k = g.int(0, 3); k > 0; k--) {
      const start = dateNear(g, exitDate);
      missions.push({ start, end: plusDays(start, g.int(-2, 200)), hours: g.int(0, 130000) / 100 });
    }
    if (g.chance(0.05)) missions.push(g.pick(ODD));
    exit.missions = missions;
  }
  if (g.chance(0.8)) {
    exit.proofs = [];
    for (let k = g.int(0, 2); k >= 0; k--) {
      exit.proofs.push({
        kind: g.pick(["mission_statement", "payslip", "employment_contract", "training_certificate", "activity_proof", "selfie"]),
        date: g.chance(0.1) ? g.pick(ODD) : plusDays(exitDate, g.pick([0, -5, -31, -32, 1, -g.int(0, 60)])),
      });
    }
  }
  const request = { check: "exit", programme: g.pick(PROGRAMMES), exit_date: exitDate, exit };
  if (g.chance(0.7)) request.entry_date = dateNear(g, plusDays(exitDate, -365));
  if (g.chance(0.5)) request.locale = g.pick(["fr", "en", "en", "de"]);
  return request;
}

const EVENT_TYPES = ["interview", "contact", "absence", "reminder", "step", "employment_start", "cre_feedback",
  "employer_call", "employer_visit", "exit"];

function followUpRequest(g) {
  const entry = plusDays(g.pick(ANCHORS), g.int(-20, 20));
  const reference = plusDays(entry, g.pick([-1, 0, 31, 59, 60, 90, 180, 365, g.int(1, 420)]));
  const events = [];
  for (let k = g.int(0, 16); k > 0; k--) {
    const type = g.chance(0.03) ? g.pick(["", "meeting", 7]) : g.pick(EVENT_TYPES);
    const date = plusDays(entry, g.chance(0.3) ? g.pick([0, 1, 6, 7, 30, 31, 59, 60]) : g.int(-20, 400));
    const e = { type };
    if (type === "step") {
      e.kind = g.pick(["training", "workshop", "employment", "immersion", "veille", "internship", "cooking"]);
      e.start = date;
      if (g.chance(0.8)) e.end = plusDays(date, g.int(-2, 90));
    } else {
      e.date = g.chance(0.03) ? g.pick(ODD) : date;
    }
    if (type === "interview" && g.chance(0.8)) e.mode = g.pick(["physical", "phone", "tripartite", "video", "carrier pigeon"]);
    if (type === "absence" && g.chance(0.9)) e.justified = g.chance(0.1) ? "peut-être" : g.chance(0.5);
    if (type === "reminder" && g.chance(0.9)) e.channel = g.pick(["letter", "phone", "sms"]);
    if (type === "employment_start") {
      if (g.chance(0.7)) e.placed_by_cre = g.chance(0.6);
      if (g.chance(0.8)) e.theoretical_start = plusDays(date, g.int(-30, 10));
      if (g.chance(0.7)) e.trial_period_end = plusDays(date, g.int(-5, 120));
    }
    events.push(e);
  }
  if (g.chance(0.5)) events.sort((a, b) => String(a.date ?? a.start).localeCompare(String(b.date ?? b.start)));
  const request = { check: "follow_up", programme: g.pick(PROGRAMMES), reference_date: reference, entry_date: entry, events };
  if (g.chance(0.5)) request.locale = g.pick(["fr", "en"]);
  return request;
}

test("generated exit and follow-up requests: the Node build and the CLI agree", () => {
  const g = generator(20181231);
  const requests = [];
  for (let i = 0; i < 300; i++) requests.push(exitRequest(g));
  for (let i = 0; i < 300; i++) requests.push(followUpRequest(g));
  let out;
  try {
    out = execFileSync(cli, ["-"], { input: JSON.stringify(requests), maxBuffer: 1 << 28 });
  } catch (e) {
    out = e.stdout; // exit 1: some report not valid
  }
  const fromCli = JSON.parse(out.toString("utf8"));
  assert.equal(fromCli.length, requests.length);
  const seen = { exit: new Set(), follow_up: new Set() };
  requests.forEach((request, i) => {
    const wasm = plain(m.check(request));
    assert.deepEqual(wasm, fromCli[i], `request ${i} (${request.check}): ${JSON.stringify(request)}`);
    if (wasm.exit) seen.exit.add(wasm.exit.category);
    if (wasm.follow_up) for (const o of wasm.follow_up.obligations) seen.follow_up.add(o.status);
  });
  // The generator reaches every class and every status, so the comparison means something.
  assert.deepEqual([...seen.exit].sort(), ["administrative", "incomplete", "other", "positive"]);
  assert.deepEqual([...seen.follow_up].sort(), ["done", "done_late", "due", "late"]);
});
