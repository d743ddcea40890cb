// Builds the territory files of the programmes (programmes/territories/*.json) from
// the official administrative division data published on npm as
// @etalab/decoupage-administratif, one pinned version per vintage of the Code
// officiel géographique (package.json aliases: decoupage-administratif-2019 = 0.7.0,
// decoupage-administratif-2021 = 1.1.1). Re-run it after changing a definition below;
// it is never run at page load: the files are embedded in the module at build time.
//
//   node scripts/territory.mjs
//
// Each file lists the territory's communes (INSEE code, name, postal codes) and the
// communes outside it that share one of its postal codes ("neighbours"), so that a
// postal code shared by communes inside and outside gives a question back, not a guess.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** Vintage → npm alias and the exact package version it pins. */
const VINTAGES = {
  2019: "decoupage-administratif-2019",
  2021: "decoupage-administratif-2021",
};

/**
 * Every territory: the vintage closest to the programme's validity dates, the EPCI
 * (intercommunalities, by SIREN) whose members belong to it, and single communes.
 */
const TERRITORIES = {
  "plie-flandre-lys": {
    vintage: 2019, // validity 2017-2018; 2019 is the oldest vintage published
    why: "Cahier des charges PLIE Flandre Lys 2017, §I.1: six communes of the Armentières canton without Capinghem, and the CC de Flandre Intérieure and CC Flandre Lys",
    epci: ["200040947", "245900758"], // CC de Flandre Intérieure (CA Cœur de Flandre since 2020), CC Flandre Lys
    communes: ["59017", "59088", "59143", "59252", "59317", "59470"], // Armentières, Bois-Grenier, La Chapelle-d'Armentières, Frelinghien, Houplines, Prémesques
  },
  "plie-cotentin": {
    vintage: 2021, // actions 2020/2021
    why: "Actions du PLIE du Cotentin 2020/2021: the PLIE du Cotentin acts for the Pays du Cotentin; decision: the CA du Cotentin",
    epci: ["200067205"],
    communes: [],
  },
  "plie-boulonnais": {
    vintage: 2019, // 2014-2020 programming period
    why: "Cahier des charges PLIE du Boulonnais: PLIE de la Communauté d'agglomération du Boulonnais",
    epci: ["246200729"],
    communes: [],
  },
  "ml-val-de-marque": {
    vintage: 2021, // FSE+ operation 2022-2025; 2021 is the newest vintage pinned here before 2022
    why: "Opérations FSE+ de la Mission Locale Val de Marque, opération 202200774: the priority neighbourhoods of Hem and Lys-lez-Lannoy, and Croix",
    epci: [],
    communes: ["59299", "59367", "59163"],
  },
  "normandie-stare": {
    vintage: 2021, // projects of 2019-2022 (STARE started in January 2020)
    why: "Lauréats des appels à projets du PIC en Normandie, IPR, lauréat MEF STARE: « Territoire : Centre Manche ». Decision: the three EPCI of the centre of the Manche, those the same document lists between the Cotentin's and the south's — CA Saint-Lô Agglo, CC Coutances Mer et Bocage, CC Côte Ouest Centre Manche (docs/eligibility.md)",
    epci: ["200066389", "200067023", "200067031"],
    communes: [],
  },
  "normandie-activateur": {
    vintage: 2021, // projects of 2019-2022 (the Activateur started in July 2020)
    why: "Lauréats des appels à projets du PIC en Normandie, 100 % inclusion, lauréat CIBC Emploi Conseil – Activateur de potentiel: « Territoire : Centre Manche, Nord Est Vendée ». Decision: Centre Manche as for STARE; Nord Est Vendée, the north-east corner of the Vendée — CC du Pays des Herbiers, CC du Pays de Mortagne, CC du Pays de Pouzauges (docs/eligibility.md)",
    epci: ["200066389", "200067023", "200067031", "248500621", "248500662", "248500464"],
    communes: [],
  },
};

function load(vintage) {
  const name = VINTAGES[vintage];
  const version = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")).version;
  return {
    version,
    communes: require(`${name}/data/communes.json`).filter((c) => c.type === "commune-actuelle" || c.type === undefined),
    epci: require(`${name}/data/epci.json`),
  };
}

const entry = (c) => ({ insee: c.code, name: c.nom, postal_codes: [...(c.codesPostaux ?? [])].sort() });

for (const [id, t] of Object.entries(TERRITORIES)) {
  const data = load(t.vintage);
  const byCode = new Map(data.communes.map((c) => [c.code, c]));
  const codes = new Set(t.communes);
  for (const siren of t.epci) {
    const epci = data.epci.find((e) => e.code === siren);
    if (!epci) throw new Error(`${id}: no EPCI ${siren} in the ${t.vintage} vintage`);
    for (const m of epci.membres) codes.add(m.code);
  }
  const inside = [...codes].map((code) => {
    const c = byCode.get(code);
    if (!c) throw new Error(`${id}: no commune ${code} in the ${t.vintage} vintage`);
    return entry(c);
  });
  const postal = new Set(inside.flatMap((c) => c.postal_codes));
  const neighbours = data.communes
    .filter((c) => !codes.has(c.code) && (c.codesPostaux ?? []).some((p) => postal.has(p)))
    .map(entry);
  const byInsee = (a, b) => a.insee.localeCompare(b.insee);
  const file = {
    _generated: "by scripts/territory.mjs — do not edit by hand",
    source: `@etalab/decoupage-administratif@${data.version} (Code officiel géographique ${t.vintage})`,
    vintage: t.vintage,
    why: t.why,
    communes: inside.sort(byInsee),
    neighbours: neighbours.sort(byInsee),
  };
  writeFileSync(`programmes/territories/${id}.json`, JSON.stringify(file, null, 1) + "\n");
  console.log(`${id}: ${inside.length} communes, ${neighbours.length} neighbours sharing a postal code (${file.source})`);
}
