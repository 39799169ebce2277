import type { PluginDashboard } from "@alma-suite/core";
import { isPosLink } from "@alma-suite/core/flows";
import type { Storage } from "@alma-suite/core/storage";
import { TOKEN_SECRET } from "../tenants/shop-tokens.ts";

/**
 * Shopify's part of the merchant dashboard. A payment session comes before its order, so the
 * order's admin page is only linked once an order id was recorded on the link; the connection is
 * healthy while the shop is installed and we hold its access token.
 */
export function shopifyDashboard(storage: Storage): PluginDashboard {
  return {
    orderUrl(tenant, link) {
      const orderId = link.custom.shopifyOrderId;
      if (tenant.platform !== "shopify" || typeof orderId !== "string" || !/^\d+$/.test(orderId)) return null;
      return `https://${tenant.externalId}/admin/orders/${orderId}`;
    },
    // Shopify turns every refund made in its admin into a refund session, which this app then
    // makes at Alma: a refund made from our dashboard, then recorded in Shopify so the order
    // shows it, would be made twice. Refunds of Shopify orders start in Shopify.
    // A payment link sent from the dashboard (in store, by phone) has no Shopify order: refunded here.
    refundElsewhere: (tenant, link) =>
      tenant.platform === "shopify" && !isPosLink(link)
        ? "Refund this order from your Shopify admin: Shopify then asks Alma through the app, and the order shows the refund."
        : null,
    async checkConnection(tenantId) {
      const tenant = await storage.getTenant(tenantId);
      if (tenant?.platform !== "shopify") return { ok: false, detail: "not a Shopify shop" };
      if (tenant.status !== "active") return { ok: false, detail: "the app was uninstalled from the shop" };
      if (!(await storage.getSecret(tenantId, TOKEN_SECRET)))
        return { ok: false, detail: "no access token: reinstall the app from the Shopify admin" };
      return { ok: true, detail: "installed, access token stored" };
    },
  };
}
