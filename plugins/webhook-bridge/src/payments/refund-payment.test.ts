import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dbOf } from "../db/bridge-db.ts";
import { listMessages } from "../events/message-store.ts";
import { listMerchantLog } from "../merchants/merchant-log.ts";
import { acceptedPayment, runPlatformCalls } from "../testing/accept-payment.ts";
import { ALMA_URL, type BridgeHarness, startBridgeHarness } from "../testing/bridge-harness.ts";
import { almaPayment, capture } from "../testing/fixtures.ts";
import { setupMerchant } from "../testing/merchant-setup.ts";
import { BACKENDS } from "../testing/test-storage.ts";
import { REFUND_JOB } from "./refund-job.ts";
import { refundViewSchema } from "./refund-view.ts";

describe.each(BACKENDS)("on %s", (_backend, postgres) => {
  let h: BridgeHarness;
  let setup: Awaited<ReturnType<typeof setupMerchant>>;
  let order = 0;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    h = await startBridgeHarness({ postgres });
  });
  beforeEach(async () => {
    setup = await setupMerchant(h, `refunds-${++order}`);
  });
  afterEach(() => nock.cleanAll());
  afterAll(async () => {
    nock.enableNetConnect();
    await h.close();
  });

  /** Alma's answer to a refund: the payment listing every refund so far. */
  function almaRefunds(
    almaId: string,
    refunds: { id: string; amount: number; merchant_reference: string }[],
  ) {
    return almaPayment({ id: almaId, state: "in_progress", purchase_amount: 45000, refunds });
  }

  async function refundEvents(paymentId: string) {
    const messages = await listMessages(dbOf(h.storage), setup.merchant.id, {
      paymentLinkId: paymentId,
      order: "asc",
      limit: 50,
    });
    return messages.filter((m) => m.eventType === "payment.refunded").map((m) => JSON.parse(m.body).data);
  }

  describe("refunds", () => {
    it("refunds part, then the rest, with exact sums and one payment.refunded each", async () => {
      const { paymentId, almaId } = await acceptedPayment(h, setup, { orderReference: "R-1" });
      const sent: { body?: Record<string, unknown> } = {};
      nock(ALMA_URL)
        .post(`/v1/payments/${almaId}/refund`, capture(sent))
        .reply(200, almaRefunds(almaId, [{ id: "refund_a", amount: 15001, merchant_reference: "RF-1" }]));
      const partial = await h.api("POST", `${setup.base}/payments/${paymentId}/refunds`, {
        key: setup.key,
        body: { amount: 15001, reference: "RF-1" },
      });
      expect(partial.status).toBe(201);
      refundViewSchema.strict().parse(partial.body.refund);
      expect(partial.body).toMatchObject({
        refund: { amount: 15001, reference: "RF-1", status: "succeeded", alma_refund_id: "refund_a" },
        payment: { status: "partially_refunded", refunded_amount: 15001 },
      });
      expect(sent.body).toEqual({ amount: 15001, merchant_reference: "RF-1" });

      nock(ALMA_URL)
        .post(`/v1/payments/${almaId}/refund`, capture(sent))
        .reply(
          200,
          almaRefunds(almaId, [
            { id: "refund_a", amount: 15001, merchant_reference: "RF-1" },
            { id: "refund_b", amount: 29999, merchant_reference: "RF-2" },
          ]),
        );
      const rest = await h.api("POST", `${setup.base}/payments/${paymentId}/refunds`, {
        key: setup.key,
        body: { amount: "full", reference: "RF-2" },
      });
      expect(rest.status).toBe(201);
      // A refund already happened, so "the rest" is sent as an explicit amount.
      expect(sent.body).toEqual({ amount: 29999, merchant_reference: "RF-2" });
      expect(rest.body.payment).toMatchObject({ status: "refunded", refunded_amount: 45000 });
      expect(
        (await refundEvents(paymentId)).map((d) => [d.refund.amount, d.refund.kind, d.refunded_amount]),
      ).toEqual([
        [15001, "partial", 15001],
        [29999, "full", 45000],
      ]);
      // Retried once all is refunded (no Idempotency-Key, or after it expired): the same refunds, 200.
      for (const [body, made] of [
        [{ amount: 15001, reference: "RF-1" }, partial],
        [{ amount: "full", reference: "RF-2" }, rest],
      ] as const) {
        const retried = await h.api("POST", `${setup.base}/payments/${paymentId}/refunds`, {
          key: setup.key,
          body,
        });
        expect(retried.status).toBe(200);
        expect(retried.body.refund.id).toBe(made.body.refund.id);
      }
      const more = await h.api("POST", `${setup.base}/payments/${paymentId}/refunds`, {
        key: setup.key,
        body: { amount: 1 },
      });
      expect(more.status).toBe(422);
      expect(more.body).toMatchObject({
        type: "/bridge/problems/refund-exceeds-refundable",
        field: "amount",
        refundable_amount: 0,
      });
    });

    it("asks Alma for a full refund without an amount, so customer fees go back too", async () => {
      const { paymentId, almaId } = await acceptedPayment(h, setup, { orderReference: "R-2" });
      const sent: { body?: Record<string, unknown> } = {};
      nock(ALMA_URL)
        .post(`/v1/payments/${almaId}/refund`, capture(sent))
        .reply(
          200,
          almaRefunds(almaId, [{ id: "refund_full", amount: 45100, merchant_reference: "RF-FULL" }]),
        );
      const full = await h.api("POST", `${setup.base}/payments/${paymentId}/refunds`, {
        key: setup.key,
        body: { amount: "full", reference: "RF-FULL" },
      });
      expect(full.status).toBe(201);
      expect(sent.body).toEqual({ merchant_reference: "RF-FULL" });
      expect(full.body.refund.amount).toBe(45000);
      expect((await refundEvents(paymentId))[0]).toMatchObject({
        refund: { kind: "full", amount: 45000, alma_refund_id: "refund_full" },
      });
    });

    it("is idempotent by reference and refuses a reference reused for another amount", async () => {
      const { paymentId, almaId } = await acceptedPayment(h, setup, { orderReference: "R-3" });
      nock(ALMA_URL)
        .post(`/v1/payments/${almaId}/refund`)
        .once()
        .reply(200, almaRefunds(almaId, [{ id: "refund_c", amount: 1000, merchant_reference: "RF-3" }]));
      const body = { amount: 1000, reference: "RF-3" };
      const first = await h.api("POST", `${setup.base}/payments/${paymentId}/refunds`, {
        key: setup.key,
        body,
      });
      const again = await h.api("POST", `${setup.base}/payments/${paymentId}/refunds`, {
        key: setup.key,
        body,
      });
      expect([first.status, again.status]).toEqual([201, 200]);
      expect(again.body.refund.id).toBe(first.body.refund.id);
      const reused = await h.api("POST", `${setup.base}/payments/${paymentId}/refunds`, {
        key: setup.key,
        body: { amount: 2000, reference: "RF-3" },
      });
      expect(reused.body).toMatchObject({ status: 422, field: "reference" });
      expect(await refundEvents(paymentId)).toHaveLength(1);
    });

    it("fails the refund when Alma refuses it, and tells the merchant's log", async () => {
      const { paymentId, almaId } = await acceptedPayment(h, setup, { orderReference: "R-4" });
      nock(ALMA_URL)
        .post(`/v1/payments/${almaId}/refund`)
        .reply(400, {
          error_code: "validation_error",
          errors: [{ field: "amount", message: "Montant trop élevé" }],
        });
      const refused = await h.api("POST", `${setup.base}/payments/${paymentId}/refunds`, {
        key: setup.key,
        body: { amount: 500 },
      });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ type: "/bridge/problems/alma-rejected", field: "amount" });
      const refunds = await h.api("GET", `${setup.base}/payments/${paymentId}/refunds`, { key: setup.key });
      expect(refunds.body.data).toMatchObject([{ status: "failed", amount: 500 }]);
      const log = await listMerchantLog(dbOf(h.storage), setup.merchant.id, { limit: 5 });
      expect(log[0]).toMatchObject({ code: "refund.refused", level: "error" });
      expect(await refundEvents(paymentId)).toEqual([]);
    });

    it("answers 202 when Alma's answer is lost; the refund job finds the refund at Alma and completes it", async () => {
      const { paymentId, almaId } = await acceptedPayment(h, setup, { orderReference: "R-5" });
      nock(ALMA_URL).post(`/v1/payments/${almaId}/refund`).reply(502, "bad gateway");
      // The client looks before resending: not there yet.
      nock(ALMA_URL).get(`/v1/payments/${almaId}`).reply(200, almaRefunds(almaId, []));
      const pending = await h.api("POST", `${setup.base}/payments/${paymentId}/refunds`, {
        key: setup.key,
        body: { amount: 2500, reference: "RF-5" },
      });
      expect(pending.status).toBe(202);
      expect(pending.body.refund.status).toBe("pending");
      expect(await refundEvents(paymentId)).toEqual([]);

      const job = await h.storage.getJobByKey(`${REFUND_JOB}:${pending.body.refund.id}`);
      expect(job?.runAt).toBeGreaterThan(Date.now() + 4 * 60_000);
      nock(ALMA_URL)
        .get(`/v1/payments/${almaId}`)
        .reply(200, almaRefunds(almaId, [{ id: "refund_late", amount: 2500, merchant_reference: "RF-5" }]));
      const handler = h.bridge.jobs[REFUND_JOB];
      await handler?.run(job?.payload, {} as never);
      const done = await h.api("GET", `${setup.base}/payments/${paymentId}/refunds`, { key: setup.key });
      expect(done.body.data).toMatchObject([{ status: "succeeded", alma_refund_id: "refund_late" }]);
      expect(await refundEvents(paymentId)).toMatchObject([{ refund: { amount: 2500, kind: "partial" } }]);
      // Running it again changes nothing.
      await handler?.run(job?.payload, {} as never);
      expect(await refundEvents(paymentId)).toHaveLength(1);
    });

    it("refunds right after the customer's return, before the queued platform call ran (201, not 409)", async () => {
      const { paymentId, almaId } = await acceptedPayment(h, setup, {
        orderReference: "R-RET",
        runCalls: false,
      });
      nock(ALMA_URL)
        .post(`/v1/payments/${almaId}/refund`)
        .reply(200, almaRefunds(almaId, [{ id: "refund_ret", amount: 1000, merchant_reference: "RF-RET" }]));
      const refund = await h.api("POST", `${setup.base}/payments/${paymentId}/refunds`, {
        key: setup.key,
        body: { amount: 1000, reference: "RF-RET" },
      });
      expect(refund.status, JSON.stringify(refund.body)).toBe(201);
      await runPlatformCalls(h);
      const messages = await listMessages(dbOf(h.storage), setup.merchant.id, {
        paymentLinkId: paymentId,
        order: "asc",
        limit: 50,
      });
      // Accepted once (the queued call found the order already paid), and before the refund.
      expect(messages.map((m) => m.eventType)).toEqual(["payment.accepted", "payment.refunded"]);
    });

    it("refuses a misspelt or missing amount by name (422) instead of refunding everything", async () => {
      const { paymentId } = await acceptedPayment(h, setup, { orderReference: "R-TYPO" });
      const typo = await h.api("POST", `${setup.base}/payments/${paymentId}/refunds`, {
        key: setup.key,
        body: { amout: 100, reference: "typo" },
      });
      expect(typo.status).toBe(422);
      expect(typo.body.errors).toEqual(
        expect.arrayContaining([
          { field: "amout", in: "body", message: "unknown field" },
          expect.objectContaining({ field: "amount" }),
        ]),
      );
      const missing = await h.api("POST", `${setup.base}/payments/${paymentId}/refunds`, {
        key: setup.key,
        body: { reference: "no-amount" },
      });
      expect(missing.body).toMatchObject({ status: 422, field: "amount" });
      const refunds = await h.api("GET", `${setup.base}/payments/${paymentId}/refunds`, { key: setup.key });
      expect(refunds.body.data).toEqual([]);
    });

    it("refuses to refund a payment the customer has not paid, or an unknown one", async () => {
      const { paymentId } = await acceptedPayment(h, setup, {
        orderReference: "R-6",
        almaState: "not_started",
      });
      const unpaid = await h.api("POST", `${setup.base}/payments/${paymentId}/refunds`, {
        key: setup.key,
        body: { amount: 100 },
      });
      expect(unpaid.body.type).toBe("/bridge/problems/invalid-state");
      const unknown = await h.api("POST", `${setup.base}/payments/pay_nope/refunds`, {
        key: setup.key,
        body: { amount: 100 },
      });
      expect(unknown.body.type).toBe("/bridge/problems/payment-not-found");
      const negative = await h.api("POST", `${setup.base}/payments/${paymentId}/refunds`, {
        key: setup.key,
        body: { amount: -5 },
      });
      expect(negative.body).toMatchObject({ status: 422, field: "amount" });
    });
  });
});
