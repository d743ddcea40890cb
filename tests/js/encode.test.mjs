// The binding's JavaScript helper (crates/parcours-wasm/src/encode.js): how any JavaScript value becomes the
// one JSON text the module reads (src/input.rs, parse_text). Plain data takes the fast
// path (JSON.stringify); everything else the bounded walk. Both must write plain data
// identically, and the walk must keep what JSON.stringify would lose or refuse.
import { test } from "node:test";
import assert from "node:assert/strict";
import { encode } from "../../crates/parcours-wasm/src/encode.js";

const text = (value) => new TextDecoder().decode(encode(value));

// A deterministic generator of plain data: strings with quotes, escapes, controls,
// accents, astral characters and lone surrogates; integers, fractions, exponents, -0;
// booleans, null; arrays and objects (keys with the same characters) up to 6 levels.
function generator(seed) {
  let x = seed >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
  const pick = (list) => list[Math.floor(next() * list.length)];
  const pieces = ["a", "é", "\"", "\\", "\n", "\u0001", "\u2028", "😀", "\uD800", "\uDFFF", "/", " ", "Zoë", "0"];
  const string = () => Array.from({ length: Math.floor(next() * 6) }, () => pick(pieces)).join("");
  const numbers = [0, -0, 1, -1, 42, 1214.995, 0.1, 1e21, 1e-7, 5e-324, 1.7976931348623157e308, 2 ** 53 + 2, -123456.789];
  const value = (depth) => {
    const r = next();
    if (depth >= 6 || r < 0.5) {
      return pick([() => string(), () => pick(numbers), () => next() < 0.5, () => null])();
    }
    if (r < 0.75) return Array.from({ length: Math.floor(next() * 5) }, () => value(depth + 1));
    const o = {};
    for (let i = Math.floor(next() * 5); i > 0; i--) o[string()] = value(depth + 1);
    return o;
  };
  return () => value(0);
}

test("plain data: the fast path is JSON.stringify, and the walk writes it identically", () => {
  const next = generator(0x5eed);
  for (let i = 0; i < 2000; i++) {
    const v = next();
    assert.equal(text(v), JSON.stringify(v));
    // An undefined member sends the same data down the walk.
    assert.equal(text({ v, u: undefined }), `{"v":${JSON.stringify(v)},"u":null}`);
    assert.equal(text([v, undefined]), `[${JSON.stringify(v)},null]`);
  }
});

test("what JSON.stringify would lose or refuse keeps its own token", () => {
  assert.equal(text(NaN), "NaN");
  assert.equal(text([Infinity, -Infinity, NaN, 1]), "[Infinity,-Infinity,NaN,1]");
  assert.equal(text({ a: undefined }), '{"a":null}');
  assert.equal(text(undefined), "null");
  assert.equal(text([1, , 3]), "[1,null,3]");
  for (const v of [() => 1, Symbol("s"), 10n]) {
    assert.equal(text(v), "?");
    assert.equal(text({ a: v }), '{"a":?}');
  }
  // toJSON is not called; a Date, a Map, a boxed number are objects without keys.
  assert.equal(text(new Date(0)), "{}");
  assert.equal(text(new Map([["a", 1]])), "{}");
  assert.equal(text(new Number(5)), "{}");
  assert.equal(text({ toJSON: () => "x", a: 1 }), '{"toJSON":?,"a":1}');
  // A class instance is read by its own keys.
  assert.equal(text(new (class { constructor() { this.a = 1; } })()), '{"a":1}');
  assert.equal(text(Object.create(null, { a: { value: 1, enumerable: true } })), '{"a":1}');
});

test("throwing getters and proxies are `?`, and the rest still reads", () => {
  const getter = { a: 1, get b() { throw new Error("no"); }, c: 3 };
  assert.equal(text(getter), '{"a":1,"b":?,"c":3}');
  const trap = new Proxy({}, { ownKeys() { throw new Error("keys"); } });
  assert.equal(text({ p: trap, q: 2 }), '{"p":?,"q":2}');
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  assert.equal(text([proxy, 1]), "[?,1]");
  const badLength = new Proxy([], { get(t, k) { if (k === "length") throw new Error("length"); return t[k]; } });
  assert.equal(text(badLength), "[]");
});

test("bounds: 8 levels, 4,096 items or keys, 20,000 values", () => {
  const cyclic = { a: 1 };
  cyclic.self = cyclic;
  assert.equal(text(cyclic), '{"a":1,"self":'.repeat(8) + "?" + "}".repeat(8));
  let deep = 1;
  for (let i = 0; i < 10000; i++) deep = [deep];
  assert.equal(text(deep), "[".repeat(8) + "?" + "]".repeat(8));
  const wide = Array.from({ length: 5000 }, (_, i) => i);
  const items = JSON.parse(text(wide).replace(/\?/g, '"?"'));
  assert.equal(items.length, 4097);
  assert.equal(items[4096], "?");
  const keys = Object.fromEntries(wide.map((i) => [`k${i}`, i]));
  const read = JSON.parse(text(keys).replace(/:\?/g, ':"?"'));
  assert.equal(Object.keys(read).length, 4097);
  assert.equal(read["…"], "?");
  // 20,000 values in all: the walk ends with `?` where the budget runs out.
  const many = Array.from({ length: 10 }, () => Array.from({ length: 4000 }, () => 1));
  const cut = JSON.parse(text(many).replace(/\?/g, '"?"'));
  const count = cut.flat().filter((v) => v === 1).length;
  assert.ok(count < 20000 && count > 19000, `${count} values kept`);
  assert.ok(cut.flat().includes("?"));
});

test("a 1 MB string and lone surrogates cross as JSON escapes", () => {
  const megabyte = "é".repeat(1 << 19);
  assert.equal(text({ s: megabyte }).length, JSON.stringify({ s: megabyte }).length);
  assert.equal(text("\uD800x\uDFFF"), '"\\ud800x\\udfff"');
});
