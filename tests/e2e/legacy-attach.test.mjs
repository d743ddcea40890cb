// attach() on small forms made for each case, served under the demo server's CSP:
// mappings (attributes and options), reading values, DSFR and portal classes, the
// constraint validation API, message overrides and English, coexistence with the
// page's own listeners, and detach() leaving the form exactly as it found it.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { activeId, attachIn, describedText, launch, openFixture } from "./legacy-harness.mjs";

let env;
before(async () => {
  env = await launch();
});
after(() => env?.close());

const REF = "2026-11-23";
const ready = (page) => page.evaluate(() => globalThis.checks.ready);
const status = (page) => page.evaluate(() => globalThis.checks.status);
const report = (page) => page.evaluate(() => globalThis.checks.report());
const codes = (rep, path) => rep.findings.filter((finding) => !path || finding.path === path).map((finding) => finding.code);

const DSFR_FORM = `
<form novalidate>
  <div class="fr-input-group">
    <label class="fr-label" for="naissance">Date de naissance <span class="fr-hint-text" id="naissance-aide">JJ/MM/AAAA</span></label>
    <input class="fr-input" id="naissance" name="naissance" aria-describedby="naissance-aide" aria-invalid="false">
  </div>
  <div class="fr-input-group">
    <label class="fr-label" for="nom">Nom</label>
    <input class="fr-input" id="nom" name="nom">
  </div>
  <button type="submit">Envoyer</button>
</form>`;

test("attach() refuses, at once and in words, what the portal got wrong", async (t) => {
  const { page } = await openFixture(t, env, `<form><input name="a"><input name="b" data-parcours-path="identity.first_name"><button>OK</button></form>`);
  const tries = {
    "no reference date": { fields: { a: "identity.last_name" } },
    "a date that does not exist": { reference_date: "2026-02-30" },
    "a date in another format": { reference_date: "23/11/2026" },
    "an unknown phase": { reference_date: REF, phase: "sortie" },
    "an unknown locale": { reference_date: REF, locale: "de" },
    "not a path": { reference_date: REF, fields: { a: "identity" } },
    "one path for two fields": { reference_date: REF, fields: { a: "identity.first_name" } },
    "an unknown class key": { reference_date: REF, classes: { erreur: "x" } },
    "an unknown display": { reference_date: REF, display: "popup" },
  };
  const answers = {};
  for (const [name, options] of Object.entries(tries)) answers[name] = await attachIn(page, options);
  for (const [name, answer] of Object.entries(answers)) assert.match(answer ?? "", /^TypeError: parcours attach: /, name);
  assert.match(answers["no reference date"], /reference_date is required/);
  assert.match(answers["one path for two fields"], /already given by another field/);
  assert.match(await page.evaluate(async () => {
    const { attach } = await import("/pkg/attach.js");
    try {
      attach(document.querySelector("input"), { reference_date: "2026-11-23" });
    } catch (error) {
      return error.message;
    }
  }), /must be a <form> element/);

  // Nothing was left behind by the refused calls; a good call works, a second one is refused.
  assert.equal(await page.locator("[data-parcours-messages], [aria-invalid]").count(), 0);
  assert.equal(await attachIn(page, { reference_date: REF, fields: { a: "identity.last_name" } }), null);
  assert.match(await attachIn(page, { reference_date: REF }), /^Error: parcours attach: this form is already attached/);
});

