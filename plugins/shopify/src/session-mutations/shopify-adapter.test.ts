import { randomBytes } from "node:crypto";
import type { PluginLogger } from "@alma-suite/core";
import { JobWorker } from "@alma-suite/core/storage";
import { describePlatformConformance, memoryStorage } from "@alma-suite/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionRecord } from "../payment-session/session-record.ts";
import { PaymentsAppsClient } from "../payments-api/payments-apps-client.ts";
import { accessTokens } from "../tenants/access-token.ts";
import { FakeShopify } from "../testing/fake-shopify.ts";
import { MUTATION_JOB, type MutationPayload } from "./mutation-job.ts";
import { runMutation } from "./run-mutation.ts";
import { shopifyAdapter } from "./shopify-adapter.ts";

const SHOP = "conformance.myshopify.com";
const silent = { info() {}, warn() {}, error() {}, debug() {} };
let fake: FakeShopify;

beforeAll(async () => {
  fake = await FakeShopify.start({ apiKey: "key", apiSecret: "secret" });
});
afterAll(() => fake.close());

/** The adapter over an in-memory store, its mutations sent by a worker to the fake Shopify. */
async function harness(logger: PluginLogger = silent) {
  const storage = await memoryStorage();
  const { tenant } = await storage.createTenant({ platform: "shopify", externalId: SHOP, name: SHOP });
  await storage.setSecret(tenant.id, "shopify_token", fake.issueToken(SHOP));
  const client = new PaymentsAppsClient({ shopOrigin: fake.shopOrigin, apiVersion: "2026-07" });
  const tokens = accessTokens({ storage, refreshToken: undefined, now: Date.now, logger: silent });
  const worker = new JobWorker({
    storage,
    workerId: "test",
    handlers: {
      [MUTATION_JOB]: async (p) =>
        void (await runMutation(
          { storage, client, tokens, logger, inFlight: new Map() },
          p as MutationPayload,
        )),
    },
  });
  const adapter = shopifyAdapter({ storage, now: Date.now });
  const createOrder = async (amountCents: number, group = randomBytes(8).toString("hex")) => {
    const id = randomBytes(8).toString("hex");
    const session: SessionRecord = {
      gid: `gid://shopify/PaymentSession/${id}`,
      group,
      kind: "sale",
      test: true,
      cancelUrl: `https://${SHOP}/checkouts/c/${id}/payment`,
      proposedAt: null,
      merchantLocale: "fr",
      customer: null,
      offers: null,
      rejection: null,
      almaUrl: null,
      redirectUrl: null,
      redacted: false,
    };
    fake.registerSession({ gid: session.gid, shop: SHOP, kind: "payment" });
    await storage.createPaymentLink({
      tenantId: tenant.id,
      platformOrderRef: id,
      amountCents,
      currency: "EUR",
      custom: { shopifySession: { ...session } },
    });
    return id;
  };
  const readOrder = async (orderRef: string) => {
    await worker.drain();
    const link = (await storage.findPaymentByOrderRef(tenant.id, orderRef))!;
    const seen = fake.sessions.get(`gid://shopify/PaymentSession/${orderRef}`)!;
    const refundedCents = await storage.sumRefundedCents(tenant.id, link.id);
    const status =
      seen.state === "resolved"
        ? refundedCents >= link.amountCents
          ? ("refunded" as const)
          : ("paid" as const)
        : seen.state === "rejected"
          ? seen.rejection?.code === "CANCELLED_PAYMENT"
            ? ("cancelled" as const)
            : ("failed" as const)
          : seen.state === "pending"
            ? ("on_hold" as const)
            : ("pending" as const);
    return { status, paidTransitions: seen.resolvedTransitions, refundedCents };
  };
  return { storage, tenantId: tenant.id, adapter, createOrder, readOrder, worker };
}

describePlatformConformance("shopify", harness);

