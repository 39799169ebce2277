import type { StorageTransaction } from "@alma-suite/core/storage";

export const SYNC_PAYMENT_JOB = "bridge:sync-payment";

export interface SyncPaymentPayload {
  tenantId: string;
  paymentLinkId: string;
}

/** Asks for one payment to be compared with Alma soon; `reason` keeps distinct requests apart. */
export async function enqueuePaymentSync(
  tx: StorageTransaction,
  input: SyncPaymentPayload & { reason: string; runAt?: number },
): Promise<void> {
  await tx.enqueue({
    type: SYNC_PAYMENT_JOB,
    key: `bridge:sync:${input.paymentLinkId}:${input.reason}`,
    payload: { tenantId: input.tenantId, paymentLinkId: input.paymentLinkId } satisfies SyncPaymentPayload,
    runAt: input.runAt,
  });
}
