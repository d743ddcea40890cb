#!/usr/bin/env node
// A realistic synthetic participant export, for `parcours lot`'s tests and benchmarks
// (issue 16). Seeded and deterministic: the same arguments give the same bytes.
//
//   node scripts/generate-export.mjs --rows 1000 --seed 1 --phase entry \
//        --out export.csv [--manifest manifest.json]
//
// Every row is a valid questionnaire of its phase (no error, no warning) except the
// rows with an injected fault: every 50th row from the 8th on gets one fault, the
// faults taken in turn from FAULTS below, each giving exactly one finding. The
// manifest says what was injected and what the checker must count: the findings by
// code, the rows kept out of the indicators and why, and every indicator by gender,
// computed here from the values written (not by parcours).
//
// The programme columns (programme.*, read by the dashboards of src/lot/dashboards.rs)
// come from a second random stream, so the questionnaire's columns stay the same bytes
// for a seed; every 97th row from the 13th on gets a programme fault in turn from
// PROGRAMME_FAULTS (a blank or unknown value), and the manifest's `dashboards` gives
// each table's lines and the rows it counts apart, computed here.
//
// Names, addresses and numbers are invented; no row describes a real person.

import { writeFileSync, openSync, writeSync, closeSync } from "node:fs";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, word, i, all) => {
    if (word.startsWith("--")) pairs.push([word.slice(2), all[i + 1]]);
    return pairs;
  }, []),
);
const ROWS = Number(args.rows ?? 1000);
const SEED = Number(args.seed ?? 1);
const PHASE = args.phase ?? "entry";
const OUT = args.out ?? "export.csv";
if (!Number.isInteger(ROWS) || ROWS < 1 || !["entry", "exit"].includes(PHASE)) {
  console.error("usage: generate-export.mjs --rows N --seed S --phase entry|exit --out FILE [--manifest FILE]");
  process.exit(2);
}

// mulberry32: small, seeded, the same on every platform.
let state = SEED >>> 0;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];
let programmeState = (SEED ^ 0x5bd1e995) >>> 0;
function programmeRandom() {
  programmeState = (programmeState + 0x6d2b79f5) >>> 0;
  let t = programmeState;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const programmePick = (list) => list[Math.floor(programmeRandom() * list.length)];
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));

const LAST = ["Durand", "Lefèvre", "Bénard", "Martin", "N'Diaye", "Petit", "Moreau", "Müller", "Garçon", "Nguyen", "Da Silva", "Lambert"];
const FIRST = ["Karim", "Élodie", "Chloé", "Mathéo", "Inès", "Léa", "Youssef", "Zoé", "Hugo", "Aïcha", "Noé", "Camille"];
// Postal code, INSEE code of a commune it serves (same département).
const PLACES = [
  ["59280", "59017"], ["59000", "59350"], ["62100", "62193"], ["01000", "01053"],
  ["02100", "02691"], ["75011", "75111"], ["69003", "69383"], ["13001", "13201"],
  ["33000", "33063"], ["06000", "06088"], ["08000", "08105"], ["50100", "50129"],
];
const STREETS = ["rue de Lille", "avenue Jean Jaurès", "place du Marché", "chemin des Prés", "boulevard Victor Hugo"];
const DIPLOMAS = ["none", "brevet", "cap_bep", "bac", "bac_2", "licence", "master", "doctorat"];
const ISCED = { none: "isced_0_2", brevet: "isced_0_2", cap_bep: "isced_3_4", bac: "isced_3_4", bac_2: "isced_5_8", licence: "isced_5_8", master: "isced_5_8", doctorat: "isced_5_8" };
const GENDERS = ["woman", "man", "non_binary"];

const COLUMNS = [
  "participant_id", "identity.last_name", "identity.first_name", "identity.gender",
  "identity.birth_date", "identity.nir", "contact.address", "contact.postal_code",
  "contact.commune_insee", "contact.email", "contact.phone", "operation.id",
  "operation.entry_date", "situation.employed", "situation.self_employed",
  "situation.unemployed", "situation.long_term_unemployed",
  "situation.unemployment_start_date", "situation.inactive",
  "situation.in_education_or_training", "situation.registered_france_travail",
  "education.diploma", "sensitive.disability", "sensitive.third_country_national",
  "sensitive.foreign_background", "sensitive.minority", "sensitive.homeless",
  "sensitive.rural_area", "benefits.rsa",
  ...(PHASE === "exit"
    ? ["operation.exit_date", "exit.situation_date", "exit.in_employment", "exit.self_employed",
       "exit.in_education_or_training", "exit.qualification_gained", "exit.job_searching"]
    : []),
  "programme.territory", "programme.entry_criterion", "programme.decision",
  "programme.exit_type", "programme.last_interview_date",
];

