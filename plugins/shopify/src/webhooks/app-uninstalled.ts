import type { PluginLogger } from "@alma-suite/core";
import type { Storage, Tenant } from "@alma-suite/core/storage";
import { readShopSettings } from "../tenants/shop-settings.ts";
import { updateShopSettings } from "../tenants/shop-tenant.ts";
import { forgetShopTokens } from "../tenants/shop-tokens.ts";

/**
 * `app/uninstalled`: Shopify has revoked the tokens, so they are deleted; the method is no longer
 * configured (a reinstall must go through the settings again). Payments and refunds are kept.
 * An uninstall triggered before the shop's latest install is stale (a delivery Shopify retried
 * after the merchant reinstalled, or an old one sent again) and changes nothing: acting on it
 * would take Alma off a shop that has just put it back. False when so ignored.
 */
export async function appUninstalled(
  deps: { storage: Storage; logger: PluginLogger },
  tenant: Tenant,
  triggeredAt: number | undefined,
): Promise<boolean> {
  // Shops installed before lastInstalledAt existed have only their first install's time.
  const settings = readShopSettings(tenant.settings);
  const lastInstalledAt = settings.lastInstalledAt ?? settings.installedAt;
  if (triggeredAt !== undefined && lastInstalledAt !== null && triggeredAt < lastInstalledAt) {
    deps.logger.warn(
      { tenantId: tenant.id, shop: tenant.externalId, triggeredAt, lastInstalledAt },
      "Shopify uninstall from before the latest install ignored",
    );
    return false;
  }
  await forgetShopTokens(deps.storage, tenant.id);
  await updateShopSettings(deps.storage, tenant.id, (s) => ({ ...s, ready: false, configuredAt: null }));
  await deps.storage.updateTenant(tenant.id, { status: "uninstalled" });
  deps.logger.info({ tenantId: tenant.id, shop: tenant.externalId }, "Shopify app uninstalled");
  return true;
}
