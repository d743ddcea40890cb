// First answer after page load: import the subject, make it ready (instantiate the
// wasm module, or build the peer's schema), check one valid entry questionnaire.
// Every time is in milliseconds since navigation start (performance.now()).
import { valid } from "/bench/inputs.mjs";

const subject = new URLSearchParams(location.search).get("subject");
const start = performance.now();
// The page's HTML fully received: what "after page load" is counted from.
const html = performance.getEntriesByType("navigation")[0]?.responseEnd ?? 0;
let ready;
let answer;
if (subject === "parcours") {
  const m = await import("/pkg/parcours.js");
  const imported = performance.now();
  await m.default();
  ready = performance.now();
  answer = m.check(valid).valid;
  window.loadResult = { html, start, imported, ready, first: performance.now(), answer };
} else {
  const m = await import(`/bundles/${subject}.js`);
  const imported = performance.now();
  const peer = m.build();
  ready = performance.now();
  answer = peer.check(valid).length === 0;
  window.loadResult = { html, start, imported, ready, first: performance.now(), answer };
}
