// Puts the binding's JavaScript helper (crates/parcours-wasm/src/encode.js) into the generated glue, so a
// page loads two files (parcours.js, parcours_bg.wasm), not a third one that the glue
// would import before the .wasm fetch could start. wasm-bindgen emits the helper as
// snippets/<crate-hash>/src/encode.js and imports it by that path.
//
//   node scripts/inline-snippet.mjs DIR NAME   (DIR/NAME.js, DIR/snippets/)
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [dir, name] = process.argv.slice(2);
const gluePath = join(dir, `${name}.js`);
let glue = readFileSync(gluePath, "utf8");
const snippets = join(dir, "snippets");
const found = existsSync(snippets)
  ? readdirSync(snippets, { recursive: true }).filter((f) => String(f).endsWith("encode.js"))
  : [];
if (found.length !== 1) throw new Error(`inline-snippet: expected one encode.js under ${snippets}, found ${found.length}`);
// Its comments stay in crates/parcours-wasm/src/encode.js: the glue is shipped as it is, not minified.
const helper = "// src/encode.js\n" + readFileSync(join(snippets, String(found[0])), "utf8")
  .replace(/^\s*\/\/.*\n/gm, "")
  .replace(/^export function /m, "function ");
// ES module glue (web): import { encode } from './snippets/…/encode.js';
// CommonJS glue (nodejs): const { encode } = require(String.raw`./snippets/…/encode.js`);
const importLine = /^(import \{ encode \} from ['"][^'"]*encode\.js['"];|const \{ encode \} = require\(String\.raw`[^`]*encode\.js`\);)\n/m;
if (!importLine.test(glue)) throw new Error(`inline-snippet: no import of encode.js in ${gluePath}`);
glue = glue.replace(importLine, "") + "\n" + helper;
// wasm-bindgen copies each function's Rust documentation into the glue as JSDoc; the
// package's .d.ts files carry the same documentation (and the glue's first line
// points editors at them: @ts-self-types), so the shipped glue goes without: 0.7 KB
// gzip of the small module's 4.2 (BENCHMARKS.md, "Run 7: sizes").
glue = glue.replace(/^[ \t]*\/\*\*[\s\S]*?\*\/\n/gm, "");
writeFileSync(gluePath, glue);
rmSync(snippets, { recursive: true });
