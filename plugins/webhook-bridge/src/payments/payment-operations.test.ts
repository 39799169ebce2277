import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dbOf } from "../db/bridge-db.ts";
import { listMessages } from "../events/message-store.ts";
import { acceptedPayment, runPlatformCalls } from "../testing/accept-payment.ts";
import { ALMA_URL, type BridgeHarness, startBridgeHarness } from "../testing/bridge-harness.ts";
import { almaPayment, capture } from "../testing/fixtures.ts";
import { setupMerchant } from "../testing/merchant-setup.ts";
import { BACKENDS } from "../testing/test-storage.ts";
import { paymentViewSchema } from "./payment-view.ts";

describe.each(BACKENDS)("on %s", (_backend, postgres) => {
  let h: BridgeHarness;
  let setup: Awaited<ReturnType<typeof setupMerchant>>;
  let n = 0;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    h = await startBridgeHarness({ postgres });
  });
  beforeEach(async () => {
    setup = await setupMerchant(h, `payments-${++n}`);
  });
  afterEach(() => nock.cleanAll());
  afterAll(async () => {
    nock.enableNetConnect();
    await h.close();
  });

  const events = async (paymentId: string) =>
    (
      await listMessages(dbOf(h.storage), setup.merchant.id, {
        paymentLinkId: paymentId,
        order: "asc",
        limit: 50,
      })
    ).map((m) => ({
      type: m.eventType,
      data: JSON.parse(m.body).data,
    }));

  describe("payments", () => {
    it("reads one payment and lists them newest first with a cursor and filters", async () => {
      const a = await acceptedPayment(h, setup, { orderReference: "L-1" });
      const b = await acceptedPayment(h, setup, { orderReference: "L-2", almaState: "not_started" });
      const c = await acceptedPayment(h, setup, { orderReference: "L-3" });
      const one = await h.api("GET", `${setup.base}/payments/${a.paymentId}`, { key: setup.key });
      paymentViewSchema.strict().parse(one.body);
      expect(one.body).toMatchObject({ order_reference: "L-1", status: "paid", alma_payment_id: a.almaId });

      const page1 = await h.api("GET", `${setup.base}/payments?limit=2`, { key: setup.key });
      expect(page1.body.data.map((p: { order_reference: string }) => p.order_reference)).toEqual([
        "L-3",
        "L-2",
      ]);
      expect(page1.body.has_more).toBe(true);
      const page2 = await h.api("GET", `${setup.base}/payments?limit=2&cursor=${page1.body.next_cursor}`, {
        key: setup.key,
      });
      expect(page2.body).toMatchObject({ has_more: false, next_cursor: null, data: [{ id: a.paymentId }] });
      const paid = await h.api("GET", `${setup.base}/payments?status=paid`, { key: setup.key });
      expect(paid.body.data.map((p: { id: string }) => p.id)).toEqual([c.paymentId, a.paymentId]);
      const several = await h.api("GET", `${setup.base}/payments?status=pending,refunded`, {
        key: setup.key,
      });
      expect(several.body.data.map((p: { id: string }) => p.id)).toEqual([b.paymentId]);
      const byRef = await h.api("GET", `${setup.base}/payments?order_reference=L-2`, { key: setup.key });
      expect(byRef.body.data).toHaveLength(1);
      const future = await h.api(
        "GET",
        `${setup.base}/payments?created_gte=${new Date(Date.now() + 60_000).toISOString()}`,
        { key: setup.key },
      );
      expect(future.body.data).toEqual([]);
      const badCursor = await h.api("GET", `${setup.base}/payments?cursor=garbage`, { key: setup.key });
      expect(badCursor.body).toMatchObject({ status: 422, field: "cursor" });
      const tooMany = await h.api("GET", `${setup.base}/payments?limit=1000`, { key: setup.key });
      expect(tooMany.body).toMatchObject({ status: 422, field: "limit" });
      const other = await setupMerchant(h, "nosy");
      const nosy = await h.api("GET", `${other.base}/payments/${a.paymentId}`, { key: other.key });
      expect(nosy.body.type).toBe("/bridge/problems/payment-not-found");
    });

    it("cancels an unpaid payment at Alma first, then tells the agency once", async () => {
      const { paymentId, almaId } = await acceptedPayment(h, setup, {
        orderReference: "C-1",
        almaState: "not_started",
      });
      const cancel = nock(ALMA_URL).put(`/v1/payments/${almaId}/cancel`).reply(200, "");
      const answer = await h.api("POST", `${setup.base}/payments/${paymentId}/cancel`, { key: setup.key });
      expect(answer.status).toBe(200);
      expect(answer.body.status).toBe("cancelled");
      expect(cancel.isDone()).toBe(true);
      expect(await events(paymentId)).toMatchObject([
        {
          type: "payment.cancelled",
          data: { reason: "merchant_cancelled", payment: { status: "cancelled" } },
        },
      ]);
      const again = await h.api("POST", `${setup.base}/payments/${paymentId}/cancel`, { key: setup.key });
      expect(again.body.type).toBe("/bridge/problems/invalid-state");
    });

    it("refuses to cancel a paid payment, and one Alma will not cancel", async () => {
      const paid = await acceptedPayment(h, setup, { orderReference: "C-2" });
      const refused = await h.api("POST", `${setup.base}/payments/${paid.paymentId}/cancel`, {
        key: setup.key,
      });
      expect(refused.body).toMatchObject({ type: "/bridge/problems/invalid-state" });
      expect(refused.body.detail).toMatch(/refund it instead/);

      const open = await acceptedPayment(h, setup, { orderReference: "C-3", almaState: "not_started" });
      nock(ALMA_URL)
        .put(`/v1/payments/${open.almaId}/cancel`)
        .reply(400, { message: "Payment already started" });
      nock(ALMA_URL)
        .get(`/v1/payments/${open.almaId}`)
        .reply(200, almaPayment({ id: open.almaId, state: "not_started", purchase_amount: 45000 }));
      const late = await h.api("POST", `${setup.base}/payments/${open.paymentId}/cancel`, { key: setup.key });
      expect(late.body.type).toBe("/bridge/problems/invalid-state");
      expect(
        (await h.api("GET", `${setup.base}/payments/${open.paymentId}`, { key: setup.key })).body.status,
      ).toBe("pending");
    });

    it("forwards order statuses to Alma and triggers a payment upon trigger when it ships", async () => {
      const { paymentId, almaId } = await acceptedPayment(h, setup, { orderReference: "T-1", trigger: true });
      expect(
        (await h.api("GET", `${setup.base}/payments/${paymentId}`, { key: setup.key })).body,
      ).toMatchObject({
        status: "authorized",
        payment_upon_trigger: true,
      });
      expect((await events(paymentId)).map((e) => [e.type, e.data.authorized_only])).toEqual([
        ["payment.accepted", true],
      ]);

      const preparing: { body?: Record<string, unknown> } = {};
      nock(ALMA_URL).post(`/v1/payments/${almaId}/orders/T-1/status`, capture(preparing)).reply(200, {});
      const prep = await h.api("POST", `${setup.base}/payments/${paymentId}/order-status`, {
        key: setup.key,
        body: { status: "preparing" },
      });
      expect(prep.body).toMatchObject({ triggered: false, payment: { status: "authorized" } });
      expect(preparing.body).toEqual({ status: "preparing", is_shipped: null });

      nock(ALMA_URL)
        .post(`/v1/payments/${almaId}/orders/T-1/status`)
        .reply(404, { error_code: "not_found", object_type: "order", value: "T-1" });
      nock(ALMA_URL)
        .put(`/v1/payments/${almaId}/orders`)
        .reply(200, [{ id: "order_1", merchant_reference: "T-1" }]);
      nock(ALMA_URL).post(`/v1/payments/${almaId}/orders/T-1/status`).reply(200, {});
      const triggered = almaPayment({
        id: almaId,
        state: "in_progress",
        purchase_amount: 45000,
        deferred_trigger: true,
        deferred_trigger_applied: 1_780_000_000,
      });
      nock(ALMA_URL).post(`/v1/payments/${almaId}/trigger`).reply(200, triggered);
      nock(ALMA_URL).get(`/v1/payments/${almaId}`).reply(200, triggered);
      const shipped = await h.api("POST", `${setup.base}/payments/${paymentId}/order-status`, {
        key: setup.key,
        body: { status: "shipped", is_shipped: true },
      });
      expect(shipped.status).toBe(200);
      expect(shipped.body).toMatchObject({ triggered: true, payment: { status: "paid" } });
      expect(nock.isDone()).toBe(true);
      await runPlatformCalls(h);
      // Still one acceptance for the agency, whatever core's confirmation did after the trigger.
      expect((await events(paymentId)).map((e) => e.type)).toEqual(["payment.accepted"]);
      const explicit = await h.api("POST", `${setup.base}/payments/${paymentId}/order-status`, {
        key: setup.key,
        body: { status: "shipped", trigger: true },
      });
      expect(explicit.body).toMatchObject({ type: "/bridge/problems/invalid-state", field: "trigger" });
    });

    it("sends a parcel's shipment to Alma's order of the payment, attaching the order when missing", async () => {
      const { paymentId, almaId } = await acceptedPayment(h, setup, { orderReference: "S-1" });
      const sent: { body?: Record<string, unknown> } = {};
      nock(ALMA_URL).get(`/v1/payments/${almaId}/orders`).reply(200, []);
      nock(ALMA_URL)
        .put(`/v1/payments/${almaId}/orders`, { order: { merchant_reference: "S-1" } })
        .reply(200, [{ id: "order_11ship", merchant_reference: "S-1" }]);
      nock(ALMA_URL).post("/v2/orders/order_11ship/shipment", capture(sent)).reply(200, {});
      const shipped = await h.api("POST", `${setup.base}/payments/${paymentId}/shipments`, {
        key: setup.key,
        body: {
          carrier: "Colissimo",
          tracking_number: "6A123",
          tracking_url: "https://laposte.example/6A123",
        },
      });
      expect(shipped.status).toBe(200);
      expect(shipped.body).toMatchObject({
        shipment: {
          carrier: "Colissimo",
          tracking_number: "6A123",
          tracking_url: "https://laposte.example/6A123",
        },
        payment: { id: paymentId, order_reference: "S-1" },
      });
      expect(sent.body).toEqual({
        carrier: "Colissimo",
        tracking_number: "6A123",
        tracking_url: "https://laposte.example/6A123",
      });

      // A second parcel goes to the order already there; Alma refusing it is the agency's 422.
      nock(ALMA_URL)
        .get(`/v1/payments/${almaId}/orders`)
        .reply(200, [{ id: "order_11ship", merchant_reference: "S-1" }]);
      nock(ALMA_URL)
        .post("/v2/orders/order_11ship/shipment")
        .reply(400, { error_code: "validation_error", errors: [{ message: "carrier: unknown" }] });
      const refused = await h.api("POST", `${setup.base}/payments/${paymentId}/shipments`, {
        key: setup.key,
        body: { carrier: "??", tracking_number: "X" },
      });
      expect(refused.body.type).toBe("/bridge/problems/alma-rejected");
      expect(nock.isDone()).toBe(true);
    });

    it("refuses a shipment for an unpaid or unknown payment, and a body without carrier", async () => {
      const open = await acceptedPayment(h, setup, { orderReference: "S-2", almaState: "not_started" });
      const early = await h.api("POST", `${setup.base}/payments/${open.paymentId}/shipments`, {
        key: setup.key,
        body: { carrier: "UPS", tracking_number: "1Z" },
      });
      expect(early.body.type).toBe("/bridge/problems/invalid-state");
      const unknown = await h.api("POST", `${setup.base}/payments/pay_unknown/shipments`, {
        key: setup.key,
        body: { carrier: "UPS", tracking_number: "1Z" },
      });
      expect(unknown.status).toBe(404);
      const invalid = await h.api("POST", `${setup.base}/payments/${open.paymentId}/shipments`, {
        key: setup.key,
        body: { tracking_number: "1Z", tracking_url: "ftp://x" },
      });
      expect(invalid.status).toBe(422);
      expect(invalid.body.type).toBe("/bridge/problems/validation-error");
    });
  });
});
