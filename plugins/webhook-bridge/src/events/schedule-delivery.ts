import { jobType, type StorageTransaction } from "@alma-suite/core/storage";
import { z } from "zod";
import type { Delivery } from "./delivery-store.ts";

export const DELIVER_JOB = "bridge:deliver";

export const deliverJobType = jobType(
  DELIVER_JOB,
  z.object({
    deliveryId: z.string(),
    /** 1-based; the job for attempt n runs at most once per key. */
    attempt: z.int().positive(),
  }),
);
export type DeliverPayload = z.infer<typeof deliverJobType.payload>;

/**
 * One durable job per attempt of one message to one endpoint. The key names the message, the
 * endpoint, the delivery's origin and the attempt, so re-enqueueing (a crash after the attempt
 * was recorded) is a no-op and every retry is a job of its own, due at its scheduled time.
 */
export async function scheduleDelivery(
  tx: StorageTransaction,
  delivery: Pick<Delivery, "id" | "messageId" | "endpointId" | "originKey">,
  attempt: number,
  runAt: number,
): Promise<void> {
  await deliverJobType.enqueue(tx, {
    key: `bridge:deliver:${delivery.messageId}:${delivery.endpointId}:${delivery.originKey}#${attempt}`,
    payload: { deliveryId: delivery.id, attempt },
    runAt,
    // Only our own faults (database down) throw; delivery failures are scheduled by us, not by the queue.
    maxAttempts: 20,
  });
}
