// The "legacy portal" (www/legacy.html): a page that was not built for parcours —
// its own field names, markup, styles and script — validated after gaining one
// script tag and a mapping file (www/legacy-parcours.js). Needs the package built.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { activeId, describedText, launch, openPage, wasmCompilations } from "./legacy-harness.mjs";

let env;
before(async () => {
  env = await launch();
});
after(() => env?.close());

const PAGE = "legacy.html";

/** Until the first interaction, only the page and the small kit are loaded. */
const kitLoaded = (requests) => requests.some((request) => request.url.endsWith("/pkg/attach.js"));
const moduleLoaded = (requests) => requests.some((request) => request.url.endsWith("/pkg/parcours_bg.wasm"));

/** A complete, valid entry questionnaire, typed in as a person would. */
async function fillValid(page) {
  await page.fill("#nom_naissance", "Durand");
  await page.fill("#prenom", "Camille");
  await page.selectOption("#sexe", "F");
  await page.fill("#date_naiss", "23/05/1990");
  await page.fill("#cp", "69001");
  await page.fill("#code_insee", "69381");
  await page.fill("#date_entree", "02/11/2026");
  await page.check("#sit_chomage");
  // Unemployed for more than 12 months and not flagged long-term: a warning only.
  await page.fill("#date_debut_chomage", "15/09/2024");
  await page.selectOption("#niveau_formation", "N4");
  await page.check("#handicap_nsp");
}

test("the page gained one script tag and a mapping file, nothing else", () => {
  const html = readFileSync(new URL("../../www/legacy.html", import.meta.url), "utf8");
  assert.deepEqual(html.match(/parcours/gi), ["parcours"], "parcours appears once in the page (the script tag)...");
  assert.match(html, /<script type="module" src="\/legacy-parcours\.js"><\/script>/);
  assert.doesNotMatch(html, /data-parcours/, "...and no field carries a parcours attribute");
  // The mapping is the portal's file: it imports the kit, nothing from the page's own script.
  const mapping = readFileSync(new URL("../../www/legacy-parcours.js", import.meta.url), "utf8");
  assert.match(mapping, /import \{ attach \} from "\/pkg\/attach\.js"/);
});

test("the module is fetched on the first interaction and compiled as it streams", async (t) => {
  const { page, requests } = await openPage(t, env, PAGE);
  await page.waitForLoadState("networkidle");
  assert.ok(kitLoaded(requests), "the kit is loaded with the page");
  assert.ok(!moduleLoaded(requests), "the wasm is not fetched before the form is reached");

  await page.focus("#nom_naissance");
  await page.waitForResponse((response) => response.url().endsWith("/pkg/parcours_bg.wasm"));
  await page.waitForFunction(() => globalThis.__wasm.streaming === 1);
  assert.deepEqual(await wasmCompilations(page), { streaming: 1, buffered: 0 });
});

test("a date that does not exist shows its message once the field is left, and the text stays as typed", async (t) => {
  const { page } = await openPage(t, env, PAGE);
  await page.click("#date_naiss");
  await page.keyboard.type("30/02/2023");
  // While typing, nothing is shown yet.
  assert.equal(await page.getAttribute("#date_naiss", "aria-invalid"), null);
  await page.keyboard.press("Tab");

  const message = page.locator(".ligne:has(#date_naiss) .message-erreur");
  await message.waitFor();
  assert.equal(await message.textContent(), "Cette date n'existe pas dans le calendrier.");
  assert.equal(await page.getAttribute("#date_naiss", "aria-invalid"), "true");
  assert.equal(await describedText(page, "#date_naiss"), "Cette date n'existe pas dans le calendrier.");
  assert.match(await page.getAttribute(".ligne:has(#date_naiss)", "class"), /\ben-erreur\b/);
  assert.match(await page.getAttribute("#date_naiss", "class"), /\bsaisie-erreur\b/);
  assert.equal(await page.inputValue("#date_naiss"), "30/02/2023");
  assert.equal(await activeId(page), "num_secu", "the kit does not hold the focus");

  // A date in another format: the portal's format is what the message asks for.
  await page.fill("#date_naiss", "1990-05-23");
  await page.press("#date_naiss", "Tab");
  assert.equal(await describedText(page, "#date_naiss"), "Date à saisir au format JJ/MM/AAAA, par exemple 23/05/1990.");

  await page.fill("#date_naiss", "28/02/1990");
  await page.press("#date_naiss", "Tab");
  assert.equal(await page.getAttribute("#date_naiss", "aria-invalid"), null);
  assert.equal(await page.getAttribute("#date_naiss", "aria-describedby"), null);
  assert.doesNotMatch(await page.getAttribute(".ligne:has(#date_naiss)", "class"), /en-erreur/);
  assert.equal(await page.inputValue("#date_naiss"), "28/02/1990");
});

