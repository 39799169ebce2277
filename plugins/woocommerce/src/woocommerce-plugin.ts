import type { PlatformPlugin, PluginDeps } from "@alma-suite/core";
import type { Request, Router } from "express";
import { WOOCOMMERCE_USAGE } from "./cli/woocommerce-usage.ts";
import { type WoocommerceConfig, woocommerceConfigSchema } from "./config/woocommerce-config.ts";

/**
 * WooCommerce, as the server registers it: routes under `/woocommerce`. This file stays light:
 * the connector's code is imported by `create`, only on a server with stores connected (or a
 * registration token to connect them over HTTP), and by the CLI command when it runs.
 */
export const woocommercePlugin: PlatformPlugin<WoocommerceConfig, PluginDeps, Router, Request> = {
  name: "woocommerce",
  mountPath: "/woocommerce",
  configSchema: woocommerceConfigSchema,
  configured: (config) => config.registrationToken !== undefined,
  // The store named in the URL, before its signature is checked: the connector's webhooks and
  // the WordPress gateway's calls share one bucket per store.
  rateLimits: () => [
    {
      paths: ["/webhooks/:storeId", "/gateway/:storeId"],
      callerOf: (req) => String(req.params.storeId),
      unverified: true,
    },
  ],
  cli: {
    command: "woocommerce",
    usage: WOOCOMMERCE_USAGE,
    async run(args, io, deps) {
      const { runWoocommerceCli } = await import("./cli/run-woocommerce-cli.ts");
      return runWoocommerceCli(args, io, deps);
    },
  },
  async create(config, deps) {
    const { createWoocommerce } = await import("./create-woocommerce.ts");
    return createWoocommerce(config, deps);
  },
};
