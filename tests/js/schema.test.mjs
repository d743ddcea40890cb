// The programme file's JSON Schema (schema/programme.schema.json, shipped in the
// package as parcours/programme.schema.json) against the reader it describes
// (src/programme/file.rs): every built-in file validates; on hand-written files the
// schema and the reader (the command-line program's `--programme FILE programmes`,
// exit 0 or 2) give the same verdict; every property has its French description.
// Needs the native build (target/debug/parcours) and `scripts/build.sh` first.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const root = new URL("../../", import.meta.url).pathname;
const schema = JSON.parse(readFileSync(join(root, "schema/programme.schema.json"), "utf8"));
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
addFormats(ajv);
const validate = ajv.compile(schema);
const cli = process.env.PARCOURS_CLI ?? join(root, "target/debug/parcours");

test("the schema is draft 2020-12 with an $id", () => {
  assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
  assert.ok(schema.$id);
});

test("every built-in programme file validates against the schema", () => {
  const files = readdirSync(join(root, "programmes")).filter((n) => n.endsWith(".json"));
  assert.ok(files.length >= 7, files.join(", "));
  for (const f of files) {
    const ok = validate(JSON.parse(readFileSync(join(root, "programmes", f), "utf8")));
    assert.ok(ok, `${f}: ${ajv.errorsText(validate.errors)}`);
  }
});

test("the example file of `parcours programme check` validates against the schema", () => {
  const dir = join(root, "tests/programme_check");
  for (const f of readdirSync(dir).filter((n) => n.endsWith(".json"))) {
    const ok = validate(JSON.parse(readFileSync(join(dir, f), "utf8")));
    assert.ok(ok, `${f}: ${ajv.errorsText(validate.errors)}`);
  }
});

test("the package ships the schema", () => {
  const pkg = JSON.parse(readFileSync(join(root, "pkg/package.json"), "utf8"));
  assert.equal(pkg.exports["./programme.schema.json"], "./programme.schema.json");
  assert.ok(pkg.files.includes("programme.schema.json"));
  assert.deepEqual(JSON.parse(readFileSync(join(root, "pkg/programme.schema.json"), "utf8")), schema);
});

/** Every property schema in `s`, with its place. */
function* properties(s, at = "#") {
  if (Array.isArray(s)) {
    for (const [i, v] of s.entries()) yield* properties(v, `${at}/${i}`);
  } else if (s && typeof s === "object") {
    for (const [k, v] of Object.entries(s)) {
      if (k === "properties") {
        for (const [name, p] of Object.entries(v)) yield [`${at}/properties/${name}`, p];
      }
      if (k !== "examples" && k !== "const" && k !== "enum") yield* properties(v, `${at}/${k}`);
    }
  }
}

test("every property has a title and a description in French", () => {
  const list = [...properties(schema)];
  assert.ok(list.length > 60, `${list.length} properties`);
  for (const [at, p] of list) {
    if (at.endsWith("/properties/kind") && p.const !== undefined) continue; // a branch's discriminator
    assert.ok(typeof p.description === "string" && p.description.length >= 10, `${at}: no description`);
    assert.ok(typeof p.title === "string" && p.title.length > 0, `${at}: no title`);
    // French: an accented letter, a French word, or « » — never an English sentence.
    assert.match(p.description, /[éèàêçùô«]|\b(le|la|les|un|une|des|du|de|en|au|si|ou)\b/i, `${at}: ${p.description}`);
  }
});