test("data attributes map fields and values; the form's own settings are read", async (t) => {
  const { page } = await openFixture(t, env, `
    <form data-parcours-reference-date="2026-11-23" data-parcours-phase="entry">
      <label for="g">Genre</label>
      <select id="g" name="genre" data-parcours-path="identity.gender">
        <option value=""></option>
        <option value="1" data-parcours-value="woman">Femme</option>
        <option value="2" data-parcours-value="man">Homme</option>
      </select>
      <fieldset><legend>En emploi</legend>
        <input type="radio" id="e1" name="emploi" value="O" data-parcours-path="situation.employed" data-parcours-value="true"><label for="e1">Oui</label>
        <input type="radio" id="e2" name="emploi" value="N" data-parcours-value="false"><label for="e2">Non</label>
      </fieldset>
      <input type="checkbox" id="rsa" name="rsa" data-parcours-path="benefits.rsa"><label for="rsa">RSA</label>
      <input type="checkbox" id="qpv" name="qpv" value="oui" data-parcours-path="benefits.qpv" data-parcours-unchecked=""><label for="qpv">QPV</label>
      <label for="d">Naissance</label>
      <input id="d" name="d" data-parcours-path="identity.birth_date" data-parcours-date-format="dd/mm/yyyy">
      <label for="n">Enfants</label>
      <input id="n" name="n" type="number" data-parcours-path="household.children_under_18">
      <button>OK</button>
    </form>`);
  assert.equal(await attachIn(page, {}), null);
  assert.equal(await status(page), "idle");
  await page.selectOption("#g", "1");
  await page.check("#e1");
  await page.fill("#d", "3/7/1990");
  await page.fill("#n", "31");
  assert.equal(await ready(page), true);
  const rep = await report(page);
  assert.deepEqual(codes(rep), ["number_out_of_range"], JSON.stringify(rep.findings));
  assert.ok(!rep.missing.includes("identity.gender"));
  assert.ok(!rep.missing.includes("situation.employed"));
  // The unchecked RSA box is "no"; the QPV box says unchecked is "not answered".
  const data = await page.evaluate(() => {
    const form = document.forms[0];
    return { genre: form.genre.value, emploi: form.emploi.value, d: form.d.value };
  });
  assert.deepEqual(data, { genre: "1", emploi: "O", d: "3/7/1990" }, "the controls hold what was chosen");
  // 1990-07-03 is read: the age at entry is derived once the entry date is known.
  await page.evaluate(() => globalThis.checks.update({ reference_date: "2026-11-24" }));
  assert.deepEqual(codes(await report(page)), ["number_out_of_range"]);
});

test("a field's messages show once it is changed, never while it is typed; and go when it is fixed", async (t) => {
  const { page } = await openFixture(t, env, DSFR_FORM);
  assert.equal(await attachIn(page, { reference_date: REF, fields: { naissance: "identity.birth_date", nom: "identity.last_name" } }), null);
  await page.click("#naissance");
  await page.keyboard.type("2023-02-3");
  await page.waitForFunction(() => globalThis.checks.status === "ready");
  assert.equal(await page.getAttribute("#naissance", "aria-invalid"), "false", "the portal's own value, untouched while typing");
  await page.keyboard.type("0");
  await page.keyboard.press("Tab");

  // DSFR by default: group and input error classes, an error message in a live region.
  assert.equal(await page.getAttribute("#naissance", "aria-invalid"), "true");
  assert.match(await page.getAttribute("#naissance", "aria-describedby"), /^naissance-aide parcours-\d+-\d+-messages$/);
  assert.equal(await page.locator(".fr-input-group--error #naissance.fr-input--error").count(), 1);
  const message = page.locator(".fr-input-group--error .fr-messages-group[aria-live='polite'] p.fr-message.fr-message--error");
  assert.equal(await message.textContent(), "Cette date n'existe pas dans le calendrier.");
  assert.equal(await message.getAttribute("lang"), "fr");

  // Untouched fields say nothing until a submit.
  assert.equal(await page.getAttribute("#nom", "aria-invalid"), null);

  await page.fill("#naissance", "2023-02-28");
  await page.press("#naissance", "Tab");
  assert.equal(await page.getAttribute("#naissance", "aria-invalid"), "false", "back to the portal's own value");
  assert.equal(await page.getAttribute("#naissance", "aria-describedby"), "naissance-aide");
  assert.equal(await page.locator(".fr-input-group--error, .fr-input--error").count(), 0);
  assert.equal(await page.inputValue("#naissance"), "2023-02-28");
});

test("showOn: 'input' shows messages as the person types", async (t) => {
  const { page } = await openFixture(t, env, DSFR_FORM);
  await attachIn(page, { reference_date: REF, showOn: "input", load: "eager", fields: { naissance: "identity.birth_date" } });
  assert.equal(await ready(page), true);
  await page.click("#naissance");
  await page.keyboard.type("2023-02-30");
  await page.waitForFunction(() => document.querySelector("#naissance").getAttribute("aria-invalid") === "true");
  assert.equal(await activeId(page), "naissance");
});

