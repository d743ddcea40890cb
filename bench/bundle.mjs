// Bundles each peer with its schema, minified, as a page would ship it: the Chromium
// benchmark loads these files, and their sizes are the peers' side of the size table.
// Vite (with its default minifier) from the repository's npm packages; one build per
// peer, so no chunk is shared. Writes target/bench/bundles/ID.js.
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { generate } from "./standalone.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

/** The peers' entry files, by subject id. */
export function entries() {
  return {
    ajv: `${root}bench/peers/ajv.mjs`,
    "ajv-standalone": generate(`${root}target/bench/ajv-standalone.mjs`),
    zod: `${root}bench/peers/zod.mjs`,
    valibot: `${root}bench/peers/valibot.mjs`,
  };
}

export async function bundleAll() {
  const out = {};
  for (const [id, entry] of Object.entries(entries())) {
    await build({
      configFile: false,
      logLevel: "warn",
      root,
      define: { "process.env.NODE_ENV": JSON.stringify("production") },
      build: {
        lib: { entry, formats: ["es"], fileName: () => `${id}.js` },
        outDir: `${root}target/bench/bundles`,
        emptyOutDir: false,
        minify: true,
        sourcemap: false,
        reportCompressedSize: false,
        // Library builds keep whitespace by default; a page ships it minified.
        rolldownOptions: { output: { minify: true } },
      },
    });
    out[id] = `${root}target/bench/bundles/${id}.js`;
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await bundleAll());
}
