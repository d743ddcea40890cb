// The exit proposal page for référents: a programme, the exit date, the proposed
// situation and its proofs, and the exit's classification with its explanation,
// recomputed on every change.
//   control → state → check({ check: "exit", … }) → classification, rules, findings, sheet
// Only the fields of the chosen situation are shown and sent; the others keep what
// was typed, so that switching situation back loses nothing. Missions and proofs are
// editable lists: a finding's path (exit.missions[2].hours) names the row and field.
// The page sends nothing anywhere (no form, no fetch) and logs nothing.

import init, { check, labels, programmes } from "/pkg/parcours_full.js";
import { $, applyWords, element, orderProgrammes, pageMessage, shownDate, showApp, startModule, tidyDate, typedDate } from "./page.js";
import { texts } from "./sortie-texts.js";

/** The fields each situation needs, as the request names them (exit.<name>). */
const SITUATION_FIELDS = {
  employment: ["contract_type", "contract_start", "contract_end", "employer_is_aci", "matches_project", "participant_agrees"],
  temporary_work: [],
  training: ["certification", "training_start", "training_end"],
  business_creation: ["activity_start", "activity_end"],
};
/** Situations a route may count as positive: those the proofs are about. */
const ROUTE_REASONS = Object.keys(SITUATION_FIELDS);
/** Oui / Non / Je ne sais pas (which clears the answer). */
const BOOLEANS = ["employer_is_aci", "matches_project", "participant_agrees"];
/** Every field of the proposal with a control of its own (id = name). */
const FIELDS = ["reason", ...Object.values(SITUATION_FIELDS).flat()];
/** Request-level paths of findings, shown under their setting. */
const SETTINGS = ["programme", "exit_date", "entry_date"];

/** The editable lists: the ids and texts of their rows. */
const LISTS = {
  missions: { prefix: "mission", legend: "missionLegend", remove: "removeMission" },
  proofs: { prefix: "proof", legend: "proofLegend", remove: "removeProof" },
};
const PROOF_KINDS = [
  "employment_contract",
  "payslip",
  "employer_certificate",
  "mission_statement",
  "training_certificate",
  "business_registration",
  "activity_proof",
];

const ALERT_CLASSES = ["fr-alert--info", "fr-alert--success", "fr-alert--warning", "fr-alert--error"];
const CATEGORY_ALERT = {
  positive: "fr-alert--success",
  administrative: "fr-alert--info",
  other: "fr-alert--error",
  incomplete: "fr-alert--warning",
};
const STATUS_BADGE = {
  passed: "fr-badge--success",
  failed: "fr-badge--error",
  unknown: "fr-badge--info",
  derogation: "fr-badge--warning",
  information: "fr-badge--no-icon",
};
const PROOF_BADGE = {
  attests: "fr-badge--success",
  too_old: "fr-badge--error",
  after_exit: "fr-badge--error",
  wrong_kind: "fr-badge--warning",
  unreadable: "fr-badge--info",
};

/** The fields (and row fields) that hold a date: typed JJ/MM/AAAA or AAAA-MM-JJ. */
const DATE_NAMES = new Set(["contract_start", "contract_end", "training_start", "training_end", "activity_start", "activity_end", "start", "end", "date"]);

const state = {
  locale: "fr",
  programme: "",
  exitDate: "",
  entryDate: "",
  /** Programmes with exit rules: { id, name, from, to, source, judgesProofs }. */
  catalogue: [],
  /** field name → value (text as typed, or a boolean); an empty field is absent. */
  values: new Map(),
  /** list name → rows: { key, values: Map, node, fields: Map(name → target), target }. */
  lists: { missions: [], proofs: [] },
  nextKey: 1,
  report: null,
  rendering: false,
};

// ---------------------------------------------------------------------------
// Start-up

async function main() {
  if (!(await startModule(init))) return;
  state.locale = $("locale").querySelector("input:checked")?.value ?? "fr";
  // No date is set for the référent: the exit date is theirs to give (the module has
  // no "today" either).
  state.exitDate = typedDate($("exit_date").value);
  state.entryDate = typedDate($("entry_date").value);
  loadCatalogue();
  buildProgrammeSelect();
  applyTexts();
  bindEvents();
  recompute();

  showApp();
}

