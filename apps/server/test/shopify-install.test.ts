import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { provisionSandboxKeys } from "@alma-suite/alma-sandbox/testing";
import { signIpn } from "@alma-suite/core";
import { SQLITE_FILE_NAME } from "@alma-suite/core/storage";
import { shopifyPlugin } from "@alma-suite/shopify";
import { keyAnswerSchema, settingsStateSchema } from "@alma-suite/shopify/settings-api";
import {
  BROWSER_UA,
  CookieJar,
  FakeShopify,
  installShop,
  loadShopifyFixture,
  paymentSession,
  sendSession,
  sendWebhook,
  setUpShop,
  signQuery,
  waitForIdleJobs,
} from "@alma-suite/shopify/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/load-config.ts";
import { type RunningServer, startServer } from "../src/create-server.ts";
import { createLogger } from "../src/observability/create-logger.ts";

const API_KEY = "alma-suite-install-app";
const API_SECRET = "shpss_test_secret_install_00001";
const ALMA_KEY = "sk_test_shopifyInstall001";

let fake: FakeShopify;
let server: RunningServer;
let dataDir: string;
let clockOffsetMs = 0;

beforeAll(async () => {
  fake = await FakeShopify.start({
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    now: () => Date.now() + clockOffsetMs,
  });
  dataDir = mkdtempSync(join(tmpdir(), "shopify-install-"));
  server = await startServer(
    loadConfig({ PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "silent" }),
    createLogger({ level: "silent" }),
    {
      plugins: [shopifyPlugin],
      now: () => Date.now() + clockOffsetMs,
      env: { SHOPIFY_API_KEY: API_KEY, SHOPIFY_API_SECRET: API_SECRET, SHOPIFY_SHOP_ORIGIN: fake.shopOrigin },
    },
  );
  await provisionSandboxKeys(server.almaBaseUrl, ALMA_KEY);
});
afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

const get = (path: string, jar?: CookieJar) =>
  fetch(`${server.url}${path}`, {
    redirect: "manual",
    headers: { "User-Agent": BROWSER_UA, Cookie: jar?.header() ?? "" },
  });
const tenantOf = async (shop: string) => (await server.storage.findTenantByExternalId("shopify", shop))!;

