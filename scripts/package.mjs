// Writes pkg/package.json (one package, a browser build and a Node build, and the
// embedding kit `parcours/attach`), copies the changelog beside it, and prints the
// shipped size of the browser build: .wasm plus its JavaScript glue, raw, gzip and
// brotli (budget 80 KB gzip), then the kit's own size (budget 16 KB gzip).
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const cargo = readFileSync("Cargo.toml", "utf8");
const version = /^version = "([^"]+)"/m.exec(cargo)[1];
const pkg = {
  name: "parcours",
  version,
  description: "FSE+ participant questionnaire validation and French employment-insertion programme rules, in WebAssembly.",
  license: "MIT OR Apache-2.0",
  type: "module",
  files: ["web/", "node/", "CHANGELOG.md"],
  types: "./web/parcours.d.ts",
  exports: {
    ".": {
      types: "./web/parcours.d.ts",
      node: "./node/parcours.js",
      default: "./web/parcours.js",
    },
    "./web": { types: "./web/parcours.d.ts", default: "./web/parcours.js" },
    "./node": { types: "./node/parcours.d.ts", default: "./node/parcours.js" },
    // The embedding kit: browsers and bundlers only (it works on a DOM form).
    "./attach": { types: "./web/attach.d.ts", default: "./web/attach.js" },
    // The same with no code: attaches to every form with data-parcours-reference-date.
    "./attach-auto": { types: "./web/attach-auto.d.ts", default: "./web/attach-auto.js" },
    "./parcours_bg.wasm": "./web/parcours_bg.wasm",
  },
  // Only attach-auto.js does something when imported: a bundler must keep it.
  sideEffects: ["./web/attach-auto.js"],
};
writeFileSync("pkg/package.json", JSON.stringify(pkg, null, 2) + "\n");
copyFileSync("CHANGELOG.md", "pkg/CHANGELOG.md");
// pkg/node is CommonJS inside a "type": "module" package.
writeFileSync("pkg/node/package.json", JSON.stringify({ type: "commonjs" }, null, 2) + "\n");

const wasm = readFileSync("pkg/web/parcours_bg.wasm");
const glue = readFileSync("pkg/web/parcours.js");
const kb = (n) => (n / 1024).toFixed(1) + " KB";
const gz = (b) => gzipSync(b, { level: 9 }).length;
const br = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const total = {
  raw: wasm.length + glue.length,
  gzip: gz(wasm) + gz(glue),
  brotli: br(wasm) + br(glue),
};
console.log(
  `size: pkg/web .wasm + glue = ${kb(total.raw)} raw, ${kb(total.gzip)} gzip, ${kb(total.brotli)} brotli ` +
    `(wasm ${kb(wasm.length)} / ${kb(gz(wasm))} gzip; budget 80 KB gzip)`,
);
// The kit: what a portal page loads before the module (attach.js and the files it imports).
const kitFiles = readdirSync("pkg/web").filter((name) => /^attach.*\.js$/.test(name));
const kit = kitFiles.map((name) => readFileSync(`pkg/web/${name}`));
const kitSize = { raw: kit.reduce((n, b) => n + b.length, 0), gzip: kit.reduce((n, b) => n + gz(b), 0) };
console.log(`size: attach kit (${kitFiles.length} files) = ${kb(kitSize.raw)} raw, ${kb(kitSize.gzip)} gzip (budget 16 KB gzip)`);
if (total.gzip > 80 * 1024) {
  console.error("size: over the 80 KB gzip budget");
  process.exit(1);
}
if (kitSize.gzip > 16 * 1024) {
  console.error("size: the attach kit is over its 16 KB gzip budget");
  process.exit(1);
}