/**
 * The programmes that define exit rules, asked of the module itself: a programme
 * without them answers no_exit_rules. Whether it judges proofs (EXIT-PROOF-AT-DATE)
 * is asked the same way: a programme that does returns an outcome per proof.
 */
function loadCatalogue() {
  state.labels = labels(state.locale);
  const seen = new Set();
  state.catalogue = [];
  for (const programme of programmes(state.locale)) {
    if (seen.has(programme.id)) continue;
    seen.add(programme.id);
    const versions = programme.versions?.length ? programme.versions : [programme];
    const from = versions.map((version) => version.valid_from).sort()[0];
    const to = versions.map((version) => version.valid_to).sort().at(-1);
    const probe = (exit) => check({ check: "exit", programme: programme.id, exit_date: programme.valid_from, exit });
    const report = probe({});
    if (report.findings.some((finding) => finding.code === "no_exit_rules") || !report.exit) continue;
    const judgesProofs = (probe({ reason: "employment", proofs: [{}] }).exit?.proofs ?? []).length > 0;
    state.catalogue.push({ id: programme.id, name: programme.name, from, to, judgesProofs });
  }
}

const currentProgramme = () => state.catalogue.find((programme) => programme.id === state.programme) ?? null;

function buildProgrammeSelect() {
  const select = $("programme");
  select.append(element("option", { value: "" }));
  for (const programme of state.catalogue) select.append(element("option", { value: programme.id }));
}

// ---------------------------------------------------------------------------
// Texts: the page's words from sortie-texts.js, the rest from the module.

function applyTexts() {
  const words = texts[state.locale];
  applyWords(words, state.locale);
  for (const node of document.querySelectorAll("optgroup[data-label]")) node.label = words[node.dataset.label];
  $("programme").options[0].textContent = words.chooseProgramme;
  orderProgrammes($("programme"), state.catalogue, state.exitDate, words, formatDate);
  for (const [name, list] of Object.entries(state.lists)) list.forEach((row, index) => labelRow(name, row, index));
}

/** YYYY-MM-DD in the page's language; anything else as it is. */
function formatDate(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? "");
  if (!match) return iso ?? "";
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(date.getTime())) return iso;
  const { locale, options } = texts[state.locale].dateFormat;
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" }).format(date);
}

function formatHours(hours) {
  return new Intl.NumberFormat(texts[state.locale].numberLocale, { maximumFractionDigits: 2 }).format(hours);
}

// ---------------------------------------------------------------------------
// Events

function bindEvents() {
  $("programme").addEventListener("change", () => {
    state.programme = $("programme").value;
    recompute();
  });
  for (const [id, key] of [["exit_date", "exitDate"], ["entry_date", "entryDate"]]) {
    const onDate = (event) => {
      if (event.type === "change") tidyDate($(id));
      const date = typedDate($(id).value);
      if (date === state[key]) return;
      state[key] = date;
      if (key === "exitDate") orderProgrammes($("programme"), state.catalogue, date, texts[state.locale], formatDate);
      recompute();
    };
    $(id).addEventListener("input", onDate);
    $(id).addEventListener("change", onDate);
  }
  $("locale").addEventListener("change", (event) => {
    state.locale = event.target.value;
    loadCatalogue();
    applyTexts();
    recompute();
  });
  const proposal = $("proposal");
  proposal.addEventListener("input", onFieldEvent);
  proposal.addEventListener("change", onFieldEvent);
  proposal.addEventListener("click", onButton);
  $("decision").addEventListener("click", onButton);
  $("print").addEventListener("click", () => window.print());
}

function onFieldEvent(event) {
  if (state.rendering) return;
  const target = event.target;
  const isDate = target.localName === "input" && DATE_NAMES.has(target.dataset.name ?? target.name);
  if (isDate && event.type === "change") tidyDate(target);
  const typed = isDate ? typedDate(target.value) : target.value;
  if (target.dataset.list) {
    const row = state.lists[target.dataset.list].find((candidate) => String(candidate.key) === target.dataset.key);
    if (!row || !setIn(row.values, target.dataset.name, typed)) return;
  } else if (BOOLEANS.includes(target.name)) {
    const chosen = $(target.name).querySelector("input:checked")?.value;
    const value = chosen === "true" ? true : chosen === "false" ? false : null;
    if ((state.values.get(target.name) ?? null) === value) return;
    if (value === null) state.values.delete(target.name);
    else state.values.set(target.name, value);
  } else if (FIELDS.includes(target.name)) {
    if (!setIn(state.values, target.name, typed)) return;
    if (target.name === "reason") ensureRows();
  } else {
    return;
  }
  recompute();
}

