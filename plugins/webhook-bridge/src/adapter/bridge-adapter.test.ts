import type { Storage } from "@alma-suite/core/storage";
import { describePlatformConformance } from "@alma-suite/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbOf } from "../db/bridge-db.ts";
import { listMessages } from "../events/message-store.ts";
import {
  BACKENDS,
  postgresTestStorage,
  sqliteTestStorage,
  type TestStorage,
} from "../testing/test-storage.ts";
import { bridgeAdapter } from "./bridge-adapter.ts";
import { ensureOrder, getOrder } from "./bridge-order-store.ts";

describe.each(BACKENDS)("on %s", (backend, postgres) => {
  let store: TestStorage;
  let storage: Storage;
  let tenantId: string;
  let next = 0;

  beforeAll(async () => {
    store = postgres ? await postgresTestStorage() : await sqliteTestStorage();
    storage = store.storage;
    const { tenant } = await storage.createTenant({
      platform: "bridge",
      externalId: "agy_1:shop",
      name: "Shop",
    });
    tenantId = tenant.id;
  });
  afterAll(() => store.cleanup());

  async function createOrder(amountCents: number): Promise<string> {
    const orderRef = `order-${++next}`;
    const { link } = await storage.createPaymentLink({
      tenantId,
      platformOrderRef: orderRef,
      amountCents,
      currency: "EUR",
    });
    await ensureOrder(dbOf(storage), { tenantId, paymentLinkId: link.id, amountCents, now: Date.now() });
    return orderRef;
  }

  async function orderOf(orderRef: string) {
    const link = await storage.findPaymentByOrderRef(tenantId, orderRef);
    const order = link ? await getOrder(dbOf(storage), tenantId, link.id) : null;
    if (!link || !order) throw new Error(`no order ${orderRef}`);
    return { link, order };
  }

  describePlatformConformance(`bridge on ${backend}`, async () => ({
    adapter: bridgeAdapter({ storage, now: Date.now }),
    tenantId,
    createOrder,
    async readOrder(orderRef) {
      const { order } = await orderOf(orderRef);
      const status =
        order.status === "expired" ? "cancelled" : order.status === "authorized" ? "pending" : order.status;
      return { status, paidTransitions: order.paidTransitions, refundedCents: order.refundedCents };
    },
  }));

  describe("bridge adapter events", () => {
    const adapter = () => bridgeAdapter({ storage, now: Date.now });
    const ref = (orderRef: string, key: string) => ({ tenantId, orderRef, idempotencyKey: key });

    it("announces acceptance once, even when authorised first and charged after the trigger", async () => {
      const orderRef = await createOrder(45000);
      const input = { ...ref(orderRef, "a"), almaPaymentId: "payment_x", amountCents: 45000 };
      expect(await adapter().markOrderPaid({ ...input, authorizedOnly: true })).toMatchObject({
        alreadyDone: false,
      });
      expect(await adapter().markOrderPaid({ ...input, authorizedOnly: true })).toMatchObject({
        alreadyDone: true,
      });
      expect(await adapter().markOrderPaid(input)).toMatchObject({ status: "paid", alreadyDone: false });
      const { link, order } = await orderOf(orderRef);
      expect(order).toMatchObject({ status: "paid", paidTransitions: 1 });
      const messages = await listMessages(dbOf(storage), tenantId, {
        paymentLinkId: link.id,
        order: "asc",
        limit: 10,
      });
      expect(messages.map((m) => m.eventType)).toEqual(["payment.accepted"]);
      expect(JSON.parse(messages[0]!.body)).toMatchObject({
        type: "payment.accepted",
        data: { authorized_only: true, payment: { order_reference: orderRef, amount: 45000 } },
      });
      // The paid call asked for a look at Alma (instalment 1, pay-now "paid").
      expect(await storage.getJobByKey(`bridge:sync:${link.id}:accepted`)).not.toBeNull();
    });

    it("announces a refusal, an expiry and each refund with its kind", async () => {
      const refused = await createOrder(10000);
      await adapter().failOrder({
        ...ref(refused, "f"),
        reason: "refused",
        message: "Alma refused the payment",
      });
      const expired = await createOrder(10000);
      await adapter().releaseOrder({ ...ref(expired, "e"), reason: "expired" });
      expect((await orderOf(expired)).order.status).toBe("expired");
      const paid = await createOrder(30000);
      await adapter().markOrderPaid({ ...ref(paid, "p"), almaPaymentId: "payment_y", amountCents: 30000 });
      await adapter().recordRefund({ ...ref(paid, "r1"), almaRefundId: "refund_1", amountCents: 15000 });
      await adapter().recordRefund({ ...ref(paid, "r2"), almaRefundId: "refund_2", amountCents: 15000 });
      const bodies = await Promise.all(
        [refused, expired, paid].map(async (orderRef) => {
          const { link } = await orderOf(orderRef);
          const messages = await listMessages(dbOf(storage), tenantId, {
            paymentLinkId: link.id,
            order: "asc",
            limit: 10,
          });
          return messages.map((m) => JSON.parse(m.body) as { type: string; data: Record<string, unknown> });
        }),
      );
      expect(bodies[0]!.map((b) => b.type)).toEqual(["payment.refused"]);
      expect(bodies[0]![0]!.data).toMatchObject({ reason: "refused" });
      expect(bodies[1]!.map((b) => b.type)).toEqual(["payment.expired"]);
      expect(bodies[2]!.map((b) => [b.type, (b.data.refund as { kind?: string } | undefined)?.kind])).toEqual(
        [
          ["payment.accepted", undefined],
          ["payment.refunded", "partial"],
          ["payment.refunded", "full"],
        ],
      );
      expect(bodies[2]![2]!.data).toMatchObject({
        refunded_amount: 30000,
        payment: { refunded_amount: 30000 },
      });
    });
  });
});
