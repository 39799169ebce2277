import { describePlatformConformance } from "@alma-suite/core/testing";
import { afterAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../../test/support/plugin-harness.ts";

let shared: Promise<{ h: Harness; storeId: string }> | undefined;
const harness = () => {
  shared ??= startHarness().then(async (h) => ({ h, storeId: (await h.connect()).storeId }));
  return shared;
};
afterAll(async () => (await shared)?.h.close());

const STATUS: Record<string, "pending" | "paid" | "failed" | "cancelled" | "refunded" | "on_hold"> = {
  pending: "pending",
  processing: "paid",
  completed: "paid",
  failed: "failed",
  cancelled: "cancelled",
  refunded: "refunded",
  "on-hold": "on_hold",
};

describePlatformConformance("woocommerce", async () => {
  const { h, storeId } = await harness();
  return {
    adapter: h.adapter,
    tenantId: storeId,
    createOrder: async (amountCents) =>
      String(h.woo.createOrder({ totalCents: amountCents, paymentMethod: "alma_suite" }).id),
    readOrder: async (orderRef) => {
      const order = h.woo.store.orders.get(Number(orderRef))!;
      return {
        status: STATUS[order.status] ?? "pending",
        paidTransitions: order.paidTransitions,
        refundedCents: h.woo.store.refundedCents(order.id),
      };
    },
  };
});

describe("woocommerce adapter specifics", () => {
  it("releases an abandoned order to the status the store chose: cancelled by default, or failed", async () => {
    const { h, storeId } = await harness();
    const release = async () => {
      const order = h.woo.createOrder({ totalCents: 4000, paymentMethod: "alma_suite" });
      const input = { tenantId: storeId, orderRef: String(order.id), idempotencyKey: `r:${order.id}` };
      expect(await h.adapter.releaseOrder({ ...input, reason: "expired" })).toMatchObject({
        status: "cancelled",
        alreadyDone: false,
      });
      return h.woo.store.orders.get(order.id)?.status;
    };
    expect(await release()).toBe("cancelled");
    const tenant = await h.deps.storage.getTenant(storeId);
    await h.deps.storage.updateTenant(storeId, {
      settings: { ...tenant?.settings, releasedOrderStatus: "failed" },
    });
    try {
      expect(await release()).toBe("failed");
    } finally {
      await h.deps.storage.updateTenant(storeId, { settings: tenant?.settings ?? {} });
    }
  });

  it("marks an on-hold order paid by status (set_paid would do nothing), with the Alma id and a note", async () => {
    const { h, storeId } = await harness();
    const order = h.woo.createOrder({ totalCents: 5000, paymentMethod: "cheque", status: "on-hold" });
    const input = {
      tenantId: storeId,
      orderRef: String(order.id),
      idempotencyKey: "k",
      almaPaymentId: "payment_onhold1",
      amountCents: 5000,
    };
    expect(await h.adapter.markOrderPaid(input)).toEqual({ status: "paid", alreadyDone: false });
    expect(h.woo.store.orders.get(order.id)).toMatchObject({
      status: "processing",
      transaction_id: "payment_onhold1",
      paidTransitions: 1,
    });
    expect(h.woo.store.orders.get(order.id)?.meta).toContainEqual(
      expect.objectContaining({ key: "alma_payment_id", value: "payment_onhold1" }),
    );
    // A retry after a crash between the status change and the note adds the missing note, once.
    h.woo.store.notes.set(order.id, []);
    expect(await h.adapter.markOrderPaid(input)).toEqual({ status: "paid", alreadyDone: true });
    expect(await h.adapter.markOrderPaid(input)).toEqual({ status: "paid", alreadyDone: true });
    expect(h.woo.store.notes.get(order.id)?.filter((n) => n.note.includes("payment_onhold1"))).toHaveLength(
      1,
    );
  });

  it("fails the order and flags the payment when the order total changed after the payment was made", async () => {
    const { h, storeId } = await harness();
    const order = h.woo.createOrder({ totalCents: 12_000, paymentMethod: "alma_suite" });
    const alma = await h.deps.almaFor(storeId);
    const payment = await alma.payments.create({
      payment: { purchase_amount: 11_000, installments_count: 3 },
    });
    const outcome = await h.adapter.markOrderPaid({
      tenantId: storeId,
      orderRef: String(order.id),
      idempotencyKey: "paid:x",
      almaPaymentId: payment.id,
      amountCents: 11_000,
    });
    expect(outcome).toMatchObject({ status: "rejected", reason: "invalid_state" });
    expect(h.woo.store.orders.get(order.id)).toMatchObject({ status: "failed", paidTransitions: 0 });
    const admin = await fetch(`${h.sandbox.url}/_admin/payments/${payment.id}`).then((r) => r.json());
    expect(JSON.stringify(admin)).toContain("amount_mismatch");
  });

  it("answers unknown stores and malformed references with a rejection", async () => {
    const { h, storeId } = await harness();
    const base = { idempotencyKey: "k", almaPaymentId: "payment_x", amountCents: 1 };
    expect(await h.adapter.markOrderPaid({ ...base, tenantId: "ten_nope", orderRef: "1000" })).toMatchObject({
      reason: "unknown_order",
    });
    expect(
      await h.adapter.markOrderPaid({ ...base, tenantId: storeId, orderRef: "../webhooks" }),
    ).toMatchObject({ reason: "unknown_order" });
  });
});