/** Sets (or clears, when empty) a text value; false when nothing changed. */
function setIn(map, name, text) {
  const value = text === "" ? null : text;
  if ((map.get(name) ?? null) === value) return false;
  if (value === null) map.delete(name);
  else map.set(name, value);
  return true;
}

function onButton(event) {
  const button = event.target.closest("button");
  if (!button) return;
  if (button.id === "add-mission") addRow("missions", true);
  else if (button.id === "add-proof") addRow("proofs", true);
  else if (button.dataset.remove) removeRow(button.dataset.remove, Number(button.dataset.key));
  else if (button.dataset.goto) focusField(button.dataset.goto);
  else return;
  if (!button.dataset.goto) recompute();
}

/** A situation shown for the first time comes with one empty row to fill in. */
function ensureRows() {
  const reason = state.values.get("reason");
  if (reason === "temporary_work" && state.lists.missions.length === 0) addRow("missions", false);
  if (ROUTE_REASONS.includes(reason) && currentProgramme()?.judgesProofs !== false && state.lists.proofs.length === 0) {
    addRow("proofs", false);
  }
}

// ---------------------------------------------------------------------------
// The editable lists

function addRow(name, focus) {
  const key = state.nextKey++;
  const row = { key, values: new Map(), fields: new Map() };
  row.node = name === "missions" ? missionRow(row) : proofRow(row);
  state.lists[name].push(row);
  $(name).append(row.node);
  labelRow(name, row, state.lists[name].length - 1);
  if (focus) row.node.querySelector("input, select").focus();
}

function removeRow(name, key) {
  const list = state.lists[name];
  const index = list.findIndex((row) => row.key === key);
  if (index < 0) return;
  const [row] = list.splice(index, 1);
  row.node.remove();
  targets.delete(row.target);
  for (const field of row.fields.values()) targets.delete(field);
  list.forEach((other, i) => labelRow(name, other, i));
  // The focus goes to the row that took its place, else the one before, else "add".
  const next = list[index] ?? list[index - 1];
  (next ? next.node.querySelector("input, select") : $(name === "missions" ? "add-mission" : "add-proof")).focus();
}

/** Legend and remove button of a row, which say its number. */
function labelRow(name, row, index) {
  const words = texts[state.locale];
  const { legend, remove } = LISTS[name];
  row.legend.textContent = words[legend](index + 1);
  row.remove.textContent = words[remove](index + 1);
  row.remove.title = words[remove](index + 1);
  for (const [field, label] of row.labels) label.textContent = words[field];
  row.kindOptions?.forEach((option) => {
    option.textContent = option.value ? words[`proof_${option.value}`] : words.chooseProofKind;
  });
  if (row.badge && row.badge.dataset.status) row.badge.textContent = words[`proofStatus_${row.badge.dataset.status}`];
}

/** The shell of a row: a fieldset with a legend, its fields, a remove button, messages. */
function rowShell(name, row) {
  const id = `${LISTS[name].prefix}-${row.key}`;
  const item = element("li", { class: "row-item", id, "data-key": row.key });
  const fieldset = element("fieldset", { class: "fr-fieldset row-fieldset", "aria-labelledby": `${id}-legend` });
  row.legend = element("legend", { class: "fr-fieldset__legend fr-fieldset__legend--regular row-legend", id: `${id}-legend` });
  fieldset.append(row.legend);
  const messages = element("div", { class: "fr-messages-group row-messages", id: `${id}-messages`, "aria-live": "polite" });
  row.target = target({ group: fieldset, groupErrorClass: "fr-fieldset--error", control: null, messages });
  row.remove = element("button", {
    type: "button",
    class: "fr-btn fr-btn--tertiary fr-btn--sm fr-icon-delete-line",
    "data-remove": name,
    "data-key": row.key,
  });
  row.labels = new Map();
  item.append(fieldset);
  return { id, item, fieldset, messages };
}

