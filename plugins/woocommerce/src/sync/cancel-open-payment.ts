import { type AlmaClient, AlmaInvalidRequestError } from "@alma-suite/core";
import { confirmPayment } from "@alma-suite/core/flows";
import type { PaymentLink } from "@alma-suite/core/storage";
import type { WooDeps } from "../store/woo-deps.ts";
import type { WooOrder } from "../woo/woo-schemas.ts";

const CLOSED = ["cancelled", "failed", "trash"];

/**
 * An order closed in WooCommerce (by the merchant, or by WooCommerce cancelling unpaid orders)
 * while its Alma payment is still open: the payment is cancelled at Alma so the customer cannot pay
 * a cancelled order. If Alma refuses because the customer paid meanwhile, the payment is confirmed
 * instead, which marks the order paid with a note to check its stock.
 */
export async function cancelOpenPayment(
  deps: WooDeps,
  alma: AlmaClient,
  link: PaymentLink,
  order: WooOrder,
): Promise<string | undefined> {
  if (link.state !== "pending" || !link.almaPaymentId || !CLOSED.includes(order.status)) return undefined;
  try {
    await alma.payments.cancel(link.almaPaymentId);
  } catch (error) {
    if (!(error instanceof AlmaInvalidRequestError)) throw error;
    const outcome = await confirmPayment(
      { storage: deps.storage, alma },
      { tenantId: link.tenantId, almaPaymentId: link.almaPaymentId, source: "reconciliation" },
    );
    return `cancel_refused:${outcome.status}`;
  }
  await deps.storage.transitionPayment(link.tenantId, link.id, ["pending"], "cancelled");
  deps.logger.info(
    { tenantId: link.tenantId, orderId: order.id, pid: link.almaPaymentId },
    "Alma payment cancelled with its order",
  );
  return `alma_payment_cancelled:${order.status}`;
}
