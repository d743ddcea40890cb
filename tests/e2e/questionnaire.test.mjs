// The questionnaire page in a real browser (Debian's Chromium, driven by
// playwright-core): live validation from the wasm module, DSFR error markup,
// settings that keep what was typed, and no request outside the page's server.
// Needs the package built first: bash scripts/build.sh && node --test tests/e2e/

import { after, before, test } from "node:test";
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
 * Opens `path` in a fresh context and records what must not happen: uncaught
 * errors, any console output (the page logs nothing), failed or refused loads.
 * When the test ends, asserts none happened and every request stayed on the server.
 */
async function openPage(t, path = "questionnaire.html") {
  const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => problems.push(`console.${message.type()}: ${message.text()}`));
  page.on("requestfailed", (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on("request", (request) => requests.push(request.url()));
  t.after(async () => {
    await context.close();
    assert.deepEqual(problems, [], "the page had errors, console output or failed loads");
    const outside = requests.filter((url) => !url.startsWith(`${origin}/`));
    assert.deepEqual(outside, [], "the page made requests outside its server");
  });

  const response = await page.goto(server.url + path);
  assert.equal(response.status(), 200);
  if (path === "questionnaire.html") await waitUntilReady(page);
  return { page, requests };
}

/** The page sets html[data-state] to "ready" after init(), or "error" if the wasm failed. */
async function waitUntilReady(page) {
  await page.waitForSelector("html[data-state]", { state: "attached", timeout: 10_000 });
  assert.equal(await page.getAttribute("html", "data-state"), "ready", "the wasm module did not load");
}

/** DSFR radios are drawn by their label: click it, as a person would. */
const choose = (page, path, value) => page.click(`label[for="${path.replace(".", "-")}-${value}"]`);
const messages = (page, id) => page.locator(`#${id}-messages`);

/** Fixes the reference date, so that date rules do not depend on the day the test runs. */
async function setReferenceDate(page, date) {
  await page.fill("#reference_date", date);
  assert.equal(await page.inputValue("#reference_date"), date);
}

function localToday() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

test("the home page loads with the DSFR and links to the questionnaire", async (t) => {
  const { page } = await openPage(t, "");
  const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  assert.match(font, /Marianne/, "the DSFR stylesheet is not applied");
  await page.click('a[href="/questionnaire.html"]');
  await waitUntilReady(page);
  assert.equal(new URL(page.url()).pathname, "/questionnaire.html");
});

test("the reference date starts as today, in a labelled control", async (t) => {
  const { page } = await openPage(t);
  assert.equal(await page.inputValue("#reference_date"), localToday().split("-").reverse().join("/"));
  assert.equal(await page.getAttribute("#reference_date", "type"), "text");
  assert.match(await page.textContent('label[for="reference_date"]'), /Date de référence/);
  // The form is built from the schema: one fieldset per section, every field present.
  assert.equal(await page.locator("#sections > fieldset.fr-fieldset").count(), 11);
  assert.equal(await page.getAttribute("#identity-gender", "class"), "fr-select");
  assert.equal(await page.locator("#identity-gender option").first().getAttribute("value"), "");
  assert.equal(await page.getAttribute("#household-children_under_18", "type"), "number");
  assert.equal(await page.getAttribute("#household-children_under_18", "min"), "0");
  assert.match(
    await page.textContent("#section-situation [data-path='situation.long_term_unemployed'] .fr-hint-text"),
    /Obligatoire si « Chômeur » est « Oui »/,
  );

  // A request-level finding (path without a dot) goes under its setting.
  await page.fill("#reference_date", "");
  assert.equal(await messages(page, "reference_date").locator(".fr-error-text").textContent(), "Date à saisir au format JJ/MM/AAAA, par exemple 23/05/1990.");
  assert.equal(await page.getAttribute("#reference_date", "aria-invalid"), "true");
  assert.equal(await page.locator('#summary-findings a[data-target="reference_date"]').count(), 1);
});

test("an impossible birth date is flagged under the field, then cleared when fixed", async (t) => {
  const { page } = await openPage(t);
  const input = page.locator("#identity-birth_date");
  await input.pressSequentially("2023-02-30");

  await messages(page, "identity-birth_date").locator(".fr-error-text", { hasText: "n'existe pas" }).waitFor({ timeout: 5000 });
  assert.equal(await input.getAttribute("aria-invalid"), "true");
  assert.equal(await input.getAttribute("aria-describedby"), "identity-birth_date-messages");
  assert.equal(await page.locator("#identity-birth_date-group.fr-input-group--error").count(), 1);
  assert.equal(await input.inputValue(), "2023-02-30");

  await input.fill("2023-02-28");
  assert.equal(await messages(page, "identity-birth_date").textContent(), "");
  assert.equal(await input.getAttribute("aria-invalid"), null);
  assert.equal(await input.getAttribute("aria-describedby"), null);
  assert.equal(await page.locator("#identity-birth_date-group.fr-input-group--error").count(), 0);
  assert.equal(await input.inputValue(), "2023-02-28");
});

test("employed and unemployed at once is a conflict shown on the situation fieldset", async (t) => {
  const { page } = await openPage(t);
  const section = page.locator("#section-situation");
  await choose(page, "situation.employed", "true");
  await choose(page, "situation.unemployed", "true");

  assert.match(await messages(page, "section-situation").textContent(), /Une seule situation/);
  assert.match(await section.getAttribute("class"), /\bfr-fieldset--error\b/);
  assert.equal(await section.getAttribute("aria-describedby"), "section-situation-messages");

  await choose(page, "situation.unemployed", "false");
  assert.equal(await messages(page, "section-situation").textContent(), "");
  assert.doesNotMatch(await section.getAttribute("class"), /fr-fieldset--error/);
  assert.equal(await section.getAttribute("aria-describedby"), null);
  assert.equal(await page.isChecked("#situation-employed-true"), true);
  assert.equal(await page.isChecked("#situation-unemployed-false"), true);
});

test("a birth date after the entry date is counted in the summary, which links to the field", async (t) => {
  const { page } = await openPage(t);
  await setReferenceDate(page, "2025-06-01");
  await page.fill("#operation-entry_date", "2020-01-15");
  await page.fill("#identity-birth_date", "2021-05-01");

  assert.match(await messages(page, "identity-birth_date").textContent(), /postérieure à la date d'entrée/);
  assert.match(await page.textContent("#summary-status"), /^1 erreur, 0 avertissement\./);
  assert.match(await page.getAttribute("#summary", "class"), /fr-alert--error/);
  const link = page.locator('#summary-findings a[href="#identity-birth_date"]');
  assert.match(await link.textContent(), /^Date de naissance \(Identité\) : .*postérieure à la date d'entrée/);

  await link.click();
  assert.equal(await page.evaluate(() => document.activeElement.id), "identity-birth_date");
});

test("derived values follow the answers", async (t) => {
  const { page } = await openPage(t);
  await setReferenceDate(page, "2025-06-01");
  assert.equal(await page.textContent("#derived-age_bracket"), "—");
  await page.fill("#identity-birth_date", "1990-05-23");
  await page.fill("#operation-entry_date", "2025-01-15");
  await page.selectOption("#education-diploma", "bac");

  assert.equal(await page.textContent("#derived-age_at_entry"), "34");
  assert.equal(await page.textContent("#derived-age_bracket"), "30 à 54 ans");
  assert.equal(await page.textContent("#derived-isced_bracket"), "CITE 3 à 4");
});

test("sensitive items offer the refusal and are never missing; an empty submit lists what is", async (t) => {
  const { page } = await openPage(t);
  const sensitive = await page.locator("#section-sensitive [data-path]").evaluateAll((nodes) => nodes.map((node) => node.dataset.path));
  assert.equal(sensitive.length, 6);
  for (const path of sensitive) {
    const id = path.replace(".", "-");
    assert.equal(await page.textContent(`label[for="${id}-refused"]`), "Ne souhaite pas répondre");
    assert.match(await page.textContent(`#${id}-legend .fr-hint-text`), /^Facultatif/);
  }
  await choose(page, "sensitive.disability", "refused");
  assert.equal(await page.isChecked("#sensitive-disability-refused"), true);
  assert.equal(await page.isHidden("#summary-missing"), true, "missing fields are shown before submit");

  await page.click('#questionnaire button[type="submit"]');
  assert.equal(await page.evaluate(() => document.activeElement.id), "summary");
  assert.equal(new URL(page.url()).search, "", "the form was really submitted");
  const missing = await page.locator("#summary-missing-list a").evaluateAll((links) => links.map((link) => link.dataset.target));
  assert.deepEqual(missing, [
    "identity.last_name",
    "identity.first_name",
    "identity.gender",
    "identity.birth_date",
    "contact.postal_code",
    "contact.commune_insee",
    "operation.id",
    "operation.entry_date",
    "situation.employed",
    "situation.unemployed",
    "situation.inactive",
    "situation.in_education_or_training",
    "education.diploma",
  ]);
  assert.match(await page.textContent("#summary-missing-title"), /^13 champs obligatoires non renseignés/);

  // After submit the list follows the answers.
  await page.fill("#identity-last_name", "Durand");
  assert.equal(await page.locator('#summary-missing-list a[data-target="identity.last_name"]').count(), 0);
});

test("switching to English relabels the form and keeps every answer", async (t) => {
  const { page } = await openPage(t);
  await page.fill("#identity-last_name", "Dupont-Éluard");
  await page.fill("#identity-birth_date", "2023-02-30");
  await page.selectOption("#identity-gender", "non_binary");
  await page.fill("#household-children_under_18", "2");
  await choose(page, "situation.employed", "true");
  await choose(page, "sensitive.homeless", "refused");
  assert.match(await messages(page, "identity-birth_date").textContent(), /n'existe pas/);

  await page.click('label[for="locale-en"]');
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.equal(await page.textContent('label[for="identity-birth_date"] .label-text'), "Date of birth");
  assert.equal(await page.textContent("#section-identity-title"), "Identity");
  assert.equal(await page.textContent('label[for="situation-employed-true"]'), "Yes");
  assert.match(await messages(page, "identity-birth_date").textContent(), /does not exist/);
  assert.equal(await page.getAttribute("#identity-birth_date", "aria-invalid"), "true");
  assert.match(await page.textContent("#summary-status"), /^1 error, 0 warnings\./);

  assert.equal(await page.inputValue("#identity-last_name"), "Dupont-Éluard");
  assert.equal(await page.inputValue("#identity-birth_date"), "30/02/2023", "shown JJ/MM/AAAA, the day kept as typed");
  assert.equal(await page.inputValue("#identity-gender"), "non_binary");
  assert.equal(await page.inputValue("#household-children_under_18"), "2");
  assert.equal(await page.isChecked("#situation-employed-true"), true);
  assert.equal(await page.isChecked("#sensitive-homeless-refused"), true);
});

test("the exit questionnaire shows the exit section and requires the exit date", async (t) => {
  const { page } = await openPage(t);
  await page.fill("#identity-first_name", "Camille");
  assert.equal(await page.isHidden("#section-exit"), true);
  assert.equal(await page.isHidden("#operation-exit_date"), true);

  await page.selectOption("#phase", "exit");
  assert.equal(await page.isVisible("#section-exit"), true);
  assert.equal(await page.isVisible("#operation-exit_date"), true);
  assert.equal(await page.isHidden("#section-follow_up"), true);
  assert.equal(await page.inputValue("#identity-first_name"), "Camille");

  await page.click('#questionnaire button[type="submit"]');
  const exitDate = page.locator('#summary-missing-list a[data-target="operation.exit_date"]');
  assert.equal(await exitDate.count(), 1);
  assert.equal(await page.locator('#summary-missing-list a[data-target="exit.in_employment"]').count(), 1);
  assert.equal(await page.locator('#summary-missing-list a[data-target="identity.first_name"]').count(), 0);

  await exitDate.click();
  assert.equal(await page.evaluate(() => document.activeElement.id), "operation-exit_date");
});

test("the page asks nothing of anyone but its own server", async (t) => {
  const { page, requests } = await openPage(t);
  await page.fill("#contact-email", "camille@example.org");
  await page.fill("#contact-postal_code", "75011");
  await page.click('label[for="locale-en"]');
  await page.selectOption("#phase", "follow_up");
  await page.click('#questionnaire button[type="submit"]');

  // The recording works: the module and its wasm came from the server...
  assert.ok(requests.includes(`${origin}/pkg/parcours.js`));
  assert.ok(requests.includes(`${origin}/pkg/parcours_bg.wasm`));
  // ...and nothing came from elsewhere (also checked after every test).
  assert.deepEqual(requests.filter((url) => !url.startsWith(`${origin}/`)), []);
});

test("dates typed JJ/MM/AAAA, J/M/AAAA or AAAA-MM-JJ are read alike, shown JJ/MM/AAAA, and a wrong one said in that format", async (t) => {
  const { page } = await openPage(t);
  await page.fill("#reference_date", "23/11/2026");
  await page.locator("#reference_date").press("Tab");
  assert.equal(await page.inputValue("#reference_date"), "23/11/2026");
  for (const typed of ["23/05/1990", "23/5/1990", "1990-05-23"]) {
    await page.fill("#identity-birth_date", typed);
    await page.locator("#identity-birth_date").press("Tab");
    assert.equal(await messages(page, "identity-birth_date").textContent(), "", `${typed} is a date`);
    assert.equal(await page.inputValue("#identity-birth_date"), "23/05/1990");
  }
  await page.fill("#identity-birth_date", "30/02/2023");
  assert.match(await messages(page, "identity-birth_date").textContent(), /n'existe pas/);
  await page.fill("#identity-birth_date", "1990/05/23");
  assert.equal(await messages(page, "identity-birth_date").textContent(), "Date à saisir au format JJ/MM/AAAA, par exemple 23/05/1990.");
  assert.match(await page.textContent('label[for="identity-birth_date"]'), /JJ\/MM\/AAAA/);
});

test("a long form with its sections in a side menu that stays in reach, each with its count of errors", async (t) => {
  const { page } = await openPage(t);
  await setReferenceDate(page, "2026-11-23");
  const links = page.locator("#sidemenu-list a[data-section]");
  const sections = await page.locator("#sections > fieldset:not([hidden])").evaluateAll((nodes) => nodes.map((node) => node.id));
  assert.deepEqual(
    await links.evaluateAll((nodes) => nodes.filter((node) => !node.closest("[hidden]")).map((node) => node.getAttribute("href").slice(1))),
    sections,
    "one link per section shown, in the form's order",
  );
  assert.equal(await page.textContent('#sidemenu-list a[data-section="identity"] .sidemenu-label'), "Identité");

  await page.fill("#identity-birth_date", "2023-02-30");
  await page.click('label[for="situation-employed-true"]');
  await page.click('label[for="situation-unemployed-true"]');
  const count = (section) => page.locator(`#sidemenu-list a[data-section="${section}"] .sidemenu-count`);
  assert.equal(await count("identity").textContent(), " : 1 erreur");
  assert.match(await count("identity").getAttribute("class"), /fr-badge--error/);
  assert.match(await count("situation").textContent(), /^ : \d+ erreurs?$/);
  assert.equal(await count("household").isHidden(), true, "a section without findings shows no count");
  assert.match(await page.textContent("#sidemenu-status"), /^\d+ erreurs?, /);

  // Scrolled to the end of the 6,500-pixel form, the menu, the status and the button
  // are still on screen.
  await page.locator('#questionnaire button[type="submit"]').scrollIntoViewIfNeeded();
  for (const selector of ["#sidemenu-title", "#sidemenu-status", "#submit-side"]) {
    const box = await page.locator(selector).boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= 900, `${selector} is in reach (y = ${box?.y})`);
  }

  // With the keyboard: a section's link takes the reader there; the side button checks.
  await page.locator('#sidemenu-list a[data-section="situation"]').focus();
  await page.keyboard.press("Enter");
  assert.match(page.url(), /#section-situation$/);
  const top = await page.locator("#section-situation").boundingBox();
  assert.ok(top.y >= 0 && top.y < 300, "the section is brought into view");
  await page.locator("#submit-side").focus();
  await page.keyboard.press("Enter");
  assert.equal(await page.isVisible("#summary-missing"), true, "the side button checks the whole questionnaire");
});
