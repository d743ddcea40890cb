// What a référent must never read on a page (issue 17): rule identifiers
// (ENT-AGE, EXIT-PROOF-AT-DATE, FU-GAP), file names (exits.md), the three-digit
// numbers of the source files followed by a dash, English words of the machinery ("string attendu",
// "unreadable") and "(s)" plurals. Identifiers may only appear inside a
// "Détails techniques" disclosure (details.technical).
// Not a test file itself (node --test runs *.test.mjs only).

import assert from "node:assert/strict";

export const INTERNAL = [
  { what: "a rule identifier", pattern: /\b(?:ENT|EXIT|FU|IAE|FSE)-[A-Z0-9]+(?:-[A-Z0-9]+)*\b|\bREQUEST\b/ },
  { what: "a file name", pattern: /\b[\w-]+\.(?:md|json|rs|mjs)\b|DOMAIN/ },
  { what: "a source file's number", pattern: /(?:^|[\s(])\d{3} —/ },
  { what: "an English word", pattern: /\b(?:string|object|array|boolean|null|unreadable|undefined|NaN)\b/ },
  { what: "a \"(s)\" plural", pattern: /\w\(s\)/ },
];

/**
 * The text a person sees on the page: every visible text node and every option of a
 * visible select, outside the technical disclosures and outside `skip` (selectors).
 */
export function visibleText(page, skip = []) {
  return page.evaluate((skip) => {
    const excluded = ["details.technical", ...skip].join(", ");
    const texts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !node.textContent.trim() || parent.closest(excluded)) continue;
      if (parent.closest("select")) continue;
      if (!parent.checkVisibility({ visibilityProperty: true })) continue;
      texts.push(node.textContent.trim());
    }
    for (const select of document.querySelectorAll("select")) {
      if (!select.closest(excluded) && select.checkVisibility()) {
        for (const option of select.options) texts.push(option.textContent.trim());
        for (const group of select.querySelectorAll("optgroup")) texts.push(group.label);
      }
    }
    return texts;
  }, skip);
}

/** Asserts no internal word is in what `page` shows (see visibleText). */
export async function assertPlainWords(page, label, skip = []) {
  const texts = await visibleText(page, skip);
  assert.ok(texts.length > 3, `${label}: the page shows some text`);
  for (const { what, pattern } of INTERNAL) {
    const found = texts.filter((text) => pattern.test(text));
    assert.deepEqual(found, [], `${label}: ${what} is shown`);
  }
}
