// Showing findings on the portal's own markup — messages next to the field, error
// classes, aria-invalid and aria-describedby, the constraint validation API, an error
// summary, a notice when live checks are off — and taking every bit of it back on
// detach. Each element's attributes are remembered before their first change.

/** The DSFR's classes (the default), as the French State's design system writes them. */
export const DSFR_CLASSES = {
  group: ".fr-input-group, .fr-select-group, .fr-fieldset, .fr-checkbox-group, .fr-radio-group, .fr-toggle, .fr-upload-group",
  // Each DSFR group has its own error modifier: fr-input-group → fr-input-group--error.
  groupError: (group) =>
    ["fr-input-group", "fr-select-group", "fr-fieldset", "fr-checkbox-group", "fr-toggle", "fr-upload-group"]
      .filter((name) => group.classList.contains(name))
      .map((name) => `${name}--error`),
  controlError: (control) => (control.classList.contains("fr-input") ? ["fr-input--error"] : []),
  messages: "fr-messages-group",
  error: "fr-message fr-message--error",
  warning: "fr-message fr-message--warning",
  summary: "fr-alert fr-alert--error fr-mb-3w",
  summaryTitle: "fr-alert__title",
  summaryList: "",
  notice: "fr-alert fr-alert--info fr-alert--sm fr-mb-3w",
};

const CLASS_KEYS = ["group", "groupError", "controlError", "messages", "error", "warning", "summary", "summaryTitle", "summaryList", "notice"];

/**
 * "dsfr" (or nothing) → the DSFR's classes; an object → exactly the portal's classes
 * (a key left out adds no class). groupError and controlError may be functions of
 * the element, as for the DSFR.
 */
export function normalizeClasses(classes) {
  if (classes === undefined || classes === "dsfr") return DSFR_CLASSES;
  if (typeof classes !== "object" || classes === null) throw new TypeError('parcours attach: classes must be "dsfr" or an object');
  for (const key of Object.keys(classes)) {
    if (!CLASS_KEYS.includes(key)) throw new TypeError(`parcours attach: unknown classes.${key} (known: ${CLASS_KEYS.join(", ")})`);
  }
  return { ...Object.fromEntries(CLASS_KEYS.map((key) => [key, ""])), ...classes };
}

const words = (value, element) => {
  const list = typeof value === "function" ? value(element) : value;
  return (Array.isArray(list) ? list : String(list ?? "").split(/\s+/)).filter(Boolean);
};

let instances = 0;

export class Display {
  /**
   * mode: "inline" (messages in the page), "native" (setCustomValidity only) or "both";
   * summary: true (top of the form), false, or an element to put it in; notice: the same.
   */
  constructor(form, { classes, mode, summary, notice, headingLevel }) {
    this.form = form;
    this.classes = normalizeClasses(classes);
    this.inline = mode !== "native";
    this.native = mode !== "inline";
    this.summaryPlace = summary;
    this.noticePlace = notice;
    this.headingLevel = headingLevel;
    this.prefix = `parcours-${++instances}`;
    this.count = 0;
    /** element → { attributes: Map(name → original value or null), added: Set(class), hadClass, validity } */
    this.originals = new Map();
    /** Elements the kit inserted, removed on detach. */
    this.created = [];
    this.summary = null;
    this.notice = null;
    this.listeners = new AbortController();
  }

  // -------------------------------------------------------------------------
  // Targets: where a field's (or a place's) findings are shown.

  /** A mapped field: its controls, the element(s) described, its group, where messages go. */
  fieldTarget(field) {
    const { controls } = field;
    const first = controls[0];
    // Radios in a fieldset of their own: the fieldset is described, messages end it.
    const fieldset = field.kind === "radio" ? ownFieldset(controls, this.form) : null;
    const last = controls.at(-1);
    // Messages never go inside a label: they would become part of the field's name.
    const after = fieldset ? null : last.closest("label") ?? (field.kind === "text" || field.kind === "select" ? null : labelAfter(last)) ?? last;
    return {
      key: field.path,
      field,
      controls,
      described: fieldset ? [fieldset] : field.kind === "radio" ? controls : [first],
      group: this.closestGroup(fieldset ?? first),
      insert: (node) => (after ? after.after(node) : fieldset.append(node)),
      // Hidden inputs hold what the portal already knows: nothing to show the person.
      displayable: controls.some((control) => control.type !== "hidden"),
      focusable: () => {
        const usable = controls.filter(isUsable);
        return usable.find((control) => control.checked) ?? usable[0] ?? null;
      },
      label: () => (fieldset ? legendText(fieldset) : labelText(first)),
    };
  }

