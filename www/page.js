// What the demo pages (orientation, questionnaire, sortie, suivi) share: finding and
// making elements, starting the module with the page's load-error state, showing the
// page once ready, and the page's own words in its `data-text` elements.

export const $ = (id) => document.getElementById(id);

export function element(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * Instantiates the module (`init` of its glue). When it cannot load, the page says so
 * (its `#load-error`) and this returns false.
 */
export async function startModule(init) {
  try {
    await init();
    return true;
  } catch {
    $("loading").hidden = true;
    $("load-error").hidden = false;
    document.documentElement.dataset.state = "error";
    return false;
  }
}

/** Replaces the loading message by the page (tests wait for `data-state="ready"`). */
export function showApp() {
  $("loading").hidden = true;
  $("app").hidden = false;
  document.documentElement.dataset.state = "ready";
}

/** The page's language, and each `data-text="key"` element's text from `words[key]`. */
export function applyWords(words, locale) {
  document.documentElement.lang = locale;
  for (const node of document.querySelectorAll("[data-text]")) {
    const text = words[node.dataset.text];
    if (typeof text === "string") node.textContent = text;
  }
}
