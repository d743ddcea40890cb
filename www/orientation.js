// The orientation page for prescripteurs: a programme, a decision date, the person's
// facts, and the decision with its explanation, recomputed on every change.
//   control → state.values → check({ check: "eligibility", … }) → questions, decision, sheet
// Only the questions that can still change the decision are shown (the report's
// `missing`, ranked), plus the residence and every fact already answered. Hiding a
// question never drops its answer: state.values keeps it and the request carries it.
// The page sends nothing anywhere (no form, no fetch) and logs nothing.

import init, { check, labels, programmes } from "/pkg/parcours.js";
import { $, applyWords, element, pageMessage, localToday, shownDate, showApp, startModule, tidyDate, typedDate } from "./page.js";
import { texts } from "./orientation-texts.js";

/** The facts that say where the person lives: always asked, in this order. */
const RESIDENCE = ["postal_code", "commune_name", "commune_insee"];
/** Request-level paths of findings, shown under their setting. */
const SETTINGS = ["programme", "decision_date"];
/** The IAE criteria claimed, with the dates of their proofs. */
const CRITERIA = "iae_criteria";
/** The fact that records a derogation's sign-off: asked once a derogation applies. */
const SIGN_OFF = "derogation_signed_off";

const ALERT_CLASSES = ["fr-alert--info", "fr-alert--success", "fr-alert--warning", "fr-alert--error"];
const OUTCOME_ALERT = {
  eligible: "fr-alert--success",
  eligible_by_derogation: "fr-alert--warning",
  not_eligible: "fr-alert--error",
  incomplete: "fr-alert--info",
};
const STATUS_BADGE = {
  passed: "fr-badge--success",
  failed: "fr-badge--error",
  unknown: "fr-badge--info",
  derogation: "fr-badge--warning",
  information: "fr-badge--no-icon",
};

const state = {
  locale: "fr",
  programme: "",
  decisionDate: "",
  /** programmes(locale): every programme with the facts its rules read. */
  catalogue: [],
  /** labels(locale): rule titles and IAE terms, shown instead of identifiers and codes. */
  labels: { rules: {}, iae: {} },
  /** fact name → { name, kind, label, rules } over every programme (labels in the locale). */
  facts: new Map(),
  /** fact name → answer (boolean, or text as typed); an unanswered fact is absent. */
  values: new Map(),
  /** Answered facts in the order they were first answered: answered questions keep their place. */
  answered: [],
  /** Facts whose "je ne sais pas" is chosen: still unanswered, not proposed as the next question. */
  dontKnow: new Set(),
  /** fact name → its control (see buildControl). */
  controls: new Map(),
  /** rule id → kind, from the decisions seen (to tell the priority-only facts). */
  ruleKinds: new Map(),
  report: null,
  rendering: false,
};

// ---------------------------------------------------------------------------
// Start-up

async function main() {
  if (!(await startModule(init))) return;
  state.locale = $("locale").querySelector("input:checked")?.value ?? "fr";
  // The only reading of the clock: the decision date starts as today, visibly, in a
  // control the prescripteur can change. The module itself has no "today".
  state.decisionDate = localToday();
  $("decision_date").value = shownDate(state.decisionDate);

  loadCatalogue();
  buildProgrammeSelect();
  for (const fact of state.facts.values()) buildControl(fact);
  applyTexts();
  bindEvents();
  recompute();

  showApp();
}

function loadCatalogue() {
  state.catalogue = programmes(state.locale);
  state.labels = labels(state.locale);
  state.facts.clear();
  for (const programme of state.catalogue) {
    for (const fact of programme.facts) {
      if (!state.facts.has(fact.name)) state.facts.set(fact.name, fact);
    }
  }
}

/** Programme ids, once each: programmes() lists every dated version of a programme. */
const programmeIds = () => [...new Set(state.catalogue.map((programme) => programme.id))];
const versionsOf = (id) => state.catalogue.filter((programme) => programme.id === id);

/** The version of the chosen programme the module applies: the one in force on the
 *  decision date, otherwise the latest (docs/eligibility.md, "Programmes"). */
function currentProgramme() {
  const versions = versionsOf(state.programme);
  if (versions.length === 0) return null;
  const date = state.decisionDate;
  return (
    versions.find((version) => version.valid_from <= date && date <= version.valid_to) ??
    versions.reduce((latest, version) => (version.valid_from > latest.valid_from ? version : latest))
  );
}

/** The fact as the current programme describes it, else as any programme does. */
function factOf(name) {
  return currentProgramme()?.facts.find((fact) => fact.name === name) ?? state.facts.get(name);
}

