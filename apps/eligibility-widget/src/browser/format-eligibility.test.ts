import { describe, expect, it } from "vitest";
import {
  describeAnswer,
  describePlan,
  eligibilityRequest,
  localeOf,
  readSettings,
  widgetPlans,
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

  it("takes data-locale first, then the page's lang, and falls back to French", () => {
    const base = { merchantId: "merchant_1", amount: "6000" };
    const locale = (own: Record<string, string>, defaults = {}, page = "") => {
      const read = readSettings({ ...base, ...own }, defaults, page);
      return read.ok ? read.settings.locale : undefined;
    };
    expect(locale({}, {}, "fr-FR")).toBe("fr");
    expect(locale({ locale: "en" }, {}, "fr")).toBe("en");
    expect(locale({}, { locale: "fr_BE" }, "en")).toBe("fr");
    expect(locale({}, {}, "de")).toBe("fr");
    expect(locale({ locale: "de" }, {}, "fr")).toBe("fr");
    expect(locale({}, {}, "")).toBe("fr");
    expect(localeOf("FR")).toBe("fr");
    expect(localeOf("en-US")).toBe("en");
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
      settings: {
        merchantId: "merchant_11abc",
        amount: 12000,
        api: "http://x",
        plans: [
          { installments_count: 3, deferred_days: 0, deferred_months: 0 },
          { installments_count: 4, deferred_days: 0, deferred_months: 0 },
        ],
        locale: "fr",
      },
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
    expect(read.ok && read.settings).toMatchObject({
      api: "https://api.getalma.eu",
      plans: [{ installments_count: 3, deferred_days: 0, deferred_months: 0 }],
    });
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

describe("widgetPlans", () => {
  const now = Date.UTC(2026, 0, 15, 9);
  const day = (d: number) => Date.UTC(2026, 0, 15 + d, 9) / 1000;
  // A 10x as the sandbox prices it: 17.20 % lending rate, the interest spread, a small fee.
  const tenTimes = {
    eligible: true,
    installments_count: 10,
    deferred_days: 0,
    deferred_months: 0,
    purchase_amount: 100000,
    payment_plan: Array.from({ length: 10 }, (_, i) => ({
      due_date: day(i * 30),
      total_amount: i === 0 ? 11509 : 10809,
    })),
    customer_fee: 700,
    customer_interest: 8090,
    customer_total_cost_amount: 8790,
    annual_interest_rate: 1720,
  };
  const payLater = {
    eligible: true,
    installments_count: 1,
    deferred_days: 30,
    deferred_months: 0,
    purchase_amount: 6000,
    payment_plan: [{ due_date: day(30), total_amount: 6090 }],
    customer_fee: 90,
    customer_interest: 0,
  };

  it("names plans as shoppers know them and keeps only the eligible ones, in order", () => {
    const plans = widgetPlans(
      [threeTimes([4174, 4000, 4000], 174), { eligible: false, installments_count: 4 }, tenTimes, payLater],
      "fr",
      now,
    );
    expect(plans.map((p) => p.label)).toEqual(["3x", "10x", "Payer dans 30 jours"]);
    expect(widgetPlans([payLater], "en", now)[0]?.label).toBe("Pay in 30 days");
  });

  it("discloses the credit terms of a 10x with the TAEG from Alma's answer, and the L312-5 warning", () => {
    const [plan] = widgetPlans([tenTimes], "fr", now);
    expect(plan?.schedule[0]).toEqual({ when: "Aujourd'hui", amount: "115,09\u00a0€" });
    expect(plan?.schedule[1]?.when).toBe("14 février 2026");
    expect(plan?.terms.lines).toEqual([
      "TAEG fixe : 17,20\u00a0%",
      "Coût total du crédit : 87,90\u00a0€",
      "Montant total dû : 1\u202f087,90\u00a0€",
    ]);
    expect(plan?.terms.warning).toMatch(/^Un crédit vous engage et doit être remboursé\./);
  });

  it("names the fees of a 3x without TAEG, in English too", () => {
    const [plan] = widgetPlans([threeTimes([4174, 4000, 4000], 174)], "en", now);
    expect(plan?.terms).toEqual({
      kind: "fees",
      lines: ["Service fees: €1.74, included in the first instalment"],
      warning: null,
    });
  });

  it("reads pay-later plans from data-plans", () => {
    const read = readSettings({ merchantId: "merchant_1", amount: "6000", plans: "3,10,30d,30d,99" });
    expect(read.ok && read.settings.plans).toEqual([
      { installments_count: 3, deferred_days: 0, deferred_months: 0 },
      { installments_count: 10, deferred_days: 0, deferred_months: 0 },
      { installments_count: 1, deferred_days: 30, deferred_months: 0 },
    ]);
  });
});
