import type { PluginLogger } from "@alma-suite/core";
import type { Storage, Tenant } from "@alma-suite/core/storage";
import { updateShopSettings } from "../tenants/shop-tenant.ts";
import { forgetShopTokens } from "../tenants/shop-tokens.ts";

/**
 * `app/uninstalled`: Shopify has revoked the tokens, so they are deleted; the method is no longer
 * configured (a reinstall must go through the settings again). Payments and refunds are kept.
 */
export async function appUninstalled(
  deps: { storage: Storage; logger: PluginLogger },
  tenant: Tenant,
): Promise<void> {
  await forgetShopTokens(deps.storage, tenant.id);
  await updateShopSettings(deps.storage, tenant.id, (s) => ({ ...s, ready: false, configuredAt: null }));
  await deps.storage.updateTenant(tenant.id, { status: "uninstalled" });
  deps.logger.info({ tenantId: tenant.id, shop: tenant.externalId }, "Shopify app uninstalled");
}
