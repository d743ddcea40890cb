// The follow-up page in a real browser (Debian's Chromium, driven by playwright-core,
// through the demo server and its strict CSP): a référent chooses a programme, the
// reference and entry dates, enters the timeline row by row as a person does, and
// the obligations (FU-*), their due dates and statuses, the late alert and the
// chronology follow every change; findings land next to the event their path names;
// nothing leaves the page and nothing is logged (every test fails on a page error,
// console output, a CSP violation or a request outside the server).
// Needs the package built first: bash scripts/build.sh && node --test tests/e2e/suivi.test.mjs

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { AxeBuilder } from "@axe-core/playwright";
import { launch, openPage } from "./legacy-harness.mjs";

let env;
before(async () => {
  env = await launch();
});
after(() => env?.close());

async function open(t, path = "suivi.html") {
  const opened = await openPage(t, env, path, { viewport: { width: 1280, height: 1000 } });
  if (path !== "suivi.html") return opened;
  await opened.page.waitForSelector("html[data-state]", { state: "attached" });
  assert.equal(await opened.page.getAttribute("html", "data-state"), "ready", "the wasm module did not load");
  return opened;
}

/** Programme and dates, chosen as a référent does. */
async function setUp(page, { programme = "plie-flandre-lys", entry = "2018-01-15", reference = "2018-06-30" } = {}) {
  await page.selectOption("#programme", programme);
  await page.fill("#entry_date", entry);
  await page.fill("#reference_date", reference);
}

const row = (page, n) => page.locator(`#events > li:nth-child(${n})`);
const field = (n, name) => `#events > li:nth-child(${n}) [data-name="${name}"]`;

/** Types into a field as a person does, after emptying it. */
async function type(page, selector, text) {
  const control = page.locator(selector);
  await control.fill("");
  await control.pressSequentially(text);
}

/**
 * Adds an event as a person does: "add", the type from the list (the focus is on it),
 * then the date typed, then the type's own fields.
 */
async function addEvent(page, event) {
  await page.click("#add-event");
  const n = await page.locator("#events > li").count();
  assert.equal(await page.evaluate(() => document.activeElement.dataset.name), "type", "the new row's type has the focus");
  await page.selectOption(field(n, "type"), event.type);
  await page.locator(field(n, "date")).pressSequentially(event.date);
  if (event.end) await type(page, field(n, "end"), event.end);
  if (event.kind) await page.selectOption(field(n, "kind"), event.kind);
  if (event.mode) await page.selectOption(field(n, "mode"), event.mode);
  if (event.channel) await page.selectOption(field(n, "channel"), event.channel);
  if (event.justified !== undefined) await row(page, n).locator(`label[for$="-justified-${event.justified}"]`).click();
  if (event.placed_by_cre) await row(page, n).locator('label[for$="-placed_by_cre"]').click();
  if (event.theoretical_start) await type(page, field(n, "theoretical_start"), event.theoretical_start);
  if (event.trial_period_end) await type(page, field(n, "trial_period_end"), event.trial_period_end);
  return n;
}

/** The obligations table: [rule, obligation, status, due, done on] per row, in order. */
const obligations = (page) =>
  page.locator("#obligations tbody tr[data-rule]").evaluateAll((rows) =>
    rows.map((row) => [row.dataset.rule, row.dataset.obligation, row.dataset.status, row.cells[2].firstChild.textContent, row.cells[3].textContent]),
  );
const ofRule = async (page, rule) => (await obligations(page)).filter((obligation) => obligation[0] === rule);
const title = (page) => page.textContent("#followup-title");
/** The messages shown for a control: the text of what its aria-describedby names. */
const described = (page, selector) =>
  page.locator(selector).evaluate((node) =>
    (node.getAttribute("aria-describedby") ?? "")
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" | "),
  );

