import { pay } from "@alma-suite/alma-sandbox/testing";
import { AlmaClient, type PluginDeps } from "@alma-suite/core";
import { type FakeWooCommerce, paymentUrlIn } from "@alma-suite/woocommerce/testing";
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

const ALMA_KEY = "sk_test_wooE2EPayByLink01";
const TOKEN = "registration-token-for-e2e-0001";

describe("WooCommerce, pay-by-link mode, through the whole server", () => {
  let journey: WoocommerceJourney;
  let server: RunningServer;
  let woo: FakeWooCommerce;
  let storeId: string;
  let cliDeps: PluginDeps;

  beforeAll(async () => {
    journey = await startWoocommerceJourney("woo-e2e-link-", TOKEN);
    ({ server, woo } = journey);
    const registered = await registerStore(journey, TOKEN, {
      alma_test_key: ALMA_KEY,
      pay_by_link_methods: ["cheque"],
    });
    expect(registered.status).toBe(201);
    storeId = ((await registered.json()) as { store_id: string }).store_id;
    cliDeps = woocommerceCliDeps(server, ALMA_KEY);
  }, 20_000);
  afterAll(async () => {
    await stopWoocommerceJourney(journey);
  });

  const alma = () => new AlmaClient({ apiKey: ALMA_KEY, baseUrl: server.almaBaseUrl });
  const linkNote = (orderId: number) =>
    waitFor("the payment link e-mail", async () => woo.store.notes.get(orderId)?.find((n) => n.customerNote));
  const reconcile = async () => {
    const { code, report } = await reconcileStore(cliDeps, storeId);
    expect(code, report).toBe(0);
    return report;
  };
  const placeOrder = (totalCents: number) =>
    woo.createOrder({
      totalCents,
      paymentMethod: "cheque",
      status: "on-hold",
      billing: {
        first_name: "Léa",
        last_name: "Moreau",
        email: "lea@example.com",
        country: "FR",
        city: "Lyon",
        address_1: "3 quai Saint-Antoine",
        postcode: "69002",
      },
    });

  let paidOrder: number;
  let pid: string;

  it("order → Alma payment link by e-mail → paid on the sandbox page → IPN → order paid", async () => {
    const order = placeOrder(59_990);
    const note = await linkNote(order.id);
    const url = paymentUrlIn(note.note);
    expect(url).toMatch(/\/alma-sandbox\/checkout\/payment_\w+$/);
    const result = await pay(url, { card: "4242424242424242" });
    expect(result.status).toBe(303);
    await waitFor(
      "the order to be paid",
      async () => woo.store.orders.get(order.id)?.status === "processing",
    );
    const after = woo.store.orders.get(order.id)!;
    pid = after.transaction_id;
    expect(pid).toMatch(/^payment_/);
    expect(after.paidTransitions).toBe(1);
    expect((await alma().payments.fetch(pid)).custom_data).toMatchObject({
      order_id: order.id,
      order_key: order.order_key,
    });
    paidOrder = order.id;
  }, 20_000);

  it("partial refund in WooCommerce → Alma refund with the WooCommerce refund id", async () => {
    const refund = await woo.refundOrder(paidOrder, {
      amount: "99.99",
      reason: "Couleur différente",
      api_refund: false,
    });
    if (!refund.ok) throw new Error(refund.error.message);
    const made = await waitFor("the Alma refund", async () =>
      (await alma().payments.fetch(pid)).refunds.find(
        (r) => r.merchant_reference === String(refund.value.id),
      ),
    );
    expect(made.amount).toBe(9_999);
  }, 20_000);

  it("refund at Alma → recorded in WooCommerce by reconciliation (api_refund false), never refunded twice", async () => {
    await alma().payments.refund(pid, { amount: 10_001, merchantReference: "made-in-the-alma-dashboard" });
    expect(await reconcile()).toContain("alma_refund_recorded: 1");
    expect(await reconcile()).not.toContain("alma_refund_recorded");
    const refunds = woo.store.refunds.get(paidOrder) ?? [];
    expect(refunds.map((r) => [r.amountCents, r.refundedPayment]).sort()).toEqual([
      [10_001, false],
      [9_999, false],
    ]);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await alma().payments.fetch(pid)).refunds.map((r) => r.amount)).toEqual([9_999, 10_001]);
  }, 20_000);

  it("missed webhooks are repaired by reconciliation", async () => {
    woo.webhooks.dropDeliveries = true;
    const order = placeOrder(12_500);
    await woo.webhooks.settle();
    expect(await server.storage.findPaymentByOrderRef(storeId, String(order.id))).toBeNull();
    expect(await reconcile()).toContain("pay_link_queued: 1");
    const note = await linkNote(order.id);
    expect((await pay(paymentUrlIn(note.note), { card: "4242424242424242" })).status).toBe(303);
    await waitFor(
      "the repaired order to be paid",
      async () => woo.store.orders.get(order.id)?.status === "processing",
    );
    woo.webhooks.dropDeliveries = false;
  }, 20_000);
});