/** A text input in a row (dates, hours), with its label and messages. */
function rowInput(name, row, id, field, labelKey, attributes = {}) {
  const inputId = `${id}-${field}`;
  const group = element("div", { class: "fr-input-group", id: `${inputId}-group` });
  const label = element("label", { class: "fr-label", for: inputId });
  row.labels.set(labelKey, label);
  const input = element("input", {
    class: "fr-input",
    type: "text",
    id: inputId,
    spellcheck: "false",
    autocomplete: "off",
    "data-list": name,
    "data-key": row.key,
    "data-name": field,
    ...attributes,
  });
  const messages = element("div", { class: "fr-messages-group", id: `${inputId}-messages`, "aria-live": "polite" });
  group.append(label, input, messages);
  row.fields.set(field, target({ group, groupErrorClass: "fr-input-group--error", control: input, controlErrorClass: "fr-input--error", messages }));
  const wrapper = element("div", { class: "fr-fieldset__element fr-fieldset__element--inline row-field" });
  wrapper.append(group);
  return wrapper;
}

function missionRow(row) {
  const { id, fieldset, messages, item } = rowShell("missions", row);
  fieldset.append(
    rowInput("missions", row, id, "start", "missionStart", { inputmode: "numeric" }),
    rowInput("missions", row, id, "end", "missionEnd", { inputmode: "numeric" }),
    rowInput("missions", row, id, "hours", "missionHours", { inputmode: "decimal" }),
    actions(row),
    messages,
  );
  return item;
}

function proofRow(row) {
  const { id, fieldset, messages, item } = rowShell("proofs", row);
  const selectId = `${id}-kind`;
  const group = element("div", { class: "fr-select-group", id: `${selectId}-group` });
  const label = element("label", { class: "fr-label", for: selectId });
  row.labels.set("proofKind", label);
  const select = element("select", { class: "fr-select", id: selectId, autocomplete: "off", "data-list": "proofs", "data-key": row.key, "data-name": "kind" });
  row.kindOptions = ["", ...PROOF_KINDS].map((kind) => element("option", { value: kind }));
  select.append(...row.kindOptions);
  const selectMessages = element("div", { class: "fr-messages-group", id: `${selectId}-messages`, "aria-live": "polite" });
  group.append(label, select, selectMessages);
  row.fields.set("kind", target({ group, groupErrorClass: "fr-select-group--error", control: select, messages: selectMessages }));
  const kindWrapper = element("div", { class: "fr-fieldset__element fr-fieldset__element--inline row-field row-field--wide" });
  kindWrapper.append(group);
  row.badge = element("span", { class: "fr-badge fr-badge--sm proof-status", id: `${id}-status` });
  row.badge.hidden = true;
  const status = element("div", { class: "fr-fieldset__element proof-status-line" });
  status.append(row.badge);
  fieldset.append(
    kindWrapper,
    rowInput("proofs", row, id, "date", "proofDate", { inputmode: "numeric" }),
    actions(row),
    status,
    messages,
  );
  return item;
}

function actions(row) {
  const wrapper = element("div", { class: "fr-fieldset__element fr-fieldset__element--inline row-actions" });
  wrapper.append(row.remove);
  return wrapper;
}

// ---------------------------------------------------------------------------
// The classification: one check per change (a proposal is a few fields).

function buildRequest() {
  const reason = state.values.get("reason");
  const exit = {};
  if (reason) exit.reason = reason;
  for (const name of SITUATION_FIELDS[reason] ?? []) {
    if (state.values.has(name)) exit[name] = state.values.get(name);
  }
  const rows = (name) => state.lists[name].map((row) => Object.fromEntries(row.values));
  if (reason === "temporary_work") exit.missions = rows("missions");
  // Proofs only where the programme judges them (EXIT-PROOF-AT-DATE): elsewhere their
  // section is hidden, and so is what was typed in it.
  if (ROUTE_REASONS.includes(reason) && currentProgramme()?.judgesProofs) exit.proofs = rows("proofs");
  const request = { check: "exit", programme: state.programme, exit_date: state.exitDate, locale: state.locale, exit };
  if (state.entryDate) request.entry_date = state.entryDate;
  return request;
}

function recompute() {
  state.report = currentProgramme() ? check(buildRequest()) : null;
  render();
}

function render() {
  state.rendering = true;
  try {
    placeFields();
    renderFindings(state.report);
    renderDecision(state.report);
    renderSheet(state.report);
  } finally {
    state.rendering = false;
  }
}

