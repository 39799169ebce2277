import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatCents, parseAmountToCents, tryParseAmountToCents } from "./parse-amount.ts";

describe("parseAmountToCents", () => {
  it.each([
    ["123.45", 12345],
    ["123.4", 12340],
    ["123", 12300],
    ["0.01", 1],
    ["19.99", 1999],
    ["1999.990", 199999],
    [" 50.00 ", 5000],
    [19.99, 1999],
    [0.1 + 0.2, 30],
    [1200, 120000],
  ])("parses %j to %i cents", (input, cents) => {
    expect(parseAmountToCents(input)).toBe(cents);
  });

  it.each(["", "abc", "1,5", "1.234", "1e3", "-5.00", ".5", "5.", null, undefined, {}, Number.NaN, 19.999])(
    "refuses %j with a message",
    (input) => {
      const result = tryParseAmountToCents(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/amount/);
    },
  );

  it("accepts negatives only when asked", () => {
    expect(parseAmountToCents("-12.30", { allowNegative: true })).toBe(-1230);
    expect(() => parseAmountToCents("-12.30")).toThrow(/negative/);
  });

  it("round-trips every cent amount through its decimal text", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000_00 }), (cents) => {
        expect(parseAmountToCents(formatCents(cents))).toBe(cents);
      }),
    );
  });

  it("parses numbers with two decimals exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (cents) => {
        expect(parseAmountToCents(cents / 100)).toBe(cents);
      }),
    );
  });
});

describe("formatCents", () => {
  it("pads the cents", () => {
    expect(formatCents(5)).toBe("0.05");
    expect(formatCents(123450)).toBe("1234.50");
    expect(formatCents(-199)).toBe("-1.99");
  });
  it("refuses fractions of a cent", () => {
    expect(() => formatCents(1.5)).toThrow(/integer/);
  });
});
