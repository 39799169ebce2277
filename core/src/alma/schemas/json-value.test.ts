import { describe, expect, it } from "vitest";
import { z } from "zod";
import { jsonValueSchema } from "./json-value.ts";

describe("jsonValueSchema", () => {
  it("accepts what z.json() accepts", () => {
    const values = [
      null,
      "x",
      0,
      -1.5,
      true,
      [],
      {},
      [1, "a", null, { b: [false] }],
      { a: { b: { c: [1, 2] } } },
    ];
    for (const value of values) {
      expect(z.json().safeParse(value).success).toBe(true);
      expect(jsonValueSchema.safeParse(value).data).toEqual(value);
    }
  });

  it("refuses what JSON cannot hold, as z.json() does", () => {
    const values = [
      undefined,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      1n,
      () => 1,
      Symbol("s"),
      new Date(0),
      [undefined],
      { a: new Map() },
    ];
    for (const value of values) {
      expect(z.json().safeParse(value).success).toBe(false);
      expect(jsonValueSchema.safeParse(value).success).toBe(false);
    }
  });

  it("refuses nesting deeper than 64 levels instead of overflowing the stack", () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(jsonValueSchema.safeParse(deep).success).toBe(false);
    let ok: unknown = "leaf";
    for (let i = 0; i < 60; i++) ok = { a: ok };
    expect(jsonValueSchema.safeParse(ok).success).toBe(true);
  });

  it("names a missing field Required, like the other fields of Alma's objects", () => {
    const schema = z.object({ custom_data: jsonValueSchema });
    const result = schema.safeParse({});
    expect(result.error?.issues[0]?.message).toBe("Required");
  });
});