/** Which parts of the proposal show: the chosen situation's, its proofs, the aided contract's three conditions. */
function placeFields() {
  const programme = currentProgramme();
  const reason = state.values.get("reason");
  $("no-programme").hidden = !!programme;
  $("proposal-fields").hidden = !programme;
  for (const situation of ROUTE_REASONS) $(`situation-${situation}`).hidden = situation !== reason;
  $("situation-proofs").hidden = !ROUTE_REASONS.includes(reason) || programme?.judgesProofs === false;
  // The aided contract's conditions matter once the contract type is one the
  // programme's EXIT-AIDED route reads (the route is in the explanation then).
  const aided = (state.report?.exit?.rules ?? []).some((rule) => rule.rule === "EXIT-AIDED");
  $("aided").hidden = !(reason === "employment" && state.values.has("contract_type") && aided);
}

// ---------------------------------------------------------------------------
// Findings: under the field (or row) their path names, else at the top.

/** Every place a finding may show: { group, groupErrorClass, control, controlErrorClass, messages, shown }. */
const targets = new Set();
function target(spec) {
  const made = { controlErrorClass: null, shown: "", ...spec };
  targets.add(made);
  return made;
}

const fieldTargets = new Map();
function fieldTarget(name) {
  if (!fieldTargets.has(name)) {
    const control = $(name);
    const group = $(`${name}-group`) ?? control;
    const isSelect = control.localName === "select";
    const isRadios = control.localName === "fieldset";
    fieldTargets.set(
      name,
      target({
        group,
        groupErrorClass: isRadios ? "fr-fieldset--error" : isSelect ? "fr-select-group--error" : "fr-input-group--error",
        control,
        controlErrorClass: isSelect || isRadios ? null : "fr-input--error",
        messages: $(`${name}-messages`),
      }),
    );
  }
  return fieldTargets.get(name);
}

const listTargets = {};
function listTarget(name) {
  listTargets[name] ??= target({ group: $(`situation-${name === "missions" ? "temporary_work" : "proofs"}`), groupErrorClass: "fr-fieldset--error", control: null, messages: $(`${name}-messages`) });
  return listTargets[name];
}

/** The target a finding's path names, or null (then it shows at the top). */
function targetOf(path) {
  if (SETTINGS.includes(path)) return fieldTarget(path);
  let match = /^exit\.(missions|proofs)\[(\d+)\](?:\.(\w+))?$/.exec(path);
  if (match) {
    const row = state.lists[match[1]][Number(match[2])];
    if (!row) return null;
    return (match[3] && row.fields.get(match[3])) || row.target;
  }
  match = /^exit\.(missions|proofs)$/.exec(path);
  if (match) return listTarget(match[1]);
  match = /^exit\.(\w+)$/.exec(path);
  if (match && FIELDS.includes(match[1])) return fieldTarget(match[1]);
  return null;
}

const isShown = (node) => !node.closest("[hidden]");

function renderFindings(report) {
  const byTarget = new Map();
  const general = [];
  for (const finding of report?.findings ?? []) {
    const place = targetOf(finding.path);
    if (place && isShown(place.group)) {
      if (!byTarget.has(place)) byTarget.set(place, []);
      byTarget.get(place).push(finding);
    } else {
      general.push(finding);
    }
  }
  for (const place of targets) showFindings(place, byTarget.get(place) ?? []);
  $("general-findings").hidden = general.length === 0;
  $("general-findings-list").replaceChildren(...general.map(findingItem));
  const all = report?.findings ?? [];
  $("sheet-findings").hidden = all.length === 0;
  $("sheet-findings-list").replaceChildren(...all.map(findingItem));
}

/** A finding in a list, named by the field it is about. */
function findingItem(finding) {
  const words = texts[state.locale];
  return element("li", { "data-code": finding.code }, labelOf(finding.path) ? words.labelled(labelOf(finding.path), messageOf(finding)) : messageOf(finding));
}

