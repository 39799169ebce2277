import type { PaymentLink, StorageOps, StorageTransaction } from "@alma-suite/core/storage";
import { refundJobType } from "../jobs/job-types.ts";

export type QueueRefundResult =
  | { outcome: "queued" | "existing"; refundId: string }
  | { outcome: "exceeds_refundable"; refundableCents: number };

/**
 * Records a refund decided in WooCommerce and, in the same transaction, the job that makes it at
 * Alma. Both are keyed by the WooCommerce reference (the refund id), so however many webhooks,
 * reconciliations and gateway calls see the same refund, Alma is asked once.
 */
export async function queueRefund(
  storage: StorageOps & Pick<StorageTransaction, "transaction">,
  link: PaymentLink,
  platformRefundRef: string,
  amountCents: number,
): Promise<QueueRefundResult> {
  return storage.transaction(async (tx) => {
    const created = await tx.createRefund({
      tenantId: link.tenantId,
      paymentLinkId: link.id,
      platformRefundRef,
      amountCents,
      origin: "platform",
    });
    if (created.outcome === "exceeds_refundable") return created;
    if (created.outcome === "unknown_payment") return { outcome: "exceeds_refundable", refundableCents: 0 };
    if (created.outcome === "created") {
      await refundJobType.enqueue(tx, {
        key: `woocommerce:refund:${link.tenantId}:${platformRefundRef}`,
        payload: { tenantId: link.tenantId, refundId: created.refund.id },
      });
    }
    return { outcome: created.outcome === "created" ? "queued" : "existing", refundId: created.refund.id };
  });
}
