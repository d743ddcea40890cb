// ajv compiled at run time (new Function: needs 'unsafe-eval', which a strict
// Content-Security-Policy forbids). `allErrors`: every error, as the module reports
// every finding. The same schema is precompiled by bench/standalone.mjs.
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { schema } from "./ajv-schema.mjs";

/** Shared with bench/standalone.mjs, which precompiles the same schema. */
export const OPTIONS = { allErrors: true, allowUnionTypes: true };

/** `check(request)`: the errors of a whole request; `field(value)`: of a birth date. */
export function build() {
  const ajv = new Ajv(OPTIONS);
  addFormats(ajv);
  const request = ajv.compile(schema);
  const birthDate = ajv.compile(schema.properties.data.properties.identity.properties.birth_date);
  return {
    check: (r) => (request(r) ? [] : request.errors),
    field: (v) => (birthDate(v) ? [] : birthDate.errors),
  };
}