// ---------------------------------------------------------------------------
// Building the controls (once per fact, shared by every programme that reads it, so
// that a programme switch keeps the answers; texts are applied separately).

function buildProgrammeSelect() {
  const select = $("programme");
  select.append(element("option", { value: "" }));
  for (const id of programmeIds()) select.append(element("option", { value: id }));
}

/** A programme's whole period: from its first version's start to its last one's end. */
function periodOf(id) {
  const versions = versionsOf(id);
  return {
    name: versions[0].name,
    from: versions.map((version) => version.valid_from).sort()[0],
    to: versions.map((version) => version.valid_to).sort().at(-1),
  };
}

/**
 * The programmes in force on the decision date first, each "(jusqu'au …)"; then the
 * others, "(terminé le …)" or "(à partir du …)". The choice is kept.
 */
function renderProgrammeOptions() {
  const words = texts[state.locale];
  const select = $("programme");
  const chosen = select.value;
  const date = state.decisionDate;
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(date);
  const options = new Map([...select.options].map((option) => [option.value, option]));
  options.get("").textContent = words.chooseProgramme;
  const inForce = element("optgroup", { label: words.groupInForce(valid ? formatDate(date) : "—") });
  const other = element("optgroup", { label: words.groupOther });
  for (const id of programmeIds()) {
    const { name, from, to } = periodOf(id);
    const option = options.get(id);
    if (valid && from <= date && date <= to) {
      option.textContent = words.programmeInForce(name, formatDate(to));
      inForce.append(option);
    } else {
      option.textContent = valid && date < from ? words.programmeNotStarted(name, formatDate(from)) : words.programmeEnded(name, formatDate(to));
      option.dataset.outside = "true";
      other.append(option);
    }
    if (option.parentNode === inForce) delete option.dataset.outside;
  }
  select.replaceChildren(options.get(""), ...[inForce, other].filter((group) => group.children.length));
  select.value = chosen;
}

const factId = (name) => `fact-${name}`;

function buildControl(fact) {
  let built;
  if (fact.kind === "boolean") built = buildRadios(fact);
  else if (fact.kind === "criteria") built = buildCriteria(fact);
  else if (fact.kind === "text" && fact.choices?.length) built = buildSelect(fact);
  else if (fact.kind === "date" || fact.kind === "text") built = buildInput(fact);
  else built = buildUnsupported(fact);
  const wrapper = element("div", { class: "fr-fieldset__element fact", "data-fact": fact.name });
  wrapper.hidden = true;
  wrapper.append(built.group);
  $(RESIDENCE.includes(fact.name) ? "residence-facts" : "situation-facts").append(wrapper);
  state.controls.set(fact.name, { kind: fact.kind, ...built, wrapper, shown: "" });
}

/** A kind of fact this page cannot ask (a structured value): said, not guessed. */
function buildUnsupported(fact) {
  const id = factId(fact.name);
  const group = element("div", { class: "fact-unsupported", id: `${id}-group` });
  const { badge, text, hint } = labelParts();
  const title = element("p", { class: "fr-mb-1v" });
  title.append(badge, text, hint);
  const messages = messagesGroup(`${id}-messages`);
  group.append(title, messages);
  return { kind: "unsupported", group, groupErrorClass: "fact-unsupported--error", control: null, messages, badge, text, hint };
}

/** Dates and texts. Dates are text on purpose (YYYY-MM-DD), as on the questionnaire
 *  page: a native date input empties an impossible date, so the module would be told
 *  nothing was typed while the person sees a date. */
function buildInput(fact) {
  const id = factId(fact.name);
  const group = element("div", { class: "fr-input-group", id: `${id}-group` });
  const attributes = { class: "fr-input", id, name: fact.name, type: "text", spellcheck: "false", autocomplete: "off" };
  if (fact.kind === "date" || fact.name === "postal_code") attributes.inputmode = "numeric";
  const input = element("input", attributes);
  const label = element("label", { class: "fr-label", for: id });
  const { badge, text, hint } = labelParts();
  label.append(badge, text, hint);
  const messages = messagesGroup(`${id}-messages`);
  group.append(label, input, messages);
  return {
    group,
    groupErrorClass: "fr-input-group--error",
    control: input,
    controlErrorClass: "fr-input--error",
    messages,
    badge,
    text,
    hint,
  };
}

/** A fact with a few allowed values (who made the IAE diagnosis, the structure): a
 *  list of their labels, so that what is typed can never be a wrong code. */
