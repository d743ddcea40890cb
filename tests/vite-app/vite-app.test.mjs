// The bundler way in: this folder is a minimal Vite project that depends on the
// package (`"parcours": "file:../../pkg"`, linked by npm) and imports it by name. The
// test builds it with Vite, serves the build under the strict CSP with Vite's own
// preview server, and validates a field in Chromium: the .wasm must be found by the
// bundler (hashed into the build), never copied by hand.
// Needs the package built (scripts/build.sh) and `npm install --offline` here
// (scripts/test.sh does both).

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build, preview } from "vite";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS } from "../e2e/legacy-harness.mjs";

const app = fileURLToPath(new URL(".", import.meta.url));
const outDir = fileURLToPath(new URL("../../target/vite-app/", import.meta.url));
const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";

let server, browser, origin;

before(async () => {
  // The package is the one built in pkg/, reached through node_modules as from npm.
  assert.equal(realpathSync(`${app}node_modules/parcours`), realpathSync(fileURLToPath(new URL("../../pkg", import.meta.url))));
  await build({ configFile: `${app}vite.config.js` });
  server = await preview({
    configFile: `${app}vite.config.js`,
    preview: { port: 0, host: "127.0.0.1", strictPort: false, headers: { "Content-Security-Policy": CSP } },
  });
  origin = server.resolvedUrls.local[0].replace(/\/$/, "");
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("the build holds the hashed .wasm and the kit's lazy chunk, and no inline script", () => {
  const assets = readdirSync(`${outDir}assets`);
  const wasm = assets.filter((name) => /^parcours_bg-[\w-]+\.wasm$/.test(name));
  assert.equal(wasm.length, 1, `one .wasm asset in ${assets.join(", ")}`);
  const scripts = assets.filter((name) => name.endsWith(".js"));
  assert.ok(scripts.length >= 2, "the module is a chunk of its own, loaded after attach()");
  const glue = scripts.map((name) => readFileSync(`${outDir}assets/${name}`, "utf8")).find((text) => text.includes(wasm[0]));
  assert.ok(glue, "the glue points at the hashed .wasm");
  const html = readFileSync(`${outDir}index.html`, "utf8");
  for (const [, attributes] of html.matchAll(/<script\b([^>]*)>/gi)) assert.match(attributes, /\bsrc=/);
});

test("in Chromium, under the strict CSP, the app validates a field and asks nothing of anyone else", async () => {
  const context = await browser.newContext({ locale: "fr-FR" });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => problems.push(`console.${message.type()}: ${message.text()}`));
  page.on("requestfailed", (request) => problems.push(`failed: ${request.url()}`));
  page.on("request", (request) => requests.push(request.url()));
  await page.addInitScript(() => {
    globalThis.__csp = [];
    document.addEventListener("securitypolicyviolation", (event) => globalThis.__csp.push(event.violatedDirective));
  });
  try {
    await page.goto(`${origin}/`);
    await page.waitForLoadState("networkidle");
    assert.deepEqual(requests.filter((url) => url.endsWith(".wasm")), [], "nothing fetched before the form is reached");
    await page.click("#naissance");
    await page.keyboard.type("2023-02-30");
    await page.keyboard.press("Tab");
    const message = page.locator("#naissance + [data-parcours-messages] p.erreur");
    await message.waitFor();
    assert.equal(await message.textContent(), "Cette date n'existe pas dans le calendrier.");
    assert.equal(await page.getAttribute("#naissance", "aria-invalid"), "true");
    assert.equal(await page.inputValue("#naissance"), "2023-02-30");

    // The data-parcours-path mapping works through the bundle too; the submit is held.
    await page.fill("#cp", "6900");
    await page.click("button");
    assert.equal(await page.evaluate(() => document.activeElement.id), "naissance");
    assert.match(await page.textContent("#cp + [data-parcours-messages]"), /code postal/i);

    // The main entry ("parcours") shares the module: one .wasm fetch.
    await page.waitForFunction(() => document.getElementById("sections").value !== "");
    assert.ok(Number(await page.textContent("#sections")) >= 10);
    const wasmFetches = requests.filter((url) => url.endsWith(".wasm"));
    assert.equal(wasmFetches.length, 1);
    assert.match(wasmFetches[0], /\/assets\/parcours_bg-[\w-]+\.wasm$/);
    assert.deepEqual(requests.filter((url) => !url.startsWith(`${origin}/`)), []);
    assert.deepEqual(await page.evaluate(() => globalThis.__csp), []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
