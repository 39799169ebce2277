import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, KEY, startHarness } from "./sandbox-harness.ts";

let h: Harness;
const start = new Date(Date.UTC(2026, 0, 31, 9));
beforeAll(async () => {
  h = await startHarness({ now: () => start, publicUrl: "https://pay.example.test" });
});
afterAll(() => h.close());

describe("POST /v1/payments", () => {
  it("creates a priced not_started payment with Alma's shape", async () => {
    const response = await h.createPayment(
      {
        purchase_amount: 35199,
        installments_count: 3,
        return_url: "https://shop.test/return?order=7",
        ipn_callback_url: "https://shop.test/ipn",
        customer_cancel_url: "https://shop.test/cancel",
        failure_return_url: "https://shop.test/failed",
        custom_data: { order_id: "7", nested: { a: [1, 2] } },
        billing_address: {
          first_name: "Camille",
          last_name: "Martin",
          country: "FR",
          email: "c@example.test",
        },
      },
      { order: { merchant_reference: "#1007", data: { channel: "web" } } },
    );
    expect(response.status).toBe(200);
    const p = response.body;
    expect(p.id).toMatch(/^payment_11[0-9A-Za-z]{32}$/);
    expect(p).toMatchObject({
      state: "not_started",
      kind: "P3X",
      url: `https://pay.example.test/alma-sandbox/checkout/${p.id}`,
      purchase_amount: 35199,
      installments_count: 3,
      deferred_days: 0,
      deferred_months: 0,
      customer_fee: 510, // 1.45 % of 351.99 €
      customer_interest: 0,
      amount_already_refunded: 0,
      is_completely_refunded: false,
      expired_at: null,
      created: start.getTime() / 1000,
      return_url: `https://shop.test/return?order=7&pid=${p.id}`,
      ipn_callback_url: `https://shop.test/ipn?pid=${p.id}`,
      customer_cancel_url: `https://shop.test/cancel?pid=${p.id}`,
      failure_return_url: "https://shop.test/failed",
      custom_data: { order_id: "7", nested: { a: [1, 2] } },
      deferred_trigger: false,
      deferred_trigger_applied: null,
      refunds: [],
    });
    expect(p.customer.id).toMatch(/^customer_[0-9A-Za-z]{34}$/);
    expect(p.customer.first_name).toBe("Camille");
    expect(p.orders).toHaveLength(1);
    expect(p.orders[0]).toMatchObject({
      merchant_reference: "#1007",
      payment: p.id,
      data: { channel: "web" },
    });
    expect(p.orders[0].id).toMatch(/^order_/);
    expect(p.payment_plan.map((i: { total_amount: number }) => i.total_amount)).toEqual([
      12243, 11733, 11733,
    ]);
    expect(
      p.payment_plan.map((i: { due_date: number }) => new Date(i.due_date * 1000).toISOString().slice(0, 10)),
    ).toEqual(["2026-01-31", "2026-02-28", "2026-03-31"]);
    for (const instalment of p.payment_plan) {
      expect(instalment.id).toMatch(/^installment_/);
      expect(instalment.state).toBe("pending");
      expect(instalment.date_paid).toBeNull();
    }
  });

  it("defaults to 3 instalments and knows pay now, deferred and credit plans", async () => {
    expect((await h.createPayment({})).body.kind).toBe("P3X");
    const now = await h.createPayment({ installments_count: 1 });
    expect(now.body.payment_plan).toHaveLength(1);
    const later = await h.createPayment({ installments_count: 1, deferred_days: 30 });
    expect(later.body.payment_plan[0].due_date).toBe(start.getTime() / 1000 + 30 * 86400);
    const credit = await h.createPayment({ purchase_amount: 120000, installments_count: 12 });
    expect(credit.body.customer_interest).toBeGreaterThan(0);
    const sum = credit.body.payment_plan.reduce(
      (a: number, i: { total_amount: number }) => a + i.total_amount,
      0,
    );
    expect(sum).toBe(120000 + credit.body.customer_fee + credit.body.customer_interest);
  });
});

