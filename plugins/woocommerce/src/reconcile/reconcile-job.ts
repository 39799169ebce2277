import type { PlatformAdapter } from "@alma-suite/core";
import type { JobDefinition } from "@alma-suite/core/storage";
import { type ReconcileJobPayload, reconcileJobType } from "../jobs/job-types.ts";
import type { WooDeps } from "../store/woo-deps.ts";
import { reconcileStore } from "./reconcile-store.ts";
import { scheduleReconcile } from "./schedule-reconcile.ts";

/** The periodic reconciliation of one store; schedules the next slot whatever happens to this one. */
export function reconcileJob(deps: WooDeps, adapter: PlatformAdapter): JobDefinition<ReconcileJobPayload> {
  return reconcileJobType.define(async ({ tenantId }, ctx) => {
    const tenant = await deps.storage.getTenant(tenantId);
    if (tenant?.platform !== "woocommerce" || tenant.status !== "active") return;
    try {
      const result = await reconcileStore(deps, adapter, tenantId, { signal: ctx.signal });
      deps.logger.info({ tenantId, ...result }, "WooCommerce store reconciled");
    } finally {
      await scheduleReconcile(deps.storage, tenantId, deps.config.reconcileEveryMinutes, deps.now());
    }
  });
}
