import type { AlmaClient } from "@alma-suite/core";
import {
  type FakeShopify,
  followUpSession,
  page,
  paymentSession,
  payOnAlma,
  pickPlan,
  sendSession,
  waitForIdleJobs,
} from "@alma-suite/shopify/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/create-server.ts";
import { type ShopifyJourney, startShopifyJourney, stopShopifyJourney } from "./support/shopify-journey.ts";

const SHOP = "alma-after-sale.myshopify.com";

let journey: ShopifyJourney;
let fake: FakeShopify;
let server: RunningServer;
let alma: AlmaClient;
let tenantId: string;

beforeAll(async () => {
  journey = await startShopifyJourney({
    dataDirPrefix: "shopify-after-sale-",
    apiKey: "alma-suite-test-app",
    apiSecret: "shpss_test_secret_after_sale_0001",
    shop: SHOP,
    almaKey: "sk_test_shopifyAfterSale01",
    plans: [{ key: "general_3_0_0" }, { key: "general_4_0_0" }],
  });
  ({ fake, server, alma, tenantId } = journey);
});
afterAll(async () => {
  await stopShopifyJourney(journey);
});

const send = (path: Parameters<typeof sendSession>[2], body: Record<string, unknown>) =>
  sendSession(fake, server.url, path, SHOP, body);
const linkOf = async (sessionId: unknown) =>
  (await server.storage.findPaymentByOrderRef(tenantId, String(sessionId)))!;

/** A buyer pays a session on Alma and comes back; returns the session body. */
async function paidSession(scenario: string, amount: string, plan = "general_3_0_0") {
  const body = paymentSession(scenario, { amount });
  const answer = await send("payment-sessions", body);
  const almaUrl = (await pickPlan(String(answer.body.redirect_url), plan)).location!;
  const paid = await payOnAlma(almaUrl);
  expect((await page(paid.location!)).location).toMatch(/thank-you$/);
  await waitForIdleJobs(server);
  return body;
}

