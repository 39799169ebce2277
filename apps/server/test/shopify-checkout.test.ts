import type { AlmaClient } from "@alma-suite/core";
import {
  type FakeShopify,
  page,
  paymentSession,
  payOnAlma,
  pickPlan,
  type ShopSetup,
  sendSession,
  waitForIdleJobs,
  waitUntil,
} from "@alma-suite/shopify/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/create-server.ts";
import { type ShopifyJourney, startShopifyJourney, stopShopifyJourney } from "./support/shopify-journey.ts";

const SHOP = "alma-demo.myshopify.com";

let journey: ShopifyJourney;
let fake: FakeShopify;
let server: RunningServer;
let shop: ShopSetup;
let alma: AlmaClient;
let tenantId: string;

beforeAll(async () => {
  journey = await startShopifyJourney({
    dataDirPrefix: "shopify-checkout-",
    apiKey: "alma-suite-test-app",
    apiSecret: "shpss_test_secret_0123456789abcdef",
    shop: SHOP,
    almaKey: "sk_test_shopifyCheckout01",
    plans: [{ key: "general_3_0_0" }, { key: "general_4_0_0" }],
    config: { WORKER_CONCURRENCY: "4" },
  });
  ({ fake, server, shop, alma, tenantId } = journey);
});
afterAll(async () => {
  await stopShopifyJourney(journey);
});

const start = (body: Record<string, unknown>) =>
  sendSession(fake, server.url, "payment-sessions", SHOP, body);
const linkOf = (sessionId: unknown) => server.storage.findPaymentByOrderRef(tenantId, String(sessionId));
const almaPaymentsOf = async (linkId: string) => {
  const all = await alma.payments.list({ limit: 100 });
  return all.data.filter((p) => (p.custom_data as { payment_link_id?: string }).payment_link_id === linkId);
};
const onlyPlans = (keys: string[]) =>
  shop.api("save", {
    almaMode: "test",
    plans: keys.map((key) => ({ key, enabled: true, minCents: 5000, maxCents: 200000 })),
  });

describe("pay in 3x", () => {
  it("offers the merchant's plans with their cost, pays on Alma, resolves once, sends the buyer to Shopify", async () => {
    const body = paymentSession("sale-3x", { amount: "450.00" });
    const answer = await start(body);
    expect(answer.status).toBe(201);
    const picker = await page(String(answer.body.redirect_url));
    expect(picker.status).toBe(200);
    expect(picker.html).toContain('data-plan="general_3_0_0"');
    expect(picker.html).toContain('data-plan="general_4_0_0"');
    expect(picker.html).not.toContain("general_10_0_0");
    expect(picker.html).toContain("450,00");
    expect(picker.html).toContain("156,53"); // first instalment of 3 with Alma's 6,53 € fee
    expect(picker.html).toContain(
      String((body.payment_method as { data: { cancel_url: string } }).data.cancel_url),
    );

    const chosen = await pickPlan(String(answer.body.redirect_url), "general_3_0_0");
    expect(chosen.status).toBe(303);
    const almaUrl = chosen.location!;
    expect(almaUrl).toMatch(/\/alma-sandbox\/checkout\/payment_/);
    const link = await linkOf(body.id);
    expect(link).toMatchObject({ amountCents: 45000, currency: "EUR", planKey: "general_3_0_0" });
    expect((link!.custom.shopifySession as { customer: unknown }).customer).toBeNull();

    const paid = await payOnAlma(almaUrl);
    expect(paid.status).toBe(303);
    const back = await page(paid.location!);
    expect(back.status).toBe(303);
    expect(back.location).toBe(`https://${SHOP}/checkouts/c/${body.id}/thank-you`);

    await waitForIdleJobs(server); // the IPN's confirmation and the platform call
    expect(fake.mutationsNamed("paymentSessionResolve", String(body.gid))).toHaveLength(1);
    expect(fake.sessions.get(String(body.gid))).toMatchObject({ state: "resolved", resolvedTransitions: 1 });
    expect((await linkOf(body.id))?.state).toBe("paid");
    expect(await almaPaymentsOf(link!.id)).toHaveLength(1);
    expect(fake.mutations.every((m) => m.apiVersion === "2026-07")).toBe(true);
    expect(fake.violations).toEqual([]);
  });

  it("sends the buyer straight to Alma when a single plan is eligible", async () => {
    await onlyPlans(["general_3_0_0"]);
    const answer = await start(paymentSession("sale-3x", { amount: "300.00" }));
    expect(answer.status).toBe(201);
    expect(String(answer.body.redirect_url)).toMatch(/\/alma-sandbox\/checkout\/payment_/);
    // Eligibility and the payment's creation: the answer says how long they took, apart from the app's own time.
    const timing = answer.headers.get("server-timing") ?? "";
    expect(timing).toMatch(/^alma;dur=\d+\.\d{2};desc="2 calls", app;dur=\d+\.\d{2}$/);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(
      /alma_suite_alma_request_duration_seconds_count\{method="POST",route="\/v1\/payments",status="200"\} [1-9]/,
    );
    expect(metrics).toMatch(
      /alma_suite_alma_request_duration_seconds_count\{method="POST",route="\/v2\/payments\/eligibility",status="200"\} [1-9]/,
    );
    await onlyPlans(["general_3_0_0", "general_4_0_0"]);
  });
});

