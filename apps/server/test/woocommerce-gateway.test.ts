import { pay } from "@alma-suite/alma-sandbox/testing";
import { AlmaClient } from "@alma-suite/core";
import { type FakeWooCommerce, runPhpGateway } from "@alma-suite/woocommerce/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/create-server.ts";
import { waitFor } from "./support/wait-for.ts";
import {
  reconcileStore,
  registerStore,
  startWoocommerceJourney,
  stopWoocommerceJourney,
  type WoocommerceJourney,
  woocommerceCliDeps,
} from "./support/woocommerce-journey.ts";

const ALMA_KEY = "sk_test_wooE2EGateway0001";
const TOKEN = "registration-token-for-e2e-0002";

/** Gateway mode, with our real PHP gateway class (php-cli) talking to the whole server over HTTP. */
describe("WooCommerce, gateway mode, through the whole server and the PHP gateway", () => {
  let journey: WoocommerceJourney;
  let server: RunningServer;
  let woo: FakeWooCommerce;
  let storeId: string;
  let secret: string;

  /** Our PHP gateway run by WooCommerce for this order: process_payment, or process_refund when given a refund. */
  const runGateway = (
    order: { id: number; order_key: string },
    refund?: { refundId: number; amount: string },
  ) =>
    runPhpGateway({
      homeUrl: woo.url,
      connectorUrl: server.url,
      storeId,
      signingSecret: secret,
      orderId: order.id,
      orderKey: order.order_key,
      refund,
    });

  beforeAll(async () => {
    journey = await startWoocommerceJourney("woo-e2e-gateway-", TOKEN);
    ({ server, woo } = journey);
    const registered = await registerStore(journey, TOKEN, { alma_test_key: ALMA_KEY });
    const body = (await registered.json()) as { store_id: string; gateway_secret: string };
    storeId = body.store_id;
    secret = body.gateway_secret;
    // WooCommerce calling the gateway's process_refund for a refund made with "Refund via Alma".
    woo.registerGateway("alma_suite", {
      supportsRefunds: true,
      processRefund: async ({ order, refund, amount }) => {
        const result = await runGateway(order, { refundId: refund.id, amount });
        return result.refunded === true ? true : String(result.error);
      },
    });
  }, 20_000);
  afterAll(async () => {
    await stopWoocommerceJourney(journey);
  });

  const alma = () => new AlmaClient({ apiKey: ALMA_KEY, baseUrl: server.almaBaseUrl });

  it("checkout → process_payment (PHP) → Alma page → back on the thank-you page → IPN → paid; then refunds via the gateway", async () => {
    const order = woo.createOrder({
      totalCents: 89_900,
      paymentMethod: "alma_suite",
      paymentMethodTitle: "Pay in instalments with Alma",
      billing: { first_name: "Hugo", last_name: "Petit", email: "hugo@example.com", country: "FR" },
    });
    const checkout = (await runGateway(order)) as {
      result: { result: string; redirect: string };
      notices: unknown[];
    };
    expect(checkout.result.result).toBe("success");
    expect(checkout.notices).toEqual([]);
    const paid = await pay(checkout.result.redirect, { card: "4000002500001001" });
    expect(paid.status).toBe(303);
    const back = await fetch(paid.location!, { redirect: "manual" });
    expect(back.headers.get("location")).toBe(
      `${woo.url}/checkout/order-received/${order.id}/?key=${order.order_key}`,
    );
    expect((await fetch(back.headers.get("location")!)).status).toBe(200);
    await waitFor("the order to be paid", () => woo.store.orders.get(order.id)?.status === "processing");
    const pid = woo.store.orders.get(order.id)!.transaction_id;
    expect(woo.store.orders.get(order.id)?.paidTransitions).toBe(1);

    const partial = await woo.refundOrder(order.id, {
      amount: "300.00",
      reason: "Un pied cassé",
      api_refund: true,
    });
    expect(partial.ok && partial.value.refundedPayment).toBe(true);
    const tooMuch = await woo.refundOrder(order.id, { amount: "600.00", api_refund: true });
    expect(tooMuch.ok).toBe(false);
    const rest = await woo.refundOrder(order.id, { amount: "599.00", api_refund: true });
    expect(rest.ok).toBe(true);
    await waitFor("the refunded status", () => woo.store.orders.get(order.id)?.status === "refunded");
    const payment = await alma().payments.fetch(pid);
    expect(payment.refunds.map((r) => [r.merchant_reference, r.amount])).toEqual([
      [String(partial.ok && partial.value.id), 30_000],
      [String(rest.ok && rest.value.id), 59_900],
    ]);
    expect(payment.is_completely_refunded).toBe(true);
    // The order.updated webhooks of these refunds come afterwards: they must not refund again.
    await woo.webhooks.settle();
    await new Promise((r) => setTimeout(r, 1500));
    expect((await alma().payments.fetch(pid)).refunds).toHaveLength(2);
  }, 20_000);

  it("shows the connector's refusal at checkout when Alma cannot take the order", async () => {
    const order = woo.createOrder({ totalCents: 1_000, paymentMethod: "alma_suite" });
    const checkout = (await runGateway(order)) as {
      result: { result: string };
      notices: [string, string][];
    };
    expect(checkout.result).toEqual({ result: "failure" });
    expect(checkout.notices[0]?.[1]).toContain("Alma cannot offer general_3_0_0");
  }, 20_000);

  it("reconciliation records a refund made at Alma and refunds a manual refund whose webhook was missed", async () => {
    const order = woo.createOrder({
      totalCents: 40_000,
      paymentMethod: "alma_suite",
      billing: { country: "FR" },
    });
    const checkout = (await runGateway(order)) as {
      result: { redirect: string };
    };
    expect((await pay(checkout.result.redirect, { card: "4242424242424242" })).status).toBe(303);
    await waitFor("the order to be paid", () => woo.store.orders.get(order.id)?.status === "processing");
    const pid = woo.store.orders.get(order.id)!.transaction_id;

    await alma().payments.refund(pid, { amount: 5_000, merchantReference: "alma-dashboard" });
    woo.webhooks.dropDeliveries = true;
    const manual = await woo.refundOrder(order.id, {
      amount: "70.00",
      reason: "Refunded by hand",
      api_refund: false,
    });
    if (!manual.ok) throw new Error(manual.error.message);
    await woo.webhooks.settle();
    woo.webhooks.dropDeliveries = false;

    const { code, report } = await reconcileStore(woocommerceCliDeps(server, ALMA_KEY), woo.url);
    expect(code).toBe(0);
    expect(report).toContain("alma_refund_recorded: 1");
    expect(report).toContain("refund_queued: 1");
    await waitFor("the manual refund to reach Alma", async () =>
      (await alma().payments.fetch(pid)).refunds.some(
        (r) => r.merchant_reference === String(manual.value.id),
      ),
    );
    const refunds = woo.store.refunds.get(order.id) ?? [];
    expect(refunds.map((r) => r.amountCents).sort()).toEqual([5_000, 7_000]);
    expect((await alma().payments.fetch(pid)).refunds.map((r) => r.amount).sort()).toEqual([5_000, 7_000]);
  }, 20_000);
});
