// attach(form, options): the questionnaire checks on a form the portal already has.
//
//   import { attach } from "parcours/attach";            // or "/pkg/attach.js"
//   const checks = attach(document.querySelector("#questionnaire"), {
//     reference_date: "2026-11-23",                       // given by the portal, always
//     fields: { date_naiss: { path: "identity.birth_date", dateFormat: "dd/mm/yyyy" } },
//   });
//
// One straight line per keystroke: the page's input event → the control's value as
// the module expects it → QuestionnaireForm.update(path, value), and changes() when
// it says something changed → the findings that changed → messages on the portal's
// own markup. The kit never writes a value, never stops an event, and listens on the
// form only; detach() takes everything back.
//
// The module itself (parcours.js and its .wasm, compiled while it streams in) is
// loaded after attach(), by default when the person first reaches the form. Without
// WebAssembly, or if the module cannot be loaded, the form works as it did, with a
// notice that live checks are off.

import { commonFieldset, Display } from "./attach-display.js";
import { isCalendarDate, readField, readMapping } from "./attach-mapping.js";
import { LOCALES, messageFor, texts } from "./attach-texts.js";

const PHASES = ["entry", "exit", "follow_up"];
const MODES = ["inline", "native", "both"];
const LOADS = ["interaction", "eager"];
const SHOW_ON = ["change", "input"];
/** How long a submit made before the module is ready waits for it; then it goes unchecked. */
const SUBMIT_WAIT_MS = 8000;
/** Longest a press of the pointer holds messages back (its release may happen outside the form). */
const POINTER_WAIT_MS = 1000;

let loading = null;

/**
 * The module, imported and instantiated once per page whatever the number of forms.
 * The glue fetches parcours_bg.wasm next to itself (new URL(…, import.meta.url), which
 * bundlers also follow) and compiles it with WebAssembly.instantiateStreaming.
 */