// The programme columns' values (src/lot/dashboards.rs).
const TERRITORIES = ["Armentiérais", "Flandre intérieure", "Lys", "Bailleulois"];
const DECISIONS = ["entry", "deferral", "refusal"];
const PUBLICS = ["rsa_socle", "rsa", "long_term_job_seeker", "qpv", "rqth_valid", "clause_sociale", "other"];
const EXIT_TYPES = ["durable_employment", "qualifying_training", "business_creation", "administrative", "other"];
const REFERENCE = "2025-12-31";
// More than two months before the reference date: before 2025-10-31.
const GAP_LIMIT = "2025-10-31";
const PROGRAMME_FAULTS = [
  (r) => { r["programme.territory"] = ""; },
  (r) => { r["programme.decision"] = "accepté"; },
  (r) => { r["programme.entry_criterion"] = ""; },
  (r) => { r["programme.entry_criterion"] = "jeune"; },
  (r) => { r["programme.exit_type"] = "cdi"; },
  (r) => { r["programme.last_interview_date"] = ""; },
  (r) => { r["programme.last_interview_date"] = "31/10/2025"; },
  (r) => { r["programme.last_interview_date"] = "2026-02-01"; },
  (r) => { r["programme.territory"] = "T".repeat(61); },
  (r) => { r["programme.decision"] = ""; },
];

function programmeCells(r) {
  const x = programmeRandom();
  r["programme.decision"] = x < 0.8 ? "entry" : x < 0.92 ? "deferral" : "refusal";
  r["programme.territory"] = programmePick(TERRITORIES);
  r["programme.entry_criterion"] = programmePick(PUBLICS);
  const exited = PHASE === "exit" || programmeRandom() < 0.1;
  r["programme.exit_type"] = exited ? programmePick(EXIT_TYPES) : "";
  r["programme.last_interview_date"] = addDays(REFERENCE, -Math.floor(programmeRandom() * 120));
}

// What the dashboards read of a row: a value, or why not (src/lot/dashboards.rs).
function slots(r, read) {
  if (!read) return { territory: "not_read", public: "not_read", decision: "not_read", exit: "not_read", gap: "not_read" };
  const one = (cell, valid) => (cell === "" ? "missing" : valid(cell) ? { value: cell } : "invalid");
  const date = (cell) => /^\d{4}-\d{2}-\d{2}$/.test(cell) && cell <= REFERENCE;
  const gap = one(r["programme.last_interview_date"], date);
  return {
    territory: one(r["programme.territory"], (c) => [...c].length <= 60),
    public: one(r["programme.entry_criterion"], (c) => PUBLICS.includes(c)),
    decision: one(r["programme.decision"], (c) => DECISIONS.includes(c)),
    exit: one(r["programme.exit_type"], (c) => EXIT_TYPES.includes(c)),
    gap: typeof gap === "object" ? { value: gap.value < GAP_LIMIT } : gap,
  };
}
const WHY = {
  territory: { not_read: "line_not_read", missing: "territory_missing", invalid: "territory_invalid" },
  decision: { not_read: "line_not_read", missing: "decision_missing", invalid: "decision_invalid" },
  public: { not_read: "line_not_read", missing: "entry_criterion_missing", invalid: "entry_criterion_invalid" },
  exit: { not_read: "line_not_read", missing: "exit_type_missing", invalid: "exit_type_invalid" },
  gap: { not_read: "line_not_read", missing: "last_interview_date_missing", invalid: "last_interview_date_invalid" },
};
const dashboards = {
  decisions_by_territory: { lines: {}, apart: {} },
  decisions_by_entry_criterion: { lines: Object.fromEntries(PUBLICS.map((p) => [p, [0, 0, 0]])), apart: {} },
  typology_of_publics: { lines: Object.fromEntries(PUBLICS.map((p) => [p, [0]])), apart: {} },
  exits_by_type: { lines: Object.fromEntries([...EXIT_TYPES, "no_exit"].map((e) => [e, [0]])), apart: {} },
  no_interview_over_2_months: { lines: { over_2_months: [0], within_2_months: [0] }, apart: {} },
};
const apart = (table, reason) => (dashboards[table].apart[reason] = (dashboards[table].apart[reason] ?? 0) + 1);
function tallyProgramme(s, counted) {
  const decision = typeof s.decision === "object" ? DECISIONS.indexOf(s.decision.value) : -1;
  const reasonOf = (a, b) => (typeof s[a] === "object" ? WHY[b][s[b]] : WHY[a][s[a]]);
  if (decision >= 0 && typeof s.territory === "object") {
    const t = (dashboards.decisions_by_territory.lines[s.territory.value] ??= [0, 0, 0]);
    t[decision]++;
  } else apart("decisions_by_territory", reasonOf("decision", "territory"));
  if (decision >= 0 && typeof s.public === "object") dashboards.decisions_by_entry_criterion.lines[s.public.value][decision]++;
  else apart("decisions_by_entry_criterion", reasonOf("decision", "public"));
  const entered = decision === 0 ? null : decision > 0 ? "not_entered" : WHY.decision[s.decision];
  if (s.public === "not_read") apart("typology_of_publics", "line_not_read");
  else if (entered) apart("typology_of_publics", entered);
  else if (!counted) apart("typology_of_publics", "not_counted");
  else if (typeof s.public === "object") dashboards.typology_of_publics.lines[s.public.value][0]++;
  else apart("typology_of_publics", WHY.public[s.public]);
  if (typeof s.exit === "object") dashboards.exits_by_type.lines[s.exit.value][0]++;
  else if (s.exit === "missing") dashboards.exits_by_type.lines.no_exit[0]++;
  else apart("exits_by_type", WHY.exit[s.exit]);
  if (s.gap === "not_read") apart("no_interview_over_2_months", "line_not_read");
  else if (entered) apart("no_interview_over_2_months", entered);
  else if (typeof s.exit === "object") apart("no_interview_over_2_months", "exited");
  else if (typeof s.gap === "object") dashboards.no_interview_over_2_months.lines[s.gap.value ? "over_2_months" : "within_2_months"][0]++;
  else apart("no_interview_over_2_months", WHY.gap[s.gap]);
}

