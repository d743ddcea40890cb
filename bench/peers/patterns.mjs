// The formats the three peer schemas share, written once so that ajv, zod and valibot
// test exactly the same patterns. Each mirrors a format of docs/questionnaire.md
// ("Reading values"); what a pattern cannot say is written beside it.

/** Text without control characters (the module also counts at most N characters). */
export const TEXT = "^[^\\u0000-\\u001f\\u007f-\\u009f]*$";
/** 5 digits of an existing département: 01–95 (20 for Corsica), 971–976, 984–989. */
export const POSTAL_CODE = "^(?:(?:0[1-9]|[1-8]\\d|9[0-5])\\d{3}|97[1-6]\\d{2}|98[4-9]\\d{2})$";
/** INSEE commune code: département 01–19, 21–95, 2A, 2B, 971–976, 984–989. */
export const INSEE = "^(?:(?:0[1-9]|1\\d|2[1-9]|[3-8]\\d|9[0-5]|2[AB])\\d{3}|97[1-6]\\d{2}|98[4-9]\\d{2})$";
/** French phone number, national or international; one separator between digits. */
export const PHONE =
  "^(?:(?:0|\\+33[ .-]?|0033[ .-]?)[1-9](?:[ .-]?\\d){8}|(?:\\+|00)(?:262|269|508|590|594|596|681|687|689)(?:[ .-]?\\d){6,9})$";
/** NIR: sex digit, year, month (01–12, 20–42, 50–99), département, 6 digits, key.
 *  The key (97 − body mod 97) cannot be written as a pattern. */
export const NIR = "^[1-478]\\d{2}(?:0[1-9]|1[0-2]|2\\d|3\\d|4[0-2]|[5-9]\\d)(?:\\d{2}|2[AB])\\d{8}$";
/** Operation identifier: letters, digits and -_./, 1 to 32 characters. */
export const OPERATION_ID = "^[A-Za-z0-9\\-_./]{1,32}$";

export const GENDERS = ["woman", "man", "non_binary"];
export const DIPLOMAS = ["none", "brevet", "cap_bep", "bac", "bac_2", "licence", "master", "doctorat"];
export const AGE_BRACKETS = ["under_18", "18_29", "30_54", "55_plus"];
export const ISCED_BRACKETS = ["isced_0_2", "isced_3_4", "isced_5_8"];
export const PHASES = ["entry", "exit", "follow_up"];
export const LOCALES = ["fr", "en"];
/** An answer to a sensitive or household item (booleans read as yes / no). */
export const ANSWERS = ["yes", "no", "refused"];
