import type { PlatformPlugin, PluginDeps } from "@alma-suite/core";
import type { Request, Router } from "express";
import { type ShopifyConfig, shopifyConfigSchema } from "./config/shopify-config.ts";
import { shopifyMigrations } from "./db/shopify-migrations.ts";

/**
 * The Shopify payments app, as the server registers it: routes under `/shopify`. This file stays
 * light (no Shopify library, no GraphQL): the app's code is imported by `create`, only on a server
 * whose settings hold the app's credentials or whose database holds Shopify shops.
 */
export const shopifyPlugin: PlatformPlugin<ShopifyConfig, PluginDeps, Router, Request> = {
  name: "shopify",
  mountPath: "/shopify",
  // Shopify's session requests, the only ones it signs with its client certificate.
  clientCertificatePaths: ["/payment-sessions", "/refund-sessions", "/capture-sessions", "/void-sessions"],
  // That certificate is the only proof a session request comes from Shopify. Production is Shopify's
  // real origin with the app's credentials; with a real Alma account too, the server then refuses
  // the session routes until a check is configured. Elsewhere (a fake Shopify, the sandbox) they
  // answer without one unless a check is configured, and the start banner says so.
  clientCertificates: (config) => ({
    holder: "Shopify",
    ...config.clientCertificates,
    requiredInProduction:
      Boolean(config.apiKey && config.apiSecret) && config.shopOrigin === "https://{shop}",
    settings: { ca: "SHOPIFY_CLIENT_CA", proxyAddresses: "SHOPIFY_MTLS_PROXY_ADDRESSES" },
  }),
  configSchema: shopifyConfigSchema,
  configured: (config) => Boolean(config.apiKey && config.apiSecret),
  migrations: shopifyMigrations,
  // Every route is keyed by the shop Shopify names in its headers, unverified until the route
  // checks the request's signature (the routes refuse shops we do not know).
  rateLimits: () => [{ paths: ["/"], callerOf: shopOf, unverified: true }],
  async create(config, deps) {
    const { createShopify } = await import("./create-shopify.ts");
    return createShopify(config, deps);
  },
};

/** The shop Shopify names in its headers (session requests and webhooks). */
function shopOf(req: Request): string | undefined {
  const shop = req.get("shopify-shop-domain") ?? req.get("x-shopify-shop-domain");
  return shop ? shop.trim().toLowerCase().slice(0, 255) : undefined;
}
