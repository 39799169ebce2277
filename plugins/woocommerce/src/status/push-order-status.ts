import { AlmaNotFoundError } from "@alma-suite/core";
import type { PaymentLink } from "@alma-suite/core/storage";
import { linkCustom, patchLinkCustom } from "../shared/link-custom.ts";
import type { WooDeps } from "../store/woo-deps.ts";
import type { WooOrder } from "../woo/woo-schemas.ts";

/** WooCommerce's own statuses; plugins' custom statuses are not pushed (Alma's plugin skips them too). */
const KNOWN_STATUSES = ["pending", "processing", "on-hold", "completed", "cancelled", "refunded", "failed"];
const PUSHED_LINK_STATES: PaymentLink["state"][] = ["authorized", "paid", "partially_refunded", "refunded"];

/**
 * Tells Alma the order's status (shipped = completed) on the payment's order, whose
 * merchant_reference is the WooCommerce order id; adds that order first if the payment has none.
 * Returns whether something was pushed.
 */
export async function pushOrderStatus(deps: WooDeps, link: PaymentLink, order: WooOrder): Promise<boolean> {
  if (!link.almaPaymentId || !PUSHED_LINK_STATES.includes(link.state)) return false;
  if (!KNOWN_STATUSES.includes(order.status) || linkCustom(link).pushedStatus === order.status) return false;
  const alma = await deps.almaFor(link.tenantId, { mode: link.almaMode });
  const reference = String(order.id);
  const update = { status: order.status, isShipped: order.status === "completed" };
  try {
    await alma.orders.updateStatus(link.almaPaymentId, reference, update);
  } catch (error) {
    if (!(error instanceof AlmaNotFoundError)) throw error;
    await alma.orders.add(link.almaPaymentId, { merchant_reference: reference });
    await alma.orders.updateStatus(link.almaPaymentId, reference, update);
  }
  await patchLinkCustom(deps.storage, link.tenantId, link.id, { pushedStatus: order.status });
  return true;
}