// Each fault: what it does to a row, and the code the checker must give.
const FAULTS = [
  ["spreadsheet_serial_date", (r) => { r["identity.birth_date"] = String(int(20000, 40000)); }],
  ["day_month_year_date", (r) => { const [y, m, d] = r["operation.entry_date"].split("-"); r["operation.entry_date"] = `${d}/${m}/${y}`; }],
  ["postal_code_lost_zero", (r) => { r["contact.postal_code"] = "1000"; r["contact.commune_insee"] = "01053"; }],
  ["phone_lost_zero", (r) => { r["contact.phone"] = `6${String(int(0, 99999999)).padStart(8, "0")}`; }],
  ["nir_scientific_notation", (r) => { r["identity.nir"] = "1,85058E+14"; }],
  ["nonexistent_date", (r) => { r["identity.birth_date"] = "1990-02-30"; }],
  ["labour_status_conflict", (r) => { r["situation.employed"] = "oui"; r["situation.self_employed"] = "non"; r["situation.unemployed"] = "oui"; r["situation.long_term_unemployed"] = "non"; r["situation.unemployment_start_date"] = ""; r["situation.inactive"] = "non"; r["benefits.rsa"] = "non"; }],
  ["required_field_missing", (r) => { r["identity.gender"] = ""; }],
  ["invalid_choice", (r) => { r["education.diploma"] = "bac+2"; }],
  ["column_count", (r) => { r.__drop = true; }],
  ["invalid_encoding", (r) => { r.__bad_bytes = true; }],
  ["cell_too_long", (r) => { r["contact.address"] = "x".repeat(10_001); }],
  // A warning only: the row still counts.
  ["rsa_under_25", (r) => { r["identity.birth_date"] = addDays(addYears(r["operation.entry_date"], -20), -10); r["benefits.rsa"] = "oui"; r["situation.employed"] = "non"; r["situation.self_employed"] = "non"; r["situation.unemployed"] = "non"; r["situation.long_term_unemployed"] = ""; r["situation.unemployment_start_date"] = ""; r["situation.inactive"] = "oui"; }],
];
const WARNINGS = new Set(["rsa_under_25"]);