function buildSelect(fact) {
  const id = factId(fact.name);
  const group = element("div", { class: "fr-select-group", id: `${id}-group` });
  const label = element("label", { class: "fr-label", for: id });
  const { badge, text, hint } = labelParts();
  label.append(badge, text, hint);
  const select = element("select", { class: "fr-select", id, name: fact.name, autocomplete: "off" });
  select.append(element("option", { value: "" }));
  for (const choice of fact.choices) select.append(element("option", { value: choice }));
  const messages = messagesGroup(`${id}-messages`);
  group.append(label, select, messages);
  return { kind: "select", group, groupErrorClass: "fr-select-group--error", control: select, messages, badge, text, hint };
}

/**
 * The IAE criteria: a box per criterion, by level, and once ticked the date of its
 * proof (JJ/MM/AAAA). The module gets { criterion: "AAAA-MM-JJ" }, or true when no
 * date is typed (a criterion proven by identity; for the others the module asks
 * for the date).
 */
function buildCriteria(fact) {
  const id = factId(fact.name);
  const group = element("fieldset", { class: "fr-fieldset criteria", id, "aria-labelledby": `${id}-legend` });
  const legend = element("legend", { class: "fr-fieldset__legend", id: `${id}-legend` });
  const { badge, text, hint } = labelParts();
  legend.append(badge, text, hint);
  group.append(legend);
  const items = new Map();
  const levels = new Map();
  for (const choice of fact.choices ?? []) {
    const [criterion, level] = choice.split(":");
    if (!levels.has(level)) {
      const title = element("p", { class: "fr-fieldset__element fr-text--bold fr-mb-1v criteria__level", "data-level": level });
      levels.set(level, title);
      group.append(title);
    }
    const boxId = `${id}-${criterion}`;
    const row = element("div", { class: "fr-fieldset__element criteria__item", "data-criterion": criterion });
    const box = element("div", { class: "fr-checkbox-group" });
    const input = element("input", { type: "checkbox", id: boxId, name: fact.name, value: criterion });
    const boxLabel = element("label", { class: "fr-label", for: boxId });
    box.append(input, boxLabel);
    const dateGroup = element("div", { class: "fr-input-group criteria__date", id: `${boxId}-date-group` });
    const dateLabel = element("label", { class: "fr-label", for: `${boxId}-date` });
    const date = element("input", {
      class: "fr-input", type: "text", id: `${boxId}-date`, name: fact.name, "data-criterion": criterion,
      inputmode: "numeric", spellcheck: "false", autocomplete: "off",
    });
    const dateMessages = messagesGroup(`${boxId}-date-messages`);
    dateGroup.append(dateLabel, date, dateMessages);
    dateGroup.hidden = true;
    row.append(box, dateGroup);
    group.append(row);
    items.set(criterion, {
      input, boxLabel, date, dateLabel, dateGroup,
      target: { group: dateGroup, groupErrorClass: "fr-input-group--error", control: date, controlErrorClass: "fr-input--error", messages: dateMessages, shown: "" },
    });
  }
  const messages = messagesGroup(`${id}-messages`);
  group.append(messages);
  return { kind: "criteria", group, groupErrorClass: "fr-fieldset--error", control: null, messages, badge, text, hint, items, levels };
}

/** What the criteria controls say: { criterion: "AAAA-MM-JJ" | typed text | true }, or null. */
function criteriaValue(control) {
  const claims = {};
  for (const [criterion, item] of control.items) {
    item.dateGroup.hidden = !item.input.checked;
    if (!item.input.checked) continue;
    claims[criterion] = item.date.value.trim() === "" ? true : typedDate(item.date.value);
  }
  return Object.keys(claims).length ? claims : null;
}

/** Oui / Non / Je ne sais pas (which clears the fact). */
function buildRadios(fact) {
  const id = factId(fact.name);
  // role="radiogroup" (not DSFR's "group") so that aria-invalid is allowed on it.
  const group = element("fieldset", { class: "fr-fieldset", id, role: "radiogroup", "aria-labelledby": `${id}-legend` });
  const legend = element("legend", { class: "fr-fieldset__legend--regular fr-fieldset__legend", id: `${id}-legend` });
  const { badge, text, hint } = labelParts();
  legend.append(badge, text, hint);
  group.append(legend);
  const labels = {};
  for (const [value, key] of [["true", "yes"], ["false", "no"], ["unknown", "dontKnow"]]) {
    const radioId = `${id}-${value}`;
    const radio = element("div", { class: "fr-radio-group" });
    const label = element("label", { class: "fr-label", for: radioId });
    labels[key] = label;
    radio.append(element("input", { type: "radio", id: radioId, name: fact.name, value }), label);
    const item = element("div", { class: "fr-fieldset__element fr-fieldset__element--inline" });
    item.append(radio);
    group.append(item);
  }
  const messages = messagesGroup(`${id}-messages`);
  group.append(messages);
  return { group, groupErrorClass: "fr-fieldset--error", control: group, messages, badge, text, hint, labels };
}

