import type { PluginDashboard } from "@alma-suite/core";
import type { BridgeContext } from "../bridge-context.ts";
import { dbOf } from "../db/bridge-db.ts";
import { getDelivery } from "../events/delivery-store.ts";
import { replayMessage } from "../webhooks/replay-messages.ts";
import { listDashboardDeliveries } from "./list-dashboard-deliveries.ts";

/**
 * The bridge's part of the merchant dashboard: its webhook deliveries and the replay button.
 * Replaying sends the same message (same webhook-id) again to the delivery's endpoint, as the
 * agency API's replay does.
 */
export function bridgeDashboard(ctx: BridgeContext): PluginDashboard {
  return {
    async listDeliveries(tenantId, query) {
      await ctx.ready;
      return listDashboardDeliveries(dbOf(ctx.storage), tenantId, query);
    },
    async replayDelivery(tenantId, deliveryId) {
      await ctx.ready;
      const db = dbOf(ctx.storage);
      const tenant = await ctx.storage.getTenant(tenantId);
      const delivery = await getDelivery(db, deliveryId);
      if (tenant?.platform !== "bridge" || !delivery || delivery.tenantId !== tenantId) return null;
      const result = await replayMessage(ctx, tenant, {
        messageId: delivery.messageId,
        endpointId: delivery.endpointId,
      });
      const created = result.ok ? result.deliveries[0] : undefined;
      if (!created) return null;
      const [listed] = await listDashboardDeliveries(db, tenantId, { id: created.id });
      return listed ?? null;
    },
    async checkConnection() {
      // Agencies call us; there is no platform to reach. Endpoint health shows in the deliveries.
      return { ok: null, detail: "the agency calls the bridge API; deliveries show endpoint health" };
    },
  };
}
