// The workloads of the benchmark and the subjects that run them, the same in Node
// (node.mjs) and in Chromium (page/run.mjs). A workload is a title and, per subject, a
// function of the loop index; adding an entry point of the module (an eligibility
// decision, an exit check…) is adding a workload here, with its peers where they can
// express it.
import { valid, invalid, coherence, keystrokes, INVALID_ERRORS } from "./inputs.mjs";
import { compare } from "./harness.mjs";

/**
 * The subjects: the module and each peer variant. `peers` holds the loaded peer
 * modules ({ ajv, ajvStandalone, zod, valibot }), each exporting `build()`; zod's also
 * exports `config`, zod's global configuration, whose `jitless` is read when a schema
 * is built.
 */
export function makeSubjects(parcours, peers) {
  const zodJit = peers.zod.build();
  peers.zod.config({ jitless: true });
  const zodJitless = peers.zod.build();
  peers.zod.config({ jitless: false });
  return [
    { id: "parcours", label: "parcours (wasm), every rule", csp: "strict", module: parcours },
    // Not a validator: what any design that crosses as JSON text pays at least.
    {
      id: "crossing",
      label: "floor: the input to JSON text, the module's answer back from JSON text, no rule run",
      csp: "strict",
      module: parcours,
      floor: true,
    },
    { id: "ajv", label: "ajv 8, compiled at run time", csp: "unsafe-eval", peer: peers.ajv.build() },
    { id: "ajv-standalone", label: "ajv 8, precompiled (standalone)", csp: "strict", peer: peers.ajvStandalone.build() },
    { id: "zod", label: "zod 4, JIT", csp: "unsafe-eval", peer: zodJit },
    { id: "zod-jitless", label: "zod 4, jitless", csp: "strict", peer: zodJitless },
    { id: "valibot", label: "valibot 1", csp: "strict", peer: peers.valibot.build() },
  ];
}

const clone = (v) => JSON.parse(JSON.stringify(v));

/**
 * The crossing floor of a check: `JSON.stringify` of the input and `JSON.parse` of the
 * answer the module gives for it (its JSON text, taken once), in one call.
 */
function floor(module, input) {
  const answer = JSON.stringify(module.check(input));
  return () => [JSON.stringify(input).length, JSON.parse(answer)];
}