function loadModule(wasm) {
  if (!loading) {
    loading = import("./parcours.js").then(async (module) => {
      await module.default(wasm === undefined ? undefined : { module_or_path: wasm });
      return module;
    });
    // A failed load may be tried again by a later attach().
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}

const attachedForms = new WeakSet();

/**
 * Binds the questionnaire checks to `form`. Throws a TypeError at once for settings
 * the portal got wrong (no reference date…). A mapping entry that names nothing (a
 * field the form does not have, at once; a path the questionnaire does not have, as
 * soon as the module is loaded) is one console error naming it: the rest is checked.
 * See attach.d.ts for every option.
 */
export function attach(form, options = {}) {
  if (!(typeof HTMLFormElement === "function" && form instanceof HTMLFormElement)) {
    throw new TypeError("parcours attach: the first argument must be a <form> element");
  }
  if (attachedForms.has(form)) throw new Error("parcours attach: this form is already attached; detach() it first");
  const attachment = new Attachment(form, options ?? {});
  attachedForms.add(form);
  return attachment.handle();
}

class Attachment {
  constructor(form, options) {
    this.form = form;
    this.settings = checkSettings({
      phase: options.phase ?? form.dataset.parcoursPhase ?? "entry",
      reference_date: options.reference_date ?? form.dataset.parcoursReferenceDate,
      locale: options.locale ?? form.dataset.parcoursLocale ?? "fr",
    });
    this.options = {
      display: oneOf("display", options.display ?? "inline", MODES),
      load: oneOf("load", options.load ?? "interaction", LOADS),
      showOn: oneOf("showOn", options.showOn ?? "change", SHOW_ON),
      blockSubmit: options.blockSubmit ?? true,
      focus: options.focus ?? true,
      messages: options.messages ?? {},
      wasm: options.wasm,
    };
    this.mapping = readMapping(form, options);
    for (const problem of this.mapping.problems) console.error(`parcours attach: ${problem}`);
    this.display = new Display(form, {
      classes: options.classes,
      mode: this.options.display,
      summary: options.summary ?? true,
      notice: options.notice ?? true,
      headingLevel: options.headingLevel ?? 2,
    });
    this.targets = new Map();
    for (const field of this.mapping.fields.values()) this.targets.set(field.path, this.display.fieldTarget(field));
    for (const place of this.mapping.places.values()) this.targets.set(place.path, this.display.placeTarget(place));

    this.status = "idle";
    this.module = null;
    this.questionnaire = null; // the module's QuestionnaireForm
    /** path → value last given to the module. */
    this.values = new Map();
    /** finding key → finding, as the module reports them. */
    this.findings = new Map();
    this.missing = new Set();
    /** Paths the person has changed (their messages show), and whether a submit was tried. */
    this.touched = new Set();
    this.submitted = false;
    this.summaryShown = false;
    this.rendered = new Map(); // target key → what it shows
    this.bypassSubmit = false;
    this.ready = new Promise((resolve) => {
      this.resolveReady = resolve;
    });

    this.listeners = new AbortController();
    const on = (type, handler, extra = {}) =>
      form.addEventListener(type, handler, { signal: this.listeners.signal, ...extra });
    on("input", (event) => this.onEdit(event, this.options.showOn === "input"));
    on("change", (event) => this.onEdit(event, true));
    // Capture: on the form itself this runs before the page's own submit listeners,
    // which can then see event.defaultPrevented. Never stopped, only prevented.
    on("submit", (event) => this.onSubmit(event), { capture: true });
    on("reset", () => this.onReset());
    // A message that appears when a field is left pushes the page down. When the
    // field is left by pressing the pointer on another control, the release would
    // then land beside it and the click be lost: messages wait for the release.
    on("pointerdown", () => {
      this.pointerDown = true;
      clearTimeout(this.pointerTimer);
      this.pointerTimer = setTimeout(() => this.pointerReleased(), POINTER_WAIT_MS);
    });
    on("pointerup", () => setTimeout(() => this.pointerReleased(), 0));
    on("pointercancel", () => this.pointerReleased());

    if (typeof WebAssembly !== "object" || WebAssembly === null || typeof WebAssembly.instantiate !== "function") {
      this.unavailable();
    } else if (this.options.load === "eager") {
      this.load();
    } else {
      on("focusin", () => this.load(), { once: true });
      on("pointerdown", () => this.load(), { once: true });
    }
  }

  handle() {
    const self = this;
    return Object.freeze({
      get status() {
        return self.status;
      },
      ready: this.ready,
      load: () => this.load(),
      report: () => this.report(),
      validate: (options) => this.validate(options),
      update: (settings) => this.update(settings),
      setReferenceDate: (date) => this.update({ reference_date: date }),
      detach: () => this.detach(),
    });
  }

  // ---------------------------------------------------------------------------
  // Loading

  load() {
    if (this.status !== "idle") return this.ready;
    this.status = "loading";
    loadModule(this.options.wasm).then(
      (module) => {
        if (this.status !== "loading") return;
        this.module = module;
        this.status = "ready";
        try {
          this.start();
        } catch {
          // A module that cannot check this form must not stop it from being sent.
          this.questionnaire = null;
          this.unavailable();
          return;
        }
        this.resolveReady(true);
      },
      () => {
        if (this.status !== "loading") return;
        this.unavailable();
      },
    );
    return this.ready;
  }

  unavailable() {
    this.status = "unavailable";
    this.display.showNotice(texts[this.settings.locale].notice, this.settings.locale);
    this.resolveReady(false);
  }

  /**
   * A path the questionnaire does not have (a typo, an old name) is said once, as
   * soon as the module can tell, and that field is left out: the rest is checked.
   */
  dropUnknownPaths() {
    const known = new Set(this.module.schema().sections.flatMap((section) => [section.name, ...section.fields.map((field) => field.path)]));
    for (const field of [...this.mapping.fields.values()]) {
      if (known.has(field.path)) continue;
      console.error(`parcours attach: ${field.origin}: "${field.path}" is not a question of the questionnaire; this field is not checked`);
      this.mapping.fields.delete(field.path);
      this.targets.delete(field.path);
      for (const control of field.controls) this.mapping.byControl.delete(control);
    }
  }

  /** A new QuestionnaireForm given every current value; every target shown afresh. */
  start() {
    if (!this.questionnaire) this.dropUnknownPaths();
    this.questionnaire?.free();
    this.questionnaire = new this.module.QuestionnaireForm({ ...this.settings });
    this.values.clear();
    for (const field of this.mapping.fields.values()) {
      const value = this.read(field);
      if (value !== null) this.questionnaire.set(field.path, value);
      this.values.set(field.path, value);
    }
    const report = this.questionnaire.report();
    this.findings = new Map(report.findings.map((finding) => [findingKey(finding), finding]));
    this.missing = new Set(report.missing);
    this.placeCache = new Map();
    for (const target of this.targets.values()) this.display.prepare(target);
    this.rendered.clear();
    this.renderAll();
  }

  // ---------------------------------------------------------------------------
  // Events

  onEdit(event, reveal) {
    if (this.status === "idle") this.load();
    const field = this.mapping.byControl.get(event.target);
    if (field && reveal) this.touched.add(field.path);
    if (this.status !== "ready") return;
    this.sync();
    this.scheduleRender();
  }

  scheduleRender() {
    if (this.pointerDown) this.renderPending = true;
    else this.renderAll();
  }

  pointerReleased() {
    clearTimeout(this.pointerTimer);
    this.pointerDown = false;
    if (this.renderPending && this.status === "ready") this.renderAll();
    this.renderPending = false;
  }

  onSubmit(event) {
    if (this.bypassSubmit) return;
    if (this.status === "ready") {
      const blockers = this.check();
      if (blockers.length && this.options.blockSubmit) {
        event.preventDefault();
        this.focusFirst(blockers);
      }
      return;
    }
    if (this.status === "unavailable" || !this.options.blockSubmit) return;
    // Submitted before the module arrived: hold this submit, check, then send it again
    // (once, however many times the button was pressed meanwhile).
    event.preventDefault();
    if (this.held) return;
    this.held = true;
    const { submitter } = event;
    this.load();
    const late = new Promise((resolve) => setTimeout(() => resolve(false), SUBMIT_WAIT_MS));
    Promise.race([this.ready, late]).then((live) => {
      this.held = false;
      if (this.status === "detached") return;
      const blockers = live ? this.check() : [];
      if (blockers.length) this.focusFirst(blockers);
      else this.resubmit(submitter);
    });
  }

  resubmit(submitter) {
    this.bypassSubmit = true;
    try {
      if (typeof this.form.requestSubmit === "function") {
        this.form.requestSubmit(submitter?.form === this.form ? submitter : undefined);
      } else {
        HTMLFormElement.prototype.submit.call(this.form);
      }
    } finally {
      this.bypassSubmit = false;
    }
  }

  onReset() {
    // "reset" comes before the controls are reset.
    setTimeout(() => {
      if (this.status === "detached") return;
      this.touched.clear();
      this.submitted = false;
      this.summaryShown = false;
      this.display.renderSummary([]);
      if (this.status !== "ready") return;
      this.sync();
      this.renderAll();
    }, 0);
  }

  // ---------------------------------------------------------------------------
  // Values and findings

  /** A disabled control is not submitted: not answered. */
  read(field) {
    if (field.controls.every((control) => control.disabled)) return null;
    return readField(field);
  }

  /**
   * Gives the module every value that changed since it last saw it — the edited
   * control, and any the page's own scripts changed or disabled.
   */
  sync() {
    let changed = false;
    for (const field of this.mapping.fields.values()) {
      const value = this.read(field);
      if (Object.is(this.values.get(field.path), value)) continue;
      this.values.set(field.path, value);
      // `update` says whether anything changed; the diff is read once, at the end.
      if (this.questionnaire.update(field.path, value)) changed = true;
    }
    if (!changed) return;
    const diff = this.questionnaire.changes();
    for (const finding of diff.removed) this.findings.delete(findingKey(finding));
    for (const finding of diff.added) this.findings.set(findingKey(finding), finding);
    for (const path of diff.missing_removed) this.missing.delete(path);
    for (const path of diff.missing_added) this.missing.add(path);
  }

  /** Every displayed entry per target: findings and "required", visible or not. */
  entriesByTarget() {
    const locale = this.settings.locale;
    const byTarget = new Map();
    const add = (target, entry) => {
      if (!byTarget.has(target)) byTarget.set(target, []);
      byTarget.get(target).push(entry);
    };
    for (const finding of this.findings.values()) {
      const target = this.targetOf(finding);
      if (!target) continue;
      const visible = this.submitted || this.touched.has(finding.path) || !!finding.related?.some((path) => this.touched.has(path));
      add(target, { ...finding, text: this.text(finding, target), visible });
    }
    for (const path of this.missing) {
      const target = this.targets.get(path);
      if (!target?.field) continue;
      const entry = { code: "required", path, severity: "error", params: {}, message: texts[locale].required };
      add(target, { ...entry, text: this.text(entry, target), visible: this.submitted || this.touched.has(path) });
    }
    for (const entries of byTarget.values()) entries.sort(bySeverity);
    return byTarget;
  }

  /** The portal's text for the code if it gave one, else the module's (or the kit's). */
  text(entry, target) {
    const locale = this.settings.locale;
    let base = entry;
    if (entry.code === "invalid_date_format" && target?.field?.dateFormat === "dd/mm/yyyy") {
      base = { ...entry, message: texts[locale].date_format_dmy };
    }
    return messageFor(base, this.options.messages, locale, {
      locale,
      get label() {
        return target?.label() ?? "";
      },
    });
  }

  /**
   * Where a finding shows: its field or place; for a section-level finding (path
   * `situation`), the fieldset around the fields it is about, else the first of them.
   */
  targetOf(finding) {
    const direct = this.targets.get(finding.path);
    if (direct) return direct.displayable ? direct : null;
    const related = (finding.related ?? []).map((path) => this.targets.get(path)).filter((target) => target?.displayable);
    if (!related.length) return null;
    if (!finding.path.includes(".") && related.length > 1) {
      if (!this.placeCache.has(finding.path)) {
        const element = commonFieldset(related.flatMap((target) => target.controls), this.form);
        const place = element ? this.display.placeTarget({ path: finding.path, element }) : null;
        if (place) {
          this.display.prepare(place);
          this.targets.set(finding.path, place);
        }
        this.placeCache.set(finding.path, place);
      }
      if (this.placeCache.get(finding.path)) return this.placeCache.get(finding.path);
    }
    return related.sort(byPageOrder)[0];
  }

  renderAll() {
    this.renderPending = false;
    const byTarget = this.entriesByTarget();
    const locale = this.settings.locale;
    for (const target of this.targets.values()) {
      const entries = (byTarget.get(target) ?? []).filter((entry) => entry.visible);
      const shown = JSON.stringify([locale, entries.map((entry) => [entry.severity, entry.code, entry.text])]);
      if (this.rendered.get(target.key) === shown) continue;
      this.rendered.set(target.key, shown);
      this.display.render(target, entries, locale);
    }
    if (this.summaryShown) {
      const blockers = this.blockers(byTarget);
      this.display.renderSummary(blockers, locale, texts[locale]);
      // Once every error is fixed the summary goes, until the next submit.
      this.summaryShown = blockers.length > 0;
    }
  }

  /** Errors the person can reach and fix, in page order: what blocks the submit. */
  blockers(byTarget = this.entriesByTarget()) {
    const items = [];
    for (const [target, entries] of byTarget) {
      if (!target.focusable()) continue;
      for (const entry of entries) if (entry.severity === "error") items.push({ target, text: entry.text });
    }
    return items.sort((a, b) => byPageOrder(a.target, b.target));
  }

  /** As on submit: every message shows; returns the blockers. */
  check() {
    this.submitted = true;
    this.sync();
    const blockers = this.blockers();
    this.summaryShown = blockers.length > 0;
    this.renderAll();
    return blockers;
  }

  focusFirst(blockers) {
    if (!this.options.focus || !blockers.length) return;
    const element = blockers[0].target.focusable();
    if (!element) return;
    if (this.display.native && !this.display.inline) element.reportValidity?.();
    element.focus();
  }

  // ---------------------------------------------------------------------------
  // The handle

  publicReport() {
    const report = this.questionnaire.report();
    return { ...report, findings: report.findings.map((finding) => ({ ...finding, message: this.text(finding, this.targets.get(finding.path)) })) };
  }

  report() {
    if (this.status !== "ready") return null;
    this.sync();
    return this.publicReport();
  }

  async validate({ focus = false } = {}) {
    const live = await this.load();
    if (!live || this.status !== "ready") return { ok: true, report: null };
    const blockers = this.check();
    if (focus) this.focusFirst(blockers);
    return { ok: blockers.length === 0, report: this.publicReport() };
  }

  update(change) {
    if (this.status === "detached") throw new Error("parcours attach: detached");
    const next = checkSettings({ ...this.settings, ...pick(change ?? {}, ["phase", "reference_date", "locale"]) });
    const localeChanged = next.locale !== this.settings.locale;
    this.settings = next;
    if (this.status === "ready") this.start();
    else if (this.status === "unavailable" && localeChanged) this.display.showNotice(texts[next.locale].notice, next.locale);
  }

  detach() {
    if (this.status === "detached") return;
    const wasReady = this.status === "ready";
    this.status = "detached";
    clearTimeout(this.pointerTimer);
    this.listeners.abort();
    this.display.restore();
    if (wasReady) this.questionnaire?.free();
    this.questionnaire = null;
    attachedForms.delete(this.form);
    this.resolveReady(false);
  }
}

// -----------------------------------------------------------------------------

function checkSettings(settings) {
  if (!isCalendarDate(settings.reference_date)) {
    throw new TypeError(
      "parcours attach: reference_date is required, as YYYY-MM-DD of a day that exists; the portal gives it (the kit reads no clock)",
    );
  }
  oneOf("phase", settings.phase, PHASES);
  oneOf("locale", settings.locale, LOCALES);
  return { phase: settings.phase, reference_date: settings.reference_date, locale: settings.locale };
}

function oneOf(name, value, allowed) {
  if (!allowed.includes(value)) throw new TypeError(`parcours attach: ${name} must be one of ${allowed.join(", ")}`);
  return value;
}

function pick(object, keys) {
  return Object.fromEntries(keys.filter((key) => object[key] !== undefined).map((key) => [key, object[key]]));
}

/** Same finding, same key: a Diff's `removed` repeats findings as they were reported. */
function findingKey(finding) {
  return JSON.stringify([finding.code, finding.path, finding.severity, finding.params, finding.related ?? []]);
}

const bySeverity = (a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1);

function byPageOrder(a, b) {
  const x = a.focusable?.() ?? a.described?.[0];
  const y = b.focusable?.() ?? b.described?.[0];
  if (!x || !y || x === y) return 0;
  return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}