test("a submit with errors is blocked and focuses the first error; the summary is optional; blockSubmit: false lets it go", async (t) => {
  const { page } = await openFixture(t, env, DSFR_FORM.replace("<form novalidate>", '<form novalidate action="/legacy-envoi" method="post">'));
  await attachIn(page, { reference_date: REF, summary: false, fields: { naissance: "identity.birth_date", nom: "identity.last_name" } });
  await page.fill("#nom", "Durand");
  await page.click("button");
  await page.waitForFunction(() => document.activeElement.id === "naissance");
  assert.equal(await describedText(page, "#naissance"), "Ce champ est obligatoire.");
  assert.equal(await page.locator("[data-parcours-summary]").count(), 0);
  assert.equal(new URL(page.url()).pathname, "/fixture.html");

  // The same form, checks shown but the submit not blocked.
  await page.evaluate(() => globalThis.checks.detach());
  await attachIn(page, { reference_date: REF, blockSubmit: false, fields: { naissance: "identity.birth_date" } });
  assert.equal(await page.evaluate(() => globalThis.checks.load()), true);
  await Promise.all([page.waitForURL("**/legacy-envoye.html"), page.click("button")]);
});

test("display: 'native' uses setCustomValidity and the browser's own report", async (t) => {
  const { page } = await openFixture(t, env, DSFR_FORM.replace("<form novalidate>", '<form action="/legacy-envoi" method="post">'));
  await attachIn(page, { reference_date: REF, display: "native", load: "eager", fields: { naissance: "identity.birth_date", nom: "identity.last_name" } });
  await ready(page);
  await page.fill("#naissance", "2023-02-30");
  await page.press("#naissance", "Tab");
  assert.equal(await page.evaluate(() => document.querySelector("#naissance").validationMessage), "Cette date n'existe pas dans le calendrier.");
  assert.equal(await page.evaluate(() => document.querySelector("#naissance").matches(":invalid")), true);
  assert.equal(await page.locator("[data-parcours-messages]").count(), 0, "no inline markup");
  assert.equal(await page.getAttribute("#naissance", "aria-invalid"), "true");

  // The browser blocks the submit itself and focuses the invalid field.
  await page.click("button");
  assert.equal(await activeId(page), "naissance");
  assert.equal(new URL(page.url()).pathname, "/fixture.html");

  await page.fill("#naissance", "2023-02-28");
  await page.fill("#nom", "Durand");
  await page.press("#nom", "Tab");
  assert.equal(await page.evaluate(() => document.querySelector("#naissance").validationMessage), "");
  await Promise.all([page.waitForURL("**/legacy-envoye.html"), page.click("button")]);
});

test("a portal overrides messages by code, with {param}, per locale or with a function; English is available", async (t) => {
  const { page } = await openFixture(t, env, `
    <form novalidate>
      <label for="nom">Nom</label><input id="nom" name="nom">
      <label for="enfants">Enfants</label><input id="enfants" name="enfants">
      <label for="naissance">Naissance</label><input id="naissance" name="naissance">
      <label for="entree">Entrée</label><input id="entree" name="entree">
      <button>OK</button>
    </form>`);
  await page.evaluate(async () => {
    const { attach } = await import("/pkg/attach.js");
    globalThis.checks = attach(document.forms[0], {
      reference_date: "2026-11-23",
      load: "eager",
      fields: { nom: "identity.last_name", enfants: "household.children_under_18", naissance: "identity.birth_date", entree: "operation.entry_date" },
      messages: {
        fr: {
          number_out_of_range: "Entre {min} et {max} enfants, pas plus ({inconnu}).",
          text_too_long: (finding, { label }) => `${label} : ${finding.params.max} caractères au plus.`,
        },
        en: { number_out_of_range: "From {min} to {max} children." },
      },
    });
    await globalThis.checks.ready;
  });
  const leave = async (selector, value) => {
    await page.fill(selector, value);
    await page.press(selector, "Tab");
  };
  await leave("#enfants", "31");
  await leave("#nom", "x".repeat(101));
  await leave("#naissance", "2023-02-30");
  assert.equal(await describedText(page, "#enfants"), "Entre 0 et 30 enfants, pas plus ({inconnu}).");
  assert.equal(await describedText(page, "#nom"), "Nom : 100 caractères au plus.");
  assert.equal(await describedText(page, "#naissance"), "Cette date n'existe pas dans le calendrier.", "no override: the module's");
  const frReport = await report(page);
  assert.equal(frReport.findings.find((finding) => finding.code === "number_out_of_range").message, "Entre 0 et 30 enfants, pas plus ({inconnu}).");

  await page.evaluate(() => globalThis.checks.update({ locale: "en" }));
  assert.equal(await describedText(page, "#enfants"), "From 0 to 30 children.");
  assert.equal(await describedText(page, "#naissance"), "This date does not exist in the calendar.");
  assert.equal(await describedText(page, "#nom"), "Text too long: 100 characters at most.");
  assert.equal(await page.getAttribute("[data-parcours-messages] p", "lang"), "en");
  assert.equal(await page.inputValue("#naissance"), "2023-02-30", "the answers stay");

  await page.click("button");
  assert.match(await page.textContent("[data-parcours-summary] h2"), /^The form has \d+ errors to correct before it is sent\.$/);
  assert.equal(await activeId(page), "nom");
});

