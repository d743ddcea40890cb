// The static server: what it serves, with which headers, and what it refuses.
// Needs the package built (bash scripts/build.sh) for the /pkg/ checks.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { request } from "node:http";
import { fileURLToPath } from "node:url";
import { start } from "../../scripts/serve.mjs";

const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";

let server;
before(async () => {
  server = await start({ port: 0 });
});
after(() => server?.close());

/** A GET with the request target sent as is (fetch would fold "..", "%2e%2e"). */
function rawGet(path, method = "GET") {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("serves the pages, the package and the DSFR with their MIME types", async () => {
  const expected = {
    "": "text/html; charset=utf-8",
    "questionnaire.html": "text/html; charset=utf-8",
    "questionnaire.js": "text/javascript; charset=utf-8",
    "pkg/parcours.js": "text/javascript; charset=utf-8",
    "pkg/parcours_bg.wasm": "application/wasm",
    "vendor/fflate.js": "text/javascript; charset=utf-8",
    "lot-xlsx.js": "text/javascript; charset=utf-8",
    "dsfr/dsfr.min.css": "text/css; charset=utf-8",
    "dsfr/fonts/Marianne-Regular.woff2": "font/woff2",
    "dsfr/icons/system/fr--error-fill.svg": "image/svg+xml",
    "dsfr/favicon/favicon.ico": "image/x-icon",
    "dsfr/favicon/apple-touch-icon.png": "image/png",
  };
  for (const [path, type] of Object.entries(expected)) {
    const response = await fetch(server.url + path);
    assert.equal(response.status, 200, path);
    assert.equal(response.headers.get("content-type"), type, path);
    await response.arrayBuffer();
  }
});

test("every answer carries the CSP and nosniff, errors included", async () => {
  for (const path of ["", "pkg/parcours_bg.wasm", "no-such-page.html"]) {
    const response = await fetch(server.url + path);
    assert.equal(response.headers.get("content-security-policy"), CSP, path);
    assert.equal(response.headers.get("x-content-type-options"), "nosniff", path);
    await response.arrayBuffer();
  }
});

test("lists no directory and refuses paths that leave the served folders", async () => {
  for (const path of ["/pkg/", "/dsfr/", "/dsfr/fonts/", "/missing.js"]) {
    assert.equal((await rawGet(path)).status, 404, path);
  }
  const escapes = [
    "/../package.json",
    "/pkg/../../package.json",
    "/pkg/..%2f..%2fpackage.json",
    "/pkg/%2e%2e/%2e%2e/package.json",
    "/dsfr/..%5c..%5c..%5cpackage.json",
    "/.npmrc",
    "/pkg/%00parcours.js",
    "/%E0%A4%A",
  ];
  for (const path of escapes) {
    const { status, body } = await rawGet(path);
    assert.ok(status === 400 || status === 404, `${path} → ${status}`);
    assert.doesNotMatch(body, /parcours-workspace|ignore-scripts/, path);
  }
});

test("is read-only", async () => {
  const { status, headers } = await rawGet("/", "POST");
  assert.equal(status, 405);
  assert.equal(headers.allow, "GET, HEAD");
  const head = await rawGet("/pkg/parcours_bg.wasm", "HEAD");
  assert.equal(head.status, 200);
  assert.equal(head.body, "");
});

test("as a command, prints one line with its address and serves there", async (t) => {
  const script = fileURLToPath(new URL("../../scripts/serve.mjs", import.meta.url));
  const child = spawn(process.execPath, [script, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  t.after(() => child.kill());
  const firstOutput = await new Promise((resolve, reject) => {
    child.stdout.once("data", (chunk) => resolve(String(chunk)));
    child.once("exit", (code) => reject(new Error(`serve exited with ${code}`)));
  });
  assert.match(firstOutput, /^serving http:\/\/127\.0\.0\.1:\d+\/\n$/);
  const url = firstOutput.slice("serving ".length).trim();
  const response = await fetch(url);
  assert.equal(response.status, 200);
  assert.match(await response.text(), /questionnaire\.html/);
});

test("scripts/demo.sh serves in under 3 s when nothing changed since the last build", async () => {
  // Run after `bash scripts/build.sh`: the stamps in pkg/ match, nothing is rebuilt.
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const began = performance.now();
  const demo = spawn("bash", ["scripts/demo.sh"], { cwd: root, env: { ...process.env, PORT: "0" }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  demo.stdout.on("data", (chunk) => (output += chunk));
  demo.stderr.on("data", (chunk) => (output += chunk));
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not serving after 10 s:\n${output}`)), 10_000);
      demo.stdout.on("data", () => {
        const match = /serving (http:\/\/\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      demo.on("exit", (code) => reject(new Error(`demo.sh exited (${code}):\n${output}`)));
    });
    assert.equal((await fetch(url)).status, 200);
    const seconds = (performance.now() - began) / 1000;
    assert.ok(seconds < 3, `served after ${seconds.toFixed(1)} s`);
    assert.match(output, /the module is up to date/);
    assert.match(output, /the kit and the package are up to date/);
  } finally {
    demo.kill();
  }
});
