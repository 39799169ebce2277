import { RefundFenceLostError, runDashboardRefund } from "@alma-suite/core/flows";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORDER_EVENT_JOB } from "../../src/jobs/job-types.ts";
import { reconcileStore } from "../../src/reconcile/reconcile-store.ts";
import { refundAtAlma } from "../../src/refunds/refund-at-alma.ts";
import { paidPayByLinkOrder } from "../support/paid-order.ts";
import { type Harness, startHarness } from "../support/plugin-harness.ts";

describe("refunds both ways and status sync (pay-by-link store, no PHP)", () => {
  let h: Harness;
  let storeId: string;
  beforeAll(async () => {
    h = await startHarness();
    ({ storeId } = await h.connect());
  });
  afterAll(() => h.close());

  const almaPayment = async (pid: string) => (await h.deps.almaFor(storeId)).payments.fetch(pid);

  it("refunds a manual WooCommerce refund at Alma once, with the refund id as merchant_reference", async () => {
    const { order, pid } = await paidPayByLinkOrder(h, storeId, 45_000);
    const refund = await h.woo.refundOrder(order.id, {
      amount: "123.45",
      reason: "Damaged",
      api_refund: false,
    });
    if (!refund.ok) throw new Error(refund.error.message);
    await h.settle();
    // Another edit brings the same refund again in the payload: nothing more happens.
    h.woo.updateOrder(order.id, { customer_note: "leave at the door" });
    await h.settle();
    const payment = await almaPayment(pid);
    expect(payment.refunds.map((r) => [r.merchant_reference, r.amount])).toEqual([
      [String(refund.value.id), 12_345],
    ]);
    expect(h.woo.store.notes.get(order.id)?.some((n) => n.note.includes("refunded 123,45"))).toBe(true);
    const [record] = await h.storage.listRefunds(
      storeId,
      (await h.storage.findPaymentByOrderRef(storeId, String(order.id)))!.id,
    );
    expect(record).toMatchObject({ state: "succeeded", amountCents: 12_345, origin: "platform" });
  });

  it("refunds what is left when the order is set to refunded (WooCommerce records the rest as a refund)", async () => {
    const { order, pid } = await paidPayByLinkOrder(h, storeId, 20_000);
    await h.woo.refundOrder(order.id, { amount: "50.00", api_refund: false });
    await h.settle();
    h.woo.updateOrder(order.id, { status: "refunded" });
    await h.settle();
    const payment = await almaPayment(pid);
    expect(payment.refunds.map((r) => r.amount)).toEqual([5_000, 15_000]);
    expect(payment.is_completely_refunded).toBe(true);
  });

  it("refunds a paid order fully at Alma when it is cancelled, and keeps it cancelled", async () => {
    const { order, pid } = await paidPayByLinkOrder(h, storeId, 15_000);
    h.woo.updateOrder(order.id, { status: "cancelled" });
    await h.settle();
    h.woo.updateOrder(order.id, { status: "processing" });
    h.woo.updateOrder(order.id, { status: "cancelled" });
    await h.settle();
    const payment = await almaPayment(pid);
    expect(payment.refunds.map((r) => [r.merchant_reference, r.amount])).toEqual([
      [`cancelled:${order.id}`, 15_000],
    ]);
    expect(h.woo.store.orders.get(order.id)?.status).toBe("cancelled");
  });

  it("pushes status changes to Alma's payment order, completed as shipped, and ignores its own echoes", async () => {
    const { order, pid } = await paidPayByLinkOrder(h, storeId, 18_000);
    h.woo.updateOrder(order.id, { status: "completed" });
    await h.settle();
    const [almaOrder] = (await almaPayment(pid)).orders;
    expect(almaOrder).toMatchObject({
      merchant_reference: String(order.id),
      status: "completed",
      is_shipped: true,
    });
    // Three deliveries: created, the echo of our own "paid" write, completed. Only two became work.
    const deliveries = h.woo.webhooks.log.filter((d) => d.orderId === order.id && d.kind === "delivery");
    expect(deliveries.map((d) => JSON.parse(d.body).status)).toEqual(["on-hold", "processing", "completed"]);
    const events = (await h.storage.listJobs({ type: ORDER_EVENT_JOB })).filter(
      (j) => (j.payload as { orderId: number }).orderId === order.id,
    );
    expect(events).toHaveLength(2);
  });

  it("sends Alma the shipment-tracking numbers once the order ships, each once, even added later", async () => {
    const { order, pid } = await paidPayByLinkOrder(h, storeId, 21_000);
    const tracking = [
      { tracking_provider: "colissimo", tracking_number: "6A111", date_shipped: "1768900000" },
    ];
    h.woo.updateOrder(order.id, {
      status: "completed",
      meta_data: [{ key: "_wc_shipment_tracking_items", value: tracking }],
    });
    await h.settle();
    const [shipped] = (await almaPayment(pid)).orders;
    expect(shipped).toMatchObject({
      merchant_reference: String(order.id),
      carrier: "colissimo",
      tracking_number: "6A111",
      tracking_url: null,
      is_shipped: true,
    });
    // A second parcel with a custom carrier, added to the completed order: only it is sent.
    const custom = {
      custom_tracking_provider: "Coursier Lyon",
      custom_tracking_link: "https://coursier.example/t/77",
      tracking_number: "77",
    };
    h.woo.updateOrder(order.id, {
      meta_data: [{ key: "_wc_shipment_tracking_items", value: [...tracking, custom] }],
    });
    await h.settle();
    const [again] = (await almaPayment(pid)).orders;
    expect(again).toMatchObject({
      carrier: "Coursier Lyon",
      tracking_number: "77",
      tracking_url: custom.custom_tracking_link,
    });
    const link = await h.storage.findPaymentByOrderRef(storeId, String(order.id));
    expect(link?.custom).toMatchObject({ pushedShipments: ["6A111", "77"] });
  });

  it("records a refund made at Alma into WooCommerce on reconciliation, without refunding it again", async () => {
    const { order, pid } = await paidPayByLinkOrder(h, storeId, 35_199);
    const alma = await h.deps.almaFor(storeId);
    await alma.payments.refund(pid, { amount: 10_000, merchantReference: "dashboard-1" });
    await alma.payments.refund(pid, { merchantReference: "dashboard-2" });
    const first = await reconcileStore(h.deps, h.adapter, storeId);
    expect(first.actions.alma_refund_recorded).toBe(2);
    await h.settle();
    await reconcileStore(h.deps, h.adapter, storeId);
    await h.settle();
    const wooRefunds = h.woo.store.refunds.get(order.id) ?? [];
    expect(wooRefunds.map((r) => [r.amountCents, r.refundedPayment]).sort()).toEqual([
      [10_000, false],
      [25_199, false],
    ]);
    expect(h.woo.store.orders.get(order.id)?.status).toBe("refunded");
    const payment = await almaPayment(pid);
    expect(payment.refunds).toHaveLength(2);
  });

  it("sends nothing once the gateway gave up on a refund, even if that happens while the job looks at Alma", async () => {
    const { order, pid } = await paidPayByLinkOrder(h, storeId, 25_000);
    const link = (await h.storage.findPaymentByOrderRef(storeId, String(order.id)))!;
    const created = await h.storage.createRefund({
      tenantId: storeId,
      paymentLinkId: link.id,
      platformRefundRef: "wc-refund-late",
      amountCents: 5_000,
      origin: "platform",
    });
    if (created.outcome !== "created") throw new Error(created.outcome);
    // The job's lease is fine, but between its first look and the POST the gateway's wait ran
    // out: the refund is failed and WooCommerce was told it was not made.
    const leaseStillOurs = async () => {
      await h.storage.transitionRefund(storeId, created.refund.id, ["pending"], "failed");
      return true;
    };
    await expect(refundAtAlma(h.deps, h.adapter, storeId, created.refund.id, leaseStillOurs)).rejects.toThrow(
      RefundFenceLostError,
    );
    expect((await almaPayment(pid)).refunds).toEqual([]);
  });

  it("counts an Alma refund WooCommerce refused once as soon as WooCommerce takes it", async () => {
    const { order, pid } = await paidPayByLinkOrder(h, storeId, 22_000);
    const link = (await h.storage.findPaymentByOrderRef(storeId, String(order.id)))!;
    const alma = await h.deps.almaFor(storeId);
    const made = (await alma.payments.refund(pid, { amount: 7_000, merchantReference: "alma-dash-9" }))
      .refunds[0]!;
    // An earlier reconciliation recorded it, and WooCommerce refused it then (the order was locked, say).
    await h.storage.createRefund({
      tenantId: storeId,
      paymentLinkId: link.id,
      platformRefundRef: `alma:${made.id}`,
      amountCents: 7_000,
      origin: "alma",
      almaRefundId: made.id,
      state: "failed",
    });
    await reconcileStore(h.deps, h.adapter, storeId);
    expect(await h.storage.listRefunds(storeId, link.id)).toMatchObject([
      { state: "succeeded", amountCents: 7_000 },
    ]);
    expect((h.woo.store.refunds.get(order.id) ?? []).map((r) => r.amountCents)).toEqual([7_000]);
    expect(await h.storage.sumRefundedCents(storeId, link.id)).toBe(7_000);
  });

  it("leaves a dashboard refund Alma made while its job runs to that job: recorded once, never twice", async () => {
    const { order, pid } = await paidPayByLinkOrder(h, storeId, 30_000);
    const link = (await h.storage.findPaymentByOrderRef(storeId, String(order.id)))!;
    // The dashboard's refund as it records it, its job not run yet (this harness's worker would run it at once).
    const asked = await h.storage.createRefund({
      tenantId: storeId,
      paymentLinkId: link.id,
      platformRefundRef: `dashboard:${link.id}:dash-1`,
      amountCents: 10_000,
      origin: "alma",
    });
    if (asked.outcome !== "created") throw new Error(asked.outcome);
    // The job's POST went through but its answer was lost: Alma has the refund, named by our refund id.
    const alma = await h.deps.almaFor(storeId);
    await alma.payments.refund(pid, { amount: 10_000, merchantReference: asked.refund.id });
    const reconciled = await reconcileStore(h.deps, h.adapter, storeId);
    expect(reconciled.actions.alma_refund_recorded).toBeUndefined();
    expect((await h.storage.listRefunds(storeId, link.id)).map((r) => r.id)).toEqual([asked.refund.id]);

    // The job (or its retry) finds the refund at Alma and completes the same record.
    await runDashboardRefund(
      { storage: h.storage, almaFor: (id) => h.deps.almaFor(id), logger: h.deps.logger },
      { tenantId: storeId, paymentLinkId: link.id, refundId: asked.refund.id },
    );
    expect(await h.storage.listRefunds(storeId, link.id)).toMatchObject([
      { id: asked.refund.id, state: "succeeded" },
    ]);
    expect(await h.storage.sumRefundedCents(storeId, link.id)).toBe(10_000);
    await reconcileStore(h.deps, h.adapter, storeId);
    expect(await h.storage.listRefunds(storeId, link.id)).toHaveLength(1);
    expect((await almaPayment(pid)).refunds).toHaveLength(1);
  });
});
