import { describe, expect, it } from "vitest";
import { shopifyConfigSchema } from "./shopify-config.ts";

describe("shopify config", () => {
  it("starts without credentials, with Shopify's own origin and a pinned API version", () => {
    expect(shopifyConfigSchema.parse({})).toEqual({
      apiKey: undefined,
      apiSecret: undefined,
      scopes: ["write_payment_gateways", "write_payment_sessions"],
      paymentsApiVersion: "2026-07",
      shopOrigin: "https://{shop}",
      expiringTokens: true,
      adminDist: undefined,
      clientCertificates: { ca: undefined, proxyAddresses: [], proxyHeader: "X-SSL-Client-Verify" },
    });
  });

  it("treats blank variables as unset and reads a local origin template", () => {
    const config = shopifyConfigSchema.parse({
      SHOPIFY_API_KEY: " ",
      SHOPIFY_SHOP_ORIGIN: "http://127.0.0.1:4321/{shop}/",
      SHOPIFY_EXPIRING_TOKENS: "false",
    });
    expect(config).toMatchObject({
      apiKey: undefined,
      shopOrigin: "http://127.0.0.1:4321/{shop}",
      expiringTokens: false,
    });
  });

  it.each([
    { SHOPIFY_SHOP_ORIGIN: "https://example.com" },
    { SHOPIFY_PAYMENTS_API_VERSION: "latest" },
    // A real version, but no schema file for it: its documents would go out unchecked.
    { SHOPIFY_PAYMENTS_API_VERSION: "2026-10" },
    { SHOPIFY_EXPIRING_TOKENS: "yes" },
  ])("refuses %j", (env) => {
    expect(shopifyConfigSchema.safeParse(env).success).toBe(false);
  });
});
