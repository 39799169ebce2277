import { readFileSync } from "node:fs";
import { provisionSandboxKeys } from "@alma-suite/alma-sandbox/testing";
import { shopifyPlugin } from "@alma-suite/shopify";
import { FakeShopify, paymentSession, sendSession, setUpShop } from "@alma-suite/shopify/testing";
import { webhookBridgePlugin } from "@alma-suite/webhook-bridge";
import { woocommercePlugin } from "@alma-suite/woocommerce";
import { type FakeWooCommerce, startFakeWooCommerce } from "@alma-suite/woocommerce/testing";
import type { RunningServer } from "../../../src/create-server.ts";
import { startHostileServer } from "../../hostile/support/hostile-server.ts";

export const OPERATOR = "fuzz-bridge-operator-token-0001";
export const WOO_TOKEN = "fuzz-woocommerce-registration-01";
export const SHOPIFY_KEY = "alma-suite-fuzz-app";
export const SHOPIFY_SECRET = "shpss_fuzz_secret_0001";
export const SHOP_A = "fuzz-a.myshopify.com";
export const SHOP_B = "fuzz-b.myshopify.com";

/** One tenant of each platform per side: A is the attacker's own, B the victim's. */
export interface Side {
  bridgeKey: string;
  merchantRef: string;
  merchantId: string;
  paymentId: string;
  wooStore: string;
  wooGatewaySecret: string;
  wooWebhookSecret: string;
  shopTenant: string;
  shopSessionId: string;
  /** Text only this side's data holds, never sent in a request: an answer carrying it leaked. */
  markers: string[];
}

export interface FuzzWorld {
  server: RunningServer;
  a: Side;
  b: Side;
  /** A merchant dashboard session of A's bridge merchant. */
  dashboardCookie: string;
  /**
   * A WooCommerce tenant left half-connected (made with `tenants add`, no settings), holding A's
   * webhook and gateway secrets: what a wrong or unfinished tenant looks like to the routes.
   */
  incompleteStore: string;
  close(): Promise<void>;
}

const basket = JSON.parse(
  readFileSync(new URL("../../../../../fixtures/bridge/checkouts/basket-3x.json", import.meta.url), "utf8"),
) as Record<string, unknown>;

/**
 * The whole server with the three plugins (and their fakes), and two of everything, so that
 * requests with A's credentials can aim at B's data.
 */