describe("refusals", () => {
  it("rejects a session whose card Alma refuses, and sends the buyer back to checkout", async () => {
    const body = paymentSession("sale-3x", { amount: "200.00" });
    const answer = await start(body);
    const almaUrl = (await pickPlan(String(answer.body.redirect_url), "general_4_0_0")).location!;
    const refused = await payOnAlma(almaUrl, "4000000000000002");
    expect(refused.status).toBe(200);
    const failureLink = /href="([^"]*\/shopify\/checkout\/[^"]*)"/
      .exec(refused.html)?.[1]
      ?.replaceAll("&amp;", "&");
    expect(failureLink).toBeDefined();
    const back = await page(failureLink!);
    expect(back.status).toBe(303);
    expect(back.location).toBe(`https://${SHOP}/checkouts/c/${body.id}/payment-failed`);
    expect(fake.sessions.get(String(body.gid))).toMatchObject({
      state: "rejected",
      rejection: { code: "PROCESSING_ERROR" },
    });
    expect((await linkOf(body.id))?.state).toBe("refused");
  });

  it.each([
    ["a basket under Alma's minimum", { amount: "12.00" }, "AMOUNT_TOO_SMALL"],
    ["a basket over every maximum", { amount: "2500.00" }, "AMOUNT_TOO_LARGE"],
    ["a basket in dollars", { currency: "USD" }, "INVALID_CURRENCY"],
    ["a live checkout on an Alma test account", { test: false }, "PROCESSING_ERROR"],
  ])("rejects %s with the right reason", async (_what, overrides, code) => {
    const body = paymentSession("sale-3x", overrides);
    const answer = await start(body);
    expect(answer.status).toBe(201);
    const landing = await page(String(answer.body.redirect_url));
    expect(landing.status).toBe(303);
    expect(landing.location).toBe(`https://${SHOP}/checkouts/c/${body.id}/payment-failed`);
    expect(fake.sessions.get(String(body.gid))).toMatchObject({ state: "rejected", rejection: { code } });
    expect((await linkOf(body.id))?.almaPaymentId).toBeNull();
  });
});

