import {
  type AlmaCallOptions,
  type AlmaClient,
  findUnstorableText,
  type PluginDashboard,
  type PluginLogger,
  readBody,
  UNSTORABLE_TEXT,
} from "@alma-suite/core";
import { DASHBOARD_OPERATIONS, dashboardApiDocument } from "@alma-suite/core/dashboard-api";
import type { Storage } from "@alma-suite/core/storage";
import { type NextFunction, type Request, type Response, Router } from "express";
import { type DashboardContext, refuse, sessionOf } from "./dashboard-context.ts";
import { dashboardPage } from "./dashboard-page.ts";
import { dashboardSessions } from "./dashboard-session.ts";
import { deliveryRoutes } from "./delivery-routes.ts";
import { emailSender } from "./email-sender.ts";
import { jobRoutes } from "./job-routes.ts";
import { type LoginLinks, loginLinks } from "./login-links.ts";
import { paymentRoutes } from "./payment-routes.ts";
import { posRoutes } from "./pos-routes.ts";
import { loginRoute, sessionRoutes } from "./session-routes.ts";
import { tenantHealth } from "./tenant-health.ts";
import { tenantRoutes } from "./tenant-routes.ts";

export interface DashboardOptions {
  storage: Storage;
  almaFor(tenantId: string, call?: AlmaCallOptions): Promise<AlmaClient>;
  pluginFor(platform: string): PluginDashboard | undefined;
  adminToken: string;
  publicUrl: string;
  smtpUrl: string | undefined;
  logger: PluginLogger;
  now(): number;
  /** Where the built admin app is; the workspace's by default. */
  dist?: string;
}

/**
 * The merchant dashboard, mounted at `/dashboard`: the page, merchant login links, and the JSON
 * API at `/dashboard/api`, described by `/dashboard/api/openapi.json` (generated from core's
 * dashboard-api schemas, which the routes read and answer with). Every API request needs a session; every change
 * needs `X-Requested-With: alma-dashboard`, which a cross-site form cannot send; every
 * `/tenants/:tenantId/…` route is scoped to a tenant the session may see, others being 404.
 */
export function dashboardRouter(options: DashboardOptions): { router: Router; links: LoginLinks } {
  const ctx: DashboardContext = {
    storage: options.storage,
    almaFor: options.almaFor,
    pluginFor: options.pluginFor,
    sessions: dashboardSessions({
      secret: options.adminToken,
      secure: options.publicUrl.startsWith("https:"),
      now: options.now,
    }),
    links: loginLinks({ secret: options.adminToken, ...options }),
    health: tenantHealth(options),
    sendEmail: emailSender({
      smtpUrl: options.smtpUrl,
      from: `alma-suite <no-reply@${new URL(options.publicUrl).hostname}>`,
      logger: options.logger,
    }),
    logger: options.logger,
    publicUrl: options.publicUrl,
    now: options.now,
  };
  const api = Router();
  let document: Record<string, unknown> | undefined;
  api.get("/openapi.json", (_req, res) => {
    document ??= dashboardApiDocument(DASHBOARD_OPERATIONS, {
      version: "1.0.0",
      serverUrl: options.publicUrl,
    });
    res.json(document);
  });
  api.use(readBody({ types: ["application/json"], limitBytes: 16 * 1024, as: "json" }));
  api.use((req, res, next) => {
    // PostgreSQL cannot store NUL or unpaired surrogates: refuse them here (400), not at the database.
    const unstorable = findUnstorableText(req.body);
    if (unstorable) return refuse(ctx, res, 400, `${unstorable} ${UNSTORABLE_TEXT}`, { field: unstorable });
    next();
  });
  api.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.get("x-requested-with") === "alma-dashboard")
      return next();
    refuse(ctx, res, 403, "changes need the X-Requested-With: alma-dashboard header");
  });
  api.use(sessionRoutes(ctx, options.adminToken));
  api.use((req: Request, res: Response, next: NextFunction) => {
    const session = ctx.sessions.read(req);
    if (!session) return refuse(ctx, res, 401, "not signed in");
    res.locals.dashboardSession = session;
    next();
  });
  api.use("/tenants/:tenantId", async (req: Request<{ tenantId: string }>, res, next) => {
    const session = sessionOf(res);
    const tenant = await ctx.storage.getTenant(req.params.tenantId);
    // Another tenant's id gets the same answer as an unknown one.
    if (!tenant || (session.role === "merchant" && session.tenantId !== tenant.id))
      return refuse(ctx, res, 404, "no tenant with that id");
    res.locals.tenant = tenant;
    next();
  });
  for (const routes of [tenantRoutes, paymentRoutes, jobRoutes, deliveryRoutes, posRoutes])
    api.use(routes(ctx));
  api.use((req, res) => refuse(ctx, res, 404, `no route for ${req.method} ${req.path}`));

  const router = Router();
  router.use(loginRoute(ctx));
  router.use("/api", api);
  router.use(dashboardPage(options.dist));
  return { router, links: ctx.links };
}