/** "Question suivante" badge, label text, hint: the parts of a label or legend. */
function labelParts() {
  const badge = element("span", { class: "fr-badge fr-badge--sm fr-badge--new next-badge" });
  badge.hidden = true;
  return {
    badge,
    text: element("span", { class: "label-text" }),
    hint: element("span", { class: "fr-hint-text" }),
  };
}

function messagesGroup(id) {
  return element("div", { class: "fr-messages-group", id, "aria-live": "polite" });
}

// ---------------------------------------------------------------------------
// Texts: the page's words from orientation-texts.js, the rest from the module.

function applyTexts() {
  const words = texts[state.locale];
  applyWords(words, state.locale);
  renderProgrammeOptions();
  for (const [name, control] of state.controls) {
    const fact = factOf(name);
    control.text.textContent = fact.label;
    if (control.kind === "unsupported") control.hint.textContent = words.unsupported;
    else if (control.kind === "criteria") control.hint.textContent = words.criteriaHint;
    else control.hint.textContent = fact.kind === "date" ? words.dateHint : fact.help ?? words[`hint_${name}`] ?? "";
    if (control.kind === "select") {
      for (const option of control.control.options) {
        option.textContent = option.value === "" ? words.chooseOption : choiceLabel(fact, option.value);
      }
    }
    if (control.kind === "criteria") {
      for (const [level, title] of control.levels) title.textContent = words[`level${level}`] ?? level;
      for (const [criterion, item] of control.items) {
        item.boxLabel.textContent = criterionLabel(criterion);
        item.dateLabel.replaceChildren(words.proofDate, element("span", { class: "fr-hint-text" }, words.dateHint));
      }
    }
    control.badge.textContent = words.nextQuestion;
    if (control.labels) {
      for (const [key, label] of Object.entries(control.labels)) label.textContent = words[key];
    }
  }
}

const criterionLabel = (criterion) => state.labels.iae[`iae_criteria.${criterion}`] ?? criterion;

/** YYYY-MM-DD in the page's language (the programme's dates, the decision date). */
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
  const person = $("person");
  person.addEventListener("input", onFactEvent);
  person.addEventListener("change", onFactEvent);
  person.addEventListener("click", onCommuneChoice);
  $("programme").addEventListener("change", () => {
    state.programme = $("programme").value;
    applyTexts();
    recompute();
  });
  const onDate = (event) => {
    if (event.type === "change") tidyDate($("decision_date"));
    const date = typedDate($("decision_date").value);
    if (date === state.decisionDate) return;
    state.decisionDate = date;
    renderProgrammeOptions();
    recompute();
  };
  $("decision_date").addEventListener("input", onDate);
  $("decision_date").addEventListener("change", onDate);
  $("locale").addEventListener("change", (event) => {
    state.locale = event.target.value;
    loadCatalogue();
    applyTexts();
    recompute();
  });
  $("print").addEventListener("click", () => window.print());
}

function onFactEvent(event) {
  const name = event.target.name;
  const control = state.controls.get(name);
  if (!control || state.rendering) return;
  if (control.kind === "boolean") {
    const chosen = control.group.querySelector("input:checked")?.value;
    if (chosen === "unknown") state.dontKnow.add(name);
    else state.dontKnow.delete(name);
    setValue(name, chosen === "true" ? true : chosen === "false" ? false : null);
  } else if (control.kind === "criteria") {
    if (event.type === "change" && event.target.type === "text") tidyDate(event.target);
    const value = criteriaValue(control);
    if (JSON.stringify(state.values.get(name) ?? null) === JSON.stringify(value)) return;
    setValue(name, value);
  } else {
    if (event.type === "change" && control.kind === "date") tidyDate(event.target);
    const typed = control.kind === "date" ? typedDate(event.target.value) : event.target.value;
    const value = typed === "" ? null : typed;
    // "input" then "change" on the same text: already decided on.
    if ((state.values.get(name) ?? null) === value) return;
    setValue(name, value);
  }
  recompute();
}

/** "Which commune?": a candidate button fills the commune, then the field has focus. */
function onCommuneChoice(event) {
  const button = event.target.closest("button[data-commune]");
  if (!button) return;
  const input = state.controls.get("commune_name").control;
  input.value = button.dataset.commune;
  setValue("commune_name", input.value);
  recompute();
  input.focus();
}

