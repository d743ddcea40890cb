// The FSE+ participant questionnaire page: a form built from the module's schema,
// checked as the person types. One straight line per keystroke:
//   control → form.update(path, value) → form.changes() when it says something
//   changed → Diff → messages under the field and summary.
// The page never changes what was typed (a date left is only shown as JJ/MM/AAAA),
// sends nothing anywhere, logs nothing.

import init, { QuestionnaireForm, schema } from "/pkg/parcours.js";
import { $, applyWords, element, pageMessage, localToday, shownDate, showApp, startModule, tidyDate, typedDate } from "./page.js";
import { texts } from "./texts.js";

const PHASES = ["entry", "exit", "follow_up"];
const TEXT_KINDS = {
  // kind → input attributes (dates are text on purpose: see buildInput)
  text: { type: "text" },
  date: { type: "text", inputmode: "numeric", spellcheck: "false" },
  postal_code: { type: "text", inputmode: "numeric", autocomplete: "postal-code", spellcheck: "false" },
  insee: { type: "text", spellcheck: "false" },
  email: { type: "email", autocomplete: "email", spellcheck: "false" },
  phone: { type: "tel", autocomplete: "tel" },
  nir: { type: "text", spellcheck: "false" },
  operation_id: { type: "text", spellcheck: "false" },
  count: { type: "number", min: "0", step: "1", inputmode: "numeric" },
};
// Browser autofill hints for the personal fields that have one.
const AUTOCOMPLETE = {
  "identity.last_name": "family-name",
  "identity.first_name": "given-name",
  "identity.birth_date": "bday",
  "contact.address": "address-line1",
};

const state = {
  settings: { phase: "entry", reference_date: "", locale: "fr" },
  form: null,
  /** path → { field, section } in the current locale. */
  fields: new Map(),
  /** section name → section schema in the current locale. */
  sections: new Map(),
  /** path → the value last given to the module (typed JS value, null when empty). */
  values: new Map(),
  /** finding key → finding: every finding the module currently reports. */
  findings: new Map(),
  /** Where findings are shown: target name (field path, section, setting) → Target. */
  targets: new Map(),
  report: null,
  submitted: false,
};

// ---------------------------------------------------------------------------
// Start-up

async function main() {
  if (!(await startModule(init))) return;
  // Settings controls are static HTML that a browser may restore on reload: start
  // from what they show.
  state.settings.phase = $("phase").value;
  state.settings.locale = $("locale").querySelector("input:checked")?.value ?? "fr";
  // The only reading of the clock: the reference date starts as today, visibly,
  // in a control the person can change. The module itself has no "today".
  state.settings.reference_date = localToday();
  $("reference_date").value = shownDate(state.settings.reference_date);

  const initialSchema = schema(state.settings.locale);
  registerSettingsTargets();
  buildQuestionnaire(initialSchema);
  applyTexts(initialSchema);
  applyPhase();
  bindEvents();
  recreateForm();

  showApp();
}

/** Element id of a field: its path with "-" for "." (identity.birth_date → identity-birth_date). */
const fieldId = (path) => path.replaceAll(".", "-");
const sectionId = (name) => `section-${name}`;

// ---------------------------------------------------------------------------
// Building the form from the schema (once; texts are applied separately so that a
// language switch relabels the same controls and leaves what was typed alone).

function buildQuestionnaire(schemaData) {
  const container = $("sections");
  for (const section of schemaData.sections) {
    container.append(buildSection(section));
    // The side menu: a link per section, with its count of errors.
    const item = element("li", { class: "fr-sidemenu__item", "data-section": section.name });
    const link = element("a", { class: "fr-sidemenu__link", href: `#${sectionId(section.name)}`, "data-section": section.name });
    link.append(element("span", { class: "sidemenu-label" }), element("span", { class: "fr-badge fr-badge--sm sidemenu-count", hidden: "" }));
    item.append(link);
    $("sidemenu-list").append(item);
  }
  indexSchema(schemaData);
}