test("a section's finding shows on the fieldset around its fields; hidden, disabled and hidden-input fields never block", async (t) => {
  const { page } = await openFixture(t, env, `
    <form novalidate action="/legacy-envoi" method="post">
      <input type="hidden" name="op" value="PLIE 42!">
      <fieldset id="situation"><legend>Situation</legend>
        <input type="checkbox" id="emploi" name="emploi"><label for="emploi">En emploi</label>
        <input type="checkbox" id="chomage" name="chomage"><label for="chomage">Chômeur</label>
        <input type="checkbox" id="inactif" name="inactif"><label for="inactif">Inactif</label>
      </fieldset>
      <div hidden><label for="cp">Code postal</label><input id="cp" name="cp" value="6900"></div>
      <label for="tel">Téléphone</label><input id="tel" name="tel" value="12" disabled>
      <button>OK</button>
    </form>`);
  await attachIn(page, {
    reference_date: REF,
    fields: { op: "operation.id", emploi: "situation.employed", chomage: "situation.unemployed", inactif: "situation.inactive", cp: "contact.postal_code", tel: "contact.phone" },
  });
  await page.check("#emploi");
  await page.check("#chomage");
  await page.waitForFunction(() => document.querySelector("#situation").getAttribute("aria-invalid") === "true");
  assert.match(await describedText(page, "#situation"), /^Une seule situation/);
  assert.equal(await page.locator("#situation > legend + [data-parcours-messages]").count(), 1, "under the legend");

  const rep = await report(page);
  assert.ok(codes(rep, "operation.id").includes("invalid_operation_id"), "the hidden input is checked...");
  assert.ok(codes(rep, "contact.postal_code").includes("invalid_postal_code"), "...and the hidden field too");
  assert.deepEqual(codes(rep, "contact.phone"), [], "a disabled field is not answered");

  await page.click("button");
  assert.equal(await activeId(page), "emploi", "blocked by the conflict only");
  await page.uncheck("#chomage");
  await Promise.all([page.waitForURL("**/legacy-envoye.html"), page.click("button")]);
});

test("radios in their own fieldset: described as a group, every radio marked invalid", async (t) => {
  const { page } = await openFixture(t, env, `
    <form novalidate>
      <fieldset id="sexe"><legend>Sexe</legend>
        <label><input type="radio" name="sexe" value="F"> Femme</label>
        <label><input type="radio" name="sexe" value="X"> Autre</label>
      </fieldset>
      <button>OK</button>
    </form>`);
  await attachIn(page, { reference_date: REF, fields: { sexe: { path: "identity.gender", values: { F: "woman" } } } });
  await page.check('input[value="X"]');
  await page.waitForFunction(() => document.querySelector("#sexe").hasAttribute("aria-describedby"));
  assert.match(await describedText(page, "#sexe"), /^Valeur non prévue/);
  assert.deepEqual(await page.locator('input[name="sexe"]').evaluateAll((radios) => radios.map((radio) => radio.getAttribute("aria-invalid"))), ["true", "true"]);
  assert.equal(await page.locator("#sexe > [data-parcours-messages]:last-child").count(), 1, "messages end the fieldset, outside the labels");
  await page.click("button");
  assert.equal(await page.evaluate(() => document.activeElement.value), "X", "focus on the checked radio");
});

