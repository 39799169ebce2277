import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyPlan, formatPlanKey, parsePlanKey } from "./plan-key.ts";
import { type PlanLimits, preCheckPayment } from "./pre-check.ts";

describe("plan keys", () => {
  it("parses Alma's keys, including the in-page colon form and null parts", () => {
    expect(parsePlanKey("general_3_0_0")).toEqual({
      kind: "general",
      installmentsCount: 3,
      deferredDays: 0,
      deferredMonths: 0,
    });
    expect(parsePlanKey("general:1:30:0")?.deferredDays).toBe(30);
    expect(parsePlanKey("pos_10_-_-")).toEqual({
      kind: "pos",
      installmentsCount: 10,
      deferredDays: 0,
      deferredMonths: 0,
    });
  });
  it.each(["", "general_3_0", "credit_3_0_0", "general_0_0_0", "general_13_0_0", "general_3_0_0_1"])(
    "refuses %j",
    (key) => expect(parsePlanKey(key)).toBeUndefined(),
  );
  it("round-trips", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("general", "pos"),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 90 }),
        fc.integer({ min: 0, max: 12 }),
        (kind, installmentsCount, deferredDays, deferredMonths) => {
          const key = formatPlanKey({ kind, installmentsCount, deferredDays, deferredMonths });
          expect(parsePlanKey(key)).toEqual({ kind, installmentsCount, deferredDays, deferredMonths });
        },
      ),
    );
  });
  it("classifies like Alma", () => {
    expect(classifyPlan(parsePlanKey("general_1_0_0")!)).toBe("pay_now");
    expect(classifyPlan(parsePlanKey("general_1_15_0")!)).toBe("pay_later");
    expect(classifyPlan(parsePlanKey("general_4_0_0")!)).toBe("pnx");
    expect(classifyPlan(parsePlanKey("general_10_0_0")!)).toBe("credit");
  });
});

describe("preCheckPayment", () => {
  const plans: PlanLimits[] = [
    {
      kind: "general",
      installments_count: 3,
      deferred_days: 0,
      deferred_months: 0,
      allowed: true,
      min_purchase_amount: 5000,
      max_purchase_amount: 200000,
    },
    {
      kind: "general",
      installments_count: 10,
      deferred_days: 0,
      deferred_months: 0,
      allowed: false,
      min_purchase_amount: 5000,
      max_purchase_amount: 200000,
    },
  ];
  const p3 = parsePlanKey("general_3_0_0")!;
  it("accepts an amount inside the window", () => {
    expect(preCheckPayment({ amountCents: 5000, currency: "EUR", plan: p3, plans }).ok).toBe(true);
    expect(preCheckPayment({ amountCents: 200000, currency: "eur", plan: p3, plans }).ok).toBe(true);
  });
  it("names the reason for a refusal", () => {
    expect(preCheckPayment({ amountCents: 4999, currency: "EUR", plan: p3, plans })).toMatchObject({
      ok: false,
      reason: "amount_below_minimum",
      constraints: { minimum: 5000, maximum: 200000 },
    });
    expect(preCheckPayment({ amountCents: 200001, currency: "EUR", plan: p3, plans })).toMatchObject({
      reason: "amount_above_maximum",
    });
    expect(preCheckPayment({ amountCents: 10000, currency: "USD", plan: p3, plans })).toMatchObject({
      reason: "currency_not_supported",
    });
    expect(
      preCheckPayment({ amountCents: 10000, currency: "EUR", plan: parsePlanKey("general_10_0_0")!, plans }),
    ).toMatchObject({ reason: "plan_not_allowed" });
    expect(
      preCheckPayment({ amountCents: 10000, currency: "EUR", plan: parsePlanKey("general_4_0_0")!, plans }),
    ).toMatchObject({ reason: "plan_not_allowed" });
  });
});
