// The worst inputs a page can pass to the module, and the proof that it survives them.
// `runHostile` is self-contained (no imports, no closure) so the browser test can send
// its source into a page: it runs in Node and in Chromium alike.

/**
 * Feeds every hostile input to `check`, `QuestionnaireForm` and `schema`, then checks
 * a good questionnaire. Returns `{ threw, outcomes, good }`: the calls that threw (must
 * be none), one line per input, and the report of the good questionnaire afterwards.
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
    attempt("schema(" + label + ")", () => m.schema(value));
  }
  // A polluted prototype must not have leaked into the module's answers or the page.
  if ({}.polluted !== undefined || {}.valid !== undefined) threw.push("Object.prototype was polluted");
  // One form through many edits, as a long session would.
  const form = new m.QuestionnaireForm({ reference_date: reference });
  for (let i = 0; i < 2000; i++) form.set("identity.birth_date", i % 2 ? "2023-02-30" : "1985-05-14");
  form.free();
  return { threw, outcomes, good: m.check(goodRequest) };
}
