import { type SandboxServer, startSandboxServer } from "@alma-suite/alma-sandbox";
import { page, paymentSession, pickPlan, sendSession } from "@alma-suite/shopify/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FaultProxy, startFaultProxy } from "../support/fault-proxy.ts";
import { type ShopifyJourney, startShopifyJourney, stopShopifyJourney } from "../support/shopify-journey.ts";

// Shopify waits only seconds for a payment session answer and then retries: Alma hanging must
// neither hold the request past that nor leave the buyer on an error page.
const SHOP = "alma-faults.myshopify.com";

let sandbox: SandboxServer;
let proxy: FaultProxy;
let journey: ShopifyJourney;

beforeAll(async () => {
  sandbox = await startSandboxServer({ port: 0, ipnDelayMs: 60_000 });
  proxy = await startFaultProxy(sandbox.url);
  journey = await startShopifyJourney({
    dataDirPrefix: "shopify-faults-",
    apiKey: "alma-suite-faults-app",
    apiSecret: "shpss_faults_secret_0123456789abcd",
    shop: SHOP,
    almaKey: "sk_test_shopifyFaults0001",
    plans: [{ key: "general_3_0_0" }],
    config: { ALMA_API_URL: proxy.url },
  });
});
afterAll(async () => {
  await stopShopifyJourney(journey);
  await proxy?.close();
  await sandbox?.close();
});
beforeEach(() => proxy.clear());

async function start(body: Record<string, unknown>) {
  const started = Date.now();
  const answer = await sendSession(journey.fake, journey.server.url, "payment-sessions", SHOP, body);
  return { ...answer, ms: Date.now() - started };
}
const paymentsOf = (linkId: string) =>
  sandbox.sandbox.store.payments
    .list()
    .items.filter(
      (r) => (r.payment.custom_data as { payment_link_id?: string } | null)?.payment_link_id === linkId,
    );

describe("Shopify payment sessions while Alma fails", () => {
  it("sends the buyer to the plan picker within the budget when payment creation hangs; choosing the plan then works", async () => {
    proxy.inject({ method: "POST", path: /^\/v1\/payments$/, times: 1, fault: { kind: "hang" } });
    const session = paymentSession("sale-3x", { amount: "300.00" });
    const answer = await start(session);
    expect(answer.status).toBe(201);
    expect(answer.ms).toBeLessThan(5000);
    const picker = String(answer.body.redirect_url);
    expect(picker).toContain("/shopify/checkout/");

    const shown = await page(picker);
    expect(shown.status).toBe(200);
    expect(shown.html).toContain("general_3_0_0");
    const chosen = await pickPlan(picker, "general_3_0_0");
    expect(chosen.status).toBe(303);
    expect(String(chosen.location)).toMatch(/\/alma-sandbox\/checkout\/payment_/);
    const link = await journey.server.storage.findPaymentByOrderRef(journey.tenantId, String(session.id));
    // The hung creation never reached Alma; the buyer's choice made the only payment.
    expect(paymentsOf(link!.id)).toHaveLength(1);
  });

  it("shows a page that tries again, not an error, when Alma hangs as the buyer picks the plan", async () => {
    proxy.inject({ method: "POST", path: /^\/v1\/payments$/, times: 1, fault: { kind: "hang" } });
    const answer = await start(paymentSession("sale-3x", { amount: "310.00" }));
    const picker = String(answer.body.redirect_url);
    proxy.inject({
      method: "POST",
      path: /^\/v1\/payments$/,
      times: 1,
      fault: { kind: "status", status: 503 },
    });
    const started = Date.now();
    const chosen = await pickPlan(picker, "general_3_0_0");
    expect(Date.now() - started).toBeLessThan(5000);
    expect(chosen.status).toBe(503);
    expect(chosen.html).toContain(picker.split("?")[0]!.replace(/^https?:\/\/[^/]+/, ""));
  });

  it("answers Shopify a clear 502 within the budget when eligibility hangs, and the retry succeeds", async () => {
    proxy.inject({ method: "POST", path: /eligibility/, times: 1, fault: { kind: "hang" } });
    const session = paymentSession("sale-3x", { amount: "320.00" });
    const answer = await start(session);
    expect(answer.status).toBe(502);
    expect(answer.ms).toBeLessThan(5000);
    expect(answer.body).toEqual({ error: "Alma could not be reached, retry shortly" });

    const retried = await start(session);
    expect(retried.status).toBe(201);
    expect(String(retried.body.redirect_url)).toMatch(/\/alma-sandbox\/checkout\/payment_/);
  });
});
