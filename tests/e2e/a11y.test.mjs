// Accessibility: every page of www/ (found on disk, so that a page added later is
// audited too) passes axe-core with no violation, at load and in the states the
// embedding kit creates (errors, summary, notice); and the legacy portal is filled in
// and its errors reached with the keyboard alone. axe-core is the automated part of
// an RGAA audit, not all of it.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { AxeBuilder } from "@axe-core/playwright";
import { activeId, describedText, launch, openPage, wwwPages } from "./legacy-harness.mjs";

let env;
before(async () => {
  env = await launch();
});
after(() => env?.close());

/** Every axe rule but the experimental ones (axe's default), WCAG 2.1 A/AA and best practices. */
async function audit(page, label) {
  const results = await new AxeBuilder({ page }).analyze();
  const violations = results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    nodes: violation.nodes.map((node) => `${node.target.join(" ")}: ${node.failureSummary}`),
  }));
  assert.deepEqual(violations, [], `axe violations on ${label}`);
  assert.ok(results.passes.length >= 10, `axe ran on ${label}`);
}

/** A page is settled once its network is idle and, if it says so, its module is ready. */
async function settle(page) {
  await page.waitForLoadState("networkidle");
  const state = await page.getAttribute("html", "data-state");
  if (state !== null) assert.equal(state, "ready", "the page's module loaded");
}

test("every page of www/ passes axe-core as it loads", async (t) => {
  const pages = wwwPages();
  for (const expected of ["index.html", "questionnaire.html", "legacy.html", "legacy-envoye.html", "sortie.html", "suivi.html", "lot.html"]) {
    assert.ok(pages.includes(expected), `${expected} is audited`);
  }
  for (const name of pages) {
    await t.test(name, async (t) => {
      const { page } = await openPage(t, env, name);
      await settle(page);
      await audit(page, name);
    });
  }
});

test("the questionnaire page passes axe-core with errors, warnings and missing fields shown", async (t) => {
  const { page } = await openPage(t, env, "questionnaire.html");
  await settle(page);
  await page.fill("#identity-birth_date", "2023-02-30");
  await page.fill("#contact-postal_code", "6900");
  await page.click('label[for="situation-employed-true"]');
  await page.click('label[for="situation-unemployed-true"]');
  await page.click('#questionnaire button[type="submit"]');
  await audit(page, "questionnaire.html with findings");
});

test("the orientation page passes axe-core with the IAE criteria, a proof's error and technical details open", async (t) => {
  const { page } = await openPage(t, env, "orientation.html");
  await settle(page);
  await page.fill("#decision_date", "15/03/2026");
  await page.selectOption("#programme", "iae-diagnostic");
  await page.selectOption("#fact-diagnosed_by", "employer");
  await page.selectOption("#fact-structure_kind", "ACI");
  await page.click('label[for="fact-iae_criteria-rsa"]');
  await page.fill("#fact-iae_criteria-rsa-date", "01/11/2025");
  await page.locator("#rules details.technical summary").first().click();
  await audit(page, "orientation.html with the IAE diagnosis");
  await page.selectOption("#programme", "plie-cotentin");
  await audit(page, "orientation.html with a programme outside its period");
});

