import type { LoginLink, TenantHealth, TenantsAnswer } from "@alma-suite/core/dashboard-api";
import { Router } from "express";
import { type DashboardContext, refuse, sessionOf, tenantOf } from "./dashboard-context.ts";

/** The tenants a session may see, their health, and (operator only) merchant login links. */
export function tenantRoutes(ctx: DashboardContext): Router {
  const router = Router();
  router.get("/tenants", async (_req, res) => {
    const session = sessionOf(res);
    const tenants =
      session.role === "operator"
        ? await ctx.storage.listTenants()
        : [await ctx.storage.getTenant(session.tenantId)].filter((t) => t !== null);
    res.json({
      tenants: tenants.map((t) => ({
        id: t.id,
        platform: t.platform,
        externalId: t.externalId,
        name: t.name,
        almaMode: t.almaMode,
        status: t.status,
        createdAt: t.createdAt,
      })),
    } satisfies TenantsAnswer);
  });
  router.get("/tenants/:tenantId/health", async (_req, res) => {
    const health: TenantHealth = await ctx.health.check(tenantOf(res));
    res.json(health);
  });
  router.post("/tenants/:tenantId/login-links", (_req, res) => {
    if (sessionOf(res).role !== "operator")
      return refuse(ctx, res, 403, "only the operator makes login links");
    const tenant = tenantOf(res);
    if (tenant.status !== "active") return refuse(ctx, res, 409, "this tenant is uninstalled");
    ctx.logger.info({ tenantId: tenant.id }, "merchant login link made");
    const link: LoginLink = ctx.links.mint(tenant.id);
    res.status(201).json(link);
  });
  return router;
}