function buildSection(section) {
  const id = sectionId(section.name);
  const fieldset = element("fieldset", { class: "fr-fieldset questionnaire-section", id, "aria-labelledby": `${id}-legend` });
  const legend = element("legend", { class: "fr-fieldset__legend", id: `${id}-legend` });
  legend.append(element("h2", { class: "fr-h4 fr-mb-0", id: `${id}-title` }));
  // Messages about the whole section (e.g. two labour-market situations at once)
  // come first, where they are seen before the fields they are about.
  const messages = messagesGroup(`${id}-messages`);
  fieldset.append(legend, wrapElement(messages));
  for (const field of section.fields) {
    fieldset.append(buildField(field));
  }
  addTarget(section.name, {
    group: fieldset,
    groupErrorClass: "fr-fieldset--error",
    described: fieldset,
    messages,
    focus: () => fieldset.querySelector("[data-path]:not([hidden]) input, [data-path]:not([hidden]) select"),
  });
  return fieldset;
}

function buildField(field) {
  let built;
  if (field.kind === "boolean" || field.kind === "answer") built = buildRadios(field);
  else if (field.kind === "choice") built = buildSelect(field);
  else built = buildInput(field);
  const wrapper = wrapElement(built);
  wrapper.dataset.path = field.path;
  return wrapper;
}

/** Text-like kinds, dates and counts. */
function buildInput(field) {
  const id = fieldId(field.path);
  const group = element("div", { class: "fr-input-group", id: `${id}-group` });
  // Dates are plain text inputs (YYYY-MM-DD), not type="date": a native date
  // input turns an impossible or partial date into an empty value, so the person
  // would see "30/02/2023" while the module is told nothing was typed. The module
  // checks the format and the calendar, and the text stays exactly as typed.
  const attributes = { class: "fr-input", id, name: field.path, ...(TEXT_KINDS[field.kind] ?? TEXT_KINDS.text) };
  if (AUTOCOMPLETE[field.path]) attributes.autocomplete = AUTOCOMPLETE[field.path];
  // No maxlength: it would cut a paste silently; the module reports a long text.
  if (field.kind === "count" && field.max != null) attributes.max = String(field.max);
  const input = element("input", attributes);
  const messages = messagesGroup(`${id}-messages`);
  group.append(labelElement(id), input, messages);
  addTarget(field.path, {
    group,
    groupErrorClass: "fr-input-group--error",
    control: input,
    controlErrorClass: "fr-input--error",
    described: input,
    messages,
    focus: () => input,
  });
  return group;
}

function buildSelect(field) {
  const id = fieldId(field.path);
  const group = element("div", { class: "fr-select-group", id: `${id}-group` });
  const select = element("select", { class: "fr-select", id, name: field.path });
  select.append(element("option", { value: "" }));
  for (const choice of field.choices ?? []) {
    select.append(element("option", { value: choice.value }));
  }
  const messages = messagesGroup(`${id}-messages`);
  group.append(labelElement(id), select, messages);
  addTarget(field.path, {
    group,
    groupErrorClass: "fr-select-group--error",
    control: select,
    described: select,
    messages,
    focus: () => select,
  });
  return group;
}

/** Oui/non for boolean fields; oui/non/refusal for answer fields (choices from the schema). */
function buildRadios(field) {
  const id = fieldId(field.path);
  // role="radiogroup" (not DSFR's "group") so that aria-invalid is allowed on it.
  const fieldset = element("fieldset", { class: "fr-fieldset", id, role: "radiogroup", "aria-labelledby": `${id}-legend` });
  const legend = element("legend", { class: "fr-fieldset__legend--regular fr-fieldset__legend", id: `${id}-legend` });
  legend.append(element("span", { class: "label-text" }), element("span", { class: "fr-hint-text" }));
  fieldset.append(legend);
  for (const value of radioValues(field)) {
    const radioId = `${id}-${value}`;
    const radio = element("div", { class: "fr-radio-group" });
    radio.append(
      element("input", { type: "radio", id: radioId, name: field.path, value }),
      element("label", { class: "fr-label", for: radioId }),
    );
    const item = element("div", { class: "fr-fieldset__element fr-fieldset__element--inline" });
    item.append(radio);
    fieldset.append(item);
  }
  const messages = messagesGroup(`${id}-messages`);
  fieldset.append(messages);
  addTarget(field.path, {
    group: fieldset,
    groupErrorClass: "fr-fieldset--error",
    control: fieldset,
    described: fieldset,
    messages,
    focus: () => fieldset.querySelector("input:checked") ?? fieldset.querySelector("input"),
  });
  return fieldset;
}

