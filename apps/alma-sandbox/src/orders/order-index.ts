import type { AlmaOrder } from "../payments/alma-payment.ts";
import type { PaymentRecord } from "../payments/payment-record.ts";
import type { SandboxContext } from "../sandbox-context.ts";

/**
 * Orders live inside their payment (`payment.orders`); this index finds one by its own id for
 * `/v1/orders` and `/v2/orders`, and lists a merchant's orders in the order they were attached.
 */
export function indexOrders(ctx: SandboxContext, merchantId: string, orders: readonly AlmaOrder[]): void {
  for (const order of orders)
    ctx.store.orders.put(order.id, { orderId: order.id, paymentId: order.payment }, { owner: merchantId });
}

export function unindexOrders(ctx: SandboxContext, orders: readonly AlmaOrder[]): void {
  for (const order of orders) ctx.store.orders.delete(order.id);
}

export interface FoundOrder {
  record: PaymentRecord;
  order: AlmaOrder;
}

/** The merchant's order `orderId`, with the payment it belongs to; anyone else's is not found. */
export function findOrder(ctx: SandboxContext, merchantId: string, orderId: string): FoundOrder | undefined {
  const entry = ctx.store.orders.get(orderId);
  const record = entry ? ctx.payments.getOwned(merchantId, entry.paymentId) : undefined;
  const order = record?.payment.orders.find((o) => o.id === orderId);
  return record && order ? { record, order } : undefined;
}

/** One page of the merchant's orders, newest first, after `startingAfter` when given. */
export function listOrders(
  ctx: SandboxContext,
  merchantId: string,
  options: { limit: number; startingAfter?: string },
): { orders: AlmaOrder[]; hasMore: boolean } {
  const page = ctx.store.orders.list({
    owner: merchantId,
    beforeId: options.startingAfter,
    limit: options.limit,
  });
  const orders = page.items.flatMap((entry) => {
    const found = findOrder(ctx, merchantId, entry.orderId);
    return found ? [found.order] : [];
  });
  return { orders, hasMore: page.hasMore };
}
