import { addressList, blankIsUnset } from "@alma-suite/core";
import { z } from "zod";
import { PINNED_API_VERSION, SCHEMA_VERSIONS } from "../payments-api/schema-versions.ts";

const optionalText = z.preprocess(blankIsUnset, z.string().min(1).optional());

/**
 * The Shopify app's settings, read once from the environment. Credentials are optional so the
 * server still starts without them (the routes then answer 503); everything outside Shopify's
 * own origin is configuration so a local fake can stand in.
 */
export const shopifyConfigSchema = z
  .object({
    SHOPIFY_API_KEY: optionalText,
    SHOPIFY_API_SECRET: optionalText,
    SHOPIFY_SCOPES: z.preprocess(
      blankIsUnset,
      z.string().default("write_payment_gateways,write_payment_sessions"),
    ),
    // The Payments Apps API version the app's documents are written and validated against: only a
    // version whose schema file exists (payments-api/payments-apps-<version>.graphql).
    SHOPIFY_PAYMENTS_API_VERSION: z.preprocess(
      blankIsUnset,
      z
        .enum(SCHEMA_VERSIONS, {
          error: `must be a version whose schema the app has (${SCHEMA_VERSIONS.join(", ")})`,
        })
        .default(PINNED_API_VERSION),
    ),
    // Where a shop's endpoints live (OAuth token, Payments Apps API); `{shop}` is the myshopify domain.
    SHOPIFY_SHOP_ORIGIN: z.preprocess(
      blankIsUnset,
      z
        .string()
        .regex(/^https?:\/\/\S*\{shop\}\S*$/, "must be a URL template containing {shop}")
        .default("https://{shop}"),
    ),
    SHOPIFY_EXPIRING_TOKENS: z.preprocess(blankIsUnset, z.enum(["true", "false"]).default("true")),
    // Built settings page (apps/admin/dist); found through the workspace when unset.
    SHOPIFY_ADMIN_DIST: optionalText,
    // Shopify's client certificate on the session routes (mTLS): checked by the server's own TLS
    // against this CA (a PEM file; the server's TLS_CERT and TLS_KEY terminate TLS), or by the
    // proxies at these addresses, whose verdict comes in the header named.
    SHOPIFY_CLIENT_CA: optionalText,
    SHOPIFY_MTLS_PROXY_ADDRESSES: z.preprocess(blankIsUnset, addressList().optional()),
    SHOPIFY_MTLS_PROXY_HEADER: z.preprocess(
      blankIsUnset,
      z
        .string()
        .regex(/^[A-Za-z0-9-]+$/, "must be a header name")
        .default("X-SSL-Client-Verify"),
    ),
  })
  .transform((env) => ({
    apiKey: env.SHOPIFY_API_KEY,
    apiSecret: env.SHOPIFY_API_SECRET,
    scopes: env.SHOPIFY_SCOPES.split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    paymentsApiVersion: env.SHOPIFY_PAYMENTS_API_VERSION,
    shopOrigin: env.SHOPIFY_SHOP_ORIGIN.replace(/\/$/, ""),
    expiringTokens: env.SHOPIFY_EXPIRING_TOKENS === "true",
    adminDist: env.SHOPIFY_ADMIN_DIST,
    clientCertificates: {
      ca: env.SHOPIFY_CLIENT_CA,
      proxyAddresses: env.SHOPIFY_MTLS_PROXY_ADDRESSES ?? [],
      proxyHeader: env.SHOPIFY_MTLS_PROXY_HEADER,
    },
  }));

export type ShopifyConfig = z.output<typeof shopifyConfigSchema>;

/** The app's credentials, present: what the routes that talk to Shopify need. */
export interface ShopifyCredentials {
  apiKey: string;
  apiSecret: string;
}
