import type { PlatformPlugin, PluginDeps } from "@alma-suite/core";
import { shopifyPlugin } from "@alma-suite/shopify";
import { webhookBridgePlugin } from "@alma-suite/webhook-bridge";
import { woocommercePlugin } from "@alma-suite/woocommerce";
import type { Router } from "express";

/** A plugin as the server composes it: core's contract with Express routers. */
export type ServerPlugin = PlatformPlugin<unknown, PluginDeps, Router>;

/**
 * The platform plugins this server mounts. Each plugin's `name` is the tenant platform it
 * serves (`shopify`, `woocommerce`, `bridge`), which is how core's flows find the adapter.
 */
export const defaultPlugins: ServerPlugin[] = [shopifyPlugin, woocommercePlugin, webhookBridgePlugin];