describe("customer cancel and pending decisions", () => {
  it("sends a buyer who cancels on Alma back to checkout, cancels the Alma payment, rejects nothing", async () => {
    const body = paymentSession("legacy-cancel-url", { amount: "129.90" });
    const answer = await start(body);
    expect(answer.status).toBe(201);
    const almaUrl = (await pickPlan(String(answer.body.redirect_url), "general_3_0_0")).location!;
    const landing = await page(almaUrl);
    const cancelLink = /href="([^"]*\/shopify\/cancel\/[^"]*)"/
      .exec(landing.html)?.[1]
      ?.replaceAll("&amp;", "&");
    const cancelled = await page(cancelLink!);
    expect(cancelled.status).toBe(303);
    expect(cancelled.location).toBe(body.cancel_url);
    const link = await linkOf(body.id);
    expect(link?.state).toBe("cancelled");
    expect((await alma.payments.fetch(link!.almaPaymentId!)).state).toBe("stopped");
    expect(fake.mutations.filter((m) => m.variables.id === body.gid)).toEqual([]);
    // Clicked twice, or back on Alma's "payment cancelled" page and its return link, or the
    // checkout link opened again: straight back to checkout, never a page that waits forever.
    const returnLink = `${server.url}/shopify/return/${link!.tenantId}?pid=${link!.almaPaymentId}`;
    for (const again of [cancelLink!, String(answer.body.redirect_url), returnLink]) {
      const answerAgain = await page(again);
      expect([answerAgain.status, answerAgain.location]).toEqual([303, body.cancel_url]);
    }
  });

  it("cancels nothing from an unsigned or forged cancel URL: only the buyer's signed one counts", async () => {
    const body = paymentSession("sale-3x", { amount: "149.90" });
    const answer = await start(body);
    const almaUrl = (await pickPlan(String(answer.body.redirect_url), "general_3_0_0")).location!;
    const landing = await page(almaUrl);
    const signed = /href="([^"]*\/shopify\/cancel\/[^"]*)"/.exec(landing.html)?.[1]?.replaceAll("&amp;", "&");
    const link = (await linkOf(body.id))!;
    const pid = link.almaPaymentId!;
    expect(signed).toContain(`/shopify/cancel/${link.tenantId}/${link.id}/`);

    // Someone who learnt the pid, without the signature: sent back, nothing cancelled.
    const unsigned = await page(`${server.url}/shopify/cancel/${link.tenantId}?pid=${pid}`);
    expect(unsigned.status).toBe(303);
    const forged = await page(
      `${server.url}/shopify/cancel/${link.tenantId}/${link.id}/${"A".repeat(32)}?pid=${pid}`,
    );
    expect(forged.status).toBe(404);
    expect((await linkOf(body.id))?.state).toBe("pending");
    expect((await alma.payments.fetch(pid)).state).not.toBe("stopped");

    const cancelled = await page(signed!);
    expect(cancelled.status).toBe(303);
    expect(cancelled.location).toBeDefined();
    expect(cancelled.location).toBe(unsigned.location);
    expect((await linkOf(body.id))?.state).toBe("cancelled");
    expect((await alma.payments.fetch(pid)).state).toBe("stopped");
  });

  it("tells Shopify to wait while Alma reviews, then resolves when Alma accepts", async () => {
    const body = paymentSession("sale-3x", { amount: "500.00" });
    const answer = await start(body);
    const almaUrl = (await pickPlan(String(answer.body.redirect_url), "general_3_0_0")).location!;
    const review = await payOnAlma(almaUrl, "4000000000000101");
    const returnLink = /href="([^"]*\/shopify\/return\/[^"]*)"/
      .exec(review.html)?.[1]
      ?.replaceAll("&amp;", "&");
    const back = await page(returnLink!);
    expect(back.location).toBe(`https://${SHOP}/checkouts/c/${body.id}/processing`);
    const pending = fake.mutationsNamed("paymentSessionPending", String(body.gid));
    expect(pending).toHaveLength(1);
    expect(pending[0]!.variables.reason).toBe("PARTNER_ACTION_REQUIRED");
    const pid = (await linkOf(body.id))!.almaPaymentId!;
    const decided = await fetch(`${server.almaBaseUrl}/_admin/payments/${pid}/decide`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ decision: "accept" }),
    });
    expect(decided.status).toBeLessThan(300);
    await waitUntil(async () =>
      (await server.storage.listJobs({ type: "alma:confirm" })).some(
        (j) => j.payload && (j.payload as { almaPaymentId: string }).almaPaymentId === pid,
      ),
    );
    await waitForIdleJobs(server);
    expect(fake.sessions.get(String(body.gid))).toMatchObject({ state: "resolved", resolvedTransitions: 1 });
  });
});

