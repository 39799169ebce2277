import { formatCents, type OrderRef, type PlatformOutcome } from "@alma-suite/core";
import { rememberOrderState } from "../shared/remember-order-state.ts";
import type { StoreContext } from "../store/load-store.ts";
import type { WooDeps } from "../store/woo-deps.ts";
import { WooApiError } from "../woo/woo-errors.ts";
import { wooCents } from "../woo/woo-money.ts";
import { metaValue, type WooOrder } from "../woo/woo-schemas.ts";

export const ALMA_REFUND_META = "alma_refund_id";

/**
 * Records, without moving money (`api_refund: false`), a refund that already happened at Alma.
 * The WooCommerce refund carries the Alma refund id in its meta: that is how a retry, and the
 * webhook echo of this very write, know the refund is already there.
 */
export async function recordRefund(
  deps: WooDeps,
  store: StoreContext,
  order: WooOrder,
  input: OrderRef & { almaRefundId: string; amountCents: number },
): Promise<PlatformOutcome> {
  const refunds = await store.woo.listRefunds(order.id);
  if (refunds.some((r) => metaValue(r.meta_data, ALMA_REFUND_META) === input.almaRefundId)) {
    return { status: "refunded", alreadyDone: true };
  }
  const total = wooCents(order.total) ?? 0;
  const refunded = refunds.reduce((sum, r) => sum + (wooCents(r.amount) ?? 0), 0);
  if (input.amountCents <= 0 || refunded + input.amountCents > total) {
    return exceeds(input.amountCents, total - refunded);
  }
  try {
    await store.woo.createRefund(order.id, {
      amount: formatCents(input.amountCents),
      reason: `Refunded at Alma (${input.almaRefundId})`,
      api_refund: false,
      api_restock: false,
      meta_data: [{ key: ALMA_REFUND_META, value: input.almaRefundId }],
    });
  } catch (error) {
    // Another refund got in between our read and this write: WooCommerce says "Invalid refund amount."
    if (error instanceof WooApiError && error.code === "woocommerce_rest_cannot_create_order_refund") {
      return exceeds(input.amountCents, total - refunded);
    }
    throw error;
  }
  const after = await store.woo.getOrder(order.id);
  if (after) await rememberOrderState(deps.storage, input.tenantId, after);
  return { status: "refunded", alreadyDone: false };
}

function exceeds(amountCents: number, leftCents: number): PlatformOutcome {
  return {
    status: "rejected",
    reason: "refund_exceeds_paid",
    detail: `${amountCents} cents would exceed the ${Math.max(0, leftCents)} cents left to refund`,
  };
}