  /** A place (fieldset or other element) that shows the findings about a section. */
  placeTarget(place) {
    const { element } = place;
    const legend = element.localName === "fieldset" ? [...element.children].find((child) => child.localName === "legend") : null;
    return {
      key: place.path,
      place,
      controls: [],
      described: [element],
      group: this.closestGroup(element) ?? null,
      insert: (node) => (legend ? legend.after(node) : element.prepend(node)),
      displayable: true,
      focusable: () => {
        const invalid = element.querySelector('[aria-invalid="true"]');
        if (invalid && isUsable(invalid)) return invalid;
        return [...element.querySelectorAll("input, select, textarea")].find(isUsable) ?? null;
      },
      label: () => (legend ? legendText(element) : element.getAttribute("aria-label") ?? ""),
    };
  }

  closestGroup(element) {
    if (!this.classes.group) return null;
    const group = element.closest(this.classes.group);
    return group && group !== this.form && this.form.contains(group) ? group : null;
  }

  /** The (empty) live region under a target, made before any message can appear. */
  prepare(target) {
    if (!this.inline || !target.displayable || target.messages) return;
    const messages = document.createElement("div");
    messages.id = `${this.prefix}-${++this.count}-messages`;
    setClasses(messages, this.classes.messages);
    messages.setAttribute("aria-live", "polite");
    messages.dataset.parcoursMessages = target.key;
    target.insert(messages);
    this.created.push(messages);
    target.messages = messages;
  }

  /**
   * Shows `entries` ([{ code, severity, text }], errors first) on `target`: messages,
   * classes, aria-invalid (errors only), aria-describedby, custom validity.
   */
  render(target, entries, locale) {
    const hasError = entries.some((entry) => entry.severity === "error");
    if (target.messages) {
      target.messages.replaceChildren(
        ...entries.map((entry) => {
          const node = document.createElement("p");
          setClasses(node, entry.severity === "error" ? this.classes.error : this.classes.warning);
          node.dataset.parcoursCode = entry.code;
          node.lang = locale;
          node.textContent = entry.text;
          return node;
        }),
      );
      for (const element of target.described) {
        this.setTokens(element, "aria-describedby", entries.length ? [target.messages.id] : []);
      }
    }
    if (target.group) this.toggleClasses(target.group, words(this.classes.groupError, target.group), hasError);
    const invalidOn = target.controls.length ? target.controls : target.described;
    for (const control of target.controls) this.toggleClasses(control, words(this.classes.controlError, control), hasError);
    for (const element of invalidOn) this.setAttribute(element, "aria-invalid", hasError ? "true" : undefined);
    if (this.native) {
      const text = entries.find((entry) => entry.severity === "error")?.text ?? "";
      for (const control of target.controls) this.setValidity(control, text);
    }
  }

  // -------------------------------------------------------------------------
  // Summary and notice

  /** items: [{ target, text }] in page order; none hides the summary. */
  renderSummary(items, locale, texts) {
    if (this.summaryPlace === false) return;
    if (!items.length) {
      if (this.summary) this.summary.hidden = true;
      return;
    }
    if (!this.summary) {
      this.summary = document.createElement("div");
      this.summary.id = `${this.prefix}-summary`;
      setClasses(this.summary, this.classes.summary);
      this.summary.dataset.parcoursSummary = "";
      const title = document.createElement(this.headingLevel ? `h${this.headingLevel}` : "p");
      title.id = `${this.prefix}-summary-title`;
      setClasses(title, this.classes.summaryTitle);
      this.summary.setAttribute("aria-labelledby", title.id);
      this.summary.setAttribute("role", "group");
      const list = document.createElement("ul");
      setClasses(list, this.classes.summaryList);
      this.summary.append(title, list);
      this.summary.addEventListener("click", (event) => this.followSummaryLink(event), { signal: this.listeners.signal });
      this.place(this.summary, this.summaryPlace);
    }
    this.summary.hidden = false;
    this.summary.lang = locale;
    this.summaryTargets = new Map();
    this.summary.firstChild.textContent = texts.summaryTitle(items.length);
    this.summary.lastChild.replaceChildren(
      ...items.map(({ target, text }, index) => {
        const item = document.createElement("li");
        const link = document.createElement("a");
        const focus = target.focusable();
        link.href = focus?.id ? `#${focus.id}` : "#";
        link.dataset.parcoursTarget = String(index);
        link.textContent = texts.summaryItem(target.label(), text);
        this.summaryTargets.set(String(index), target);
        item.append(link);
        return item;
      }),
    );
  }

  /** A summary link moves focus to its field (the fragment alone would not focus a radio group). */
  followSummaryLink(event) {
    const link = event.target.closest?.("a[data-parcours-target]");
    const target = link && this.summaryTargets?.get(link.dataset.parcoursTarget);
    if (!target) return;
    event.preventDefault();
    target.focusable()?.focus();
  }

  showNotice(text, locale) {
    if (this.noticePlace === false) return;
    if (!this.notice) {
      this.notice = document.createElement("div");
      setClasses(this.notice, this.classes.notice);
      this.notice.setAttribute("role", "status");
      this.notice.dataset.parcoursNotice = "";
      this.notice.append(document.createElement("p"));
      this.place(this.notice, this.noticePlace);
    }
    this.notice.lang = locale;
    this.notice.firstChild.textContent = text;
  }

