import type { PlatformPlugin, PluginDeps } from "@alma-suite/core";
import type { Router } from "express";
import { type BridgeConfig, bridgeConfigSchema } from "./config/bridge-config.ts";
import { createBridge } from "./create-bridge.ts";
import { bridgeDashboard } from "./dashboard/bridge-dashboard.ts";

/**
 * The generic webhook bridge: agencies connect any platform (custom shops, headless stores,
 * PrestaShop, Magento) through `/bridge/v1` and receive Standard Webhooks-signed events.
 */
export const webhookBridgePlugin: PlatformPlugin<BridgeConfig, PluginDeps, Router> = {
  name: "bridge",
  mountPath: "/bridge",
  configSchema: bridgeConfigSchema,
  create(config, deps) {
    const { routes, jobs, adapter, ctx } = createBridge(config, deps);
    return { routes, jobs, adapter, dashboard: bridgeDashboard(ctx) };
  },
};
