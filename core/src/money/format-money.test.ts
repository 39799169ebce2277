import { describe, expect, it } from "vitest";
import { formatBasisPoints, formatDay, formatMoney } from "./format-money.ts";
import { parseAmountToCents, tryParseAmountToCents } from "./parse-amount.ts";

// Intl's French output uses a narrow no-break space to group thousands and a no-break space
// before the euro sign; the tests spell them so a plain space (which wraps) fails.
const NNBSP = "\u202f";
const NBSP = "\u00a0";

describe("formatMoney", () => {
  it("writes euros the French way by default and the English way for English", () => {
    expect(formatMoney(12000)).toBe(`120,00${NBSP}€`);
    expect(formatMoney(12000, "fr-FR")).toBe(`120,00${NBSP}€`);
    expect(formatMoney(12000, "en")).toBe("€120.00");
    expect(formatMoney(123450, "fr")).toBe(`1${NNBSP}234,50${NBSP}€`);
    expect(formatMoney(123450, "en_GB")).toBe("€1,234.50");
  });

  it("never writes the currency code in a sentence", () => {
    for (const locale of ["fr", "en", "fr-BE", "en-US", "de", null])
      expect(formatMoney(3333, locale)).not.toMatch(/EUR/);
  });

  it("is exact for every cent value", () => {
    expect(formatMoney(1, "en")).toBe("€0.01");
    expect(formatMoney(1999, "en")).toBe("€19.99");
    expect(formatMoney(-1230, "fr")).toBe(`-12,30${NBSP}€`);
  });

  it("falls back to French for a language without catalogue", () => {
    expect(formatMoney(12000, "es-ES")).toBe(`120,00${NBSP}€`);
  });
});

describe("formatDay and formatBasisPoints", () => {
  it("writes a due date in the shopper's language", () => {
    const day = Date.UTC(2027, 0, 15, 12) / 1000;
    expect(formatDay(day, "fr")).toBe("15 janvier 2027");
    expect(formatDay(day, "en")).toBe("15 January 2027");
  });

  it("writes Alma's basis points as a rate", () => {
    expect(formatBasisPoints(1720, "fr")).toBe(`17,20${NBSP}%`);
    expect(formatBasisPoints(1720, "en")).toBe("17.20%");
  });
});

describe("typed amounts", () => {
  it.each([
    ["1 234,50", 123450],
    [`1${NNBSP}234,50${NBSP}€`, 123450],
    ["12,3", 1230],
    ["149.90", 14990],
    ["20 €", 2000],
    [" 50 € ", 5000],
  ])("reads %j as %i cents", (text, cents) => {
    expect(parseAmountToCents(text, { typed: true })).toBe(cents);
  });

  it("refuses ambiguous or over-precise text", () => {
    for (const text of ["1,234,50", "1.234,5", "12,345", "abc", "", "-5", "1e3"])
      expect(tryParseAmountToCents(text, { typed: true }).ok).toBe(false);
  });

  it("keeps platform values strict", () => {
    expect(tryParseAmountToCents("12,30").ok).toBe(false);
  });
});
