// The inputs every subject of the benchmark receives, built from the valid records of
// tests/cases/questionnaire/_bases.json (the same records the rule cases start from).
//
//   valid    — a complete, valid entry questionnaire (a real-looking participant);
//   invalid  — the same with seven structural errors every peer can detect: a wrong
//              choice, a date written the French way, a postal code of no département,
//              a truncated email, a text where a boolean goes, a count out of range, a
//              required field removed;
//   coherence — valid in structure, wrong across fields: only the module sees it
//              (two labour-market statuses, postal code and INSEE code in different
//              départements, a NIR whose key does not match, an unemployment start too
//              recent for long-term unemployment, an RQTH end date before entry);
//   keystrokes — a birth date typed one character at a time into a filled-in form.
import bases from "../tests/cases/questionnaire/_bases.json" with { type: "json" };

const clone = (v) => JSON.parse(JSON.stringify(v));

export const valid = clone(bases.entry);

export const invalid = (() => {
  const r = clone(bases.entry);
  r.data.identity.gender = "homme";
  r.data.identity.birth_date = "14/05/1985";
  r.data.contact.postal_code = "00280";
  r.data.contact.email = "karim.durand@";
  r.data.situation.employed = "peut-être";
  r.data.household.children_under_18 = 42;
  delete r.data.operation.id;
  return r;
})();

export const coherence = (() => {
  const r = clone(bases.entry);
  r.data.situation.employed = true;
  r.data.contact.commune_insee = "62017";
  r.data.identity.nir = "185057800608492";
  r.data.situation.unemployment_start_date = "2025-12-01";
  r.data.benefits.rqth = true;
  r.data.benefits.rqth_end_date = "2025-01-01";
  return r;
})();

/** The form's settings and the values typed, in order, into `identity.birth_date`. */
export const keystrokes = {
  settings: { phase: "entry", reference_date: valid.reference_date, locale: "fr" },
  data: valid.data,
  path: "identity.birth_date",
  section: "identity",
  field: "birth_date",
  values: ["1", "19", "198", "1985", "1985-", "1985-0", "1985-05", "1985-05-", "1985-05-1", "1985-05-14"],
  /** How many of them change no finding (the suite checks it): all but the first
   * (a valid date becomes a wrong one) and the last (it becomes valid again). */
  quiet: 8,
};

/** How many errors each subject must report on `invalid` (the suite checks it). */
export const INVALID_ERRORS = 7;