function setValue(name, value) {
  if (value === null) {
    state.values.delete(name);
    state.answered = state.answered.filter((answered) => answered !== name);
  } else {
    state.values.set(name, value);
    if (!state.answered.includes(name)) state.answered.push(name);
  }
}

// ---------------------------------------------------------------------------
// The decision: one check per change (the request is a few facts).

function recompute() {
  const programme = currentProgramme();
  state.report = programme
    ? check({
        check: "eligibility",
        programme: programme.id,
        decision_date: state.decisionDate,
        locale: state.locale,
        // Every answer, also those of facts this programme does not read or whose
        // question is hidden: nothing typed is dropped.
        facts: Object.fromEntries(state.values),
      })
    : null;
  for (const rule of state.report?.decision?.rules ?? []) state.ruleKinds.set(rule.rule, rule.kind);
  render();
}

function render() {
  const active = document.activeElement;
  const selection = active && "selectionStart" in active ? [active.selectionStart, active.selectionEnd] : null;
  state.rendering = true;
  try {
    const programme = currentProgramme();
    $("no-programme").hidden = !!programme;
    $("questions").hidden = !programme;
    placeQuestions(programme, state.report);
    renderFindings(state.report);
    renderDecision(programme, state.report);
    renderSheet(programme, state.report);
  } finally {
    state.rendering = false;
  }
  // Moving questions never moves the focused one, but keep the caret if it did.
  if (active && active !== document.body && active.isConnected && document.activeElement !== active) {
    active.focus({ preventScroll: true });
    if (selection) {
      try {
        active.setSelectionRange(...selection);
      } catch {
        // Not a text control.
      }
    }
  }
}

/** Fact names of the report's `missing`, in its order (the first is the next question). */
const missingFacts = (report) =>
  (report?.missing ?? []).filter((path) => path.startsWith("facts.")).map((path) => path.slice("facts.".length));

/** A fact that only feeds priority publics: it can never change the decision. */
function isPriorityOnly(fact) {
  const kinds = fact.rules.map((rule) => state.ruleKinds.get(rule) ?? (rule === "ENT-PRIORITY" ? "priority" : "other"));
  return kinds.length > 0 && kinds.every((kind) => kind === "priority");
}

/**
 * Which questions show, where and in what order:
 * - residence: always, in its fixed order;
 * - situation: the answered facts (in the order they were answered, so that an
 *   answer never jumps away), then the missing ones as the report ranks them, then
 *   the sign-off once a derogation applies;
 * - priority publics (never decisive): until the person is not eligible;
 * - everything else is hidden, answers kept.
 */
function placeQuestions(programme, report) {
  const words = texts[state.locale];
  const decision = report?.decision;
  const missing = missingFacts(report);
  const facts = programme?.facts ?? [];
  const names = new Set(facts.map((fact) => fact.name));
  const answered = (name) => state.values.has(name);
  const priority = facts.filter((fact) => !missing.includes(fact.name) && !RESIDENCE.includes(fact.name) && isPriorityOnly(fact));
  const priorityNames = new Set(priority.map((fact) => fact.name));
  const isSituation = (name) => names.has(name) && !RESIDENCE.includes(name) && !priorityNames.has(name);

  const residence = RESIDENCE.filter((name) => names.has(name));
  const situation = [
    ...state.answered.filter(isSituation),
    ...missing.filter((name) => isSituation(name) && !answered(name)),
  ];
  if (decision?.derogation && isSituation(SIGN_OFF) && !situation.includes(SIGN_OFF)) situation.push(SIGN_OFF);
  // The IAE criteria: asked once it is known who made the diagnosis (the module
  // counts the criteria it is given; it cannot ask for criteria nobody claimed).
  if (isSituation(CRITERIA) && answered("diagnosed_by") && !situation.includes(CRITERIA)) situation.push(CRITERIA);
  const open = decision && decision.outcome !== "not_eligible";
  const priorityShown = priority.filter((fact) => answered(fact.name) || open).map((fact) => fact.name);

  const visible = new Set([...residence, ...situation, ...priorityShown]);
  for (const [name, control] of state.controls) control.wrapper.hidden = !visible.has(name);
  $("residence").hidden = residence.length === 0;
  arrange($("residence-facts"), residence);
  arrange($("situation-facts"), situation);
  arrange($("priority-facts"), priorityShown);
  $("priority").hidden = priorityShown.length === 0;

  const nothing = $("nothing-to-ask");
  nothing.hidden = situation.length > 0;
  nothing.textContent = decision ? words.nothingToAsk : words.nothingToAskYet;

  // The next question: the first missing fact shown, skipping those answered "je ne
  // sais pas" while another one can still be asked.
  const candidates = missing.filter((name) => visible.has(name));
  const next = criteriaPending(decision) ? CRITERIA : candidates.find((name) => !state.dontKnow.has(name)) ?? candidates[0];
  for (const [name, control] of state.controls) {
    control.badge.hidden = name !== next;
    control.wrapper.classList.toggle("fact--next", name === next);
  }
}

