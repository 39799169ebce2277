import { describe, expect, it } from "vitest";
import { checkSchema } from "../check-schema.ts";
import { loadFixture, loadFixtureObject } from "../testing/load-fixture.ts";
import { paymentSchema } from "./payment.ts";
import { paymentListSchema } from "./payment-list.ts";

describe("paymentSchema", () => {
  it.each([
    "payments/in-progress-3x",
    "payments/fully-refunded",
    "payments/partially-refunded",
    "payments/awaiting-trigger",
    "payments/triggered",
  ])("parses %s", (name) => {
    expect(paymentSchema.safeParse(loadFixture(name)).success).toBe(true);
  });

  it("reads the refund figures of a full refund", () => {
    const payment = paymentSchema.parse(loadFixture("payments/fully-refunded"));
    expect(payment.state).toBe("paid");
    expect(payment.refunds).toEqual([
      expect.objectContaining({ amount: 35299, payment_refund_amount: 11833, rebate_amount: 23466 }),
    ]);
    expect(payment.payment_plan.map((i) => i.purchase_amount)).toEqual([11733, 0, 0]);
  });

  it("keeps fields it does not model", () => {
    const payment = paymentSchema.parse(loadFixture("payments/in-progress-3x"));
    expect(payment.integration_origin).toBe("Shopify");
    expect(payment.fees).toEqual({ merchant: { total: 1056, tax: 0, total_excluding_tax: 1056 } });
    expect(payment.payment_plan[0]?.original_purchase_amount).toBe(11733);
    expect(payment.billing_address?.county_sublocality).toBeNull();
  });

  it("names a missing required field in the failure", () => {
    const raw = loadFixtureObject("payments/in-progress-3x");
    delete raw.purchase_amount;
    const checked = checkSchema(paymentSchema, raw, "payment");
    expect(checked).toMatchObject({ ok: false, message: "payment.purchase_amount: Required" });
  });

  it("names nested paths, e.g. inside the plan", () => {
    const raw = loadFixtureObject("payments/in-progress-3x");
    raw.payment_plan = [{ ...(raw.payment_plan as object[])[0], due_date: "tomorrow" }];
    const checked = checkSchema(paymentSchema, raw, "payment");
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.issues[0]?.field).toBe("payment.payment_plan[0].due_date");
  });

  it("accepts a state Alma adds later, and still rejects a non-string one", () => {
    const raw = loadFixtureObject("payments/in-progress-3x");
    expect(paymentSchema.parse({ ...raw, state: "on_hold" }).state).toBe("on_hold");
    expect(paymentSchema.safeParse({ ...raw, state: 3 }).success).toBe(false);
  });

  it("defaults absent refunds and orders to empty lists but requires custom_data and expired_at", () => {
    const raw = loadFixtureObject("payments/in-progress-3x");
    delete raw.refunds;
    delete raw.orders;
    const payment = paymentSchema.parse(raw);
    expect(payment.refunds).toEqual([]);
    expect(payment.orders).toEqual([]);
    delete raw.custom_data;
    delete raw.expired_at;
    const checked = checkSchema(paymentSchema, raw, "payment");
    expect(checked.ok ? "" : checked.message).toBe(
      "payment.custom_data: Required; payment.expired_at: Required",
    );
  });

  it("accepts any JSON as custom_data, including null from other integrations", () => {
    const raw = loadFixtureObject("payments/in-progress-3x");
    expect(paymentSchema.parse({ ...raw, custom_data: null }).custom_data).toBeNull();
    expect(paymentSchema.parse({ ...raw, custom_data: ["x", 1] }).custom_data).toEqual(["x", 1]);
  });

  it("rejects non-integer money", () => {
    const raw = loadFixtureObject("payments/in-progress-3x");
    expect(paymentSchema.safeParse({ ...raw, purchase_amount: 351.99 }).success).toBe(false);
  });
});

describe("paymentListSchema", () => {
  it("parses both list pages", () => {
    expect(paymentListSchema.parse(loadFixture("payments/list-page-1")).has_more).toBe(true);
    const last = paymentListSchema.parse(loadFixture("payments/list-page-2"));
    expect(last).toMatchObject({ has_more: false, data: [{ custom_data: null, refunds: [], orders: [] }] });
  });
});
