// Which of the portal's controls give which questionnaire path, and how to read them.
// A portal maps its fields with `data-parcours-path` attributes, an options object
// (`fields: { date_naiss: "identity.birth_date" }`), or both; its controls keep their
// own names, values and markup. Reading never writes: the kit only looks at `.value`
// and `.checked`.

const PATH = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$/;
const DATE_FORMATS = ["yyyy-mm-dd", "dd/mm/yyyy"];

/**
 * A mapped field:
 *   { path, name, kind: "text" | "select" | "radio" | "checkbox", controls: Element[],
 *     values: Map<string, any>, unchecked, dateFormat }
 * A place (a fieldset or any element with `data-parcours-path` that is not a control):
 *   { path, element } — where the findings about `path` (often a section, such as
 *   `situation`) are shown.
 */
export function readMapping(form, options) {
  const fields = new Map(); // path → field
  const places = new Map(); // path → place
  const byName = new Map(); // control name → field
  // Mapping entries that name nothing in the form: said (attach() logs each once),
  // left out, and the rest of the form is checked.
  const problems = [];

  const addField = (path, controls, spec, origin) => {
    if (!PATH.test(path) || !path.includes(".")) {
      throw new TypeError(`parcours attach: ${origin}: "${path}" is not a questionnaire path (section.field)`);
    }
    const name = controls[0].name;
    const existing = fields.get(path);
    if (existing) {
      if (existing.name === name && name) return mergeSpec(existing, spec);
      throw new TypeError(`parcours attach: ${origin}: "${path}" is already given by another field`);
    }
    if (name && byName.has(name)) {
      throw new TypeError(`parcours attach: ${origin}: the field "${name}" is already mapped to "${byName.get(name).path}"`);
    }
    const field = { path, name, origin, kind: kindOf(controls, origin), controls, values: new Map(), unchecked: false, dateFormat: "yyyy-mm-dd" };
    mergeSpec(field, spec, origin);
    for (const control of controls) readValueAttributes(field, control);
    fields.set(path, field);
    if (name) byName.set(name, field);
    return field;
  };

  // 1. The options object, by control name.
  for (const [name, raw] of Object.entries(options.fields ?? {})) {
    const spec = typeof raw === "string" ? { path: raw } : raw;
    if (!spec || typeof spec.path !== "string") {
      throw new TypeError(`parcours attach: fields.${name} must be a path or { path, … }`);
    }
    const controls = controlsNamed(form, name);
    if (!controls.length) {
      problems.push(`fields.${name}: the form has no field named "${name}"; this entry is ignored`);
      continue;
    }
    addField(spec.path, controls, spec, `fields.${name}`);
  }

  // 2. data-parcours-path on controls (form.elements also holds controls outside the
  //    form that name it with form="…") and on places inside the form.
  for (const control of form.elements) {
    const path = control.getAttribute("data-parcours-path");
    if (path === null || control.localName === "fieldset") continue;
    const controls = control.name ? controlsNamed(form, control.name) : [control];
    const spec = {
      path,
      dateFormat: control.getAttribute("data-parcours-date-format") ?? undefined,
      unchecked: control.hasAttribute("data-parcours-unchecked") ? parseLiteral(control.getAttribute("data-parcours-unchecked")) : undefined,
    };
    addField(path, controls, spec, `data-parcours-path on "${control.name || control.id || control.localName}"`);
  }
  for (const element of form.querySelectorAll("[data-parcours-path]")) {
    if (isControl(element)) continue;
    const path = element.getAttribute("data-parcours-path");
    if (!PATH.test(path)) throw new TypeError(`parcours attach: data-parcours-path="${path}" is not a questionnaire path`);
    if (places.has(path)) throw new TypeError(`parcours attach: two places for "${path}"`);
    places.set(path, { path, element });
  }
  for (const [path, selector] of Object.entries(options.places ?? {})) {
    const element = typeof selector === "string" ? form.querySelector(selector) : selector;
    if (!element) {
      problems.push(`places.${path}: nothing in the form matches ${selector}; this entry is ignored`);
      continue;
    }
    places.set(path, { path, element });
  }
  return { fields, places, problems, byControl: indexControls(fields) };
}

function mergeSpec(field, spec, origin) {
  if (spec.values) {
    for (const [from, to] of Object.entries(spec.values)) field.values.set(from, to);
  }
  if (spec.unchecked !== undefined) field.unchecked = spec.unchecked;
  if (spec.dateFormat !== undefined) {
    if (!DATE_FORMATS.includes(spec.dateFormat)) {
      throw new TypeError(`parcours attach: ${origin}: dateFormat must be one of ${DATE_FORMATS.join(", ")}`);
    }
    field.dateFormat = spec.dateFormat;
  }
  return field;
}

