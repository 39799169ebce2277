import {
  type DeliveriesAnswer,
  type DeliveryReplayAnswer,
  deliveriesQuerySchema,
} from "@alma-suite/core/dashboard-api";
import { Router } from "express";
import { type DashboardContext, refuse, tenantOf } from "./dashboard-context.ts";

/** Webhook deliveries, for platforms whose plugin sends webhooks; others say `supported: false`. */
export function deliveryRoutes(ctx: DashboardContext): Router {
  const router = Router();
  router.get("/tenants/:tenantId/deliveries", async (req, res) => {
    const query = deliveriesQuerySchema.safeParse(req.query);
    if (!query.success)
      return refuse(ctx, res, 400, "status must be pending, delivered, failed or exhausted", {
        field: "status",
      });
    const tenant = tenantOf(res);
    const plugin = ctx.pluginFor(tenant.platform);
    if (!plugin?.listDeliveries)
      return res.json({ supported: false, deliveries: [] } satisfies DeliveriesAnswer);
    res.json({
      supported: true,
      deliveries: await plugin.listDeliveries(tenant.id, { ...query.data, limit: 200 }),
    } satisfies DeliveriesAnswer);
  });
  router.post("/tenants/:tenantId/deliveries/:deliveryId/replay", async (req, res) => {
    const tenant = tenantOf(res);
    const plugin = ctx.pluginFor(tenant.platform);
    const delivery = plugin?.replayDelivery
      ? await plugin.replayDelivery(tenant.id, req.params.deliveryId)
      : null;
    if (!delivery)
      return refuse(ctx, res, 404, "no delivery with that id (or its endpoint is gone or disabled)");
    ctx.logger.info(
      { tenantId: tenant.id, deliveryId: req.params.deliveryId },
      "delivery replayed from the dashboard",
    );
    res.status(202).json({ delivery } satisfies DeliveryReplayAnswer);
  });
  return router;
}
