// The benchmark's static server, on 127.0.0.1 only: the shipped browser build
// (/pkg/ → pkg/web), the peers' bundles (/bundles/ → target/bench/bundles), the
// benchmark sources (/bench/) and the base records the inputs are built from.
// Responses are cacheable (max-age=3600), so a second visit measures a warm cache. The
// page's Content-Security-Policy is strict unless the page asks `?csp=eval`: ajv's run-
// time compilation and zod's JIT need 'unsafe-eval', which a strict portal forbids.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const mounts = [
  ["/pkg/", join(root, "pkg", "web")],
  ["/bundles/", join(root, "target", "bench", "bundles")],
  ["/bench/", join(root, "bench")],
  ["/tests/cases/questionnaire/", join(root, "tests", "cases", "questionnaire")],
];
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
};

export const CSP = {
  strict: "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'",
  eval: "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'; object-src 'none'; base-uri 'none'",
};

function fileOf(pathname) {
  const [prefix, dir] = mounts.find(([p]) => pathname.startsWith(p)) ?? [];
  if (!dir) return null;
  const file = resolve(dir, decodeURIComponent(pathname.slice(prefix.length)));
  return file.startsWith(dir + sep) && !file.includes(`${sep}.`) ? file : null;
}

/**
 * The first-answer page with `?hints=1`: `<link>` hints in its head that start
 * fetching the subject's files while the HTML is parsed, as a portal would write them
 * (`modulepreload` of the script; for parcours also `preload` of the .wasm, which the
 * glue fetches itself). Every subject gets the hints for its own files.
 */
export function hintsFor(subject) {
  if (subject === "parcours") {
    return '<link rel="modulepreload" href="/pkg/parcours.js">\n<link rel="preload" href="/pkg/parcours_bg.wasm" as="fetch" type="application/wasm" crossorigin>\n';
  }
  return /^[a-z-]+$/.test(subject ?? "") ? `<link rel="modulepreload" href="/bundles/${subject}.js">\n` : "";
}

/** Starts the server; resolves to `{ url, close }`. */
export function start({ port = 0 } = {}) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    const file = fileOf(url.pathname);
    let body = file && (await readFile(file).catch(() => null));
    if (body && url.pathname === "/bench/page/load.html" && url.searchParams.get("hints") === "1") {
      const html = body.toString("utf8");
      const at = html.indexOf("<script");
      body = Buffer.from(html.slice(0, at) + hintsFor(url.searchParams.get("subject")) + html.slice(at));
    }
    if (!body || req.method !== "GET") {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("Not found\n");
      return;
    }
    res.writeHead(200, {
      "Content-Type": types[extname(file)] ?? "application/octet-stream",
      "Content-Length": body.length,
      "Cache-Control": "public, max-age=3600",
      "Content-Security-Policy": CSP[url.searchParams.get("csp") === "eval" ? "eval" : "strict"],
    });
    res.end(body);
  });
  return new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () =>
      done({
        url: `http://127.0.0.1:${server.address().port}/`,
        close: () => new Promise((closed) => { server.close(() => closed()); server.closeAllConnections(); }),
      }),
    );
  });
}
