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
