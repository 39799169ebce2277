import fc from "fast-check";
import { badCents, hostileString, malformedJson } from "../../hostile/support/hostile-values.ts";

/** A request body as sent: its text and the Content-Type it is sent with (none when undefined). */
export interface Body {
  text?: string;
  contentType?: string;
  /** Which hostile family made it, for the report. */
  family: string;
}

type Json = unknown;

/** Media types no route documents: `+json` variants, text, forms, XML, multipart, none at all. */
export const WRONG_MEDIA_TYPES = [
  "application/json-patch+json",
  "application/merge-patch+json",
  "application/vnd.api+json",
  "text/plain",
  "text/json",
  "application/xml",
  "multipart/form-data; boundary=x",
  "application/x-www-form-urlencoded",
  "application/json; charset=latin1",
  "",
];

const AMOUNTISH = /amount|cents|total|price|quantity/i;

function keysOf(value: Json): string[] {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? Object.keys(value) : [];
}

/**
 * `[[[…]]]` or `{"a":{"a":…}}` from just past our limit to as deep as the route's size limit
 * allows (a 256 KB body holds over 100,000 levels: enough to overflow any recursive walk).
 */
function deepJson(limitBytes: number): fc.Arbitrary<string> {
  const deepest = Math.min(150_000, Math.max(5000, Math.floor((limitBytes - 16) / 6)));
  return fc
    .tuple(
      fc.oneof(fc.integer({ min: 65, max: 5000 }), fc.integer({ min: 5000, max: deepest })),
      fc.boolean(),
    )
    .map(([depth, objects]) =>
      objects ? `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}` : `${"[".repeat(depth)}${"]".repeat(depth)}`,
    );
}

/**
 * The hostile families, each built around `example` (a body the route would accept, or an empty
 * object): wrong types, missing fields, unknown and prototype keys, unicode and NUL, bad amounts,
 * deep and huge bodies, malformed JSON, and the wrong media types. All sent as `jsonType` unless
 * the family is about the media type.
 */
export function hostileBody(
  example: Json,
  limitBytes: number,
  jsonType = "application/json",
): fc.Arbitrary<Body> {
  const keys = keysOf(example);
  const obj = (example ?? {}) as Record<string, Json>;
  const json = (family: string) => (value: Json) => ({
    family,
    text: JSON.stringify(value),
    contentType: jsonType,
  });
  const raw = (family: string) => (text: string) => ({ family, text, contentType: jsonType });
  const wrongValue = fc.oneof(
    fc.constantFrom<Json>(null, true, 0, -1, 1.5, "", "x", [], {}, [1, 2], { nested: { a: 1 } }),
    hostileString,
  );
  const families: fc.Arbitrary<Body>[] = [
    deepJson(limitBytes).map(raw("deep")),
    fc
      .integer({ min: 1, max: 3 })
      .map((extra) => raw("huge")(JSON.stringify({ pad: "x".repeat(limitBytes + extra * 1024) }))),
    malformedJson.map(raw("malformed")),
    fc.jsonValue({ maxDepth: 2 }).map(json("any-json")),
    fc
      .constantFrom(
        '{"__proto__":{"polluted":true}}',
        '{"constructor":{"prototype":{"polluted":true}}}',
        '{"__proto__":null}',
        '{"prototype":1,"toString":"x","hasOwnProperty":1}',
      )
      .map((extra) => raw("proto")(mergeRaw(obj, extra))),
    fc
      .constantFrom("amout", "ammount", "refund_all", "extra_field")
      .map((k) => json("unknown-key")({ ...obj, [k]: 100 })),
    fc.constantFrom(...WRONG_MEDIA_TYPES).map((contentType) => ({
      family: "media-type",
      text: JSON.stringify(obj),
      ...(contentType ? { contentType } : {}),
    })),
    hostileString.map((s) =>
      json("unicode")(keys.length > 0 ? { ...obj, [keys[0] as string]: s } : { name: s }),
    ),
  ];
  if (keys.length > 0) {
    families.push(
      fc.tuple(fc.constantFrom(...keys), wrongValue).map(([k, v]) => json("wrong-type")({ ...obj, [k]: v })),
      fc.constantFrom(...keys).map((k) => {
        const { [k]: _gone, ...rest } = obj;
        return json("missing-field")(rest);
      }),
      fc.tuple(fc.constantFrom(...keys), hostileString).map(([k, s]) => json("unicode")({ ...obj, [k]: s })),
    );
    const amountKeys = keys.filter((k) => AMOUNTISH.test(k));
    if (amountKeys.length > 0)
      families.push(
        fc
          .tuple(fc.constantFrom(...amountKeys), badCents)
          .map(([k, v]) => json("bad-amount")({ ...obj, [k]: v })),
      );
  }
  return fc.oneof(...families);
}

/** The example's JSON with raw members added first (JSON.stringify cannot write a `__proto__` key). */
function mergeRaw(example: Record<string, Json>, extra: string): string {
  const inner = JSON.stringify(example).slice(1, -1);
  return inner ? `${extra.slice(0, -1)},${inner}}` : extra;
}
