// The exit proposal page in a real browser (Debian's Chromium, driven by
// playwright-core, through the demo server and its strict CSP): a référent chooses a
// programme, the exit date and the situation, fills its fields, missions and proofs
// as a person does, and the classification, its rules, the interim summary and each
// proof's status follow every change; findings land next to the field their path
// names; the print stylesheet gives the follow-up committee the proposal; nothing
// leaves the page and nothing is logged (every test fails on a page error, console
// output, a CSP violation or a request outside the server).
// Needs the package built first: bash scripts/build.sh && node --test tests/e2e/sortie.test.mjs

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { AxeBuilder } from "@axe-core/playwright";
import { launch, openPage } from "./legacy-harness.mjs";

let env;
before(async () => {
  env = await launch();
});
after(() => env?.close());

/** The page sets html[data-state] to "ready" after init(), or "error" if the wasm failed. */
async function open(t, path = "sortie.html") {
  const opened = await openPage(t, env, path, { viewport: { width: 1280, height: 1000 } });
  if (path !== "sortie.html") return opened;
  await opened.page.waitForSelector("html[data-state]", { state: "attached" });
  assert.equal(await opened.page.getAttribute("html", "data-state"), "ready", "the wasm module did not load");
  return opened;
}

/** Programme and dates, chosen as a référent does. */
async function setUp(page, { programme = "plie-flandre-lys", exit = "2018-06-29", entry = null } = {}) {
  await page.selectOption("#programme", programme);
  await page.fill("#exit_date", exit);
  if (entry) await page.fill("#entry_date", entry);
}

/** Types into a field as a person does, after emptying it. */
async function type(page, selector, text) {
  const field = page.locator(selector);
  await field.fill("");
  await field.pressSequentially(text);
}

const category = (page) => page.getAttribute("#decision-alert", "data-category");
const outcome = (page) => page.textContent("#decision-outcome");
const rules = (page) =>
  page.locator("#rules > li").evaluateAll((items) => items.map((item) => [item.dataset.rule, item.dataset.status]));
const ruleMessage = (page, rule) => page.textContent(`#rules > li[data-rule="${rule}"] .rule__message`);
/** A row of a list (missions, proofs), by its number from 1. */
const row = (page, list, n) => page.locator(`#${list} > li:nth-child(${n})`);
const rowField = (page, list, n, name) => `#${list} > li:nth-child(${n}) [data-name="${name}"]`;
/** The messages shown for a control: the text of what its aria-describedby names. */
const described = (page, selector) =>
  page.locator(selector).evaluate((node) =>
    (node.getAttribute("aria-describedby") ?? "")
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" | "),
  );
/** DSFR radios are drawn by their label: click it, as a person would. */
const answer = (page, name, value) => page.click(`label[for="${name}-${value}"]`);

/** A proof as a person enters it in row `n` (the first row is there already). */
async function proof(page, n, kind, date) {
  if ((await page.locator("#proofs > li").count()) < n) await page.click("#add-proof");
  await page.selectOption(rowField(page, "proofs", n, "kind"), kind);
  await type(page, rowField(page, "proofs", n, "date"), date);
}

/** A CDD from `start` to `end`. */
async function contract(page, kind, start, end) {
  await page.selectOption("#reason", "employment");
  await page.selectOption("#contract_type", kind);
  await type(page, "#contract_start", start);
  if (end) await type(page, "#contract_end", end);
}

