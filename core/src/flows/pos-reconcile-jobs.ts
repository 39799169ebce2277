import { z } from "zod";
import type { AlmaClient } from "../alma/alma-client.ts";
import type { JobHandler } from "../jobs/job-worker.ts";
import type { PluginLogger } from "../platform/plugin-deps.ts";
import type { Storage } from "../storage/storage.ts";
import { OPEN_POS_STATES, reconcilePosLinks } from "./reconcile-pos-links.ts";

export const POS_RECONCILE_JOB = "core:pos-reconcile";

const tenantPayload = z.object({ tenantId: z.string(), staleBefore: z.number() });

/**
 * The sweep, run every interval by each instance that runs jobs: one durable job per active tenant
 * that has a PoS link left open for a whole interval (a fresh link gets time to be paid first).
 * Keyed by tenant and time slot, so instances sweeping together queue it once, and one merchant's
 * Alma being down retries alone. An idle suite queues nothing. Returns how many tenants were due.
 */
export async function enqueueDuePosReconciliations(deps: {
  storage: Storage;
  now: () => number;
  intervalMs: number;
}): Promise<number> {
  if (deps.intervalMs <= 0) return 0;
  const now = deps.now();
  const slot = Math.floor(now / deps.intervalMs);
  const staleBefore = now - deps.intervalMs;
  let queued = 0;
  for (const tenant of await deps.storage.listTenants({ status: "active" })) {
    const due = await deps.storage.listPaymentLinks(tenant.id, {
      channel: "pos",
      states: OPEN_POS_STATES,
      updatedBefore: staleBefore,
      limit: 1,
    });
    if (due.length === 0) continue;
    await deps.storage.enqueue({
      type: POS_RECONCILE_JOB,
      key: `${POS_RECONCILE_JOB}:${tenant.id}:${slot}`,
      payload: { tenantId: tenant.id, staleBefore },
    });
    queued += 1;
  }
  return queued;
}

/** The job the sweep queues: one tenant's open PoS links, checked at Alma. */
export function posReconcileJobs(deps: {
  storage: Storage;
  almaFor: (tenantId: string) => Promise<AlmaClient>;
  logger: PluginLogger;
}): Record<string, JobHandler> {
  return {
    [POS_RECONCILE_JOB]: async (raw) => {
      const { tenantId, staleBefore } = tenantPayload.parse(raw);
      // No usable key (removed, tenant switched mode): retrying cannot help; the next sweep tries again.
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