test("the kit coexists with the page's listeners, and detach() leaves the form exactly as it was", async (t) => {
  const { page, context } = await openFixture(t, env, DSFR_FORM);
  // Listeners as DevTools sees them, each with the script that added it: the kit's
  // are those of /pkg/attach*.js (Playwright adds its own on the window).
  const cdp = await context.newCDPSession(page);
  const scripts = new Map();
  cdp.on("Debugger.scriptParsed", ({ scriptId, url }) => scripts.set(scriptId, url));
  await cdp.send("Debugger.enable");
  const listeners = async (expression) => {
    const { result } = await cdp.send("Runtime.evaluate", { expression });
    const { listeners: list } = await cdp.send("DOMDebugger.getEventListeners", { objectId: result.objectId });
    return list.map((listener) => ({
      type: `${listener.type}${listener.useCapture ? " (capture)" : ""}`,
      kit: /\/pkg\/attach[^/]*\.js$/.test(scripts.get(listener.scriptId) ?? ""),
    }));
  };
  const everywhere = async () => {
    const found = { form: await listeners("document.forms[0]"), document: await listeners("document"), window: await listeners("window") };
    return {
      all: found.form.map((listener) => listener.type).sort(),
      kit: Object.fromEntries(Object.entries(found).map(([where, list]) => [where, list.filter((l) => l.kit).map((l) => l.type).sort()])),
    };
  };

  // The page's own listeners, registered first.
  await page.evaluate(() => {
    globalThis.seen = [];
    const form = document.forms[0];
    for (const type of ["input", "change", "submit", "focusin"]) {
      form.addEventListener(type, (event) => {
        globalThis.seen.push(`${type}${type === "submit" ? ` prevented=${event.defaultPrevented}` : ""}`);
        if (type === "submit") event.preventDefault();
      });
    }
  });
  const before = { html: await page.evaluate(() => document.forms[0].outerHTML), listeners: await everywhere() };

  await attachIn(page, { reference_date: REF, fields: { naissance: "identity.birth_date", nom: "identity.last_name" } });
  const whileAttached = await everywhere();
  assert.deepEqual(whileAttached.kit, {
    form: ["change", "focusin", "input", "pointercancel", "pointerdown", "pointerdown", "pointerup", "reset", "submit (capture)"],
    document: [],
    window: [],
  }, "the kit listens on the form only");

  await page.fill("#naissance", "2023-02-30");
  await page.press("#naissance", "Tab");
  await page.click("button");
  await page.waitForFunction(() => document.querySelector("[data-parcours-summary]"));
  const seen = await page.evaluate(() => globalThis.seen);
  assert.deepEqual(seen.filter((event) => event !== "focusin"), ["input", "change", "submit prevented=true"],
    "the page saw every event, and the submit as the kit left it");
  assert.ok(seen.filter((event) => event === "focusin").length >= 3, "and every focus, the kit's move to the error included");

  await page.evaluate(() => globalThis.checks.detach());
  assert.equal(await page.evaluate(() => globalThis.checks.status), "detached");
  assert.equal(await page.evaluate(() => document.forms[0].outerHTML), before.html, "markup, classes and aria attributes restored");
  const afterDetach = await everywhere();
  assert.deepEqual(afterDetach.kit, { form: [], document: [], window: [] }, "every listener of the kit removed");
  assert.deepEqual(afterDetach.all, before.listeners.all, "the page's own listeners untouched");
  assert.equal(await page.inputValue("#naissance"), "2023-02-30", "what was typed stays");
  assert.equal(await page.evaluate(() => globalThis.checks.report()), null);

  // Detached: typing and submitting do nothing the page did not do itself.
  await page.fill("#naissance", "2023-02-31");
  await page.press("#naissance", "Tab");
  assert.equal(await page.evaluate(() => document.forms[0].outerHTML), before.html);
  // And the form can be attached again.
  assert.equal(await attachIn(page, { reference_date: REF, fields: { naissance: "identity.birth_date" } }), null);
});

test("the portal's classes replace the DSFR's; nothing is added for a class left out", async (t) => {
  const { page } = await openFixture(t, env, `
    <form novalidate>
      <p class="champ"><label for="cp">Code postal</label><input id="cp" name="cp"></p>
      <button>OK</button>
    </form>`);
  await attachIn(page, { reference_date: REF, classes: { group: ".champ", groupError: "champ--ko", error: "msg msg--ko" }, fields: { cp: "contact.postal_code" } });
  await page.fill("#cp", "6900");
  await page.press("#cp", "Tab");
  await page.waitForFunction(() => document.querySelector(".champ--ko"));
  assert.equal(await page.getAttribute("#cp", "class"), null, "no control class given: none added");
  assert.equal(await page.locator(".champ.champ--ko [data-parcours-messages]:not([class]) > p.msg.msg--ko").count(), 1);
  assert.equal(await page.locator("[class*='fr-']").count(), 0);
});

