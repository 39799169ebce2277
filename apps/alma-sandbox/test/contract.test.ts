import {
  AlmaAuthenticationError,
  AlmaClient,
  AlmaInvalidRequestError,
  AlmaNotFoundError,
  almaMessageErrorBodySchema,
  almaNotFoundErrorBodySchema,
  almaValidationErrorBodySchema,
  eligibilityListSchema,
  feePlanListSchema,
  merchantSchema,
  orderListSchema,
  paymentListSchema,
  paymentSchema,
} from "@alma-suite/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pay } from "../src/testing/checkout-driver.ts";
import { loadAlmaFixture, missingKeys } from "./fixture-keys.ts";
import { type Harness, KEY, startHarness } from "./sandbox-harness.ts";

// Core's Alma client against the sandbox: the same calls as core's nock tests, every answer parsed
// with core's schemas, and the sandbox's objects checked to carry every field of the recorded ones.
let h: Harness;
let alma: AlmaClient;
beforeAll(async () => {
  h = await startHarness();
  alma = new AlmaClient({ apiKey: KEY, baseUrl: h.url, maxRetries: 0 });
});
afterAll(() => h.close());

const createInput = {
  payment: {
    purchase_amount: 35199,
    installments_count: 3,
    return_url: "https://alma.example.com/alma/return/tnt_demo",
    ipn_callback_url: "https://alma.example.com/alma/ipn/tnt_demo",
    custom_data: { tenant_id: "tnt_demo", order_reference: "#1042" },
    billing_address: { first_name: "Camille", country: "FR" },
    cart: { items: [{ title: "Lampe", quantity: 1, unit_price: 35199, line_price: 35199 }] },
    capture_method: "automatic",
  },
  order: { merchant_reference: "#1042" },
  customer: { email: "camille.durand@example.fr" },
};

async function acceptedPayment(extra: Record<string, unknown> = {}) {
  const created = await alma.payments.create({
    ...createInput,
    payment: { ...createInput.payment, ...extra },
  });
  await pay(created.url, { card: "4242424242424242" });
  return created.id;
}

