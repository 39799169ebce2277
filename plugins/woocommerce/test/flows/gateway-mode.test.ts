import { pay } from "@alma-suite/alma-sandbox/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gatewayCall } from "../support/gateway-call.ts";
import { installGatewayDouble } from "../support/php-gateway-double.ts";
import { type Harness, startHarness } from "../support/plugin-harness.ts";

describe("gateway mode: checkout through our WordPress gateway, refunds from the order screen", () => {
  let h: Harness;
  let storeId: string;
  let secret: string;
  beforeAll(async () => {
    h = await startHarness();
    ({ storeId, gatewaySecret: secret } = await h.connect());
    installGatewayDouble(h.woo, h.url, storeId, secret);
  });
  afterAll(() => h.close());

  const checkoutOrder = (totalCents: number) =>
    h.woo.createOrder({
      totalCents,
      paymentMethod: "alma_suite",
      paymentMethodTitle: "Pay in instalments with Alma",
      billing: { country: "FR", email: "a@example.com" },
    });

  it("answers process_payment with one Alma payment URL per order, however often and concurrently asked", async () => {
    const order = checkoutOrder(32_000);
    const body = {
      order_id: order.id,
      order_key: order.order_key,
      return_url: `${h.woo.url}/checkout/order-received/${order.id}/?key=${order.order_key}`,
      cancel_url: "https://evil.example/phish",
    };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => gatewayCall(h.url, storeId, secret, "payments", body)),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    const urls = new Set(answers.map((a) => a.json.redirect_url));
    expect(urls.size).toBe(1);
    const link = await h.storage.findPaymentByOrderRef(storeId, String(order.id));
    expect(link?.almaPaymentId).toBe(answers[0]!.json.alma_payment_id);
    expect(link?.custom).toMatchObject({ returnUrl: body.return_url });
    expect(link?.custom).not.toHaveProperty("cancelUrl");
  });

  it("gives Alma the site's locale the gateway sends, so the hosted page speaks it; the connect-time one otherwise", async () => {
    const localeOfPayment = async (extra: Record<string, unknown>) => {
      const order = checkoutOrder(15_000);
      const answer = await gatewayCall(h.url, storeId, secret, "payments", {
        order_id: order.id,
        order_key: order.order_key,
        ...extra,
      });
      expect(answer.status).toBe(200);
      const page = await fetch(String(answer.json.redirect_url));
      const lang = /<html lang="([a-z]+)"/.exec(await page.text())?.[1];
      const alma = await h.deps.almaFor(storeId);
      return { almaLocale: (await alma.payments.fetch(String(answer.json.alma_payment_id))).locale, lang };
    };
    expect(await localeOfPayment({ locale: "en_GB" })).toEqual({ almaLocale: "en", lang: "en" });
    expect(await localeOfPayment({ locale: "fr_BE" })).toEqual({ almaLocale: "fr", lang: "fr" });
    // Nonsense is ignored, not refused: the payment follows the locale read at connection (French here).
    expect(await localeOfPayment({ locale: "<script>" })).toEqual({ almaLocale: "fr", lang: "fr" });
    expect(await localeOfPayment({})).toEqual({ almaLocale: "fr", lang: "fr" });
  });

  it("refuses a wrong order key, another gateway's order, a forged or stale signature", async () => {
    const order = checkoutOrder(10_000);
    expect(
      (
        await gatewayCall(h.url, storeId, secret, "payments", {
          order_id: order.id,
          order_key: "wc_order_guess",
        })
      ).status,
    ).toBe(404);
    const cheque = h.woo.createOrder({ totalCents: 10_000, paymentMethod: "bacs" });
    expect(
      (
        await gatewayCall(h.url, storeId, secret, "payments", {
          order_id: cheque.id,
          order_key: cheque.order_key,
        })
      ).status,
    ).toBe(409);
    const forged = await gatewayCall(h.url, storeId, "gws_forged", "payments", {
      order_id: order.id,
      order_key: order.order_key,
    });
    expect(forged).toEqual({ status: 401, json: { error: "invalid signature" } });
    const stale = await gatewayCall(
      h.url,
      storeId,
      secret,
      "payments",
      { order_id: order.id, order_key: order.order_key },
      { timestamp: Math.floor(Date.now() / 1000) - 600 },
    );
    expect(stale.status).toBe(401);
    expect(
      (
        await gatewayCall(h.url, "ten_unknown", secret, "payments", {
          order_id: order.id,
          order_key: order.order_key,
        })
      ).status,
    ).toBe(404);
    expect((await gatewayCall(h.url, storeId, secret, "payments", { order_id: "1" })).status).toBe(400);
    expect(await h.storage.findPaymentByOrderRef(storeId, String(order.id))).toBeNull();
  });

  it("pays, returns the customer to the thank-you page, then refunds partially and fully through the gateway, once each", async () => {
    const order = checkoutOrder(30_000);
    const started = await gatewayCall(h.url, storeId, secret, "payments", {
      order_id: order.id,
      order_key: order.order_key,
      return_url: `${h.woo.url}/checkout/order-received/${order.id}/?key=${order.order_key}`,
    });
    const paid = await pay(String(started.json.redirect_url), { card: "4242424242424242" });
    expect(paid.status).toBe(303);
    const back = await fetch(paid.location!, { redirect: "manual" });
    expect(back.status).toBe(303);
    expect(back.headers.get("location")).toBe(
      `${h.woo.url}/checkout/order-received/${order.id}/?key=${order.order_key}`,
    );
    await h.settle();
    expect(h.woo.store.orders.get(order.id)).toMatchObject({ status: "processing", paidTransitions: 1 });

    const partial = await h.woo.refundOrder(order.id, {
      amount: "100.01",
      reason: "Chair scratched",
      api_refund: true,
    });
    expect(partial.ok).toBe(true);
    const full = await h.woo.refundOrder(order.id, {
      amount: "199.99",
      reason: "Returned",
      api_refund: true,
    });
    expect(full.ok).toBe(true);
    await h.settle();
    const pid = String(started.json.alma_payment_id);
    const payment = await (await h.deps.almaFor(storeId)).payments.fetch(pid);
    expect(payment.refunds.map((r) => [r.merchant_reference, r.amount])).toEqual([
      [String(partial.ok && partial.value.id), 10_001],
      [String(full.ok && full.value.id), 19_999],
    ]);
    expect(h.woo.store.orders.get(order.id)?.status).toBe("refunded");
    expect((await h.storage.findPaymentByOrderRef(storeId, String(order.id)))?.state).toBe("refunded");

    const tooMuch = await h.woo.refundOrder(order.id, { amount: "1.00", api_refund: true });
    expect(tooMuch.ok).toBe(false);
  });
});