/** data-parcours-value on a radio, a checkbox or an option: the value the module gets. */
function readValueAttributes(field, control) {
  const items = control.localName === "select" ? [...control.options] : [control];
  for (const item of items) {
    const mapped = item.getAttribute("data-parcours-value");
    if (mapped !== null && !field.values.has(item.value)) field.values.set(item.value, parseLiteral(mapped));
  }
}

/** "true"/"false" are booleans, "" is "not answered"; anything else stays text. */
function parseLiteral(text) {
  if (text === "true") return true;
  if (text === "false") return false;
  if (text === "") return null;
  return text;
}

/** By name only: form.elements.namedItem() would also match an id (a fieldset's). */
function controlsNamed(form, name) {
  return [...form.elements].filter((element) => element.name === name && isControl(element));
}

function isControl(element) {
  return ["input", "select", "textarea"].includes(element.localName);
}

function kindOf(controls, origin) {
  const [first] = controls;
  if (!isControl(first)) throw new TypeError(`parcours attach: ${origin}: a ${first.localName} is not a field`);
  if (controls.every((control) => control.type === "radio")) return "radio";
  if (controls.length > 1) {
    throw new TypeError(`parcours attach: ${origin}: several controls named "${first.name}" that are not radio buttons`);
  }
  if (first.type === "checkbox") return "checkbox";
  if (first.localName === "select") {
    if (first.multiple) throw new TypeError(`parcours attach: ${origin}: a multiple select has no single value`);
    return "select";
  }
  if (["button", "submit", "reset", "image", "file"].includes(first.type)) {
    throw new TypeError(`parcours attach: ${origin}: a ${first.type} input holds no answer`);
  }
  return "text";
}

function indexControls(fields) {
  const byControl = new Map();
  for (const field of fields.values()) for (const control of field.controls) byControl.set(control, field);
  return byControl;
}

/**
 * What the control holds, as the module expects it: text as typed (a date in
 * dd/mm/yyyy given as yyyy-mm-dd), the mapped value of the chosen option, radio or
 * checkbox, and null for "not answered".
 */
export function readField(field) {
  switch (field.kind) {
    case "radio": {
      const checked = field.controls.find((control) => control.checked);
      return checked ? mapped(field, checked.value) : null;
    }
    case "checkbox": {
      const [box] = field.controls;
      if (!box.checked) return field.unchecked;
      return field.values.has(box.value) ? field.values.get(box.value) : true;
    }
    case "select":
      return field.controls[0].value === "" ? null : mapped(field, field.controls[0].value);
    default: {
      const value = field.controls[0].value;
      if (value === "") return null;
      if (field.values.has(value)) return field.values.get(value);
      return field.dateFormat === "dd/mm/yyyy" ? isoFromDayMonthYear(value) : value;
    }
  }
}

function mapped(field, value) {
  return field.values.has(value) ? field.values.get(value) : value;
}

/**
 * "30/02/2023" → "2023-02-30" (the module then says that date does not exist); also
 * "3/2/2023", "03.02.2023", "03-02-2023". Anything else is a date in the wrong format
 * for this field, even "1990-05-23": it goes with its dashes as slashes, which the
 * module never reads as a date. Never rounds a date into another one.
 */
export function isoFromDayMonthYear(text) {
  const match = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!match) return text.replaceAll("-", "/");
  const [, day, month, year] = match;
  return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
}

/**
 * A date as people type it, for the module: "23/05/1990", "3/5/1990" and
 * "1990-05-23" (also "1990-5-3") all give "1990-05-23"; anything else is returned
 * trimmed, for the module to say it is not a date. The demo pages read every typed
 * date this way; a mapped field keeps its own `dateFormat`.
 */
export function isoFromTyped(text) {
  const iso = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/.exec(text);
  if (iso) return `${iso[1]}-${iso[2].padStart(2, "0")}-${iso[3].padStart(2, "0")}`;
  return /^\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\s*$/.test(text) ? isoFromDayMonthYear(text) : text.trim();
}

/** A reference date the module can use: YYYY-MM-DD of a day that exists. */
export function isCalendarDate(text) {
  const match = typeof text === "string" && /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  // Calendar arithmetic on the given date only: no clock is read.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
