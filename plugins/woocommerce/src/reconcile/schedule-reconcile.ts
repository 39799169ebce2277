import type { JobQueue } from "@alma-suite/core/storage";
import { RECONCILE_JOB, reconcileJobType } from "../jobs/job-types.ts";

/**
 * Enqueues the store's reconciliation for the next time slot (every `everyMinutes`). The key names
 * the slot, so the server starting, a store reconnecting and the previous run finishing all
 * enqueue the same job once.
 */
export async function scheduleReconcile(
  queue: JobQueue,
  tenantId: string,
  everyMinutes: number,
  now: number,
): Promise<void> {
  if (everyMinutes <= 0) return;
  const slotMs = everyMinutes * 60_000;
  const slot = Math.floor(now / slotMs) + 1;
  await reconcileJobType.enqueue(queue, {
    key: `${RECONCILE_JOB}:${tenantId}:${slot}`,
    payload: { tenantId },
    runAt: slot * slotMs,
    maxAttempts: 5,
  });
}
