import { describe, expect, it } from "vitest";
import {
  describeAnswer,
  describePlan,
  eligibilityRequest,
  localeOf,
  readSettings,
  widgetTitle,
} from "./format-eligibility.ts";

const threeTimes = (amounts: number[], fee = 0) => ({
  eligible: true,
  installments_count: amounts.length,
  payment_plan: amounts.map((total_amount) => ({ total_amount })),
  customer_fee: fee,
  customer_interest: 0,
  customer_total_cost_amount: fee,
});

describe("the shopper's language", () => {
  it("writes the line and the heading in French for a French page, in English otherwise", () => {
    expect(describePlan(threeTimes([4174, 4000, 4000], 174), "fr")).toBe(
      "41,74\u00a0€ puis 2 x 40,00\u00a0€ (frais\u00a0: 1,74\u00a0€)",
    );
    expect(describeAnswer([threeTimes([2000, 2000, 2000])], "fr")).toEqual(["3 x 20,00\u00a0€"]);
    expect(widgetTitle("fr")).toBe("Payez en plusieurs fois avec Alma");
    expect(widgetTitle("en")).toBe("Pay in instalments with Alma");
  });

  it("takes data-locale first, then the page's lang, and falls back to English", () => {
    const base = { merchantId: "merchant_1", amount: "6000" };
    const locale = (own: Record<string, string>, defaults = {}, page = "") => {
      const read = readSettings({ ...base, ...own }, defaults, page);
      return read.ok ? read.settings.locale : undefined;
    };
    expect(locale({}, {}, "fr-FR")).toBe("fr");
    expect(locale({ locale: "en" }, {}, "fr")).toBe("en");
    expect(locale({}, { locale: "fr_BE" }, "en")).toBe("fr");
    expect(locale({}, {}, "de")).toBe("en");
    expect(locale({ locale: "de" }, {}, "fr")).toBe("fr");
    expect(locale({}, {}, "")).toBe("en");
    expect(localeOf("FR")).toBe("fr");
    expect(localeOf("fra")).toBe("en");
  });
});

describe("describePlan", () => {
  it("equal instalments without fees read as n x amount", () => {
    expect(describePlan(threeTimes([3333, 3333, 3333]))).toBe("3 x €33.33");
  });

  it("a different first instalment reads 'then', and the customer's fees are shown", () => {
    expect(describePlan(threeTimes([4174, 4000, 4000], 174))).toBe("€41.74 then 2 x €40.00 (fees: €1.74)");
    expect(describePlan(threeTimes([3334, 3333, 3333]))).toBe("€33.34 then 2 x €33.33");
    expect(describePlan(threeTimes([6120, 6000], 120))).toBe("€61.20 then €60.00 (fees: €1.20)");
    expect(describePlan(threeTimes([12084], 84))).toBe("€120.84 (fees: €0.84)");
  });

  it("credit plans count interest as cost; uneven schedules are listed", () => {
    const item = {
      ...threeTimes([500, 400, 300]),
      customer_total_cost_amount: undefined,
      customer_interest: 25,
    };
    expect(describePlan(item)).toBe("€5.00 + €4.00 + €3.00 (fees: €0.25)");
  });

  it("a plan that is not eligible gives no line", () => {
    expect(describePlan({ eligible: false, installments_count: 3 })).toBeNull();
    expect(
      describeAnswer([{ eligible: false, installments_count: 4 }, threeTimes([2000, 2000, 2000])]),
    ).toEqual(["3 x €20.00"]);
  });

  it("an answer that is not a list is a fault (Alma's error bodies are objects)", () => {
    expect(() => describeAnswer({ error_code: "validation_error" })).toThrow(/not a list/);
  });
});

describe("readSettings", () => {
  it("reads the element's attributes, falling back to the script's", () => {
    const read = readSettings(
      { amount: "12000" },
      { merchantId: "merchant_11abc", plans: "3, 4,4", api: "http://x/" },
    );
    expect(read).toEqual({
      ok: true,
      settings: { merchantId: "merchant_11abc", amount: 12000, api: "http://x", plans: [3, 4], locale: "en" },
    });
    if (read.ok)
      expect(eligibilityRequest(read.settings)).toEqual({
        purchase_amount: 12000,
        queries: [
          { installments_count: 3, deferred_days: 0, deferred_months: 0 },
          { installments_count: 4, deferred_days: 0, deferred_months: 0 },
        ],
      });
  });

  it("defaults to Alma's live API and 3 instalments", () => {
    const read = readSettings({ merchantId: "merchant_1", amount: "6000" });
    expect(read.ok && read.settings).toMatchObject({ api: "https://api.getalma.eu", plans: [3] });
  });

  it("refuses what would make a wrong call: no merchant id, an API key, euros instead of cents", () => {
    expect(readSettings({ amount: "100" })).toMatchObject({ ok: false, error: /merchant/ });
    expect(readSettings({ merchantId: "sk_live_secret123", amount: "100" })).toMatchObject({ ok: false });
    expect(readSettings({ merchantId: "merchant_1", amount: "99.90" })).toMatchObject({
      ok: false,
      error: /cents/,
    });
    expect(readSettings({ merchantId: "merchant_1", amount: "100", plans: "x" })).toMatchObject({
      ok: false,
    });
  });
});