describe("OAuth install", () => {
  it("refuses install requests Shopify did not sign", async () => {
    const shop = "unsigned.myshopify.com";
    expect((await get(`/shopify/auth?shop=${shop}`)).status).toBe(400);
    const forged = new URLSearchParams(
      signQuery({ shop, timestamp: String(Math.floor(Date.now() / 1000)) }, "wrong-secret"),
    );
    expect((await get(`/shopify/auth?${forged}`)).status).toBe(400);
    const stale = new URLSearchParams(
      signQuery({ shop, timestamp: String(Math.floor(Date.now() / 1000) - 3600) }, API_SECRET),
    );
    expect((await get(`/shopify/auth?${stale}`)).status).toBe(400);
    expect(
      (
        await get(
          `/shopify/auth?${new URLSearchParams(signQuery({ shop: "evil.example.com", timestamp: "1" }, API_SECRET))}`,
        )
      ).status,
    ).toBe(400);
    expect(await server.storage.findTenantByExternalId("shopify", shop)).toBeNull();
  });

  it("installs with the authorization code grant, stores the offline token encrypted, signs the merchant in", async () => {
    const shop = "install-ok.myshopify.com";
    const begin = await get(`/shopify/auth?${fake.signedQuery(shop)}`);
    expect(begin.status).toBe(302);
    const authorize = new URL(begin.headers.get("location")!);
    expect(authorize.origin).toBe(`https://${shop}`);
    expect(authorize.pathname).toBe("/admin/oauth/authorize");
    expect(authorize.searchParams.get("client_id")).toBe(API_KEY);
    expect(authorize.searchParams.get("scope")).toBe("write_payment_gateways,write_payment_sessions");
    expect(authorize.searchParams.get("redirect_uri")).toBe(`${server.url}/shopify/auth/callback`);

    const jar = new CookieJar();
    jar.store(begin);
    const callbackUrl = new URL(fake.approveInstall(authorize.toString()));
    const noCookie = await fetch(callbackUrl, { redirect: "manual", headers: { "User-Agent": BROWSER_UA } });
    expect(noCookie.status).toBe(400); // state cookie missing: not the browser that started
    const tampered = new URL(callbackUrl);
    tampered.searchParams.set("state", "someone-elses-state");
    expect(
      (
        await fetch(tampered, {
          redirect: "manual",
          headers: { "User-Agent": BROWSER_UA, Cookie: jar.header() },
        })
      ).status,
    ).toBe(400);

    const done = await fetch(callbackUrl, {
      redirect: "manual",
      headers: { "User-Agent": BROWSER_UA, Cookie: jar.header() },
    });
    expect(done.status).toBe(303);
    // The same callback again (a reload, a replay): Shopify refuses the spent code; the browser
    // is told what to do, not that Shopify is down.
    const replay = await fetch(callbackUrl, {
      redirect: "manual",
      headers: { "User-Agent": BROWSER_UA, Cookie: jar.header() },
    });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toEqual({
      error:
        "this installation link was already used or has expired: open the app again from your Shopify admin",
    });
    expect(done.headers.get("location")).toBe("/shopify/settings/");
    const sessionCookie = done.headers.getSetCookie().find((c) => c.startsWith("alma_shopify_session="));
    expect(sessionCookie).toMatch(/HttpOnly/);
    expect(sessionCookie).toMatch(/SameSite=Lax/);
    expect(sessionCookie).toMatch(/Path=\/shopify/);

    const tenant = await tenantOf(shop);
    expect(tenant).toMatchObject({ platform: "shopify", status: "active" });
    const token = await server.storage.getSecret(tenant.id, "shopify_token");
    expect(fake.tokensOf(shop)).toEqual([token]);
    expect(fake.tokenRequests.at(-1)).toMatchObject({ shop, grant: "authorization_code", expiring: true });
    const files = readdirSync(dataDir).filter((f) => f.startsWith(SQLITE_FILE_NAME));
    expect(files.length).toBeGreaterThan(0);
    const plain = files.filter((f) => readFileSync(join(dataDir, f)).includes(Buffer.from(token!)));
    expect(plain).toEqual([]);
    // The same check finds what is stored in clear, so it can fail.
    expect(files.some((f) => readFileSync(join(dataDir, f)).includes(Buffer.from(shop)))).toBe(true);
  });

  it("signs the merchant in when the app is opened from Shopify's admin, and installs unknown shops", async () => {
    const shop = "launch.myshopify.com";
    const unknown = await get(`/shopify/settings?${fake.signedQuery(shop)}`);
    expect(unknown.status).toBe(303);
    expect(unknown.headers.get("location")).toMatch(/^\/shopify\/auth\?/);
    await installShop(fake, server.url, shop);
    const launched = await get(`/shopify/settings?${fake.signedQuery(shop)}`);
    expect(launched.status).toBe(303);
    expect(launched.headers.getSetCookie().some((c) => c.startsWith("alma_shopify_session="))).toBe(true);
    // The admin's language goes on to the page (which reads ?locale=); anything else is dropped.
    expect(launched.headers.get("location")).toBe("/shopify/settings/");
    const french = await get(`/shopify/settings?${fake.signedQuery(shop, { locale: "fr-FR" })}`);
    expect(french.headers.get("location")).toBe("/shopify/settings/?locale=fr-FR");
    const hostile = await get(`/shopify/settings?${fake.signedQuery(shop, { locale: 'x/../"evil' })}`);
    expect(hostile.headers.get("location")).toBe("/shopify/settings/");
    const forged = await get(
      `/shopify/settings?${new URLSearchParams(signQuery({ shop, timestamp: String(Math.floor(Date.now() / 1000)) }, "nope"))}`,
    );
    expect(forged.status).toBe(400);
  });
});

