import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getCACertificates, setDefaultCACertificates } from "node:tls";
import { shopifyPlugin } from "@alma-suite/shopify";
import { type FakeShopify, paymentSession, SHOPIFY_API_VERSION_HEADER } from "@alma-suite/shopify/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientCertificateConfigs } from "../src/config/client-certificate-config.ts";
import { ConfigError, loadConfig } from "../src/config/load-config.ts";
import { loadPluginConfigs } from "../src/config/plugin-configs.ts";
import { startServer } from "../src/create-server.ts";
import { describeClientCertificates } from "../src/http/client-certificate-guard.ts";
import { createLogger } from "../src/observability/create-logger.ts";
import { type ShopifyJourney, startShopifyJourney, stopShopifyJourney } from "./support/shopify-journey.ts";
import { type Certificate, throwawayCa } from "./support/throwaway-ca.ts";
import { postOverTls } from "./support/tls-request.ts";

const SHOP = "mtls-direct.myshopify.com";
// Stand-ins made for this run: the real Shopify CA belongs in SHOPIFY_CLIENT_CA, never in tests.
const shopifyCa = throwawayCa("shopify");
const otherCa = throwawayCa("other");
const serverCa = throwawayCa("server");
const serverCert = serverCa.issue("server");
const shopifyClient = shopifyCa.issue("shopify-client");
const strangerClient = otherCa.issue("stranger");

let journey: ShopifyJourney;
let fake: FakeShopify;

beforeAll(async () => {
  // The merchant's browser (fetch) trusts the server's certificate, as it would a real one.
  setDefaultCACertificates([...getCACertificates("default"), serverCa.cert]);
  journey = await startShopifyJourney({
    dataDirPrefix: "shopify-mtls-",
    apiKey: "alma-suite-mtls-app",
    apiSecret: "shpss_test_secret_mtls_000001",
    shop: SHOP,
    almaKey: "sk_test_shopifyMtls0001",
    plans: [{ key: "general_3_0_0" }],
    config: {
      TLS_CERT: serverCert.certFile,
      TLS_KEY: serverCert.keyFile,
      SHOPIFY_CLIENT_CA: shopifyCa.certFile,
    },
  });
  ({ fake } = journey);
});
afterAll(async () => {
  await stopShopifyJourney(journey);
});

/** Shopify's payment session request, over TLS, with the client certificate given (if any). */
const startPayment = (client?: Certificate) => {
  const body = paymentSession("sale-3x", { amount: "450.00" });
  fake.registerSession({ gid: String(body.gid), shop: SHOP, kind: "payment" });
  return postOverTls(`${journey.server.url}/shopify/payment-sessions`, {
    headers: {
      "Shopify-Shop-Domain": SHOP,
      "Shopify-Request-Id": randomUUID(),
      "Shopify-Api-Version": SHOPIFY_API_VERSION_HEADER,
    },
    body,
    ca: serverCa.cert,
    ...(client ? { client: { cert: client.cert, key: client.key } } : {}),
  });
};

