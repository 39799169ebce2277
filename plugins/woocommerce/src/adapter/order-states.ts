import type { WooOrder } from "../woo/woo-schemas.ts";

/** WooCommerce statuses meaning the money was received. */
export const PAID_STATUSES = ["processing", "completed", "refunded"];

export function isPaidOrder(order: WooOrder, almaPaymentId?: string): boolean {
  if (PAID_STATUSES.includes(order.status)) return true;
  return (
    almaPaymentId !== undefined && order.transaction_id === almaPaymentId && Boolean(order.date_paid_gmt)
  );
}

/** `needs_payment()`: only then does `set_paid` run payment_complete (woocommerce-connector.md §2). */
export function needsPayment(order: WooOrder): boolean {
  return order.status === "pending" || order.status === "failed";
}
