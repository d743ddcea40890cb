// Programme files given at run time through the shipped package (issue 14, item 6):
// the browser's fourth module, pkg/web/parcours_programmes (loaded here in Node with
// initSync, as a bundler would), and Node's build (pkg/node), which has
// registerProgramme too. Hostile files are answers with their place, never a throw nor
// a trap, and never a half-registered programme: after each, the module still answers
// with the programmes it had. Needs scripts/build.sh first.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const m = await import("../../pkg/web/parcours_programmes.js");
m.initSync({ module: readFileSync(new URL("../../pkg/web/parcours_programmes_bg.wasm", import.meta.url)) });
const node = createRequire(import.meta.url)("../../pkg/node/parcours.js");

const base = JSON.parse(readFileSync(new URL("../../programmes/plie-flandre-lys.json", import.meta.url), "utf8"));

/** The Flandre Lys file under another id and dates, `change` applied to a copy. */
function programme(id, from = "2030-01-01", to = "2030-12-31", change = () => {}) {
  const p = structuredClone(base);
  delete p.$schema;
  Object.assign(p, { id, valid_from: from, valid_to: to });
  change(p);
  return JSON.stringify(p, null, 2);
}

function eligibility(module, id, date, facts = { birth_date: "1980-01-01", commune_insee: "59017" }) {
  return module.check({ check: "eligibility", programme: id, decision_date: date, facts });
}

/** The module still answers with the programmes it had: a built-in one and `known`. */
function stillAnswers(module, known = []) {
  assert.equal(eligibility(module, "plie-flandre-lys", "2017-06-01").decision.programme.id, "plie-flandre-lys");
  const ids = module.programmes().map((p) => p.id);
  for (const id of known) {
    assert.ok(ids.includes(id), `${id} is still listed`);
    assert.equal(eligibility(module, id, "2030-06-01").decision.programme.id, id);
  }
}

/** Refused with problems whose first is at `path` (if given) and says `words`. */
function refused(answer, words, path) {
  assert.equal(answer.registered, false, JSON.stringify(answer));
  assert.equal(answer.id, undefined);
  assert.ok(answer.problems.length >= 1);
  const [p] = answer.problems;
  assert.equal(p.code, "programme_file_invalid");
  if (path) assert.equal(p.path, path);
  assert.ok(Number.isInteger(p.line) && p.line >= 1, JSON.stringify(p));
  assert.ok(Number.isInteger(p.column) && p.column >= 1, JSON.stringify(p));
  assert.match(p.message, words);
  return p;
}

test("a programme file registers, is listed and answers eligibility with its rules", () => {
  // Adults from 30 here, where Flandre Lys says 26: the registered rules answer.
  const text = programme("plie-essai-js", "2030-01-01", "2030-12-31", (p) => {
    p.name = "PLIE d'essai";
    p.rules[1].min = 30;
    delete p.rules[1].derogation;
  });
  assert.deepEqual(m.checkProgramme(text), []);
  assert.ok(!m.programmes().some((p) => p.id === "plie-essai-js"), "checkProgramme keeps nothing");
  const answer = m.registerProgramme(text);
  assert.deepEqual(answer, { registered: true, id: "plie-essai-js", status: "new", versions: ["2030-01-01"], problems: [] });
  const listed = m.programmes("fr").find((p) => p.id === "plie-essai-js");
  assert.equal(listed?.name, "PLIE d'essai");
  const young = eligibility(m, "plie-essai-js", "2030-06-01", { birth_date: "2002-01-01", commune_insee: "59017" });
  assert.equal(young.decision.programme.id, "plie-essai-js");
  const age = young.decision.rules.find((r) => r.rule === "ENT-AGE");
  assert.ok(age, JSON.stringify(young.decision));
  assert.equal(age.status, "failed", JSON.stringify(age));
  const builtIn = eligibility(m, "plie-flandre-lys", "2017-06-01", { birth_date: "1989-01-01", commune_insee: "59017" });
  assert.equal(builtIn.decision.rules.find((r) => r.rule === "ENT-AGE").status, "passed");
  // Other dates of the same id: a version; the same dates again: replaced.
  assert.equal(m.registerProgramme(programme("plie-essai-js", "2031-01-01", "2031-12-31")).status, "version");
  assert.equal(m.registerProgramme(text).status, "replaced");
  stillAnswers(m, ["plie-essai-js"]);
});

test("hostile programme files are answers with their place, and change nothing", () => {
  const good = programme("plie-bon-js");
  assert.equal(m.registerProgramme(good).registered, true);
  const hostile = [
    ["BOM", "\u{feff}" + good, /BOM/],
    ["trailing comma", good.replace(/\n}\s*$/, ",\n}"), /virgule en trop/],
    ["unclosed brace", good.replace(/}\s*$/, ""), /accolade \{ n'est pas fermée/],
    ["a number for a text", programme("plie-mal-js", "2030-01-01", "2030-12-31", (p) => (p.name = 12)), /type invalide/],
    ["a text for a number", programme("plie-mal-js", "2030-01-01", "2030-12-31", (p) => (p.rules[1].min = "vingt-six")), /type invalide/],
    ["an array for the file", "[" + good + "]", /un seul objet JSON|objet JSON/],
    ["an unknown fact", programme("plie-mal-js", "2030-01-01", "2030-12-31", (p) => (p.rules[2].facts = ["pas_un_fait"])), /fait inconnu "pas_un_fait" : déclarez-le/],
    ["10 MB", good.replace("{", `{"_": "${"x".repeat(10 * 1024 * 1024)}",`), /fichier trop grand/],
    ["empty", "", /./],
    ["not JSON", "programme: PLIE", /./],
    ["null bytes", "\u0000".repeat(64), /./],
    ["deep nesting", "[".repeat(100_000), /./],
  ];
  for (const [name, text, words] of hostile) {
    const answer = m.registerProgramme(text);
    refused(answer, words);
    assert.deepEqual(m.checkProgramme(text).map((p) => p.message), answer.problems.map((p) => p.message), name);
    stillAnswers(m, ["plie-bon-js"]);
  }
  assert.ok(!m.programmes().some((p) => p.id === "plie-mal-js"), "no refused file is listed");
  // A syntax error is placed where it is: the unclosed brace at the end, the comma on its line.
  const comma = refused(m.registerProgramme(good.replace(/\n}\s*$/, ",\n}")), /virgule/);
  assert.equal(comma.line, good.trimEnd().split("\n").length);
  // A file overlapping a known version is refused whole.
  refused(m.registerProgramme(programme("plie-bon-js", "2030-06-01", "2031-06-30")), /chevauche/, "valid_from");
  assert.equal(eligibility(m, "plie-bon-js", "2031-03-01").findings[0]?.code, "programme_not_in_force");
  stillAnswers(m, ["plie-bon-js"]);
});

