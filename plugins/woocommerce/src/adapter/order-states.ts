import type { WooOrder } from "../woo/woo-schemas.ts";

/** WooCommerce statuses meaning the money was received. */
export const PAID_STATUSES = ["processing", "completed", "refunded"];

export function isPaidOrder(order: WooOrder, almaPaymentId?: string): boolean {
  if (PAID_STATUSES.includes(order.status)) return true;
  return (
    almaPaymentId !== undefined && order.transaction_id === almaPaymentId && Boolean(order.date_paid_gmt)
  );
}

/** WooCommerce's `needs_payment()`: only for these states does `set_paid` run payment_complete. */
export function needsPayment(order: WooOrder): boolean {
  return order.status === "pending" || order.status === "failed";
}