/** Words for a path: "Mission 2 — Heures", "Date de sortie"… */
function labelOf(path) {
  const words = texts[state.locale];
  const settings = { programme: words.programmeLabel, exit_date: words.exitDateLabel, entry_date: words.entryDateLabel };
  if (settings[path]) return settings[path];
  const match = /^exit\.(missions|proofs)\[(\d+)\](?:\.(\w+))?$/.exec(path);
  if (match) {
    const row = words[LISTS[match[1]].legend](Number(match[2]) + 1);
    const field = { start: words.missionStart, end: words.missionEnd, hours: words.missionHours, kind: words.proofKind, date: words.proofDate }[match[3]];
    return field ? `${row} — ${field}` : row;
  }
  const name = path.replace(/^exit\./, "");
  return words[`missing_${name}`] ?? null;
}

/** A finding's message; a typed date that is not one says so in the page's format. */
const messageOf = (finding) => pageMessage(finding, texts[state.locale].dateError);

/** Replaces a target's messages only when they changed (they are a live region). */
function showFindings(place, findings) {
  findings.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  const key = JSON.stringify(findings.map((finding) => [finding.code, messageOf(finding)]));
  if (key === place.shown) return;
  place.shown = key;
  const hasError = findings.some((finding) => finding.severity === "error");
  place.messages.replaceChildren(
    ...findings.map((finding) =>
      element("p", { class: `fr-message fr-message--${finding.severity === "error" ? "error" : "warning"}`, "data-code": finding.code }, messageOf(finding)),
    ),
  );
  place.group.classList.toggle(place.groupErrorClass, hasError);
  if (!place.control) return;
  if (place.controlErrorClass) place.control.classList.toggle(place.controlErrorClass, hasError);
  toggleAttribute(place.control, "aria-invalid", hasError ? "true" : null);
  toggleAttribute(place.control, "aria-describedby", findings.length ? place.messages.id : null);
}

function toggleAttribute(node, name, value) {
  if (value === null) node.removeAttribute(name);
  else node.setAttribute(name, value);
}

// ---------------------------------------------------------------------------
// Decision panel

/** The category, with the positive exit's kind in it: "Sortie positive : Emploi". */
function outcomeTitle(exit) {
  const words = texts[state.locale];
  if (exit.category === "incomplete") return words.category_incomplete();
  const kind = exit.category === "positive" && exit.positive_kind ? words[`kind_${exit.positive_kind}`] : null;
  return kind ? words.labelled(words.category_positive, kind) : words[`category_${exit.category}`];
}

/** What the summary adds to the title, each thing said once. */
function outcomeSummary(exit, report) {
  const words = texts[state.locale];
  if (exit.category === "positive") return null;
  if (exit.category === "incomplete" && !report.missing.length) return exit.summary;
  if (exit.category === "incomplete") return `${words.missingCount(report.missing.length)} ${exit.summary}`;
  return exit.summary;
}

function renderDecision(report) {
  const words = texts[state.locale];
  const programme = currentProgramme();
  const exit = report?.exit;
  let title = words.noDecisionTitle;
  let summary = programme ? words.noDecision : words.noDecisionProgramme;
  const box = $("decision-alert");
  box.classList.remove(...ALERT_CLASSES);
  box.classList.add(exit ? CATEGORY_ALERT[exit.category] : "fr-alert--info");
  box.dataset.category = exit?.category ?? "none";
  if (exit) {
    title = outcomeTitle(exit);
    summary = outcomeSummary(exit, report);
  }
  // The alert is a live region: touch its text only when it changes.
  setText($("decision-outcome"), title);
  setText($("decision-summary"), summary);
  // The positive exit's kind is in the title: said once.
  setText($("decision-kind"), null);
  setText($("decision-reexamine"), exit?.re_examine_on ? words.reExamine(formatDate(exit.re_examine_on)) : null);
  setText($("decision-programme"), exit ? words.programmeLine(exit.programme.source) : null);

  const missing = exit ? report.missing : [];
  $("missing-box").hidden = missing.length === 0;
  $("missing-list").replaceChildren(...missing.map(missingItem));

  $("explanation").hidden = !exit || exit.rules.length === 0;
  $("print").hidden = !exit;
  $("rules").replaceChildren(...(exit?.rules ?? []).map(ruleItem));
  renderInterim(exit);
  renderProofs(exit);
}

function setText(node, text) {
  node.hidden = text === null;
  if ((text ?? "") !== node.textContent) node.textContent = text ?? "";
}

