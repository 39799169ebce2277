import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { type FakeShopify, paymentSession, SHOPIFY_API_VERSION_HEADER } from "@alma-suite/shopify/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NginxProxy, startNginx } from "./support/nginx-proxy.ts";
import { type ShopifyJourney, startShopifyJourney, stopShopifyJourney } from "./support/shopify-journey.ts";
import { type Certificate, throwawayCa } from "./support/throwaway-ca.ts";
import { postOverTls } from "./support/tls-request.ts";

const SHOP = "mtls-proxy.myshopify.com";
const CONFIG = fileURLToPath(new URL("../../../deploy/nginx/shopify-mtls.conf", import.meta.url));
// Stand-ins made for this run: the real Shopify CA goes in nginx's folder, never in tests.
const shopifyCa = throwawayCa("shopify");
const otherCa = throwawayCa("other");
const edgeCa = throwawayCa("edge");
const edgeCert = edgeCa.issue("nginx");
const shopifyClient = shopifyCa.issue("shopify-client");
const strangerClient = otherCa.issue("stranger");
// nginx connects to the app from this loopback address, the only one the app trusts the header from.
const PROXY_ADDRESS = "127.0.0.2";

let journey: ShopifyJourney;
let fake: FakeShopify;
let nginx: NginxProxy;

beforeAll(async () => {
  journey = await startShopifyJourney({
    dataDirPrefix: "shopify-mtls-nginx-",
    apiKey: "alma-suite-mtls-proxy-app",
    apiSecret: "shpss_test_secret_mtls_proxy_01",
    shop: SHOP,
    almaKey: "sk_test_shopifyMtlsProxy1",
    plans: [{ key: "general_3_0_0" }],
    config: { SHOPIFY_MTLS_PROXY_ADDRESSES: PROXY_ADDRESS },
  });
  ({ fake } = journey);
  nginx = await startNginx({
    include: CONFIG,
    upstream: new URL(journey.server.url).host.replace("localhost", "127.0.0.1"),
    serverCert: edgeCert,
    confFiles: { "shopify-client-ca.pem": shopifyCa.cert },
    serverDirectives: [`proxy_bind ${PROXY_ADDRESS}`],
  });
});
afterAll(async () => {
  await nginx?.stop();
  await stopShopifyJourney(journey);
});

const sessionHeaders = () => ({
  "Shopify-Shop-Domain": SHOP,
  "Shopify-Request-Id": randomUUID(),
  "Shopify-Api-Version": SHOPIFY_API_VERSION_HEADER,
});

/** Shopify's payment session request through nginx, with the client certificate given (if any). */
const throughNginx = (client?: Certificate, headers: Record<string, string> = {}) => {
  const body = paymentSession("sale-3x", { amount: "450.00" });
  fake.registerSession({ gid: String(body.gid), shop: SHOP, kind: "payment" });
  return postOverTls(`${nginx.url}/shopify/payment-sessions`, {
    headers: { ...sessionHeaders(), ...headers },
    body,
    ca: edgeCa.cert,
    ...(client ? { client: { cert: client.cert, key: client.key } } : {}),
  });
};

describe("mTLS behind nginx (deploy/nginx/shopify-mtls.conf)", () => {
  it("answers Shopify's certificate: the payment session starts", async () => {
    const answer = await throughNginx(shopifyClient);
    expect(answer.status).toBe(201);
    // One plan: straight to Alma's hosted page.
    expect(answer.body.redirect_url).toEqual(expect.stringContaining("/alma-sandbox/checkout/"));
  });

  it("refuses a session request without a certificate, even one claiming a verdict of its own", async () => {
    const refusal = { error: "this route answers only Shopify, with its client certificate (mTLS)" };
    expect(await throughNginx()).toEqual({ status: 403, body: refusal });
    expect(await throughNginx(undefined, { "X-SSL-Client-Verify": "SUCCESS" })).toEqual({
      status: 403,
      body: refusal,
    });
  });

  it("refuses a certificate from another CA at nginx", async () => {
    const answer = await throughNginx(strangerClient);
    expect(answer.status).toBe(400);
  });

  it("ignores the verdict header from an address that is not the proxy's", async () => {
    const body = paymentSession("sale-3x", { amount: "450.00" });
    const direct = await fetch(`${journey.server.url}/shopify/payment-sessions`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...sessionHeaders(), "X-SSL-Client-Verify": "SUCCESS" },
      body: JSON.stringify(body),
    });
    expect(direct.status).toBe(403);
  });

  it("lets the merchant's pages through without a certificate", async () => {
    const home = await fetch(`${journey.server.url}/healthz`);
    expect(home.status).toBe(200);
  });
});
