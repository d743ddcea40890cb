#!/usr/bin/env node
// Serves the demo pages on 127.0.0.1 with no dependency but Node itself:
//   /        → www/
//   /pkg/    → pkg/web/   (the wasm-bindgen package built by scripts/build.sh)
//   /vendor/ → pkg/vendor/ (fflate, the workbook unzipper, copied there by scripts/build.sh)
//   /dsfr/   → node_modules/@gouvfr/dsfr/dist/
// Read-only (GET and HEAD), no directory listing, no path outside those folders,
// and a strict Content-Security-Policy: the pages run only their own module
// scripts and the wasm module, and talk to nobody but this server. One exception
// to read-only: the demo "legacy portal" (www/legacy.html) posts its form to
// /legacy-envoi, which discards the body unread and redirects to a confirmation.
//
//   node scripts/serve.mjs [--port N]      (or PORT=N; default 8080; 0 = any free port)
//
// Tests start it in-process: `const { url, close } = await start({ port: 0 })`.

import { createServer } from "node:http";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));

/** URL prefix → folder it serves, longest prefix first. */
const mounts = [
  ["/pkg/", join(root, "pkg", "web")],
  ["/vendor/", join(root, "pkg", "vendor")],
  ["/dsfr/", join(root, "node_modules", "@gouvfr", "dsfr", "dist")],
  ["/", join(root, "www")],
];

const mimeTypes = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".txt": "text/plain; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
};

const securityHeaders = {
  "Content-Security-Policy": [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join("; "),
  "X-Content-Type-Options": "nosniff",
  // The questionnaire holds personal data: never leak the page address.
  "Referrer-Policy": "no-referrer",
  // A demo that is rebuilt often: always revalidate.
  "Cache-Control": "no-cache",
};

/**
 * Maps a request path to a file path inside one of the mounts, or null when the
 * path is malformed or tries to leave its folder. Hidden names (".git") are refused.
 */
export function resolvePath(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return null;
  const [prefix, dir] = mounts.find(([p]) => decoded.startsWith(p)) ?? [];
  if (!dir) return null;
  const rest = decoded.slice(prefix.length);
  if (rest.split("/").some((segment) => segment.startsWith("."))) return null;
  const file = resolve(dir, rest);
  if (file !== dir && !file.startsWith(dir + sep)) return null;
  return file;
}

/** The file to send for `file`: itself, or the index.html of a folder; null if none. */
async function findFile(file) {
  const info = await stat(file).catch(() => null);
  if (info?.isFile()) return { file, size: info.size };
  if (info?.isDirectory()) {
    const index = join(file, "index.html");
    const indexInfo = await stat(index).catch(() => null);
    if (indexInfo?.isFile()) return { file: index, size: indexInfo.size };
  }
  return null;
}

function sendText(res, status, text, extra = {}) {
  res.writeHead(status, {
    ...securityHeaders,
    "Content-Type": "text/plain; charset=utf-8",
    ...extra,
  });
  res.end(text);
}

/** Form posts the demo accepts: path → page to redirect to (303, post/redirect/get). */
const formPosts = { "/legacy-envoi": "/legacy-envoye.html" };
const MAX_POST_BYTES = 64 * 1024;

/** Reads nothing of the body (personal data): drains it, then redirects. */
function acceptFormPost(req, res, location) {
  let size = 0;
  req.on("data", (chunk) => {
    size += chunk.length;
    if (size > MAX_POST_BYTES) {
      sendText(res, 413, "Payload too large\n", { Connection: "close" });
      req.destroy();
    }
  });
  req.on("end", () => {
    if (res.headersSent) return;
    res.writeHead(303, { ...securityHeaders, Location: location, "Content-Length": 0 });
    res.end();
  });
}

async function handle(req, res) {
  const post = req.method === "POST" && Object.hasOwn(formPosts, req.url) && formPosts[req.url];
  if (post) {
    acceptFormPost(req, res, post);
    return;
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    sendText(res, 405, "Method not allowed\n", { Allow: "GET, HEAD" });
    return;
  }
  const { pathname } = new URL(req.url, "http://127.0.0.1");
  // The raw request target, not the parsed one: URL parsing already folds "..".
  const rawPath = req.url.split("?")[0];
  if (rawPath !== pathname) {
    sendText(res, 400, "Bad request\n");
    return;
  }
  const target = resolvePath(pathname);
  const found = target && (await findFile(target));
  if (!found) {
    sendText(res, 404, "Not found\n");
    return;
  }
  res.writeHead(200, {
    ...securityHeaders,
    "Content-Type": mimeTypes[extname(found.file).toLowerCase()] ?? "application/octet-stream",
    "Content-Length": found.size,
  });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  createReadStream(found.file)
    .on("error", () => res.destroy())
    .pipe(res);
}

/**
 * Starts the server on 127.0.0.1:`port` (0 picks a free port).
 * Resolves to `{ url, close }`, `url` ending with "/", `close()` returning a promise.
 */
export function start({ port = 8080 } = {}) {
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendText(res, 500, "Internal error\n");
      else res.destroy();
    });
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const url = `http://127.0.0.1:${server.address().port}/`;
      const close = () =>
        new Promise((done) => {
          server.close(() => done());
          server.closeAllConnections();
        });
      resolvePromise({ url, close });
    });
  });
}

/** --port N, else PORT, else 8080. */
function portFromArgs(args, env) {
  const i = args.indexOf("--port");
  const raw = i >= 0 ? args[i + 1] : env.PORT ?? "8080";
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`serve: invalid port ${JSON.stringify(raw)}`);
  }
  return port;
}

const runDirectly = process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (runDirectly) {
  try {
    const { url } = await start({ port: portFromArgs(process.argv.slice(2), process.env) });
    console.log(`serving ${url}`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