describe("the exit proposal page", () => {
  test("the home page links to it; no exit date is given for the référent; only programmes with exit rules", async (t) => {
    const { page } = await open(t, "");
    await page.click('a[href="/sortie.html"]');
    await page.waitForSelector("html[data-state=ready]", { state: "attached" });
    assert.equal(await page.inputValue("#exit_date"), "", "the exit date starts empty");
    assert.equal(await page.inputValue("#entry_date"), "");
    assert.equal(await page.inputValue("#programme"), "");
    const ids = await page.locator("#programme option").evaluateAll((options) => options.map((option) => option.value).filter(Boolean));
    assert.deepEqual(ids.sort(), ["ml-val-de-marque", "plie-boulonnais", "plie-cotentin", "plie-flandre-lys"]);
    assert.match(await page.textContent('#programme option[value="plie-flandre-lys"]'), /^PLIE Flandre Lys \(du 01\/01\/2017 au 31\/12\/2018\)$/);
    assert.equal(await outcome(page), "Pas de classement");
    assert.equal(await page.isHidden("#proposal-fields"), true);
    assert.equal(await page.getAttribute("#decision-alert", "aria-live"), "polite");

    // A programme, no date: the date is asked for, under its field, and nothing is classified.
    await page.selectOption("#programme", "plie-flandre-lys");
    assert.match(await page.textContent("#exit_date-messages"), /Indiquez la date de sortie/);
    assert.equal(await page.getAttribute("#exit_date", "aria-invalid"), "true");
    assert.equal(await category(page), "none");
    assert.match(await page.textContent("#decision-summary"), /date de sortie valide/);

    await page.fill("#exit_date", "2018-06-29");
    assert.equal(await page.textContent("#exit_date-messages"), "");
    assert.equal(await category(page), "incomplete");
    assert.equal(await outcome(page), "Incomplet");
    assert.deepEqual(await page.locator("#missing-list li").allTextContents(), ["Situation proposée"]);
    // What is missing leads to its field.
    await page.click('#missing-list button[data-goto="reason"]');
    assert.equal(await page.evaluate(() => document.activeElement.id), "reason");

    // An entry date after the exit is said under the exit date.
    await page.fill("#entry_date", "2018-07-01");
    assert.match(await page.textContent("#exit_date-messages"), /ne peut pas précéder la date d'entrée/);
  });

  test("a CDD of more than 6 months with a recent payslip is a positive exit; 6 months exactly is not", async (t) => {
    const { page } = await open(t);
    await setUp(page);
    await contract(page, "cdd", "2018-06-01", "2018-11-30");
    assert.equal(await page.isVisible("#situation-employment"), true);
    assert.equal(await page.isHidden("#situation-training"), true);
    assert.equal(await page.isHidden("#aided"), true, "a CDD is no aided contract");
    await proof(page, 1, "payslip", "2018-06-28");

    assert.equal(await category(page), "other");
    assert.equal(await outcome(page), "Sortie non positive");
    assert.match(await ruleMessage(page, "EXIT-CONTRACT"), /6 mois ou moins/);
    assert.match(await page.getAttribute("#decision-alert", "class"), /fr-alert--error/);

    await type(page, "#contract_end", "2018-12-01");
    assert.equal(await category(page), "positive");
    assert.match(await outcome(page), /^Sortie positive : /);
    assert.match(await page.getAttribute("#decision-alert", "class"), /fr-alert--success/);
    assert.equal(await page.isHidden("#decision-summary"), true, "the positive exit's kind is said once, in the title");
    assert.equal(await outcome(page), "Sortie positive : Emploi durable", "the kind is said once, in the title");
    assert.deepEqual(await rules(page), [
      ["EXIT-CONTRACT", "passed"],
      ["EXIT-PROOF-AT-DATE", "passed"],
      ["EXIT-COMMITTEE", "information"],
    ]);
    assert.match(await page.textContent('#rules > li[data-rule="EXIT-CONTRACT"] .rule__source'), /^Source : Cahier des charges PLIE Flandre Lys 2017, §1\.2\.3/);
    assert.match(await page.textContent('#rules > li[data-rule="EXIT-CONTRACT"] .fr-badge'), /Remplie/);
    assert.equal(await row(page, "proofs", 1).getAttribute("data-status"), "attests");
    assert.equal(await row(page, "proofs", 1).locator(".proof-status").textContent(), "Atteste la situation");
    assert.match(await page.textContent("#proof-list"), /1\. Bulletin de salaire, 28\/06\/2018\s*Atteste la situation/);
    assert.equal(await page.isHidden("#missing-box"), true);
    assert.equal(await page.isHidden("#general-findings"), true);
  });

  test("a CUI-CAE matching the project, agreed, outside an ACI is positive through EXIT-AIDED; in an ACI it is not", async (t) => {
    const { page } = await open(t);
    await setUp(page);
    await contract(page, "cui_cae", "2018-01-02", "2018-12-31");
    await proof(page, 1, "employment_contract", "2018-06-15");
    // The aided contract's three conditions are asked once the contract is an aided one.
    assert.equal(await page.isVisible("#aided"), true);
    assert.equal(await category(page), "incomplete");
    assert.deepEqual(await page.locator("#missing-list li").allTextContents(), ["Employeur ACI ou non"]);

    await answer(page, "employer_is_aci", "false");
    assert.deepEqual(await page.locator("#missing-list li").allTextContents(), [
      "Correspondance au projet professionnel",
      "Accord du participant",
    ]);
    await answer(page, "matches_project", "true");
    await answer(page, "participant_agrees", "true");
    assert.equal(await category(page), "positive");
    assert.deepEqual(await rules(page), [
      ["EXIT-CONTRACT", "failed"],
      ["EXIT-AIDED", "passed"],
      ["EXIT-PROOF-AT-DATE", "passed"],
      ["EXIT-COMMITTEE", "information"],
    ]);
    assert.match(await ruleMessage(page, "EXIT-CONTRACT"), /^CUI-CAE : ce contrat ne compte pas/);
    assert.match(await ruleMessage(page, "EXIT-AIDED"), /hors ACI, conforme au projet professionnel, avec l'accord du participant/);

    await answer(page, "employer_is_aci", "true");
    assert.equal(await category(page), "other");
    assert.equal(await outcome(page), "Sortie non positive");
    assert.equal(await page.getAttribute('#rules > li[data-rule="EXIT-AIDED"]', "data-status"), "failed");
    assert.match(await ruleMessage(page, "EXIT-AIDED"), /en ACI : exclu/);

    // Not knowing whether the agreement was given makes it incomplete, not negative.
    await answer(page, "employer_is_aci", "false");
    await answer(page, "participant_agrees", "unknown");
    assert.equal(await category(page), "incomplete");
    assert.deepEqual(await page.locator("#missing-list li").allTextContents(), ["Accord du participant"]);
    await page.click('#missing-list button[data-goto="participant_agrees"]');
    assert.equal(await page.evaluate(() => document.activeElement.id), "participant_agrees-true");
  });

  test("temporary work: 1,214 hours in two missions is not positive, 1,215 is; rows are added with the keyboard", async (t) => {
    const { page } = await open(t);
    await setUp(page, { entry: "2017-01-10" });
    await page.selectOption("#reason", "temporary_work");
    assert.equal(await page.locator("#missions > li").count(), 1, "one empty mission to fill in");
    assert.equal(await row(page, "missions", 1).locator("legend").textContent(), "Mission 1");
    // The first mission, field after field with Tab.
    await page.focus(rowField(page, "missions", 1, "start"));
    await page.keyboard.type("2017-03-01");
    await page.keyboard.press("Tab");
    await page.keyboard.type("2017-08-31");
    await page.keyboard.press("Tab");
    await page.keyboard.type("700");
    // "Add a mission" from the keyboard: the new row's first field gets the focus.
    await page.keyboard.press("Tab"); // the remove button
    await page.keyboard.press("Tab"); // add a mission
    assert.equal(await page.evaluate(() => document.activeElement.id), "add-mission");
    await page.keyboard.press("Enter");
    assert.equal(await page.locator("#missions > li").count(), 2);
    assert.equal(await page.evaluate(() => document.activeElement.dataset.name), "start");
    await page.keyboard.type("2017-09-01");
    await page.keyboard.press("Tab");
    await page.keyboard.type("2018-02-27");
    await page.keyboard.press("Tab");
    await page.keyboard.type("514");
    await proof(page, 1, "mission_statement", "2018-06-20");

    assert.equal(await category(page), "other");
    assert.deepEqual(await rules(page), [
      ["EXIT-INTERIM", "failed"],
      ["EXIT-PROOF-AT-DATE", "passed"],
      ["EXIT-COMMITTEE", "information"],
    ]);
    assert.equal(await page.getAttribute("#interim-badge", "data-reached"), "false");
    assert.equal(await page.textContent("#interim-badge"), "Seuil non atteint");
    assert.match(await page.textContent("#interim-hours"), /^1\s214 heures sur 1\s215 requises\.$/u);
    assert.equal(await page.textContent("#interim-window"), "Meilleure période : du 01/03/2017 au 28/02/2018.");
    assert.equal(await page.textContent("#interim-missions"), "2 missions comptées sur 2.");

    await type(page, rowField(page, "missions", 2, "hours"), "515");
    assert.equal(await category(page), "positive");
    assert.equal(await outcome(page), "Sortie positive : Emploi durable", "the kind is said once, in the title");
    assert.equal(await page.textContent("#interim-badge"), "Seuil atteint");
    assert.match(await page.textContent("#interim-hours"), /^1\s215 heures sur 1\s215 requises\.$/u);
    // Hundredths count: 514.99 is not 515.
    await type(page, rowField(page, "missions", 2, "hours"), "514,99");
    assert.equal(await category(page), "other");
    assert.match(await page.textContent("#interim-hours"), /^1\s214,99 heures/u);
  });

  test("a mission ending before it starts: its row shows the finding; removing a row renumbers the others", async (t) => {
    const { page } = await open(t);
    await setUp(page);
    await page.selectOption("#reason", "temporary_work");
    await type(page, rowField(page, "missions", 1, "start"), "2017-03-01");
    await type(page, rowField(page, "missions", 1, "end"), "2017-02-28");
    await type(page, rowField(page, "missions", 1, "hours"), "100");
    const end = rowField(page, "missions", 1, "end");
    assert.equal(await described(page, end), "La date de fin précède la date de début : la période n'est pas comptée.");
    assert.equal(await page.getAttribute(end, "aria-invalid"), "true");
    assert.equal(await page.locator(`${end.replace(/ \[data-name="end"\]$/, "")} .fr-input-group--error`).count(), 1);
    assert.equal(await page.getAttribute(rowField(page, "missions", 1, "start"), "aria-invalid"), null);
    assert.equal(await category(page), "incomplete");
    assert.match(await ruleMessage(page, "EXIT-INTERIM"), /1 mission incomplète ou erronée/);
    assert.equal(await page.textContent("#interim-missions"), "0 mission comptée sur 1, 1 incomplète ou erronée.");

    // A second mission, then the first removed: the finding goes with it.
    await page.click("#add-mission");
    await type(page, rowField(page, "missions", 2, "start"), "2017-04-01");
    await type(page, rowField(page, "missions", 2, "end"), "2017-04-30");
    await type(page, rowField(page, "missions", 2, "hours"), "151,67");
    assert.equal(await row(page, "missions", 2).locator("legend").textContent(), "Mission 2");
    await row(page, "missions", 1).locator("button[data-remove]").click();
    assert.equal(await page.locator("#missions > li").count(), 1);
    assert.equal(await row(page, "missions", 1).locator("legend").textContent(), "Mission 1");
    assert.equal(await row(page, "missions", 1).locator("button[data-remove]").textContent(), "Retirer la mission 1");
    assert.equal(await page.inputValue(rowField(page, "missions", 1, "hours")), "151,67");
    assert.equal(await page.evaluate(() => document.activeElement.dataset.name), "start", "the focus stays in the list");
    assert.equal(await page.locator('#missions [data-code="end_before_start"]').count(), 0);
    assert.equal(await page.textContent("#interim-missions"), "1 mission comptée sur 1.");
    // A mission before the entry date is outside the parcours: said on its row.
    await page.fill("#entry_date", "2017-05-01");
    assert.match(await row(page, "missions", 1).locator(".row-messages").textContent(), /^Mission hors du parcours/);
  });

  test("a business created 4 months before the exit is not positive yet, and says when to examine it again", async (t) => {
    const { page } = await open(t);
    await setUp(page);
    await page.selectOption("#reason", "business_creation");
    await type(page, "#activity_start", "2018-02-28");
    await proof(page, 1, "business_registration", "2018-06-20");
    assert.equal(await category(page), "other");
    assert.equal(await outcome(page), "Sortie non positive");
    assert.equal(await page.textContent("#decision-summary"), "Pas encore une sortie positive : à réexaminer à partir du 28/08/2018.");
    assert.equal(await page.textContent("#decision-reexamine"), "À réexaminer à partir du 28/08/2018.");
    assert.equal(await page.getAttribute('#rules > li[data-rule="EXIT-BUSINESS"]', "data-status"), "failed");
    assert.match(await ruleMessage(page, "EXIT-BUSINESS"), /réexaminée à partir du 28\/08\/2018/);

    // Six months and a day of activity on the exit date: positive.
    await type(page, "#activity_start", "2017-12-28");
    assert.equal(await category(page), "positive");
    assert.equal(await outcome(page), "Sortie positive : Création d'entreprise", "the kind is said once, in the title");
    assert.equal(await page.isHidden("#decision-reexamine"), true);
  });

  test("a proof more than 31 days before the exit leaves it incomplete, the proof flagged on its row", async (t) => {
    const { page } = await open(t);
    await setUp(page);
    await contract(page, "cdi", "2018-01-02");
    await proof(page, 1, "payslip", "2018-05-28");
    assert.equal(await category(page), "incomplete");
    assert.match(await page.getAttribute("#decision-alert", "class"), /fr-alert--warning/);
    assert.match(await page.textContent("#decision-summary"), /^1 information à compléter\. La situation compte comme sortie positive, mais doit être attestée à la date de sortie\.$/);
    assert.equal(await page.getAttribute('#rules > li[data-rule="EXIT-CONTRACT"]', "data-status"), "passed");
    assert.equal(await page.getAttribute('#rules > li[data-rule="EXIT-PROOF-AT-DATE"]', "data-status"), "unknown");
    assert.equal(await row(page, "proofs", 1).getAttribute("data-status"), "too_old");
    assert.equal(await row(page, "proofs", 1).locator(".proof-status").textContent(), "Trop ancien");
    const date = rowField(page, "proofs", 1, "date");
    assert.match(await described(page, date), /^Justificatif daté de plus de 31 jours avant la sortie/);
    assert.deepEqual(await page.locator("#missing-list li").allTextContents(), ["Un justificatif à la date de sortie"]);

    // 31 days before is still the situation at exit.
    await type(page, date, "2018-05-29");
    assert.equal(await category(page), "positive");
    assert.equal(await described(page, date), "");
    // After the exit, or of a kind that attests something else: flagged, and not counted.
    await type(page, date, "2018-06-30");
    assert.equal(await row(page, "proofs", 1).locator(".proof-status").textContent(), "Postérieur à la sortie");
    await proof(page, 2, "mission_statement", "2018-06-20");
    assert.equal(await row(page, "proofs", 2).locator(".proof-status").textContent(), "Ne concerne pas cette situation");
    assert.match(await described(page, rowField(page, "proofs", 2, "kind")), /n'atteste pas ce type de sortie/);
    assert.equal(await category(page), "incomplete");
    await proof(page, 3, "employer_certificate", "2018-06-29");
    assert.equal(await category(page), "positive");
    assert.deepEqual(
      await page.locator("#proof-list > li").evaluateAll((items) => items.map((item) => item.dataset.status)),
      ["after_exit", "wrong_kind", "attests"],
    );
  });

  test("administrative and initiative exits need no proof; switching situation keeps what was typed", async (t) => {
    const { page } = await open(t);
    await setUp(page);
    await contract(page, "cdd", "2018-06-01", "2018-12-31");
    await page.selectOption("#reason", "moving_out");
    assert.equal(await category(page), "administrative");
    assert.equal(await outcome(page), "Sortie administrative");
    assert.match(await page.getAttribute("#decision-alert", "class"), /fr-alert--info/);
    assert.equal(await page.isHidden("#situation-employment"), true);
    assert.equal(await page.isHidden("#situation-proofs"), true);
    await page.selectOption("#reason", "abandonment");
    assert.equal(await category(page), "other");
    assert.match(await page.textContent("#decision-summary"), /à l'initiative du parcours ou du participant/);
    await page.selectOption("#reason", "employment");
    assert.equal(await page.inputValue("#contract_end"), "31/12/2018");
    assert.equal(await page.inputValue("#contract_type"), "cdd");
  });

  test("a programme that judges no proofs (the Mission Locale) asks none; an apprenticeship counts as its own kind", async (t) => {
    const { page } = await open(t);
    await setUp(page, { programme: "ml-val-de-marque", exit: "2023-06-30" });
    await contract(page, "apprenticeship", "2023-06-01");
    assert.equal(await page.isHidden("#situation-proofs"), true);
    assert.equal(await page.isHidden("#proofs-box"), true);
    assert.equal(await category(page), "positive");
    assert.equal(await outcome(page), "Sortie positive : Apprentissage", "the kind is said once, in the title");
    assert.deepEqual(await rules(page), [["EXIT-APPRENTICESHIP", "passed"]]);
    assert.match(await page.textContent("#decision-programme"), /^Source : Mission Locale Val de Marque, opération FSE\+ 202200774/);
    // A CUI-CAE is no route of this programme: not positive, and no aided-contract question.
    await page.selectOption("#contract_type", "cui_cae");
    assert.equal(await category(page), "other");
    assert.equal(await page.isHidden("#aided"), true);
  });

  test("English relabels the form and the classification and keeps every value", async (t) => {
    const { page } = await open(t);
    await setUp(page);
    await contract(page, "cui_cae", "2018-01-02", "2018-12-31");
    await answer(page, "employer_is_aci", "false");
    await answer(page, "matches_project", "true");
    await answer(page, "participant_agrees", "true");
    await proof(page, 1, "employment_contract", "2018-05-01");
    assert.equal(await category(page), "incomplete");

    await page.click('label[for="locale-en"]');
    assert.equal(await page.getAttribute("html", "lang"), "en");
    assert.equal(await page.textContent("h1"), "Exit proposal");
    assert.equal(await page.textContent('label[for="contract_type"]'), "Contract type");
    assert.equal(await page.textContent('#contract_type option[value="cdd"]'), "Fixed-term contract (CDD)");
    assert.equal(await page.textContent('label[for="exit_date"] span'), "Exit date");
    assert.equal(await page.textContent('label[for="participant_agrees-true"]'), "Yes");
    assert.match(await page.textContent('#programme option[value="plie-flandre-lys"]'), /^PLIE Flandre Lys \(until 31 Dec 2018\)$/);
    assert.equal(await outcome(page), "Incomplete");
    assert.equal(await page.textContent("#decision-summary"), "1 fact to complete. The situation counts as a positive exit, but must be attested on the exit date.");
    assert.deepEqual(await page.locator("#missing-list li").allTextContents(), ["A proof at the exit date"]);
    assert.equal(await row(page, "proofs", 1).locator(".proof-status").textContent(), "Too old");
    assert.equal(await row(page, "proofs", 1).locator("legend").textContent(), "Proof 1");
    assert.match(await described(page, rowField(page, "proofs", 1, "date")), /^Proof dated more than 31 days before the exit/);
    assert.match(await page.textContent('#rules > li[data-rule="EXIT-AIDED"] .rule__source'), /^Source: Cahier des charges PLIE Flandre Lys 2017/);
    assert.match(await page.textContent('#rules > li[data-rule="EXIT-AIDED"] .fr-badge'), /Met/);

    assert.equal(await page.inputValue("#contract_start"), "02/01/2018");
    assert.equal(await page.isChecked("#participant_agrees-true"), true);
    assert.equal(await page.inputValue(rowField(page, "proofs", 1, "kind")), "employment_contract");
    await type(page, rowField(page, "proofs", 1, "date"), "2018-06-15");
    assert.equal(await outcome(page), "Positive exit: Durable employment");
  });

  test("the print stylesheet gives the committee the proposal alone: table, argument, proofs, on one page", async (t) => {
    const { page, requests } = await open(t);
    await setUp(page, { entry: "2017-01-10" });
    await page.selectOption("#reason", "temporary_work");
    await type(page, rowField(page, "missions", 1, "start"), "2017-03-01");
    await type(page, rowField(page, "missions", 1, "end"), "2017-08-31");
    await type(page, rowField(page, "missions", 1, "hours"), "700");
    await page.click("#add-mission");
    await type(page, rowField(page, "missions", 2, "start"), "2017-09-01");
    await type(page, rowField(page, "missions", 2, "end"), "2018-02-27");
    await type(page, rowField(page, "missions", 2, "hours"), "515");
    await proof(page, 1, "mission_statement", "2018-06-20");
    assert.equal(await category(page), "positive");
    assert.equal(await page.isHidden("#sheet"), true, "the sheet shows on screen");

    // The button asks the browser to print (stubbed: no dialog in a test).
    await page.evaluate(() => {
      window.printed = 0;
      window.print = () => window.printed++;
    });
    await page.click("#print");
    assert.equal(await page.evaluate(() => window.printed), 1);

    await page.emulateMedia({ media: "print" });
    assert.equal(await page.isVisible("#sheet"), true);
    for (const hidden of ["#settings", "#proposal", "#decision", "header.fr-header", "h1"]) {
      assert.equal(await page.isHidden(hidden), true, `${hidden} is printed`);
    }
    assert.equal(await page.locator("input:visible, select:visible, button:visible").count(), 0);
    assert.match(await page.textContent("#sheet-programme"), /^PLIE Flandre Lys/);
    assert.equal(await page.textContent("#sheet-exit-date"), "29/06/2018");
    assert.equal(await page.textContent("#sheet-entry-date"), "10/01/2017");
    assert.equal(await page.textContent("#sheet-reason"), "Missions d'intérim");
    assert.match(await page.textContent("#sheet-outcome"), /^Sortie positive.*Emploi durable/);
    const cells = (selector) =>
      page.locator(`${selector} tbody tr`).evaluateAll((rows) => rows.map((row) => [...row.cells].map((cell) => cell.textContent)));
    assert.deepEqual(await cells("#sheet-missions"), [
      ["1", "01/03/2017", "31/08/2017", "700"],
      ["2", "01/09/2017", "27/02/2018", "515"],
    ]);
    assert.match(await page.textContent("#sheet-interim"), /1\s215 heures sur 1\s215 requises/u);
    const argument = await cells("#sheet-rules");
    assert.deepEqual(argument.map((cells) => cells.slice(0, 2)), [
      ["Missions d'intérim", "Remplie"],
      ["Justificatifs à la date de sortie", "Remplie"],
      ["Proposition au comité de suivi", "Information"],
    ]);
    assert.match(argument[0][3], /^Cahier des charges PLIE Flandre Lys 2017, §1\.2\.3/);
    assert.deepEqual(await cells("#sheet-proofs"), [["Relevé de missions d'intérim", "20/06/2018", "Atteste la situation"]]);
    assert.match(await page.textContent(".sheet-signature"), /Décision du comité de suivi.*Signature/s);

    const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
    assert.equal(pdf.toString("latin1").match(/\/Type\s*\/Page\b/g).length, 1, "the proposal takes more than one page");
    const before = requests.length;
    await page.emulateMedia({ media: "screen" });
    assert.equal(requests.length, before, "printing read nothing more");
  });

  test("axe-core finds no violation with rows, findings, proofs' statuses and what is missing shown", async (t) => {
    const { page } = await open(t);
    await setUp(page);
    // A contract ended before the exit date would decide the exit (not positive) and
    // leave nothing to ask: this one runs on the exit date, its aided-contract
    // conditions still to answer.
    await contract(page, "cui_cae", "2018-01-02", "2018-12-31");
    await answer(page, "employer_is_aci", "false");
    await proof(page, 1, "payslip", "2018-05-01");
    await proof(page, 2, "mission_statement", "2018-07-01");
    assert.equal(await page.isVisible("#aided"), true);
    assert.equal(await page.isVisible("#missing-box"), true);
    assert.match(await described(page, rowField(page, "proofs", 1, "date")), /^Justificatif daté de plus de 31 jours avant la sortie/);
    const audit = async (label) => {
      const results = await new AxeBuilder({ page }).analyze();
      const violations = results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
      assert.deepEqual(violations, [], `axe violations ${label}`);
    };
    await audit("with findings");
    await page.selectOption("#reason", "temporary_work");
    await type(page, rowField(page, "missions", 1, "start"), "2018-02-01");
    await type(page, rowField(page, "missions", 1, "end"), "2018-01-01");
    await page.click("#add-mission");
    await audit("with missions");
    await page.click('label[for="locale-en"]');
    await audit("in English");
  });

  test("the page sends nothing: after loading, only the stylesheet's own icons and fonts are read", async (t) => {
    const { page, requests } = await open(t);
    assert.ok(requests.some((request) => request.url.endsWith("/pkg/parcours_full.js")));
    assert.ok(requests.some((request) => request.url.endsWith("/pkg/parcours_full_bg.wasm")));
    assert.ok(!requests.some((request) => request.url.endsWith("/pkg/parcours_bg.wasm")), "the core module is not loaded too");
    const loaded = requests.length;
    await setUp(page);
    await contract(page, "cdd", "2018-06-01", "2018-12-31");
    await proof(page, 1, "payslip", "2018-06-28");
    await page.click('label[for="locale-en"]');
    await page.selectOption("#programme", "plie-boulonnais");
    await page.selectOption("#reason", "temporary_work");
    await page.click("#add-mission");
    const later = requests
      .slice(loaded)
      .filter((request) => !(request.method === "GET" && !request.body && /^\/dsfr\/(icons|fonts)\/[\w/.-]+$/.test(new URL(request.url).pathname + new URL(request.url).search)));
    assert.deepEqual(later, [], "the page made requests after loading");
    assert.equal(new URL(page.url()).search, "");
    assert.equal(await page.locator("form").count(), 0, "a form could be submitted");
  });
});

// Issue 17: dates as people type them, and no internal word in front of a référent.
import { assertPlainWords } from "./plain-words.mjs";

describe("the exit proposal page as a référent reads it", () => {
  test("dates typed JJ/MM/AAAA, J/M/AAAA or AAAA-MM-JJ; titles, not identifiers; the kind said once", async (t) => {
    const { page } = await open(t);
    await setUp(page, { exit: "29/06/2018" });
    await page.locator("#exit_date").press("Tab");
    assert.equal(await page.inputValue("#exit_date"), "29/06/2018");
    await contract(page, "cdd", "1/6/2018", "2018-12-01");
    await proof(page, 1, "payslip", "28/06/2018");
    await page.locator(rowField(page, "proofs", 1, "date")).press("Tab");
    assert.equal(await page.inputValue("#contract_start"), "01/06/2018");
    assert.equal(await page.inputValue("#contract_end"), "01/12/2018");
    assert.equal(await category(page), "positive");
    assert.equal(await outcome(page), "Sortie positive : Emploi durable");
    assert.equal((await page.innerText("#decision")).match(/Emploi durable/g).length, 1, "the kind is said once");
    assert.equal(await page.textContent("#rules > li[data-rule='EXIT-CONTRACT'] .rule__title"), "Contrat de travail de plus de 6 mois");
    assert.equal(await page.textContent("#rules > li[data-rule='EXIT-CONTRACT'] .rule__message"), "Contrat de plus de 6 mois (il couvre le 01/12/2018).");
    await assertPlainWords(page, "a positive exit");
    // A date that is not one is said in the page's format.
    await type(page, "#contract_end", "2018/12/01");
    assert.equal(await described(page, "#contract_end"), "Date à saisir au format JJ/MM/AAAA, par exemple 29/06/2018.");
  });

  test("interim hours and counts in French, without \"(s)\"", async (t) => {
    const { page } = await open(t);
    await setUp(page, { exit: "29/06/2018" });
    await page.selectOption("#reason", "temporary_work");
    await type(page, rowField(page, "missions", 1, "start"), "01/03/2017");
    await type(page, rowField(page, "missions", 1, "end"), "31/08/2017");
    await type(page, rowField(page, "missions", 1, "hours"), "1214,5");
    assert.match(await ruleMessage(page, "EXIT-INTERIM"), /^1\u202f214,5 heures au mieux sur 12 mois de date à date : 1\u202f215 requises\.$/u);
    await assertPlainWords(page, "interim");
  });
});

test("the programmes in force on the exit date come first; the others say when they ended", async (t) => {
  const { page } = await open(t);
  // No exit date yet: each programme with its dates.
  assert.match(await page.textContent('#programme option[value="plie-flandre-lys"]'), /^PLIE Flandre Lys \(du 01\/01\/2017 au 31\/12\/2018\)$/);
  await page.fill("#exit_date", "15/03/2023");
  const groups = await page.locator("#programme optgroup").evaluateAll((nodes) => nodes.map((group) => [group.label, [...group.children].map((option) => option.textContent)]));
  assert.equal(groups[0][0], "En vigueur le 15/03/2023");
  assert.ok(groups[0][1].includes("Mission Locale Val de Marque — « Repérer pour agir » (jusqu'au 31/12/2025)"), JSON.stringify(groups));
  assert.equal(groups[1][0], "Hors période à cette date");
  assert.ok(groups[1][1].includes("PLIE Flandre Lys (terminé le 31/12/2018)"), JSON.stringify(groups));
});
