import { type JobDefinition, jobType, type Storage } from "@alma-suite/core/storage";
import { z } from "zod";
import { listOrdersToSync } from "../adapter/bridge-order-store.ts";
import type { BridgeContext } from "../bridge-context.ts";
import { dbOf } from "../db/bridge-db.ts";
import { purgeIdempotencyKeys } from "../http/idempotency.ts";
import { syncPayment } from "./sync-payment.ts";
import { SYNC_PAYMENT_JOB, type SyncPaymentPayload, syncPaymentJobType } from "./sync-payment-job-key.ts";

export const RECONCILE_JOB = "bridge:reconcile";
const BATCH = 200;
const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

const reconcileJobType = jobType(RECONCILE_JOB, z.object({ slot: z.int() }));

/**
 * Starts the periodic chain: one job per time slot, keyed by the slot, each enqueueing the next.
 * Several instances starting together enqueue the same key, so one chain runs.
 */
export async function scheduleReconciliation(
  storage: Storage,
  now: number,
  intervalMs: number,
): Promise<void> {
  if (intervalMs <= 0) return;
  const slot = Math.floor(now / intervalMs);
  await reconcileJobType.enqueue(storage, {
    key: `${RECONCILE_JOB}:${slot}`,
    payload: { slot },
    runAt: now,
  });
}

/**
 * One pass: the least recently synced open payments (instalments, lateness, dashboard refunds,
 * missed notifications), then housekeeping, then the next slot. One payment failing (Alma down
 * for that merchant) is logged and skipped; it is first in line next time.
 */
export function reconcileJob(ctx: BridgeContext): JobDefinition<{ slot: number }> {
  return reconcileJobType.define(async ({ slot }) => {
    await ctx.ready;
    const interval = ctx.config.reconcileIntervalMs;
    if (interval <= 0) return;
    const db = dbOf(ctx.storage);
    // Whatever was not looked at since this slot began: each slot covers every open payment once.
    const orders = await listOrdersToSync(db, slot * interval, BATCH);
    let failed = 0;
    for (const order of orders) {
      try {
        await syncPayment(ctx, { tenantId: order.tenantId, paymentLinkId: order.paymentLinkId });
      } catch (error) {
        failed += 1;
        ctx.logger.warn(
          { tenantId: order.tenantId, paymentLinkId: order.paymentLinkId, err: String(error) },
          "payment sync failed",
        );
      }
    }
    await purgeIdempotencyKeys(db, ctx.now() - IDEMPOTENCY_TTL_MS);
    await reconcileJobType.enqueue(ctx.storage, {
      key: `${RECONCILE_JOB}:${slot + 1}`,
      payload: { slot: slot + 1 },
      runAt: (slot + 1) * interval,
    });
    if (orders.length > 0)
      ctx.logger.info({ synced: orders.length - failed, failed }, "bridge reconciliation pass");
  });
}

/** One payment, now (after acceptance: instalment 1 and a pay-now "paid" are already true at Alma). */
export function syncPaymentJob(ctx: BridgeContext): JobDefinition<SyncPaymentPayload> {
  return syncPaymentJobType.define(async (p) => {
    await ctx.ready;
    await syncPayment(ctx, p);
  });
}

export { SYNC_PAYMENT_JOB };