test("the portal's hint stays described, and its own messages replace the module's", async (t) => {
  const { page } = await openPage(t, env, PAGE);
  await page.fill("#num_secu", "2");
  await page.press("#num_secu", "Tab");
  await page.waitForFunction(() => document.querySelector("#num_secu").getAttribute("aria-invalid") === "true");
  assert.match(await page.getAttribute("#num_secu", "aria-describedby"), /^aide_secu parcours-\d+-\d+-messages$/);

  await page.fill("#cp", "6900");
  await page.press("#cp", "Tab");
  assert.equal(await describedText(page, "#cp"), "Le code postal s'écrit avec 5 chiffres, par exemple 69001.");

  await page.fill("#num_secu", "");
  await page.press("#num_secu", "Tab");
  assert.equal(await page.getAttribute("#num_secu", "aria-describedby"), "aide_secu", "the portal's own hint is left as it was");
});

test("a submit with errors is blocked, focus goes to the first error, the summary reaches every error", async (t) => {
  const { page, requests } = await openPage(t, env, PAGE);
  await page.fill("#prenom", "Camille");
  await page.fill("#date_naiss", "30/02/2023");
  await page.check("#sit_emploi");
  await page.check("#sit_chomage");
  await page.click('input[type="submit"]');

  await page.locator(".bloc-erreurs").waitFor();
  assert.equal(await activeId(page), "nom_naissance", "focus on the first error");
  assert.equal(new URL(page.url()).pathname, "/legacy.html", "not sent");
  assert.ok(!requests.some((request) => request.method === "POST"));
  assert.equal(await page.textContent("#etat_envoi"), "", "the portal's own submit handler saw the submit prevented");

  assert.equal(await page.textContent(".bloc-erreurs-titre"), "Le formulaire contient 8 erreurs à corriger avant l'envoi.");
  const links = await page.locator(".bloc-erreurs a").evaluateAll((nodes) => nodes.map((node) => [node.getAttribute("href"), node.textContent]));
  assert.deepEqual(links, [
    ["#nom_naissance", "Nom de naissance\u00a0: Information obligatoire."],
    ["#sexe", "Sexe\u00a0: Information obligatoire."],
    ["#date_naiss", "Date de naissance\u00a0: Cette date n'existe pas dans le calendrier."],
    ["#cp", "Code postal\u00a0: Information obligatoire."],
    ["#code_insee", "Code INSEE de la commune\u00a0: Information obligatoire."],
    ["#date_entree", "Date d'entrée\u00a0: Information obligatoire."],
    ["#sit_emploi", "Situation sur le marché du travail à l'entrée\u00a0: Une seule situation sur le marché du travail à l'entrée : en emploi, chômeur ou inactif."],
    ["#niveau_formation", "Diplôme le plus élevé\u00a0: Information obligatoire."],
  ]);
  // The labour-market conflict is shown on the portal's fieldset around the three boxes.
  assert.equal(await page.getAttribute("#bloc_situation", "aria-invalid"), "true");
  assert.match(await describedText(page, "#bloc_situation"), /^Une seule situation/);

  // A summary link moves focus to its field.
  await page.click('.bloc-erreurs a[href="#date_naiss"]');
  assert.equal(await activeId(page), "date_naiss");
  // Fixing an error takes it out of the summary.
  await page.fill("#date_naiss", "28/02/1990");
  await page.press("#date_naiss", "Tab");
  assert.equal(await page.locator('.bloc-erreurs a[href="#date_naiss"]').count(), 0);
  assert.match(await page.textContent(".bloc-erreurs-titre"), /7 erreurs/);
});

