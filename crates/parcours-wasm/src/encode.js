// The binding's one JavaScript helper (src/lib.rs): turns any JavaScript value into
// one JSON text, so a request crosses into the module as a single string instead of
// one call per value. JavaScript walks its own objects far faster than the module
// can reach into them one property at a time.
//
// It never throws, and it keeps what JSON.stringify would lose or refuse, as the
// module's reader (src/input.rs, `parse_text`) expects:
// - NaN, Infinity and -Infinity are written as such (a portal's NaN is a finding,
//   not an empty answer);
// - undefined is null;
// - `?` stands for a value JavaScript cannot give: a function, a symbol, a BigInt,
//   a getter or proxy that throws, anything deeper than ENCODE_MAX_DEPTH levels (a
//   cycle ends there), anything past ENCODE_MAX_VALUES values;
// - an array keeps ENCODE_MAX_ITEMS items, then `?`; an object keeps
//   ENCODE_MAX_ITEMS keys, then the key "…" with `?`.
// The names are prefixed: the build puts this file into the generated glue
// (scripts/inline-snippet.mjs), whose names it must not shadow.
// Own enumerable string keys are read, as JSON.stringify reads them; `toJSON` is not
// called (a Date is an object without keys, as before this helper existed).

const ENCODE_MAX_DEPTH = 8;
const ENCODE_MAX_VALUES = 20000;
const ENCODE_MAX_ITEMS = 4096;

const ENCODE_UTF8 = new TextEncoder();

// The text as UTF-8 bytes: the module copies them in one go (a string would be
// copied character by character by the generated glue).
export function encode(value) {
  return ENCODE_UTF8.encode(encodeText(value));
}

function encodeText(value) {
  // Plain data (what a form holds) is written by JSON.stringify, natively; anything
  // else by the walk below.
  try {
    if (encodePlain(value, 0, { budget: ENCODE_MAX_VALUES })) return JSON.stringify(value);
  } catch {
    // A getter or a proxy threw: the walk gives it its `?`.
  }
  const state = { budget: ENCODE_MAX_VALUES };
  try {
    return encodeValue(value, 0, state);
  } catch {
    // Only a failure of the engine itself (out of memory for a huge string) gets here.
    return "?";
  }
}

// Whether JSON.stringify writes `value` exactly as the walk would: only strings,
// finite numbers, booleans, null, and arrays and plain objects (prototype
// Object.prototype or null: not a Date, a Map, a boxed number…) of them within the
// bounds (no undefined, no hole, no toJSON).
function encodePlain(value, depth, state) {
  if (state.budget === 0) return false;
  state.budget--;
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value);
    case "object": {
      if (value === null) return true;
      if (depth >= ENCODE_MAX_DEPTH) return false;
      if (Array.isArray(value)) {
        if (typeof value.toJSON === "function") return false;
        if (value.length > ENCODE_MAX_ITEMS) return false;
        for (let i = 0; i < value.length; i++) {
          if (!encodePlain(value[i], depth + 1, state)) return false;
        }
        return true;
      }
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return false;
      if (typeof value.toJSON === "function") return false;
      const keys = Object.keys(value);
      if (keys.length > ENCODE_MAX_ITEMS) return false;
      for (let i = 0; i < keys.length; i++) {
        if (!encodePlain(value[keys[i]], depth + 1, state)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

function encodeValue(value, depth, state) {
  if (state.budget === 0) return "?";
  state.budget--;
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? String(value) : Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
    case "boolean":
      return value ? "true" : "false";
    case "undefined":
      return "null";
    case "object":
      if (value === null) return "null";
      if (depth >= ENCODE_MAX_DEPTH) return "?";
      try {
        return Array.isArray(value) ? encodeArray(value, depth, state) : encodeObject(value, depth, state);
      } catch {
        return "?";
      }
    default:
      return "?";
  }
}

function encodeArray(value, depth, state) {
  let length = 0;
  try {
    length = Number(value.length) || 0;
  } catch {
    // A proxy whose length throws reads as an empty array.
  }
  const kept = Math.min(Math.max(length, 0), ENCODE_MAX_ITEMS);
  let out = "[";
  for (let i = 0; i < kept; i++) {
    if (i > 0) out += ",";
    if (state.budget === 0) {
      out += "?";
      return out + "]";
    }
    let item;
    try {
      item = encodeValue(value[i], depth + 1, state);
    } catch {
      item = "?";
    }
    out += item;
  }
  if (kept < length) out += kept > 0 ? ",?" : "?";
  return out + "]";
}

function encodeObject(value, depth, state) {
  const keys = Object.keys(value);
  let out = "{";
  for (let i = 0; i < keys.length; i++) {
    if (i > 0) out += ",";
    const key = keys[i];
    if (i >= ENCODE_MAX_ITEMS || state.budget === 0) {
      out += '"…":?';
      break;
    }
    let item;
    try {
      item = encodeValue(value[key], depth + 1, state);
    } catch {
      item = "?";
    }
    out += JSON.stringify(key) + ":" + item;
  }
  return out + "}";
}
