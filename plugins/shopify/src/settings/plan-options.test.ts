import type { FeePlan } from "@alma-suite/core";
import { describe, expect, it } from "vitest";
import { planOptions, validatePlans } from "./plan-options.ts";

const plan = (n: number, extra: Partial<FeePlan> = {}): FeePlan => ({
  kind: "general",
  installments_count: n,
  deferred_days: 0,
  deferred_months: 0,
  allowed: true,
  min_purchase_amount: 5000,
  max_purchase_amount: 200000,
  merchant_fee_variable: 290,
  customer_fee_variable: 145,
  deferred_trigger_limit_days: n === 3 ? 30 : null,
  ...extra,
});

describe("plan options", () => {
  const options = planOptions([
    plan(3),
    plan(4, { allowed: false }),
    plan(10, { kind: "pos" }),
    plan(2, { available_online: false }),
  ]);

  it("lists the online plans Alma allows, with limits, fees and trigger support", () => {
    expect(options).toEqual([
      {
        key: "general_3_0_0",
        label: "Pay in 3 instalments",
        almaMinCents: 5000,
        almaMaxCents: 200000,
        triggerLimitDays: 30,
        merchantFeeBps: 290,
        customerFeeBps: 145,
        customerLendingRateBps: null,
      },
    ]);
  });

  it("lets the merchant narrow Alma's window but not widen it", () => {
    expect(
      validatePlans([{ key: "general_3_0_0", enabled: true, minCents: 10000, maxCents: 150000 }], options),
    ).toMatchObject({
      ok: true,
      plans: [
        { key: "general_3_0_0", minCents: 10000, maxCents: 150000, almaMinCents: 5000, triggerLimitDays: 30 },
      ],
    });
    for (const [minCents, maxCents] of [
      [4999, 100000],
      [5000, 200001],
      [90000, 80000],
    ])
      expect(
        validatePlans(
          [{ key: "general_3_0_0", enabled: true, minCents: minCents!, maxCents: maxCents! }],
          options,
        ).ok,
      ).toBe(false);
  });

  it("refuses plans Alma does not offer and a configuration with every plan off", () => {
    expect(
      validatePlans([{ key: "general_4_0_0", enabled: true, minCents: 5000, maxCents: 9000 }], options),
    ).toMatchObject({
      ok: false,
      errors: [{ key: "general_4_0_0" }],
    });
    expect(
      validatePlans([{ key: "general_3_0_0", enabled: false, minCents: 5000, maxCents: 9000 }], options),
    ).toMatchObject({
      ok: false,
      errors: [{ key: "*" }],
    });
  });
});