test("the export checker passes axe-core with its results shown", async (t) => {
  const { page } = await openPage(t, env, "lot.html");
  await settle(page);
  const csv = "participant_id;identity.gender;identity.birth_date\nP1;woman;1980-01-01\nP2;man;1990-02-30\n";
  await page.setInputFiles("#file", { name: "export.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.fill("#reference_date", "31/12/2025");
  await page.click("#start");
  await page.waitForSelector('html[data-state="done"]', { state: "attached" });
  await audit(page, "lot.html with results");
  await page.setInputFiles("#file", { name: "export.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: Buffer.from(csv) });
  await page.click("#start");
  await page.waitForSelector('html[data-state="failed"]', { state: "attached" });
  await audit(page, "lot.html with a workbook's message");
  await assertPlainWords(page, "lot.html with a workbook's message");
});

test("the legacy portal passes axe-core with the kit's errors, summary and warnings shown", async (t) => {
  const { page } = await openPage(t, env, "legacy.html");
  await page.fill("#date_naiss", "30/02/2023");
  await page.check("#sit_emploi");
  await page.check("#sit_chomage");
  await page.check("#handicap_n");
  await page.fill("#date_debut_chomage", "15/09/2020");
  await page.click('input[type="submit"]');
  await page.locator(".bloc-erreurs").waitFor();
  await audit(page, "legacy.html with errors");
});

test("the legacy portal passes axe-core with the notice that live checks are off", async (t) => {
  const { page } = await openPage(t, env, "legacy.html", { init: () => delete globalThis.WebAssembly });
  await page.locator(".bandeau-info").waitFor();
  await audit(page, "legacy.html without WebAssembly");
});

/** The element that has the focus, as a short description. */
const focused = (page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    return element?.id || element?.getAttribute("href") || element?.value || element?.localName;
  });

/**
 * Presses Tab (or Shift+Tab) until the focus is on `target` — an id, a link's href, a
 * button's text, as `focused` describes it — at most `limit` times.
 */
async function tabTo(page, target, { key = "Tab", limit = 40 } = {}) {
  for (let presses = 1; presses <= limit; presses += 1) {
    await page.keyboard.press(key);
    if ((await focused(page)) === target) return presses;
  }
  assert.fail(`${key} never reached ${target} (last: ${await focused(page)})`);
}

const SUBMIT = "Enregistrer le questionnaire";

test("with the keyboard alone: the legacy form is filled in, every error reached, then sent", async (t) => {
  // No mouse, no fill(), no focus(): keys only.
  const { page } = await openPage(t, env, "legacy.html");
  const type = (text) => page.keyboard.type(text);
  const press = (key) => page.keyboard.press(key);

  // From the top of the page, Tab to the first field, then through the form in order.
  await tabTo(page, "nom_naissance");
  await type("Durand");
  await press("Tab"); // → prenom, left empty
  await press("Tab"); // → sexe
  assert.equal(await activeId(page), "sexe");
  await press("ArrowDown"); // a closed select changes with the arrow keys
  await press("ArrowDown");
  assert.equal(await page.inputValue("#sexe"), "H");
  await press("Tab");
  await type("30/02/2023");
  await press("Tab"); // leaving the date shows its error
  assert.equal(await activeId(page), "num_secu");
  assert.equal(await describedText(page, "#date_naiss"), "Cette date n'existe pas dans le calendrier.");

  await tabTo(page, "cp");
  await type("69001");
  await press("Tab");
  await type("69381");
  await tabTo(page, "sit_emploi");
  await press("Space");
  await press("Tab");
  await press("Space"); // employed and unemployed: a conflict
  assert.equal(await page.isChecked("#sit_emploi"), true);
  assert.equal(await page.isChecked("#sit_chomage"), true);
  await tabTo(page, "niveau_formation");
  await type("Bac"); // a select picks the option its typed letters start
  assert.equal(await page.inputValue("#niveau_formation"), "N4");
  await press("Tab"); // → the radio group: arrows move and check
  assert.equal(await activeId(page), "handicap_o");
  await press("ArrowRight");
  await press("ArrowRight");
  assert.equal(await page.isChecked("#handicap_nsp"), true);
  await tabTo(page, "observations");
  await press("Shift+Tab"); // and back
  assert.equal(await activeId(page), "rsa");

  // Submit from the keyboard: blocked, focus on the first error, described.
  await tabTo(page, SUBMIT);
  await press("Enter");
  await page.locator(".bloc-erreurs").waitFor();
  assert.equal(await activeId(page), "prenom");
  assert.equal(await describedText(page, "#prenom"), "Information obligatoire.");

  // Every error is reached: Tab from the first error visits each invalid control...
  const invalid = await page.locator('[aria-invalid="true"]').evaluateAll((nodes) => nodes.map((node) => node.id));
  assert.deepEqual(invalid, ["prenom", "date_naiss", "date_entree", "bloc_situation"]);
  const reached = new Set(["prenom"]);
  for (let presses = 0; presses < 30 && !reached.has("bloc_situation"); presses += 1) {
    await press("Tab");
    const id = await activeId(page);
    if (invalid.includes(id)) reached.add(id);
    // The situation's error is on its fieldset: reached with the first box inside it.
    if (id === "sit_emploi") {
      assert.match(await describedText(page, "#bloc_situation"), /^Une seule situation/);
      reached.add("bloc_situation");
    }
  }
  assert.deepEqual([...reached].sort(), [...invalid].sort());

  // ...and the summary's links, reached with Shift+Tab (they come just before the first
  // field), each lead to its field.
  const links = await page.locator(".bloc-erreurs a").evaluateAll((nodes) => nodes.map((node) => node.getAttribute("href")));
  assert.deepEqual(links, ["#prenom", "#date_naiss", "#date_entree", "#sit_emploi"]);
  await tabTo(page, "nom_naissance", { key: "Shift+Tab" });
  await press("Shift+Tab");
  assert.equal(await focused(page), "#sit_emploi", "the last summary link comes just before the first field");
  for (const href of links) {
    await tabTo(page, href, { key: "Shift+Tab" });
    await press("Enter");
    assert.equal(await activeId(page), href.slice(1), `the link ${href} moves the focus`);
  }

  // Fix everything from the keyboard and send.
  await tabTo(page, "prenom", { key: "Shift+Tab" });
  await type("Camille");
  await tabTo(page, "date_naiss");
  await press("Control+A");
  await type("28/02/1990");
  await tabTo(page, "date_entree");
  await type("02/11/2026");
  await tabTo(page, "sit_chomage");
  await press("Space");
  assert.equal(await page.isChecked("#sit_chomage"), false);
  await tabTo(page, SUBMIT);
  await press("Enter");
  await page.waitForURL("**/legacy-envoye.html").catch(async (error) => {
    const left = await page.locator(".bloc-erreurs a").allTextContents();
    throw new Error(`not sent; errors left: ${JSON.stringify(left)}; focus on ${await focused(page)}`, { cause: error });
  });
});

// Issue 17: no rule identifier, file name, file number or English word of the
// machinery in what a person reads, on every page, also once it shows findings.
import { assertPlainWords } from "./plain-words.mjs";

test("no page of www/ shows an internal word at load, nor the questionnaire and the legacy portal with findings", async (t) => {
  for (const name of wwwPages()) {
    await t.test(name, async (t) => {
      const { page } = await openPage(t, env, name);
      await settle(page);
      if ((await page.locator("#app").count()) === 0 || (await page.isVisible("#app"))) await assertPlainWords(page, name);
    });
  }
  await t.test("questionnaire.html with findings", async (t) => {
    const { page } = await openPage(t, env, "questionnaire.html");
    await settle(page);
    await page.fill("#identity-birth_date", "2023-02-30");
    await page.fill("#contact-postal_code", "6900");
    await page.click('label[for="situation-employed-true"]');
    await page.click('label[for="situation-unemployed-true"]');
    await page.click('#questionnaire button[type="submit"]');
    await assertPlainWords(page, "questionnaire.html with findings");
  });
  await t.test("legacy.html with errors", async (t) => {
    const { page } = await openPage(t, env, "legacy.html");
    await page.fill("#date_naiss", "30/02/2023");
    await page.check("#sit_emploi");
    await page.check("#sit_chomage");
    await page.click('input[type="submit"]');
    await page.locator(".bloc-erreurs").waitFor();
    await assertPlainWords(page, "legacy.html with errors");
  });
});
