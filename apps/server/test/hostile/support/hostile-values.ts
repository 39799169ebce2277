import fc from "fast-check";

/** Strings a careless parser trips on: NUL, lone surrogates, bidi overrides, emoji, injections. */
const nasty = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "\uDFFFx",
  "\u202Eevil\u202C",
  "مرحبا",
  "😀👨‍👩‍👧",
  "../../etc/passwd",
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "%00",
  "%ED%A0%80",
  "$" + "{jndi:ldap://x}",
  "__proto__",
  "constructor",
  "\r\nX-Injected: 1",
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...nasty),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary-ascii", minLength: 300, maxLength: 2000 }),
);

/** Never a valid amount in cents: negative, fractional, huge, not finite, not a number at all. */
export const badCents: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    -1,
    0,
    -0.01,
    0.5,
    12.345,
    1e308,
    -1e308,
    2 ** 53 + 2,
    "NaN",
    "Infinity",
    "1e3",
    "0x10",
    "12,50",
    "",
    null,
    true,
    [],
    {},
  ),
  fc.integer({ max: -1 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
  hostileString,
);

/** Never a valid decimal amount string either ("12.34" is the only accepted shape). */
export const badDecimal: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    "-1.00",
    "0",
    "0.00",
    "1.234",
    "1e308",
    "NaN",
    "Infinity",
    "12,50",
    "0x10",
    "",
    " ",
    null,
    true,
    [],
    {},
    -5,
    1e308,
  ),
  hostileString.filter((s) => !/^\s*\d+(\.\d*)?\s*$/.test(s)),
);

/** Text that is not JSON: truncated documents, single quotes, trailing commas, garbage after. */
export const malformedJson: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom(
      "{",
      '{"a":',
      "[1,2",
      "nul",
      "{'a':1}",
      '{"a":1,}',
      '"open',
      '{"a":1}x',
      "\u0000",
      "{\uD800}",
      "NaN",
    ),
    fc
      .json()
      .filter((j) => j.length > 1)
      .chain((j) => fc.nat({ max: j.length - 1 }).map((n) => `${j.slice(0, n)}\u0000`)),
  )
  .filter((text) => {
    try {
      JSON.parse(text);
      return false;
    } catch {
      return true;
    }
  });

/** Any JSON at all: scalars, arrays, objects with unexpected keys. */
export const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 3 });

/** A JSON text over `bytes`, to meet a body limit. */
export function oversized(bytes: number): string {
  return JSON.stringify({ padding: "x".repeat(bytes) });
}

/** Lowercase hex that looks like an HMAC-SHA256 but is not the right one. */
export const forgedHex: fc.Arbitrary<string> = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .map((bytes) => Buffer.from(bytes).toString("hex"));

/** Flips one character of a genuine signature, at its start or at its end. */
export function nearMiss(signature: string, atEnd: boolean): string {
  const i = atEnd ? signature.length - 1 : 0;
  const c = signature[i] === "a" ? "b" : "a";
  return signature.slice(0, i) + c + signature.slice(i + 1);
}

/** Percent-encodes for a URL path segment; lone surrogates become the raw bytes a hostile client would send. */
export function pathSegment(value: string): string {
  return encodeURIComponent(value.toWellFormed()).replace(/%EF%BF%BD/g, "%ED%A0%80");
}

/** Runs per property: modest so the folder stays fast; `HOSTILE_RUNS=2000` for a deeper search. */
export const RUNS = { numRuns: Number(process.env.HOSTILE_RUNS ?? 120) };
