import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadWooFixture, type WebhookFixture } from "../../test/support/load-fixture.ts";
import { type Harness, startHarness } from "../../test/support/plugin-harness.ts";
import { ORDER_EVENT_JOB } from "../jobs/job-types.ts";
import { orderFingerprint } from "../shared/order-fingerprint.ts";
import { wcSignature } from "./wc-signature.ts";

describe("POST /woocommerce/webhooks/:storeId", () => {
  let h: Harness;
  let storeId: string;
  let secret: string;
  beforeAll(async () => {
    h = await startHarness();
    ({ storeId, webhookSecret: secret } = await h.connect());
  });
  afterAll(() => h.close());

  const deliver = (
    fixture: WebhookFixture,
    options: { store?: string; signWith?: string | null; body?: string } = {},
  ) => {
    const body = options.body ?? fixture.rawBody;
    const signWith = options.signWith === undefined ? secret : options.signWith;
    return fetch(`${h.url}/woocommerce/webhooks/${options.store ?? storeId}`, {
      method: "POST",
      headers: {
        ...fixture.headers,
        ...(signWith ? { "X-WC-Webhook-Signature": wcSignature(body, signWith) } : {}),
      },
      body,
    });
  };
  const orderEvents = () => h.storage.listJobs({ type: ORDER_EVENT_JOB });
  const updated = loadWooFixture<WebhookFixture>("webhooks/order-updated-refund");

  it("answers WooCommerce's unsigned creation ping with 200 and does nothing", async () => {
    const before = (await orderEvents()).length;
    const response = await deliver(loadWooFixture("webhooks/ping"), { signWith: null });
    expect(response.status).toBe(200);
    expect((await orderEvents()).length).toBe(before);
    // The real ping from the fake store, sent when connect() created the webhooks, got the same 200.
    expect(h.woo.webhooks.log.filter((d) => d.kind === "ping").map((d) => d.status)).toEqual([200, 200]);
  });

  it("refuses forged, unsigned, tampered and unknown-store deliveries before reading them, queueing nothing", async () => {
    const before = (await orderEvents()).length;
    expect((await deliver(updated, { signWith: "someone-else" })).status).toBe(401);
    expect((await deliver(updated, { signWith: null })).status).toBe(401);
    const tampered = updated.rawBody.replace('"total":"351.99"', '"total":"1.00"');
    const response = await fetch(`${h.url}/woocommerce/webhooks/${storeId}`, {
      method: "POST",
      headers: { ...updated.headers, "X-WC-Webhook-Signature": wcSignature(updated.rawBody, secret) },
      body: tampered,
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "invalid X-WC-Webhook-Signature" });
    expect((await deliver(updated, { store: "ten_unknown" })).status).toBe(404);
    expect((await orderEvents()).length).toBe(before);
    expect(h.logs.some((l) => l.message.includes("bad signature"))).toBe(true);
  });

  it("answers 400 to a signed body that is not an order", async () => {
    expect((await deliver(updated, { body: "not json" })).status).toBe(400);
    expect((await deliver(updated, { body: '{"hello":"world"}' })).status).toBe(400);
  });

  it("answers 2xx to authentic deliveries it does not act on (a 4xx counts toward WooCommerce disabling the webhook)", async () => {
    const before = (await orderEvents()).length;
    // A custom action topic (WooCommerce's `{action, arg}` payload) and a product topic, signed.
    for (const [topic, body] of [
      ["action.woocommerce_order_refunded", '{"action":"woocommerce_order_refunded","arg":727}'],
      ["product.updated", '{"id":12,"name":"Chaise","price":"450.00"}'],
    ]) {
      const response = await fetch(`${h.url}/woocommerce/webhooks/${storeId}`, {
        method: "POST",
        headers: {
          ...updated.headers,
          "X-WC-Webhook-Topic": topic!,
          "X-WC-Webhook-Signature": wcSignature(body!, secret),
        },
        body,
      });
      expect(response.status, topic).toBe(200);
      expect((await response.json()).ignored).toBe(`topic ${topic} ignored`);
    }
    expect((await orderEvents()).length).toBe(before);
  });

  it("queues a job for an Alma order's change, once per order state", async () => {
    const before = (await orderEvents()).length;
    expect(await (await deliver(updated)).json()).toEqual({ ok: true });
    expect(await (await deliver(updated)).json()).toEqual({ ok: true });
    const jobs = await orderEvents();
    expect(jobs.length).toBe(before + 1);
    expect(jobs[0]?.payload).toEqual({ tenantId: storeId, orderId: 727 });
  });

  it("ignores other payment methods, deletions and the echo of our own write", async () => {
    const before = (await orderEvents()).length;
    const stripe = updated.rawBody
      .replace('"payment_method":"alma_suite"', '"payment_method":"stripe"')
      .replace('"id":727', '"id":728');
    expect(await (await deliver(updated, { body: stripe })).json()).toEqual({
      ok: true,
      ignored: "not an Alma order",
    });
    expect((await (await deliver(loadWooFixture("webhooks/order-deleted"))).json()).ignored).toContain(
      "order.deleted",
    );

    const order = h.woo.createOrder({ totalCents: 9000, paymentMethod: "alma_suite", status: "processing" });
    const json = h.woo.orderJson(order.id) as { status: string; total: string; refunds: { id: number }[] };
    await h.storage.createPaymentLink({
      tenantId: storeId,
      platformOrderRef: String(order.id),
      amountCents: 9000,
      currency: "EUR",
      custom: {
        orderId: order.id,
        orderKey: order.order_key,
        origin: "gateway",
        seen: orderFingerprint(json),
      },
    });
    const echo = await deliver(updated, { body: JSON.stringify(json) });
    expect(await echo.json()).toEqual({ ok: true, ignored: "echo of our own write" });
    expect((await orderEvents()).length).toBe(before);
  });
});