export async function startFuzzWorld(): Promise<FuzzWorld> {
  const shopify = await FakeShopify.start({ apiKey: SHOPIFY_KEY, apiSecret: SHOPIFY_SECRET });
  const shops = [await startFakeWooCommerce(), await startFakeWooCommerce()];
  const server = await startHostileServer({
    plugins: [webhookBridgePlugin, shopifyPlugin, woocommercePlugin],
    env: {
      BRIDGE_OPERATOR_TOKEN: OPERATOR,
      WOOCOMMERCE_REGISTRATION_TOKEN: WOO_TOKEN,
      WOOCOMMERCE_RECONCILE_EVERY_MINUTES: "0",
      SHOPIFY_API_KEY: SHOPIFY_KEY,
      SHOPIFY_API_SECRET: SHOPIFY_SECRET,
      SHOPIFY_SHOP_ORIGIN: shopify.shopOrigin,
    },
  });
  const bridge = async (method: string, path: string, key: string, body?: unknown) => {
    const response = await fetch(`${server.url}/bridge${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (response.status >= 300)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  const side = async (name: "A" | "B", woo: FakeWooCommerce, shop: string): Promise<Side> => {
    await provisionSandboxKeys(
      server.almaBaseUrl,
      `sk_test_fuzzBridge${name}0000001`,
      `sk_test_fuzzWoo${name}00000001`,
      `sk_test_fuzzShopify${name}000001`,
    );
    const agency = await bridge("POST", "/v1/operator/agencies", OPERATOR, { name: `Fuzz agency ${name}` });
    const key = (agency.api_key as { token: string }).token;
    const merchantRef = `fuzz-shop-${name.toLowerCase()}`;
    const merchantName = `Fuzz secret merchant name ${name}`;
    const merchant = await bridge("PUT", `/v1/merchants/${merchantRef}`, key, {
      name: merchantName,
      alma_test_key: `sk_test_fuzzBridge${name}0000001`,
    });
    const orderReference = `FUZZ-SECRET-ORDER-${name}`;
    const checkout = await bridge("POST", `/v1/merchants/${merchantRef}/checkouts`, key, {
      ...basket,
      order_reference: orderReference,
    });
    const keys = woo.addApiKey();
    const store = await fetch(`${server.url}/woocommerce/stores`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${WOO_TOKEN}` },
      body: JSON.stringify({
        store_url: woo.url,
        consumer_key: keys.consumerKey,
        consumer_secret: keys.consumerSecret,
        alma_test_key: `sk_test_fuzzWoo${name}00000001`,
      }),
    });
    const registered = (await store.json()) as { store_id: string; gateway_secret: string };
    await setUpShop(shopify, server.url, {
      shop,
      almaKey: `sk_test_fuzzShopify${name}000001`,
      plans: [{ key: "general_3_0_0" }],
    });
    const session = paymentSession("sale-3x");
    const created = await sendSession(shopify, server.url, "payment-sessions", shop, session);
    if (created.status !== 201) throw new Error(`payment session for ${shop}: ${created.status}`);
    const shopTenant = await server.storage.findTenantByExternalId("shopify", shop);
    return {
      bridgeKey: key,
      merchantRef,
      merchantId: String(merchant.id),
      paymentId: String((checkout.payment as { id: string }).id),
      wooStore: registered.store_id,
      wooGatewaySecret: registered.gateway_secret,
      wooWebhookSecret: (await server.storage.getSecret(registered.store_id, "webhook_secret")) ?? "",
      shopTenant: shopTenant?.id ?? "",
      shopSessionId: String(session.id),
      markers: [merchantName, orderReference],
    };
  };
  const a = await side("A", shops[0] as FakeWooCommerce, SHOP_A);
  const b = await side("B", shops[1] as FakeWooCommerce, SHOP_B);
  for (const woo of shops) await woo.webhooks.settle();
  const dashboardCookie = await merchantSession(server, a.merchantId);
  const { tenant: incomplete } = await server.storage.createTenant({
    platform: "woocommerce",
    externalId: "https://half-connected.example",
    name: "Half-connected store",
  });
  await server.storage.updateTenant(incomplete.id, { status: "active" });
  await server.storage.setSecret(incomplete.id, "webhook_secret", a.wooWebhookSecret);
  await server.storage.setSecret(incomplete.id, "gateway_secret", a.wooGatewaySecret);
  return {
    server,
    a,
    b,
    dashboardCookie,
    incompleteStore: incomplete.id,
    async close() {
      await server.stop();
      for (const woo of shops) await woo.close();
      await shopify.close();
    },
  };
}

const CHANGE = { "content-type": "application/json", "x-requested-with": "alma-dashboard" };
const cookieOf = (response: Response) => (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";

/** Signs in as the operator, mints a login link for the tenant and follows it: its merchant session. */
async function merchantSession(server: RunningServer, tenantId: string): Promise<string> {
  const api = `${server.url}/dashboard/api`;
  const signIn = await fetch(`${api}/session`, {
    method: "POST",
    headers: CHANGE,
    body: JSON.stringify({ token: server.adminToken }),
  });
  const link = await fetch(`${api}/tenants/${tenantId}/login-links`, {
    method: "POST",
    headers: { ...CHANGE, cookie: cookieOf(signIn) },
  });
  const { url } = (await link.json()) as { url: string };
  const login = await fetch(url.replace(/^https?:\/\/[^/]+/, server.url), { redirect: "manual" });
  return cookieOf(login);
}
