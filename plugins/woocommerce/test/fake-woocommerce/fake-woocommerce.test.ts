import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WooClient, WooCommerceRestApi } from "../../src/woo/woo-client.ts";
import { WooApiError, WooConnectionError } from "../../src/woo/woo-errors.ts";
import { startReceiver } from "../support/http-receiver.ts";
import { type FakeWooCommerce, oauthSignature, selfSignedCert, startFakeWooCommerce } from "./index.ts";

describe("fake WooCommerce over HTTP (OAuth 1.0a, as the library signs it)", () => {
  let woo: FakeWooCommerce;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let keys: { consumerKey: string; consumerSecret: string };
  let client: WooClient;
  let clock = new Date("2026-03-10T09:00:00Z");
  beforeAll(async () => {
    woo = await startFakeWooCommerce({ now: () => clock });
    receiver = await startReceiver();
    keys = woo.addApiKey();
    client = new WooClient({ url: woo.url, ...keys });
  });
  afterAll(async () => {
    await woo.close();
    await receiver.close();
  });

  it("accepts the library's OAuth signature and refuses a wrong secret, a Basic header and a replayed nonce", async () => {
    const order = woo.createOrder({ totalCents: 45000, paymentMethod: "cheque" });
    expect((await client.getOrder(order.id))?.total).toBe("450.00");
    expect(woo.requests.at(-1)).toMatchObject({ method: "GET", auth: "oauth" });

    const wrong = new WooClient({ url: woo.url, consumerKey: keys.consumerKey, consumerSecret: "cs_wrong" });
    await expect(wrong.getOrder(order.id)).rejects.toMatchObject({
      status: 401,
      code: "woocommerce_rest_authentication_error",
    });
    const basic = await fetch(`${woo.url}/wp-json/wc/v3/orders/${order.id}`, {
      headers: {
        authorization: `Basic ${Buffer.from(`${keys.consumerKey}:${keys.consumerSecret}`).toString("base64")}`,
      },
    });
    expect(basic.status).toBe(401);
    expect(await basic.json()).toMatchObject({ code: "woocommerce_rest_cannot_view" });

    const params: [string, string][] = [
      ["oauth_consumer_key", keys.consumerKey],
      ["oauth_nonce", "fixednonce1"],
      ["oauth_signature_method", "HMAC-SHA256"],
      ["oauth_timestamp", String(Math.floor(Date.now() / 1000))],
      ["oauth_version", "1.0"],
    ];
    const url = `${woo.url}/wp-json/wc/v3/orders/${order.id}`;
    const signature = oauthSignature({
      method: "GET",
      baseUrl: url,
      params,
      consumerSecret: keys.consumerSecret,
      algorithm: "sha256",
    });
    const signed = `${url}?${new URLSearchParams([...params, ["oauth_signature", signature]])}`;
    expect((await fetch(signed)).status).toBe(200);
    const replay = await fetch(signed);
    expect(replay.status).toBe(401);
    expect((await replay.json()).message).toBe("Invalid nonce - nonce has already been used.");
  });

  it("refuses writes with a read-only key", async () => {
    const readOnly = new WooClient({ url: woo.url, ...woo.addApiKey("read") });
    await expect(readOnly.listWebhooks()).resolves.toBeInstanceOf(Array);
    const error = await readOnly
      .createWebhook({
        name: "x",
        topic: "order.updated",
        delivery_url: receiver.url,
        secret: "s",
        status: "active",
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WooApiError);
    expect((error as WooApiError).message).toContain("does not have write permissions");
  });

  it("pages orders with X-WP-Total / X-WP-TotalPages, filters on modified_after and refuses pages past the end", async () => {
    const before = new Date(clock.getTime() + 60_000);
    clock = new Date(before.getTime() + 1000);
    for (let i = 0; i < 5; i++) woo.createOrder({ totalCents: 10000 + i });
    const first = await client.listOrders({ page: 1, perPage: 2, modifiedAfter: before });
    expect(first).toMatchObject({ total: 5, totalPages: 3 });
    expect(first.orders.map((o) => o.id)).toEqual([...first.orders.map((o) => o.id)].sort((a, b) => a - b));
    const future = await client.listOrders({
      page: 1,
      perPage: 2,
      modifiedAfter: new Date(clock.getTime() + 1000),
    });
    expect(future).toMatchObject({ total: 0, totalPages: 0, orders: [] });
    await expect(client.listOrders({ page: 9, perPage: 2, modifiedAfter: before })).rejects.toMatchObject({
      status: 400,
      code: "woocommerce_rest_invalid_page_number",
    });
    const api = new WooCommerceRestApi({ url: woo.url, ...keys });
    await expect(api.get("orders", { per_page: "101" })).rejects.toMatchObject({ response: { status: 400 } });
    const raw = await api.get("orders", { per_page: "2", page: "2" });
    expect(raw.headers.link).toContain('rel="prev"');
  });

  it("completes payment with set_paid only while the order needs payment, once", async () => {
    const order = woo.createOrder({ totalCents: 30000, status: "pending" });
    const paid = await client.updateOrder(order.id, { set_paid: true, transaction_id: "payment_x" });
    expect(paid).toMatchObject({ status: "processing", transaction_id: "payment_x" });
    expect(paid.date_paid_gmt).toBeTruthy();
    await client.updateOrder(order.id, { set_paid: true });
    expect(woo.store.orders.get(order.id)?.paidTransitions).toBe(1);
    const onHold = woo.createOrder({ totalCents: 30000, status: "on-hold" });
    expect((await client.updateOrder(onHold.id, { set_paid: true })).status).toBe("on-hold");
  });

  it("validates refunds, calls the PHP gateway for api_refund and marks a fully refunded order refunded", async () => {
    const order = woo.createOrder({ totalCents: 20000, paymentMethod: "alma_suite", status: "processing" });
    await expect(
      client.createRefund(order.id, { amount: "300.00", reason: "", api_refund: false }),
    ).rejects.toMatchObject({
      status: 500,
      code: "woocommerce_rest_cannot_create_order_refund",
    });
    await expect(
      client.createRefund(order.id, { amount: "-1.00", reason: "", api_refund: false }),
    ).rejects.toMatchObject({
      status: 400,
    });
    const noGateway = await client
      .createRefund(order.id, { amount: "10.00", reason: "", api_refund: true })
      .catch((e) => e);
    expect(noGateway.message).toContain("The payment gateway for this order does not exist.");
    expect(woo.store.refunds.get(order.id) ?? []).toEqual([]);
    const calls: string[] = [];
    woo.registerGateway("alma_suite", {
      supportsRefunds: true,
      processRefund: async ({ amount, refund }) => {
        calls.push(`${refund.id}:${amount}`);
        return true;
      },
    });
    const refund = await client.createRefund(order.id, {
      amount: "50.00",
      reason: "abîmé",
      api_refund: true,
    });
    expect(refund).toMatchObject({ amount: "50.00", refunded_payment: true });
    expect(calls).toEqual([`${refund.id}:50.00`]);
    await client.createRefund(order.id, { amount: "150.00", reason: "", api_refund: false });
    expect((await client.getOrder(order.id))?.status).toBe("refunded");
    const other = woo.createOrder({ totalCents: 9000, status: "processing" });
    await client.updateOrder(other.id, { status: "refunded" });
    expect((await client.listRefunds(other.id)).map((r) => r.amount)).toEqual(["90.00"]);
  });

  it("pings a new webhook unsigned and form-encoded, then signs deliveries over the exact PHP-encoded bytes", async () => {
    const hook = await client.createWebhook({
      name: "alma",
      topic: "order.updated",
      delivery_url: `${receiver.url}/hook`,
      secret: "s3cret-value",
      status: "active",
    });
    const ping = receiver.received.at(-1)!;
    expect(ping.body).toBe(`webhook_id=${hook.id}`);
    expect(ping.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.keys(ping.headers).filter((h) => h.startsWith("x-wc-"))).toEqual([]);

    const order = woo.createOrder({
      totalCents: 12345,
      billing: { first_name: "Zoé", email: "z@example.com" },
    });
    woo.updateOrder(order.id, { status: "on-hold" });
    woo.updateOrder(order.id, { customer_note: "deux fois dans la même requête" });
    await woo.webhooks.settle();
    const deliveries = receiver.received.filter(
      (r) => r.headers["x-wc-webhook-id"] === String(hook.id) && r.body.includes(`"id":${order.id},`),
    );
    expect(deliveries).toHaveLength(1);
    const [delivery] = deliveries;
    expect(delivery!.headers).toMatchObject({
      "x-wc-webhook-topic": "order.updated",
      "x-wc-webhook-resource": "order",
      "x-wc-webhook-event": "updated",
      "x-wc-webhook-source": `${woo.url}/`,
    });
    expect(delivery!.headers["user-agent"]).toMatch(/^WooCommerce\/[\d.]+ Hookshot \(WordPress\/[\d.]+\)$/);
    expect(delivery!.body).toContain("Zo\\u00e9");
    expect(delivery!.body).toContain("http:\\/\\/127.0.0.1");
    const expected = createHmac("sha256", "s3cret-value").update(delivery!.body).digest("base64");
    expect(delivery!.headers["x-wc-webhook-signature"]).toBe(expected);
    expect(JSON.parse(delivery!.body)).toMatchObject({
      status: "on-hold",
      customer_note: "deux fois dans la même requête",
    });
  });

  it("disables a webhook on the 7th consecutive failed delivery (any non-2xx), without retrying", async () => {
    const hook = await client.createWebhook({
      name: "f",
      topic: "order.created",
      delivery_url: `${receiver.url}/f`,
      secret: "x",
      status: "active",
    });
    const received = () => receiver.received.filter((r) => r.url === "/f" && r.headers["x-wc-webhook-id"]);
    receiver.answer(500);
    woo.createOrder({ totalCents: 100 });
    await woo.webhooks.settle();
    receiver.answer(200); // a success resets the count
    woo.createOrder({ totalCents: 100 });
    await woo.webhooks.settle();
    receiver.answer(404);
    for (let i = 0; i < 6; i++) {
      woo.createOrder({ totalCents: 100 });
      await woo.webhooks.settle();
    }
    expect(woo.store.webhooks.get(hook.id)?.status).toBe("active");
    woo.createOrder({ totalCents: 100 });
    await woo.webhooks.settle();
    expect(woo.store.webhooks.get(hook.id)?.status).toBe("disabled");
    receiver.answer(200);
    woo.createOrder({ totalCents: 100 });
    await woo.webhooks.settle();
    expect(received()).toHaveLength(9);
    // Re-activated, it keeps its failure count: the next failure disables it again at once.
    await client.updateWebhook(hook.id, { status: "active" });
    receiver.answer(500);
    woo.createOrder({ totalCents: 100 });
    await woo.webhooks.settle();
    expect(woo.store.webhooks.get(hook.id)?.status).toBe("disabled");
    expect(received()).toHaveLength(10);
  });
});

describe("fake WooCommerce over HTTPS (Basic auth)", () => {
  let woo: FakeWooCommerce;
  let tls: { key: string; cert: string };
  beforeAll(async () => {
    tls = selfSignedCert();
    woo = await startFakeWooCommerce({ tls });
  });
  afterAll(() => woo.close());

  it("authenticates with Basic auth over TLS and refuses a wrong secret", async () => {
    const keys = woo.addApiKey();
    const order = woo.createOrder({ totalCents: 777 });
    const client = new WooClient({ url: woo.url, ...keys, ca: tls.cert });
    expect((await client.getOrder(order.id))?.total).toBe("7.77");
    expect(woo.requests.at(-1)).toMatchObject({ auth: "basic" });
    const wrong = new WooClient({
      url: woo.url,
      consumerKey: keys.consumerKey,
      consumerSecret: "cs_nope",
      ca: tls.cert,
    });
    await expect(wrong.getOrder(order.id)).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining("Consumer secret is invalid."),
    });
  });

  it("does not trust an unknown certificate unless its CA is configured", async () => {
    const client = new WooClient({ url: woo.url, ...woo.addApiKey() });
    await expect(client.getOrder(1)).rejects.toBeInstanceOf(WooConnectionError);
  });
});
