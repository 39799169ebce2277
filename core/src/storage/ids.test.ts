import { expect, it } from "vitest";
import { newId } from "./ids.ts";

it("makes distinct prefixed ids (creation time, a counter, 64 random bits) across refills of its random pool", () => {
  const ids = Array.from({ length: 5_000 }, () => newId("pay"));
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) expect(id).toMatch(/^pay_[0-9a-f]{32}$/);
  // No two consecutive ids share their random part, as a stuck pool would make them.
  expect(ids.slice(1).every((id, i) => id.slice(20) !== ids[i]?.slice(20))).toBe(true);
});

it("sorts ids made in different milliseconds by creation time, so index inserts append", () => {
  const times = [1, 999, 1_700_000_000_000, 1_700_000_000_001, 4_102_444_800_000];
  const ids = times.map((t) => newId("job", t));
  expect([...ids].sort()).toEqual(ids);
  expect(ids[2]?.slice(4, 16)).toBe((1_700_000_000_000).toString(16).padStart(12, "0"));
  // Within one millisecond they keep the order they were made in.
  const sameMs = Array.from({ length: 100 }, () => newId("msg", 1_700_000_000_000));
  expect([...sameMs].sort()).toEqual(sameMs);
});