describe("mTLS with TLS terminated by the server (TLS_CERT, TLS_KEY, SHOPIFY_CLIENT_CA)", () => {
  it("serves over TLS; the merchant's pages need no client certificate", () => {
    expect(journey.server.url).toMatch(/^https:\/\/localhost:\d+$/);
    // setUpShop installed and configured the shop over this TLS server, without a certificate.
    expect(fake.configurations.filter((c) => c.shop === SHOP)).toHaveLength(1);
  });

  it("refuses a session request without a client certificate", async () => {
    const answer = await startPayment();
    expect(answer).toEqual({
      status: 403,
      body: { error: "this route answers only Shopify, with its client certificate (mTLS)" },
    });
  });

  it("refuses a certificate from another CA", async () => {
    expect((await startPayment(strangerClient)).status).toBe(403);
  });

  it("answers Shopify's certificate: the payment session starts", async () => {
    const answer = await startPayment(shopifyClient);
    expect(answer.status).toBe(201);
    expect(String(answer.body.redirect_url)).toMatch(/^https:\/\/localhost:\d+\//);
  });

  it("refuses the follow-up routes too without the certificate", async () => {
    for (const path of ["refund-sessions", "capture-sessions", "void-sessions"]) {
      const answer = await postOverTls(`${journey.server.url}/shopify/${path}`, {
        headers: { "Shopify-Shop-Domain": SHOP },
        body: {},
        ca: serverCa.cert,
      });
      expect(answer.status, path).toBe(403);
    }
  });
});

/** The guard of Shopify's session routes, from one environment read by the server and the plugin. */
const certificatesOf = (env: Record<string, string>) => {
  const plugins = [shopifyPlugin];
  const [shopify] = clientCertificateConfigs(loadConfig(env), plugins, loadPluginConfigs(plugins, env));
  if (!shopify) throw new Error("the Shopify plugin declares no client certificates");
  return shopify;
};

describe("what is production, and what mTLS then demands", () => {
  const production = {
    ALMA_API_KEY: "sk_live_mtlsProduction01",
    SHOPIFY_API_KEY: "k",
    SHOPIFY_API_SECRET: "s",
  };

  it("is Shopify's real origin with the app's credentials and a real Alma account", () => {
    expect(certificatesOf(production)).toMatchObject({ production: true, required: true });
    expect(certificatesOf({ ...production, SHOPIFY_SHOP_ORIGIN: "http://127.0.0.1:9/{shop}" })).toMatchObject(
      { production: false, required: false },
    );
    expect(certificatesOf({ ...production, ALMA_API_KEY: "" })).toMatchObject({
      production: false,
      required: false,
    });
    expect(certificatesOf({ SHOPIFY_MTLS_PROXY_ADDRESSES: "10.0.0.2, fd00::/64" })).toMatchObject({
      production: false,
      required: true,
      proxyAddresses: ["10.0.0.2", "fd00::/64"],
      proxyHeader: "X-SSL-Client-Verify",
    });
  });

  it("says in the banner whether mTLS is on, off or missing", () => {
    expect(describeClientCertificates(certificatesOf({}))).toMatch(
      /^mTLS OFF \(development or sandbox mode\)/,
    );
    expect(describeClientCertificates(certificatesOf(production))).toMatch(
      /^mTLS REQUIRED but not configured/,
    );
    expect(
      describeClientCertificates(certificatesOf({ ...production, SHOPIFY_MTLS_PROXY_ADDRESSES: "10.0.0.2" })),
    ).toBe(
      "mTLS on: Shopify's client certificate checked by the proxy at 10.0.0.2 (verdict in X-SSL-Client-Verify)",
    );
  });

  it("refuses settings that cannot work", () => {
    expect(() => loadConfig({ TLS_CERT: "/x.crt" })).toThrow(/TLS_CERT and TLS_KEY/);
    expect(() => certificatesOf({ SHOPIFY_CLIENT_CA: "/ca.pem" })).toThrow(ConfigError);
    expect(() => certificatesOf({ SHOPIFY_MTLS_PROXY_ADDRESSES: "nginx.local" })).toThrow(
      /SHOPIFY_MTLS_PROXY_ADDRESSES/,
    );
    expect(() => certificatesOf({ SHOPIFY_MTLS_PROXY_ADDRESSES: "10.0.0.0/33" })).toThrow(
      /SHOPIFY_MTLS_PROXY_ADDRESSES/,
    );
  });

  it("in production without any check configured, refuses every session request", async () => {
    const server = await startServer(
      loadConfig({
        ...production,
        PORT: "0",
        DATA_DIR: mkdtempSync(join(tmpdir(), "shopify-mtls-prod-")),
        LOG_LEVEL: "silent",
        ALMA_API_URL: "http://127.0.0.1:9",
      }),
      createLogger({ level: "silent" }),
      { env: production },
    );
    try {
      const answer = await fetch(`${server.url}/shopify/payment-sessions`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Shopify-Shop-Domain": SHOP },
        body: "{}",
      });
      expect(answer.status).toBe(403);
    } finally {
      await server.stop();
    }
  });
});
