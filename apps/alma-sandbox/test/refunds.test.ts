import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pay } from "../src/testing/checkout-driver.ts";
import { type Harness, startHarness } from "./sandbox-harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: () => new Date(Date.UTC(2026, 0, 15, 9)) });
});
afterAll(() => h.close());

async function accepted(payment: Record<string, unknown> = {}, card = "4242424242424242"): Promise<string> {
  const created = (await h.createPayment(payment)).body;
  await pay(created.url, { card });
  return created.id;
}

const refund = (id: string, body: Record<string, unknown>) =>
  h.api("POST", `/v1/payments/${id}/refund`, { body });

describe("refunds", () => {
  it("rebates future instalments first (from the last), then pays back collected money", async () => {
    const id = await accepted(); // 3 × 150.00 €, fee 6.53 € on the first (paid)
    const big = await refund(id, { amount: 40000, merchant_reference: "r1", comment: "most of it" });
    expect(big.status).toBe(200);
    const p = big.body;
    expect(p.refunds).toHaveLength(1);
    expect(p.refunds[0]).toMatchObject({
      amount: 40000,
      rebate_amount: 30000,
      payment_refund_amount: 10000,
      merchant_reference: "r1",
      payment: id,
      from_payment_cancellation: false,
    });
    expect(p.refunds[0].id).toMatch(/^refund_/);
    expect(p.payment_plan.map((i: { purchase_amount: number }) => i.purchase_amount)).toEqual([15000, 0, 0]);
    expect(p.payment_plan.map((i: { state: string }) => i.state)).toEqual(["paid", "paid", "paid"]);
    expect(p).toMatchObject({ state: "paid", amount_already_refunded: 40000, is_completely_refunded: false });

    const rest = await refund(id, { merchant_reference: "r2" });
    expect(rest.body.refunds[1]).toMatchObject({
      amount: 5653,
      rebate_amount: 0,
      payment_refund_amount: 5653,
    });
    expect(rest.body).toMatchObject({
      amount_already_refunded: 40000 + 5653, // the sum of refunds, fee included

      is_completely_refunded: true,
      customer_fees_refunded: 653,
    });
    const again = await refund(id, { merchant_reference: "r3" });
    expect(again.status).toBe(400);
    expect(again.body.errors[0].field).toBe("amount");
  });

  it("splits a full refund like Alma's fixture: collected incl. fee + rebate of cancelled instalments", async () => {
    const id = await accepted({ purchase_amount: 35199 });
    const response = await refund(id, { merchant_reference: "full" });
    const [r] = response.body.refunds;
    expect(r).toMatchObject({
      amount: 35199 + 510,
      payment_refund_amount: 11733 + 510,
      rebate_amount: 23466,
    });
    expect(response.body.payment_plan.slice(1)).toEqual([
      expect.objectContaining({
        purchase_amount: 0,
        original_purchase_amount: 11733,
        state: "paid",
        date_paid: null,
      }),
      expect.objectContaining({
        purchase_amount: 0,
        original_purchase_amount: 11733,
        state: "paid",
        date_paid: null,
      }),
    ]);
    expect(response.body).toMatchObject({
      state: "paid",
      amount_already_refunded: 35709,
      is_completely_refunded: true,
    });
  });

  it("refuses more than what remains refundable with a field error on amount", async () => {
    const id = await accepted();
    await refund(id, { amount: 20000, merchant_reference: "a" });
    const response = await refund(id, { amount: 25001, merchant_reference: "b" });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error_code: "validation_error", errors: [{ field: "amount" }] });
    expect(response.body.errors[0].message).toMatch(/250,00/);
    const zero = await refund(id, { amount: 0, merchant_reference: "c" });
    expect(zero.status).toBe(400);
  });

  it("refuses refunds of a payment nobody paid", async () => {
    const id = (await h.createPayment({})).body.id;
    const response = await refund(id, { merchant_reference: "x" });
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/not_started/);
  });

  it("refunds pay now entirely from collected money, fee included", async () => {
    const id = await accepted({ installments_count: 1, purchase_amount: 10000 });
    const response = await refund(id, { merchant_reference: "p1" });
    expect(response.body.refunds[0]).toMatchObject({
      amount: 10070,
      payment_refund_amount: 10070,
      rebate_amount: 0,
    });
  });

  it("a full refund of a late payment cancels the failed instalments and ends paid", async () => {
    const local = await startHarness({ now: () => new Date(Date.UTC(2026, 0, 15, 9)) });
    try {
      const created = (await local.createPayment({})).body;
      await pay(created.url, { card: "4000000000000341" });
      await local.advanceDays(32);
      const late = (await local.api("GET", `/v1/payments/${created.id}`)).body;
      expect(late.state).toBe("late_dunning");
      const response = await local.api("POST", `/v1/payments/${created.id}/refund`, {
        body: { merchant_reference: "x" },
      });
      expect(response.body.refunds[0]).toMatchObject({ rebate_amount: 30000, payment_refund_amount: 15653 });
      expect(response.body.state).toBe("paid");
    } finally {
      await local.close();
    }
  });
});
