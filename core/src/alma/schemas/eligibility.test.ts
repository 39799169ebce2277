import { describe, expect, it } from "vitest";
import { loadFixture } from "../testing/load-fixture.ts";
import { eligibilityListSchema } from "./eligibility.ts";
import { feePlanListSchema } from "./fee-plan.ts";
import { merchantSchema } from "./merchant.ts";
import { orderListSchema } from "./order.ts";

describe("eligibilityListSchema", () => {
  it("discriminates eligible and not-eligible items on `eligible`", () => {
    const [three, four, ten] = eligibilityListSchema.parse(loadFixture("eligibility/mixed"));
    expect(three?.eligible && three.payment_plan).toHaveLength(3);
    expect(four?.eligible && four.customer_fee).toBe(135);
    if (ten?.eligible !== false) throw new Error("expected a not-eligible item");
    expect(ten.reasons).toEqual({ purchase_amount: "invalid_value" });
    expect(ten.constraints).toEqual({ purchase_amount: { minimum: 50000, maximum: 300000 } });
  });

  it("rejects an item whose `eligible` is missing", () => {
    expect(eligibilityListSchema.safeParse([{ installments_count: 3 }]).success).toBe(false);
  });
});

describe("fee plan, merchant and order fixtures", () => {
  it("parse and keep unmodelled fields", () => {
    const plans = feePlanListSchema.parse(loadFixture("fee-plans/demo-merchant"));
    expect(
      plans.map((p) => `${p.kind}_${p.installments_count}_${p.deferred_days}_${p.deferred_months}`),
    ).toEqual([
      "general_1_0_0",
      "general_1_30_0",
      "general_2_0_0",
      "general_3_0_0",
      "general_4_0_0",
      "general_10_0_0",
    ]);
    expect(plans[5]).toMatchObject({ allowed: false, is_under_maximum_interest_regulated_rate: true });

    const merchant = merchantSchema.parse(loadFixture("merchant/extended-data"));
    expect(merchant).toMatchObject({ name: "Demo Boutique", maximum_purchase_exposure: 150000 });
    expect(merchant.fee_plans).toHaveLength(6);

    const orders = orderListSchema.parse(loadFixture("orders/list"));
    expect(orders.map((o) => o.merchant_reference)).toEqual(["#1042", "#1042-R1"]);
  });
});