function radioValues(field) {
  return field.kind === "answer" ? field.choices.map((choice) => choice.value) : ["true", "false"];
}

/** The settings controls also receive findings (request-level paths have no dot). */
function registerSettingsTargets() {
  addTarget("phase", {
    group: $("phase-group"),
    groupErrorClass: "fr-select-group--error",
    control: $("phase"),
    described: $("phase"),
    messages: $("phase-messages"),
    focus: () => $("phase"),
  });
  addTarget("reference_date", {
    group: $("reference_date-group"),
    groupErrorClass: "fr-input-group--error",
    control: $("reference_date"),
    controlErrorClass: "fr-input--error",
    described: $("reference_date"),
    messages: $("reference_date-messages"),
    focus: () => $("reference_date"),
  });
  addTarget("locale", {
    group: $("locale"),
    groupErrorClass: "fr-fieldset--error",
    described: $("locale"),
    messages: $("locale-messages"),
    focus: () => $("locale").querySelector("input:checked"),
  });
}

/**
 * A Target is where a finding is shown: its group (error class), its control
 * (aria-invalid, when the role allows it), the element its messages describe, the
 * messages element, and what to focus from the summary. Its order is form order.
 */
function addTarget(name, target) {
  state.targets.set(name, { ...target, order: state.targets.size });
}

function labelElement(id) {
  const label = element("label", { class: "fr-label", for: id });
  label.append(element("span", { class: "label-text" }), element("span", { class: "fr-hint-text" }));
  return label;
}

function messagesGroup(id) {
  return element("div", { class: "fr-messages-group", id, "aria-live": "polite" });
}

function wrapElement(child) {
  const wrapper = element("div", { class: "fr-fieldset__element" });
  wrapper.append(child);
  return wrapper;
}

function indexSchema(schemaData) {
  state.fields.clear();
  state.sections.clear();
  for (const section of schemaData.sections) {
    state.sections.set(section.name, section);
    for (const field of section.fields) state.fields.set(field.path, { field, section });
  }
}

// ---------------------------------------------------------------------------
// Texts: the page's words from texts.js, the questionnaire's from the schema.

function applyTexts(schemaData) {
  const locale = state.settings.locale;
  const words = texts[locale];
  applyWords(words, locale);
  indexSchema(schemaData);
  for (const section of schemaData.sections) {
    $(`${sectionId(section.name)}-title`).textContent = section.label;
    document.querySelector(`#sidemenu-list a[data-section="${section.name}"] .sidemenu-label`).textContent = section.label;
    for (const field of section.fields) applyFieldTexts(field, words);
  }
}

function applyFieldTexts(field, words) {
  const id = fieldId(field.path);
  const container = $(id).closest("[data-path]");
  container.querySelector(".label-text").textContent = field.label;
  container.querySelector(".fr-hint-text").textContent = hintFor(field, words);
  if (field.kind === "choice") {
    const options = $(id).options;
    options[0].textContent = words.choose;
    for (const choice of field.choices) {
      [...options].find((option) => option.value === choice.value).textContent = choice.label;
    }
  } else if (field.kind === "boolean" || field.kind === "answer") {
    const labels = field.kind === "answer"
      ? Object.fromEntries(field.choices.map((choice) => [choice.value, choice.label]))
      : { true: words.yes, false: words.no };
    for (const [value, label] of Object.entries(labels)) {
      container.querySelector(`label[for="${id}-${value}"]`).textContent = label;
    }
  }
}

