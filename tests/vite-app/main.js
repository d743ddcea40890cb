// An integrator's entry point: the package imported by name, as from npm. The
// bundler follows attach.js's lazy import of parcours.js and the glue's
// new URL("parcours_bg.wasm", import.meta.url): nothing is copied by hand.
import { attach } from "parcours/attach";

const form = document.getElementById("inscription");
const checks = attach(form, {
  reference_date: "2026-11-23",
  fields: { naissance: "identity.birth_date" },
  classes: { error: "erreur" },
});

// The main entry, imported lazily as well, shares the module attach() loaded: one
// fetch, one compilation.
checks.ready.then(async (live) => {
  if (!live) return;
  const { default: init, schema } = await import("parcours");
  await init();
  document.getElementById("sections").value = String(schema("fr").sections.length);
});
