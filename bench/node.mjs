// The benchmark in Node: the shipped Node build (pkg/node) against the peers, imported
// from node_modules; then the load cost, in fresh processes (node-load.mjs). Run through scripts/bench.sh (node --single-threaded-gc: on these
// 2-core machines the parallel GC makes some processes run twice as slow).
//
//   node --single-threaded-gc bench/node.mjs [--quick] [--out FILE]
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { makeSubjects, run } from "./suite.mjs";
import { stats } from "./harness.mjs";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const out = args.includes("--out") ? args[args.indexOf("--out") + 1] : null;
const root = new URL("..", import.meta.url);

const parcours = createRequire(import.meta.url)("../pkg/node/parcours.js");
const peers = {
  ajv: await import("./peers/ajv.mjs"),
  ajvStandalone: await import(new URL("target/bench/ajv-standalone.mjs", root)),
  zod: await import("./peers/zod.mjs"),
  valibot: await import("./peers/valibot.mjs"),
};
const subjects = makeSubjects(parcours, peers);
const results = run(subjects, {
  now: () => performance.now(),
  rounds: quick ? 3 : 21,
  minMs: quick ? 2 : 20,
  warmupMs: quick ? 20 : 300,
});

// Load cost: fresh processes, each loading one subject and answering once.
const load = [];
for (const id of ["parcours", "ajv", "ajv-standalone", "zod", "valibot"]) {
  const runs = [];
  for (let i = 0; i < (quick ? 1 : 9); i++) {
    const out = execFileSync(process.execPath, ["--single-threaded-gc", new URL("node-load.mjs", import.meta.url).pathname, id]);
    const r = JSON.parse(out.toString());
    if (!r.answer) throw new Error(`${id}: the first answer is wrong`);
    runs.push(r);
  }
  load.push({ id, ready: stats(runs.map((r) => r.ready)), first: stats(runs.map((r) => r.first)) });
}
const report = { env: "node", version: process.version, results, load };
if (out) writeFileSync(out, JSON.stringify(report, null, 2));
else console.log(JSON.stringify(report, null, 2));