describe("shopify adapter, Shopify specifics", () => {
  it("a document Shopify refuses fails its job at once as permanent, logged with the operation and Shopify's words", async () => {
    const errors: { fields: Record<string, unknown>; message: string }[] = [];
    const h = await harness({
      ...silent,
      error: (fields: Record<string, unknown>, message: string) => void errors.push({ fields, message }),
    });
    const order = await h.createOrder(20000);
    await h.adapter.markOrderPaid({
      tenantId: h.tenantId,
      orderRef: order,
      idempotencyKey: `paid:${order}`,
      almaPaymentId: "payment_11refusedDoc",
      amountCents: 20000,
    });
    fake.refuseNextDocuments(
      "Field 'paymentSessionResolve' doesn't accept argument 'authorizationExpiresAt'",
    );
    await h.worker.drain();
    const [job] = await h.storage.listJobs({ type: MUTATION_JOB });
    expect(job).toMatchObject({ state: "dead", attempts: 1 });
    expect(job?.lastError).toBe(
      "PermanentJobError: Shopify refused paymentSessionResolve: GraphQL errors: Field 'paymentSessionResolve' doesn't accept argument 'authorizationExpiresAt'",
    );
    expect(errors).toEqual([
      expect.objectContaining({
        fields: expect.objectContaining({
          mutation: "paymentSessionResolve",
          shopifyMessage: expect.stringContaining("doesn't accept argument"),
        }),
      }),
    ]);
    expect(fake.sessions.get(`gid://shopify/PaymentSession/${order}`)?.state).toBe("proposed");
  });

  it("resolves one session per checkout group and releases the other attempt's Alma payment", async () => {
    const h = await harness();
    const first = await h.createOrder(20000, "same-group");
    const second = await h.createOrder(20000, "same-group");
    const ref = (orderRef: string) => ({
      tenantId: h.tenantId,
      orderRef,
      idempotencyKey: `paid:${orderRef}`,
      amountCents: 20000,
    });
    expect(await h.adapter.markOrderPaid({ ...ref(first), almaPaymentId: "payment_11first" })).toMatchObject({
      status: "paid",
    });
    expect(
      await h.adapter.markOrderPaid({ ...ref(second), almaPaymentId: "payment_11second" }),
    ).toMatchObject({
      status: "rejected",
      reason: "invalid_state",
    });
    expect(await h.readOrder(first)).toMatchObject({ status: "paid", paidTransitions: 1 });
    expect(await h.readOrder(second)).toMatchObject({ status: "failed", paidTransitions: 0 });
    expect(
      (await h.storage.listJobs({ type: "shopify:alma-release-duplicate" })).map((j) => j.payload),
    ).toEqual([expect.objectContaining({ almaPaymentId: "payment_11second" })]);
  });

  it("records a refund made from the suite's dashboard once, without counting it twice", async () => {
    const h = await harness();
    const order = await h.createOrder(30000);
    const base = { tenantId: h.tenantId, orderRef: order };
    await h.adapter.markOrderPaid({
      ...base,
      idempotencyKey: `paid:${order}`,
      almaPaymentId: "payment_11d",
      amountCents: 30000,
    });
    const link = (await h.storage.findPaymentByOrderRef(h.tenantId, order))!;
    // What the dashboard's refund job leaves behind before it tells the platform.
    const made = await h.storage.createRefund({
      tenantId: h.tenantId,
      paymentLinkId: link.id,
      platformRefundRef: `dashboard:${link.id}:k1`,
      amountCents: 30000,
      origin: "alma",
      almaRefundId: "refund_dash1",
      state: "succeeded",
    });
    expect(made.outcome).toBe("created");
    const call = { ...base, idempotencyKey: "refund:x", almaRefundId: "refund_dash1", amountCents: 30000 };
    expect(await h.adapter.recordRefund(call)).toEqual({ status: "refunded", alreadyDone: false });
    expect(await h.adapter.recordRefund(call)).toEqual({ status: "refunded", alreadyDone: true });
    expect(await h.storage.listRefunds(h.tenantId, link.id)).toHaveLength(1);
    expect((await h.storage.getPaymentLink(h.tenantId, link.id))?.state).toBe("refunded");
  });

  it("tells Shopify to wait, then lets a later resolve finish the session", async () => {
    const h = await harness();
    const order = await h.createOrder(15000);
    const base = { tenantId: h.tenantId, orderRef: order, almaPaymentId: "payment_11pending" };
    await h.adapter.markOrderPending({ ...base, idempotencyKey: `pending:${order}` });
    expect(await h.readOrder(order)).toMatchObject({ status: "on_hold" });
    const pending = fake.mutationsNamed("paymentSessionPending", `gid://shopify/PaymentSession/${order}`)[0]!;
    expect(Date.parse(String(pending.variables.pendingExpiresAt))).toBeLessThanOrEqual(
      Date.now() + 3 * 86_400_000,
    );
    await h.adapter.markOrderPaid({ ...base, idempotencyKey: `paid:${order}`, amountCents: 15000 });
    expect(await h.readOrder(order)).toMatchObject({ status: "paid", paidTransitions: 1 });
    expect(
      await h.adapter.failOrder({ ...base, idempotencyKey: "x", reason: "refused", message: "late" }),
    ).toMatchObject({
      status: "rejected",
      reason: "invalid_state",
    });
  });

  it("maps an amount mismatch to FRAUD_SUSPECTED and expiry to a rejection, with the merchant message", async () => {
    const h = await harness();
    const mismatch = await h.createOrder(10000);
    await h.adapter.failOrder({
      tenantId: h.tenantId,
      orderRef: mismatch,
      idempotencyKey: "f",
      almaPaymentId: "payment_11m",
      reason: "amount_mismatch",
      message: "Alma payment is 9000 cents, the order is 10000",
    });
    const expired = await h.createOrder(10000);
    await h.adapter.releaseOrder({
      tenantId: h.tenantId,
      orderRef: expired,
      idempotencyKey: "r",
      reason: "expired",
    });
    await h.worker.drain();
    expect(fake.sessions.get(`gid://shopify/PaymentSession/${mismatch}`)?.rejection).toEqual({
      code: "FRAUD_SUSPECTED",
      merchantMessage: "Alma payment is 9000 cents, the order is 10000",
    });
    expect(fake.sessions.get(`gid://shopify/PaymentSession/${expired}`)?.rejection?.code).toBe(
      "PROCESSING_ERROR",
    );
  });
});
