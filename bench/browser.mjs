// The benchmark in headless Chromium (Debian's, driven by playwright-core): the timing
// suite on the shipped browser build and the peers' bundles, then the first answer
// after page load, cold (a new browser context: empty HTTP and code caches) and warm
// (the same context, visits 2 to 4).
//
//   node bench/browser.mjs [--quick] [--out FILE]     (needs bench/bundle.mjs's bundles)
import { writeFileSync } from "node:fs";
import { chromium } from "playwright-core";
import { start } from "./server.mjs";
import { stats } from "./harness.mjs";

const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Load subjects: each under the CSP a portal would give it. */
export const LOAD_SUBJECTS = [
  { id: "parcours", csp: "strict" },
  { id: "ajv", csp: "eval" },
  { id: "ajv-standalone", csp: "strict" },
  { id: "zod", csp: "strict" },
  { id: "valibot", csp: "strict" },
];

export async function runBrowser({ quick = false } = {}) {
  const server = await start({ port: 0 });
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ARGS });
  try {
    const errors = [];
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${server.url}bench/page/run.html?csp=eval`);
    await page.waitForFunction(() => window.benchReady === true);
    const results = await page.evaluate(
      (o) => window.bench(o),
      quick ? { rounds: 3, minMs: 5, warmupMs: 20 } : { rounds: 21, minMs: 25, warmupMs: 300 },
    );
    const version = browser.version();
    await context.close();
    if (errors.length) throw new Error(`the timing page failed: ${errors.join("; ")}`);

    const visits = quick ? 1 : 7;
    const load = [];
    for (const s of LOAD_SUBJECTS.flatMap((s) => [{ ...s, hints: false }, { ...s, hints: true }])) {
      const cold = [];
      const warm = [];
      for (let v = 0; v < visits; v++) {
        const ctx = await browser.newContext();
        const p = await ctx.newPage();
        const url = `${server.url}bench/page/load.html?subject=${s.id}&csp=${s.csp}${s.hints ? "&hints=1" : ""}`;
        for (let visit = 0; visit < (quick ? 2 : 4); visit++) {
          await p.goto(url);
          const r = await p.waitForFunction(() => window.loadResult).then((h) => h.jsonValue());
          if (!r.answer) throw new Error(`${s.id}: the first answer is wrong`);
          (visit === 0 ? cold : warm).push(r);
        }
        await ctx.close();
      }
      const pick = (list, f) => stats(list.map(f));
      load.push({
        id: s.id,
        csp: s.csp,
        hints: s.hints,
        cold: { first: pick(cold, (r) => r.first), ready: pick(cold, (r) => r.ready - r.imported), own: pick(cold, (r) => r.first - r.start), html: pick(cold, (r) => r.first - r.html) },
        warm: { first: pick(warm, (r) => r.first), ready: pick(warm, (r) => r.ready - r.imported), own: pick(warm, (r) => r.first - r.start), html: pick(warm, (r) => r.first - r.html) },
      });
    }
    return { env: "chromium", version, results, load };
  } finally {
    await browser.close();
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const report = await runBrowser({ quick: args.includes("--quick") });
  const out = args.includes("--out") ? args[args.indexOf("--out") + 1] : null;
  if (out) writeFileSync(out, JSON.stringify(report, null, 2));
  else console.log(JSON.stringify(report, null, 2));
}