/**
 * Puts the wrappers of `names` in `container`, in that order, without ever moving the
 * one that holds the focus (moving a focused input would blur it mid-word).
 */
function arrange(container, names) {
  const nodes = names.map((name) => state.controls.get(name).wrapper);
  if (nodes.length === 0) return;
  let pivot = nodes.findIndex((node) => node.contains(document.activeElement) && node.parentNode === container);
  if (pivot < 0) {
    pivot = 0;
    if (nodes[0].parentNode !== container || container.firstElementChild !== nodes[0]) container.prepend(nodes[0]);
  }
  for (let i = pivot - 1; i >= 0; i--) {
    if (nodes[i].nextElementSibling !== nodes[i + 1]) container.insertBefore(nodes[i], nodes[i + 1]);
  }
  for (let i = pivot + 1; i < nodes.length; i++) {
    if (nodes[i - 1].nextElementSibling !== nodes[i]) container.insertBefore(nodes[i], nodes[i - 1].nextElementSibling);
  }
}

// ---------------------------------------------------------------------------
// Findings: under the fact (or setting) they are about, else at the top.

function renderFindings(report) {
  const words = texts[state.locale];
  const byTarget = new Map();
  const general = [];
  const criteria = state.controls.get("iae_criteria");
  for (const finding of report?.findings ?? []) {
    const fact = finding.path.startsWith("facts.") ? finding.path.slice("facts.".length) : null;
    const control = fact && state.controls.get(fact);
    const criterion = fact?.startsWith("iae_criteria.") ? criteria?.items.get(fact.slice("iae_criteria.".length)) : null;
    if (criterion && !criteria.wrapper.hidden) push(byTarget, fact, finding);
    else if (control && !control.wrapper.hidden) push(byTarget, fact, finding);
    else if (SETTINGS.includes(finding.path)) push(byTarget, finding.path, finding);
    else general.push(finding);
  }
  for (const [name, control] of state.controls) showFindings(control, byTarget.get(name) ?? []);
  for (const [id, item] of criteria?.items ?? []) showFindings(item.target, byTarget.get(`iae_criteria.${id}`) ?? []);
  for (const name of SETTINGS) showFindings(settingTarget(name), byTarget.get(name) ?? []);

  $("general-findings").hidden = general.length === 0;
  $("general-findings-list").replaceChildren(...general.map(findingItem));
  // On paper, every finding, each named by its fact.
  const all = report?.findings ?? [];
  $("sheet-findings").hidden = all.length === 0;
  $("sheet-findings-list").replaceChildren(...all.map(findingItem));
}

function findingItem(finding) {
  const words = texts[state.locale];
  const name = finding.path.startsWith("facts.") ? finding.path.slice("facts.".length) : "";
  const fact = name ? factOf(name) : null;
  const setting = { programme: words.programmeLabel, decision_date: words.decisionDateLabel }[finding.path];
  const label = name.startsWith("iae_criteria.") ? criterionLabel(name.slice("iae_criteria.".length)) : fact?.label ?? setting;
  const message = messageOf(finding);
  return element("li", { "data-code": finding.code }, label ? words.labelled(label, message) : message);
}

/** A finding's message; a date the page reads as typed says so in the page's own format. */
function messageOf(finding) {
  return pageMessage(finding, texts[state.locale].dateError);
}

function push(map, key, value) {
  if (!map.has(key)) map.set(key, []);
  map.get(key).push(value);
}

const settingTargets = new Map();
function settingTarget(name) {
  if (!settingTargets.has(name)) {
    const control = $(name);
    settingTargets.set(name, {
      group: $(`${name}-group`),
      groupErrorClass: name === "programme" ? "fr-select-group--error" : "fr-input-group--error",
      control,
      controlErrorClass: name === "programme" ? null : "fr-input--error",
      messages: $(`${name}-messages`),
      shown: "",
    });
  }
  return settingTargets.get(name);
}

