// What the demo pages (orientation, questionnaire, sortie, suivi) share: finding and
// making elements, starting the module with the page's load-error state, showing the
// page once ready, and the page's own words in its `data-text` elements.

import { isoFromTyped } from "/pkg/attach-mapping.js";

export const $ = (id) => document.getElementById(id);

/**
 * Typed dates: every date field of the demo pages accepts JJ/MM/AAAA, J/M/AAAA and
 * AAAA-MM-JJ, and the module gets AAAA-MM-JJ (the kit's reading, isoFromTyped).
 * What is not a date goes as typed: the module says why.
 */
export const typedDate = (text) => (text === "" ? "" : isoFromTyped(text));

/** AAAA-MM-JJ as a date field shows it, JJ/MM/AAAA; anything else as it is. */
export function shownDate(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? "");
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso ?? "";
}

/** Today in the browser's time zone, as AAAA-MM-JJ (the pages' only reading of the clock). */
export function localToday() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Once a typed date is left (change), it is shown as JJ/MM/AAAA when it is one:
 * "1/6/1992" and "1992-06-01" become "01/06/1992". A text that is not a date stays.
 */
export function tidyDate(input) {
  const iso = typedDate(input.value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso) && input.value !== shownDate(iso)) input.value = shownDate(iso);
}

/**
 * A finding's message as a page shows it: the module's messages name the format
 * programs send (AAAA-MM-JJ); a person types JJ/MM/AAAA, so a date that is not one
 * is said in the page's words (`dateError`) and "(AAAA-MM-JJ)" is left out.
 */
export function pageMessage(finding, dateError) {
  if (finding.code === "invalid_date_format") return dateError;
  return finding.message.replace(/ \((?:AAAA-MM-JJ|YYYY-MM-DD)\)/, "");
}

/** Numbers as the page's language writes them (1 214,5 in French). */
export function shownNumber(value, locale) {
  const number = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(number)) return String(value ?? "");
  return new Intl.NumberFormat(locale === "en" ? "en-GB" : "fr-FR", { maximumFractionDigits: 2 }).format(number);
}

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

/**
 * A programme list ordered by the chosen date: those in force on `date` first
 * ("(jusqu'au …)"), then the others, "(terminé le …)" or "(à partir du …)"; with no
 * valid date, every programme "(du … au …)". `programmes` are { id, name, from, to };
 * `format` writes a date; `words` gives programmeOption, programmeInForce,
 * programmeEnded, programmeNotStarted, groupInForce, groupOther. The choice is kept.
 */
export function orderProgrammes(select, programmes, date, words, format) {
  const chosen = select.value;
  const options = new Map([...select.options].map((option) => [option.value, option]));
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(date ?? "");
  const inForce = element("optgroup", { label: valid ? words.groupInForce(format(date)) : "" });
  const other = element("optgroup", { label: words.groupOther });
  const flat = [];
  for (const { id, name, from, to } of programmes) {
    const option = options.get(id);
    if (!option) continue;
    if (!valid) {
      option.textContent = words.programmeOption(name, format(from), format(to));
      flat.push(option);
    } else if (from <= date && date <= to) {
      option.textContent = words.programmeInForce(name, format(to));
      inForce.append(option);
    } else {
      option.textContent = date < from ? words.programmeNotStarted(name, format(from)) : words.programmeEnded(name, format(to));
      other.append(option);
    }
  }
  const groups = [inForce, other].filter((group) => group.children.length);
  select.replaceChildren(options.get(""), ...(valid ? groups : flat));
  select.value = chosen;
}
