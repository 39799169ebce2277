import type { PlatformAdapter } from "@alma-suite/core";
import type { JobHandler } from "@alma-suite/core/storage";
import { reconcileJobPayload } from "../jobs/job-types.ts";
import type { WooDeps } from "../store/woo-deps.ts";
import { reconcileStore } from "./reconcile-store.ts";
import { scheduleReconcile } from "./schedule-reconcile.ts";

/** The periodic reconciliation of one store; schedules the next slot whatever happens to this one. */
export function reconcileJob(deps: WooDeps, adapter: PlatformAdapter): JobHandler {
  return async (payload, ctx) => {
    const { tenantId } = reconcileJobPayload.parse(payload);
    const tenant = await deps.storage.getTenant(tenantId);
    if (tenant?.platform !== "woocommerce" || tenant.status !== "active") return;
    try {
      const result = await reconcileStore(deps, adapter, tenantId, { signal: ctx.signal });
      deps.logger.info({ tenantId, ...result }, "WooCommerce store reconciled");
    } finally {
      await scheduleReconcile(deps.storage, tenantId, deps.config.reconcileEveryMinutes, deps.now());
    }
  };
}
