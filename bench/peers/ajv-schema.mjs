// The entry questionnaire's structural checks as JSON Schema (draft-07, ajv 8 with
// ajv-formats). Line for line the same checks as zod.mjs and valibot.mjs; BENCHMARKS.md
// lists what none of the three can say (cross-field rules, the NIR key…).
import { TEXT, POSTAL_CODE, INSEE, PHONE, NIR, OPERATION_ID, GENDERS, DIPLOMAS, AGE_BRACKETS,
  ISCED_BRACKETS, PHASES, LOCALES, ANSWERS } from "./patterns.mjs";

const text = (max) => ({ type: "string", minLength: 1, maxLength: max, pattern: TEXT });
const optional = (schema) => ({ ...schema, nullable: true }); // absent or null
const enumOf = (values) => ({ type: "string", enum: values });
const date = { type: "string", format: "date" }; // ajv-formats "date": exists in the calendar
const boolean = { type: "boolean" };
const answer = { type: ["string", "boolean"], enum: [...ANSWERS, true, false] };
const choice = (values) => enumOf(values);
const section = (properties, required = []) => ({ type: "object", properties, required });

export const schema = {
  type: "object",
  properties: {
    check: enumOf(["questionnaire"]),
    phase: choice(PHASES),
    reference_date: date,
    locale: choice(LOCALES),
    options: { type: "object" },
    data: section({
      identity: section({
        last_name: text(100),
        first_name: text(100),
        gender: choice(GENDERS),
        birth_date: date,
        nir: optional({ type: "string", pattern: NIR }),
      }, ["last_name", "first_name", "gender", "birth_date"]),
      contact: section({
        address: optional(text(200)),
        postal_code: { type: "string", pattern: POSTAL_CODE },
        commune_insee: { type: "string", pattern: INSEE },
        email: optional({ type: "string", format: "email" }),
        phone: optional({ type: "string", maxLength: 30, pattern: PHONE }),
      }, ["postal_code", "commune_insee"]),
      operation: section({
        id: { type: "string", pattern: OPERATION_ID },
        entry_date: date,
      }, ["id", "entry_date"]),
      situation: section({
        employed: boolean,
        self_employed: optional(boolean),
        unemployed: boolean,
        long_term_unemployed: optional(boolean),
        unemployment_start_date: optional(date),
        inactive: boolean,
        in_education_or_training: boolean,
        registered_france_travail: optional(boolean),
      }, ["employed", "unemployed", "inactive", "in_education_or_training"]),
      education: section({
        diploma: choice(DIPLOMAS),
      }, ["diploma"]),
      indicators: optional(section({
        age_bracket: optional(choice(AGE_BRACKETS)),
        isced_bracket: optional(choice(ISCED_BRACKETS)),
      })),
      household: optional(section({
        jobless: optional(answer),
        single_adult_with_children: optional(answer),
        children_under_18: optional({ type: "integer", minimum: 0, maximum: 30 }),
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
    }, ["identity", "contact", "operation", "situation", "education"]),
  },
  required: ["reference_date", "data"],
};
