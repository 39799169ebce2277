import type { Storage, Tenant } from "@alma-suite/core/storage";
import { isShopDomain } from "../shopify-app/shop-url.ts";
import { readShopSettings, type ShopSettings, writeShopSettings } from "./shop-settings.ts";

/** The installed shop behind a `Shopify-Shop-Domain` header, or null (unknown or uninstalled). */
export async function findActiveShop(storage: Storage, shop: string): Promise<Tenant | null> {
  if (!isShopDomain(shop)) return null;
  const tenant = await storage.findTenantByExternalId("shopify", shop.toLowerCase());
  return tenant?.status === "active" ? tenant : null;
}

/** Read-modify-write of the settings; the last writer wins, so callers change few, related fields. */
export async function updateShopSettings(
  storage: Storage,
  tenantId: string,
  change: (settings: ShopSettings) => ShopSettings,
): Promise<ShopSettings> {
  const tenant = await storage.getTenant(tenantId);
  if (!tenant) throw new Error(`no tenant ${tenantId}`);
  const next = change(readShopSettings(tenant.settings));
  await storage.updateTenant(tenantId, { settings: writeShopSettings(next) });
  return next;
}