function iso(date) {
  return date.toISOString().slice(0, 10);
}
function addDays(text, days) {
  const d = new Date(`${text}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
}
function addYears(text, years) {
  const [y, m, d] = text.split("-").map(Number);
  // 29 February of a year that has none: the 28th (never on a boundary here).
  const day = m === 2 && d === 29 ? 28 : d;
  return `${String(y + years).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
function age(birth, on) {
  const [by, bm, bd] = birth.split("-").map(Number);
  const [oy, om, od] = on.split("-").map(Number);
  return oy - by - (om < bm || (om === bm && od < bd) ? 1 : 0);
}
const yesNo = (b) => (b ? "oui" : "non");

function cleanRow(n) {
  const r = {};
  r.participant_id = `P${String(n).padStart(7, "0")}`;
  r["identity.last_name"] = pick(LAST);
  r["identity.first_name"] = pick(FIRST);
  const g = random();
  r["identity.gender"] = g < 0.49 ? "woman" : g < 0.98 ? "man" : "non_binary";
  const entry = PHASE === "entry"
    ? addDays("2025-01-01", int(0, 364))
    : addDays("2024-01-01", int(0, 540));
  r["operation.entry_date"] = entry;
  const years = pick([16, 17, 19, 22, 24, 27, 29, 31, 38, 45, 52, 54, 56, 61, 67]);
  r["identity.birth_date"] = addDays(addYears(entry, -years), -int(1, 300));
  r["identity.nir"] = "";
  r["contact.address"] = `${int(1, 120)} ${pick(STREETS)}`;
  const [postal, insee] = pick(PLACES);
  r["contact.postal_code"] = postal;
  r["contact.commune_insee"] = insee;
  r["contact.email"] = random() < 0.7 ? `p${n}@exemple.fr` : "";
  r["contact.phone"] = random() < 0.8 ? `06 ${int(10, 99)} ${int(10, 99)} ${int(10, 99)} ${int(10, 99)}` : "";
  r["operation.id"] = "202303872";
  const ageAtEntry = age(r["identity.birth_date"], entry);
  const status = pick(["employed", "unemployed", "unemployed", "inactive"]);
  r["situation.employed"] = yesNo(status === "employed");
  r["situation.self_employed"] = yesNo(status === "employed" && random() < 0.2);
  r["situation.unemployed"] = yesNo(status === "unemployed");
  const longTerm = status === "unemployed" && random() < 0.5;
  r["situation.long_term_unemployed"] = status === "unemployed" ? yesNo(longTerm) : "";
  r["situation.unemployment_start_date"] = longTerm ? addDays(entry, -int(400, 900)) : "";
  r["situation.inactive"] = yesNo(status === "inactive");
  r["situation.in_education_or_training"] = yesNo(status === "inactive" && random() < 0.5);
  r["situation.registered_france_travail"] = yesNo(status === "unemployed");
  r["education.diploma"] = pick(DIPLOMAS);
  const answer = () => { const x = random(); return x < 0.15 ? "oui" : x < 0.9 ? "non" : "refused"; };
  r["sensitive.disability"] = answer();
  r["sensitive.third_country_national"] = answer();
  r["sensitive.foreign_background"] = r["sensitive.third_country_national"] === "oui" ? "oui" : answer();
  r["sensitive.minority"] = answer();
  r["sensitive.homeless"] = answer();
  r["sensitive.rural_area"] = answer();
  r["benefits.rsa"] = yesNo(ageAtEntry >= 25 && status !== "employed" && random() < 0.3);
  if (PHASE === "exit") {
    let exit = addDays(entry, int(30, 400));
    if (exit > "2025-12-01") exit = "2025-12-01";
    r["operation.exit_date"] = exit;
    r["exit.situation_date"] = addDays(exit, int(0, 20));
    const after = pick(["employment", "employment", "training", "searching", "searching"]);
    r["exit.in_employment"] = yesNo(after === "employment");
    r["exit.self_employed"] = yesNo(after === "employment" && random() < 0.1);
    r["exit.in_education_or_training"] = yesNo(after === "training");
    r["exit.qualification_gained"] = yesNo(after !== "searching" && random() < 0.4);
    r["exit.job_searching"] = yesNo(after === "searching");
  }
  return r;
}

const INDICATORS = [
  ["unemployed", (r) => r["situation.unemployed"] === "oui"],
  ["long_term_unemployed", (r) => r["situation.long_term_unemployed"] === "oui"],
  ["inactive", (r) => r["situation.inactive"] === "oui"],
  ["employed", (r) => r["situation.employed"] === "oui" || r["situation.self_employed"] === "oui"],
  ["below_18", (r) => age(r["identity.birth_date"], r["operation.entry_date"]) < 18],
  ["age_18_29", (r) => { const a = age(r["identity.birth_date"], r["operation.entry_date"]); return a >= 18 && a <= 29; }],
  ["age_55_plus", (r) => age(r["identity.birth_date"], r["operation.entry_date"]) >= 55],
  ["isced_0_2", (r) => ISCED[r["education.diploma"]] === "isced_0_2"],
  ["isced_3_4", (r) => ISCED[r["education.diploma"]] === "isced_3_4"],
  ["isced_5_8", (r) => ISCED[r["education.diploma"]] === "isced_5_8"],
  ["disability", (r) => r["sensitive.disability"] === "oui"],
  ["third_country_national", (r) => r["sensitive.third_country_national"] === "oui"],
  ["foreign_background", (r) => r["sensitive.foreign_background"] === "oui"],
  ["minority", (r) => r["sensitive.minority"] === "oui"],
  ["homeless", (r) => r["sensitive.homeless"] === "oui"],
  ["rural_area", (r) => r["sensitive.rural_area"] === "oui"],
  ["total", () => true],
  ...(PHASE === "exit"
    ? [
        ["exit_job_searching", (r) => r["exit.job_searching"] === "oui"],
        ["exit_in_education_or_training", (r) => r["exit.in_education_or_training"] === "oui"],
        ["exit_qualification", (r) => r["exit.qualification_gained"] === "oui"],
        ["exit_in_employment", (r) => r["exit.in_employment"] === "oui" || r["exit.self_employed"] === "oui"],
      ]
    : []),
];

function cell(text) {
  return /[;"\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const fd = openSync(OUT, "w");
const chunks = [];
let pending = 0;
function write(buffer) {
  chunks.push(buffer);
  pending += buffer.length;
  if (pending > 1 << 20) flush();
}
function flush() {
  if (chunks.length) writeSync(fd, Buffer.concat(chunks));
  chunks.length = 0;
  pending = 0;
}

const expected = Object.fromEntries(INDICATORS.map(([id]) => [id, [0, 0, 0]]));
const findings = {};
const excludedByCode = {};
let counted = 0;
write(Buffer.from(COLUMNS.join(";") + "\n"));
for (let n = 1; n <= ROWS; n++) {
  const r = cleanRow(n);
  programmeCells(r);
  if (n % 97 === 13) PROGRAMME_FAULTS[Math.floor(n / 97) % PROGRAMME_FAULTS.length](r);
  let fault = null;
  if (n % 50 === 8) {
    fault = FAULTS[Math.floor(n / 50) % FAULTS.length];
    fault[1](r);
    findings[fault[0]] = (findings[fault[0]] ?? 0) + 1;
  }
  const cells = COLUMNS.map((c) => cell(r[c] ?? ""));
  if (r.__drop) cells.pop();
  if (r.__bad_bytes) {
    const at = COLUMNS.indexOf("identity.last_name");
    const before = Buffer.from(cells.slice(0, at).join(";") + ";");
    const after = Buffer.from(";" + cells.slice(at + 1).join(";") + "\n");
    write(Buffer.concat([before, Buffer.from([0x44, 0xff, 0x72, 0x61, 0x6e, 0x64]), after]));
  } else {
    write(Buffer.from(cells.join(";") + "\n"));
  }
  const read = !(r.__drop || r.__bad_bytes || (fault && fault[0] === "cell_too_long"));
  const kept = !(fault && !WARNINGS.has(fault[0]));
  tallyProgramme(slots(r, read), kept);
  if (!kept) {
    excludedByCode[fault[0]] = (excludedByCode[fault[0]] ?? 0) + 1;
    continue;
  }
  counted++;
  const g = GENDERS.indexOf(r["identity.gender"]);
  for (const [id, holds] of INDICATORS) if (holds(r)) expected[id][g]++;
}
flush();
closeSync(fd);

const manifest = {
  rows: ROWS,
  seed: SEED,
  phase: PHASE,
  reference_date: "2025-12-31",
  counted,
  excluded: ROWS - counted,
  findings_by_code: Object.fromEntries(Object.entries(findings).sort()),
  excluded_by_code: Object.fromEntries(Object.entries(excludedByCode).sort()),
  indicators: expected,
  dashboards: Object.fromEntries(
    Object.entries(dashboards).map(([id, { lines, apart }]) => [
      id,
      { lines: Object.fromEntries(Object.entries(lines).sort()), apart: Object.fromEntries(Object.entries(apart).sort()) },
    ]),
  ),
};
if (args.manifest) writeFileSync(args.manifest, JSON.stringify(manifest, null, 2) + "\n");
else console.log(JSON.stringify(manifest, null, 2));
