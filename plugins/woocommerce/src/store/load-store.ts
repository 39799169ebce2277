import type { Tenant } from "@alma-suite/core/storage";
import { WooClient } from "../woo/woo-client.ts";
import { readStoreSettings, type StoreSettings } from "./store-settings.ts";
import type { WooDeps } from "./woo-deps.ts";

export interface StoreContext {
  tenant: Tenant;
  settings: StoreSettings;
  woo: WooClient;
}

/**
 * A registered, active WooCommerce store with a REST client built from its stored (encrypted)
 * credentials; null for any other tenant id, so a guessed id of another platform's tenant
 * gets the same answer as a missing one.
 */
export async function loadStore(deps: WooDeps, tenantId: string): Promise<StoreContext | null> {
  const tenant = await deps.storage.getTenant(tenantId);
  if (tenant?.platform !== "woocommerce" || tenant.status !== "active") return null;
  const [consumerKey, consumerSecret] = await Promise.all([
    deps.storage.getSecret(tenant.id, "wc_consumer_key"),
    deps.storage.getSecret(tenant.id, "wc_consumer_secret"),
  ]);
  if (!consumerKey || !consumerSecret) return null;
  const read = readStoreSettings(tenant);
  if (!read.ok) {
    deps.logger.warn({ tenantId, reason: read.error }, "WooCommerce store refused: connect it again");
    return null;
  }
  const settings = read.settings;
  const woo = new WooClient({
    url: settings.storeUrl,
    consumerKey,
    consumerSecret,
    timeoutMs: deps.config.timeoutMs,
    ...(deps.config.ca ? { ca: deps.config.ca } : {}),
  });
  return { tenant, settings, woo };
}
