import { expect, it } from "vitest";
import type { Storage } from "../storage.ts";
import type { StorageHarness } from "./storage-harness.ts";

async function tenantWithPayment(storage: Storage, amountCents = 10_000) {
  const { tenant } = await storage.createTenant({
    platform: "otherstore",
    externalId: `https://s${Math.random()}`,
    name: "S",
  });
  const { link } = await storage.createPaymentLink({
    tenantId: tenant.id,
    platformOrderRef: "wc-42",
    amountCents,
    currency: "EUR",
    planKey: "general_3_0_0",
    custom: { returnUrl: "https://shop.example/return" },
  });
  return { tenantId: tenant.id, link };
}

/** Payments, compare-and-set transitions, refunds, events and notification idempotency. */
export function paymentContract(h: () => StorageHarness): void {
  it("creates payment links idempotently and finds them from both sides", async () => {
    const { storage } = h();
    const { tenantId, link } = await tenantWithPayment(storage);
    expect(link).toMatchObject({
      state: "pending",
      almaPaymentId: null,
      amountCents: 10_000,
      planKey: "general_3_0_0",
    });
    expect(link.custom).toEqual({ returnUrl: "https://shop.example/return" });
    const again = await storage.createPaymentLink({
      tenantId,
      platformOrderRef: "wc-42",
      amountCents: 1,
      currency: "EUR",
    });
    expect(again).toEqual({ link, created: false });

    const updated = await storage.updatePaymentLink(tenantId, link.id, { almaPaymentId: "payment_1" });
    expect(updated?.almaPaymentId).toBe("payment_1");
    expect((await storage.findPaymentByAlmaId(tenantId, "payment_1"))?.id).toBe(link.id);
    expect((await storage.findPaymentByOrderRef(tenantId, "wc-42"))?.id).toBe(link.id);

    const { link: second } = await storage.createPaymentLink({
      tenantId,
      platformOrderRef: "wc-43",
      amountCents: 5,
      currency: "EUR",
    });
    await expect(
      storage.updatePaymentLink(tenantId, second.id, { almaPaymentId: "payment_1" }),
    ).rejects.toThrow();
    await expect(
      storage.createPaymentLink({ tenantId, platformOrderRef: "wc-44", amountCents: 12.5, currency: "EUR" }),
    ).rejects.toThrow(RangeError);

    await storage.transitionPayment(tenantId, second.id, ["pending"], "paid");
    expect((await storage.listPaymentLinks(tenantId, { states: ["paid"] })).map((l) => l.id)).toEqual([
      second.id,
    ]);
    expect(await storage.listPaymentLinks(tenantId, { states: [] })).toEqual([]);
    expect(await storage.listPaymentLinks(tenantId)).toHaveLength(2);
    expect(await storage.listPaymentLinks(tenantId, { updatedBefore: 0 })).toEqual([]);
  });

  it("moves a link only while it holds the Alma payment a transition names", async () => {
    const { storage } = h();
    const { tenantId, link } = await tenantWithPayment(storage);
    // A retry replaced the refused payment_old with payment_new on the same order.
    await storage.updatePaymentLink(tenantId, link.id, { almaPaymentId: "payment_new" });
    const guard = (almaPaymentId: string) =>
      storage.transitionPayment(tenantId, link.id, ["pending"], "refused", {}, { almaPaymentId });
    expect(await guard("payment_old")).toBe(false);
    expect((await storage.getPaymentLink(tenantId, link.id))?.state).toBe("pending");
    expect(await guard("payment_new")).toBe(true);
  });

  it("lets exactly one of 20 concurrent transitions win", async () => {
    const { storage } = h();
    const { tenantId, link } = await tenantWithPayment(storage);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        storage.transitionPayment(tenantId, link.id, ["pending", "authorized"], "paid", {
          custom: { winner: i },
        }),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const after = await storage.getPaymentLink(tenantId, link.id);
    expect(after?.state).toBe("paid");
    expect(after?.custom).toEqual({ winner: results.indexOf(true) });
    expect(await storage.transitionPayment(tenantId, link.id, ["pending"], "cancelled")).toBe(false);
    expect(await storage.transitionPayment(tenantId, link.id, [], "cancelled")).toBe(false);
  });

  it("sums pending and succeeded refunds and refuses to refund more than was paid", async () => {
    const { storage } = h();
    const { tenantId, link } = await tenantWithPayment(storage, 10_000);
    const base = { tenantId, paymentLinkId: link.id, origin: "platform" as const };
    const r1 = await storage.createRefund({ ...base, platformRefundRef: "re-1", amountCents: 3000 });
    expect(r1.outcome).toBe("created");
    if (r1.outcome !== "created") throw new Error("unreachable");
    expect(r1.refund).toMatchObject({ state: "pending", almaRefundId: null, amountCents: 3000 });
    expect(await storage.createRefund({ ...base, platformRefundRef: "re-1", amountCents: 3000 })).toEqual({
      outcome: "existing",
      refund: r1.refund,
    });
    expect(
      await storage.transitionRefund(tenantId, r1.refund.id, ["pending"], "succeeded", {
        almaRefundId: "refund_1",
      }),
    ).toBe(true);
    expect(await storage.transitionRefund(tenantId, r1.refund.id, ["pending"], "failed")).toBe(false);
    expect((await storage.findRefundByAlmaId(tenantId, "refund_1"))?.state).toBe("succeeded");

    const r2 = await storage.createRefund({
      ...base,
      platformRefundRef: "re-2",
      amountCents: 5000,
      origin: "alma",
    });
    expect(r2.outcome).toBe("created");
    expect(await storage.sumRefundedCents(tenantId, link.id)).toBe(8000);
    // What Alma has refunded for sure: the pending 5000 may still fail.
    expect(await storage.sumRefundedCents(tenantId, link.id, { succeededOnly: true })).toBe(3000);
    expect(await storage.createRefund({ ...base, platformRefundRef: "re-3", amountCents: 2001 })).toEqual({
      outcome: "exceeds_refundable",
      refundableCents: 2000,
    });
    if (r2.outcome !== "created") throw new Error("unreachable");
    await storage.transitionRefund(tenantId, r2.refund.id, ["pending"], "failed");
    expect(await storage.sumRefundedCents(tenantId, link.id)).toBe(3000);
    expect((await storage.listRefunds(tenantId, link.id)).map((r) => r.platformRefundRef)).toEqual([
      "re-1",
      "re-2",
    ]);
    await expect(
      storage.createRefund({ ...base, platformRefundRef: "re-0", amountCents: 0 }),
    ).rejects.toThrow(RangeError);
  });

  it("does not over-refund under concurrent refund requests", async () => {
    const { storage } = h();
    const { tenantId, link } = await tenantWithPayment(storage, 10_000);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        storage.createRefund({
          tenantId,
          paymentLinkId: link.id,
          platformRefundRef: `c-${i}`,
          amountCents: 3000,
          origin: "platform",
        }),
      ),
    );
    expect(results.filter((r) => r.outcome === "created")).toHaveLength(3);
    expect(results.filter((r) => r.outcome === "exceeds_refundable")).toHaveLength(7);
    expect(await storage.sumRefundedCents(tenantId, link.id)).toBe(9000);
  });

  it("appends payment events and lists them oldest first", async () => {
    const { storage } = h();
    const { tenantId, link } = await tenantWithPayment(storage);
    for (const type of ["created", "ipn_received", "paid"]) {
      await storage.appendPaymentEvent({ tenantId, paymentLinkId: link.id, type, data: { type, n: [1, 2] } });
    }
    const events = await storage.listPaymentEvents(tenantId, link.id);
    expect(events.map((e) => e.type)).toEqual(["created", "ipn_received", "paid"]);
    expect(events[1]).toMatchObject({
      tenantId,
      paymentLinkId: link.id,
      data: { type: "ipn_received", n: [1, 2] },
    });
    expect(events[0]?.at).toEqual(expect.any(Number));
    expect(await storage.listPaymentEvents(tenantId, link.id, { limit: 2 })).toHaveLength(2);
  });

  it("marks a notification processed exactly once, even concurrently", async () => {
    const { storage } = h();
    expect(await storage.isNotificationProcessed("ipn:ten_1:payment_1:paid")).toBe(false);
    expect(await storage.markNotificationProcessed("ipn:ten_1:payment_1:paid")).toBe(true);
    expect(await storage.isNotificationProcessed("ipn:ten_1:payment_1:paid")).toBe(true);
    expect(await storage.isNotificationProcessed("ipn:ten_1:payment_1")).toBe(false);
    expect(await storage.markNotificationProcessed("ipn:ten_1:payment_1:paid")).toBe(false);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => storage.markNotificationProcessed("race")),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await storage.purgeProcessedNotifications(Date.now() - 60_000)).toBe(0);
    expect(await storage.purgeProcessedNotifications(Date.now() + 1)).toBe(2);
    expect(await storage.isNotificationProcessed("race")).toBe(false);
  });
}
