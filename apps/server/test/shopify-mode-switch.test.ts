import {
  followUpSession,
  paymentSession,
  payOnAlma,
  pickPlan,
  sendSession,
  waitForIdleJobs,
} from "@alma-suite/shopify/testing";
import { afterEach, describe, expect, it } from "vitest";
import { DATABASES, serverDatabase } from "./support/server-database.ts";
import { type ShopifyJourney, startShopifyJourney, stopShopifyJourney } from "./support/shopify-journey.ts";
import { waitFor } from "./support/wait-for.ts";

const SHOP = "alma-mode-switch.myshopify.com";
// The sandbox only knows test keys: what this one reaches is "the other environment".
const LIVE_KEY = "sk_live_shopifyModeSwitchNotHere";

let journey: ShopifyJourney | undefined;
let drop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stopShopifyJourney(journey);
  await drop?.();
  journey = undefined;
  drop = undefined;
});

describe.each(DATABASES)("Shopify: a test session paid after the shop switched to live (%s)", (kind) => {
  it("is checked, resolved by its IPN and refunded at the test account", async () => {
    const db = await serverDatabase(kind, "shopify_mode");
    drop = db.drop;
    journey = await startShopifyJourney({
      dataDirPrefix: "shopify-mode-switch-",
      apiKey: "alma-suite-test-app",
      apiSecret: "shpss_test_secret_mode_switch_001",
      shop: SHOP,
      almaKey: "sk_test_shopifyModeSwitch01",
      plans: [{ key: "general_3_0_0" }, { key: "general_4_0_0" }],
      config: { ...db.env, ALMA_SANDBOX_IPN_DELAY_MS: "1500" },
    });
    const { fake, server, alma, tenantId } = journey;
    const send = (path: Parameters<typeof sendSession>[2], body: Record<string, unknown>) =>
      sendSession(fake, server.url, path, SHOP, body);
    const session = paymentSession("sale-3x", { amount: "300.00" });
    const answer = await send("payment-sessions", session);
    const almaUrl = (await pickPlan(String(answer.body.redirect_url), "general_3_0_0")).location ?? "";
    const link = (await server.storage.findPaymentByOrderRef(tenantId, String(session.id)))!;
    expect(link.almaMode).toBe("test");

    await server.storage.setSecret(tenantId, "alma_live_key", LIVE_KEY);
    await server.storage.updateTenant(tenantId, { almaMode: "live" });
    const check = await fetch(`${server.url}/admin/api/tenants/${tenantId}/payments/${link.id}/check`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.adminToken}` },
    });
    expect(await check.json()).toMatchObject({ check: { outcome: "not_decided", checkAttempts: 1 } });

    // Paid; the buyer closes the tab on Alma's page: only the IPN tells.
    await payOnAlma(almaUrl);
    await waitFor(
      "the IPN to resolve the session",
      () => fake.sessions.get(String(session.gid))?.state === "resolved",
    );
    const refund = followUpSession("refund-sessions", "partial", String(session.id), { amount: "50.00" });
    expect((await send("refund-sessions", refund)).status).toBe(201);
    await waitForIdleJobs(server);
    const payment = await alma.payments.fetch(link.almaPaymentId!);
    expect(payment.refunds.map((r) => [r.merchant_reference, r.amount])).toEqual([[refund.id, 5000]]);
  }, 40_000);
});
