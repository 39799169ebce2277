import type { PlatformAdapter } from "@alma-suite/core";
import { type PeriodicTask, periodicTask } from "@alma-suite/core/storage";
import { createWooAdapter } from "../adapter/woo-adapter.ts";
import { RECONCILE_JOB } from "../jobs/job-types.ts";
import type { WooDeps } from "../store/woo-deps.ts";
import { reconcileStore } from "./reconcile-store.ts";

/**
 * Each connected store's reconciliation, every `reconcileEveryMinutes`: a periodic task chain per
 * store (the job filed under the store's tenant), keyed by store and period, so the server
 * starting, a store reconnecting and the previous run all queue the same run once. A store
 * connected now is first reconciled at the next period; a store that is gone ends its chain.
 */
export function storeReconciliation(deps: WooDeps, adapter?: PlatformAdapter): PeriodicTask {
  return periodicTask({
    type: RECONCILE_JOB,
    everyMs: deps.config.reconcileEveryMinutes * 60_000,
    queue: deps.storage,
    clock: deps.now,
    startWith: "next",
    maxAttempts: 5,
    active: async ({ tenantId }) => {
      const tenant = tenantId ? await deps.storage.getTenant(tenantId) : null;
      return tenant?.platform === "woocommerce" && tenant.status === "active";
    },
    run: async ({ tenantId }, ctx) => {
      if (!tenantId) return;
      const result = await reconcileStore(deps, adapter ?? createWooAdapter(deps), tenantId, {
        signal: ctx.signal,
      });
      deps.logger.info({ tenantId, ...result }, "WooCommerce store reconciled");
    },
  });
}

/** Queues the store's next reconciliation unless one already waits (at start, and on connecting). */
export function scheduleReconcile(deps: WooDeps, tenantId: string): Promise<void> {
  return storeReconciliation(deps).ensure({ tenantId });
}
