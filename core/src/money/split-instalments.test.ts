import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildSchedule } from "./build-schedule.ts";
import { feeFromBasisPoints } from "./fees.ts";
import { splitInstalments } from "./split-instalments.ts";

describe("splitInstalments", () => {
  it("puts the remainder on the first instalment", () => {
    expect(splitInstalments(10000, 3)).toEqual([3334, 3333, 3333]);
    expect(splitInstalments(35199, 3)).toEqual([11733, 11733, 11733]);
  });

  it("always sums exactly to the total with no zero or negative instalment", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 12, max: 100_000_000 }),
        (count, total) => {
          const parts = splitInstalments(total, count);
          expect(parts).toHaveLength(count);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          for (const part of parts) {
            expect(Number.isInteger(part)).toBe(true);
            expect(part).toBeGreaterThan(0);
          }
          // Later instalments are equal and the first differs by less than `count` cents.
          expect(new Set(parts.slice(1)).size).toBeLessThanOrEqual(1);
          expect(parts[0]! - parts[parts.length - 1]!).toBeLessThan(count);
        },
      ),
    );
  });

  it("refuses totals that cannot be split into non-zero cents", () => {
    expect(() => splitInstalments(2, 3)).toThrow(RangeError);
    expect(() => splitInstalments(0, 1)).toThrow(RangeError);
    expect(() => splitInstalments(100, 13)).toThrow(RangeError);
    expect(() => splitInstalments(10.5, 2)).toThrow(RangeError);
  });
});

describe("buildSchedule", () => {
  const start = new Date(Date.UTC(2026, 0, 31, 10));

  it("charges the customer fee on the first instalment and falls due monthly, clamped to month end", () => {
    const schedule = buildSchedule({ totalCents: 35199, installmentsCount: 3, customerFeeCents: 100, start });
    expect(schedule.map((i) => i.totalAmount)).toEqual([11833, 11733, 11733]);
    expect(schedule.map((i) => new Date(i.dueDate * 1000).toISOString().slice(0, 10))).toEqual([
      "2026-01-31",
      "2026-02-28",
      "2026-03-31",
    ]);
  });

  it("defers the first instalment by days or months", () => {
    const [d15] = buildSchedule({ totalCents: 5000, installmentsCount: 1, deferredDays: 15, start });
    expect(new Date(d15!.dueDate * 1000).toISOString().slice(0, 10)).toBe("2026-02-15");
    const [m1] = buildSchedule({ totalCents: 5000, installmentsCount: 1, deferredMonths: 1, start });
    expect(new Date(m1!.dueDate * 1000).toISOString().slice(0, 10)).toBe("2026-02-28");
  });

  it("sums principal, fee and interest exactly", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 5000, max: 200000 }),
        fc.integer({ min: 0, max: 1326 }),
        fc.integer({ min: 0, max: 30000 }),
        (count, total, feeBps, interest) => {
          const fee = feeFromBasisPoints(total, feeBps);
          const s = buildSchedule({
            totalCents: total,
            installmentsCount: count,
            customerFeeCents: fee,
            customerInterestCents: interest,
            start,
          });
          expect(s.reduce((a, i) => a + i.purchaseAmount, 0)).toBe(total);
          expect(s.reduce((a, i) => a + i.totalAmount, 0)).toBe(total + fee + interest);
        },
      ),
    );
  });
});

describe("feeFromBasisPoints", () => {
  it("rounds half up to the cent", () => {
    expect(feeFromBasisPoints(10000, 70)).toBe(70);
    expect(feeFromBasisPoints(12345, 1326)).toBe(1637); // 1636.947 → 1637
    expect(feeFromBasisPoints(50, 100)).toBe(1); // 0.5 → 1
    expect(feeFromBasisPoints(10000, 100, 25)).toBe(125);
  });
});