/** Replaces a target's messages only when they changed (they are a live region). */
function showFindings(target, findings) {
  findings.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  const key = JSON.stringify(findings.map((finding) => [finding.code, messageOf(finding), finding.params]));
  if (key === target.shown) return;
  target.shown = key;
  const hasError = findings.some((finding) => finding.severity === "error");
  target.messages.replaceChildren(...findings.map(messageNodes).flat());
  target.group.classList.toggle(target.groupErrorClass, hasError);
  if (target.controlErrorClass) target.control.classList.toggle(target.controlErrorClass, hasError);
  if (!target.control) return;
  toggleAttribute(target.control, "aria-invalid", hasError ? "true" : null);
  toggleAttribute(target.control, "aria-describedby", findings.length ? target.messages.id : null);
}

function messageNodes(finding) {
  const className = finding.severity === "error" ? "fr-message fr-message--error" : "fr-message fr-message--warning";
  const message = element("p", { class: className, "data-code": finding.code }, messageOf(finding));
  if (finding.code !== "which_commune" || !finding.params.communes) return [message];
  // The candidates as choices: one click fills the commune.
  const candidates = String(finding.params.communes).split(", ").filter(Boolean);
  const words = texts[state.locale];
  const list = element("ul", { class: "fr-tags-group commune-choices", "aria-label": words.whichCommune });
  for (const name of candidates) {
    const item = element("li");
    item.append(element("button", { type: "button", class: "fr-tag", "data-commune": name }, name));
    list.append(item);
  }
  return [message, list];
}

function toggleAttribute(node, name, value) {
  if (value === null) node.removeAttribute(name);
  else node.setAttribute(name, value);
}

// ---------------------------------------------------------------------------
// Decision panel

/**
 * The outcome shown. An employer's IAE diagnosis with no criterion entered yet is
 * "incomplete", not "not eligible": the criteria are still to be typed (the module
 * judges the criteria it is given; none given is the page's question still open).
 */
function shownOutcome(decision) {
  return criteriaPending(decision) ? "incomplete" : decision.outcome;
}

function criteriaPending(decision) {
  if (!decision || decision.outcome !== "not_eligible") return false;
  if (!currentProgramme()?.facts.some((fact) => fact.name === CRITERIA)) return false;
  // No criterion ticked, or one ticked whose proof date is still to be typed.
  const proofAwaited = (state.report?.findings ?? []).some((finding) => finding.code === "proof_date_required");
  if (state.values.has(CRITERIA) && !proofAwaited) return false;
  const failed = decision.rules.filter((rule) => rule.status === "failed");
  return failed.length > 0 && failed.every((rule) => rule.kind === "iae_threshold");
}

/** The module's own question first: the IAE criteria (an employer's diagnosis with none). */
function criteriaAsked(decision, report) {
  return decision?.outcome === "incomplete" && report?.missing?.[0] === `facts.${CRITERIA}`;
}

function outcomeTitle(decision) {
  const words = texts[state.locale];
  const outcome = shownOutcome(decision);
  return outcome === "incomplete" ? words.outcome_incomplete() : words[`outcome_${outcome}`];
}

/** What the outcome adds to its title, said once (a plain "Éligible." adds nothing). */
function outcomeSummary(decision, report) {
  const words = texts[state.locale];
  if (criteriaPending(decision) || criteriaAsked(decision, report)) return words.criteriaNeeded;
  if (decision.outcome === "incomplete") return words.outcomeSummary_incomplete(missingFacts(report).length);
  return decision.derogation ? decision.summary : null;
}

function renderDecision(programme, report) {
  const words = texts[state.locale];
  const decision = report?.decision;
  let alert = "fr-alert--info";
  let title = words.noDecisionTitle;
  let summary = programme ? words.noDecision : words.noDecisionProgramme;
  let signatory = null;
  let recorded = null;
  if (decision) {
    alert = OUTCOME_ALERT[shownOutcome(decision)];
    title = outcomeTitle(decision);
    summary = outcomeSummary(decision, report);
    if (decision.derogation) {
      signatory = words.signatory(decision.derogation.signed_by);
      recorded = decision.derogation.recorded ? words.recorded : words.notRecorded;
    }
  }
  const box = $("decision-alert");
  box.classList.remove(...ALERT_CLASSES);
  box.classList.add(alert);
  box.dataset.outcome = decision ? shownOutcome(decision) : "none";
  // The alert is a live region: touch its text only when it changes.
  setText($("decision-outcome"), title);
  setText($("decision-summary"), summary);
  setText($("decision-signatory"), signatory);
  setText($("decision-recorded"), recorded);

  const ref = decision?.programme;
  setText($("decision-programme"), ref ? words.programmeLine(ref.source) : null);
  $("decision-technical").hidden = !ref?.territory_source;
  setText($("decision-territory"), ref?.territory_source ? words.territorySource(ref.territory_source) : null);

  $("explanation").hidden = !decision;
  $("print").hidden = !decision;
  if (!decision) return;
  $("rules").replaceChildren(...decision.rules.map(ruleItem));
  $("publics").textContent = decision.priority_publics.length ? publicsText(decision) : words.noPublics;
}

