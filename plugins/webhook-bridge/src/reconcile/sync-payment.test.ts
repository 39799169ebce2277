import { requestDashboardRefund, runDashboardRefund } from "@alma-suite/core/flows";
import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getOrder } from "../adapter/bridge-order-store.ts";
import { dbOf } from "../db/bridge-db.ts";
import { listMessages } from "../events/message-store.ts";
import { acceptedPayment, runPlatformCalls } from "../testing/accept-payment.ts";
import { ALMA_URL, type BridgeHarness, startBridgeHarness } from "../testing/bridge-harness.ts";
import { almaPayment, loadFixture } from "../testing/fixtures.ts";
import { setupMerchant } from "../testing/merchant-setup.ts";
import { BACKENDS } from "../testing/test-storage.ts";
import { RECONCILE_JOB, scheduleReconciliation } from "./reconcile-jobs.ts";
import { syncPayment } from "./sync-payment.ts";

describe.each(BACKENDS)("on %s", (_backend, postgres) => {
  let h: BridgeHarness;
  let setup: Awaited<ReturnType<typeof setupMerchant>>;
  let n = 0;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    h = await startBridgeHarness({
      postgres,
      fakeClock: true,
      env: { BRIDGE_RECONCILE_INTERVAL_MS: "600000" },
    });
  });
  beforeEach(async () => {
    setup = await setupMerchant(h, `sync-${++n}`);
  });
  afterEach(() => nock.cleanAll());
  afterAll(async () => {
    nock.enableNetConnect();
    await h.close();
  });

  type Line = Record<string, unknown>;
  const plan = (states: string[], amounts = [11733, 11733, 11733]): Line[] =>
    (loadFixture("alma", "payments/in-progress-3x").payment_plan as Line[]).map((line, i) => ({
      ...line,
      state: states[i],
      purchase_amount: amounts[i],
      date_paid: states[i] === "paid" ? 1_768_471_295 + i * 2_678_400 : null,
    }));

  async function types(paymentId: string) {
    const messages = await listMessages(dbOf(h.storage), setup.merchant.id, {
      paymentLinkId: paymentId,
      order: "asc",
      limit: 50,
    });
    return messages.map((m) => {
      const data = JSON.parse(m.body).data;
      return data.instalment ? `${m.eventType}#${data.instalment.number}` : m.eventType;
    });
  }

  /** Alma's answer for one payment, `times` times. */
  const almaHas = (almaId: string, fields: Record<string, unknown>, times = 1) =>
    nock(ALMA_URL)
      .get(`/v1/payments/${almaId}`)
      .times(times)
      .reply(200, almaPayment({ id: almaId, ...fields }));

  const sync = (paymentId: string) =>
    syncPayment(h.bridge.ctx, { tenantId: setup.merchant.id, paymentLinkId: paymentId });

  describe("reconciliation of one payment", () => {
    it("announces each instalment collected once, lateness once, and the last instalment as paid", async () => {
      const { paymentId, almaId } = await acceptedPayment(h, setup, { orderReference: "S-1", amount: 35199 });
      const alma = (state: string, lines: string[]) =>
        almaHas(almaId, { state, purchase_amount: 35199, payment_plan: plan(lines) });
      alma("in_progress", ["paid", "pending", "pending"]);
      await sync(paymentId);
      alma("in_progress", ["paid", "pending", "pending"]);
      await sync(paymentId);
      expect(await types(paymentId)).toEqual(["payment.accepted", "payment.instalment_paid#1"]);

      alma("late_dunning", ["paid", "incident", "pending"]);
      await sync(paymentId);
      alma("in_progress", ["paid", "paid", "pending"]);
      await sync(paymentId);
      alma("paid", ["paid", "paid", "paid"]);
      await sync(paymentId);
      expect(await types(paymentId)).toEqual([
        "payment.accepted",
        "payment.instalment_paid#1",
        "payment.late#2",
        "payment.instalment_paid#2",
        "payment.instalment_paid#3",
        "payment.paid",
      ]);
      expect((await getOrder(dbOf(h.storage), setup.merchant.id, paymentId))?.settled).toBe(true);
    });

    it("mirrors a refund made in Alma's dashboard, capped at what is left", async () => {
      const { paymentId, almaId } = await acceptedPayment(h, setup, { orderReference: "S-2", amount: 35199 });
      const refunds = [{ id: "refund_dash", amount: 10000, merchant_reference: null }];
      almaHas(
        almaId,
        {
          state: "in_progress",
          purchase_amount: 35199,
          refunds,
          payment_plan: plan(["paid", "pending", "pending"]),
        },
        2,
      );
      await sync(paymentId);
      await sync(paymentId);
      const list = await h.api("GET", `${setup.base}/payments/${paymentId}/refunds`, { key: setup.key });
      expect(list.body.data).toMatchObject([
        { origin: "alma", amount: 10000, status: "succeeded", reference: "alma:refund_dash" },
      ]);
      expect((await types(paymentId)).filter((t) => t === "payment.refunded")).toHaveLength(1);
      expect(
        (await h.api("GET", `${setup.base}/payments/${paymentId}`, { key: setup.key })).body,
      ).toMatchObject({
        status: "partially_refunded",
        refunded_amount: 10000,
      });
    });

    it("leaves a dashboard refund that Alma made to its own job, which then completes it once", async () => {
      const { paymentId, almaId } = await acceptedPayment(h, setup, { orderReference: "S-5", amount: 35199 });
      const asked = await requestDashboardRefund(h.storage, {
        tenantId: setup.merchant.id,
        paymentLinkId: paymentId,
        amountCents: 10000,
        idempotencyKey: "dash-1",
      });
      if (asked.status !== "accepted") throw new Error(asked.status);
      // Alma made it (the job's answer was lost): the refund carries our refund id as its reference.
      const atAlma = () =>
        almaHas(almaId, {
          state: "in_progress",
          purchase_amount: 35199,
          refunds: [{ id: "refund_dash_job", amount: 10000, merchant_reference: asked.refund.id }],
          payment_plan: plan(["paid", "pending", "pending"]),
        });
      atAlma();
      await sync(paymentId);
      expect(await h.storage.listRefunds(setup.merchant.id, paymentId)).toMatchObject([
        { id: asked.refund.id, state: "pending" },
      ]);

      atAlma();
      await runDashboardRefund(
        { storage: h.storage, almaFor: (id) => h.bridge.ctx.almaFor(id), logger: h.bridge.ctx.logger },
        { tenantId: setup.merchant.id, paymentLinkId: paymentId, refundId: asked.refund.id },
      );
      expect(await h.storage.listRefunds(setup.merchant.id, paymentId)).toMatchObject([
        { id: asked.refund.id, state: "succeeded", almaRefundId: "refund_dash_job" },
      ]);
      expect(await h.storage.sumRefundedCents(setup.merchant.id, paymentId)).toBe(10000);
    });

    it("repairs a missed notification: an expired checkout is released", async () => {
      const { paymentId, almaId } = await acceptedPayment(h, setup, {
        orderReference: "S-3",
        almaState: "not_started",
      });
      almaHas(almaId, { state: "not_started", purchase_amount: 45000, expired_at: 1_768_471_000 });
      await sync(paymentId);
      await runPlatformCalls(h);
      expect(await types(paymentId)).toEqual(["payment.expired"]);
      expect(
        (await h.api("GET", `${setup.base}/payments/${paymentId}`, { key: setup.key })).body.status,
      ).toBe("expired");
    });
  });

  describe("the periodic reconciliation", () => {
    it("runs one chain of slots, each syncing the open payments and scheduling the next", async () => {
      const { paymentId } = await acceptedPayment(h, setup, { orderReference: "S-4" });
      const interval = 600_000;
      await scheduleReconciliation(h.bridge.ctx);
      await scheduleReconciliation(h.bridge.ctx);
      const slot = Math.floor(h.clock.now / interval);
      expect(await h.storage.listJobs({ type: RECONCILE_JOB })).toHaveLength(1);
      let lines = ["paid", "pending", "pending"];
      // Every open payment of every merchant of this file is looked at: answer for all of them.
      nock(ALMA_URL)
        .get(/\/v1\/payments\/payment_11.*/)
        .times(100)
        // nock 15 hands reply functions the request itself.
        .reply(200, (req: Request) =>
          almaPayment({
            id: new URL(req.url).pathname.split("/").at(-1),
            state: "in_progress",
            purchase_amount: 45000,
            payment_plan: plan(lines),
          }),
        );
      await h.worker.drain();
      expect(await types(paymentId)).toEqual(["payment.accepted", "payment.instalment_paid#1"]);
      const next = await h.storage.getJobByKey(`${RECONCILE_JOB}:${slot + 1}`);
      expect(next).toMatchObject({ state: "pending", runAt: (slot + 1) * interval });

      lines = ["paid", "paid", "pending"];
      h.clock.now = (slot + 1) * interval;
      expect(await h.worker.drain()).toBe(1);
      expect(await types(paymentId)).toEqual([
        "payment.accepted",
        "payment.instalment_paid#1",
        "payment.instalment_paid#2",
      ]);
      expect(await h.storage.getJobByKey(`${RECONCILE_JOB}:${slot + 2}`)).toMatchObject({ state: "pending" });
    });
  });
});
