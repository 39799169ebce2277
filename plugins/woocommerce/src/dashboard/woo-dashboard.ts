import type { PluginDashboard } from "@alma-suite/core";
import { adminOrderUrl } from "../store/admin-order-url.ts";
import { loadStore } from "../store/load-store.ts";
import { readStoreSettings } from "../store/store-settings.ts";
import type { WooDeps } from "../store/woo-deps.ts";

/**
 * WooCommerce's part of the merchant dashboard: a link to the order in wp-admin (the link's order
 * reference is the WooCommerce order id) and a connection check that reads one order with the
 * stored REST key, which fails on a revoked key or an unreachable store.
 */
export function wooDashboard(deps: WooDeps): PluginDashboard {
  return {
    orderUrl(tenant, link) {
      if (tenant.platform !== "woocommerce" || !/^\d+$/.test(link.platformOrderRef)) return null;
      const read = readStoreSettings(tenant);
      if (!read.ok) return null;
      return adminOrderUrl(read.settings, link.platformOrderRef);
    },
    async checkConnection(tenantId) {
      const store = await loadStore(deps, tenantId);
      if (!store) return { ok: false, detail: "the store is not connected (no REST key, or uninstalled)" };
      try {
        const page = await store.woo.listOrders({ page: 1, perPage: 1 });
        return { ok: true, detail: `the REST API answers (${page.total} orders)` };
      } catch (error) {
        return { ok: false, detail: (error as Error).message.slice(0, 200) };
      }
    },
  };
}