/** A missing fact, as a button that takes the focus to its field. */
function missingItem(path) {
  const words = texts[state.locale];
  const name = path.replace(/^exit\./, "");
  const label = words[`missing_${name}`] ?? labelOf(path) ?? path;
  const item = element("li", { "data-missing": path });
  if (!fieldElement(name)) {
    item.textContent = label;
    return item;
  }
  const button = element("button", { type: "button", class: "fr-link missing-link", "data-goto": name, title: words.goTo(label) }, label);
  item.append(button);
  return item;
}

/** The control a missing fact is entered in: its field, a list's first row, or "add". */
function fieldElement(name) {
  if (FIELDS.includes(name)) {
    const control = $(name);
    return control?.localName === "fieldset" ? control.querySelector("input") : control;
  }
  if (LISTS[name]) {
    const first = state.lists[name][0];
    return first ? first.node.querySelector("input, select") : $(name === "missions" ? "add-mission" : "add-proof");
  }
  return null;
}

function focusField(name) {
  const control = fieldElement(name);
  if (control && isShown(control)) control.focus();
}

function ruleItem(rule) {
  const words = texts[state.locale];
  const item = element("li", { class: "rule", "data-rule": rule.rule, "data-status": rule.status });
  const head = element("p", { class: "rule__head" });
  head.append(
    element("span", { class: `fr-badge fr-badge--sm ${STATUS_BADGE[rule.status] ?? ""}` }, words[`status_${rule.status}`] ?? rule.status),
    " ",
    element("span", { class: "rule__title" }, ruleTitle(rule)),
  );
  item.append(head, element("p", { class: "rule__message" }, rule.message), element("p", { class: "rule__source" }, words.source(rule.source)));
  // The identifier, for the people who need it.
  const details = element("details", { class: "technical fr-text--sm" });
  details.append(element("summary", {}, words.technical), element("p", { class: "rule__id" }, words.ruleId(rule.rule)));
  item.append(details);
  return item;
}

const ruleTitle = (rule) => state.labels?.rules[rule.rule] ?? texts[state.locale].ruleFallback;

function renderInterim(exit) {
  const words = texts[state.locale];
  const interim = exit?.reason === "temporary_work" ? exit.interim : null;
  $("interim-box").hidden = !interim;
  if (!interim) return;
  const reached = interim.hours >= interim.required;
  const badge = $("interim-badge");
  badge.className = `fr-badge fr-badge--sm ${reached ? "fr-badge--success" : "fr-badge--warning"}`;
  badge.dataset.reached = String(reached);
  badge.textContent = reached ? words.interimReached : words.interimNotReached;
  $("interim-hours").textContent = words.interimHours(formatHours(interim.hours), formatHours(interim.required));
  $("interim-window").textContent = interim.window_from
    ? words.interimWindow(formatDate(interim.window_from), formatDate(interim.window_to))
    : words.interimNoWindow;
  $("interim-missions").textContent = words.interimMissions(interim.missions_counted, interim.missions_given, interim.missions_unreadable);
}

/** Each proof's status, in the panel and on its row. */
function renderProofs(exit) {
  const words = texts[state.locale];
  const shown = !!exit && ROUTE_REASONS.includes(exit.reason) && currentProgramme()?.judgesProofs !== false;
  const outcomes = shown ? exit.proofs : [];
  state.lists.proofs.forEach((row, index) => {
    const outcome = outcomes.find((candidate) => candidate.index === index);
    row.badge.hidden = !outcome;
    row.node.dataset.status = outcome?.status ?? "";
    if (!outcome) {
      delete row.badge.dataset.status;
      return;
    }
    row.badge.dataset.status = outcome.status;
    row.badge.className = `fr-badge fr-badge--sm proof-status ${PROOF_BADGE[outcome.status] ?? ""}`;
    row.badge.textContent = words[`proofStatus_${outcome.status}`];
  });
  $("proofs-box").hidden = !shown;
  if (!shown) return;
  const items = outcomes.map((outcome) => {
    const item = element("li", { "data-status": outcome.status, "data-index": outcome.index });
    const kind = outcome.kind ? words[`proof_${outcome.kind}`] : words.notFilled;
    item.append(
      element("span", { class: "proof-line" }, words.proofLine(outcome.index + 1, kind, outcome.date ? formatDate(outcome.date) : "")),
      " ",
      element("span", { class: `fr-badge fr-badge--sm ${PROOF_BADGE[outcome.status] ?? ""}` }, words[`proofStatus_${outcome.status}`]),
    );
    return item;
  });
  $("proof-list").replaceChildren(...(items.length ? items : [element("li", {}, words.noProofs)]));
}

