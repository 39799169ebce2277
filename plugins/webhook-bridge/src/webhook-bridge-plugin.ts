import { createHash } from "node:crypto";
import type { PlatformPlugin, PluginDeps } from "@alma-suite/core";
import type { Request, Router } from "express";
import { type BridgeConfig, bridgeConfigSchema } from "./config/bridge-config.ts";
import { bridgeMigrations } from "./db/bridge-migrations.ts";

/**
 * The generic webhook bridge, as the server registers it: agencies connect any platform (custom
 * shops, headless stores, PrestaShop, Magento) through `/bridge/v1` and receive Standard
 * Webhooks-signed events. This file stays light: the bridge's code is imported by `create`, on a
 * server with bridge merchants, or at the first request to `/bridge` (an agency, the demo store).
 */
export const webhookBridgePlugin: PlatformPlugin<BridgeConfig, PluginDeps, Router, Request> = {
  name: "bridge",
  mountPath: "/bridge",
  configSchema: bridgeConfigSchema,
  homeLinks: [{ path: "/openapi.json", label: "Webhook bridge API", note: "(OpenAPI 3.1)" }],
  configured: (config) => config.operatorToken !== undefined,
  migrations: bridgeMigrations,
  adoptsHistoryFrom: "bridge_schema_migrations",
  // One bucket per agency credential, checked by the routes before anything else happens.
  rateLimits: (config) => [{ paths: ["/"], perSecond: config.rateLimitPerSecond, callerOf: credentialOf }],
  // Agencies' clients parse the problem's `type`, as in every other answer of the bridge.
  formatRefusal: (refusal) => ({
    contentType: "application/problem+json",
    body: JSON.stringify({
      type: `/bridge/problems/${refusal.problem.slug}`,
      title: refusal.problem.title,
      status: refusal.status,
      detail: refusal.message,
      instance: refusal.path.slice(0, 200),
    }),
  }),
  async create(config, deps) {
    const [{ createBridge }, { bridgeDashboard }] = await Promise.all([
      import("./create-bridge.ts"),
      import("./dashboard/bridge-dashboard.ts"),
    ]);
    const { routes, jobs, adapter, ctx } = createBridge(config, deps);
    return { routes, jobs, adapter, dashboard: bridgeDashboard(ctx) };
  },
};

/**
 * A digest of the whole bearer credential, not the key id it contains: key ids are shown in
 * lists, so keying on them would let anyone spend another agency's allowance.
 */
function credentialOf(req: Request): string | undefined {
  const header = req.get("authorization");
  return header ? createHash("sha256").update(header).digest("base64url") : undefined;
}