// The differential: hand-written files, each given to both. A valid base (the Flandre
// Lys PLIE's file under another id and dates) and changes to it.
const base = () => {
  const v = JSON.parse(readFileSync(join(root, "programmes/plie-flandre-lys.json"), "utf8"));
  return { ...v, id: "plie-schema-essai", valid_from: "2030-01-01", valid_to: "2030-12-31" };
};
const cases = {
  accepted: {
    "the base": () => {},
    "no $schema": (v) => delete v.$schema,
    "a dated name": (v) => (v.name = { "2030-01-01": "PLIE A", "2030-06-01": "PLIE B" }),
    "a dated age bound": (v) => (v.rules[1].max = { "2030-01-01": 60, "2030-07-01": 62 }),
    "a dated exit route": (v) => (v.exits.routes[4] = { "2030-01-01": v.exits.routes[4], "2030-03-01": { ...v.exits.routes[4], more_than_months: 12 } }),
    "territory national": (v) => (v.territory = "national"),
    "territory by départements": (v) => (v.territory = { departements: ["59", "62", "2A"] }),
    "an any_of with a duration since a date": (v) =>
      v.rules.push({ id: "ENT-PUBLIC", kind: "any_of", source: "Cahier des charges, §2 (« public »)", conditions: [{ fact: "rsa" }, { since: "last_individual_interview_date", more_than_months: 4 }] }),
    "no optional part": (v) => { delete v.capacity; delete v.procedure; delete v.exits; delete v.follow_up; },
    "a version, an author and examples": (v) => {
      v.version = "2030.1";
      v.author = "Service insertion";
      v.examples = [
        { name: "éligible", decision_date: "2030-03-01", facts: { rsa: true }, expect: { outcome: "eligible", missing: [], rules: { "ENT-AGE": "passed" } } },
        { name: "un fait manque", decision_date: "2030-03-01", expect: { outcome: "incomplete" } },
      ];
    },
    "declared facts read by all_of and any_of": (v) => {
      v.facts = [
        { id: "accompagne_spe", kind: "yes_no", label: { fr: "Accompagné par le service public de l'emploi", en: "Followed by the public employment service" } },
        { id: "niveau", kind: "choice", label: { fr: "Niveau de qualification" }, values: [{ id: "sans_diplome", label: { fr: "Sans diplôme" } }, { id: "bac", label: { fr: "Bac" } }] },
      ];
      v.rules.push({ id: "ENT-PUBLIC", kind: "all_of", source: "Cahier des charges, §2", conditions: [{ fact: "accompagne_spe", is: false }] });
      v.rules.push({ id: "ENT-PUBLIC", kind: "any_of", source: "Cahier des charges, §2", conditions: [{ fact: "niveau", in: ["sans_diplome"] }] });
    },
  },
  refused: {
    "an unknown field": (v) => (v.titre = "PLIE"),
    "an unknown field in a rule": (v) => (v.rules[1].maximum = 60),
    "an unknown field in a rule with no parameter": (v) => (v.rules[0].rayon = 10),
    "an unknown field in a follow-up rule with no parameter": (v) =>
      (v.follow_up.rules.find((r) => r.kind === "absence_reminders").delai = 7),
    "$schema inside a rule": (v) => (v.rules[0].$schema = "x"),
    "$schema not a text": (v) => (v.$schema = 3),
    "a number for a date": (v) => (v.valid_from = 20300101),
    "a date that does not exist": (v) => (v.valid_to = "2030-02-30"),
    "a rule kind not in the list": (v) => (v.rules[0].kind = "between"),
    "a rule identifier not in the list": (v) => (v.rules[0].id = "ENT-FOO"),
    "a dated value whose key is not a date": (v) => (v.name = { "01/01/2030": "PLIE" }),
    "a dated value with a month 13": (v) => (v.name = { "2030-13-01": "PLIE" }),
    "a threshold as text": (v) => (v.rules[1].min = "26"),
    "a negative threshold": (v) => (v.rules[1].min = -1),
    "a fact name no fact can have": (v) => (v.rules[2].facts = ["Chômeur"]),
    "a declared fact of an unknown kind": (v) => {
      v.facts = [{ id: "neet", kind: "texte", label: { fr: "NEET" } }];
      v.rules[2].facts = ["neet"];
    },
    "a declared fact without its French label": (v) => {
      v.facts = [{ id: "neet", kind: "yes_no", label: { en: "NEET" } }];
      v.rules[2].facts = ["neet"];
    },
    "a public no fact can name": (v) => (v.rules[4].publics = ["Seniors"]),
    "no rule": (v) => (v.rules = []),
    "rules missing": (v) => delete v.rules,
    "a territory not in the list": (v) => (v.territory = "europe"),
    "a contract type not in the list": (v) => (v.exits.routes[0].except = ["interim_long"]),
    "an exit without its positive kind": (v) => delete v.exits.routes[0].positive_kind,
    "a follow-up kind not in the list": (v) => (v.follow_up.rules[0].kind = "weekly_call"),
    "an entry step not in the list": (v) => (v.procedure.steps = ["lottery"]),
    "a renewal rate over 100": (v) => (v.capacity.annual_renewal = { rate: 120, source: "Cahier des charges, §3" }),
    "an example whose outcome is not in the list": (v) => (v.examples = [{ name: "a", decision_date: "2030-03-01", expect: { outcome: "oui" } }]),
    "an example without its decision date": (v) => (v.examples = [{ name: "a", expect: { outcome: "eligible" } }]),
    "an example with an unknown field": (v) => (v.examples = [{ name: "a", decision_date: "2030-03-01", resultat: 1, expect: { outcome: "eligible" } }]),
    "an example expecting a rule not in the list": (v) => (v.examples = [{ name: "a", decision_date: "2030-03-01", expect: { outcome: "eligible", rules: { "ENT-FOO": "passed" } } }]),
    "an example expecting a status not in the list": (v) => (v.examples = [{ name: "a", decision_date: "2030-03-01", expect: { outcome: "eligible", rules: { "ENT-AGE": "ok" } } }]),
    "examples as a dated value": (v) => (v.examples = { "2030-01-01": [] }),
    "a version that is not a text": (v) => (v.version = 2),
    "more than 500 rules": (v) => (v.rules = Array.from({ length: 501 }, () => v.rules[0])),
    "a condition with an unknown field": (v) =>
      v.rules.push({ id: "ENT-PUBLIC", kind: "any_of", source: "Cahier des charges, §2", conditions: [{ fact: "rsa", depuis: 3 }] }),
  },
  // What the schema cannot say (a name's reference to a declaration): the reader alone
  // refuses these, each with its place (docs/programmes.md).
  "refused by the reader only": {
    "a fact neither declared nor the module's": (v) => (v.rules[2].facts = ["chomeur"]),
    "a public neither the module's nor a declared yes/no fact": (v) => (v.rules[4].publics = ["seniors"]),
    "a fact declared twice": (v) => {
      v.facts = [1, 2].map(() => ({ id: "neet", kind: "yes_no", label: { fr: "NEET" } }));
      v.rules[2].facts = ["neet"];
    },
    "a choice value not in its list": (v) => {
      v.facts = [{ id: "niveau", kind: "choice", label: { fr: "Niveau" }, values: [{ id: "bac", label: { fr: "Bac" } }] }];
      v.rules.push({ id: "ENT-PUBLIC", kind: "any_of", source: "Cahier des charges, §2", conditions: [{ fact: "niveau", in: ["licence"] }] });
    },
    "a declared id that is the module's": (v) => {
      v.facts = [{ id: "rsa", kind: "yes_no", label: { fr: "RSA" } }];
    },
  },
};

test("the schema and the reader agree on hand-written files", { skip: !existsSync(cli) && `no ${cli}: run the native build first` }, () => {
  const dir = mkdtempSync(join(tmpdir(), "parcours-schema-"));
  const differ = [];
  try {
    for (const [verdict, list] of Object.entries(cases)) {
      for (const [name, change] of Object.entries(list)) {
        const v = base();
        change(v);
        const file = join(dir, "programme.json");
        writeFileSync(file, JSON.stringify(v, null, 2));
        const run = spawnSync(cli, ["--programme", file, "programmes"], { stdio: ["ignore", "ignore", "pipe"] });
        const reader = run.status === 0 ? "accepted" : run.status === 2 ? "refused" : `exit ${run.status}`;
        const bySchema = validate(v) ? "accepted" : "refused";
        const [readerShould, schemaShould] = verdict === "refused by the reader only" ? ["refused", "accepted"] : [verdict, verdict];
        if (reader !== readerShould || bySchema !== schemaShould) {
          differ.push(`${name}: expected ${verdict}, reader ${reader} (${run.stderr.toString().trim().slice(0, 160)}), schema ${bySchema}`);
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.deepEqual(differ, []);
});
