// One fresh Node process: load one subject, make it ready, answer one valid entry
// questionnaire; prints the times in ms since the process started (performance.now()).
// bench/node.mjs runs it several times per subject.
//
//   node --single-threaded-gc bench/node-load.mjs SUBJECT
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";

const subject = process.argv[2];
const root = new URL("..", import.meta.url);
const start = performance.now();
const { valid } = await import("./inputs.mjs");
const loaded = performance.now();
let ready;
let answer;
if (subject === "parcours") {
  // pkg/node compiles and instantiates the .wasm synchronously when required.
  const m = createRequire(import.meta.url)("../pkg/node/parcours.js");
  ready = performance.now();
  answer = m.check(valid).valid;
} else {
  const file = {
    ajv: "./peers/ajv.mjs",
    "ajv-standalone": new URL("target/bench/ajv-standalone.mjs", root).href,
    zod: "./peers/zod.mjs",
    valibot: "./peers/valibot.mjs",
  }[subject];
  const m = await import(file);
  const peer = m.build();
  ready = performance.now();
  answer = peer.check(valid).length === 0;
}
const first = performance.now();
console.log(JSON.stringify({ subject, start, ready: ready - loaded, first: first - loaded, answer }));