/** Required, optional, refusable, or required if another field is "yes"; and the date format. */
function hintFor(field, words) {
  let hint;
  if (field.refusable) {
    const refusal = field.choices?.find((choice) => choice.value === "refused")?.label ?? "";
    hint = words.refusable(refusal);
  } else if (field.required === "required") hint = words.required;
  else if (field.required === "optional") hint = words.optional;
  else hint = words.requiredIf(state.fields.get(field.required)?.field.label ?? field.required);
  return field.kind === "date" ? `${hint} ${words.dateFormat}` : hint;
}

// ---------------------------------------------------------------------------
// Phase: fields asked only in a later phase are hidden (their values are kept in
// the page, but not given to the module until their phase is selected).

function isAsked(path) {
  const entry = state.fields.get(path);
  return !!entry && PHASES.indexOf(entry.field.asked) <= PHASES.indexOf(state.settings.phase);
}

function applyPhase() {
  for (const wrapper of document.querySelectorAll("#sections [data-path]")) {
    wrapper.hidden = !isAsked(wrapper.dataset.path);
  }
  for (const section of state.sections.values()) {
    const hidden = !section.fields.some((field) => isAsked(field.path));
    $(sectionId(section.name)).hidden = hidden;
    document.querySelector(`#sidemenu-list li[data-section="${section.name}"]`).hidden = hidden;
  }
}

// ---------------------------------------------------------------------------
// Events

function bindEvents() {
  const questionnaire = $("questionnaire");
  questionnaire.addEventListener("input", onFieldEvent);
  questionnaire.addEventListener("change", onFieldEvent);
  questionnaire.addEventListener("submit", onSubmit);
  $("phase").addEventListener("change", () => changeSettings({ phase: $("phase").value }));
  // A new form per reference date: while typing, only once it reads as a whole date
  // (or is emptied); on leaving the field, whatever it holds.
  const onReference = (event) => {
    if (event.type === "change") tidyDate($("reference_date"));
    const date = typedDate($("reference_date").value);
    if (date === state.settings.reference_date) return;
    if (event.type === "input" && date !== "" && !/^\d{4}-\d{2}-\d{2}$/.test(date)) return;
    changeSettings({ reference_date: date });
  };
  $("reference_date").addEventListener("input", onReference);
  $("reference_date").addEventListener("change", onReference);
  $("locale").addEventListener("change", (event) => changeSettings({ locale: event.target.value }));
  $("summary").addEventListener("click", onSummaryClick);
}

function onFieldEvent(event) {
  const path = event.target.name;
  if (!state.fields.has(path)) return;
  if (event.type === "change" && state.fields.get(path).field.kind === "date") tidyDate(event.target);
  const value = readValue(path);
  // "input" then "change" on the same text: the module already has it.
  if (state.values.has(path) && state.values.get(path) === value) return;
  state.values.set(path, value);
  if (!isAsked(path)) return;
  // Most keystrokes change no finding: the diff is read only when one did.
  if (state.form.update(path, value)) applyDiff(state.form.changes());
  renderReport();
}

/** The control's value, typed as the module expects; null when empty. */
function readValue(path) {
  const { field } = state.fields.get(path);
  const control = $(fieldId(path));
  if (field.kind === "boolean") {
    const checked = control.querySelector("input:checked");
    return checked ? checked.value === "true" : null;
  }
  if (field.kind === "answer") return control.querySelector("input:checked")?.value ?? null;
  // A number input that holds something unreadable ("1e") has value "": null.
  if (field.kind === "count") return control.value === "" ? null : Number(control.value);
  // Dates typed JJ/MM/AAAA, J/M/AAAA or AAAA-MM-JJ: the module gets AAAA-MM-JJ.
  if (field.kind === "date") return control.value === "" ? null : typedDate(control.value);
  return control.value === "" ? null : control.value;
}

/** Phase, reference date or language changed: a new form, given every current value. */
function changeSettings(change) {
  const localeChanged = change.locale && change.locale !== state.settings.locale;
  Object.assign(state.settings, change);
  if (localeChanged) applyTexts(schema(state.settings.locale));
  applyPhase();
  recreateForm();
}

