import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadFixtureObject } from "../alma/testing/load-fixture.ts";
import { createTestClient, sandboxUrl } from "../alma/testing/test-client.ts";
import { memoryStorage } from "../testing/memory-storage.ts";
import { confirmPayment } from "./confirm-payment.ts";
import { FLAG_FRAUD_JOB, PLATFORM_CALL_JOB, type PlatformCallPayload } from "./platform-call.ts";

const PID = "payment_11flowTestAbcdef";

async function setup(amountCents: number) {
  const storage = await memoryStorage();
  const { tenant } = await storage.createTenant({
    platform: "woocommerce",
    externalId: "https://shop.test",
    name: "Shop",
  });
  const { link } = await storage.createPaymentLink({
    tenantId: tenant.id,
    platformOrderRef: "order-42",
    amountCents,
    currency: "EUR",
    almaPaymentId: PID,
  });
  return { storage, tenantId: tenant.id, link };
}

function almaAnswers(fields: Record<string, unknown>, times = 1) {
  const payment = { ...loadFixtureObject("payments/in-progress-3x"), id: PID, ...fields };
  nock(sandboxUrl).get(`/v1/payments/${PID}`).times(times).reply(200, payment);
}

describe("confirmPayment", () => {
  beforeEach(() => nock.disableNetConnect());
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it("marks an accepted payment paid once, however many notifications race", async () => {
    const { storage, tenantId, link } = await setup(35199);
    almaAnswers({ purchase_amount: 35199, state: "in_progress" }, 20);
    const { alma } = createTestClient();
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        confirmPayment({ storage, alma }, { tenantId, almaPaymentId: PID, source: "ipn" }),
      ),
    );
    expect(outcomes.filter((o) => o.status === "paid" && !o.alreadyDone)).toHaveLength(1);
    expect(outcomes.every((o) => o.status === "paid")).toBe(true);
    const jobs = await storage.listJobs({ type: PLATFORM_CALL_JOB });
    expect(jobs).toHaveLength(1);
    const payload = jobs[0]!.payload as PlatformCallPayload;
    expect(payload).toMatchObject({
      action: "markOrderPaid",
      input: { orderRef: "order-42", amountCents: 35199 },
    });
    expect((await storage.getPaymentLink(tenantId, link.id))?.state).toBe("paid");
    const events = await storage.listPaymentEvents(tenantId, link.id);
    expect(events.map((e) => e.type)).toEqual(["payment.accepted"]);
  });

  it("marks a PoS link paid and records the event without any platform call", async () => {
    const { storage, tenantId, link } = await setup(35199);
    await storage.updatePaymentLink(tenantId, link.id, { custom: { channel: "pos", reference: "T-1" } });
    almaAnswers({ purchase_amount: 35199, state: "in_progress" });
    const { alma } = createTestClient();
    const outcome = await confirmPayment({ storage, alma }, { tenantId, almaPaymentId: PID, source: "ipn" });
    expect(outcome).toMatchObject({ status: "paid", alreadyDone: false });
    expect((await storage.getPaymentLink(tenantId, link.id))?.state).toBe("paid");
    expect((await storage.listPaymentEvents(tenantId, link.id)).map((e) => e.type)).toEqual([
      "payment.accepted",
    ]);
    expect(await storage.listJobs({ type: PLATFORM_CALL_JOB })).toEqual([]);
  });

  it("fails the order and flags fraud when Alma's amount differs from the order's", async () => {
    const { storage, tenantId, link } = await setup(35200);
    almaAnswers({ purchase_amount: 35199, state: "in_progress" });
    const { alma } = createTestClient();
    const outcome = await confirmPayment(
      { storage, alma },
      { tenantId, almaPaymentId: PID, source: "return" },
    );
    expect(outcome).toMatchObject({ status: "failed", reason: "amount_mismatch", alreadyDone: false });
    expect((await storage.getPaymentLink(tenantId, link.id))?.state).toBe("fraud_suspected");
    expect((await storage.listJobs({ type: FLAG_FRAUD_JOB })).map((j) => j.payload)).toEqual([
      { tenantId, almaPaymentId: PID, reason: "amount_mismatch", almaMode: link.almaMode },
    ]);
    const [call] = await storage.listJobs({ type: PLATFORM_CALL_JOB });
    expect((call!.payload as PlatformCallPayload).action).toBe("failOrder");
  });

  it("tells the platform to wait while Alma has not decided, once", async () => {
    const { storage, tenantId, link } = await setup(35199);
    almaAnswers({ state: "scored_maybe" }, 2);
    const { alma } = createTestClient();
    await confirmPayment({ storage, alma }, { tenantId, almaPaymentId: PID, source: "ipn" });
    const again = await confirmPayment({ storage, alma }, { tenantId, almaPaymentId: PID, source: "ipn" });
    expect(again.status).toBe("pending");
    const jobs = await storage.listJobs({ type: PLATFORM_CALL_JOB });
    expect(jobs.map((j) => (j.payload as PlatformCallPayload).action)).toEqual(["markOrderPending"]);
    expect((await storage.getPaymentLink(tenantId, link.id))?.state).toBe("pending");
  });

  // Alma does not document the state of an accepted payment before its trigger: both are seen.
  it.each(["scored_yes", "in_progress"])(
    "authorises a payment upon trigger reported %s, then marks it paid once the trigger charged it",
    async (untriggered) => {
      const { storage, tenantId, link } = await setup(35199);
      const { alma } = createTestClient();
      almaAnswers({ state: untriggered, deferred_trigger: true, deferred_trigger_applied: null });
      expect(
        await confirmPayment({ storage, alma }, { tenantId, almaPaymentId: PID, source: "ipn" }),
      ).toMatchObject({
        status: "authorized",
        alreadyDone: false,
      });
      expect((await storage.getPaymentLink(tenantId, link.id))?.state).toBe("authorized");
      almaAnswers({ state: "in_progress", deferred_trigger: true, deferred_trigger_applied: 1_780_000_000 });
      expect(
        await confirmPayment({ storage, alma }, { tenantId, almaPaymentId: PID, source: "ipn" }),
      ).toMatchObject({
        status: "paid",
        alreadyDone: false,
      });
      const calls = (await storage.listJobs({ type: PLATFORM_CALL_JOB })).map(
        (j) => j.payload as PlatformCallPayload,
      );
      expect(
        calls.map((c) => [c.action, ("authorizedOnly" in c.input && c.input.authorizedOnly) || false]).sort(),
      ).toEqual([
        ["markOrderPaid", false],
        ["markOrderPaid", true],
      ]);
    },
  );

  it("leaves the order alone when a retry replaced the refused payment while its verdict was read", async () => {
    const { storage, tenantId, link } = await setup(35199);
    almaAnswers({ state: "scored_no" });
    const { alma } = createTestClient();
    // The shopper retried: payment_new was saved on the order between our read and our write.
    const racing = Object.create(storage) as typeof storage;
    racing.transaction = async (work) => {
      await storage.updatePaymentLink(tenantId, link.id, { almaPaymentId: "payment_11newAttempt0001" });
      return storage.transaction(work);
    };
    const outcome = await confirmPayment(
      { storage: racing, alma },
      { tenantId, almaPaymentId: PID, source: "ipn" },
    );
    expect(outcome).toMatchObject({ status: "failed", reason: "refused", alreadyDone: true });
    expect(await storage.getPaymentLink(tenantId, link.id)).toMatchObject({
      state: "pending",
      almaPaymentId: "payment_11newAttempt0001",
    });
    expect(await storage.listJobs({ type: PLATFORM_CALL_JOB })).toEqual([]);
  });

  it("passes on the refusal of a retry's new payment too, once the first refusal was passed on", async () => {
    const { storage, tenantId, link } = await setup(35199);
    const { alma } = createTestClient();
    almaAnswers({ state: "scored_no" });
    await confirmPayment({ storage, alma }, { tenantId, almaPaymentId: PID, source: "ipn" });
    // The shopper retries: the order is reopened with a new payment, which Alma refuses as well.
    const retry = "payment_11flowTestRetry01";
    await storage.transitionPayment(tenantId, link.id, ["refused"], "pending", { almaPaymentId: retry });
    nock(sandboxUrl)
      .get(`/v1/payments/${retry}`)
      .reply(200, {
        ...loadFixtureObject("payments/in-progress-3x"),
        id: retry,
        purchase_amount: 35199,
        state: "scored_no",
      });
    const second = await confirmPayment({ storage, alma }, { tenantId, almaPaymentId: retry, source: "ipn" });
    expect(second).toMatchObject({ status: "failed", alreadyDone: false });
    const calls = (await storage.listJobs({ type: PLATFORM_CALL_JOB })).map(
      (j) => j.payload as PlatformCallPayload,
    );
    expect(
      calls.map((c) => [c.action, (c.input as { almaPaymentId?: string }).almaPaymentId]).sort(),
    ).toEqual([
      ["failOrder", PID],
      ["failOrder", retry],
    ]);
    expect(new Set(calls.map((c) => (c.input as { idempotencyKey: string }).idempotencyKey)).size).toBe(2);
  });

  it("fails a refused payment and releases an expired one", async () => {
    const refused = await setup(35199);
    almaAnswers({ state: "scored_no" });
    const { alma } = createTestClient();
    expect(
      await confirmPayment(
        { storage: refused.storage, alma },
        { tenantId: refused.tenantId, almaPaymentId: PID, source: "ipn" },
      ),
    ).toMatchObject({ status: "failed", reason: "refused" });

    const expired = await setup(35199);
    almaAnswers({ state: "not_started", expired_at: 1_780_000_000 });
    const outcome = await confirmPayment(
      { storage: expired.storage, alma },
      { tenantId: expired.tenantId, almaPaymentId: PID, source: "ipn" },
    );
    expect(outcome).toMatchObject({ status: "released", reason: "expired" });
    expect((await expired.storage.getPaymentLink(expired.tenantId, expired.link.id))?.state).toBe("expired");
  });

  it("releases the order of a payment cancelled at Alma before it was paid", async () => {
    const { storage, tenantId, link } = await setup(35199);
    almaAnswers({ state: "stopped", cancelation_reason: "merchant_cancel" });
    const { alma } = createTestClient();
    expect(
      await confirmPayment({ storage, alma }, { tenantId, almaPaymentId: PID, source: "watch" }),
    ).toMatchObject({ status: "released", reason: "cancelled", alreadyDone: false });
    expect((await storage.getPaymentLink(tenantId, link.id))?.state).toBe("cancelled");
    const [call] = await storage.listJobs({ type: PLATFORM_CALL_JOB });
    expect((call!.payload as PlatformCallPayload).input).toMatchObject({ reason: "customer_cancelled" });
  });

  it("does not take an accepted payment with no trigger to wait for, still scored_yes, for paid", async () => {
    const { storage, tenantId, link } = await setup(35199);
    almaAnswers({ state: "scored_yes", deferred_trigger: false, deferred_trigger_applied: null });
    const { alma } = createTestClient();
    expect(
      (await confirmPayment({ storage, alma }, { tenantId, almaPaymentId: PID, source: "ipn" })).status,
    ).toBe("not_decided");
    expect((await storage.getPaymentLink(tenantId, link.id))?.state).toBe("pending");
  });

  it("does nothing for a payment still waiting for the customer, or one the tenant does not own", async () => {
    const { storage, tenantId } = await setup(35199);
    almaAnswers({ state: "not_started", expired_at: null });
    const { alma } = createTestClient();
    expect(
      (await confirmPayment({ storage, alma }, { tenantId, almaPaymentId: PID, source: "return" })).status,
    ).toBe("not_decided");
    almaAnswers({ state: "in_progress" });
    const other = await confirmPayment(
      { storage, alma },
      { tenantId: "ten_other", almaPaymentId: PID, source: "ipn" },
    );
    expect(other.status).toBe("unknown_payment");
    expect(await storage.listJobs({})).toEqual([]);
  });
});
