import { pay } from "@alma-suite/alma-sandbox/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paymentUrlIn } from "../../test/support/gateway-call.ts";
import { type Harness, startHarness } from "../../test/support/plugin-harness.ts";
import { loadReconcileState } from "./reconcile-cursor.ts";
import { reconcileStore } from "./reconcile-store.ts";

describe("reconcileStore", () => {
  let h: Harness;
  let storeId: string;
  beforeAll(async () => {
    h = await startHarness();
    ({ storeId } = await h.connect());
  });
  afterAll(() => h.close());

  it("repairs missed webhooks and a missed IPN: links the order, then marks it paid", async () => {
    await reconcileStore(h.deps, h.adapter, storeId);
    h.woo.webhooks.dropDeliveries = true;
    const order = h.woo.createOrder({ totalCents: 27_500, paymentMethod: "cheque", status: "on-hold" });
    h.woo.createOrder({ totalCents: 9_900, paymentMethod: "stripe", status: "processing" });
    await h.settle();
    expect(await h.storage.findPaymentByOrderRef(storeId, String(order.id))).toBeNull();

    const first = await reconcileStore(h.deps, h.adapter, storeId);
    expect(first).toMatchObject({ ordersSeen: 2, almaOrders: 1, actions: { pay_link_queued: 1 } });
    await h.settle();
    const note = h.woo.store.notes.get(order.id)?.find((n) => n.customerNote);
    const link = await h.storage.findPaymentByOrderRef(storeId, String(order.id));

    // The customer pays, but every IPN attempt fails (the connector was down) and no webhook arrives.
    h.ipnDown = true;
    const paid = await pay(paymentUrlIn(note!.note), { card: "4242424242424242" });
    expect(paid.status).toBe(303);
    await h.sandbox.sandbox.ipnOutbox.waitFor(
      (d) => d.payment_id === link!.almaPaymentId && d.attempts.length === 3,
    );
    h.ipnDown = false;
    await h.settle();
    expect(h.woo.store.orders.get(order.id)?.status).toBe("on-hold");
    h.woo.updateOrder(order.id, { customer_note: "gift wrap" });
    const second = await reconcileStore(h.deps, h.adapter, storeId);
    expect(second.actions).toMatchObject({ confirmed: 1 });
    await h.settle();
    expect(h.woo.store.orders.get(order.id)).toMatchObject({
      status: "processing",
      transaction_id: link!.almaPaymentId,
      paidTransitions: 1,
    });
    h.woo.webhooks.dropDeliveries = false;
  });

  it("resumes after the last finished page when a run dies, and only reads orders modified since the last run", async () => {
    h.clock.advance(10 * 60_000);
    await reconcileStore(h.deps, h.adapter, storeId);
    for (let i = 0; i < 7; i++) h.woo.createOrder({ totalCents: 1000 + i, paymentMethod: "bacs" });
    await h.settle();
    const crash = new Error("killed");
    const pages: number[] = [];
    await expect(
      reconcileStore(h.deps, h.adapter, storeId, {
        perPage: 2,
        onProgress: (p) => {
          pages.push(p.page);
          if (p.page === 2) throw crash;
        },
      }),
    ).rejects.toBe(crash);
    expect((await loadReconcileState(h.storage, storeId)).run).toMatchObject({ page: 2 });
    const resumed = await reconcileStore(h.deps, h.adapter, storeId, {
      perPage: 2,
      onProgress: (p) => pages.push(p.page),
    });
    expect(resumed.resumedAfterPage).toBe(2);
    expect(pages).toEqual([1, 2, 3, 4]);
    expect(resumed.ordersSeen).toBe(3);
    const state = await loadReconcileState(h.storage, storeId);
    expect(state.run).toBeNull();
    expect(state.since).not.toBeNull();
    const quiet = await reconcileStore(h.deps, h.adapter, storeId, { perPage: 2 });
    expect(quiet.modifiedAfter).toBe(state.since);
  });

  it("stops at the page where more orders failed than it can remember, instead of moving past them", async () => {
    h.clock.advance(10 * 60_000);
    await reconcileStore(h.deps, h.adapter, storeId);
    // Three Alma orders whose payments Alma does not know: confirming each one fails.
    const links = [];
    for (let i = 0; i < 3; i++) {
      const order = h.woo.createOrder({ totalCents: 5000 + i, paymentMethod: "alma_suite" });
      const { link } = await h.storage.createPaymentLink({
        tenantId: storeId,
        platformOrderRef: String(order.id),
        amountCents: 5000 + i,
        currency: "EUR",
        almaPaymentId: `payment_11missingAtAlma${i}`,
        custom: { orderId: order.id, orderKey: order.order_key, origin: "gateway" },
      });
      links.push(link);
    }
    await h.settle();
    await expect(reconcileStore(h.deps, h.adapter, storeId, { perPage: 2, maxRetry: 1 })).rejects.toThrow(
      /stopped at page 1: more than 1 orders failed/,
    );
    const stopped = await loadReconcileState(h.storage, storeId);
    expect(stopped.run).toMatchObject({ page: 0 });
    expect(stopped.retry).toHaveLength(1);
    // The cause is fixed (here: the unknown payments are unlinked): the next run goes through every page.
    for (const link of links) await h.storage.updatePaymentLink(storeId, link.id, { almaPaymentId: null });
    const done = await reconcileStore(h.deps, h.adapter, storeId, { perPage: 2, maxRetry: 1 });
    expect(done.resumedAfterPage).toBe(0);
    expect(done.failures).toBe(0);
    expect((await loadReconcileState(h.storage, storeId)).run).toBeNull();
  });
});
