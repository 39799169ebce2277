import "@shopify/shopify-api/adapters/node";
import type { PluginLogger } from "@alma-suite/core";
import { ApiVersion, LogSeverity, type Shopify, shopifyApi } from "@shopify/shopify-api";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import type { ShopifyCredentials } from "../config/shopify-config.ts";
import { rerouteShopUrl } from "./shop-url.ts";

/**
 * The library instance used for OAuth (begin, callback, token refresh) and HMAC checks. The
 * library always calls `https://{shop}/admin/oauth/...`; its fetch is routed through the shop
 * origin template so a local fake Shopify can answer in tests. The library keeps that fetch in a
 * module-level slot: the last plugin created in a process decides it (one per server).
 */
export function createShopifyApi(options: {
  credentials: ShopifyCredentials;
  scopes: string[];
  publicUrl: string;
  shopOrigin: string;
  logger: PluginLogger;
}): Shopify {
  const { credentials, shopOrigin, logger } = options;
  setAbstractFetchFunc((input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    return globalThis.fetch(rerouteShopUrl(shopOrigin, url), init);
  });
  const host = new URL(options.publicUrl);
  return shopifyApi({
    apiKey: credentials.apiKey,
    apiSecretKey: credentials.apiSecret,
    scopes: options.scopes,
    hostName: host.host,
    hostScheme: host.protocol === "http:" ? "http" : "https",
    apiVersion: ApiVersion.July26,
    isEmbeddedApp: false,
    logger: {
      level: LogSeverity.Warning,
      log: (severity, message) => {
        if (severity === LogSeverity.Error) logger.error({ source: "shopify-api" }, message);
        else logger.warn({ source: "shopify-api" }, message);
      },
    },
    _logDisabledFutureFlags: false,
  });
}
