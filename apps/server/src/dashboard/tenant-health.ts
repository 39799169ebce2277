import type { AlmaClient } from "@alma-suite/core";
import {
  ALMA_INTERACTIVE,
  AlmaAuthenticationError,
  type AlmaCallOptions,
  type PluginDashboard,
} from "@alma-suite/core";
import { CONFIRM_PAYMENT_JOB } from "@alma-suite/core/flows";
import type { Storage, Tenant } from "@alma-suite/core/storage";

const ALMA_CHECK_TTL_MS = 60_000;

type AlmaCheck = { ok: boolean; mode: string; detail: string };

/**
 * A tenant's connection health: its Alma key (one cheap authenticated call, the fee plans, kept
 * 60 s per tenant so an open dashboard does not hammer Alma), its platform (the plugin's own
 * check), its last Alma notification and its jobs that need attention.
 */
export function tenantHealth(options: {
  storage: Storage;
  almaFor(tenantId: string, call?: AlmaCallOptions): Promise<AlmaClient>;
  pluginFor(platform: string): PluginDashboard | undefined;
  now(): number;
}) {
  const cache = new Map<string, { at: number; check: AlmaCheck }>();
  async function checkAlma(tenant: Tenant): Promise<AlmaCheck> {
    const cached = cache.get(tenant.id);
    if (cached && options.now() - cached.at < ALMA_CHECK_TTL_MS && cached.check.mode === tenant.almaMode)
      return cached.check;
    let check: AlmaCheck;
    try {
      const plans = await (await options.almaFor(tenant.id, ALMA_INTERACTIVE)).merchant.feePlans();
      const allowed = plans.filter((p) => p.allowed).length;
      check = { ok: true, mode: tenant.almaMode, detail: `the key works (${allowed} fee plans allowed)` };
    } catch (error) {
      const detail =
        error instanceof AlmaAuthenticationError
          ? "Alma refused the key: enter a valid one in the settings"
          : (error as Error).message.slice(0, 200);
      check = { ok: false, mode: tenant.almaMode, detail };
    }
    if (cache.size > 10_000) cache.clear();
    cache.set(tenant.id, { at: options.now(), check });
    return check;
  }
  return {
    async check(tenant: Tenant) {
      const plugin = options.pluginFor(tenant.platform);
      const [alma, platform, notifications, counts] = await Promise.all([
        checkAlma(tenant),
        plugin?.checkConnection
          ? plugin
              .checkConnection(tenant.id)
              .catch((e: Error) => ({ ok: false, detail: e.message.slice(0, 200) }))
          : Promise.resolve({ ok: null, detail: "nothing to check for this platform" }),
        options.storage.listJobs({ tenantId: tenant.id, type: CONFIRM_PAYMENT_JOB, limit: 1 }),
        options.storage.countJobsByState({ tenantId: tenant.id }),
      ]);
      return {
        alma,
        platform,
        lastNotificationAt: notifications[0]?.createdAt ?? null,
        jobs: { failed: counts.failed, dead: counts.dead },
      };
    },
  };
}

export type TenantHealth = ReturnType<typeof tenantHealth>;
