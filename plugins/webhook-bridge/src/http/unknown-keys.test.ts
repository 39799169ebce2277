import { describe, expect, it } from "vitest";
import { z } from "zod";
import { unknownKeys } from "./unknown-keys.ts";

describe("unknownKeys", () => {
  const schema = z.object({
    amount: z.union([z.literal("full"), z.int()]).optional(),
    items: z.array(z.object({ sku: z.string() })).default([]),
    metadata: z.record(z.string(), z.string()).optional(),
    extra: z.looseObject({}).optional(),
    address: z.object({ city: z.string() }).nullable().optional(),
  });

  it("names misspelt keys at any depth, in arrays and nullable objects", () => {
    expect(unknownKeys(schema, { amout: 100 })).toEqual(["amout"]);
    expect(unknownKeys(schema, { items: [{ sku: "a" }, { sku: "b", qty: 2 }] })).toEqual(["items.1.qty"]);
    expect(unknownKeys(schema, { address: { city: "Paris", zip: "75001" } })).toEqual(["address.zip"]);
    expect(unknownKeys(schema, JSON.parse('{"__proto__": {"x": 1}, "constructor": 1}'))).toEqual([
      "__proto__",
      "constructor",
    ]);
  });

  it("accepts any key where the schema is free-form, and declared keys everywhere", () => {
    expect(
      unknownKeys(schema, { amount: "full", metadata: { anything: "x" }, extra: { y: 1 }, address: null }),
    ).toEqual([]);
  });
});