describe("settings API", () => {
  const shop = "settings.myshopify.com";
  let jar: CookieJar;
  const api = (path: string, body?: unknown, cookies = jar.header(), origin?: string) =>
    fetch(`${server.url}/shopify/settings/api/${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "Content-Type": "application/json", Cookie: cookies, ...(origin ? { Origin: origin } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    ({ jar } = await installShop(fake, server.url, shop));
  });

  it("answers only the session cookie, never a shop parameter or a forged cookie", async () => {
    expect((await api("state", undefined, "")).status).toBe(401);
    expect((await fetch(`${server.url}/shopify/settings/api/state?shop=${shop}`)).status).toBe(401);
    const [payload] = jar.get("alma_shopify_session")!.split(".");
    expect((await api("state", undefined, `alma_shopify_session=${payload}.forged`)).status).toBe(401);
    expect((await api("state")).status).toBe(200);
    expect(
      (await api("alma-key", { mode: "test", key: ALMA_KEY }, jar.header(), "https://evil.example")).status,
    ).toBe(403);
  });

  it("checks Alma keys against Alma and never shows them again in full", async () => {
    expect((await api("alma-key", { mode: "test", key: "sk_live_wrongPrefix123" })).status).toBe(422);
    const refused = await api("alma-key", { mode: "live", key: "sk_live_realLookingKey123" });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toEqual({ error: "Alma refused this key" });
    const saved = await api("alma-key", { mode: "test", key: ALMA_KEY });
    expect(saved.status).toBe(200);
    const body = (await saved.json()) as Record<string, unknown>;
    expect(body.masked).toMatch(/^sk_test_\*{4}/);
    // The answers are what the settings API's schemas (the settings page's types) say.
    expect(() => keyAnswerSchema.parse(body)).not.toThrow();
    expect(JSON.stringify(body)).not.toContain(ALMA_KEY);
    const state = await (await api("state")).text();
    expect(state).not.toContain(ALMA_KEY);
    expect(JSON.parse(state)).toMatchObject({ shop, almaMode: "test", ready: false, keys: { live: null } });
    expect(JSON.parse(state).planOptions.map((o: { key: string }) => o.key)).toContain("general_3_0_0");
    expect(() => settingsStateSchema.parse(JSON.parse(state))).not.toThrow();
  });

  it("keeps plans inside Alma's limits, then configures the payments app and returns to Shopify", async () => {
    const outside = await api("save", {
      almaMode: "test",
      plans: [{ key: "general_3_0_0", enabled: true, minCents: 1000, maxCents: 200000 }],
    });
    expect(outside.status).toBe(422);
    expect(await api("save", { almaMode: "live", plans: [] }).then((r) => r.status)).toBe(409);
    expect(
      await api("save", {
        almaMode: "test",
        plans: [{ key: "general_3_0_0", enabled: false, minCents: 5000, maxCents: 9000 }],
      }).then((r) => r.status),
    ).toBe(422);
    const configuresBefore = fake.configurations.length;
    // Shopify refusing the document: the merchant reads Shopify's words, not "could not be reached".
    fake.refuseNextDocuments("Field 'paymentsAppConfigure' is not available for this shop");
    const refused = await api("save", {
      almaMode: "test",
      plans: [{ key: "general_3_0_0", enabled: true, minCents: 10000, maxCents: 150000 }],
    });
    expect(refused.status).toBe(502);
    expect(await refused.json()).toEqual({
      error:
        "Shopify refused the configuration: GraphQL errors: Field 'paymentsAppConfigure' is not available for this shop",
    });
    expect(fake.configurations.length).toBe(configuresBefore);
    const saved = await api("save", {
      almaMode: "test",
      plans: [
        { key: "general_3_0_0", enabled: true, minCents: 10000, maxCents: 150000 },
        { key: "general_10_0_0", enabled: false, minCents: 5000, maxCents: 200000 },
      ],
    });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({
      redirectUrl: `https://${shop}/services/payments_partners/gateways/${API_KEY}/settings`,
    });
    expect(fake.configurations.slice(configuresBefore)).toEqual([
      { shop, ready: true, externalHandle: expect.stringContaining("(test)") },
    ]);
    const state = (await (await api("state")).json()) as {
      ready: boolean;
      plans: { key: string; minCents: number }[];
    };
    expect(state.ready).toBe(true);
    expect(state.plans.map((p) => [p.key, p.minCents])).toEqual([
      ["general_3_0_0", 10000],
      ["general_10_0_0", 5000],
    ]);
  });
});

describe("expiring offline tokens", () => {
  it("refreshes the token before a mutation once it is about to expire", async () => {
    const shop = "expiring.myshopify.com";
    await setUpShop(fake, server.url, {
      shop,
      almaKey: ALMA_KEY,
      plans: [{ key: "general_3_0_0" }, { key: "general_4_0_0" }],
    });
    const tenant = await tenantOf(shop);
    const first = await server.storage.getSecret(tenant.id, "shopify_token");
    clockOffsetMs = 2 * 3600_000; // two hours later: the 60-minute token has expired
    try {
      const body = paymentSession("usd-basket");
      await sendSession(fake, server.url, "payment-sessions", shop, body); // rejected: needs a mutation
      await waitForIdleJobs(server);
      const mutation = fake.mutationsNamed("paymentSessionReject", String(body.gid))[0];
      expect(mutation?.outcome).toBe("accepted");
      const second = await server.storage.getSecret(tenant.id, "shopify_token");
      expect(second).not.toBe(first);
      expect(mutation?.token).toBe(second);
      expect(fake.tokenRequests.filter((r) => r.shop === shop).map((r) => r.grant)).toEqual([
        "authorization_code",
        "refresh_token",
      ]);
    } finally {
      clockOffsetMs = 0;
    }
  });
});

