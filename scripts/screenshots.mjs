#!/usr/bin/env node
// Screenshots of each demo page, in French, for docs/screenshots.md: Debian's
// Chromium (/usr/bin/chromium) driven by playwright-core against the demo server, each
// page in a state that shows what it does. Needs the package built first.
//
//   bash scripts/build.sh && node scripts/screenshots.mjs     → docs/screenshots/*.png

import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";
import { start } from "./serve.mjs";

const out = new URL("../docs/screenshots/", import.meta.url);
mkdirSync(out, { recursive: true });

/** Each page, and what is done on it before the picture (as a person would). */
const shots = {
  "index.html": async () => {},
  "questionnaire.html": async (page) => {
    await page.fill("#reference_date", "23/11/2026");
    await page.fill("#identity-last_name", "Durand");
    await page.fill("#identity-birth_date", "30/02/2023");
    await page.click('label[for="situation-employed-true"]');
    await page.click('label[for="situation-unemployed-true"]');
    await page.click('#questionnaire button[type="submit"]');
    await page.evaluate(() => window.scrollTo(0, 0));
  },
  "orientation.html": async (page) => {
    await page.fill("#decision_date", "15/03/2026");
    await page.selectOption("#programme", "iae-diagnostic");
    await page.selectOption("#fact-diagnosed_by", "employer");
    await page.selectOption("#fact-structure_kind", "ACI");
    await page.click('label[for="fact-iae_criteria-rsa"]');
    await page.fill("#fact-iae_criteria-rsa-date", "01/02/2026");
    await page.fill("#fact-diagnosis_date", "01/03/2026");
    await page.locator("#fact-diagnosis_date").press("Tab");
  },
  "sortie.html": async (page) => {
    await page.selectOption("#programme", "plie-flandre-lys");
    await page.fill("#exit_date", "29/06/2018");
    await page.selectOption("#reason", "employment");
    await page.selectOption("#contract_type", "cdd");
    await page.fill("#contract_start", "01/06/2018");
    await page.fill("#contract_end", "31/01/2019");
    await page.selectOption("#proofs [data-name=kind]", "payslip");
    await page.fill("#proofs [data-name=date]", "28/06/2018");
    await page.locator("#proofs [data-name=date]").press("Tab");
  },
  "suivi.html": async (page) => {
    await page.click("#load-example");
  },
  "legacy.html": async (page) => {
    await page.fill("#date_naiss", "30/02/2023");
    await page.check("#sit_emploi");
    await page.check("#sit_chomage");
    await page.click('input[type="submit"]');
    await page.locator(".bloc-erreurs").waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
  },
  "lot.html": async (page) => {
    // A small fictitious export: one valid row, one with a date that does not exist.
    const csv =
      "participant_id;identity.gender;identity.birth_date\nP1;woman;1980-01-01\nP2;man;1990-02-30\n";
    await page.setInputFiles("#file", { name: "export.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.fill("#reference_date", "31/12/2025");
    await page.click("#start");
    await page.waitForSelector('html[data-state="done"]', { state: "attached" });
  },
};

const server = await start({ port: 0 });
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
try {
  for (const [name, act] of Object.entries(shots)) {
    const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.url + name);
    await page.waitForLoadState("networkidle");
    if ((await page.getAttribute("html", "data-state")) !== null) await page.waitForSelector('html[data-state="ready"]');
    await act(page);
    await page.waitForTimeout(200);
    const file = new URL(name.replace(".html", ".png"), out);
    await page.screenshot({ path: file.pathname, fullPage: name !== "questionnaire.html" && name !== "legacy.html" });
    console.log(`screenshot: docs/screenshots/${name.replace(".html", ".png")}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
