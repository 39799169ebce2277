import { pay } from "@alma-suite/alma-sandbox/testing";
import { AlmaClient } from "@alma-suite/core";
import { paymentUrlIn } from "@alma-suite/woocommerce/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "./support/wait-for.ts";
import {
  registerStore,
  startWoocommerceJourney,
  stopWoocommerceJourney,
  type WoocommerceJourney,
} from "./support/woocommerce-journey.ts";

const ALMA_KEY = "sk_test_wooDashboard0001";
const TOKEN = "registration-token-for-dashboard-01";

// biome-ignore lint/suspicious/noExplicitAny: answers are read as plain JSON
type Json = any;

describe("the dashboard over a WooCommerce store", () => {
  let journey: WoocommerceJourney;
  let storeId: string;
  let cookie: string;
  let orderId: number;

  async function api(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
    const response = await fetch(`${journey.server.url}/dashboard/api${path}`, {
      method,
      headers: {
        cookie,
        "x-requested-with": "alma-dashboard",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }

  beforeAll(async () => {
    journey = await startWoocommerceJourney("woo-dashboard-", TOKEN);
    const registered = await registerStore(journey, TOKEN, {
      alma_test_key: ALMA_KEY,
      pay_by_link_methods: ["cheque"],
    });
    expect(registered.status).toBe(201);
    storeId = ((await registered.json()) as { store_id: string }).store_id;
    const signIn = await fetch(`${journey.server.url}/dashboard/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-requested-with": "alma-dashboard" },
      body: JSON.stringify({ token: journey.server.adminToken }),
    });
    cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const { woo } = journey;
    const order = woo.createOrder({
      totalCents: 40_000,
      paymentMethod: "cheque",
      status: "on-hold",
      billing: { first_name: "Léa", last_name: "Moreau", email: "lea@example.com", country: "FR" },
    });
    orderId = order.id;
    const note = await waitFor("the payment link e-mail", async () =>
      woo.store.notes.get(order.id)?.find((n) => n.customerNote),
    );
    expect((await pay(paymentUrlIn(note.note), { card: "4242424242424242" })).status).toBe(303);
    await waitFor(
      "the order to be paid",
      async () => woo.store.orders.get(order.id)?.status === "processing",
    );
  }, 30_000);
  afterAll(async () => {
    await stopWoocommerceJourney(journey);
  });

  it("links each payment to its order in wp-admin and checks the store's REST key", async () => {
    const list = await api("GET", `/tenants/${storeId}/payments?q=${orderId}`);
    expect(list.body.payments[0]).toMatchObject({
      platformOrderRef: String(orderId),
      state: "paid",
      platformOrderUrl: `${journey.woo.url.replace(/\/$/, "")}/wp-admin/post.php?post=${orderId}&action=edit`,
    });
    const health = await api("GET", `/tenants/${storeId}/health`);
    expect(health.body.platform.ok).toBe(true);
    expect(health.body.alma.ok).toBe(true);
    expect((await api("GET", `/tenants/${storeId}/deliveries`)).body).toEqual({
      supported: false,
      deliveries: [],
    });
  });

  it("a dashboard refund reaches Alma and is recorded on the WooCommerce order without moving money again", async () => {
    const link = await journey.server.storage.findPaymentByOrderRef(storeId, String(orderId));
    const deliveriesBefore = journey.woo.webhooks.log.length;
    const refund = await api("POST", `/tenants/${storeId}/payments/${link?.id}/refunds`, {
      amountCents: 15_000,
      idempotencyKey: "woo-dash-1",
    });
    expect(refund.status).toBe(202);
    const recorded = await waitFor(
      "the WooCommerce refund",
      async () => journey.woo.store.refunds.get(orderId)?.[0],
    );
    expect([recorded.amountCents, recorded.refundedPayment]).toEqual([15_000, false]);
    const alma = new AlmaClient({ apiKey: ALMA_KEY, baseUrl: journey.server.almaBaseUrl });
    const payment = await alma.payments.fetch(link?.almaPaymentId ?? "");
    expect(payment.refunds.map((r) => [r.merchant_reference, r.amount])).toEqual([
      [refund.body.refund.id, 15_000],
    ]);
    // The webhook echo of that WooCommerce refund is not taken for a new refund to make at Alma:
    // once WooCommerce has delivered it and the server has run the jobs it queued, still one refund.
    await journey.woo.webhooks.settle();
    const echo = journey.woo.webhooks.log.filter(
      (d, i) => i >= deliveriesBefore && d.kind === "delivery" && d.orderId === orderId,
    );
    expect(echo.map((d) => d.status)).toContain(200);
    await waitFor("the jobs the echo queued", async () => {
      const jobs = await journey.server.storage.countJobsByState({ tenantId: storeId });
      return jobs.pending + jobs.running === 0;
    });
    expect((await alma.payments.fetch(link?.almaPaymentId ?? "")).refunds).toHaveLength(1);
    expect(journey.woo.store.refunds.get(orderId)).toHaveLength(1);
    const detail = await api("GET", `/tenants/${storeId}/payments/${link?.id}`);
    expect(detail.body.payment).toMatchObject({ state: "partially_refunded", refundedCents: 15_000 });
    expect(detail.body.refundableCents).toBe(25_000);
  }, 20_000);
});