  place(node, where) {
    if (where instanceof Element) where.append(node);
    else this.form.prepend(node);
    this.created.push(node);
  }

  // -------------------------------------------------------------------------
  // Changes that are remembered and undone

  remember(element, attribute) {
    let original = this.originals.get(element);
    if (!original) {
      original = { attributes: new Map(), added: new Set(), hadClass: element.hasAttribute("class"), validity: false };
      this.originals.set(element, original);
    }
    if (attribute && !original.attributes.has(attribute)) original.attributes.set(attribute, element.getAttribute(attribute));
    return original;
  }

  /** `value` undefined: back to the portal's own value. */
  setAttribute(element, name, value) {
    const original = this.remember(element, name).attributes.get(name);
    const next = value === undefined ? original : value;
    if (next === null) element.removeAttribute(name);
    else if (element.getAttribute(name) !== next) element.setAttribute(name, next);
  }

  /** The portal's own tokens (e.g. its hint's id) stay, ours follow them. */
  setTokens(element, name, tokens) {
    const original = this.remember(element, name).attributes.get(name);
    if (!tokens.length) return this.setAttribute(element, name, undefined);
    const own = (original ?? "").split(/\s+/).filter(Boolean);
    this.setAttribute(element, name, [...own, ...tokens.filter((token) => !own.includes(token))].join(" "));
  }

  toggleClasses(element, names, on) {
    if (!names.length) return;
    const original = this.remember(element);
    for (const name of names) {
      if (on && !element.classList.contains(name)) {
        element.classList.add(name);
        original.added.add(name);
      } else if (!on && original.added.has(name)) {
        element.classList.remove(name);
        original.added.delete(name);
      }
    }
    if (!original.hadClass && element.classList.length === 0) element.removeAttribute("class");
  }

  setValidity(control, text) {
    if (typeof control.setCustomValidity !== "function") return;
    const original = this.remember(control);
    if (!text && !original.validity) return;
    original.validity = true;
    control.setCustomValidity(text);
  }

  /** Everything back as it was: attributes, classes, validity; inserted elements removed. */
  restore() {
    this.listeners.abort();
    for (const node of this.created) node.remove();
    this.created = [];
    for (const [element, original] of this.originals) {
      for (const [name, value] of original.attributes) {
        if (value === null) element.removeAttribute(name);
        else element.setAttribute(name, value);
      }
      for (const name of original.added) element.classList.remove(name);
      if (!original.hadClass && element.classList.length === 0) element.removeAttribute("class");
      if (original.validity) element.setCustomValidity("");
    }
    this.originals.clear();
  }
}

function setClasses(element, value) {
  const list = words(value, element);
  if (list.length) element.classList.add(...list);
}

/** Can the person reach it: rendered, enabled, not a hidden input. */
export function isUsable(control) {
  return !!control && !control.disabled && control.type !== "hidden" && control.getClientRects().length > 0;
}

/** The innermost fieldset inside the form that holds every one of `controls`. */
export function commonFieldset(controls, form) {
  let fieldset = controls[0]?.closest("fieldset");
  while (fieldset && fieldset !== form && form.contains(fieldset)) {
    if (controls.every((control) => fieldset.contains(control))) return fieldset;
    fieldset = fieldset.parentElement?.closest("fieldset");
  }
  return null;
}

/** The fieldset around a radio group that holds nothing but that group. */
function ownFieldset(radios, form) {
  const fieldset = radios[0].closest("fieldset");
  if (!fieldset || fieldset === form || !form.contains(fieldset)) return null;
  const others = [...fieldset.elements].filter((element) => !radios.includes(element) && element.localName !== "fieldset" && element.type !== "hidden");
  return radios.every((radio) => fieldset.contains(radio)) && !others.length ? fieldset : null;
}

/** The label that follows a radio or checkbox (its usual place), if any. */
function labelAfter(control) {
  const next = control.nextElementSibling;
  return next?.localName === "label" && (next.htmlFor === control.id || next.contains(control)) ? next : null;
}

const clean = (text) => text.replace(/\s+/g, " ").replace(/[\s*:]+$/, "").trim();

function labelText(control) {
  const label = control.labels?.[0];
  if (label) {
    // The label's own words, without a nested control's text (a select's options).
    const copy = label.cloneNode(true);
    for (const nested of copy.querySelectorAll("select, textarea, [data-parcours-messages]")) nested.remove();
    return clean(copy.textContent);
  }
  return clean(control.getAttribute("aria-label") ?? control.title ?? control.name ?? "");
}

function legendText(fieldset) {
  const legend = [...fieldset.children].find((child) => child.localName === "legend");
  return legend ? clean(legend.textContent) : clean(fieldset.getAttribute("aria-label") ?? "");
}
