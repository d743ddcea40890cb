// Declarations of the embedding kit (attach.js). Written by hand: the kit is plain
// JavaScript; the types it names (Report, Finding, Code, Phase…) are generated from
// the Rust types into parcours.d.ts.

import type { Code, Finding, Locale, Phase, QuestionnairePath, Report } from "./parcours.js";

/** A value the module reads: a text, a boolean, a number, or null for "not answered". */
export type FieldValue = string | boolean | number | null;

/** How one of the portal's controls maps to the questionnaire. */
export interface FieldMapping {
  /** The questionnaire path the control answers. */
  path: QuestionnairePath;
  /**
   * The portal's option, radio or checkbox values → the module's
   * (`{ F: "woman", H: "man" }`, `{ O: true, N: false }`). A value not listed is
   * given as it is (the module understands "oui"/"non", "true"/"false"…).
   */
  values?: Record<string, FieldValue>;
  /** A single checkbox left unchecked: `false` (the default) or `null` (not answered). */
  unchecked?: FieldValue;
  /**
   * How the portal writes dates in a text input: "yyyy-mm-dd" (default) or
   * "dd/mm/yyyy" (given to the module as yyyy-mm-dd; the text itself is left alone).
   */
  dateFormat?: "yyyy-mm-dd" | "dd/mm/yyyy";
}

/**
 * Classes the kit adds to the portal's markup. Every key is optional: one left out
 * adds no class. `groupError` and `controlError` may be functions of the element.
 */
export interface AttachClasses {
  /** Selector of the element around a field that takes `groupError` (`closest()`). */
  group?: string;
  groupError?: string | ((group: Element) => string[]);
  controlError?: string | ((control: Element) => string[]);
  /** The container the kit inserts for a field's messages. */
  messages?: string;
  /** One error message, one warning message. */
  error?: string;
  warning?: string;
  /** The error summary, its title and its list. */
  summary?: string;
  summaryTitle?: string;
  summaryList?: string;
  /** The notice shown when live checks are off. */
  notice?: string;
}

/** A message for a code: a text with `{param}` placeholders, or a function. */
export type MessageOverride = string | ((finding: MessageEntry, context: { locale: Locale; label: string }) => string);

/** What an override receives: a finding, or the kit's "required" for an empty required field. */
export interface MessageEntry {
  code: Code | "required";
  path: string;
  severity: "error" | "warning";
  /** The module's message (or the kit's), in the current locale. */
  message: string;
  params: Record<string, string | number>;
  related?: string[];
}

/** The portal's own messages by code; flat, or per locale. */
export type MessageOverrides =
  | Partial<Record<Code | "required", MessageOverride>>
  | Partial<Record<Locale, Partial<Record<Code | "required", MessageOverride>>>>;

export interface AttachOptions {
  /**
   * YYYY-MM-DD: the date every date rule is relative to ("today" for the portal).
   * Required (here or as `data-parcours-reference-date` on the form): the kit and
   * the module never read a clock.
   */
  reference_date?: string;
  /** entry (default), exit or follow_up; or `data-parcours-phase` on the form. */
  phase?: Phase;
  /** Language of the messages: "fr" (default) or "en"; or `data-parcours-locale`. */
  locale?: Locale;
  /**
   * The portal's control names → questionnaire paths. Controls may instead carry
   * `data-parcours-path` (and `data-parcours-value` on options, radios, checkboxes;
   * `data-parcours-date-format`, `data-parcours-unchecked`).
   */
  fields?: Record<string, QuestionnairePath | FieldMapping>;
  /**
   * Where findings about a group show (`{ situation: "#bloc-situation" }`); elements
   * with `data-parcours-path="situation"` do the same. By default a section's finding
   * shows on the fieldset around the fields it is about.
   */
  places?: Record<string, string | Element>;
  /** The portal's messages by code (module codes, and "required"). */
  messages?: MessageOverrides;
  /** "dsfr" (default) or the portal's own classes. */
  classes?: "dsfr" | AttachClasses;
  /**
   * "inline" (default): messages in the page, aria-invalid, aria-describedby.
   * "native": setCustomValidity on the controls and reportValidity on submit.
   * "both": the two.
   */
  display?: "inline" | "native" | "both";
  /** A field's messages appear once it is changed ("change", default) or as it is typed ("input"); all on submit. */
  showOn?: "change" | "input";
  /** Block the submit while errors remain (default true). */
  blockSubmit?: boolean;
  /** Move focus to the first error on a blocked submit (default true). */
  focus?: boolean;
  /** The error summary: at the top of the form (true, default), nowhere (false), or in this element. */
  summary?: boolean | Element;
  /** Heading level of the summary's title: 2 (default) to 6, or 0 for a paragraph. */
  headingLevel?: 0 | 2 | 3 | 4 | 5 | 6;
  /** The notice shown when live checks are off: top of the form (true, default), false, or in this element. */
  notice?: boolean | Element;
  /**
   * When the module is fetched: on the first focus or pointer press in the form
   * ("interaction", default), or right after attach() ("eager").
   */
  load?: "interaction" | "eager";
  /** Where the .wasm is, if not next to parcours.js (a URL, a Response…). */
  wasm?: string | URL | Request | Response | Promise<Response> | BufferSource | WebAssembly.Module;
}

/** The result of validate(). */
export interface Validation {
  /** Nothing the person can reach and fix blocks the form (also true when live checks are off). */
  ok: boolean;
  /** The module's report, messages as shown; null when live checks are off. */
  report: Report | null;
}

export type AttachStatus = "idle" | "loading" | "ready" | "unavailable" | "detached";

export interface Attachment {
  /** idle (module not fetched yet), loading, ready, unavailable (live checks off), detached. */
  readonly status: AttachStatus;
  /**
   * Settles once the module is loaded (true) or cannot be (false); never rejects.
   * Waiting on it does not start the load: the first interaction, `load()` or
   * `validate()` does.
   */
  readonly ready: Promise<boolean>;
  /** Starts loading the module now, if it has not started; returns `ready`. */
  load(): Promise<boolean>;
  /** The current report (every finding, messages as shown), or null before the module is ready. */
  report(): Report | null;
  /** Checks everything as a submit would, shows every message; `focus` moves to the first error. */
  validate(options?: { focus?: boolean }): Promise<Validation>;
  /** New settings: the record is checked again, messages in the new locale. */
  update(settings: { phase?: Phase; reference_date?: string; locale?: Locale }): void;
  /** Shorthand for update({ reference_date }). */
  setReferenceDate(date: string): void;
  /** Removes every listener, element, class and attribute the kit added; restores the portal's own. */
  detach(): void;
}

/**
 * Binds the questionnaire checks to an existing form. Throws a TypeError for a
 * settings error (no reference date, a path that is not section.field…). A mapping
 * entry that names nothing (a field the form does not have, a path the
 * questionnaire does not have, a place that matches nothing) is one console error
 * naming the entry, and the rest of the form is checked.
 */
export function attach(form: HTMLFormElement, options?: AttachOptions): Attachment;

export type { Finding, Report };