test("a valid form is sent, under the portal's own field names, warnings and all", async (t) => {
  const { page, requests } = await openPage(t, env, PAGE);
  await fillValid(page);
  await page.press("#handicap_nsp", "Tab");
  const warning = page.locator(".case:has(#chomage_ld) .message-alerte");
  assert.match(await warning.textContent(), /plus de 12 mois avant l'entrée/);
  assert.equal(await page.getAttribute("#chomage_ld", "aria-invalid"), null, "a warning does not make the field invalid");
  assert.match(await describedText(page, "#chomage_ld"), /12 mois/);

  await Promise.all([page.waitForURL("**/legacy-envoye.html"), page.click('input[type="submit"]')]);
  assert.equal(await page.textContent("h1"), "Questionnaire enregistré");
  const post = requests.find((request) => request.method === "POST");
  assert.equal(new URL(post.url).pathname, "/legacy-envoi");
  const sent = new URLSearchParams(post.body);
  assert.equal(sent.get("date_naiss"), "23/05/1990", "sent as typed");
  assert.equal(sent.get("sexe"), "F");
  assert.equal(sent.get("handicap"), "NSP");
  assert.equal(sent.get("date_jour"), "2026-11-23");
});

test("a valid form is sent even when submitted before the module had loaded", async (t) => {
  const { page, requests } = await openPage(t, env, PAGE);
  // Filled in by the browser's autofill (no focus, no event), then sent at once.
  await page.evaluate(() => {
    const set = (name, value) => (document.getElementsByName(name)[0].value = value);
    set("nom_naissance", "Durand");
    set("prenom", "Camille");
    set("sexe", "H");
    set("date_naiss", "23/05/1990");
    set("cp", "69001");
    set("code_insee", "69381");
    set("date_entree", "02/11/2026");
    set("niveau_formation", "N3");
    document.getElementById("sit_emploi").checked = true;
  });
  assert.ok(!moduleLoaded(requests));
  await Promise.all([page.waitForURL("**/legacy-envoye.html"), page.evaluate(() => document.forms[0].requestSubmit())]);
  assert.ok(moduleLoaded(requests), "checked before it went");
});

test("an invalid form submitted before the module had loaded is held, with focus on the error", async (t) => {
  const { page, requests } = await openPage(t, env, PAGE);
  await page.evaluate(() => document.forms[0].requestSubmit());
  await page.locator(".bloc-erreurs").waitFor();
  assert.equal(await activeId(page), "nom_naissance");
  assert.ok(!requests.some((request) => request.method === "POST"));
});

test("the reset button clears the messages with the answers", async (t) => {
  const { page } = await openPage(t, env, PAGE);
  await page.fill("#date_naiss", "30/02/2023");
  await page.click('input[type="submit"]');
  await page.locator(".bloc-erreurs").waitFor();
  await page.click('input[type="reset"]');
  await page.waitForFunction(() => !document.querySelector("[aria-invalid]"));
  assert.equal(await page.inputValue("#date_naiss"), "");
  assert.equal(await page.locator(".message-erreur").count(), 0);
  assert.equal(await page.isVisible(".bloc-erreurs"), false);
});

test("without WebAssembly the form is sent unchecked, with a notice that live checks are off", async (t) => {
  const { page, requests } = await openPage(t, env, PAGE, { init: () => delete globalThis.WebAssembly });
  const notice = page.locator(".bandeau-info[role='status']");
  await notice.waitFor();
  assert.equal(
    await notice.textContent(),
    "Les vérifications pendant la saisie sont désactivées dans ce navigateur. Vous pouvez tout de même envoyer le formulaire.",
  );
  await page.fill("#date_naiss", "30/02/2023");
  await page.press("#date_naiss", "Tab");
  await Promise.all([page.waitForURL("**/legacy-envoye.html"), page.click('input[type="submit"]')]);
  assert.ok(!requests.some((request) => request.url.includes("/pkg/parcours")), "no module fetched");
});

test("if the module cannot be fetched the form is sent unchecked, with the notice", async (t) => {
  const { page } = await openPage(t, env, PAGE, {
    allow: [/^failed: .*parcours_bg\.wasm/, /^console\.error: Failed to load resource/],
  });
  await page.route("**/pkg/parcours_bg.wasm", (route) => route.abort());
  await page.fill("#date_naiss", "30/02/2023");
  await page.locator(".bandeau-info").waitFor();
  await Promise.all([page.waitForURL("**/legacy-envoye.html"), page.click('input[type="submit"]')]);
});
