import { jobType, type StorageTransaction } from "@alma-suite/core/storage";
import { z } from "zod";

export const SYNC_PAYMENT_JOB = "bridge:sync-payment";

export const syncPaymentJobType = jobType(
  SYNC_PAYMENT_JOB,
  z.object({ tenantId: z.string(), paymentLinkId: z.string() }),
);
export type SyncPaymentPayload = z.infer<typeof syncPaymentJobType.payload>;

/** Asks for one payment to be compared with Alma soon; `reason` keeps distinct requests apart. */
export async function enqueuePaymentSync(
  tx: StorageTransaction,
  input: SyncPaymentPayload & { reason: string; runAt?: number },
): Promise<void> {
  await syncPaymentJobType.enqueue(tx, {
    key: `bridge:sync:${input.paymentLinkId}:${input.reason}`,
    payload: { tenantId: input.tenantId, paymentLinkId: input.paymentLinkId },
    runAt: input.runAt,
  });
}