test("anything but a text is refused, never thrown", () => {
  const cycle = {};
  cycle.self = cycle;
  const trap = new Proxy({}, { get() { throw new Error("trap"); } });
  const values = [undefined, null, 5, true, 10n, Symbol("s"), {}, [], cycle, trap, () => "{}", new String("{}"), new Uint8Array(4)];
  for (const value of values) {
    const answer = m.registerProgramme(value);
    assert.equal(answer.registered, false, String(typeof value));
    assert.ok(answer.problems.length >= 1);
    assert.ok(Array.isArray(m.checkProgramme(value)));
  }
  // Odd locales are French.
  for (const locale of [undefined, null, "de", 5, {}]) {
    assert.match(m.registerProgramme("{", locale).problems[0].message, /accolade|fin du fichier|fichier/);
  }
  stillAnswers(m);
});

test("messages are French by default, English on request", () => {
  const twice = programme("plie-deux-js").replace('"id": "plie-deux-js"', '"id": "plie-deux-js", "id": "plie-deux-js"');
  assert.match(m.registerProgramme(twice).problems[0].message, /champ écrit deux fois/);
  assert.match(m.registerProgramme(twice, "fr").problems[0].message, /champ écrit deux fois/);
  assert.match(m.registerProgramme(twice, "en").problems[0].message, /duplicate field/);
  assert.match(m.checkProgramme(twice, "en")[0].message, /duplicate field/);
});

test("a file of 10,000 rules is refused with its place; 500 register", () => {
  const many = (id, n) =>
    programme(id, "2030-01-01", "2030-12-31", (p) => {
      const rule = { ...p.rules[2], source: "Cahier des charges PLIE Flandre Lys 2017, §1" };
      p.rules = Array.from({ length: n }, () => rule);
    }).replace(/\n\s*/g, "");
  const text = many("plie-regles-js", 10_000); // 1.6 MB: under the 2 MB bound
  assert.ok(text.length > 1_500_000 && text.length < 2_000_000, String(text.length));
  const answer = m.registerProgramme(text);
  assert.equal(answer.registered, false);
  assert.equal(answer.problems[0].path, "rules");
  assert.match(answer.problems[0].message, /10000 règles ; au plus 500 règles par fichier/);
  assert.ok(answer.problems[0].line >= 1 && answer.problems[0].column >= 1);
  stillAnswers(m, []);
  const five = m.registerProgramme(many("plie-regles-js", 500));
  assert.equal(five.registered, true, JSON.stringify(five.problems));
  assert.equal(eligibility(m, "plie-regles-js", "2030-06-01").decision.programme.id, "plie-regles-js");
});

test("Node's build registers files too, in its own registry", () => {
  const text = programme("plie-node-js");
  refused(node.registerProgramme(text.slice(0, -3)), /accolade/);
  assert.equal(node.registerProgramme(text).status, "new");
  assert.equal(eligibility(node, "plie-node-js", "2030-06-01").decision.programme.id, "plie-node-js");
  assert.ok(!m.programmes().some((p) => p.id === "plie-node-js"));
  stillAnswers(node, ["plie-node-js"]);
});

test("the package exports the module as parcours/programmes, with its declarations", () => {
  const pkg = JSON.parse(readFileSync(new URL("../../pkg/package.json", import.meta.url), "utf8"));
  const entry = pkg.exports["./programmes"];
  assert.deepEqual(entry, { types: "./web/parcours_programmes.d.ts", node: "./node/parcours.js", default: "./web/parcours_programmes.js" });
  assert.equal(pkg.exports["./parcours_programmes_bg.wasm"], "./web/parcours_programmes_bg.wasm");
  for (const file of [entry.types, entry.node, entry.default, pkg.exports["./parcours_programmes_bg.wasm"]]) {
    assert.ok(readFileSync(new URL(`../../pkg/${file}`, import.meta.url)).length > 0, file);
  }
  const types = readFileSync(new URL("../../pkg/web/parcours_programmes.d.ts", import.meta.url), "utf8");
  assert.match(types, /export function registerProgramme\(text: string, locale\?: Locale\): Registration;/);
  assert.match(types, /export function checkProgramme\(text: string, locale\?: Locale\): FileProblem\[\];/);
  // The other browser modules do not have it.
  for (const name of ["parcours", "parcours_full", "parcours_lot"]) {
    assert.doesNotMatch(readFileSync(new URL(`../../pkg/web/${name}.js`, import.meta.url), "utf8"), /registerProgramme/, name);
  }
});
