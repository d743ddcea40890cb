// The embedding kit's own words, one place per language. The module's findings come
// with their message already in the requested language (src/locale/); the kit only
// adds what the module does not say: a required field left empty, a date in the
// portal's own format, the error summary and the notice shown when live checks are off.

export const texts = {
  fr: {
    required: "Ce champ est obligatoire.",
    date_format_dmy: "Date à saisir au format JJ/MM/AAAA, par exemple 23/05/1990.",
    summaryTitle: (n) =>
      n === 1 ? "Le formulaire contient 1 erreur à corriger avant l'envoi." : `Le formulaire contient ${n} erreurs à corriger avant l'envoi.`,
    // French typography: a non-breaking space before the colon.
    summaryItem: (label, message) => (label ? `${label}\u00a0: ${message}` : message),
    notice:
      "Les vérifications pendant la saisie sont désactivées dans ce navigateur. Vous pouvez tout de même envoyer le formulaire.",
  },
  en: {
    required: "This field is required.",
    date_format_dmy: "Enter the date as DD/MM/YYYY, for example 23/05/1990.",
    summaryTitle: (n) =>
      n === 1 ? "The form has 1 error to correct before it is sent." : `The form has ${n} errors to correct before it is sent.`,
    summaryItem: (label, message) => (label ? `${label}: ${message}` : message),
    notice: "Live checks are off in this browser. You can still send the form.",
  },
};

export const LOCALES = Object.keys(texts);

/**
 * The message to show for `entry` ({ code, params, message, path, severity }): the
 * portal's override for its code if there is one, else the module's (or the kit's).
 *
 * `overrides` is `{ [code]: text | (entry, context) => text }`, or the same per locale
 * (`{ fr: {…}, en: {…} }`). A text's `{name}` is replaced by `entry.params.name`; an
 * unknown name is left as written, so that a typo shows instead of vanishing.
 */
export function messageFor(entry, overrides, locale, context) {
  const table = overrides?.[locale] && typeof overrides[locale] === "object" ? overrides[locale] : overrides;
  const override = table && Object.hasOwn(table, entry.code) ? table[entry.code] : undefined;
  if (typeof override === "function") return String(override(entry, context));
  if (typeof override === "string") return interpolate(override, entry.params ?? {});
  return entry.message;
}

/** "{limit} caractères au plus" with { limit: 100 } → "100 caractères au plus". */
export function interpolate(text, params) {
  return text.replace(/\{([a-z_][a-z0-9_]*)\}/gi, (whole, name) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}