describe("a shop whose token can no longer be refreshed", () => {
  it("sends the merchant through OAuth again from the app, and refuses payment sessions until then", async () => {
    const shop = "dormant.myshopify.com";
    await setUpShop(fake, server.url, { shop, almaKey: ALMA_KEY, plans: [{ key: "general_3_0_0" }] });
    const tenant = await tenantOf(shop);
    const { refreshTokenExpiresAt } = tenant.settings as { refreshTokenExpiresAt: number | null };
    expect(refreshTokenExpiresAt).toEqual(expect.any(Number));
    clockOffsetMs = refreshTokenExpiresAt! - Date.now() + 60_000; // a minute after the refresh token died
    try {
      // Shopify signs the launch with the real time (the fake follows the server's shifted clock).
      const launch = signQuery({ shop, timestamp: String(Math.floor(Date.now() / 1000)) }, API_SECRET);
      const opened = await get(`/shopify/settings?${new URLSearchParams(launch)}`);
      expect(opened.status).toBe(303);
      expect(opened.headers.get("location")).toMatch(/^\/shopify\/auth\?/);
      const session = await sendSession(
        fake,
        server.url,
        "payment-sessions",
        shop,
        paymentSession("sale-3x"),
      );
      expect(session.status).toBe(409);
      expect(String(session.body.error)).toMatch(/must reopen the app/);
    } finally {
      clockOffsetMs = 0;
    }
  });
});

