import type { PaymentLink } from "@alma-suite/core/storage";
import { ALMA_REFUND_META } from "../adapter/record-refund.ts";
import type { StoreContext } from "../store/load-store.ts";
import type { WooDeps } from "../store/woo-deps.ts";
import { wooCents } from "../woo/woo-money.ts";
import { metaValue, type WooOrder } from "../woo/woo-schemas.ts";
import { queueRefund } from "./queue-refund.ts";

/** Statuses that mean "give the customer their money back", with or without a WooCommerce refund. */
const REFUNDING_STATUSES = ["refunded", "cancelled"];

/**
 * Refunds created in WooCommerce that Alma has not made yet: each new refund on the order (by id),
 * except those we recorded ourselves for a refund made at Alma (meta `alma_refund_id`); then, when
 * the order was moved to refunded or cancelled, whatever is still unrefunded, once per status.
 */
export async function detectWooRefunds(
  deps: WooDeps,
  store: StoreContext,
  link: PaymentLink,
  order: WooOrder,
): Promise<string[]> {
  const actions: string[] = [];
  const known = new Set(
    (await deps.storage.listRefunds(link.tenantId, link.id)).map((r) => r.platformRefundRef),
  );
  const unseen = order.refunds.filter((r) => !known.has(String(r.id)));
  if (unseen.length > 0) {
    const details = new Map((await store.woo.listRefunds(order.id)).map((r) => [r.id, r]));
    for (const summary of unseen.sort((a, b) => a.id - b.id)) {
      const detail = details.get(summary.id);
      const almaRefundId = detail ? metaValue(detail.meta_data, ALMA_REFUND_META) : undefined;
      if (almaRefundId) continue;
      const cents = wooCents(detail?.amount ?? summary.total);
      if (!cents) continue;
      actions.push(await queue(deps, store, link, String(summary.id), cents));
    }
  }
  if (REFUNDING_STATUSES.includes(order.status)) {
    const left = link.amountCents - (await deps.storage.sumRefundedCents(link.tenantId, link.id));
    if (left > 0) actions.push(await queue(deps, store, link, `${order.status}:${order.id}`, left));
  }
  return actions;
}

async function queue(
  deps: WooDeps,
  store: StoreContext,
  link: PaymentLink,
  ref: string,
  cents: number,
): Promise<string> {
  const result = await queueRefund(deps.storage, link, ref, cents);
  if (result.outcome !== "exceeds_refundable") return `refund_${result.outcome}:${ref}`;
  deps.logger.warn(
    { tenantId: link.tenantId, ref, cents, left: result.refundableCents },
    "WooCommerce refund above what Alma can refund",
  );
  await store.woo.addNote(
    Number(link.platformOrderRef),
    `Alma: refund ${ref} of ${cents} cents cannot be made at Alma, only ${result.refundableCents} cents are left to refund.`,
  );
  return `refund_refused:${ref}`;
}
