// The follow-up page for référents: a programme, a reference date, the entry date and
// the participant's timeline, and every follow-up obligation (FU-*) with its due
// date and status, recomputed on every change.
//   control → state → check({ check: "follow_up", … }) → summary, obligations, chronology, findings
// The timeline is an editable list of events: a finding's path (events[3].date)
// names the row and field. Each row keeps every value typed, also those of fields
// its current type does not use; only the type's fields are sent.
// The page sends nothing anywhere (no form, no fetch) and logs nothing.

import init, { check, labels, programmes } from "/pkg/parcours_full.js";
import { $, applyWords, element, orderProgrammes, pageMessage, shownDate, showApp, startModule, tidyDate, typedDate } from "./page.js";
import { texts } from "./suivi-texts.js";

const EVENT_TYPES = [
  "interview",
  "contact",
  "absence",
  "reminder",
  "step",
  "employment_start",
  "cre_feedback",
  "employer_call",
  "employer_visit",
  "exit",
];
const MODES = ["physical", "tripartite", "phone", "video"];
const CHANNELS = ["letter", "phone"];
const STEP_KINDS = ["employment", "iae", "training", "internship", "immersion", "workshop", "veille", "other"];
/** What sanctions a training step: a follow-up may start with a qualifying one (FU-IN-JOB). */
const CERTIFICATIONS = ["diploma", "registered_title", "professional_certificate", "no_certification"];
/** The fields each type of event has besides its date. */
const EXTRA = {
  interview: ["mode"],
  absence: ["justified"],
  reminder: ["channel"],
  step: ["end", "kind", "certification"],
  employment_start: ["placed_by_cre", "theoretical_start", "trial_period_end"],
};
/** Request-level paths of findings, shown under their setting. */
const SETTINGS = ["programme", "reference_date", "entry_date"];
/** Findings the obligations table and the late alert already say, when about no event. */
const OBLIGATION_CODES = ["obligation_overdue", "obligation_done_late"];

const ALERT_CLASSES = ["fr-alert--info", "fr-alert--success", "fr-alert--warning", "fr-alert--error"];
const STATUS_BADGE = {
  done: "fr-badge--success",
  done_late: "fr-badge--warning",
  due: "fr-badge--info",
  late: "fr-badge--error",
};

/** A fictitious participant's first months: no person behind it. */
const EXAMPLE = {
  programme: "plie-flandre-lys",
  entry_date: "2018-01-15",
  reference_date: "2018-06-30",
  events: [
    { type: "interview", date: "2018-01-15", mode: "physical" },
    { type: "interview", date: "2018-02-14", mode: "physical" },
    { type: "step", date: "2018-03-01", end: "2018-03-02", kind: "workshop" },
    { type: "absence", date: "2018-04-04", justified: false },
    { type: "reminder", date: "2018-04-06", channel: "letter" },
    { type: "reminder", date: "2018-04-10", channel: "phone" },
    { type: "interview", date: "2018-04-20", mode: "physical" },
    { type: "step", date: "2018-05-14", end: "2018-05-25", kind: "immersion" },
    { type: "employment_start", date: "2018-06-01", placed_by_cre: true, theoretical_start: "2018-06-01", trial_period_end: "2018-07-31" },
    { type: "employer_call", date: "2018-06-05" },
    { type: "cre_feedback", date: "2018-06-12" },
  ],
};

const state = {
  locale: "fr",
  programme: "",
  referenceDate: "",
  entryDate: "",
  /** Programmes with follow-up rules: { id, name, from, to }. */
  catalogue: [],
  /** Rows: { key, values: Map, node, fields: Map(name → target), target, … }. */
  rows: [],
  nextKey: 1,
  report: null,
  rendering: false,
};

// ---------------------------------------------------------------------------
// Start-up

async function main() {
  if (!(await startModule(init))) return;
  state.locale = $("locale").querySelector("input:checked")?.value ?? "fr";
  // No date is set for the référent: the module has no "today", nor does the page.
  state.referenceDate = typedDate($("reference_date").value);
  state.entryDate = typedDate($("entry_date").value);
  loadCatalogue();
  buildProgrammeSelect();
  applyTexts();
  bindEvents();
  recompute();

  showApp();
}

