import { type JobDefinition, type PeriodicTask, periodicTask } from "@alma-suite/core/storage";
import { listOrdersToSync } from "../adapter/bridge-order-store.ts";
import type { BridgeContext } from "../bridge-context.ts";
import { dbOf } from "../db/bridge-db.ts";
import { purgeIdempotencyKeys } from "../http/idempotency.ts";
import { syncPayment } from "./sync-payment.ts";
import { SYNC_PAYMENT_JOB, type SyncPaymentPayload, syncPaymentJobType } from "./sync-payment-job-key.ts";

export const RECONCILE_JOB = "bridge:reconcile";
const BATCH = 200;
const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

/**
 * The periodic reconciliation: one run per interval across instances (a periodic task chain, each
 * run queueing the next), keyed by the period as before.
 */
export function reconciliation(ctx: BridgeContext): PeriodicTask {
  return periodicTask({
    type: RECONCILE_JOB,
    everyMs: ctx.config.reconcileIntervalMs,
    queue: ctx.storage,
    clock: ctx.now,
    run: (run) => reconcilePass(ctx, run.startsAt),
  });
}

/** Queues the reconciliation's current period unless a run already waits (every instance, at start). */
export function scheduleReconciliation(ctx: BridgeContext): Promise<void> {
  return reconciliation(ctx).ensure();
}

/**
 * One pass: the least recently synced open payments (instalments, lateness, dashboard refunds,
 * missed notifications), then housekeeping. One payment failing (Alma down for that merchant) is
 * logged and skipped; it is first in line next time.
 */
async function reconcilePass(ctx: BridgeContext, periodStartsAt: number): Promise<void> {
  await ctx.ready;
  const db = dbOf(ctx.storage);
  // Whatever was not looked at since this period began: each period covers every open payment once.
  const orders = await listOrdersToSync(db, periodStartsAt, BATCH);
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
  if (orders.length > 0)
    ctx.logger.info({ synced: orders.length - failed, failed }, "bridge reconciliation pass");
}

/** One payment, now (after acceptance: instalment 1 and a pay-now "paid" are already true at Alma). */
export function syncPaymentJob(ctx: BridgeContext): JobDefinition<SyncPaymentPayload> {
  return syncPaymentJobType.define(async (p) => {
    await ctx.ready;
    await syncPayment(ctx, p);
  });
}

export { SYNC_PAYMENT_JOB };