describe("fetch, list and edit", () => {
  it("pages newest first with starting_after and filters by state", async () => {
    const key = "sk_test_listing000001";
    h.server.sandbox.merchants.provision({ testKey: key });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await h.createPayment({}, {}, key)).body.id);
    await h.api("PUT", `/v1/payments/${ids[0]}/cancel`, { key });
    const first = await h.api("GET", "/v1/payments?limit=2", { key });
    expect(first.body.has_more).toBe(true);
    expect(first.body.data.map((p: { id: string }) => p.id)).toEqual([ids[4], ids[3]]);
    const second = await h.api("GET", `/v1/payments?limit=2&starting_after=${ids[3]}`, { key });
    expect(second.body.data.map((p: { id: string }) => p.id)).toEqual([ids[2], ids[1]]);
    const last = await h.api("GET", `/v1/payments?limit=2&starting_after=${ids[1]}`, { key });
    expect(last.body).toMatchObject({ has_more: false });
    expect(last.body.data).toHaveLength(1);
    const all = await h.api("GET", "/v1/payments", { key });
    expect(all.body.data).toHaveLength(5);
    const stopped = await h.api("GET", "/v1/payments?state=stopped,paid", { key });
    expect(stopped.body.data.map((p: { id: string }) => p.id)).toEqual([ids[0]]);
    const unknownCursor = await h.api("GET", "/v1/payments?starting_after=payment_11nope", { key });
    expect(unknownCursor.status).toBe(404);
  });

  it("fetches a payment and edits its custom_data", async () => {
    const created = await h.createPayment({ custom_data: { a: 1 } });
    const fetched = await h.api("GET", `/v1/payments/${created.body.id}`);
    expect(fetched.body).toEqual(created.body);
    const edited = await h.api("POST", `/v1/payments/${created.body.id}`, {
      body: { payment: { custom_data: { a: 2, b: "x" } } },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.custom_data).toEqual({ a: 2, b: "x" });
    const bad = await h.api("POST", `/v1/payments/${created.body.id}`, { body: { payment: {} } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe("payment.custom_data");
  });
});

describe("orders", () => {
  it("appends with PUT (order or orders), replaces with POST, lists and updates status", async () => {
    const id = (await h.createPayment({})).body.id;
    const one = await h.api("PUT", `/v1/payments/${id}/orders`, {
      body: { order: { merchant_reference: "A" } },
    });
    expect(one.body.map((o: { merchant_reference: string }) => o.merchant_reference)).toEqual(["A"]);
    const two = await h.api("PUT", `/v1/payments/${id}/orders`, {
      body: { orders: [{ merchant_reference: "B", comment: "second" }] },
    });
    expect(two.body.map((o: { merchant_reference: string }) => o.merchant_reference)).toEqual(["A", "B"]);
    const replaced = await h.api("POST", `/v1/payments/${id}/orders`, {
      body: { order: { merchant_reference: "C" } },
    });
    expect(replaced.body.map((o: { merchant_reference: string }) => o.merchant_reference)).toEqual(["C"]);
    const listed = await h.api("GET", `/v1/payments/${id}/orders`);
    expect(listed.body).toEqual(replaced.body);
    const status = await h.api("POST", `/v1/payments/${id}/orders/C/status`, {
      body: { status: "shipped", is_shipped: true },
    });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ merchant_reference: "C", status: "shipped", is_shipped: true });
    const missing = await h.api("POST", `/v1/payments/${id}/orders/Z/status`, {
      body: { status: "x", is_shipped: null },
    });
    expect(missing.body).toEqual({ error_code: "not_found", object_type: "order", value: "Z" });
    const empty = await h.api("PUT", `/v1/payments/${id}/orders`, { body: {} });
    expect(empty.status).toBe(400);
  });
});

describe("side actions", () => {
  it("records potential fraud and SMS requests without sending anything", async () => {
    const id = (await h.createPayment({ billing_address: { phone: "+33600000000" } })).body.id;
    const fraud = await h.api("POST", `/v1/payments/${id}/potential-fraud`, {
      body: { reason: "amount_mismatch" },
    });
    expect(fraud.status).toBe(204);
    const sms = await h.api("POST", `/v1/payments/${id}/send-sms`);
    expect(sms.status).toBe(204);
    const admin = await h.api("GET", `/_admin/payments/${id}`, { key: null });
    expect(admin.body.potential_fraud).toEqual([{ reason: "amount_mismatch", at: start.getTime() / 1000 }]);
    const texts = await h.api("GET", `/_admin/sms?payment_id=${id}`, { key: null });
    expect(texts.body.data).toHaveLength(1);
    expect(texts.body.data[0]).toMatchObject({ payment_id: id, phone: "+33600000000" });
    expect(texts.body.data[0].message).toContain(`/checkout/${id}`);
  });
});