describe("the follow-up page", () => {
  test("the home page links to it; no date is given for the référent; only programmes with follow-up rules", async (t) => {
    const { page } = await open(t, "");
    await page.click('a[href="/suivi.html"]');
    await page.waitForSelector("html[data-state=ready]", { state: "attached" });
    assert.equal(await page.inputValue("#reference_date"), "", "the reference date starts empty");
    assert.equal(await page.inputValue("#entry_date"), "");
    assert.equal(await page.locator("#events > li").count(), 0, "nothing is prefilled");
    const ids = await page.locator("#programme option").evaluateAll((options) => options.map((option) => option.value).filter(Boolean));
    assert.deepEqual(ids.sort(), ["ml-val-de-marque", "plie-boulonnais", "plie-cotentin", "plie-flandre-lys"]);
    assert.equal(await title(page), "Pas de suivi calculé");
    assert.equal(await page.isHidden("#events-area"), true);

    await page.selectOption("#programme", "plie-flandre-lys");
    assert.match(await page.textContent("#reference_date-messages"), /Indiquez la date de référence/);
    assert.equal(await page.getAttribute("#reference_date", "aria-invalid"), "true");
    assert.match(await page.textContent("#entry_date-messages"), /\S/);
    assert.equal(await page.isHidden("#obligations-box"), true);
    await page.fill("#entry_date", "2018-01-15");
    await page.fill("#reference_date", "2018-01-20");
    assert.equal(await page.textContent("#reference_date-messages"), "");
    assert.equal(await page.textContent("#entry_date-messages"), "");
    assert.equal(await page.isVisible("#obligations-box"), true);
    assert.equal(await title(page), "Suivi à jour");
    assert.match(await page.getAttribute("#followup-alert", "class"), /fr-alert--success/);
  });

  test("FU-GAP: no contact for 2 months is due on the last day, late the day after; an interview on the last day is in time, the day after is late", async (t) => {
    const { page } = await open(t);
    await setUp(page, { reference: "2018-03-14" });
    assert.deepEqual(await ofRule(page, "FU-GAP"), [["FU-GAP", "contact", "due", "14/03/2018", "—"]]);
    assert.equal(await page.locator("#late-list li[data-rule='FU-GAP']").count(), 0);

    await page.fill("#reference_date", "2018-03-15");
    assert.deepEqual(await ofRule(page, "FU-GAP"), [["FU-GAP", "contact", "late", "14/03/2018", "—"]]);
    assert.match(await page.textContent("#late-list li[data-rule='FU-GAP']"), /Contact : en retard depuis le 14\/03\/2018\.$/);
    assert.match(await page.getAttribute("#followup-alert", "class"), /fr-alert--error/);
    assert.match(await title(page), /^\d+ obligations? en retard$/);
    assert.match(await page.textContent("#count-late"), /^En retard : \d+$/);
    assert.match(await page.getAttribute("#obligations tbody tr[data-rule='FU-GAP'] .fr-badge", "class"), /fr-badge--error/);

    // An interview on the last day of the 2 months meets it; the day after, late.
    await page.fill("#reference_date", "2018-04-30");
    await addEvent(page, { type: "interview", date: "2018-03-14" });
    assert.deepEqual(await ofRule(page, "FU-GAP"), [["FU-GAP", "contact", "due", "13/05/2018", "—"]]);
    await type(page, field(1, "date"), "2018-03-15");
    assert.deepEqual(await ofRule(page, "FU-GAP"), [
      ["FU-GAP", "contact", "done_late", "14/03/2018", "15/03/2018"],
      ["FU-GAP", "contact", "due", "14/05/2018", "—"],
    ]);
    assert.match(await page.textContent("#obligations tbody tr[data-status='done_late'][data-rule='FU-GAP']"), /Faite en retard/);
    assert.match(await page.textContent("#count-done-late"), /^Faites en retard : [1-9]/);
    // A phone interview is a contact (FU-GAP) but not the physical one of FU-MONTHLY.
    await page.selectOption(field(1, "mode"), "phone");
    assert.equal((await ofRule(page, "FU-GAP"))[0][2], "done_late");
    assert.ok((await ofRule(page, "FU-MONTHLY")).every((obligation) => obligation[4] === "—"), "a phone call is no physical interview");
  });

  test("an unjustified absence: a letter the same week is in time, a call the same week is too early", async (t) => {
    const { page } = await open(t);
    await setUp(page, { entry: "2018-03-01", reference: "2018-04-30" });
    await addEvent(page, { type: "interview", date: "2018-03-20" });
    const absence = await addEvent(page, { type: "absence", date: "2018-04-04" });
    // Justified or not is asked for.
    assert.match(await page.textContent("#missing-list"), /Événement 2 — Absence justifiée/);
    await page.click("#missing-list button[data-goto='events[1].justified']");
    assert.match(await page.evaluate(() => document.activeElement.id), /-justified-true$/);
    await row(page, absence).locator('label[for$="-justified-false"]').click();
    assert.equal(await page.isHidden("#missing-box"), true);
    assert.deepEqual(await ofRule(page, "FU-ABSENCE"), [
      ["FU-ABSENCE", "absence_letter", "late", "08/04/2018", "—"],
      ["FU-ABSENCE", "absence_call", "late", "15/04/2018", "—"],
    ]);

    await addEvent(page, { type: "reminder", date: "2018-04-06", channel: "letter" });
    const call = await addEvent(page, { type: "reminder", date: "2018-04-06", channel: "phone" });
    assert.deepEqual(await ofRule(page, "FU-ABSENCE"), [
      ["FU-ABSENCE", "absence_letter", "done", "08/04/2018", "06/04/2018"],
      ["FU-ABSENCE", "absence_call", "late", "15/04/2018", "—"],
    ]);
    const callRow = page.locator("#obligations tbody tr[data-obligation='absence_call']");
    assert.match(await callRow.textContent(), /l'événement du 06\/04\/2018 est trop tôt pour compter ; attendu du 09\/04\/2018 au 15\/04\/2018/);
    assert.match(await callRow.textContent(), /Événement 2/);
    assert.match(await callRow.textContent(), /à partir du 09\/04\/2018/);
    assert.match(await page.textContent("#late-list"), /Relance téléphonique : .*trop tôt/);
    // Next to the absence it is about.
    const messages = row(page, absence).locator(".row-messages");
    assert.match(await messages.textContent(), /^Obligation de suivi en retard : Relance téléphonique \(échéance le 15\/04\/2018\)\.$/);
    assert.equal(await messages.locator("[data-code='obligation_overdue']").getAttribute("data-rule"), "FU-ABSENCE");

    // The call the week after: in time, and the absence's row is clear.
    await type(page, field(call, "date"), "2018-04-10");
    assert.deepEqual((await ofRule(page, "FU-ABSENCE")).map((obligation) => obligation[2]), ["done", "done"]);
    assert.equal(await messages.textContent(), "");
    // A justified absence owes nothing.
    await row(page, absence).locator('label[for$="-justified-true"]').click();
    assert.deepEqual(await ofRule(page, "FU-ABSENCE"), []);
  });

  test("a placement by the CRE: feedback within 15 days, a call the first week, a visit before the trial period ends", async (t) => {
    const { page } = await open(t);
    await setUp(page, { entry: "2018-05-15", reference: "2018-06-30" });
    const hire = await addEvent(page, { type: "employment_start", date: "2018-06-01" });
    assert.equal(await page.isHidden(field(hire, "theoretical_start")), true);
    assert.deepEqual(await ofRule(page, "FU-CRE"), [], "no CRE obligation without a CRE placement");
    await row(page, hire).locator('label[for$="-placed_by_cre"]').click();
    assert.equal(await page.isVisible(field(hire, "theoretical_start")), true);
    assert.match(await page.textContent("#missing-list"), /Événement 1 — Début théorique du contrat/);
    await type(page, field(hire, "theoretical_start"), "2018-06-04");
    await type(page, field(hire, "trial_period_end"), "2018-07-31");
    assert.deepEqual(await ofRule(page, "FU-CRE"), [
      ["FU-CRE", "cre_call", "late", "10/06/2018", "—"],
      ["FU-CRE", "cre_feedback", "late", "19/06/2018", "—"],
      ["FU-CRE", "cre_visit", "due", "31/07/2018", "—"],
    ]);
    assert.match(await row(page, hire).locator(".row-messages").textContent(), /Appel à l'employeur la première semaine/);
    assert.deepEqual((await ofRule(page, "FU-IN-JOB")).map((obligation) => obligation.slice(1, 4)), [["in_job_follow_up", "due", "01/12/2018"]]);

    await addEvent(page, { type: "employer_call", date: "2018-06-08" });
    await addEvent(page, { type: "cre_feedback", date: "2018-06-15" });
    assert.deepEqual(await ofRule(page, "FU-CRE"), [
      ["FU-CRE", "cre_call", "done", "10/06/2018", "08/06/2018"],
      ["FU-CRE", "cre_feedback", "done", "19/06/2018", "15/06/2018"],
      ["FU-CRE", "cre_visit", "due", "31/07/2018", "—"],
    ]);
    assert.equal(await title(page), "Suivi à jour");
    assert.equal(await row(page, hire).locator(".row-messages").textContent(), "");
    assert.equal(await page.textContent("#count-late"), "En retard : 0");
  });

  test("a qualifying training starts a follow-up in training: its certification is asked, then the obligation shown", async (t) => {
    const { page } = await open(t);
    await setUp(page, { programme: "plie-boulonnais", entry: "2019-06-03", reference: "2020-03-10" });
    const n = await addEvent(page, { type: "step", date: "2019-08-31", end: "2020-06-30", kind: "training" });
    // Shown for a training only, and asked for: only a qualifying training is followed.
    assert.equal(await page.isVisible(field(n, "certification")), true);
    assert.deepEqual(await page.locator("#missing-list li").allTextContents(), ["Événement 1 — Sanction de la formation"]);
    await page.selectOption(field(n, "certification"), "registered_title");
    assert.equal(await page.isHidden("#missing-box"), true);
    // 31 August 2019 + 6 months and a day: 1 March 2020 (a leap year).
    assert.deepEqual(await ofRule(page, "FU-IN-JOB"), [["FU-IN-JOB", "in_training_follow_up", "late", "01/03/2020", "—"]]);
    await page.selectOption(field(n, "kind"), "workshop");
    assert.equal(await page.isHidden(field(n, "certification")), true);
    assert.deepEqual(await ofRule(page, "FU-IN-JOB"), []);
  });

  test("the chronology is in date order with uncounted events marked; findings sit next to the events they name", async (t) => {
    const { page } = await open(t);
    await setUp(page, { reference: "2018-03-31" });
    await addEvent(page, { type: "interview", date: "2018-03-10" });
    await addEvent(page, { type: "interview", date: "2018-02-10", mode: "tripartite" });
    await addEvent(page, { type: "interview", date: "2018-04-05" });
    await addEvent(page, { type: "step", date: "2018-03-20", end: "2018-03-19", kind: "workshop" });
    await addEvent(page, { type: "contact", date: "2018-02-30" });

    const chronology = await page.locator("#timeline > li").evaluateAll((items) =>
      items.map((item) => [item.querySelector(".timeline__date").textContent, item.dataset.index ?? "mark", item.dataset.counted ?? ""]),
    );
    assert.deepEqual(chronology, [
      ["15/01/2018", "mark", ""],
      ["10/02/2018", "1", "true"],
      ["10/03/2018", "0", "true"],
      ["31/03/2018", "mark", ""],
      ["05/04/2018", "2", "false"],
    ]);
    assert.match(await page.textContent("#timeline > li[data-index='1']"), /Entretien — Tripartite \(Événement 2\)/);
    assert.match(await page.textContent("#timeline > li[data-index='2']"), /Non compté/);
    assert.match(await page.textContent("#events-messages"), /pas dans l'ordre des dates/);
    assert.match(await row(page, 3).locator(".row-messages").textContent(), /postérieur à la date de référence/);
    assert.equal(await described(page, field(4, "end")), "La date de fin précède la date de début : la période n'est pas comptée.");
    assert.equal(await page.getAttribute(field(4, "end"), "aria-invalid"), "true");
    assert.equal(await row(page, 4).locator('label[for$="-date"]').textContent(), "Début");
    assert.equal(await described(page, field(5, "date")), "Cette date n'existe pas dans le calendrier.");

    // Removing a row renumbers the others and keeps the focus in the list.
    await row(page, 3).locator("button[data-remove]").click();
    assert.equal(await page.locator("#events > li").count(), 4);
    assert.equal(await row(page, 3).locator("legend").first().textContent(), "Événement 3");
    assert.equal(await page.evaluate(() => document.activeElement.dataset.name), "type");
    assert.equal(await page.locator("#timeline > li[data-counted='false']").count(), 0);
    assert.equal(await described(page, field(3, "end")), "La date de fin précède la date de début : la période n'est pas comptée.");
  });

  test("the fictitious example, then English: every text relabelled, every value kept", async (t) => {
    const { page } = await open(t);
    await page.click("#load-example");
    assert.equal(await page.inputValue("#programme"), "plie-flandre-lys");
    assert.equal(await page.inputValue("#entry_date"), "15/01/2018");
    assert.equal(await page.inputValue("#reference_date"), "30/06/2018");
    assert.equal(await page.locator("#events > li").count(), 11);
    assert.equal(await title(page), "2 obligations en retard");
    assert.equal(await page.isHidden("#followup-summary"), true, "the title and the counts say it once");
    assert.equal(await page.textContent("#count-done-late"), "Faites en retard : 2");
    assert.deepEqual(await page.locator("#late-list li").evaluateAll((items) => items.map((item) => item.dataset.rule)), ["FU-MONTHLY", "FU-GAP"]);

    await page.click('label[for="locale-en"]');
    assert.equal(await page.getAttribute("html", "lang"), "en");
    assert.equal(await page.textContent("h1"), "Parcours follow-up");
    assert.equal(await title(page), "2 obligations late");
    assert.equal(await page.isHidden("#followup-summary"), true);
    assert.equal(await page.textContent("#count-due"), "To come: 2");
    assert.equal(await page.textContent("#obligations thead th:nth-child(3)"), "Due");
    assert.equal(await row(page, 1).locator("legend").first().textContent(), "Event 1");
    assert.equal(await page.textContent(`${field(1, "type")} option[value="interview"]`), "Interview");
    assert.equal(await page.textContent('label[for="reference_date"] span'), "Reference date");
    assert.match(await page.textContent("#obligations tbody tr[data-status='late'] .fr-badge"), /^Late$/);
    assert.match(await page.textContent("#timeline"), /1 Jun 2018Hiring \(Event 9\)/);
    assert.equal(await page.inputValue(field(9, "theoretical_start")), "01/06/2018");
    assert.equal(await page.isChecked(`${field(9, "placed_by_cre")}`), true);
    assert.equal(await page.inputValue(field(6, "channel")), "phone");
  });

  test("axe-core finds no violation with the example, late obligations, findings and what is missing shown", async (t) => {
    const { page } = await open(t);
    await page.click("#load-example");
    await addEvent(page, { type: "absence", date: "2018-02-30" });
    await addEvent(page, { type: "step", date: "2018-05-02", end: "2018-05-01", kind: "training" });
    await addEvent(page, { type: "employment_start", date: "2018-06-20", placed_by_cre: true });
    assert.equal(await page.isVisible("#late-box"), true);
    assert.equal(await page.isVisible("#missing-box"), true);
    const audit = async (label) => {
      const results = await new AxeBuilder({ page }).analyze();
      const violations = results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
      assert.deepEqual(violations, [], `axe violations ${label}`);
    };
    await audit("with findings");
    await page.click('label[for="locale-en"]');
    await audit("in English");
  });

  test("the page sends nothing: after loading, only the stylesheet's own icons and fonts are read", async (t) => {
    const { page, requests } = await open(t);
    assert.ok(requests.some((request) => request.url.endsWith("/pkg/parcours_full_bg.wasm")));
    const loaded = requests.length;
    await setUp(page);
    await addEvent(page, { type: "absence", date: "2018-02-05", justified: false });
    await addEvent(page, { type: "step", date: "2018-02-12", end: "2018-02-16", kind: "immersion" });
    await page.click("#load-example");
    await page.click('label[for="locale-en"]');
    await page.selectOption("#programme", "plie-boulonnais");
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

describe("the follow-up page as a référent reads it", () => {
  test("dates typed JJ/MM/AAAA or AAAA-MM-JJ; obligations by their title, identifiers in « Détails techniques »", async (t) => {
    const { page } = await open(t);
    await setUp(page, { entry: "15/01/2018", reference: "30/6/2018" });
    await page.locator("#reference_date").press("Tab");
    assert.equal(await page.inputValue("#reference_date"), "30/06/2018");
    await addEvent(page, { type: "interview", date: "15/01/2018", mode: "physical" });
    await addEvent(page, { type: "interview", date: "2018-02-14", mode: "physical" });
    await page.locator(field(2, "date")).press("Tab");
    assert.equal(await page.inputValue(field(2, "date")), "14/02/2018");
    assert.equal(await title(page), "2 obligations en retard");
    const gap = page.locator("#obligations tbody tr[data-rule='FU-GAP']").first();
    assert.match(await gap.locator(".rule__title").textContent(), /^Jamais deux mois sans contact$/);
    assert.equal(await gap.locator("details.technical .rule__id").textContent(), "Identifiant de la règle : FU-GAP");
    assert.match(await page.textContent("#late-list"), /\d{2}\/\d{2}\/2018/, "dates in messages as JJ/MM/AAAA");
    assert.doesNotMatch(await page.textContent("#late-list"), /2018-\d{2}-\d{2}/);
    await assertPlainWords(page, "follow-up");
    await type(page, field(2, "date"), "2018/02/14");
    assert.equal(await described(page, field(2, "date")), "Date à saisir au format JJ/MM/AAAA, par exemple 15/01/2018.");
  });
});