describe("payments", () => {
  it("create and fetch return payments with every recorded field", async () => {
    const created = await alma.payments.create(createInput);
    expect(created).toMatchObject({
      state: "not_started",
      purchase_amount: 35199,
      custom_data: createInput.payment.custom_data,
    });
    const id = await acceptedPayment();
    const fetched = await alma.payments.fetch(id);
    const raw = (await h.api("GET", `/v1/payments/${id}`)).body;
    expect(paymentSchema.parse(raw)).toEqual(fetched);
    const recorded = loadAlmaFixture("payments/in-progress-3x");
    expect(missingKeys(recorded, raw)).toEqual([]);
    expect(missingKeys(recorded.payment_plan[0], raw.payment_plan[0])).toEqual([]);
    expect(missingKeys(recorded.customer, raw.customer)).toEqual([]);
    expect(missingKeys(recorded.orders[0], raw.orders[0])).toEqual([]);
    expect(missingKeys(recorded.fees.merchant, raw.fees.merchant)).toEqual([]);
  });

  it("list and listAll page through payments", async () => {
    const key = "sk_test_contractlist01";
    h.server.sandbox.merchants.provision({ testKey: key });
    const client = new AlmaClient({ apiKey: key, baseUrl: h.url, maxRetries: 0 });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await client.payments.create(createInput)).id);
    const page = await client.payments.list({ limit: 2, states: ["not_started"] });
    expect(page.has_more).toBe(true);
    expect(page.data.map((p) => p.id)).toEqual([ids[4], ids[3]]);
    const all: string[] = [];
    for await (const payment of client.payments.listAll({ limit: 2 })) all.push(payment.id);
    expect(all).toEqual([...ids].reverse());
    const raw = (await h.api("GET", "/v1/payments?limit=1", { key })).body;
    expect(missingKeys(loadAlmaFixture("payments/list-page-1"), raw)).toEqual([]);
    expect(() => paymentListSchema.parse(raw)).not.toThrow();
  });

  it("edit sets custom_data", async () => {
    const { id } = await alma.payments.create(createInput);
    const edited = await alma.payments.edit(id, {
      custom_data: { tenant_id: "tnt_demo", shopify_gid: "gid://x/1" },
    });
    expect(edited.custom_data).toEqual({ tenant_id: "tnt_demo", shopify_gid: "gid://x/1" });
  });

  it("cancel stops an unpaid payment and is refused once paid", async () => {
    const { id } = await alma.payments.create(createInput);
    await alma.payments.cancel(id);
    expect((await alma.payments.fetch(id)).state).toBe("stopped");
    const paid = await acceptedPayment();
    await expect(alma.payments.cancel(paid)).rejects.toBeInstanceOf(AlmaInvalidRequestError);
  });

  it("refund (partial then full) returns the payment with refunds like the recorded ones", async () => {
    const id = await acceptedPayment();
    const partial = await alma.payments.refund(id, { amount: 5000, merchantReference: "wc-refund-4821" });
    expect(partial.amount_already_refunded).toBe(5000);
    const full = await alma.payments.refund(id, { merchantReference: "shopify-refund-9182736450" });
    expect(full.is_completely_refunded).toBe(true);
    const recorded = loadAlmaFixture("payments/fully-refunded");
    const raw = (await h.api("GET", `/v1/payments/${id}`)).body;
    expect(missingKeys(recorded.refunds[0], raw.refunds[1])).toEqual([]);
    expect(raw.refunds[1].amount).toBe(raw.refunds[1].payment_refund_amount + raw.refunds[1].rebate_amount);
    const error = await alma.payments.refund(id, { amount: 1, merchantReference: "again" }).catch((e) => e);
    expect(error).toBeInstanceOf(AlmaInvalidRequestError);
    expect((error as AlmaInvalidRequestError).fieldErrors).toEqual([
      { field: "amount", message: expect.any(String) },
    ]);
  });

  it("trigger charges a payment upon trigger", async () => {
    const id = await acceptedPayment({ deferred: "trigger", deferred_description: "at shipping" });
    const awaiting = await alma.payments.fetch(id);
    expect(missingKeys(loadAlmaFixture("payments/awaiting-trigger"), awaiting)).toEqual([]);
    expect(awaiting.state).toBe("scored_yes");
    const triggered = await alma.payments.trigger(id);
    expect(triggered.deferred_trigger_applied).toEqual(expect.any(Number));
    expect(triggered.state).toBe("in_progress");
    await expect(alma.payments.trigger(id)).rejects.toBeInstanceOf(AlmaInvalidRequestError);
  });

  it("flagPotentialFraud and sendSms are accepted and recorded", async () => {
    const { id } = await alma.payments.create(createInput);
    await alma.payments.flagPotentialFraud(id, "amount_mismatch");
    await alma.payments.sendSms(id);
    const admin = (await h.api("GET", `/_admin/payments/${id}`, { key: null })).body;
    expect(admin.potential_fraud[0].reason).toBe("amount_mismatch");
    expect((await h.api("GET", `/_admin/sms?payment_id=${id}`, { key: null })).body.data).toHaveLength(1);
  });
});

describe("orders", () => {
  it("add, list and updateStatus", async () => {
    const { id } = await alma.payments.create(createInput);
    const added = await alma.orders.add(id, {
      merchant_reference: "A-1",
      merchant_url: "https://shop.test/o/1",
    });
    expect(added.map((o) => o.merchant_reference)).toEqual(["#1042", "A-1"]);
    const listed = await alma.orders.list(id);
    expect(orderListSchema.parse(listed)).toEqual(added);
    expect(missingKeys(loadAlmaFixture("orders/list")[0], listed[1]!)).toEqual([]);
    await alma.orders.updateStatus(id, "A-1", { status: "shipped", isShipped: true });
    await alma.orders.updateStatus(id, "#1042", { status: "processing", isShipped: null });
    await expect(
      alma.orders.updateStatus(id, "nope", { status: "x", isShipped: null }),
    ).rejects.toBeInstanceOf(AlmaNotFoundError);
  });
});

describe("orders by id and shipments", () => {
  it("listMerchantOrders, fetch, update and addShipment", async () => {
    const key = "sk_test_contractOrders01";
    h.server.sandbox.merchants.provision({ testKey: key });
    const client = new AlmaClient({ apiKey: key, baseUrl: h.url, maxRetries: 0 });
    const created = [];
    for (let i = 0; i < 3; i++) created.push(await client.payments.create(createInput));
    const orderIds = created.map((p) => p.orders[0]!.id);
    const page = await client.orders.listMerchantOrders({ limit: 2 });
    expect(page.data.map((o) => o.id)).toEqual([orderIds[2], orderIds[1]]);
    const all = [];
    for await (const order of client.orders.listAllMerchantOrders({ limit: 1 })) all.push(order.id);
    expect(all).toEqual([...orderIds].reverse());
    const updated = await client.orders.update(orderIds[0]!, { comment: "Gift wrap", data: { gift: true } });
    expect(updated).toMatchObject({ id: orderIds[0], comment: "Gift wrap", data: { gift: true } });
    await client.orders.addShipment(orderIds[0]!, {
      carrier: "Colissimo",
      trackingNumber: "6A123",
      trackingUrl: "https://www.laposte.fr/suivi?code=6A123",
    });
    await expect(client.orders.fetch(orderIds[0]!)).resolves.toMatchObject({
      carrier: "Colissimo",
      tracking_number: "6A123",
      tracking_url: "https://www.laposte.fr/suivi?code=6A123",
    });
    await expect(alma.orders.fetch(orderIds[0]!)).rejects.toBeInstanceOf(AlmaNotFoundError);
  });
});

