import type { OrderRef, PlatformAdapter, PlatformOutcome } from "../platform/platform-adapter.ts";

interface FakeOrder {
  amountCents: number;
  status: "pending" | "paid" | "failed" | "cancelled" | "refunded" | "on_hold";
  paidTransitions: number;
  refunds: Map<string, number>;
}

/**
 * A platform that lives in memory: the reference implementation of the platform contract,
 * used to check the conformance battery itself and by core's flow tests.
 */
export class InMemoryPlatform implements PlatformAdapter {
  readonly orders = new Map<string, FakeOrder>();
  #next = 1;

  createOrder(amountCents: number): string {
    const id = `order-${this.#next++}`;
    this.orders.set(id, { amountCents, status: "pending", paidTransitions: 0, refunds: new Map() });
    return id;
  }

  async markOrderPaid(
    input: OrderRef & { almaPaymentId: string; amountCents: number },
  ): Promise<PlatformOutcome> {
    const order = this.orders.get(input.orderRef);
    if (!order) return unknown(input.orderRef);
    if (order.status === "paid" || order.status === "refunded") return { status: "paid", alreadyDone: true };
    order.status = "paid";
    order.paidTransitions += 1;
    return { status: "paid", alreadyDone: false };
  }

  async markOrderPending(input: OrderRef): Promise<PlatformOutcome> {
    const order = this.orders.get(input.orderRef);
    if (!order) return unknown(input.orderRef);
    const alreadyDone = order.status === "on_hold";
    if (order.status === "pending") order.status = "on_hold";
    return { status: "pending", alreadyDone };
  }

  async failOrder(input: OrderRef): Promise<PlatformOutcome> {
    const order = this.orders.get(input.orderRef);
    if (!order) return unknown(input.orderRef);
    if (order.status === "paid")
      return { status: "rejected", reason: "invalid_state", detail: "order already paid" };
    const alreadyDone = order.status === "failed";
    order.status = "failed";
    return { status: "failed", alreadyDone };
  }

  async releaseOrder(input: OrderRef): Promise<PlatformOutcome> {
    const order = this.orders.get(input.orderRef);
    if (!order) return unknown(input.orderRef);
    if (order.status === "paid")
      return { status: "rejected", reason: "invalid_state", detail: "order already paid" };
    const alreadyDone = order.status === "cancelled";
    order.status = "cancelled";
    return { status: "cancelled", alreadyDone };
  }

  async recordRefund(
    input: OrderRef & { almaRefundId: string; amountCents: number },
  ): Promise<PlatformOutcome> {
    const order = this.orders.get(input.orderRef);
    if (!order) return unknown(input.orderRef);
    if (order.refunds.has(input.almaRefundId)) return { status: "refunded", alreadyDone: true };
    const refunded = [...order.refunds.values()].reduce((a, b) => a + b, 0);
    if (refunded + input.amountCents > order.amountCents) {
      return {
        status: "rejected",
        reason: "refund_exceeds_paid",
        detail: `${input.amountCents} cents would exceed the ${order.amountCents - refunded} cents left`,
      };
    }
    order.refunds.set(input.almaRefundId, input.amountCents);
    if (refunded + input.amountCents === order.amountCents) order.status = "refunded";
    return { status: "refunded", alreadyDone: false };
  }

  read(orderRef: string) {
    const order = this.orders.get(orderRef);
    if (!order) throw new Error(`no order ${orderRef}`);
    const refundedCents = [...order.refunds.values()].reduce((a, b) => a + b, 0);
    return { status: order.status, paidTransitions: order.paidTransitions, refundedCents };
  }
}

function unknown(orderRef: string): PlatformOutcome {
  return { status: "rejected", reason: "unknown_order", detail: `no order ${orderRef} on this platform` };
}
