// The worst inputs a page can pass to the module, and the proof that it survives them.
// `runHostile` is self-contained (no imports, no closure) so the browser test can send
// its source into a page: it runs in Node and in Chromium alike.

/**
 * Feeds every hostile input to `check`, `QuestionnaireForm` and `schema`, then checks
 * a good questionnaire. Then the exit, follow-up and portfolio checks: with the full
 * module (its `check` answers an exit with an `exit` field), every hostile input goes
 * in as `exit`, as the missions, a mission or its hours, as `events`, as `exits`, as
 * an exit's proposal, as `referents`, a référent's `fte` or its participants, and a
 * good exit (700 + 515 hours of temporary work inside 12 months, a recent mission
 * statement) must still be positive afterwards; with the core module, each of those
 * calls must answer exactly an `unknown_check` finding.
 * Returns `{ threw, outcomes, good, exits }`: the calls that threw or broke one of
 * these rules (must be none), one line per input, the report of the good
 * questionnaire afterwards, and `exits: { full, good }` (whether the module answers
 * exits, and the good exit's report afterwards).
 */
export function runHostile(m, goodRequest) {
  const reference = goodRequest.reference_date;
  const cyclic = { identity: {} };
  cyclic.identity.self = cyclic;
  cyclic.identity.last_name = cyclic;
  let deep = [];
  for (let i = 0; i < 10000; i++) deep = [deep];
  let deepObject = {};
  for (let i = 0; i < 10000; i++) deepObject = { a: deepObject };
  const megabyte = "é".repeat(1 << 20);
  const huge = new Array(1_000_000).fill("x");
  const throwingGetter = { identity: { get last_name() { throw new Error("getter"); } } };
  const throwingSection = { get identity() { throw new Error("section getter"); } };
  const trapAll = new Proxy({}, {
    ownKeys() { throw new Error("ownKeys"); },
    get() { throw new Error("get"); },
    getPrototypeOf() { throw new Error("proto"); },
  });
  const { proxy: revoked, revoke } = Proxy.revocable({}, {});
  revoke();
  const wide = {};
  for (let i = 0; i < 100000; i++) wide["k" + i] = i;
  const polluting = JSON.parse('{"__proto__": {"valid": true, "polluted": 1}, "constructor": {"prototype": {"x": 1}}, "identity": {"__proto__": "x"}}');
  const inputs = [
    ["undefined", undefined], ["null", null], ["number", 42], ["NaN", NaN], ["Infinity", -Infinity],
    ["string", "data"], ["boolean", true], ["bigint", 10n], ["symbol", Symbol("s")], ["function", () => 1],
    ["array", [1, 2, 3]], ["date object", new Date(0)], ["map", new Map([["identity", {}]])],
    ["typed array", new Uint8Array(16)], ["null prototype", Object.create(null)],
    ["cyclic", cyclic], ["10000-deep array", deep], ["10000-deep object", deepObject],
    ["1 MB string", megabyte], ["1 MB string field", { identity: { last_name: megabyte } }], ["1 MB key", { [megabyte]: 1 }],
    ["1e6-element array field", { identity: { last_name: huge } }], ["1e6-element data", huge],
    ["100000 keys", wide], ["throwing getter", throwingGetter], ["throwing section getter", throwingSection],
    ["proxy trapping everything", trapAll], ["revoked proxy", revoked], ["revoked proxy section", { identity: revoked }],
    ["prototype-polluting keys", polluting], ["lone surrogates", { identity: { last_name: "\uD800x\uDFFF", first_name: "\uDC00" } }],
    ["NaN count", { household: { children_under_18: NaN } }], ["Infinity count", { household: { children_under_18: Infinity } }],
    ["negative zero", { household: { children_under_18: -0 } }], ["float count", { household: { children_under_18: 1.5 } }],
    ["symbol field", { identity: { gender: Symbol("man") } }], ["function field", { identity: { gender: () => "man" } }],
  ];
  const threw = [];
  const outcomes = [];
  const attempt = (label, fn) => {
    try {
      const out = fn();
      outcomes.push(label + ": " + (out && out.findings ? out.findings.map((f) => f.code).join(",") : typeof out));
    } catch (e) {
      threw.push(label + ": " + String(e && e.message));
    }
  };
  for (const [label, value] of inputs) {
    attempt("check(data=" + label + ")", () => m.check({ check: "questionnaire", reference_date: reference, data: value }));
    attempt("check(request=" + label + ")", () => m.check(value));
    attempt("new QuestionnaireForm(" + label + ")", () => { const f = new m.QuestionnaireForm(value); const r = f.report(); f.free(); return r; });
    attempt("form.load(" + label + ")", () => { const f = new m.QuestionnaireForm({ reference_date: reference }); const r = f.load(value); f.free(); return r; });
    attempt("form.set(path, " + label + ")", () => { const f = new m.QuestionnaireForm({ reference_date: reference }); const d = f.set("identity.last_name", value); f.free(); return { findings: d.added }; });
    attempt("form.set(" + label + ", value)", () => { const f = new m.QuestionnaireForm({ reference_date: reference }); const d = f.set(value, "x"); f.free(); return { findings: d.added }; });
    attempt("form.update(path, " + label + ")", () => { const f = new m.QuestionnaireForm({ reference_date: reference }); const u = f.update("identity.birth_date", value); const d = f.changes(); f.free(); return { findings: typeof u === "boolean" ? d.added : [] }; });
    attempt("form.update(" + label + ", value)", () => { const f = new m.QuestionnaireForm({ reference_date: reference }); const u = f.update(value, "x"); const d = f.changes(); f.free(); return { findings: u === true ? d.added : [] }; });
    attempt("schema(" + label + ")", () => m.schema(value));
  }
  // A polluted prototype must not have leaked into the module's answers or the page.
  if ({}.polluted !== undefined || {}.valid !== undefined) threw.push("Object.prototype was polluted");
  // One form through many edits, as a long session would.
  const form = new m.QuestionnaireForm({ reference_date: reference });
  for (let i = 0; i < 2000; i++) form.set("identity.birth_date", i % 2 ? "2023-02-30" : "1985-05-14");
  for (let i = 0; i < 2000; i++) if (form.update("identity.birth_date", i % 3 ? "1985-0" + (i % 10) : "1985-05-14") && i % 7 === 0) form.changes();
  form.free();

  // Exits, follow-up, portfolio. Requests are built afresh for each input (`check`
  // first, so it is read before any budget runs out).
  const goodExit = () => ({
    check: "exit", programme: "plie-flandre-lys", exit_date: "2018-06-29", entry_date: "2017-01-10", locale: "fr",
    exit: {
      reason: "temporary_work",
      missions: [
        { start: "2017-09-01", end: "2018-01-31", hours: 700 },
        { start: "2018-02-01", end: "2018-06-15", hours: 515 },
      ],
      proofs: [{ kind: "mission_statement", date: "2018-06-20" }],
    },
  });
  const goodFollowUp = () => ({
    check: "follow_up", programme: "plie-flandre-lys", reference_date: "2018-06-30", entry_date: "2018-01-15",
    events: [
      { type: "interview", date: "2018-02-10", mode: "physical" },
      { type: "absence", date: "2018-03-07", justified: false },
      { type: "employment_start", date: "2018-04-03", placed_by_cre: true, theoretical_start: "2018-04-02", trial_period_end: "2018-05-30" },
    ],
  });
  const goodPortfolio = () => ({
    check: "portfolio", programme: "plie-flandre-lys", reference_date: "2018-12-31", from: "2018-01-01", to: "2018-12-31",
    exits: [{ exit_date: "2018-06-29", entry_date: "2017-01-10", exit: goodExit().exit }],
    referents: [{ id: "R1", fte: 0.8, participants: [{ entry_date: "2018-01-01" }] }],
  });
  const slots = [
    ["exit", goodExit, (r, v) => { r.exit = v; }],
    ["exit.missions", goodExit, (r, v) => { r.exit.missions = v; }],
    ["exit.missions[0]", goodExit, (r, v) => { r.exit.missions[0] = v; }],
    ["exit.missions[0].hours", goodExit, (r, v) => { r.exit.missions[0].hours = v; }],
    ["exit.proofs", goodExit, (r, v) => { r.exit.proofs = v; }],
    ["events", goodFollowUp, (r, v) => { r.events = v; }],
    ["events[0]", goodFollowUp, (r, v) => { r.events[0] = v; }],
    ["exits", goodPortfolio, (r, v) => { r.exits = v; }],
    ["exits[0].exit", goodPortfolio, (r, v) => { r.exits[0].exit = v; }],
    ["referents", goodPortfolio, (r, v) => { r.referents = v; }],
    ["referents[0].fte", goodPortfolio, (r, v) => { r.referents[0].fte = v; }],
    ["referents[0].participants", goodPortfolio, (r, v) => { r.referents[0].participants = v; }],
  ];
  const mission = (hours) => ({ start: "2018-01-01", end: "2018-03-31", hours });
  const manyEvents = new Array(1_000_000).fill({ type: "interview", date: "2018-02-10", mode: "physical" });
  const manyMissions = new Array(1_000_000).fill(mission(7));
  const exitInputs = inputs.concat([
    ["+Infinity", Infinity], ["-0", -0], ["1e308", 1e308], ["-1", -1], ["1214.995", 1214.995],
    ["missions with NaN and infinite hours", [mission(NaN), mission(Infinity), mission(-Infinity), mission(-0), mission(1e308), mission(-1)]],
    ["1e6 missions", manyMissions], ["1e6 events", manyEvents],
    ["prototype-polluting items", [JSON.parse('{"__proto__": {"hours": 5000, "type": "exit"}, "start": "2018-01-01", "date": "2018-02-01"}')]],
    ["lone surrogate dates", [{ type: "interview\uD800", date: "2018-02-1\uDC00", start: "\uDFFF", end: "2018-03-31", hours: "7\uD800" }]],
    ["throwing getter item", [{ get date() { throw new Error("getter"); }, type: "exit", start: "2018-01-01", end: "2018-01-31", hours: 7 }]],
    ["proxy item", [trapAll]], ["revoked proxy item", [revoked]], ["cyclic item", [cyclic]],
  ]);
  let full = false;
  try {
    const probe = m.check(goodExit());
    full = !!(probe && probe.exit);
  } catch (e) {
    threw.push("check(good exit, before): " + String(e && e.message));
  }
  for (const [slot, make, place] of slots) {
    for (const [label, value] of exitInputs) {
      const name = "check(" + make().check + ", " + slot + "=" + label + ")";
      let out;
      try {
        const request = make();
        place(request, value);
        out = m.check(request);
      } catch (e) {
        threw.push(name + ": " + String(e && e.message));
        continue;
      }
      const codes = out && Array.isArray(out.findings) ? out.findings.map((f) => f.code) : null;
      outcomes.push(name + ": " + (codes ? codes.join(",") : typeof out));
      if (!codes) threw.push(name + ": not a report");
      else if (!full && codes.join(",") !== "unknown_check") threw.push(name + ": the core module answered " + codes.join(","));
    }
  }
  if ({}.polluted !== undefined || {}.valid !== undefined || {}.hours !== undefined || {}.type !== undefined) {
    threw.push("Object.prototype was polluted by the exit inputs");
  }
  let goodExitReport = null;
  try {
    goodExitReport = m.check(goodExit());
    const category = goodExitReport && goodExitReport.exit ? goodExitReport.exit.category : undefined;
    const codes = goodExitReport && goodExitReport.findings ? goodExitReport.findings.map((f) => f.code).join(",") : "";
    if (full && (category !== "positive" || goodExitReport.valid !== true)) {
      threw.push("the good exit afterwards: " + category + ", valid " + goodExitReport.valid);
    }
    if (!full && codes !== "unknown_check") threw.push("the good exit afterwards, core module: " + codes);
  } catch (e) {
    threw.push("check(good exit, after): " + String(e && e.message));
  }
  return { threw, outcomes, good: m.check(goodRequest), exits: { full, good: goodExitReport } };
}
