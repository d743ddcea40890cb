// The entry questionnaire's structural checks with valibot 1. Line for line the same
// checks as ajv-schema.mjs and zod.mjs. Valibot never generates code: it runs as is
// under a strict Content-Security-Policy.
import * as v from "valibot";
import { TEXT, POSTAL_CODE, INSEE, PHONE, NIR, OPERATION_ID, GENDERS, DIPLOMAS, AGE_BRACKETS,
  ISCED_BRACKETS, PHASES, LOCALES, ANSWERS } from "./patterns.mjs";

/** `check(request)`: the issues of a whole request; `field(value)`: of a birth date. */
export function build() {
  const re = (pattern) => new RegExp(pattern, "u");
  const text = (max) => v.pipe(v.string(), v.minLength(1), v.maxLength(max), v.regex(re(TEXT)));
  const optional = (schema) => v.nullish(schema); // absent or null
  const date = v.pipe(v.string(), v.isoDate()); // a pattern only: 2023-02-30 passes
  const boolean = v.boolean();
  const answer = v.union([v.picklist(ANSWERS), v.boolean()]);
  const choice = (values) => v.picklist(values);
  const section = (entries) => v.object(entries);

  const schema = v.object({
    check: v.optional(v.literal("questionnaire")),
    phase: v.optional(choice(PHASES)),
    reference_date: date,
    locale: v.optional(choice(LOCALES)),
    options: v.optional(v.looseObject({})),
    data: section({
      identity: section({
        last_name: text(100),
        first_name: text(100),
        gender: choice(GENDERS),
        birth_date: date,
        nir: optional(v.pipe(v.string(), v.regex(re(NIR)))),
      }),
      contact: section({
        address: optional(text(200)),
        postal_code: v.pipe(v.string(), v.regex(re(POSTAL_CODE))),
        commune_insee: v.pipe(v.string(), v.regex(re(INSEE))),
        email: optional(v.pipe(v.string(), v.email())),
        phone: optional(v.pipe(v.string(), v.maxLength(30), v.regex(re(PHONE)))),
      }),
      operation: section({
        id: v.pipe(v.string(), v.regex(re(OPERATION_ID))),
        entry_date: date,
      }),
      situation: section({
        employed: boolean,
        self_employed: optional(boolean),
        unemployed: boolean,
        long_term_unemployed: optional(boolean),
        unemployment_start_date: optional(date),
        inactive: boolean,
        in_education_or_training: boolean,
        registered_france_travail: optional(boolean),
      }),
      education: section({
        diploma: choice(DIPLOMAS),
      }),
      indicators: optional(section({
        age_bracket: optional(choice(AGE_BRACKETS)),
        isced_bracket: optional(choice(ISCED_BRACKETS)),
      })),
      household: optional(section({
        jobless: optional(answer),
        single_adult_with_children: optional(answer),
        children_under_18: optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(30))),
      })),
      sensitive: optional(section({
        disability: optional(answer),
        third_country_national: optional(answer),
        foreign_background: optional(answer),
        minority: optional(answer),
        homeless: optional(answer),
        rural_area: optional(answer),
      })),
      benefits: optional(section({
        rsa: optional(boolean),
        ass: optional(boolean),
        aah: optional(boolean),
        rqth: optional(boolean),
        rqth_end_date: optional(date),
        qpv: optional(boolean),
      })),
    }),
  });
  const birthDate = schema.entries.data.entries.identity.entries.birth_date;
  const issues = (result) => (result.success ? [] : result.issues);
  return {
    check: (request) => issues(v.safeParse(schema, request)),
    field: (value) => issues(v.safeParse(birthDate, value)),
  };
}