function recreateForm() {
  state.form?.free();
  state.form = new QuestionnaireForm({ ...state.settings });
  for (const [path, value] of state.values) {
    if (value !== null && isAsked(path)) state.form.set(path, value);
  }
  state.findings.clear();
  for (const finding of state.form.report().findings) state.findings.set(findingKey(finding), finding);
  for (const name of state.targets.keys()) renderTarget(name);
  refreshReport();
}

function onSubmit(event) {
  event.preventDefault();
  state.submitted = true;
  refreshReport();
  $("summary").focus();
}

function onSummaryClick(event) {
  const link = event.target.closest("a[data-target]");
  if (!link) return;
  event.preventDefault();
  state.targets.get(link.dataset.target)?.focus()?.focus();
}

// ---------------------------------------------------------------------------
// Findings: applying a Diff, and showing findings where they belong.

/** Same finding, same key: the Diff's `removed` repeats findings as they were reported. */
function findingKey(finding) {
  return JSON.stringify([finding.code, finding.path, finding.severity, finding.params, finding.related ?? []]);
}

function applyDiff(diff) {
  const touched = new Set();
  for (const finding of diff.removed) {
    state.findings.delete(findingKey(finding));
    touched.add(targetName(finding.path));
  }
  for (const finding of diff.added) {
    state.findings.set(findingKey(finding), finding);
    touched.add(targetName(finding.path));
  }
  for (const name of touched) renderTarget(name);
  // The record's state comes with the diff: no full report on a keystroke.
  const missing = new Set(state.report.missing);
  for (const path of diff.missing_removed) missing.delete(path);
  for (const path of diff.missing_added) missing.add(path);
  state.report = {
    valid: diff.valid,
    completeness: diff.completeness,
    derived: diff.derived,
    missing: [...missing].sort((a, b) => orderOf(a) - orderOf(b)),
  };
}

/** Field path, section name or setting; anything else is shown in the summary only. */
function targetName(path) {
  return state.targets.has(path) ? path : null;
}

function findingsFor(name) {
  return [...state.findings.values()]
    .filter((finding) => targetName(finding.path) === name)
    .sort(bySeverity);
}

const bySeverity = (a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1);

function renderTarget(name) {
  const target = state.targets.get(name);
  if (!target) return;
  const findings = findingsFor(name);
  const hasError = findings.some((finding) => finding.severity === "error");
  target.messages.replaceChildren(...findings.map((finding) => messageElement(finding)));
  target.group.classList.toggle(target.groupErrorClass, hasError);
  if (target.controlErrorClass) target.control.classList.toggle(target.controlErrorClass, hasError);
  // aria-invalid only where the role supports it (inputs, selects, radio groups).
  if (target.control) toggleAttribute(target.control, "aria-invalid", hasError ? "true" : null);
  // Warnings are described too, without marking the field invalid.
  toggleAttribute(target.described, "aria-describedby", findings.length ? target.messages.id : null);
}

/** A finding's message; a typed date that is not one says so in the page's format. */
const messageOf = (finding) => pageMessage(finding, texts[state.settings.locale].dateError);

function messageElement(finding) {
  const className = finding.severity === "error" ? "fr-error-text" : "fr-message fr-message--warning";
  const node = element("p", { class: className, "data-code": finding.code });
  node.textContent = messageOf(finding);
  return node;
}

function toggleAttribute(node, name, value) {
  if (value === null) node.removeAttribute(name);
  else node.setAttribute(name, value);
}

// ---------------------------------------------------------------------------
// Report: summary and derived values, refreshed after every change.

function refreshReport() {
  state.report = state.form.report();
  renderReport();
}

function renderReport() {
  renderSummary();
  renderDerived(state.report.derived ?? {});
}