describe("merchant, fee plans and eligibility", () => {
  it("returns the merchant with its fee plans", async () => {
    const me = await h.api("GET", "/v1/me/extended-data");
    expect(me.body.name).toEqual(expect.any(String));
    const keys = me.body.fee_plans.map(
      (p: { installments_count: number; deferred_days: number }) =>
        `general_${p.installments_count}_${p.deferred_days}_0`,
    );
    expect(keys).toEqual([
      "general_1_0_0",
      "general_2_0_0",
      "general_3_0_0",
      "general_4_0_0",
      "general_10_0_0",
      "general_12_0_0",
      "general_1_15_0",
      "general_1_30_0",
    ]);
    for (const plan of me.body.fee_plans) {
      expect(plan).toMatchObject({
        kind: "general",
        allowed: true,
        min_purchase_amount: 5000,
        max_purchase_amount: 200000,
      });
      expect(plan.merchant).toBe(me.body.id);
    }
    const triggerable = me.body.fee_plans.filter(
      (p: { deferred_trigger_limit_days: number | null }) => p.deferred_trigger_limit_days,
    );
    expect(triggerable.map((p: { installments_count: number }) => p.installments_count)).toEqual([3, 4]);
  });

  it("filters fee plans by only and deferred", async () => {
    const some = await h.api("GET", "/v1/me/fee-plans?kind=general&only=3,4&deferred=false");
    expect(some.body.map((p: { installments_count: number }) => p.installments_count)).toEqual([3, 4]);
    const noDeferred = await h.api("GET", "/v1/me/fee-plans?only=all&deferred=false");
    expect(noDeferred.body).toHaveLength(6);
    const pos = await h.api("GET", "/v1/me/fee-plans?kind=pos");
    expect(pos.body).toEqual([]);
  });

  it("answers v2 eligibility with one item per query", async () => {
    const response = await h.api("POST", "/v2/payments/eligibility", {
      body: {
        purchase_amount: 45000,
        queries: [
          { installments_count: 3 },
          { installments_count: 10 },
          { installments_count: 5 },
          { installments_count: 1, deferred_days: 30 },
        ],
        billing_address: { country: "FR" },
      },
    });
    expect(response.status).toBe(200);
    const [p3, p10, p5, d30] = response.body;
    expect(p3).toMatchObject({
      eligible: true,
      installments_count: 3,
      customer_fee: 653,
      customer_interest: 0,
      customer_total_cost_amount: 653,
      customer_total_cost_bps: 145,
      annual_interest_rate: 0,
    });
    expect(p3.payment_plan.map((i: { total_amount: number }) => i.total_amount)).toEqual([
      15653, 15000, 15000,
    ]);
    expect(p10.annual_interest_rate).toBe(1720);
    expect(p10.customer_total_cost_amount).toBe(p10.customer_fee + p10.customer_interest);
    expect(p5).toMatchObject({ eligible: false, reasons: { installments_count: "invalid_value" } });
    expect(d30.payment_plan).toHaveLength(1);
    const tooBig = await h.api("POST", "/v2/payments/eligibility", {
      body: { purchase_amount: 300000, queries: [{ installments_count: 3 }] },
    });
    expect(tooBig.body).toEqual([
      {
        eligible: false,
        purchase_amount: 300000,
        installments_count: 3,
        deferred_days: 0,
        deferred_months: 0,
        reasons: { purchase_amount: "invalid_value" },
        constraints: { purchase_amount: { minimum: 5000, maximum: 200000 } },
      },
    ]);
  });

  it("answers v1 eligibility with an object for one count and an array for several", async () => {
    const one = await h.api("POST", "/v1/payments/eligibility", {
      body: { payment: { purchase_amount: 45000, installments_count: 4 } },
    });
    expect(one.body).toMatchObject({ eligible: true, installments_count: 4 });
    const many = await h.api("POST", "/v1/payments/eligibility", {
      body: { payment: { purchase_amount: 45000, installments_count: [4, 2] } },
    });
    expect(many.body.map((e: { installments_count: number }) => e.installments_count)).toEqual([2, 4]);
  });

  it("honours configured limits", async () => {
    const narrow = await startHarness({ limits: { min: 10000, max: 50000 } });
    try {
      const plans = await narrow.api("GET", "/v1/me/fee-plans", { key: KEY });
      expect(plans.body[0]).toMatchObject({ min_purchase_amount: 10000, max_purchase_amount: 50000 });
      expect((await narrow.createPayment({ purchase_amount: 60000 })).status).toBe(400);
    } finally {
      await narrow.close();
    }
  });
});