describe("retries and races", () => {
  it("answers a retried or concurrent session request the same, with one Alma payment", async () => {
    await onlyPlans(["general_3_0_0"]);
    const body = paymentSession("sale-3x", { amount: "321.00" });
    const answers = await Promise.all(Array.from({ length: 6 }, () => start(body)));
    const again = await start(body);
    await onlyPlans(["general_3_0_0", "general_4_0_0"]);
    expect(new Set([...answers, again].map((a) => a.status))).toEqual(new Set([201]));
    expect(new Set([...answers, again].map((a) => a.body.redirect_url)).size).toBe(1);
    const link = await linkOf(body.id);
    expect(await almaPaymentsOf(link!.id)).toHaveLength(1);
  });

  it("resolves once however the buyer's return and Alma's IPNs race", async () => {
    const body = paymentSession("sale-3x", { amount: "250.00" });
    const almaUrl = (await pickPlan(String((await start(body)).body.redirect_url), "general_4_0_0"))
      .location!;
    const paid = await payOnAlma(almaUrl);
    const returns = await Promise.all(Array.from({ length: 5 }, () => page(paid.location!)));
    expect(new Set(returns.map((r) => r.location))).toEqual(
      new Set([`https://${SHOP}/checkouts/c/${body.id}/thank-you`]),
    );
    await waitForIdleJobs(server);
    expect(fake.sessions.get(String(body.gid))?.resolvedTransitions).toBe(1);
    expect(fake.mutationsNamed("paymentSessionResolve", String(body.gid))).toHaveLength(1);
  });

  it("resolves one attempt per checkout group and gives the other attempt's money back", async () => {
    const group = "gRoUp-two-tabs";
    const first = paymentSession("sale-3x", { amount: "180.00", group });
    const second = paymentSession("sale-3x", { amount: "180.00", group });
    const firstAlma = (await pickPlan(String((await start(first)).body.redirect_url), "general_3_0_0"))
      .location!;
    const secondAlma = (await pickPlan(String((await start(second)).body.redirect_url), "general_3_0_0"))
      .location!;
    const paidFirst = await payOnAlma(firstAlma);
    const paidSecond = await payOnAlma(secondAlma);
    expect((await page(paidFirst.location!)).location).toMatch(/thank-you$/);
    expect((await page(paidSecond.location!)).location).toMatch(/payment-failed$/);
    await waitForIdleJobs(server);
    expect(fake.sessions.get(String(first.gid))?.state).toBe("resolved");
    expect(fake.sessions.get(String(second.gid))?.state).toBe("rejected");
    const duplicate = await alma.payments.fetch((await linkOf(second.id))!.almaPaymentId!);
    expect(duplicate.refunds.map((r) => r.merchant_reference)).toEqual([
      `duplicate:${(await linkOf(second.id))!.id}`,
    ]);
  });

  it("keeps calling Shopify until it accepts a mutation", { timeout: 20_000 }, async () => {
    const body = paymentSession("sale-3x", { amount: "99.00" });
    const almaUrl = (await pickPlan(String((await start(body)).body.redirect_url), "general_3_0_0"))
      .location!;
    fake.failNextGraphql(503, 503, 503);
    const paid = await payOnAlma(almaUrl);
    const back = await page(paid.location!);
    expect(back.status).toBe(200); // Shopify is down: a page that checks again
    expect(back.html).toContain('http-equiv="refresh"');
    // The worker retries with backoff until the fake Shopify answers again.
    await waitUntil(async () => fake.sessions.get(String(body.gid))?.state === "resolved", 15_000);
    // Shopify has the mutation; the worker records the job done a moment after its handler returns.
    const key = `shopify:resolve:${tenantId}:${String(body.group)}`;
    await waitUntil(async () => (await server.storage.getJobByKey(key))?.state === "done", 5_000);
    const job = await server.storage.getJobByKey(key);
    expect(job).toMatchObject({ state: "done" });
    expect(job!.attempts).toBeGreaterThan(1);
    const landing = await page(back.html.match(/url=([^"]+)"/)![1]!.replaceAll("&amp;", "&"));
    expect(landing.location).toMatch(/thank-you$/);
  });
});

describe("bad requests", () => {
  it("refuses unknown shops, missing headers and malformed bodies with a 4xx, recording nothing", async () => {
    const body = paymentSession("sale-3x");
    expect(
      (await sendSession(fake, server.url, "payment-sessions", "nobody.myshopify.com", body)).status,
    ).toBe(404);
    const noCancel = paymentSession("sale-3x", { payment_method: { type: "offsite", data: {} } });
    const refused = await start(noCancel);
    expect(refused.status).toBe(400);
    expect(String(refused.body.error)).toContain("cancel_url");
    expect((await start(paymentSession("sale-3x", { amount: "12.345" }))).status).toBe(400);
    const headerless = await fetch(`${server.url}/shopify/payment-sessions`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(headerless.status).toBe(400);
    const notJson = await fetch(`${server.url}/shopify/payment-sessions`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Shopify-Shop-Domain": SHOP },
      body: "{oops",
    });
    expect(notJson.status).toBe(400);
    expect(await linkOf(body.id)).toBeNull();
  });
});
