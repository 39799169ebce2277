import type { AlmaCallOptions, AlmaClient, PluginDashboard, PluginLogger } from "@alma-suite/core";
import type { EmailSender } from "@alma-suite/core/flows";
import type { Storage, Tenant } from "@alma-suite/core/storage";
import type { Response } from "express";
import type { DashboardSession, DashboardSessions } from "./dashboard-session.ts";
import type { LoginLinks } from "./login-links.ts";
import type { TenantHealth } from "./tenant-health.ts";

/** What the dashboard's routes share, built once by `dashboardRouter`. */
export interface DashboardContext {
  storage: Storage;
  /** Pass `ALMA_INTERACTIVE`: someone is waiting on every dashboard answer. */
  almaFor(tenantId: string, call?: AlmaCallOptions): Promise<AlmaClient>;
  /** The dashboard part of the plugin serving that platform, if it has one. */
  pluginFor(platform: string): PluginDashboard | undefined;
  sessions: DashboardSessions;
  links: LoginLinks;
  health: TenantHealth;
  sendEmail: EmailSender;
  logger: PluginLogger;
  publicUrl: string;
  now(): number;
}

/** Set by the session middleware and the `:tenantId` parameter handler. */
export function sessionOf(res: Response): DashboardSession {
  return res.locals.dashboardSession as DashboardSession;
}

export function tenantOf(res: Response): Tenant {
  return res.locals.tenant as Tenant;
}

/** The contract's error shape: `{error, field?}` with a 4xx, and a log line saying why. */
export function refuse(
  ctx: Pick<DashboardContext, "logger">,
  res: Response,
  status: number,
  error: string,
  extra: Record<string, unknown> = {},
): void {
  // The logger redacts a login link's token from `path` (createLogger).
  ctx.logger.warn({ status, error, path: res.req.path, ...extra }, "dashboard request refused");
  res.status(status).json({ error, ...extra });
}
