// Nothing special for parcours: the defaults find the .wasm. The build is written
// outside the source tree, under the repository's target/.
import { fileURLToPath } from "node:url";

export default {
  root: fileURLToPath(new URL(".", import.meta.url)),
  logLevel: "warn",
  build: {
    outDir: fileURLToPath(new URL("../../target/vite-app", import.meta.url)),
    emptyOutDir: true,
  },
};
