import { describe, expect, it } from "vitest";
import type { PlatformAdapter } from "../platform/platform-adapter.ts";

/** What a plugin's test gives the battery: its adapter plus a way to make and inspect orders on its (fake) platform. */
export interface ConformanceHarness {
  adapter: PlatformAdapter;
  tenantId: string;
  /** Creates an unpaid order of that amount on the platform and returns its reference. */
  createOrder(amountCents: number): Promise<string>;
  /** Reads the order back from the platform, as the platform sees it. */
  readOrder(orderRef: string): Promise<{
    status: "pending" | "paid" | "failed" | "cancelled" | "refunded" | "on_hold";
    /** How many times the platform saw the order become paid (must never exceed 1). */
    paidTransitions: number;
    /** Sum of the refunds recorded on the platform order, in cents. */
    refundedCents: number;
  }>;
  /** Run before each test; e.g. reset the fake platform. */
  reset?(): Promise<void>;
}

/**
 * The behaviour every platform plugin must show. A plugin runs it against itself:
 * `describePlatformConformance("testshop", async () => harness)`.
 */
export function describePlatformConformance(
  name: string,
  makeHarness: () => Promise<ConformanceHarness>,
): void {
  describe(`${name} platform conformance`, () => {
    const ref = (tenantId: string, orderRef: string, key: string) => ({
      tenantId,
      orderRef,
      idempotencyKey: key,
    });

    it("marks an order paid exactly once, however often it is told", async () => {
      const h = await makeHarness();
      await h.reset?.();
      const order = await h.createOrder(45000);
      const input = {
        ...ref(h.tenantId, order, `paid:${order}`),
        almaPaymentId: "payment_conf1",
        amountCents: 45000,
      };
      const first = await h.adapter.markOrderPaid(input);
      expect(first).toMatchObject({ status: "paid", alreadyDone: false });
      const again = await h.adapter.markOrderPaid(input);
      expect(again).toMatchObject({ status: "paid", alreadyDone: true });
      const concurrent = await Promise.all(Array.from({ length: 10 }, () => h.adapter.markOrderPaid(input)));
      expect(concurrent.every((o) => o.status === "paid")).toBe(true);
      expect(await h.readOrder(order)).toMatchObject({ status: "paid", paidTransitions: 1 });
    });

    it("answers an unknown order with a rejection value, not an exception", async () => {
      const h = await makeHarness();
      await h.reset?.();
      const outcome = await h.adapter.markOrderPaid({
        ...ref(h.tenantId, "does-not-exist-404", "paid:none"),
        almaPaymentId: "payment_conf2",
        amountCents: 100,
      });
      expect(outcome).toMatchObject({ status: "rejected", reason: "unknown_order" });
    });

    it("fails an order with the reason and leaves it unpaid", async () => {
      const h = await makeHarness();
      await h.reset?.();
      const order = await h.createOrder(12000);
      const outcome = await h.adapter.failOrder({
        ...ref(h.tenantId, order, `fail:${order}`),
        almaPaymentId: "payment_conf3",
        reason: "amount_mismatch",
        message: "Alma payment is 11000 cents, order is 12000",
      });
      expect(outcome.status).toBe("failed");
      expect(await h.readOrder(order)).toMatchObject({ status: "failed", paidTransitions: 0 });
    });

    it("releases an abandoned order", async () => {
      const h = await makeHarness();
      await h.reset?.();
      const order = await h.createOrder(8000);
      const outcome = await h.adapter.releaseOrder({
        ...ref(h.tenantId, order, `release:${order}`),
        reason: "customer_cancelled",
      });
      expect(outcome.status).toBe("cancelled");
      expect((await h.readOrder(order)).status).toBe("cancelled");
    });

    it("records each refund once and refuses one above what was paid", async () => {
      const h = await makeHarness();
      await h.reset?.();
      const order = await h.createOrder(30000);
      await h.adapter.markOrderPaid({
        ...ref(h.tenantId, order, `paid:${order}`),
        almaPaymentId: "payment_conf4",
        amountCents: 30000,
      });
      const partial = {
        ...ref(h.tenantId, order, "refund:r1"),
        almaRefundId: "refund_r1",
        amountCents: 10001,
      };
      expect((await h.adapter.recordRefund(partial)).status).toBe("refunded");
      expect(await h.adapter.recordRefund(partial)).toMatchObject({ status: "refunded", alreadyDone: true });
      expect((await h.readOrder(order)).refundedCents).toBe(10001);
      const tooMuch = await h.adapter.recordRefund({
        ...ref(h.tenantId, order, "refund:r2"),
        almaRefundId: "refund_r2",
        amountCents: 20000,
      });
      expect(tooMuch).toMatchObject({ status: "rejected", reason: "refund_exceeds_paid" });
      const rest = { ...ref(h.tenantId, order, "refund:r3"), almaRefundId: "refund_r3", amountCents: 19999 };
      expect((await h.adapter.recordRefund(rest)).status).toBe("refunded");
      expect(await h.readOrder(order)).toMatchObject({ status: "refunded", refundedCents: 30000 });
    });
  });
}
