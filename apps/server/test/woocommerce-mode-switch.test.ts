import { pay } from "@alma-suite/alma-sandbox/testing";
import { AlmaClient, type PluginDeps } from "@alma-suite/core";
import { runPhpGateway } from "@alma-suite/woocommerce/testing";
import { afterEach, describe, expect, it } from "vitest";
import { DATABASES, serverDatabase } from "./support/server-database.ts";
import { waitFor } from "./support/wait-for.ts";
import {
  reconcileStore,
  registerStore,
  startWoocommerceJourney,
  stopWoocommerceJourney,
  type WoocommerceJourney,
  woocommerceCliDeps,
} from "./support/woocommerce-journey.ts";

const TEST_KEY = "sk_test_wooModeSwitch0001";
// The sandbox only knows test keys: what this one reaches is "the other environment".
const LIVE_KEY = "sk_live_wooModeSwitchNotHere1";
const TOKEN = "registration-token-for-mode-switch-1";

let journey: WoocommerceJourney | undefined;
let drop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stopWoocommerceJourney(journey);
  await drop?.();
  journey = undefined;
  drop = undefined;
});

describe.each(DATABASES)(
  "WooCommerce: an order paid in test after the store switched to live (%s)",
  (kind) => {
    it("is confirmed by its IPN, refunded and reconciled at the test account", async () => {
      const db = await serverDatabase(kind, "woo_mode");
      drop = db.drop;
      journey = await startWoocommerceJourney("woo-mode-switch-", TOKEN, {
        ...db.env,
        ALMA_SANDBOX_IPN_DELAY_MS: "1500",
      });
      const { server, woo } = journey;
      const registered = await registerStore(journey, TOKEN, { alma_test_key: TEST_KEY });
      const { store_id: storeId, gateway_secret: secret } = (await registered.json()) as {
        store_id: string;
        gateway_secret: string;
      };
      const gateway = (
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
      woo.registerGateway("alma_suite", {
        supportsRefunds: true,
        processRefund: async ({ order, refund, amount }) => {
          const result = await gateway(order, { refundId: refund.id, amount });
          return result.refunded === true ? true : String(result.error);
        },
      });
      const order = woo.createOrder({
        totalCents: 45_000,
        paymentMethod: "alma_suite",
        billing: { first_name: "Hugo", last_name: "Petit", email: "hugo@example.com", country: "FR" },
      });
      const checkout = (await gateway(order)) as { result: { redirect: string } };
      // Paid; the customer does not come back to the store: only Alma's IPN can tell.
      expect((await pay(checkout.result.redirect, { card: "4242424242424242" })).status).toBe(303);
      await server.storage.setSecret(storeId, "alma_live_key", LIVE_KEY);
      await server.storage.updateTenant(storeId, { almaMode: "live" });

      await waitFor(
        "the IPN to mark the order paid",
        () => woo.store.orders.get(order.id)?.status === "processing",
      );
      const pid = woo.store.orders.get(order.id)?.transaction_id ?? "";
      const test = new AlmaClient({ apiKey: TEST_KEY, baseUrl: server.almaBaseUrl });

      const refund = await woo.refundOrder(order.id, { amount: "100.00", api_refund: true });
      expect(refund.ok && refund.value.refundedPayment).toBe(true);
      expect((await test.payments.fetch(pid)).refunds.map((r) => r.amount)).toEqual([10_000]);

      // A refund made at Alma (the test account's dashboard) is found by the reconciliation, which
      // must ask the test account: the live one does not know the payment.
      await test.payments.refund(pid, { amount: 5_000, merchantReference: "alma-dashboard-1" });
      const byMode: PluginDeps = {
        ...woocommerceCliDeps(server, TEST_KEY),
        almaFor: async (_tenantId, call) =>
          new AlmaClient({
            apiKey: call?.mode === "test" ? TEST_KEY : LIVE_KEY,
            baseUrl: server.almaBaseUrl,
          }),
      };
      const { code, report } = await reconcileStore(byMode, storeId);
      expect(code, report).toBe(0);
      await waitFor("the Alma refund recorded on the order", () =>
        woo.store.refunds.get(order.id)?.some((r) => r.amountCents === 5_000),
      );
    }, 40_000);
  },
);