function setText(node, text) {
  node.hidden = text === null;
  if ((text ?? "") !== node.textContent) node.textContent = text ?? "";
}

const ruleTitle = (rule) => state.labels.rules[rule.rule] ?? texts[state.locale].ruleFallback;

/** A rule: its result and French title, its explanation and source; its identifier
 *  only in "Détails techniques". */
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
  if (rule.facts.length) {
    item.append(element("p", { class: "rule__facts" }, words.factsRead(rule.facts.map((name) => factOf(name)?.label ?? name).join(", "))));
  }
  item.append(technicalDetails(words.ruleId(rule.rule)));
  return item;
}

/** A "Détails techniques" disclosure: what only the people who need it read. */
function technicalDetails(...lines) {
  const details = element("details", { class: "technical fr-text--sm" });
  details.append(element("summary", {}, texts[state.locale].technical), ...lines.map((line) => element("p", { class: "rule__id" }, line)));
  return details;
}

/** Priority publics in words: the module names them by id. */
function publicsText(decision) {
  const words = texts[state.locale];
  return decision.priority_publics.map((id) => words[`public_${id}`] ?? factOf(id)?.label ?? id).join(", ");
}

// ---------------------------------------------------------------------------
// The sheet for the entry committee (shown by the print stylesheet only).

function renderSheet(programme, report) {
  const words = texts[state.locale];
  const decision = report?.decision;
  // The version the decision applied, when there is a decision.
  const applied = decision?.programme ?? programme;
  $("sheet-programme").textContent = applied
    ? `${words.programmeOption(applied.name, formatDate(applied.valid_from), formatDate(applied.valid_to))} — ${applied.source}`
    : "";
  $("sheet-date").textContent = formatDate(state.decisionDate);
  const outcome = $("sheet-outcome");
  outcome.replaceChildren(element("strong", {}, decision ? outcomeTitle(decision) : words.noDecisionTitle));
  const summary = decision ? outcomeSummary(decision, report) : null;
  if (summary) outcome.append(element("br"), summary);

  $("sheet-rules").tBodies[0].replaceChildren(
    ...(decision?.rules ?? []).map((rule) => row([ruleTitle(rule), words[`status_${rule.status}`] ?? rule.status, rule.message, rule.source])),
  );

  // The programme's facts as answered, then those still missing.
  const missing = missingFacts(report);
  const facts = (programme?.facts ?? []).filter((fact) => state.values.has(fact.name) || missing.includes(fact.name));
  $("sheet-facts").tBodies[0].replaceChildren(...facts.map((fact) => row([fact.label, answerText(fact.name)])));

  $("sheet-publics").textContent = decision ? words.sheetPublics(decision.priority_publics.length ? publicsText(decision) : "—") : "";

  const derogation = decision?.derogation;
  $("sheet-signature").hidden = !derogation;
  $("sheet-signature-line").hidden = !derogation || derogation.recorded;
  if (derogation) {
    $("sheet-signature-title").textContent =
      `${words.sheetSignature(derogation.signed_by)} — ${derogation.recorded ? words.recorded : words.notRecorded}`;
  }
}

function answerText(name) {
  const words = texts[state.locale];
  if (!state.values.has(name)) return words.notAnswered;
  const value = state.values.get(name);
  if (value === true) return words.yes;
  if (value === false) return words.no;
  if (name === "iae_criteria") {
    return Object.entries(value)
      .map(([criterion, proof]) => (proof === true ? criterionLabel(criterion) : `${criterionLabel(criterion)} (${shownDate(proof)})`))
      .join(" ; ");
  }
  if (factOf(name)?.kind === "date") return shownDate(value);
  return choiceLabel(factOf(name), value);
}

/** A choice in words: the module's IAE terms, or the labels a programme file gives
 *  its declared choices (`choice_labels`, in the order of `choices`). */
function choiceLabel(fact, value) {
  const declared = fact?.choice_labels?.[fact.choices?.indexOf(value) ?? -1];
  return state.labels.iae[`${fact?.name}.${value}`] ?? declared ?? String(value);
}

function row(cells) {
  const tr = element("tr");
  for (const cell of cells) tr.append(element("td", {}, cell));
  return tr;
}

main();