/** Each workload: its title, and the function each subject loops over (none: not run). */
export const WORKLOADS = [
  {
    id: "valid",
    title: "Full validation, valid entry questionnaire",
    fn: (s) => (s.floor ? floor(s.module, valid) : s.module ? () => s.module.check(valid) : () => s.peer.check(valid)),
  },
  {
    id: "invalid",
    title: `Full validation, invalid entry questionnaire (${INVALID_ERRORS} structural errors)`,
    fn: (s) => (s.floor ? floor(s.module, invalid) : s.module ? () => s.module.check(invalid) : () => s.peer.check(invalid)),
  },
  {
    id: "coherence",
    title: "Full rule set: coherence errors across fields (the peers cannot see them)",
    fn: (s) => (s.floor ? floor(s.module, coherence) : s.module ? () => s.module.check(coherence) : null),
  },
  {
    id: "keystroke",
    title: "Keystroke, the typing sequence: one field set, changed findings returned when there are (update, then changes() if it says so)",
    fn: (s) => {
      const values = keystrokes.values;
      if (s.module) {
        const form = new s.module.QuestionnaireForm(keystrokes.settings);
        form.load(keystrokes.data);
        if (s.floor) {
          // The value as JSON text, and the diffs that changed back from their JSON text.
          const diffs = values.map((v) => (form.update(keystrokes.path, v) ? JSON.stringify(form.changes()) : null));
          return (i) => [JSON.stringify(values[i % values.length]).length, diffs[i % diffs.length] && JSON.parse(diffs[i % diffs.length])];
        }
        return (i) => (form.update(keystrokes.path, values[i % values.length]) ? form.changes() : null);
      }
      return (i) => s.peer.field(values[i % values.length]);
    },
  },
  {
    id: "keystroke-quiet",
    title: `Keystroke that changes no finding (${keystrokes.quiet} of the ${keystrokes.values.length} of the sequence: the median keystroke)`,
    fn: (s) => {
      const values = ["1985-0", "1985-05"];
      if (s.module) {
        if (s.floor) return null;
        const form = new s.module.QuestionnaireForm(keystrokes.settings);
        form.load(keystrokes.data);
        form.set(keystrokes.path, values[0]);
        return (i) => (form.update(keystrokes.path, values[i % 2]) ? form.changes() : null);
      }
      return (i) => s.peer.field(values[i % 2]);
    },
  },
  {
    id: "keystroke-set",
    title: "Keystroke, the typing sequence through set(): the diff built and returned at every keystroke",
    fn: (s) => {
      if (!s.module || s.floor) return null;
      const values = keystrokes.values;
      const form = new s.module.QuestionnaireForm(keystrokes.settings);
      form.load(keystrokes.data);
      return (i) => form.set(keystrokes.path, values[i % values.length]);
    },
  },
  {
    id: "keystroke-record",
    title: "Keystroke, peers revalidating the whole record (as schema resolvers of form libraries do)",
    fn: (s) => {
      if (s.module) return null;
      const values = keystrokes.values;
      const record = clone(valid);
      return (i) => {
        record.data[keystrokes.section][keystrokes.field] = values[i % values.length];
        return s.peer.check(record);
      };
    },
  },
];

/** Every subject must agree on what the inputs are before its time counts. */
export function verify(subjects) {
  const problems = [];
  for (const s of subjects) {
    if (s.module) {
      const count = (r) => r.findings.filter((f) => f.severity === "error").length + r.missing.length;
      if (!s.module.check(valid).valid) problems.push(`${s.id}: the valid input is not valid`);
      if (count(s.module.check(invalid)) !== INVALID_ERRORS) problems.push(`${s.id}: not ${INVALID_ERRORS} errors`);
      if (s.module.check(coherence).valid) problems.push(`${s.id}: the coherence errors went unseen`);
      const form = new s.module.QuestionnaireForm(keystrokes.settings);
      form.load(keystrokes.data);
      const quiet = keystrokes.values.filter((v) => !form.update(keystrokes.path, v)).length;
      form.free();
      if (quiet !== keystrokes.quiet) problems.push(`${s.id}: ${quiet} quiet keystrokes, not ${keystrokes.quiet}`);
    } else {
      if (s.peer.check(valid).length !== 0) problems.push(`${s.id}: the valid input is not valid`);
      if (s.peer.check(invalid).length !== INVALID_ERRORS) problems.push(`${s.id}: not ${INVALID_ERRORS} errors`);
      if (s.peer.field("1985-05-14").length !== 0 || s.peer.field("1985-").length === 0) problems.push(`${s.id}: field check`);
    }
  }
  return problems;
}

/** Runs the workloads; `only` limits them to some ids. */
export function run(subjects, { now, rounds, minMs, warmupMs, only }) {
  const problems = verify(subjects);
  if (problems.length) throw new Error(`the subjects disagree on the inputs: ${problems.join("; ")}`);
  const results = [];
  for (const w of WORKLOADS) {
    if (only && !only.includes(w.id)) continue;
    const timed = subjects
      .map((s) => ({ id: s.id, fn: w.fn(s), peer: !s.module }))
      .filter((s) => s.fn);
    const rows = compare(timed, { now, rounds, minMs, warmupMs });
    results.push({
      id: w.id,
      title: w.title,
      rows: rows.map((r) => {
        const s = subjects.find((x) => x.id === r.id);
        return { ...r, label: s.label, csp: s.csp };
      }),
    });
  }
  return results;
}