describe("refunds", () => {
  it("refunds part then the rest at Alma, once per refund session, and rejects what is more than remains", async () => {
    const session = await paidSession("sale-3x", "450.00");
    const partial = followUpSession("refund-sessions", "partial", String(session.id), { amount: "100.00" });
    const answers = await Promise.all(Array.from({ length: 4 }, () => send("refund-sessions", partial)));
    expect(answers.map((a) => [a.status, a.body])).toEqual(Array(4).fill([201, {}]));
    await waitForIdleJobs(server);
    expect((await send("refund-sessions", partial)).status).toBe(201); // a late retry
    await waitForIdleJobs(server);

    const link = await linkOf(session.id);
    let payment = await alma.payments.fetch(link.almaPaymentId!);
    expect(payment.refunds.map((r) => [r.merchant_reference, r.amount])).toEqual([[partial.id, 10000]]);
    expect(fake.sessions.get(String(partial.gid))?.state).toBe("resolved");
    expect(fake.mutationsNamed("refundSessionResolve", String(partial.gid))).toHaveLength(1);
    expect(link.state).toBe("partially_refunded");

    const rest = followUpSession("refund-sessions", "partial", String(session.id), { amount: "350.00" });
    expect((await send("refund-sessions", rest)).status).toBe(201);
    await waitForIdleJobs(server);
    payment = await alma.payments.fetch(link.almaPaymentId!);
    expect(payment.refunds.map((r) => r.merchant_reference)).toEqual([partial.id, rest.id]);
    expect(payment.refunds.reduce((sum, r) => sum + r.amount, 0)).toBe(45000);
    expect(fake.sessions.get(String(rest.gid))?.state).toBe("resolved");
    expect((await linkOf(session.id)).state).toBe("refunded");

    const tooMuch = followUpSession("refund-sessions", "partial", String(session.id), { amount: "0.01" });
    expect((await send("refund-sessions", tooMuch)).status).toBe(201);
    await waitForIdleJobs(server);
    const rejected = fake.sessions.get(String(tooMuch.gid));
    expect(rejected).toMatchObject({ state: "rejected", rejection: { code: "PROCESSING_ERROR" } });
    expect(rejected?.rejection?.merchantMessage).toMatch(/more than the 0,00\s€ that remain/);
    expect((await alma.payments.fetch(link.almaPaymentId!)).refunds).toHaveLength(2);
  });

  it("refunds a whole payment as Alma's full refund, and passes on Alma's reason when it refuses", async () => {
    const session = await paidSession("sale-3x", "300.00", "general_4_0_0");
    const link = await linkOf(session.id);
    // Refunded from Alma's dashboard behind Shopify's back: our books do not know it yet.
    await alma.payments.refund(link.almaPaymentId!, { amount: 25000, merchantReference: "dashboard-1" });
    const refund = followUpSession("refund-sessions", "partial", String(session.id), { amount: "100.00" });
    await send("refund-sessions", refund);
    await waitForIdleJobs(server);
    const rejected = fake.sessions.get(String(refund.gid));
    expect(rejected?.state).toBe("rejected");
    expect(rejected?.rejection?.merchantMessage).toMatch(/^Alma: /);
    expect((await server.storage.findRefundByPlatformRef(tenantId, String(refund.id)))?.state).toBe("failed");

    const other = await paidSession("sale-3x", "200.00");
    const whole = followUpSession("refund-sessions", "partial", String(other.id), { amount: "200.00" });
    await send("refund-sessions", whole);
    await waitForIdleJobs(server);
    const payment = await alma.payments.fetch((await linkOf(other.id)).almaPaymentId!);
    expect(payment.is_completely_refunded).toBe(true);
    expect(payment.refunds[0]?.amount).toBeGreaterThan(20000); // the customer's fee went back too
    expect(fake.sessions.get(String(whole.gid))?.state).toBe("resolved");
  });

  it("refunds a test-mode payment in test mode after the shop switched to live", async () => {
    const session = await paidSession("sale-3x", "80.00");
    const link = await linkOf(session.id);
    await server.storage.setSecret(tenantId, "alma_live_key", "sk_live_afterSaleSwitched0001");
    await server.storage.updateTenant(tenantId, { almaMode: "live" });
    try {
      const refund = followUpSession("refund-sessions", "partial", String(session.id), { amount: "20.00" });
      expect((await send("refund-sessions", refund)).status).toBe(201);
      await waitForIdleJobs(server);
      expect(fake.sessions.get(String(refund.gid))?.state).toBe("resolved");
      const payment = await alma.payments.fetch(link.almaPaymentId!);
      expect(payment.refunds.map((r) => [r.merchant_reference, r.amount])).toEqual([[refund.id, 2000]]);
    } finally {
      await server.storage.updateTenant(tenantId, { almaMode: "test" });
    }
  });

  it("sends the merchant's dashboard refunds to the Shopify admin, which would otherwise refund twice", async () => {
    const session = await paidSession("sale-3x", "120.00");
    const link = await linkOf(session.id);
    const dashboard = async (method: string, path: string, body?: unknown, cookie?: string) => {
      const response = await fetch(`${server.url}/dashboard/api${path}`, {
        method,
        headers: {
          "content-type": "application/json",
          "x-requested-with": "alma-dashboard",
          ...(cookie ? { cookie } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return {
        status: response.status,
        cookie: response.headers.get("set-cookie")?.split(";")[0],
        body: (await response.json()) as { error?: string; payment?: { refundElsewhere: string | null } },
      };
    };
    const signIn = await dashboard("POST", "/session", { token: server.adminToken });
    const path = `/tenants/${tenantId}/payments/${link.id}`;
    const detail = await dashboard("GET", path, undefined, signIn.cookie);
    expect(detail.body.payment?.refundElsewhere).toMatch(/^Refund this order from your Shopify admin/);
    const refund = await dashboard(
      "POST",
      `${path}/refunds`,
      { amountCents: 5000, idempotencyKey: "k1" },
      signIn.cookie,
    );
    expect(refund.status).toBe(409);
    expect(refund.body.error).toBe(detail.body.payment?.refundElsewhere);
    expect((await alma.payments.fetch(link.almaPaymentId!)).refunds).toEqual([]);
    expect(await server.storage.listRefunds(tenantId, link.id)).toEqual([]);
  });

  it("refuses refund requests for unknown payments or shops, and rejects refunds of unpaid sessions", async () => {
    const orphan = followUpSession("refund-sessions", "partial", "no-such-session");
    expect((await send("refund-sessions", orphan)).status).toBe(404);
    const foreign = await sendSession(fake, server.url, "refund-sessions", "other.myshopify.com", orphan);
    expect(foreign.status).toBe(404);
    const malformed = await send("refund-sessions", { ...orphan, gid: "not-a-gid" });
    expect(malformed.status).toBe(400);

    const unpaid = paymentSession("sale-3x", { amount: "150.00" });
    await send("payment-sessions", unpaid);
    const refund = followUpSession("refund-sessions", "partial", String(unpaid.id), { amount: "10.00" });
    expect((await send("refund-sessions", refund)).status).toBe(201);
    await waitForIdleJobs(server);
    expect(fake.sessions.get(String(refund.gid))?.state).toBe("rejected");
  });
});

describe("authorization, capture and void", () => {
  async function authorizedSession(amount: string) {
    const body = paymentSession("authorization", { amount });
    const answer = await send("payment-sessions", body);
    const picker = await page(String(answer.body.redirect_url));
    expect(picker.html).toContain('data-plan="general_3_0_0"');
    const almaUrl = (await pickPlan(String(answer.body.redirect_url), "general_3_0_0")).location!;
    const paid = await payOnAlma(almaUrl);
    expect((await page(paid.location!)).location).toMatch(/thank-you$/);
    await waitForIdleJobs(server);
    const link = await linkOf(body.id);
    expect(link.state).toBe("authorized");
    const resolve = fake.mutationsNamed("paymentSessionResolve", String(body.gid));
    expect(resolve).toHaveLength(1);
    expect(Date.parse(String(resolve[0]!.variables.authorizationExpiresAt))).toBeGreaterThan(
      Date.now() + 29 * 86_400_000,
    );
    const payment = await alma.payments.fetch(link.almaPaymentId!);
    expect(payment).toMatchObject({ deferred_trigger: true, deferred_trigger_applied: null });
    return { body, link };
  }

  it("captures an authorization by triggering the Alma payment, then resolves the capture session", async () => {
    const { body, link } = await authorizedSession("600.00");
    const capture = followUpSession("capture-sessions", "full", String(body.id), { amount: "600.00" });
    const answers = await Promise.all([send("capture-sessions", capture), send("capture-sessions", capture)]);
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    await waitForIdleJobs(server);
    expect(fake.sessions.get(String(capture.gid))?.state).toBe("resolved");
    const payment = await alma.payments.fetch(link.almaPaymentId!);
    expect(payment.deferred_trigger_applied).not.toBeNull();
    expect(payment.state).toBe("in_progress");
    expect((await linkOf(body.id)).state).toBe("paid");
    expect(fake.sessions.get(String(body.gid))?.resolvedTransitions).toBe(1);

    const refund = followUpSession("refund-sessions", "partial", String(body.id), { amount: "50.00" });
    await send("refund-sessions", refund);
    await waitForIdleJobs(server);
    expect(fake.sessions.get(String(refund.gid))?.state).toBe("resolved");

    const lateVoid = followUpSession("void-sessions", "void", String(body.id));
    await send("void-sessions", lateVoid);
    await waitForIdleJobs(server);
    expect(fake.sessions.get(String(lateVoid.gid))?.state).toBe("rejected");
  });

  it("refuses a partial capture: Alma triggers the whole payment only", async () => {
    const { body } = await authorizedSession("400.00");
    const capture = followUpSession("capture-sessions", "full", String(body.id), { amount: "100.00" });
    await send("capture-sessions", capture);
    await waitForIdleJobs(server);
    expect(fake.sessions.get(String(capture.gid))).toMatchObject({
      state: "rejected",
      rejection: { code: "PROCESSING_ERROR" },
    });
    expect((await linkOf(body.id)).state).toBe("authorized");
  });

  it("voids an authorization by cancelling the Alma payment, then resolves the void session", async () => {
    const { body, link } = await authorizedSession("350.00");
    const voidSession = followUpSession("void-sessions", "void", String(body.id));
    expect((await send("void-sessions", voidSession)).status).toBe(201);
    await waitForIdleJobs(server);
    expect(fake.sessions.get(String(voidSession.gid))?.state).toBe("resolved");
    expect((await alma.payments.fetch(link.almaPaymentId!)).state).toBe("stopped");
    expect((await linkOf(body.id)).state).toBe("cancelled");
    const capture = followUpSession("capture-sessions", "full", String(body.id), { amount: "350.00" });
    await send("capture-sessions", capture);
    await waitForIdleJobs(server);
    expect(fake.sessions.get(String(capture.gid))?.state).toBe("rejected");
  });
});
