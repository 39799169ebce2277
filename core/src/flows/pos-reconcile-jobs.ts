import { z } from "zod";
import type { AlmaClient } from "../alma/alma-client.ts";
import type { JobHandler } from "../jobs/job-worker.ts";
import type { PluginLogger } from "../platform/plugin-deps.ts";
import type { Storage } from "../storage/storage.ts";
import { OPEN_POS_STATES, reconcilePosLinks } from "./reconcile-pos-links.ts";

export const POS_RECONCILE_JOB = "core:pos-reconcile";
export const POS_RECONCILE_TENANT_JOB = "core:pos-reconcile-tenant";

const slotPayload = z.object({ slot: z.int() });
const tenantPayload = z.object({ tenantId: z.string(), staleBefore: z.number() });

export interface PosReconcileDeps {
  storage: Storage;
  almaFor: (tenantId: string) => Promise<AlmaClient>;
  logger: PluginLogger;
  now: () => number;
  /** 0 turns the reconciliation off (a chain already queued then stops at its next slot). */
  intervalMs: number;
}

/**
 * Starts the periodic chain: one job per time slot, keyed by the slot, each enqueueing the next.
 * Several instances starting together enqueue the same key, so one chain runs.
 */
export async function schedulePosReconciliation(storage: Storage, now: number, intervalMs: number) {
  if (intervalMs <= 0) return;
  const slot = Math.floor(now / intervalMs);
  await storage.enqueue({ type: POS_RECONCILE_JOB, key: `${POS_RECONCILE_JOB}:${slot}`, payload: { slot } });
}

/**
 * The slot job: finds the active tenants that have a PoS link left open for a whole interval and
 * queues one job per such tenant (so one merchant's Alma being down retries alone), then the next
 * slot. A link is due once it has not changed for an interval: a fresh link gets time to be paid.
 */
export function posReconcileJobs(deps: PosReconcileDeps): Record<string, JobHandler> {
  return {
    [POS_RECONCILE_JOB]: async (raw) => {
      const { slot } = slotPayload.parse(raw);
      if (deps.intervalMs <= 0) return;
      const staleBefore = deps.now() - deps.intervalMs;
      for (const tenant of await deps.storage.listTenants({ status: "active" })) {
        const due = await deps.storage.listPaymentLinks(tenant.id, {
          channel: "pos",
          states: OPEN_POS_STATES,
          updatedBefore: staleBefore,
          limit: 1,
        });
        if (due.length === 0) continue;
        await deps.storage.enqueue({
          type: POS_RECONCILE_TENANT_JOB,
          key: `${POS_RECONCILE_TENANT_JOB}:${tenant.id}:${slot}`,
          payload: { tenantId: tenant.id, staleBefore },
        });
      }
      const next = slot + 1;
      await deps.storage.enqueue({
        type: POS_RECONCILE_JOB,
        key: `${POS_RECONCILE_JOB}:${next}`,
        payload: { slot: next },
        runAt: next * deps.intervalMs,
      });
    },
    [POS_RECONCILE_TENANT_JOB]: async (raw) => {
      const { tenantId, staleBefore } = tenantPayload.parse(raw);
      // No usable key (removed, tenant switched mode): retrying cannot help; the next slot tries again.
      const alma = await deps.almaFor(tenantId).catch((error: unknown) => {
        deps.logger.warn({ tenantId, err: String(error) }, "PoS reconciliation skipped: no Alma client");
        return null;
      });
      if (!alma) return;
      const report = await reconcilePosLinks({ ...deps, alma }, { tenantId, staleBefore });
      if (report.checked > 0) deps.logger.info({ tenantId, ...report }, "PoS links reconciled");
    },
  };
}
