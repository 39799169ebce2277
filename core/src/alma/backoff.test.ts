import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backoffDelayMs, maxRetryAfterMs, parseRetryAfterMs } from "./backoff.ts";

describe("backoffDelayMs", () => {
  it("doubles the ceiling from 250 ms and scales it by the random draw", () => {
    const max = () => 0.999_999;
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, max))).toEqual([249, 499, 999, 1999, 3999, 7999]);
    expect(backoffDelayMs(2, () => 0.5)).toBe(500);
    expect(backoffDelayMs(2, () => 0)).toBe(0);
  });

  it("is capped at 8 s however many retries", () => {
    expect(backoffDelayMs(6, () => 0.999_999)).toBe(7999);
    expect(backoffDelayMs(50, () => 0.5)).toBe(4000);
    expect(backoffDelayMs(3, () => 0.5, { baseMs: 100, capMs: 300 })).toBe(150);
  });

  it("always stays within [0, min(cap, base·2^n))", () => {
    fc.assert(
      fc.property(fc.nat(64), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (n, r) => {
        const delay = backoffDelayMs(n, () => r);
        return Number.isInteger(delay) && delay >= 0 && delay < Math.min(8000, 250 * 2 ** n);
      }),
    );
  });
});

describe("parseRetryAfterMs", () => {
  const now = Date.parse("2026-01-15T10:00:00Z");

  it("reads delta-seconds", () => {
    expect(parseRetryAfterMs("2", now)).toBe(2000);
    expect(parseRetryAfterMs(" 0 ", now)).toBe(0);
    expect(parseRetryAfterMs("1.5", now)).toBe(1500);
  });

  it("reads an HTTP date relative to now, never negative", () => {
    expect(parseRetryAfterMs("Thu, 15 Jan 2026 10:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfterMs("Thu, 15 Jan 2026 09:59:00 GMT", now)).toBe(0);
  });

  it("caps long waits", () => {
    expect(parseRetryAfterMs("3600", now)).toBe(maxRetryAfterMs);
    expect(parseRetryAfterMs("Fri, 16 Jan 2026 10:00:00 GMT", now)).toBe(maxRetryAfterMs);
  });

  it("ignores absent or unreadable values", () => {
    expect(parseRetryAfterMs(null, now)).toBeUndefined();
    expect(parseRetryAfterMs("", now)).toBeUndefined();
    expect(parseRetryAfterMs("soon", now)).toBeUndefined();
    expect(parseRetryAfterMs("-3", now)).toBeUndefined();
  });
});
