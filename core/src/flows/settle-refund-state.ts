import type { PaymentLink, PaymentState } from "../storage/records.ts";
import type { StorageOps } from "../storage/storage.ts";

const REFUNDABLE: readonly PaymentState[] = ["paid", "partially_refunded"];

/**
 * Moves a payment to `partially_refunded` or `refunded` from what its succeeded refunds now add
 * up to. Pending ones do not count: one that Alma then refuses would leave a payment marked
 * `refunded`, which no path refunds any more, with money still refundable. Every refund path (a platform's refund, the dashboard's, one made in
 * Alma's dashboard and found by reconciliation) calls this after recording its refund, so the
 * rule lives in one place. `from` lists the states a refund may apply to; a platform may also
 * refund sessions it still sees as authorised or pending.
 */
export async function settleRefundState(
  storage: Pick<StorageOps, "sumRefundedCents" | "transitionPayment">,
  link: PaymentLink,
  from: readonly PaymentState[] = REFUNDABLE,
): Promise<void> {
  const refunded = await storage.sumRefundedCents(link.tenantId, link.id, { succeededOnly: true });
  if (refunded <= 0) return;
  const to = refunded >= link.amountCents ? "refunded" : "partially_refunded";
  await storage.transitionPayment(link.tenantId, link.id, from, to);
}
