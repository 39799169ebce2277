import type { StorageOps } from "@alma-suite/core/storage";
import { type ReconcileRun, storeSettingsSchema } from "../store/store-settings.ts";

export interface ReconcileState {
  /** Start of the last completed run: the next run's `modified_after`. */
  since: string | null;
  run: ReconcileRun | null;
  /** Orders whose sync failed in an earlier run, retried first by the next one. */
  retry?: number[];
}

/** The reconciliation cursor lives in the tenant's settings; written after every page. */
export async function saveReconcileState(
  storage: StorageOps,
  tenantId: string,
  state: ReconcileState,
): Promise<void> {
  const tenant = await storage.getTenant(tenantId);
  if (!tenant) return;
  await storage.updateTenant(tenantId, { settings: { ...tenant.settings, reconcile: state } });
}

export async function loadReconcileState(storage: StorageOps, tenantId: string): Promise<ReconcileState> {
  const tenant = await storage.getTenant(tenantId);
  const settings = tenant ? storeSettingsSchema.safeParse(tenant.settings) : undefined;
  const retry = (tenant?.settings.reconcile as { retry?: unknown } | undefined)?.retry;
  return {
    ...(settings?.success ? settings.data.reconcile : { since: null, run: null }),
    retry: Array.isArray(retry) ? retry.filter((id): id is number => Number.isInteger(id)) : [],
  };
}