describe("webhooks and compliance", () => {
  const shop = "compliance.myshopify.com";
  const webhook = (
    topic: string,
    body: unknown,
    secret = API_SECRET,
    delivery: { webhookId?: string; triggeredAt?: Date } = {},
  ) => sendWebhook(server.url, { shop, topic, body, secret, ...delivery });
  let merchant: Awaited<ReturnType<typeof setUpShop>>;

  beforeAll(async () => {
    merchant = await setUpShop(fake, server.url, {
      shop,
      almaKey: ALMA_KEY,
      plans: [{ key: "general_3_0_0" }, { key: "general_4_0_0" }],
    });
  });

  it("refuses webhooks without a valid X-Shopify-Hmac-Sha256 with 401", async () => {
    expect((await webhook("app/uninstalled", { domain: shop }, "not-the-secret")).status).toBe(401);
    const unsigned = await fetch(`${server.url}/shopify/webhooks`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-Shopify-Topic": "app/uninstalled",
        "X-Shopify-Shop-Domain": shop,
      },
      body: "{}",
    });
    expect(unsigned.status).toBe(401);
    expect((await tenantOf(shop)).status).toBe("active");
  });

  it("exports and then erases a customer's personal data, keeping the financial record", async () => {
    const session = paymentSession("sale-3x", { amount: "420.00" });
    const answer = await sendSession(fake, server.url, "payment-sessions", shop, session);
    expect(answer.status).toBe(201);
    const tenant = await tenantOf(shop);
    const request = { ...loadShopifyFixture("webhooks/customers-data-request"), shop_domain: shop };
    expect((await webhook("customers/data_request", request)).status).toBe(200);
    const exported = (await tenantOf(shop)).settings.dataRequests as {
      id: string;
      payments: { paymentSessionId: string }[];
    }[];
    expect(exported[0]).toMatchObject({ id: "9999", customer: { email: "camille.durand@example.com" } });
    expect(exported[0]!.payments.map((p) => p.paymentSessionId)).toEqual([session.id]);
    // The merchant downloads the export from the settings page.
    expect((await merchant.api("state")).body.dataRequests).toEqual([
      { id: "9999", receivedAt: expect.any(Number), payments: 1 },
    ]);
    const download = await merchant.api("data-requests/9999");
    expect(download).toMatchObject({
      status: 200,
      body: { customer: { email: "camille.durand@example.com" } },
    });
    expect((await merchant.api("data-requests/0")).status).toBe(404);

    const redact = { ...loadShopifyFixture("webhooks/customers-redact"), shop_domain: shop };
    expect((await webhook("customers/redact", redact)).status).toBe(200);
    const link = (await server.storage.findPaymentByOrderRef(tenant.id, String(session.id)))!;
    expect(link.amountCents).toBe(42000);
    expect(link.custom.shopifySession).toMatchObject({ customer: null, redacted: true });
    expect(JSON.stringify(link)).not.toContain("camille");
    expect(JSON.stringify((await tenantOf(shop)).settings)).not.toContain("camille");
  });

  it("uninstalls: tokens deleted, method unconfigured, sessions and IPNs refused; then redacts the shop", async () => {
    const tenant = await tenantOf(shop);
    const uninstall = {
      ...loadShopifyFixture("webhooks/app-uninstalled"),
      domain: shop,
      myshopify_domain: shop,
    };
    const uninstalledAt = new Date();
    const delivery = { webhookId: "uninstall-delivery-1", triggeredAt: uninstalledAt };
    expect((await webhook("app/uninstalled", uninstall, API_SECRET, delivery)).status).toBe(200);
    // Redelivered by Shopify: acknowledged again, acted on once.
    expect(await (await webhook("app/uninstalled", uninstall, API_SECRET, delivery)).json()).toEqual({
      ok: true,
      duplicate: true,
    });
    expect(await tenantOf(shop)).toMatchObject({ status: "uninstalled", settings: { ready: false } });
    expect(await server.storage.getSecret(tenant.id, "shopify_token")).toBeNull();
    expect(await server.storage.getSecret(tenant.id, "shopify_refresh_token")).toBeNull();
    expect(
      (await sendSession(fake, server.url, "payment-sessions", shop, paymentSession("sale-3x"))).status,
    ).toBe(404);
    const pid = "payment_11uninstalledShopPayment0000";
    expect(
      (
        await fetch(`${server.url}/alma/ipn/${tenant.id}?pid=${pid}`, {
          headers: { "X-Alma-Signature": signIpn(pid, ALMA_KEY) },
        })
      ).status,
    ).toBe(404);

    expect(
      (await webhook("shop/redact", { ...loadShopifyFixture("webhooks/shop-redact"), shop_domain: shop }))
        .status,
    ).toBe(200);
    expect(await server.storage.listSecrets(tenant.id)).toEqual([]);

    // A reinstall reactivates the same tenant, unconfigured until the merchant saves again.
    await installShop(fake, server.url, shop);
    expect(await tenantOf(shop)).toMatchObject({
      id: tenant.id,
      status: "active",
      settings: { ready: false },
    });
    expect(
      (await sendSession(fake, server.url, "payment-sessions", shop, paymentSession("sale-3x"))).status,
    ).toBe(409);
    const token = await server.storage.getSecret(tenant.id, "shopify_token");
    expect(token).not.toBeNull();

    // The old uninstall, genuinely signed, sent again after the reinstall (its signature carries no
    // date), and a late delivery of an uninstall from before it: neither takes the shop down.
    expect((await webhook("app/uninstalled", uninstall, API_SECRET, delivery)).status).toBe(200);
    const late = { webhookId: "uninstall-delivery-late", triggeredAt: uninstalledAt };
    expect((await webhook("app/uninstalled", uninstall, API_SECRET, late)).status).toBe(200);
    expect(await tenantOf(shop)).toMatchObject({ id: tenant.id, status: "active" });
    expect(await server.storage.getSecret(tenant.id, "shopify_token")).toBe(token);

    // Shopify signs the body only: a body naming another shop than the header is refused, and a
    // shop/redact (Shopify sends it 48 hours after an uninstall) does nothing to an installed shop.
    const other = { ...uninstall, domain: "other.myshopify.com", myshopify_domain: "other.myshopify.com" };
    expect((await webhook("app/uninstalled", other)).status).toBe(400);
    const redact = { ...loadShopifyFixture("webhooks/shop-redact"), shop_domain: shop };
    expect((await webhook("shop/redact", redact)).status).toBe(200);
    expect(await tenantOf(shop)).toMatchObject({ status: "active" });
    expect(await server.storage.getSecret(tenant.id, "shopify_token")).toBe(token);

    // An uninstall that happens after the reinstall is acted on.
    expect((await webhook("app/uninstalled", uninstall)).status).toBe(200);
    expect(await tenantOf(shop)).toMatchObject({ status: "uninstalled" });
    expect(await server.storage.getSecret(tenant.id, "shopify_token")).toBeNull();
  });
});
