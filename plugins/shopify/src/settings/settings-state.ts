import { AlmaError, maskSecret } from "@alma-suite/core";
import { readShopSettings } from "../tenants/shop-settings.ts";
import { type PlanOption, planOptions } from "./plan-options.ts";
import type { AlmaMode, SettingsState } from "./settings-api-schemas.ts";
import { type ApiResult, KEY_SECRET, type SettingsDeps } from "./settings-deps.ts";

export type { SettingsState };

/** What the settings page shows: keys only masked, the plans Alma allows and the merchant's choices. */
export async function settingsState(deps: SettingsDeps, tenantId: string): Promise<ApiResult<SettingsState>> {
  const tenant = await deps.storage.getTenant(tenantId);
  if (tenant?.status !== "active") return { ok: false, status: 404, error: "this shop is not installed" };
  const settings = readShopSettings(tenant.settings);
  const keys = {} as SettingsState["keys"];
  const raw: Partial<Record<AlmaMode, string>> = {};
  for (const mode of ["test", "live"] as const) {
    const key = await deps.storage.getSecret(tenant.id, KEY_SECRET[mode]);
    if (key) raw[mode] = key;
    const account = settings.almaAccounts[mode];
    keys[mode] = key
      ? {
          masked: maskSecret(key),
          merchantId: account?.merchantId ?? null,
          merchantName: account?.name ?? null,
        }
      : null;
  }
  const plansMode = raw[tenant.almaMode] ? tenant.almaMode : raw.test ? "test" : raw.live ? "live" : null;
  let options: PlanOption[] = [];
  let planOptionsError: string | null = null;
  const key = plansMode ? raw[plansMode] : undefined;
  if (key) {
    try {
      options = planOptions(await deps.almaWithKey(key).merchant.feePlans());
    } catch (error) {
      if (!(error instanceof AlmaError)) throw error;
      planOptionsError = `Alma did not list your plans: ${error.message}`;
    }
  }
  return {
    ok: true,
    value: {
      shop: tenant.externalId,
      almaMode: tenant.almaMode,
      ready: settings.ready,
      externalHandle: settings.externalHandle,
      keys,
      planOptions: options,
      plansMode,
      planOptionsError,
      plans: settings.plans,
      dataRequests: settings.dataRequests.map((d) => ({
        id: d.id,
        receivedAt: d.receivedAt,
        payments: d.payments.length,
      })),
    },
  };
}
