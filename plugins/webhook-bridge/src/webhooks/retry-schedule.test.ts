import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_DELIVERY_ATTEMPTS, RETRY_DELAYS_MS, RETRY_JITTER, retryDelayMs } from "./retry-schedule.ts";

describe("retry schedule", () => {
  it("is 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then stops", () => {
    const exact = Array.from({ length: MAX_DELIVERY_ATTEMPTS }, (_, i) => retryDelayMs(i + 1, () => 0.5));
    expect(exact).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000, null]);
  });

  it("keeps every jittered delay within 10 % of the schedule", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: RETRY_DELAYS_MS.length }),
        fc.double({ min: 0, max: 0.9999999, noNaN: true }),
        (attempt, r) => {
          const base = RETRY_DELAYS_MS[attempt - 1] ?? 0;
          const delay = retryDelayMs(attempt, () => r) ?? -1;
          expect(delay).toBeGreaterThanOrEqual(Math.floor(base * (1 - RETRY_JITTER)));
          expect(delay).toBeLessThanOrEqual(Math.ceil(base * (1 + RETRY_JITTER)));
        },
      ),
    );
  });
});