test("load: 'eager' fetches the module at once; validate() checks everything without a submit", async (t) => {
  const { page, requests } = await openFixture(t, env, DSFR_FORM);
  await attachIn(page, { reference_date: REF, load: "eager", fields: { naissance: "identity.birth_date", nom: "identity.last_name" } });
  assert.equal(await ready(page), true);
  assert.ok(requests.some((request) => request.url.endsWith("/pkg/parcours_bg.wasm")));
  const result = await page.evaluate(() => globalThis.checks.validate({ focus: true }));
  assert.equal(result.ok, false);
  assert.deepEqual(result.report.missing.slice(0, 2), ["identity.last_name", "identity.first_name"]);
  assert.equal(await activeId(page), "naissance");
  assert.equal(await page.locator("[data-parcours-summary] li").count(), 2);
});

test("attach-auto.js: one script tag attaches every form mapped in its markup; a wrong mapping is reported and left alone", async (t) => {
  const { page, problems } = await openFixture(t, env, `
    <form id="bon" novalidate data-parcours-reference-date="2026-11-23" data-parcours-locale="en">
      <label for="naissance">Naissance</label>
      <input id="naissance" name="naissance" data-parcours-path="identity.birth_date">
      <button>OK</button>
    </form>
    <form id="faux" novalidate data-parcours-reference-date="2026-11-23">
      <label for="x">X</label><input id="x" name="x" data-parcours-path="identity">
    </form>
    <form id="ignore"><label for="y">Y</label><input id="y" name="y" data-parcours-path="identity.first_name"></form>
    <script type="module" src="/pkg/attach-auto.js"></script>`, { allow: [/^page error: parcours attach: data-parcours-path on "x": "identity" is not a questionnaire path/] });
  await page.fill("#naissance", "2023-02-30");
  await page.press("#naissance", "Tab");
  await page.waitForFunction(() => document.querySelector("#naissance").getAttribute("aria-invalid") === "true");
  assert.equal(await describedText(page, "#naissance"), "This date does not exist in the calendar.");
  await page.fill("#x", "abc");
  await page.press("#x", "Tab");
  await page.fill("#y", "");
  await page.press("#y", "Tab");
  assert.equal(await page.locator("#faux [data-parcours-messages], #ignore [data-parcours-messages]").count(), 0);
  assert.equal(problems.filter((problem) => /not a questionnaire path/.test(problem)).length, 1, "the wrong mapping was reported");
});

test("a mapping mistake is one console error naming its entry; the rest of the form is still checked", async (t) => {
  const allow = [/^console\.error: parcours attach: fields\.(absent|nom): /];
  const { page } = await openFixture(
    t,
    env,
    `<form novalidate>
      <label for="naissance">Date de naissance</label><input id="naissance" name="naissance">
      <label for="nom">Nom</label><input id="nom" name="nom">
      <label for="sexe">Sexe</label>
      <select id="sexe" name="sexe"><option value="">—</option><option value="F">Femme</option><option value="H">Homme</option><option value="A">Autre</option></select>
      <button>OK</button>
    </form>`,
    { allow },
  );
  const errors = [];
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  const answer = await attachIn(page, {
    reference_date: REF,
    load: "eager",
    fields: {
      naissance: { path: "identity.birth_date", dateFormat: "dd/mm/yyyy" },
      nom: "identity.lastname", // a typo: the questionnaire says identity.last_name
      absent: "identity.first_name", // no field named "absent" in the form
      sexe: { path: "identity.gender", values: { F: "woman", H: "man" } }, // "A" is not mapped
    },
  });
  assert.equal(answer, null, "attach() does not throw: the kit goes on");
  assert.equal(await ready(page), true);
  assert.deepEqual(errors, [
    'parcours attach: fields.absent: the form has no field named "absent"; this entry is ignored',
    'parcours attach: fields.nom: "identity.lastname" is not a question of the questionnaire; this field is not checked',
  ]);

  // The rest of the form is checked as before.
  await page.fill("#naissance", "30/02/2023");
  await page.locator("#naissance").press("Tab");
  assert.equal(await describedText(page, "#naissance"), "Cette date n'existe pas dans le calendrier.");
  // An option the mapping does not give: the expected choices by their French labels.
  await page.selectOption("#sexe", "A");
  await page.locator("#sexe").press("Tab");
  const message = await describedText(page, "#sexe");
  assert.equal(message, "Valeur non prévue : choisissez parmi Femme ; Homme ; Non binaire.");
  assert.doesNotMatch(message, /woman|non_binary/);
  // The field whose path is unknown is left alone.
  await page.fill("#nom", "x".repeat(300));
  await page.locator("#nom").press("Tab");
  assert.equal(await page.getAttribute("#nom", "aria-invalid"), null);
  assert.equal(errors.length, 2, "each mistake is said once");
});
