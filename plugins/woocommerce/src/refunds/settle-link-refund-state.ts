import type { PaymentLink, StorageOps } from "@alma-suite/core/storage";

/** Moves the link to partially_refunded or refunded from what its succeeded and pending refunds add up to. */
export async function settleLinkRefundState(storage: StorageOps, link: PaymentLink): Promise<void> {
  const refunded = await storage.sumRefundedCents(link.tenantId, link.id);
  if (refunded <= 0) return;
  if (refunded >= link.amountCents) {
    await storage.transitionPayment(link.tenantId, link.id, ["paid", "partially_refunded"], "refunded");
  } else {
    await storage.transitionPayment(link.tenantId, link.id, ["paid"], "partially_refunded");
  }
}
