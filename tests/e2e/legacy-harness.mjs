// Shared by the embedding-kit tests (legacy*, a11y*, csp*): Debian's Chromium driven by
// playwright-core against the demo server (scripts/serve.mjs, strict CSP), and pages
// that record what must never happen — uncaught errors, console output, failed or
// refused loads, Content-Security-Policy violations, requests outside the server.
// Not a test file itself (node --test runs *.test.mjs only).

import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { chromium } from "playwright-core";
import { start } from "../../scripts/serve.mjs";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Every page of www/, as found on disk: a page added later is audited too. */
export function wwwPages() {
  return readdirSync(new URL("../../www/", import.meta.url))
    .filter((name) => name.endsWith(".html"))
    .sort();
}

/** Before every page script: records CSP violations and how wasm gets compiled. */
function recorders() {
  globalThis.__csp = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    globalThis.__csp.push(`${event.violatedDirective} ${event.blockedURI}`);
  });
  globalThis.__wasm = { streaming: 0, buffered: 0 };
  const wasm = globalThis.WebAssembly;
  if (wasm && wasm.instantiateStreaming) {
    const streaming = wasm.instantiateStreaming;
    const buffered = wasm.instantiate;
    wasm.instantiateStreaming = function (...args) {
      globalThis.__wasm.streaming += 1;
      return streaming.apply(this, args);
    };
    wasm.instantiate = function (...args) {
      if (!(args[0] instanceof wasm.Module)) globalThis.__wasm.buffered += 1;
      return buffered.apply(this, args);
    };
  }
}

/** The demo server and a browser, for one test file. */
export async function launch() {
  const server = await start({ port: 0 });
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  const csp = (await fetch(server.url)).headers.get("content-security-policy");
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  return {
    server,
    browser,
    csp,
    origin: new URL(server.url).origin,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * A fresh context and page, guarded until the test ends. `init` is a script to run
 * before the page's own (e.g. removing WebAssembly); `allow` lists problems the test
 * provokes on purpose (regular expressions).
 */
export async function openPage(t, env, path, { init, allow = [], locale = "fr-FR", viewport = { width: 1200, height: 900 } } = {}) {
  const context = await env.browser.newContext({ locale, viewport });
  // Fail within a test's time rather than wait on Playwright's 30 s default.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  await page.addInitScript(recorders);
  if (init) await page.addInitScript(init);
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => problems.push(`console.${message.type()}: ${message.text()}`));
  page.on("requestfailed", (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on("request", (request) => requests.push({ method: request.method(), url: request.url(), type: request.resourceType(), body: request.postData() }));
  t.after(async () => {
    const violations = await cspViolations(page).catch(() => []);
    await context.close();
    const unexpected = problems.filter((problem) => !allow.some((pattern) => pattern.test(problem)));
    assert.deepEqual(unexpected, [], "the page had errors, console output or failed loads");
    assert.deepEqual(violations, [], "Content-Security-Policy violations");
    const outside = requests.filter((request) => !request.url.startsWith(`${env.origin}/`));
    assert.deepEqual(outside, [], "the page made requests outside its server");
  });
  let response = null;
  if (path !== null) {
    response = await page.goto(env.server.url + path);
    assert.equal(response.status(), 200);
  }
  return { page, context, requests, problems, response };
}

/**
 * A page made of `html` (markup only: no script, as under the CSP), served on the
 * demo server's origin with its CSP; the kit is then attached from the test.
 */
export async function openFixture(t, env, html, options = {}) {
  const opened = await openPage(t, env, null, options);
  const url = `${env.origin}/fixture.html`;
  await opened.page.route(url, (route) =>
    route.fulfill({
      status: 200,
      headers: { "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": env.csp },
      body: `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Fixture</title>` +
        `<link rel="icon" href="data:,"></head><body><main>${html}</main></body></html>`,
    }),
  );
  await opened.page.goto(url);
  return opened;
}

/**
 * attach(form, options) in the page (`options` JSON), the handle kept as
 * globalThis.checks; resolves to null, or to the error's name and message.
 */
export function attachIn(page, options, selector = "form") {
  return page.evaluate(
    async ({ options, selector }) => {
      const { attach } = await import("/pkg/attach.js");
      try {
        globalThis.checks = attach(document.querySelector(selector), options);
        return null;
      } catch (error) {
        return `${error.name}: ${error.message}`;
      }
    },
    { options, selector },
  );
}

export const cspViolations = (page) => page.evaluate(() => globalThis.__csp ?? []);
export const wasmCompilations = (page) => page.evaluate(() => globalThis.__wasm);

/** The messages the kit shows for a field: its aria-describedby text, minus the portal's own hint. */
export function describedText(page, selector) {
  return page.evaluate((selector) => {
    const element = document.querySelector(selector);
    const ids = (element.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean);
    return ids
      .map((id) => document.getElementById(id))
      .filter((node) => node?.hasAttribute("data-parcours-messages"))
      .map((node) => node.textContent)
      .join(" | ");
  }, selector);
}

export const activeId = (page) => page.evaluate(() => document.activeElement?.id ?? null);
