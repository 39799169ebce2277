import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, demoFeePlans, findPlan } from "../merchants/demo-fee-plans.ts";
import { annuityInterest, pricePlan } from "./price-plan.ts";

const plans = demoFeePlans("merchant_test", DEFAULT_LIMITS);
const start = new Date(Date.UTC(2026, 0, 15, 12));

describe("pricePlan", () => {
  it("prices a 3x of 450.00 € with the fee on the first instalment", () => {
    const plan = findPlan(plans, { installmentsCount: 3, deferredDays: 0, deferredMonths: 0 })!;
    const price = pricePlan(plan, 45000, start);
    expect(price.customerFee).toBe(653); // 1.45 % of 450 € = 6.525 → 6.53
    expect(price.schedule.map((i) => i.totalAmount)).toEqual([15653, 15000, 15000]);
    expect(price.customerTotalCostBps).toBe(145);
    expect(price.annualInterestRate).toBe(0);
    expect(price.merchantFee).toEqual({ total_excluding_tax: 1305, tax: 261, total: 1566 });
  });

  it("adds credit interest on 10x and 12x", () => {
    const plan = findPlan(plans, { installmentsCount: 10, deferredDays: 0, deferredMonths: 0 })!;
    const price = pricePlan(plan, 100000, start);
    expect(price.annualInterestRate).toBe(1720);
    expect(price.customerInterest).toBe(annuityInterest(100000, 10, 1720));
    expect(price.customerInterest).toBeGreaterThan(7000);
    const sum = price.schedule.reduce((a, i) => a + i.totalAmount, 0);
    expect(sum).toBe(100000 + price.customerFee + price.customerInterest);
  });

  it("keeps every fee inside 70–1326 bps", () => {
    for (const plan of plans) {
      for (const bps of [plan.merchant_fee_variable, plan.customer_fee_variable]) {
        expect(bps).toBeGreaterThanOrEqual(70);
        expect(bps).toBeLessThanOrEqual(1326);
      }
    }
  });
});