// ---------------------------------------------------------------------------
// The proposal for the follow-up committee (shown by the print stylesheet only):
// the table, the argument (the rules and their sources) and the proofs.

function renderSheet(report) {
  const words = texts[state.locale];
  const programme = currentProgramme();
  const exit = report?.exit;
  $("sheet-programme").textContent = exit
    ? `${words.programmeOption(exit.programme.name, formatDate(exit.programme.valid_from), formatDate(exit.programme.valid_to))} — ${exit.programme.source}`
    : programme?.name ?? "";
  $("sheet-entry-date").textContent = state.entryDate ? formatDate(state.entryDate) : words.notFilled;
  $("sheet-exit-date").textContent = state.exitDate ? formatDate(state.exitDate) : words.notFilled;
  const reason = state.values.get("reason");
  $("sheet-reason").textContent = reason ? words[`reason_${reason}`] : words.notFilled;
  const outcome = $("sheet-outcome");
  outcome.replaceChildren(element("strong", {}, exit ? outcomeTitle(exit) : words.noDecisionTitle));
  const summary = exit ? outcomeSummary(exit, report) : null;
  if (summary) outcome.append(element("br"), summary);
  if (exit?.re_examine_on) outcome.append(element("br"), words.reExamine(formatDate(exit.re_examine_on)));

  const fields = SITUATION_FIELDS[reason] ?? [];
  const aidedShown = !$("aided").hidden;
  const rows = fields
    .filter((name) => !BOOLEANS.includes(name) || aidedShown)
    .map((name) => row([fieldLabel(name), valueText(name)]));
  $("sheet-table-box").hidden = rows.length === 0;
  $("sheet-table").tBodies[0].replaceChildren(...rows);

  const missions = reason === "temporary_work" ? state.lists.missions : [];
  $("sheet-missions-box").hidden = missions.length === 0;
  $("sheet-missions").tBodies[0].replaceChildren(
    ...missions.map((mission, index) =>
      row([String(index + 1), shownDate(mission.values.get("start") ?? ""), shownDate(mission.values.get("end") ?? ""), mission.values.get("hours") ?? ""]),
    ),
  );
  $("sheet-interim").textContent = $("interim-box").hidden
    ? ""
    : `${$("interim-hours").textContent} ${$("interim-window").textContent} ${$("interim-missions").textContent}`;

  $("sheet-rules").tBodies[0].replaceChildren(
    ...(exit?.rules ?? []).map((rule) => row([ruleTitle(rule), words[`status_${rule.status}`] ?? rule.status, rule.message, rule.source])),
  );
  const proofs = exit && !$("proofs-box").hidden ? exit.proofs : [];
  $("sheet-proofs-box").hidden = proofs.length === 0;
  $("sheet-proofs").tBodies[0].replaceChildren(
    ...proofs.map((proof) =>
      row([proof.kind ? words[`proof_${proof.kind}`] : words.notFilled, proof.date ? formatDate(proof.date) : words.notFilled, words[`proofStatus_${proof.status}`]]),
    ),
  );
}

function fieldLabel(name) {
  const words = texts[state.locale];
  const key = {
    contract_type: "contractTypeLabel",
    contract_start: "contractStartLabel",
    contract_end: "contractEndLabel",
    employer_is_aci: "employerIsAciLabel",
    matches_project: "matchesProjectLabel",
    participant_agrees: "participantAgreesLabel",
    certification: "certificationLabel",
    training_start: "trainingStartLabel",
    training_end: "trainingEndLabel",
    activity_start: "activityStartLabel",
    activity_end: "activityEndLabel",
  }[name];
  return words[key] ?? name;
}

function valueText(name) {
  const words = texts[state.locale];
  if (!state.values.has(name)) return words.notFilled;
  const value = state.values.get(name);
  if (value === true) return words.yes;
  if (value === false) return words.no;
  if (name === "contract_type") return words[`contract_${value}`] ?? value;
  if (name === "certification") return words[`certification_${value}`] ?? value;
  if (DATE_NAMES.has(name)) return shownDate(value);
  return String(value);
}

function row(cells) {
  const tr = element("tr");
  for (const cell of cells) tr.append(element("td", {}, cell));
  return tr;
}

main();
