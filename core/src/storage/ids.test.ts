import { expect, it } from "vitest";
import { newId } from "./ids.ts";

it("makes distinct prefixed 80-bit hex ids, across refills of its random pool", () => {
  const ids = Array.from({ length: 5_000 }, () => newId("pay"));
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) expect(id).toMatch(/^pay_[0-9a-f]{20}$/);
  // No two consecutive ids share their random part, as a stuck pool would make them.
  expect(ids.slice(1).every((id, i) => id.slice(4) !== ids[i]?.slice(4))).toBe(true);
});
