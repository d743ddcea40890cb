// The entry questionnaire's structural checks with zod 4. Line for line the same
// checks as ajv-schema.mjs and valibot.mjs. `build()` reads zod's global configuration
// when it builds: after `z.config({ jitless: true })` the schema runs without code
// generation, as it must under a strict Content-Security-Policy.
import * as z from "zod";
import { TEXT, POSTAL_CODE, INSEE, PHONE, NIR, OPERATION_ID, GENDERS, DIPLOMAS, AGE_BRACKETS,
  ISCED_BRACKETS, PHASES, LOCALES, ANSWERS } from "./patterns.mjs";

/** zod's global configuration (`{ jitless: true }`), read when a schema is built. */
export const config = (options) => z.config(options);

/** `check(request)`: the issues of a whole request; `field(value)`: of a birth date. */
export function build() {
  const re = (pattern) => new RegExp(pattern, "u");
  const text = (max) => z.string().min(1).max(max).regex(re(TEXT));
  const optional = (schema) => schema.nullish(); // absent or null
  const date = z.iso.date(); // zod's date pattern: exists in the calendar
  const boolean = z.boolean();
  const answer = z.union([z.enum(ANSWERS), z.boolean()]);
  const choice = (values) => z.enum(values);
  const section = (shape) => z.object(shape);

  const schema = z.object({
    check: z.literal("questionnaire").optional(),
    phase: choice(PHASES).optional(),
    reference_date: date,
    locale: choice(LOCALES).optional(),
    options: z.looseObject({}).optional(),
    data: section({
      identity: section({
        last_name: text(100),
        first_name: text(100),
        gender: choice(GENDERS),
        birth_date: date,
        nir: optional(z.string().regex(re(NIR))),
      }),
      contact: section({
        address: optional(text(200)),
        postal_code: z.string().regex(re(POSTAL_CODE)),
        commune_insee: z.string().regex(re(INSEE)),
        email: optional(z.email()),
        phone: optional(z.string().max(30).regex(re(PHONE))),
      }),
      operation: section({
        id: z.string().regex(re(OPERATION_ID)),
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
        children_under_18: optional(z.number().int().min(0).max(30)),
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
  const birthDate = schema.shape.data.shape.identity.shape.birth_date;
  const issues = (result) => (result.success ? [] : result.error.issues);
  return {
    check: (request) => issues(schema.safeParse(request)),
    field: (value) => issues(birthDate.safeParse(value)),
  };
}
