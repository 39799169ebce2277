import { pay } from "@alma-suite/alma-sandbox/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gatewayCall } from "../../test/support/gateway-call.ts";
import { type Harness, startHarness } from "../../test/support/plugin-harness.ts";

describe("customer return from Alma", () => {
  let h: Harness;
  let storeId: string;
  let secret: string;
  beforeAll(async () => {
    h = await startHarness();
    ({ storeId, gatewaySecret: secret } = await h.connect());
  });
  afterAll(() => h.close());

  const start = async () => {
    const order = h.woo.createOrder({ totalCents: 8_000, paymentMethod: "alma_suite" });
    const { json } = await gatewayCall(h.url, storeId, secret, "payments", {
      order_id: order.id,
      order_key: order.order_key,
    });
    return { order, url: String(json.redirect_url), pid: String(json.alma_payment_id) };
  };

  it("confirms the payment itself when the customer is back before the IPN, then sends them to the thank-you page", async () => {
    h.ipnDown = true;
    const { order, url } = await start();
    const paid = await pay(url, { card: "5555555555554444" });
    const back = await fetch(paid.location!, { redirect: "manual" });
    expect(back.status).toBe(303);
    expect(back.headers.get("location")).toBe(
      `${h.woo.url}/checkout/order-received/${order.id}/?key=${order.order_key}`,
    );
    h.ipnDown = false;
    await h.settle();
    expect(h.woo.store.orders.get(order.id)).toMatchObject({ status: "processing", paidTransitions: 1 });
  });

  it("still sends a paying customer to the thank-you page when Alma cannot confirm, leaving the order to the IPN", async () => {
    h.ipnDown = true;
    const { order, url } = await start();
    const paid = await pay(url, { card: "4242424242424242" });
    // A key of another Alma merchant: Alma answers 404 for this payment, as good as no answer.
    const key = await h.storage.getSecret(storeId, "alma_test_key");
    await h.storage.setSecret(storeId, "alma_test_key", "sk_test_someOtherMerchant42");
    try {
      const back = await fetch(paid.location!, { redirect: "manual" });
      expect(back.status).toBe(303);
      expect(back.headers.get("location")).toBe(
        `${h.woo.url}/checkout/order-received/${order.id}/?key=${order.order_key}`,
      );
      expect(h.woo.store.orders.get(order.id)?.status).toBe("pending");
      expect(h.logs.map((l) => l.message)).toContain("return: could not confirm with Alma");
    } finally {
      if (key) await h.storage.setSecret(storeId, "alma_test_key", key);
      else await h.storage.deleteSecret(storeId, "alma_test_key");
      h.ipnDown = false;
    }
    // Once Alma answers again, the next confirmation (here the customer's reload) marks it paid.
    await fetch(paid.location!, { redirect: "manual" });
    await h.settle();
    expect(h.woo.store.orders.get(order.id)).toMatchObject({ status: "processing", paidTransitions: 1 });
  });

  it("sends a customer who gave up, or whose card was refused, back to pay, and lets them pay again", async () => {
    const { order, url, pid } = await start();
    const cancel = await fetch(`${h.url}/woocommerce/cancel/${storeId}?pid=${pid}`, { redirect: "manual" });
    expect(cancel.headers.get("location")).toContain(
      `/checkout/order-pay/${order.id}/?pay_for_order=true&key=${order.order_key}`,
    );
    const notPaid = await fetch(`${h.url}/woocommerce/return/${storeId}?pid=${pid}`, { redirect: "manual" });
    expect(notPaid.headers.get("location")).toContain("/checkout/order-pay/");

    const refused = await pay(url, { card: "4000000000000002" });
    const failureUrl = /href="([^"]*\/woocommerce\/cancel\/[^"]*)"/
      .exec(refused.html)?.[1]
      ?.replace(/&amp;/g, "&");
    const backToPay = await fetch(failureUrl!, { redirect: "manual" });
    expect(backToPay.headers.get("location")).toContain(`/checkout/order-pay/${order.id}/`);
    await h.settle();
    expect(h.woo.store.orders.get(order.id)?.status).toBe("pending");
    const retry = await gatewayCall(h.url, storeId, secret, "payments", {
      order_id: order.id,
      order_key: order.order_key,
    });
    expect(retry.json.alma_payment_id).not.toBe(pid);
    expect((await pay(String(retry.json.redirect_url), { card: "4242424242424242" })).status).toBe(303);
    await h.settle();
    expect(h.woo.store.orders.get(order.id)).toMatchObject({
      status: "processing",
      transaction_id: retry.json.alma_payment_id,
    });
  });

  it("answers 400 for a malformed pid and 404 for another store's payment", async () => {
    expect((await fetch(`${h.url}/woocommerce/return/${storeId}?pid=<script>`)).status).toBe(400);
    const { pid } = await start();
    expect((await fetch(`${h.url}/woocommerce/return/ten_other?pid=${pid}`)).status).toBe(404);
  });
});