function renderSummary() {
  const words = texts[state.settings.locale];
  const findings = [...state.findings.values()].sort(byFormOrder);
  const errors = findings.filter((finding) => finding.severity === "error").length;
  const warnings = findings.length - errors;
  const missing = state.submitted ? state.report.missing : [];
  const percent = new Intl.NumberFormat(state.settings.locale, { style: "percent" }).format(state.report.completeness);

  const summary = $("summary");
  summary.classList.remove("fr-alert--info", "fr-alert--error", "fr-alert--warning", "fr-alert--success");
  summary.classList.add(
    errors || missing.length ? "fr-alert--error" : warnings ? "fr-alert--warning" : state.report.valid ? "fr-alert--success" : "fr-alert--info",
  );
  $("summary-status").textContent = words.summaryStatus(errors, warnings, percent);
  $("sidemenu-status").textContent = words.summaryStatus(errors, warnings, percent);
  renderSidemenu(findings);
  $("summary-findings").replaceChildren(...findings.map((finding) => summaryItem(finding)));

  $("summary-missing").hidden = !state.submitted;
  $("summary-missing-title").textContent = missing.length ? words.missingTitle(missing.length) : words.nothingMissing;
  $("summary-missing-list").replaceChildren(...missing.map((path) => linkItem(path, labelOf(path))));
}

/** Each section's link says how many errors (else warnings) it holds. */
function renderSidemenu(findings) {
  const words = texts[state.settings.locale];
  const counts = new Map();
  for (const finding of findings) {
    const section = finding.path.split(".")[0];
    const count = counts.get(section) ?? { errors: 0, warnings: 0 };
    if (finding.severity === "error") count.errors += 1;
    else count.warnings += 1;
    counts.set(section, count);
  }
  for (const link of document.querySelectorAll("#sidemenu-list a[data-section]")) {
    const { errors = 0, warnings = 0 } = counts.get(link.dataset.section) ?? {};
    const badge = link.querySelector(".sidemenu-count");
    badge.hidden = !errors && !warnings;
    badge.classList.toggle("fr-badge--error", errors > 0);
    badge.classList.toggle("fr-badge--warning", !errors && warnings > 0);
    // Read after the section's name: "Identité : 1 erreur".
    badge.replaceChildren(element("span", { class: "fr-sr-only" }, " : "), errors ? words.sectionErrors(errors) : warnings ? words.sectionWarnings(warnings) : "");
    link.dataset.errors = String(errors);
  }
}

const byFormOrder = (a, b) => orderOf(a.path) - orderOf(b.path) || bySeverity(a, b);
const orderOf = (path) => state.targets.get(path)?.order ?? Number.MAX_SAFE_INTEGER;

function summaryItem(finding) {
  const name = targetName(finding.path);
  const text = name ? texts[state.settings.locale].labelled(labelOf(name), messageOf(finding)) : messageOf(finding);
  const item = name ? linkItem(name, text) : element("li");
  if (!name) item.textContent = text;
  item.dataset.severity = finding.severity;
  item.dataset.code = finding.code;
  return item;
}

function linkItem(name, text) {
  const item = element("li");
  const link = element("a", { href: `#${state.sections.has(name) ? sectionId(name) : fieldId(name)}`, "data-target": name });
  link.textContent = text;
  item.append(link);
  return item;
}

/** "Label (Section)" for a field — the same label can appear in several sections. */
function labelOf(name) {
  const entry = state.fields.get(name);
  if (entry) return `${entry.field.label} (${entry.section.label})`;
  if (state.sections.has(name)) return state.sections.get(name).label;
  const words = texts[state.settings.locale];
  return { phase: words.phaseLabel, reference_date: words.referenceLabel, locale: words.languageLegend }[name] ?? name;
}

function renderDerived(derived) {
  const words = texts[state.settings.locale];
  const show = (key, text) => {
    $(`derived-${key}`).textContent = text ?? words.notDerived;
  };
  show("age_at_entry", derived.age_at_entry?.toString());
  show("age_bracket", choiceLabel("indicators.age_bracket", derived.age_bracket));
  show("isced_level", derived.isced_level?.toString());
  show("isced_bracket", choiceLabel("indicators.isced_bracket", derived.isced_bracket));
  show("participation_days", derived.participation_days?.toString());
}

/** The brackets share their values with the "transmitted indicators" choices. */
function choiceLabel(path, value) {
  if (value == null) return undefined;
  return state.fields.get(path)?.field.choices?.find((choice) => choice.value === value)?.label ?? value;
}

main();