/** The programmes that define follow-up obligations, asked of the module itself. */
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
    const date = programme.valid_from;
    const report = check({ check: "follow_up", programme: programme.id, reference_date: date, entry_date: date, events: [] });
    if (!report.follow_up) continue;
    state.catalogue.push({ id: programme.id, name: programme.name, from, to });
  }
}

const currentProgramme = () => state.catalogue.find((programme) => programme.id === state.programme) ?? null;

function buildProgrammeSelect() {
  const select = $("programme");
  select.append(element("option", { value: "" }));
  for (const programme of state.catalogue) select.append(element("option", { value: programme.id }));
}

// ---------------------------------------------------------------------------
// Texts

function applyTexts() {
  const words = texts[state.locale];
  applyWords(words, state.locale);
  $("programme").options[0].textContent = words.chooseProgramme;
  orderProgrammes($("programme"), state.catalogue, state.referenceDate, words, formatDate);
  state.rows.forEach(labelRow);
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

// ---------------------------------------------------------------------------
// Events

function bindEvents() {
  $("programme").addEventListener("change", () => {
    state.programme = $("programme").value;
    recompute();
  });
  for (const [id, key] of [["reference_date", "referenceDate"], ["entry_date", "entryDate"]]) {
    const onDate = (event) => {
      if (event.type === "change") tidyDate($(id));
      const date = typedDate($(id).value);
      if (date === state[key]) return;
      state[key] = date;
      if (key === "referenceDate") orderProgrammes($("programme"), state.catalogue, date, texts[state.locale], formatDate);
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
  const editor = $("timeline-editor");
  editor.addEventListener("input", onFieldEvent);
  editor.addEventListener("change", onFieldEvent);
  editor.addEventListener("click", onButton);
  $("results").addEventListener("click", onButton);
}

function onFieldEvent(event) {
  if (state.rendering) return;
  const target = event.target;
  const row = state.rows.find((candidate) => String(candidate.key) === target.dataset?.key);
  if (!row) return;
  const name = target.dataset.name;
  let value;
  if (target.type === "checkbox") value = target.checked;
  else if (target.type === "radio") value = target.value === "true";
  else if (target.type === "text") {
    // Every text field of a row is a date: typed JJ/MM/AAAA, J/M/AAAA or AAAA-MM-JJ.
    if (event.type === "change") tidyDate(target);
    value = target.value === "" ? null : typedDate(target.value);
  } else value = target.value === "" ? null : target.value;
  if ((row.values.get(name) ?? null) === value) return;
  if (value === null) row.values.delete(name);
  else row.values.set(name, value);
  recompute();
}

function onButton(event) {
  const button = event.target.closest("button");
  if (!button) return;
  if (button.id === "add-event") addRow(new Map(), true);
  else if (button.id === "load-example") loadExample();
  else if (button.dataset.remove) removeRow(Number(button.dataset.key));
  else if (button.dataset.goto) {
    focusPath(button.dataset.goto);
    return;
  } else return;
  recompute();
}

/** Replaces the settings and the timeline with the fictitious example. */
function loadExample() {
  for (const row of [...state.rows]) dropRow(row);
  state.programme = EXAMPLE.programme;
  $("programme").value = EXAMPLE.programme;
  state.entryDate = EXAMPLE.entry_date;
  $("entry_date").value = shownDate(EXAMPLE.entry_date);
  state.referenceDate = EXAMPLE.reference_date;
  $("reference_date").value = shownDate(EXAMPLE.reference_date);
  orderProgrammes($("programme"), state.catalogue, state.referenceDate, texts[state.locale], formatDate);
  for (const event of EXAMPLE.events) addRow(new Map(Object.entries(event)), false);
  state.rows[0]?.node.querySelector("select").focus();
}

// ---------------------------------------------------------------------------
// The timeline's rows

function addRow(values, focus) {
  if (!values.has("mode")) values.set("mode", "physical");
  const row = { key: state.nextKey++, values, fields: new Map(), labels: [], options: [] };
  buildRow(row);
  state.rows.push(row);
  $("events").append(row.node);
  labelRow(row, state.rows.length - 1);
  syncRow(row);
  if (focus) row.node.querySelector("select").focus();
}

function dropRow(row) {
  state.rows.splice(state.rows.indexOf(row), 1);
  row.node.remove();
  targets.delete(row.target);
  for (const field of row.fields.values()) targets.delete(field);
}

function removeRow(key) {
  const index = state.rows.findIndex((row) => row.key === key);
  if (index < 0) return;
  dropRow(state.rows[index]);
  state.rows.forEach(labelRow);
  // The focus goes to the row that took its place, else the one before, else "add".
  const next = state.rows[index] ?? state.rows[index - 1];
  (next ? next.node.querySelector("select") : $("add-event")).focus();
}

/** The legend, the remove button and every label of a row, in the page's language. */
function labelRow(row, index) {
  const words = texts[state.locale];
  row.legend.textContent = words.eventLegend(index + 1);
  row.remove.textContent = words.removeEvent(index + 1);
  row.remove.title = words.removeEvent(index + 1);
  for (const [node, key] of row.labels) node.textContent = words[key];
  for (const [option, key] of row.options) option.textContent = words[key];
  row.dateLabel.textContent = row.values.get("type") === "step" ? words.startLabel : words.dateLabel;
}

/** Shows the fields of the row's type (the values of the others are kept). */
function syncRow(row) {
  const type = row.values.get("type");
  const extra = EXTRA[type] ?? [];
  for (const [name, wrapper] of row.wrappers) {
    let shown = extra.includes(name);
    if (name === "theoretical_start" || name === "trial_period_end") shown &&= row.values.get("placed_by_cre") === true;
    if (name === "certification") shown &&= row.values.get("kind") === "training";
    wrapper.hidden = !shown;
  }
  row.node.dataset.type = type ?? "";
  const words = texts[state.locale];
  row.dateLabel.textContent = type === "step" ? words.startLabel : words.dateLabel;
}

function buildRow(row) {
  const id = `event-${row.key}`;
  row.id = id;
  const item = element("li", { class: "row-item", id, "data-key": row.key });
  const fieldset = element("fieldset", { class: "fr-fieldset row-fieldset", "aria-labelledby": `${id}-legend` });
  row.legend = element("legend", { class: "fr-fieldset__legend fr-fieldset__legend--regular row-legend", id: `${id}-legend` });
  const messages = element("div", { class: "fr-messages-group row-messages", id: `${id}-messages`, "aria-live": "polite" });
  row.target = target({ group: fieldset, groupErrorClass: "fr-fieldset--error", control: null, messages });
  row.remove = element("button", { type: "button", class: "fr-btn fr-btn--tertiary fr-btn--sm fr-icon-delete-line", "data-remove": "event", "data-key": row.key });
  const actions = element("div", { class: "fr-fieldset__element fr-fieldset__element--inline row-actions" });
  actions.append(row.remove);
  row.wrappers = new Map();

  const type = select(row, "type", "typeLabel", [["", "chooseType"], ...EVENT_TYPES.map((t) => [t, `type_${t}`])], "row-field--wide");
  const date = input(row, "date", null, "row-field--narrow");
  row.dateLabel = date.label;
  const end = input(row, "end", "endLabel", "row-field--narrow");
  const mode = select(row, "mode", "modeLabel", MODES.map((m) => [m, `mode_${m}`]), "");
  const channel = select(row, "channel", "channelLabel", [["", "chooseChannel"], ...CHANNELS.map((c) => [c, `channel_${c}`])], "");
  const kind = select(row, "kind", "kindLabel", [["", "chooseKind"], ...STEP_KINDS.map((k) => [k, `kind_${k}`])], "");
  const certification = select(row, "certification", "certificationLabel", [["", "chooseCertification"], ...CERTIFICATIONS.map((c) => [c, `certification_${c}`])], "");
  const justified = radios(row, "justified", "justifiedLabel");
  const placed = checkbox(row, "placed_by_cre", "placedByCreLabel");
  const theoretical = input(row, "theoretical_start", "theoreticalStartLabel", "");
  const trial = input(row, "trial_period_end", "trialPeriodEndLabel", "");
  for (const [name, built] of [["end", end], ["mode", mode], ["channel", channel], ["kind", kind], ["certification", certification], ["justified", justified], ["placed_by_cre", placed], ["theoretical_start", theoretical], ["trial_period_end", trial]]) {
    row.wrappers.set(name, built.wrapper);
  }
  fieldset.append(row.legend, type.wrapper, date.wrapper, actions, end.wrapper, kind.wrapper, certification.wrapper, mode.wrapper, channel.wrapper, justified.wrapper, placed.wrapper, theoretical.wrapper, trial.wrapper, messages);
  item.append(fieldset);
  row.node = item;
}

const dataset = (row, name) => ({ "data-key": row.key, "data-name": name });

function wrap(extraClass, child) {
  const wrapper = element("div", { class: `fr-fieldset__element fr-fieldset__element--inline row-field ${extraClass}`.trim() });
  wrapper.append(child);
  return wrapper;
}

function messagesOf(id) {
  return element("div", { class: "fr-messages-group", id: `${id}-messages`, "aria-live": "polite" });
}

function input(row, name, labelKey, extraClass) {
  const id = `${row.id}-${name}`;
  const group = element("div", { class: "fr-input-group", id: `${id}-group` });
  const label = element("label", { class: "fr-label", for: id });
  if (labelKey) row.labels.push([label, labelKey]);
  const control = element("input", { class: "fr-input", type: "text", id, inputmode: "numeric", spellcheck: "false", autocomplete: "off", ...dataset(row, name) });
  control.value = shownDate(row.values.get(name) ?? "");
  const messages = messagesOf(id);
  group.append(label, control, messages);
  row.fields.set(name, target({ group, groupErrorClass: "fr-input-group--error", control, controlErrorClass: "fr-input--error", messages }));
  return { wrapper: wrap(extraClass, group), label };
}

function select(row, name, labelKey, choices, extraClass) {
  const id = `${row.id}-${name}`;
  const group = element("div", { class: "fr-select-group", id: `${id}-group` });
  const label = element("label", { class: "fr-label", for: id });
  row.labels.push([label, labelKey]);
  const control = element("select", { class: "fr-select", id, autocomplete: "off", ...dataset(row, name) });
  for (const [value, key] of choices) {
    const option = element("option", { value });
    row.options.push([option, key]);
    control.append(option);
  }
  control.value = row.values.get(name) ?? "";
  const messages = messagesOf(id);
  group.append(label, control, messages);
  row.fields.set(name, target({ group, groupErrorClass: "fr-select-group--error", control, messages }));
  return { wrapper: wrap(extraClass, group), label };
}

/** Oui / Non. */
function radios(row, name, labelKey) {
  const id = `${row.id}-${name}`;
  // role="radiogroup" (not DSFR's "group") so that aria-invalid is allowed on it.
  const group = element("fieldset", { class: "fr-fieldset", id, role: "radiogroup", "aria-labelledby": `${id}-legend` });
  const legend = element("legend", { class: "fr-fieldset__legend--regular fr-fieldset__legend", id: `${id}-legend` });
  row.labels.push([legend, labelKey]);
  group.append(legend);
  for (const [value, key] of [["true", "yes"], ["false", "no"]]) {
    const radioId = `${id}-${value}`;
    const radio = element("div", { class: "fr-radio-group" });
    const control = element("input", { type: "radio", id: radioId, name: id, value, ...dataset(row, name) });
    control.checked = row.values.get(name) === (value === "true");
    const label = element("label", { class: "fr-label", for: radioId });
    row.labels.push([label, key]);
    radio.append(control, label);
    const inline = element("div", { class: "fr-fieldset__element fr-fieldset__element--inline" });
    inline.append(radio);
    group.append(inline);
  }
  const messages = messagesOf(id);
  group.append(messages);
  row.fields.set(name, target({ group, groupErrorClass: "fr-fieldset--error", control: group, messages }));
  const wrapper = element("div", { class: "fr-fieldset__element row-extra" });
  wrapper.append(group);
  return { wrapper };
}

function checkbox(row, name, labelKey) {
  const id = `${row.id}-${name}`;
  const group = element("div", { class: "fr-checkbox-group", id: `${id}-group` });
  const control = element("input", { type: "checkbox", id, ...dataset(row, name) });
  control.checked = row.values.get(name) === true;
  const label = element("label", { class: "fr-label", for: id });
  row.labels.push([label, labelKey]);
  const messages = messagesOf(id);
  group.append(control, label, messages);
  row.fields.set(name, target({ group, groupErrorClass: "fr-checkbox-group--error", control, messages }));
  const wrapper = element("div", { class: "fr-fieldset__element row-extra" });
  wrapper.append(group);
  return { wrapper };
}

// ---------------------------------------------------------------------------
// The obligations: one check per change.

/** One row as the module reads it: only its type's fields. */
function eventOf(values) {
  const type = values.get("type");
  const event = {};
  if (type) event.type = type;
  const date = values.get("date");
  if (date) event[type === "step" ? "start" : "date"] = date;
  for (const name of EXTRA[type] ?? []) {
    if (!values.has(name)) continue;
    if ((name === "theoretical_start" || name === "trial_period_end") && values.get("placed_by_cre") !== true) continue;
    if (name === "certification" && values.get("kind") !== "training") continue;
    event[name] = values.get(name);
  }
  return event;
}

function recompute() {
  state.report = currentProgramme()
    ? check({
        check: "follow_up",
        programme: state.programme,
        reference_date: state.referenceDate,
        entry_date: state.entryDate,
        locale: state.locale,
        events: state.rows.map((row) => eventOf(row.values)),
      })
    : null;
  render();
}

function render() {
  state.rendering = true;
  try {
    const programme = currentProgramme();
    $("no-programme").hidden = !!programme;
    $("events-area").hidden = !programme;
    state.rows.forEach(syncRow);
    renderFindings(state.report);
    renderResults(state.report);
  } finally {
    state.rendering = false;
  }
}

// ---------------------------------------------------------------------------
// Findings: under the field (or event) their path names, else at the top.

const targets = new Set();
function target(spec) {
  const made = { controlErrorClass: null, shown: "", ...spec };
  targets.add(made);
  return made;
}

const settingTargets = new Map();
function settingTarget(name) {
  if (!settingTargets.has(name)) {
    const isSelect = name === "programme";
    settingTargets.set(
      name,
      target({
        group: $(`${name}-group`),
        groupErrorClass: isSelect ? "fr-select-group--error" : "fr-input-group--error",
        control: $(name),
        controlErrorClass: isSelect ? null : "fr-input--error",
        messages: $(`${name}-messages`),
      }),
    );
  }
  return settingTargets.get(name);
}
const eventsTarget = target({ group: $("events-area"), groupErrorClass: "events--error", control: null, messages: $("events-messages") });

/** The row field a path's last part names (a step's start is the row's date). */
const fieldName = (part) => (part === "start" ? "date" : part);

/** The target a finding's path names, or null (then it shows at the top). */
function targetOf(path) {
  if (SETTINGS.includes(path)) return settingTarget(path);
  if (path === "events") return eventsTarget;
  const match = /^events\[(\d+)\](?:\.(\w+))?$/.exec(path);
  if (!match) return null;
  const row = state.rows[Number(match[1])];
  if (!row) return null;
  return (match[2] && row.fields.get(fieldName(match[2]))) || row.target;
}

const isShown = (node) => !node.closest("[hidden]");

function renderFindings(report) {
  const byTarget = new Map();
  const general = [];
  for (const finding of report?.findings ?? []) {
    // A late obligation about no event is in the late alert and the table.
    if (finding.path === "events" && OBLIGATION_CODES.includes(finding.code)) continue;
    let place = targetOf(finding.path);
    if (place && !isShown(place.group)) place = finding.path.startsWith("events[") ? rowTargetOf(finding.path) : null;
    if (place) {
      if (!byTarget.has(place)) byTarget.set(place, []);
      byTarget.get(place).push(finding);
    } else {
      general.push(finding);
    }
  }
  for (const place of targets) showFindings(place, byTarget.get(place) ?? []);
  $("general-findings").hidden = general.length === 0;
  $("general-findings-list").replaceChildren(...general.map((finding) => element("li", { "data-code": finding.code }, finding.message)));
}

function rowTargetOf(path) {
  const row = state.rows[Number(/^events\[(\d+)\]/.exec(path)?.[1])];
  return row && isShown(row.target.group) ? row.target : null;
}

/** Replaces a target's messages only when they changed (they are a live region). */
function showFindings(place, findings) {
  findings.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  const key = JSON.stringify(findings.map((finding) => [finding.code, finding.message]));
  if (key === place.shown) return;
  place.shown = key;
  const hasError = findings.some((finding) => finding.severity === "error");
  place.messages.replaceChildren(
    ...findings.map((finding) =>
      element("p", { class: `fr-message fr-message--${finding.severity === "error" ? "error" : "warning"}`, "data-code": finding.code, "data-rule": finding.rule }, messageOf(finding)),
    ),
  );
  place.group.classList.toggle(place.groupErrorClass, hasError);
  if (!place.control) return;
  if (place.controlErrorClass) place.control.classList.toggle(place.controlErrorClass, hasError);
  toggleAttribute(place.control, "aria-invalid", hasError ? "true" : null);
  toggleAttribute(place.control, "aria-describedby", findings.length ? place.messages.id : null);
}

/** A finding's message; a typed date that is not one says so in the page's format. */
const messageOf = (finding) => pageMessage(finding, texts[state.locale].dateError);

function toggleAttribute(node, name, value) {
  if (value === null) node.removeAttribute(name);
  else node.setAttribute(name, value);
}

// ---------------------------------------------------------------------------
// Results: summary, counts, late obligations, what is missing, the table, the chronology.

function renderResults(report) {
  const words = texts[state.locale];
  const programme = currentProgramme();
  const followUp = report?.follow_up;
  const box = $("followup-alert");
  box.classList.remove(...ALERT_CLASSES);
  let alert = "fr-alert--info";
  let title = words.noResultTitle;
  let summary = programme ? words.noResult : words.noResultProgramme;
  if (followUp) {
    // The title and the counts below say what the module's summary says: once is enough.
    summary = null;
    if (followUp.late > 0) [alert, title] = ["fr-alert--error", words.titleLate(followUp.late)];
    else if (followUp.done_late > 0) [alert, title] = ["fr-alert--warning", words.titleDoneLate];
    else [alert, title] = ["fr-alert--success", words.titleOnTime];
  }
  box.classList.add(alert);
  box.dataset.late = String(followUp?.late ?? "");
  // The alert is a live region: touch its text only when it changes.
  setText($("followup-title"), title);
  setText($("followup-summary"), summary);
  setText($("followup-programme"), followUp ? words.source(followUp.programme.source) : null);

  $("counts").hidden = !followUp;
  if (followUp) {
    setText($("count-late"), words.countLate(followUp.late));
    setText($("count-done-late"), words.countDoneLate(followUp.done_late));
    setText($("count-due"), words.countDue(followUp.due));
  }

  const obligations = followUp?.obligations ?? [];
  const late = obligations.filter((obligation) => obligation.status === "late");
  $("late-box").hidden = late.length === 0;
  $("late-list").replaceChildren(
    ...late.map((obligation) =>
      element("li", { "data-rule": obligation.rule, "data-obligation": obligation.obligation }, obligation.message),
    ),
  );

  const missing = followUp ? report.missing : [];
  $("missing-box").hidden = missing.length === 0;
  $("missing-list").replaceChildren(...missing.map(missingItem));

  $("obligations-box").hidden = !followUp;
  $("obligations").tBodies[0].replaceChildren(
    ...(obligations.length ? obligations.map(obligationRow) : [emptyRow(words.noObligation)]),
  );

  $("chronology-box").hidden = !followUp;
  $("timeline").replaceChildren(...(followUp ? chronology(followUp) : []));
}

function setText(node, text) {
  node.hidden = text === null;
  if ((text ?? "") !== node.textContent) node.textContent = text ?? "";
}

function obligationLabel(obligation) {
  const words = texts[state.locale];
  const label = words[`obligation_${obligation.obligation}`] ?? obligation.obligation;
  return obligation.event === undefined ? label : `${label} (${words.ofEvent(obligation.event + 1)})`;
}

function obligationRow(obligation) {
  const words = texts[state.locale];
  const tr = element("tr", { "data-rule": obligation.rule, "data-obligation": obligation.obligation, "data-status": obligation.status });
  if (obligation.event !== undefined) tr.dataset.event = String(obligation.event);
  const what = element("td");
  what.append(element("strong", {}, obligationLabel(obligation)), element("br"), element("span", { class: "obligation-message" }, obligation.message));
  const due = element("td", {}, obligation.due ? formatDate(obligation.due) : "—");
  if (obligation.from && obligation.due) due.append(element("br"), element("span", { class: "fr-text--xs" }, words.from(formatDate(obligation.from))));
  const status = element("td");
  status.append(element("span", { class: `fr-badge fr-badge--sm ${STATUS_BADGE[obligation.status] ?? ""}` }, words[`status_${obligation.status}`] ?? obligation.status));
  // The rule by its title and source; its identifier in "Détails techniques".
  const rule = element("td");
  const details = element("details", { class: "technical fr-text--xs" });
  details.append(element("summary", {}, words.technical), element("p", { class: "rule__id fr-text--xs" }, words.ruleId(obligation.rule)));
  rule.append(
    element("span", { class: "rule__title" }, state.labels.rules[obligation.rule] ?? words.ruleFallback),
    element("br"),
    element("span", { class: "rule__source fr-text--xs" }, words.source(obligation.source)),
    details,
  );
  tr.append(rule, what, due, element("td", {}, obligation.done_on ? formatDate(obligation.done_on) : "—"), status);
  return tr;
}

function emptyRow(text) {
  const tr = element("tr");
  tr.append(element("td", { colspan: "5" }, text));
  return tr;
}

/** The entry, the events in date order (as the module sorted them) and the reference date. */
function chronology(followUp) {
  const words = texts[state.locale];
  const marks = [
    { date: followUp.entry_date, order: 0, mark: words.markEntry },
    ...followUp.timeline.map((entry) => ({ date: entry.date, order: 1, entry })),
    { date: followUp.reference_date, order: 2, mark: words.markReference },
  ];
  // Stable: events keep the module's order among themselves.
  marks.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.order - b.order));
  return marks.map(({ date, mark, entry }) => {
    if (mark) {
      const item = element("li", { class: "timeline__mark" });
      item.append(element("span", { class: "timeline__date" }, formatDate(date)), mark);
      return item;
    }
    const item = element("li", { "data-index": entry.index, "data-type": entry.type, "data-counted": String(entry.counted) });
    const when = entry.end ? `${formatDate(entry.date)} – ${formatDate(entry.end)}` : formatDate(entry.date);
    const detail = entry.detail ? words[`mode_${entry.detail}`] ?? words[`channel_${entry.detail}`] ?? words[`kind_${entry.detail}`] ?? entry.detail : null;
    item.append(
      element("span", { class: "timeline__date" }, when),
      `${words[`type_${entry.type}`] ?? entry.type}${detail ? ` — ${detail}` : ""} (${words.ofEvent(entry.index + 1)})`,
    );
    if (!entry.counted) item.append(" ", element("span", { class: "fr-badge fr-badge--sm fr-badge--warning" }, words.notCounted));
    return item;
  });
}

/** A missing fact: "Événement 4 — Absence justifiée", a button to its field. */
function missingItem(path) {
  const words = texts[state.locale];
  const match = /^events\[(\d+)\]\.(\w+)$/.exec(path);
  const item = element("li", { "data-missing": path });
  if (!match) {
    item.textContent = path;
    return item;
  }
  const row = state.rows[Number(match[1])];
  const name = fieldName(match[2]);
  const labelKey = { type: "typeLabel", date: "dateLabel", justified: "justifiedLabel", channel: "channelLabel", kind: "kindLabel", certification: "certificationLabel", theoretical_start: "theoreticalStartLabel", trial_period_end: "trialPeriodEndLabel" }[name];
  const label = `${words.eventLegend(Number(match[1]) + 1)} — ${words[labelKey] ?? name}`;
  if (!row?.fields.get(name)) {
    item.textContent = label;
    return item;
  }
  item.append(element("button", { type: "button", class: "fr-link missing-link", "data-goto": path }, label));
  return item;
}

function focusPath(path) {
  const match = /^events\[(\d+)\]\.(\w+)$/.exec(path);
  const field = match && state.rows[Number(match[1])]?.fields.get(fieldName(match[2]));
  if (!field || !isShown(field.group)) return;
  (field.control.localName === "fieldset" ? field.control.querySelector("input") : field.control).focus();
}

main();