describe("eligibility and merchant", () => {
  it("eligibility.check answers one item per query", async () => {
    const result = await alma.eligibility.check({
      purchase_amount: 45000,
      queries: [
        { installments_count: 3 },
        { installments_count: 4 },
        { installments_count: 10 },
        { installments_count: 7 },
      ],
      billing_address: { country: "FR" },
    });
    expect(result.map((e) => e.eligible)).toEqual([true, true, true, false]);
    const raw = (
      await h.api("POST", "/v2/payments/eligibility", {
        body: { purchase_amount: 300000, queries: [{ installments_count: 3 }, { installments_count: 10 }] },
      })
    ).body;
    expect(() => eligibilityListSchema.parse(raw)).not.toThrow();
    const recorded = loadAlmaFixture("eligibility/mixed");
    expect(missingKeys(recorded[2], raw[0])).toEqual([]);
    const eligibleRaw = (
      await h.api("POST", "/v2/payments/eligibility", {
        body: { purchase_amount: 45000, queries: [{ installments_count: 3 }] },
      })
    ).body;
    expect(missingKeys(recorded[0], eligibleRaw[0])).toEqual([]);
    expect(missingKeys(recorded[0].payment_plan[0], eligibleRaw[0].payment_plan[0])).toEqual([]);
  });

  it("merchant.me and feePlans", async () => {
    const me = await alma.merchant.me();
    expect(me.id).toMatch(/^merchant_/);
    const raw = (await h.api("GET", "/v1/me/extended-data")).body;
    expect(merchantSchema.parse(raw)).toEqual(me);
    const recorded = loadAlmaFixture("merchant/extended-data");
    expect(missingKeys(recorded, raw)).toEqual([]);
    expect(missingKeys(recorded.fee_plans[0], raw.fee_plans[0])).toEqual([]);
    const plans = await alma.merchant.feePlans();
    expect(feePlanListSchema.parse(plans)).toHaveLength(8);
    expect(missingKeys(loadAlmaFixture("fee-plans/demo-merchant")[0], plans[0]!)).toEqual([]);
    await expect(alma.merchant.feePlans({ kind: "pos", only: [3, 4], deferred: false })).resolves.toEqual([]);
    const some = await alma.merchant.feePlans({ only: [3, 4], deferred: false });
    expect(some.map((p) => p.installments_count)).toEqual([3, 4]);
  });
});

describe("errors", () => {
  it("maps sandbox errors to core's error classes, with bodies in Alma's shapes", async () => {
    await expect(alma.payments.fetch("payment_11unknown")).rejects.toBeInstanceOf(AlmaNotFoundError);
    const notFound = (await h.api("GET", "/v1/payments/payment_11unknown")).body;
    expect(() => almaNotFoundErrorBodySchema.parse(notFound)).not.toThrow();

    const other = new AlmaClient({ apiKey: "sk_test_neverIssued01", baseUrl: h.url, maxRetries: 0 });
    await expect(other.merchant.me()).rejects.toBeInstanceOf(AlmaAuthenticationError);
    const live = new AlmaClient({ apiKey: "sk_live_abcdefgh123", baseUrl: h.url, maxRetries: 0 });
    const liveError = await live.merchant.me().catch((e) => e);
    expect(liveError).toBeInstanceOf(AlmaAuthenticationError);
    expect((liveError as Error).message).toBe("Credentials invalid or not supplied");
    const unauthorized = (await h.api("GET", "/v1/me", { key: null })).body;
    expect(() => almaMessageErrorBodySchema.parse(unauthorized)).not.toThrow();

    const invalid = (await h.api("POST", "/v1/payments", { body: { payment: { purchase_amount: -1 } } }))
      .body;
    expect(() => almaValidationErrorBodySchema.parse(invalid)).not.toThrow();
    const small: unknown = await alma.payments.create({ payment: { purchase_amount: 100 } }).catch((e) => e);
    expect(small).toBeInstanceOf(AlmaInvalidRequestError);
    expect((small as AlmaInvalidRequestError).fieldErrors[0]?.field).toBe("payment.purchase_amount");
  });
});
