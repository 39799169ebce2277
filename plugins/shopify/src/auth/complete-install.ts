import type { PluginLogger } from "@alma-suite/core";
import type { Storage, Tenant } from "@alma-suite/core/storage";
import type { Session } from "@shopify/shopify-api";
import { updateShopSettings } from "../tenants/shop-tenant.ts";
import { storeShopTokens } from "../tenants/shop-tokens.ts";

/**
 * OAuth succeeded: the shop's tenant exists (a reinstall finds the old one and reactivates it),
 * its offline token is stored encrypted, and the payment method waits for the merchant's settings.
 */
export async function completeInstall(
  deps: { storage: Storage; now: () => number; logger: PluginLogger },
  session: Session,
): Promise<Tenant> {
  const shop = session.shop.toLowerCase();
  const { tenant, created } = await deps.storage.createTenant({
    platform: "shopify",
    externalId: shop,
    name: shop,
    almaMode: "test",
    settings: {},
  });
  if (tenant.status !== "active") await deps.storage.updateTenant(tenant.id, { status: "active" });
  await storeShopTokens(deps.storage, tenant.id, session);
  const now = deps.now();
  await updateShopSettings(deps.storage, tenant.id, (s) => ({
    ...s,
    installedAt: s.installedAt ?? now,
    lastInstalledAt: now,
  }));
  deps.logger.info(
    { tenantId: tenant.id, shop, created, expiring: Boolean(session.expires) },
    "Shopify app installed",
  );
  return (await deps.storage.getTenant(tenant.id)) ?? tenant;
}
