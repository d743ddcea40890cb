// The orientation page in a real browser (Debian's Chromium, driven by
// playwright-core): a prescripteur chooses a programme, fills in the person, and the
// decision, its explanation and the questions still needed follow every answer;
// the print stylesheet gives the entry committee one sheet; nothing leaves the page.
// Needs the package built first: bash scripts/build.sh && node --test tests/e2e/orientation.test.mjs

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { start } from "../../scripts/serve.mjs";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let server;
let origin;
let browser;

before(async () => {
  server = await start({ port: 0 });
  origin = new URL(server.url).origin;
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * Opens the page in a fresh context and records what must not happen: uncaught
 * errors, any console output (the page logs nothing), failed or refused loads, and
 * requests outside the server. Asserts none happened when the test ends.
 */
async function openPage(t, path = "orientation.html") {
  const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  const sent = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => problems.push(`console.${message.type()}: ${message.text()}`));
  page.on("requestfailed", (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on("request", (request) => {
    requests.push(request.url());
    sent.push({ method: request.method(), url: request.url(), body: request.postData() });
  });
  t.after(async () => {
    await context.close();
    assert.deepEqual(problems, [], "the page had errors, console output or failed loads");
    const outside = requests.filter((url) => !url.startsWith(`${origin}/`));
    assert.deepEqual(outside, [], "the page made requests outside its server");
  });

  const response = await page.goto(server.url + path);
  assert.equal(response.status(), 200);
  if (path === "orientation.html") await waitUntilReady(page);
  return { page, requests, sent };
}

/** The page sets html[data-state] to "ready" after init(), or "error" if the wasm failed. */
async function waitUntilReady(page) {
  await page.waitForSelector("html[data-state]", { state: "attached", timeout: 10_000 });
  assert.equal(await page.getAttribute("html", "data-state"), "ready", "the wasm module did not load");
}

/** Programme and decision date, chosen as a prescripteur does. */
async function setUp(page, programme = "plie-flandre-lys", date = "2018-06-01") {
  await page.selectOption("#programme", programme);
  await page.fill("#decision_date", date);
  assert.equal(await page.inputValue("#decision_date"), date);
}

/** DSFR radios are drawn by their label: click it, as a person would. */
const answer = (page, fact, value) => page.click(`label[for="fact-${fact}-${value}"]`);
const question = (page, fact) => page.locator(`[data-fact="${fact}"]`);
const outcome = (page) => page.locator("#decision-outcome");

/** The facts whose question is shown, in page order, section by section. */
const shownQuestions = (page, section) =>
  page.locator(`#${section}-facts > [data-fact]:not([hidden])`).evaluateAll((nodes) => nodes.map((node) => node.dataset.fact));

/** An adult of Armentières with difficulties, available and motivated. */
async function fillAdult(page, birthDate = "1980-03-15") {
  await page.locator("#fact-commune_insee").pressSequentially("59017");
  await page.fill("#fact-birth_date", birthDate);
  await answer(page, "socio_professional_difficulties", "true");
  await answer(page, "available_to_act", "true");
  await answer(page, "motivated", "true");
}

const frenchDate = (iso) => iso.split("-").reverse().join("/");

function localToday() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// Each test has its own browser context (and guards): they run side by side.
describe("the orientation page", { concurrency: 3 }, () => {
  test("the home page links to the orientation page, which starts with today's decision date", async (t) => {
    const { page } = await openPage(t, "");
    await page.click('a[href="/orientation.html"]');
    await waitUntilReady(page);
    // A date typed as people write it, shown as JJ/MM/AAAA.
    assert.equal(await page.getAttribute("#decision_date", "type"), "text");
    assert.equal(await page.inputValue("#decision_date"), frenchDate(localToday()));
    assert.match(await page.textContent('label[for="decision_date"]'), /Date de décision.*JJ\/MM\/AAAA/s);
    // Every programme is offered, those in force today first; none is chosen for the prescripteur.
    assert.equal(await page.inputValue("#programme"), "");
    assert.match(await page.textContent('#programme option[value="plie-flandre-lys"]'), /^PLIE Flandre Lys \(terminé le 31\/12\/2018\)$/);
    const ids = await page.locator("#programme option").evaluateAll((options) => options.map((option) => option.value));
    assert.equal(new Set(ids).size, ids.length, "a programme is offered twice");
    for (const id of ["plie-flandre-lys", "plie-cotentin", "plie-boulonnais", "ml-val-de-marque", "normandie-stare", "normandie-activateur"]) {
      assert.ok(ids.includes(id), `${id} is not offered`);
    }
    assert.equal(await page.isHidden("#questions"), true);
    assert.equal(await page.getAttribute("#decision-alert", "aria-live"), "polite");

    // Today is outside the 2017-2018 call: said once, under the date, with its dates;
    // the rules still apply.
    await page.selectOption("#programme", "plie-flandre-lys");
    assert.match(await page.textContent("#decision_date-messages"), /hors de la période du programme \(01\/01\/2017 au 31\/12\/2018\)/);
    assert.equal((await page.innerText("body")).match(/hors de la période/g).length, 1);
    await page.fill("#decision_date", "2018-06-01");
    assert.equal(await page.textContent("#decision_date-messages"), "");
    // First the residence, then the facts that could decide on their own.
    assert.deepEqual(await shownQuestions(page, "residence"), ["postal_code", "commune_name", "commune_insee"]);
    assert.deepEqual(await shownQuestions(page, "situation"), [
      "birth_date",
      "socio_professional_difficulties",
      "available_to_act",
      "motivated",
    ]);
    assert.equal(await outcome(page).textContent(), "Incomplet");
    assert.match(await page.textContent("#decision-summary"), /^5 informations à renseigner pour décider/);
    assert.equal(await page.getAttribute("#decision-alert", "data-outcome"), "incomplete");
    assert.equal(await question(page, "postal_code").locator(".next-badge").isVisible(), true);
  });

  test("an adult of Armentières with difficulties, available and motivated is eligible, every rule with its source", async (t) => {
    const { page } = await openPage(t);
    await setUp(page);
    await page.locator("#fact-postal_code").pressSequentially("59280");
    assert.equal(await question(page, "birth_date").locator(".next-badge").isVisible(), true, "the birth date is the next question");
    await page.fill("#fact-birth_date", "1980-03-15");
    await answer(page, "socio_professional_difficulties", "true");
    await answer(page, "available_to_act", "true");
    assert.notEqual(await page.getAttribute("#decision-alert", "data-outcome"), "eligible");
    await answer(page, "motivated", "true");

    assert.equal(await outcome(page).textContent(), "Éligible");
    assert.match(await page.getAttribute("#decision-alert", "class"), /fr-alert--success/);
    assert.equal(await page.isHidden("#decision-summary"), true, "« Éligible » is said once");
    const rules = page.locator("#rules > li");
    assert.deepEqual(await rules.evaluateAll((items) => items.map((item) => [item.dataset.rule, item.dataset.status])), [
      ["ENT-RESIDENCE", "passed"],
      ["ENT-AGE", "passed"],
      ["ENT-DIFFICULTIES", "passed"],
      ["ENT-STATUS-NOT-ENOUGH", "passed"],
      ["ENT-PRIORITY", "information"],
    ]);
    for (const source of await rules.locator(".rule__source").allTextContents()) {
      assert.match(source, /^Source : \S/);
    }
    assert.match(await rules.first().textContent(), /Remplie.*Domicile sur le territoire du programme/);
    // Nothing more to ask: the derogation grounds of the under-26s are not shown.
    assert.equal(await question(page, "clause_sociale").isHidden(), true);
    assert.equal(await page.locator(".next-badge:not([hidden])").count(), 0);
    assert.match(await page.textContent("#nothing-to-ask"), /Aucune autre question/);
  });

  test("26 on the decision date is eligible; the day after needs a derogation, signed off by the PLIE Direction", async (t) => {
    const { page } = await openPage(t);
    await setUp(page);
    await fillAdult(page, "1992-06-01");
    assert.equal(await outcome(page).textContent(), "Éligible");
    assert.equal(await question(page, "clause_sociale").isHidden(), true);

    await page.fill("#fact-birth_date", "1992-06-02");
    assert.equal(await outcome(page).textContent(), "Incomplet");
    assert.match(await page.textContent("#decision-summary"), /^2 informations à renseigner/);
    assert.deepEqual((await shownQuestions(page, "situation")).slice(-2), ["clause_sociale", "tos"]);
    const next = question(page, "clause_sociale");
    assert.match(await next.getAttribute("class"), /\bfact--next\b/);
    assert.equal(await next.locator(".next-badge").textContent(), "Question suivante");
    assert.equal(await next.locator(".next-badge").isVisible(), true);
    assert.equal(await question(page, "tos").locator(".next-badge").isHidden(), true);
    assert.equal(await page.getAttribute("#rules > li[data-rule='ENT-AGE']", "data-status"), "unknown");

    // "Je ne sais pas" leaves the fact unanswered: the other ground becomes the next question.
    await answer(page, "clause_sociale", "unknown");
    assert.equal(await question(page, "tos").locator(".next-badge").isVisible(), true);
    await answer(page, "clause_sociale", "true");
    assert.equal(await outcome(page).textContent(), "Éligible par dérogation");
    assert.match(await page.getAttribute("#decision-alert", "class"), /fr-alert--warning/);
    assert.match(await page.textContent("#decision-signatory"), /^À faire valider par : .*Direction du PLIE/);
    assert.equal(await page.textContent("#decision-recorded"), "Validation non enregistrée.");
    assert.match(await page.textContent("#decision-summary"), /validation non enregistrée/);
    assert.equal(await page.getAttribute("#rules > li[data-rule='ENT-AGE']", "data-status"), "derogation");
    assert.match(await page.textContent("#rules > li[data-rule='ENT-AGE'] .fr-badge"), /Par dérogation/);
    // The other ground no longer matters; the sign-off is now asked.
    assert.equal(await question(page, "tos").isHidden(), true);
    assert.equal(await question(page, "derogation_signed_off").isVisible(), true);
    assert.equal(await page.textContent("#publics"), "Recruté(e) dans le cadre d'une clause sociale");

    await answer(page, "derogation_signed_off", "true");
    assert.equal(await page.textContent("#decision-recorded"), "Validation enregistrée.");
    assert.equal(await page.inputValue("#fact-birth_date"), "02/06/1992", "a date left is shown as JJ/MM/AAAA");
  });

  test("a postal code shared inside and outside the territory asks which commune; Pérenchies is not eligible", async (t) => {
    const { page } = await openPage(t);
    await setUp(page);
    await page.fill("#fact-birth_date", "1980-03-15");
    await answer(page, "socio_professional_difficulties", "true");
    await page.locator("#fact-postal_code").pressSequentially("59840");

    const messages = page.locator("#fact-commune_name-messages");
    assert.match(await messages.locator('[data-code="which_commune"]').textContent(), /plusieurs communes/);
    const choices = messages.locator("button[data-commune]");
    assert.deepEqual((await choices.allTextContents()).sort((a, b) => a.localeCompare(b, "fr")), ["Lompret", "Pérenchies", "Prémesques"]);
    assert.equal(await question(page, "commune_name").locator(".next-badge").isVisible(), true);
    assert.equal(await page.getAttribute("#fact-commune_name", "aria-describedby"), "fact-commune_name-messages");
    assert.equal(await page.isVisible("#fact-available_to_act"), true);

    // With the keyboard, as well as with the mouse.
    await choices.filter({ hasText: "Pérenchies" }).focus();
    await page.keyboard.press("Enter");
    assert.equal(await page.inputValue("#fact-commune_name"), "Pérenchies");
    assert.equal(await page.evaluate(() => document.activeElement.id), "fact-commune_name");
    assert.equal(await outcome(page).textContent(), "Non éligible");
    assert.match(await page.getAttribute("#decision-alert", "class"), /fr-alert--error/);
    assert.equal(await page.getAttribute("#rules > li[data-rule='ENT-RESIDENCE']", "data-status"), "failed");
    assert.equal(await messages.textContent(), "");

    // Nothing left can change the outcome: the unanswered questions go, the answers stay.
    assert.deepEqual(await shownQuestions(page, "situation"), ["birth_date", "socio_professional_difficulties"]);
    assert.equal(await page.isHidden("#fact-available_to_act"), true);
    assert.equal(await page.isHidden("#priority"), true);
    assert.equal(await page.locator(".next-badge:not([hidden])").count(), 0);

    // Typing the commune by hand decides as well.
    await page.fill("#fact-commune_name", "premesques");
    assert.match(await outcome(page).textContent(), /^Incomplet/);
    assert.equal(await page.isVisible("#fact-available_to_act"), true);
  });

  test("switching programme keeps shared answers, hides (and keeps) the others, asks the new programme's questions", async (t) => {
    const { page } = await openPage(t);
    await setUp(page);
    await page.fill("#fact-birth_date", "1992-06-02");
    await answer(page, "clause_sociale", "true");
    await answer(page, "motivated", "true");

    await page.selectOption("#programme", "ml-val-de-marque");
    await page.fill("#decision_date", "2023-03-01");
    assert.equal(await page.inputValue("#fact-birth_date"), "02/06/1992");
    assert.equal(await page.isVisible("#fact-birth_date"), true);
    // 30 at the decision date: too old for the Mission Locale, whatever else.
    assert.equal(await outcome(page).textContent(), "Non éligible");
    await page.fill("#fact-birth_date", "2003-09-10");
    assert.match(await outcome(page).textContent(), /^Incomplet/);
    const situation = await shownQuestions(page, "situation");
    assert.deepEqual(situation, ["birth_date", "qpv", "unknown_to_public_employment_service", "without_activity", "last_individual_interview_date"]);
    assert.equal(await question(page, "clause_sociale").isHidden(), true);
    assert.equal(await question(page, "motivated").isHidden(), true);
    assert.match(await page.textContent("#decision-programme"), /202200774/);

    // Back to Flandre Lys: the hidden answers were kept and still count.
    await page.selectOption("#programme", "plie-flandre-lys");
    await page.fill("#decision_date", "2018-06-01");
    assert.equal(await page.isChecked("#fact-clause_sociale-true"), true);
    assert.equal(await page.isChecked("#fact-motivated-true"), true);
    assert.equal(await page.isVisible("#fact-clause_sociale"), true);
    assert.equal(await page.getAttribute("#rules > li[data-rule='ENT-AGE']", "data-status"), "derogation");
  });

  test("a wrong date is flagged under the fact, kept as typed, and not taken for an answer", async (t) => {
    const { page } = await openPage(t);
    await setUp(page);
    await page.locator("#fact-birth_date").pressSequentially("1992-02-30");
    const messages = page.locator("#fact-birth_date-messages");
    assert.match(await messages.textContent(), /n'existe pas/);
    assert.equal(await page.getAttribute("#fact-birth_date", "aria-invalid"), "true");
    assert.equal(await page.locator("#fact-birth_date-group.fr-input-group--error").count(), 1);
    assert.equal(await page.inputValue("#fact-birth_date"), "1992-02-30");
    assert.equal(await page.getAttribute("#rules > li[data-rule='ENT-AGE']", "data-status"), "unknown");

    await page.fill("#fact-birth_date", "2019-01-01");
    assert.match(await messages.textContent(), /postérieure à la date de référence/);
    await page.fill("#fact-birth_date", "1992-02-29");
    assert.equal(await messages.textContent(), "");
    assert.equal(await page.getAttribute("#fact-birth_date", "aria-invalid"), null);
  });

  test("the print stylesheet shows the committee sheet alone: outcome, rules with sources, answers, signature", async (t) => {
    const { page, requests } = await openPage(t);
    await setUp(page);
    await fillAdult(page, "1992-06-02");
    await answer(page, "clause_sociale", "true");
    await page.locator("#fact-postal_code").pressSequentially("62200");
    assert.equal(await page.isHidden("#sheet"), true, "the sheet shows on screen");

    // The button asks the browser to print (stubbed: no dialog in a test).
    await page.evaluate(() => {
      window.printed = 0;
      window.print = () => window.printed++;
    });
    await page.click("#print");
    assert.equal(await page.evaluate(() => window.printed), 1);
    assert.equal(await page.textContent("#print"), "Imprimer la fiche pour le comité d'entrée");

    await page.emulateMedia({ media: "print" });
    assert.equal(await page.isVisible("#sheet"), true);
    for (const hidden of ["#settings", "#person", "#decision", "#print", "header.fr-header", "h1"]) {
      assert.equal(await page.isHidden(hidden), true, `${hidden} is printed`);
    }
    assert.equal(await page.locator("input:visible, select:visible, button:visible").count(), 0);
    assert.match(await page.textContent("#sheet-programme"), /PLIE Flandre Lys/);
    assert.equal(await page.textContent("#sheet-date"), "01/06/2018");
    assert.match(await page.textContent("#sheet-outcome"), /^Éligible par dérogation/);
    const rules = await page.locator("#sheet-rules tbody tr").evaluateAll((rows) =>
      rows.map((row) => [...row.cells].map((cell) => cell.textContent)),
    );
    // Each rule by its French title, never by its identifier.
    assert.deepEqual(rules.map((cells) => cells[0]), ["Lieu de résidence", "Âge", "Difficultés d'accès à l'emploi", "Un statut seul ne suffit pas", "Publics prioritaires"]);
    assert.deepEqual(rules[1].slice(0, 2), ["Âge", "Par dérogation"]);
    assert.ok(rules[1][3].length > 0, "the rule's source is printed");
    const facts = await page.locator("#sheet-facts tbody tr").evaluateAll((rows) =>
      Object.fromEntries(rows.map((row) => [row.cells[0].textContent, row.cells[1].textContent])),
    );
    assert.equal(facts["Date de naissance"], "02/06/1992");
    assert.equal(facts["Recruté(e) dans le cadre d'une clause sociale"], "Oui");
    assert.equal(facts["Motivé(e) pour un parcours vers l'emploi"], "Oui");
    assert.match(await page.textContent("#sheet-signature"), /Direction du PLIE.*Validation non enregistrée.*Signature/s);
    assert.equal(await page.isVisible("#sheet-signature-line"), true);
    // What the prescripteur was warned of is on paper too, named by its fact.
    assert.match(await page.textContent("#sheet-findings-list"), /^Code postal : .*contredit/);

    // One A4 page.
    const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
    assert.equal(pdf.toString("latin1").match(/\/Type\s*\/Page\b/g).length, 1, "the sheet takes more than one page");
    // Printing read nothing more from the server than the page itself did.
    const before = requests.length;
    await page.emulateMedia({ media: "screen" });
    assert.equal(requests.length, before);
  });

  test("English relabels the questions and the explanation and keeps every answer", async (t) => {
    const { page } = await openPage(t);
    await setUp(page);
    await fillAdult(page, "1992-06-02");
    await answer(page, "clause_sociale", "false");
    await page.locator("#fact-postal_code").pressSequentially("62200");
    assert.match(await page.textContent("#fact-postal_code-messages"), /contredit/);

    await page.click('label[for="locale-en"]');
    assert.equal(await page.getAttribute("html", "lang"), "en");
    assert.equal(await page.textContent('label[for="fact-birth_date"] .label-text'), "Date of birth");
    assert.equal(await page.textContent('label[for="fact-motivated-true"]'), "Yes");
    assert.equal(await page.textContent('label[for="fact-motivated-unknown"]'), "I don't know");
    assert.equal(await page.textContent('label[for="decision_date"] span'), "Decision date");
    assert.match(await page.textContent('#programme option[value="plie-flandre-lys"]'), /^PLIE Flandre Lys \(until 31 Dec 2018\)$/);
    assert.equal(await outcome(page).textContent(), "Incomplete");
    assert.match(await page.textContent("#decision-summary"), /^1 fact to fill in/);
    assert.equal(await page.textContent("#rules > li[data-rule='ENT-RESIDENCE'] .rule__message"), "Lives in the programme's territory.");
    assert.match(await page.textContent("#rules > li[data-rule='ENT-RESIDENCE'] .rule__source"), /^Source: \S/);
    assert.equal(await question(page, "tos").locator(".next-badge").textContent(), "Next question");
    assert.doesNotMatch(await page.textContent("#fact-postal_code-messages"), /contredit/);

    assert.equal(await page.inputValue("#fact-commune_insee"), "59017");
    assert.equal(await page.inputValue("#fact-postal_code"), "62200");
    assert.equal(await page.inputValue("#fact-birth_date"), "02/06/1992");
    assert.equal(await page.isChecked("#fact-clause_sociale-false"), true);
    assert.equal(await page.isChecked("#fact-motivated-true"), true);
    assert.equal(await page.inputValue("#programme"), "plie-flandre-lys");
    assert.equal(await page.inputValue("#decision_date"), "01/06/2018");

    await answer(page, "tos", "true");
    assert.equal(await outcome(page).textContent(), "Eligible by derogation");
    assert.equal(await page.textContent("#decision-recorded"), "Sign-off not recorded.");
  });

  test("the page sends nothing: after loading, only the stylesheet's own icons and fonts are read", async (t) => {
    const { page, requests, sent } = await openPage(t);
    assert.ok(requests.includes(`${origin}/pkg/parcours.js`));
    assert.ok(requests.includes(`${origin}/pkg/parcours_bg.wasm`));
    const loaded = sent.length;
    await setUp(page);
    await fillAdult(page);
    await page.locator("#fact-birth_date").press("Enter");
    await page.click('label[for="locale-en"]');
    await page.selectOption("#programme", "plie-cotentin");
    // The DSFR loads the icons of badges and alerts, and a font weight, when first
    // shown; nothing else, nothing with a query or a body.
    const later = sent.slice(loaded).filter(
      (request) => !(request.method === "GET" && request.body === null && /^\/dsfr\/(icons|fonts)\/[\w/.-]+$/.test(new URL(request.url).pathname + new URL(request.url).search)),
    );
    assert.deepEqual(later, [], "the page made requests after loading");
    assert.equal(new URL(page.url()).search, "");
    assert.equal(await page.locator("form").count(), 0, "a form could be submitted");
  });
});

// Issue 17: what a référent reads, the dates as people type them, programmes whose
// period has ended, the IAE diagnosis entered with its criteria and proofs.
import { assertPlainWords } from "./plain-words.mjs";

/** The sources name documents by title and section: scanned like the rest. */
const SOURCES = [];

describe("the orientation page as a référent reads it", { concurrency: 2 }, () => {
  test("dates typed as JJ/MM/AAAA, J/M/AAAA or AAAA-MM-JJ are read alike and shown as JJ/MM/AAAA", async (t) => {
    const { page } = await openPage(t);
    await page.selectOption("#programme", "plie-flandre-lys");
    await page.fill("#decision_date", "1/6/2018");
    await page.locator("#decision_date").press("Tab");
    assert.equal(await page.inputValue("#decision_date"), "01/06/2018");
    assert.equal(await page.textContent("#decision_date-messages"), "", "1/6/2018 is within the programme's period");
    assert.equal(await page.textContent("#sheet-date"), "01/06/2018");
    await fillAdult(page, "01/06/1992");
    assert.equal(await outcome(page).textContent(), "Éligible", "26 on the decision date, typed JJ/MM/AAAA");
    await page.fill("#fact-birth_date", "1992-06-02");
    await page.locator("#fact-birth_date").press("Tab");
    assert.equal(await page.inputValue("#fact-birth_date"), "02/06/1992");
    assert.equal(await page.getAttribute("#rules > li[data-rule='ENT-AGE']", "data-status"), "unknown", "the day after, typed AAAA-MM-JJ");
    await page.fill("#fact-birth_date", "2/6/1992");
    assert.equal(await page.getAttribute("#rules > li[data-rule='ENT-AGE']", "data-status"), "unknown", "the same day, typed J/M/AAAA");
    // Not a date: said in the page's own format.
    await page.fill("#fact-birth_date", "1992/06/02");
    assert.equal(await page.textContent("#fact-birth_date-messages"), "Date à saisir au format JJ/MM/AAAA, par exemple 23/05/1990.");
    assert.equal(await page.inputValue("#fact-birth_date"), "1992/06/02", "kept as typed");
    await page.fill("#fact-birth_date", "31/02/1992");
    assert.match(await page.textContent("#fact-birth_date-messages"), /n'existe pas/);
  });

  test("the programmes in force on the decision date come first; an ended one is said so once, with its dates", async (t) => {
    const { page } = await openPage(t);
    await page.fill("#decision_date", "15/03/2026");
    const groups = () =>
      page.locator("#programme optgroup").evaluateAll((nodes) => nodes.map((group) => [group.label, [...group.children].map((option) => option.value)]));
    let [inForce, other] = await groups();
    assert.deepEqual(inForce, ["En vigueur le 15/03/2026", ["iae-diagnostic"]]);
    assert.equal(other[0], "Hors période à cette date");
    assert.equal(other[1].length, 7);
    assert.equal(await page.textContent('#programme option[value="iae-diagnostic"]'), "Diagnostic d'éligibilité à l'insertion par l'activité économique (IAE) (jusqu'au 31/12/2026)");
    assert.equal(await page.textContent('#programme option[value="plie-cotentin"]'), "PLIE du Cotentin (terminé le 31/12/2021)");

    await page.selectOption("#programme", "plie-cotentin");
    assert.equal(
      await page.textContent("#decision_date-messages"),
      "Cette date est hors de la période du programme (01/01/2020 au 31/12/2021) : ses règles sont appliquées telles quelles.",
    );
    assert.equal((await page.innerText("body")).match(/hors de la période/g).length, 1, "said once");
    assert.equal(await page.getAttribute("#decision_date", "aria-describedby"), "decision_date-messages");

    // Back within its period: it comes first, the warning goes.
    await page.fill("#decision_date", "01/06/2021");
    [inForce] = await groups();
    assert.deepEqual(inForce[1].sort(), [
      "normandie-activateur",
      "normandie-reconnaissance",
      "normandie-stare",
      "plie-cotentin",
    ]);
    assert.equal(await page.inputValue("#programme"), "plie-cotentin", "the choice is kept");
    assert.equal(await page.textContent("#decision_date-messages"), "");
  });

  test("an IAE diagnosis by the employer: choices in French, criteria and proofs entered, incomplete until they are", async (t) => {
    const { page } = await openPage(t);
    await page.fill("#decision_date", "15/03/2026");
    await page.selectOption("#programme", "iae-diagnostic");
    const options = (id) => page.locator(`#fact-${id} option`).allTextContents();
    assert.deepEqual(await options("diagnosed_by"), ["Sélectionner une option", "Un prescripteur habilité", "L'employeur (la structure de l'IAE)"]);
    await page.selectOption("#fact-diagnosed_by", "employer");
    assert.ok((await options("structure_kind")).includes("Atelier et chantier d'insertion (ACI)"));
    await page.selectOption("#fact-structure_kind", "ACI");

    // No criterion yet: incomplete, and the criteria are the next question.
    assert.equal(await outcome(page).textContent(), "Incomplet");
    assert.match(await page.textContent("#decision-summary"), /Critères d'éligibilité IAE à renseigner/);
    assert.equal(await page.getAttribute("#decision-alert", "data-outcome"), "incomplete");
    assert.equal(await question(page, "iae_criteria").locator(".next-badge").isVisible(), true);
    assert.equal(await page.textContent("#fact-iae_criteria-rsa + label"), "Bénéficiaire du RSA");

    // A level-1 criterion ticked, its proof still to date: still incomplete, the module asks.
    await page.click('label[for="fact-iae_criteria-rsa"]');
    assert.equal(await page.isVisible("#fact-iae_criteria-rsa-date"), true);
    assert.equal(await outcome(page).textContent(), "Incomplet");
    assert.match(await page.textContent("#fact-iae_criteria-rsa-date-messages"), /Indiquez la date du justificatif/);

    // A proof older than 3 months is not retained; a recent one is.
    await page.fill("#fact-iae_criteria-rsa-date", "01/11/2025");
    assert.match(await page.textContent("#fact-iae_criteria-rsa-date-messages"), /trop ancien/);
    assert.equal(await outcome(page).textContent(), "Non éligible");
    await page.fill("#fact-iae_criteria-rsa-date", "2026-02-01");
    assert.equal(await page.textContent("#fact-iae_criteria-rsa-date-messages"), "");
    // Enough criteria: the diagnosis' date is the next question.
    assert.equal(await outcome(page).textContent(), "Incomplet");
    assert.equal(await question(page, "diagnosis_date").locator(".next-badge").isVisible(), true);
    await page.fill("#fact-diagnosis_date", "01/03/2026");
    assert.equal(await outcome(page).textContent(), "Éligible");
    assert.equal(
      await page.textContent("#rules > li[data-rule='IAE-PROOF'] .rule__message"),
      "Critères retenus — niveau 1 : Bénéficiaire du RSA ; niveau 2 : —.",
    );
    assert.equal(await page.textContent("#rules > li[data-rule='IAE-VALIDITY'] .rule__message"), "Diagnostic valable à la date d'embauche (jusqu'au 01/06/2026).");
    assert.equal(await page.textContent("#rules > li[data-rule='IAE-THRESHOLD'] .rule__title"), "Nombre de critères requis");
    await assertPlainWords(page, "IAE diagnosis", SOURCES);

    // Level 2 for an AI: two criteria, one proven by identity (no date).
    await page.selectOption("#fact-structure_kind", "AI");
    await page.click('label[for="fact-iae_criteria-rsa"]');
    await page.click('label[for="fact-iae_criteria-young"]');
    assert.equal(await outcome(page).textContent(), "Non éligible");
    assert.match(await page.textContent("#rules > li[data-rule='IAE-THRESHOLD'] .rule__message"), /^1 critère de niveau 2 pour 2 requis/);
    await page.click('label[for="fact-iae_criteria-single_parent"]');
    await page.fill("#fact-iae_criteria-single_parent-date", "15/02/2026");
    assert.equal(await outcome(page).textContent(), "Éligible");
  });

  test("facts a programme file declares are asked with the file's own labels", async (t) => {
    const { page } = await openPage(t);
    // (Re)connaissance: yes/no facts of its own, one of which must be false.
    await setUp(page, "normandie-reconnaissance", "01/03/2021");
    await page.fill("#fact-postal_code", "76000");
    await page.fill("#fact-birth_date", "10/05/1981");
    assert.match(
      await question(page, "accompagne_spe_ou_insertion").textContent(),
      /Accompagné par le service public de l'emploi ou par un acteur de l'insertion professionnelle/,
    );
    await answer(page, "rupture_ou_grande_difficulte", "true");
    assert.equal(await outcome(page).textContent(), "Incomplet");
    await answer(page, "accompagne_spe_ou_insertion", "false");
    assert.equal(await outcome(page).textContent(), "Éligible");
    await answer(page, "accompagne_spe_ou_insertion", "true");
    assert.equal(await outcome(page).textContent(), "Non éligible");
    assert.match(await page.textContent("#rules"), /Accompagné par le service public de l'emploi/);

    await assertPlainWords(page, "declared facts", SOURCES);
  });

  test("no identifier, file name, file number or English word outside « Détails techniques »", async (t) => {
    const { page } = await openPage(t);
    await assertPlainWords(page, "at load", SOURCES);
    await setUp(page);
    await fillAdult(page, "1992-06-02");
    await page.locator("#fact-postal_code").pressSequentially("62200");
    await assertPlainWords(page, "Flandre Lys, a derogation to choose", SOURCES);
    // The identifiers are still there for those who need them, one click away.
    const details = page.locator("#rules > li[data-rule='ENT-AGE'] details.technical");
    assert.equal(await details.locator("summary").textContent(), "Détails techniques");
    assert.equal(await details.locator(".rule__id").isVisible(), false);
    await details.locator("summary").click();
    assert.equal(await details.locator(".rule__id").textContent(), "Identifiant de la règle : ENT-AGE");
    await page.selectOption("#programme", "ml-val-de-marque");
    await page.fill("#decision_date", "01/03/2023");
    await page.fill("#fact-birth_date", "10/09/2003");
    await assertPlainWords(page, "Mission Locale", SOURCES);
  });

  // The sources are the programme files' "source" strings: each names its document
  // by title and section.
  test("the rules' sources name documents, not files", async (t) => {
    const { page } = await openPage(t);
    await setUp(page);
    await fillAdult(page);
    await assertPlainWords(page, "sources");
  });
});

test("an IAE diagnosis entered with the keyboard alone", async (t) => {
  const { page } = await openPage(t);
  const press = (key) => page.keyboard.press(key);
  const focused = () => page.evaluate(() => document.activeElement?.id);
  const tabTo = async (id, limit = 60) => {
    for (let presses = 0; presses < limit; presses += 1) {
      await press("Tab");
      if ((await focused()) === id) return;
    }
    assert.fail(`Tab never reached #${id} (last: ${await focused()})`);
  };
  await tabTo("programme");
  await tabTo("decision_date");
  await press("Control+A");
  await page.keyboard.type("15/3/2026");
  await press("Shift+Tab");
  assert.equal(await page.inputValue("#decision_date"), "15/03/2026");
  // The programme in force comes first: one arrow down from "Sélectionner un programme".
  await press("ArrowDown");
  assert.equal(await page.inputValue("#programme"), "iae-diagnostic");
  await tabTo("fact-diagnosed_by");
  await press("ArrowDown");
  await press("ArrowDown");
  assert.equal(await page.inputValue("#fact-diagnosed_by"), "employer");
  await tabTo("fact-structure_kind");
  await press("ArrowDown");
  assert.equal(await page.inputValue("#fact-structure_kind"), "ACI");
  assert.equal(await outcome(page).textContent(), "Incomplet");
  await tabTo("fact-iae_criteria-rsa");
  await press("Space");
  await press("Tab");
  assert.equal(await focused(), "fact-iae_criteria-rsa-date", "the proof's date comes right after its box");
  await page.keyboard.type("1/2/2026");
  await tabTo("fact-diagnosis_date");
  await page.keyboard.type("01/03/2026");
  await press("Tab");
  assert.equal(await outcome(page).textContent(), "Éligible");
  assert.equal(await page.inputValue("#fact-iae_criteria-rsa-date"), "01/02/2026");
});
