import { createHmac } from "node:crypto";
import { type FakeWooCommerce, gatewayCall } from "@alma-suite/woocommerce/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/create-server.ts";
import {
  registerStore,
  startWoocommerceJourney,
  stopWoocommerceJourney,
  type WoocommerceJourney,
} from "./support/woocommerce-journey.ts";

const TOKEN = "registration-token-for-e2e-0003";

describe("WooCommerce routes refuse what is not authentic", () => {
  let journey: WoocommerceJourney;
  let server: RunningServer;
  let woo: FakeWooCommerce;
  let storeId: string;
  let gatewaySecret: string;

  beforeAll(async () => {
    journey = await startWoocommerceJourney("woo-e2e-security-", TOKEN);
    ({ server, woo } = journey);
    const register = (token: string) =>
      registerStore(journey, token, {
        alma_test_key: "sk_test_wooE2ESecurity01",
        pay_by_link_methods: ["cheque"],
      });
    expect((await register("not-the-registration-token-000")).status).toBe(401);
    const registered = (await (await register(TOKEN)).json()) as { store_id: string; gateway_secret: string };
    storeId = registered.store_id;
    gatewaySecret = registered.gateway_secret;
  }, 20_000);
  afterAll(async () => {
    await stopWoocommerceJourney(journey);
  });

  const countJobs = async () => (await server.storage.listJobs({})).length;

  it("answered WooCommerce's creation pings, and refuses forged, unsigned and tampered order webhooks without queueing work", async () => {
    expect(woo.webhooks.log.filter((d) => d.kind === "ping").map((d) => d.status)).toEqual([200, 200]);
    const order = woo.createOrder({ totalCents: 40_000, paymentMethod: "cheque", status: "on-hold" });
    woo.webhooks.dropDeliveries = true;
    await woo.webhooks.settle();
    const genuine = woo.webhooks.log.filter((d) => d.orderId === order.id).at(-1)!;
    const before = await countJobs();
    const post = (body: string, signature: string | undefined, store = storeId) =>
      fetch(`${server.url}/woocommerce/webhooks/${store}`, {
        method: "POST",
        headers: {
          ...genuine.headers,
          ...(signature === undefined
            ? { "X-WC-Webhook-Signature": "" }
            : { "X-WC-Webhook-Signature": signature }),
        },
        body,
      });
    const forged = createHmac("sha256", "guessed-secret").update(genuine.body).digest("base64");
    expect((await post(genuine.body, forged)).status).toBe(401);
    expect((await post(genuine.body, undefined)).status).toBe(401);
    const tampered = genuine.body.replace('"total":"400.00"', '"total":"4.00"');
    expect(tampered).not.toBe(genuine.body);
    expect((await post(tampered, genuine.headers["X-WC-Webhook-Signature"])).status).toBe(401);
    expect(
      (await post(genuine.body, genuine.headers["X-WC-Webhook-Signature"], "ten_not_a_store")).status,
    ).toBe(404);
    expect(await countJobs()).toBe(before);
    // The genuine delivery, replayed as WooCommerce sent it, is accepted.
    expect((await post(genuine.body, genuine.headers["X-WC-Webhook-Signature"])).status).toBe(200);
    expect(await countJobs()).toBeGreaterThan(before);
    woo.webhooks.dropDeliveries = false;
  }, 20_000);

  it("refuses gateway calls signed with another secret, for another action or too old", async () => {
    const order = woo.createOrder({ totalCents: 30_000, paymentMethod: "alma_suite" });
    const body = { order_id: order.id, order_key: order.order_key };
    expect((await gatewayCall(server.url, storeId, "gws_guessed", "payments", body)).status).toBe(401);
    expect(
      (
        await gatewayCall(server.url, storeId, gatewaySecret, "payments", body, {
          timestamp: Math.floor(Date.now() / 1000) - 3600,
        })
      ).status,
    ).toBe(401);
    const signedForRefunds = await fetch(`${server.url}/woocommerce/gateway/${storeId}/payments`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-alma-suite-timestamp": String(Math.floor(Date.now() / 1000)),
        "x-alma-suite-signature": createHmac("sha256", gatewaySecret)
          .update(`v1:${Math.floor(Date.now() / 1000)}:refunds:${JSON.stringify(body)}`)
          .digest("hex"),
      },
      body: JSON.stringify(body),
    });
    expect(signedForRefunds.status).toBe(401);
    expect(await server.storage.findPaymentByOrderRef(storeId, String(order.id))).toBeNull();
    expect((await gatewayCall(server.url, storeId, gatewaySecret, "payments", body)).status).toBe(200);
  }, 20_000);

  it("answers unknown payments on the return route with 404 and malformed ones with 400", async () => {
    expect(
      (await fetch(`${server.url}/woocommerce/return/${storeId}?pid=payment_11doesNotExist`)).status,
    ).toBe(404);
    expect((await fetch(`${server.url}/woocommerce/return/${storeId}?pid=javascript:alert(1)`)).status).toBe(
      400,
    );
  }, 20_000);
});
