import { randomUUID } from "node:crypto";
import { provisionSandboxKeys } from "@alma-suite/alma-sandbox/testing";
import { signedTokens } from "@alma-suite/core";
import { shopifyPlugin } from "@alma-suite/shopify";
import {
  FakeShopify,
  followUpSession,
  paymentSession,
  SHOPIFY_API_VERSION_HEADER,
  sendSession,
  setUpShop,
  signWebhook,
} from "@alma-suite/shopify/testing";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/create-server.ts";
import { startHostileServer } from "./support/hostile-server.ts";
import {
  anyJson,
  badCents,
  badDecimal,
  hostileString,
  malformedJson,
  nearMiss,
  oversized,
  pathSegment,
} from "./support/hostile-values.ts";
import { type Answer, expectRefusal, send } from "./support/refusal.ts";
import { rowCounts } from "./support/row-counts.ts";
import { expectWritesNothing } from "./support/writes-nothing.ts";

const API_KEY = "alma-suite-hostile-app";
const API_SECRET = "shpss_hostile_secret_0001";
const SHOP_A = "hostile-a.myshopify.com";
const SHOP_B = "hostile-b.myshopify.com";
const FOLLOW_UPS = ["refund-sessions", "capture-sessions", "void-sessions"] as const;

describe("the Shopify routes under hostile input", () => {
  let fake: FakeShopify;
  let server: RunningServer;
  let tenantA: string;
  let sessionOfB: string;
  let merchantCookie: string;

  beforeAll(async () => {
    fake = await FakeShopify.start({ apiKey: API_KEY, apiSecret: API_SECRET });
    server = await startHostileServer({
      plugins: [shopifyPlugin],
      env: { SHOPIFY_API_KEY: API_KEY, SHOPIFY_API_SECRET: API_SECRET, SHOPIFY_SHOP_ORIGIN: fake.shopOrigin },
    });
    await provisionSandboxKeys(server.almaBaseUrl, "sk_test_hostileShopifyA01", "sk_test_hostileShopifyB01");
    for (const [shop, almaKey] of [
      [SHOP_A, "sk_test_hostileShopifyA01"],
      [SHOP_B, "sk_test_hostileShopifyB01"],
    ] as const) {
      const setup = await setUpShop(fake, server.url, { shop, almaKey, plans: [{ key: "general_3_0_0" }] });
      if (shop === SHOP_A) merchantCookie = setup.jar.header();
    }
    tenantA = (await server.storage.findTenantByExternalId("shopify", SHOP_A))!.id;
    const session = paymentSession("sale-3x");
    expect((await sendSession(fake, server.url, "payment-sessions", SHOP_B, session)).status).toBe(201);
    sessionOfB = String(session.id);
  }, 30_000);
  afterAll(async () => {
    await server?.stop();
    await fake?.close();
  });

  const session = (path: string, shop: string | undefined, body: string) =>
    send(`${server.url}/shopify/${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(shop === undefined ? {} : { "Shopify-Shop-Domain": shop }),
        "Shopify-Request-Id": randomUUID(),
        "Shopify-Api-Version": SHOPIFY_API_VERSION_HEADER,
      },
      body,
    });
  const webhook = (
    body: string,
    hmac: string | undefined,
    topic = "customers/redact",
    shop = SHOP_A,
    webhookId: string = randomUUID(),
  ) =>
    send(`${server.url}/shopify/webhooks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "X-Shopify-Topic": topic,
        "X-Shopify-Shop-Domain": shop,
        "X-Shopify-API-Version": SHOPIFY_API_VERSION_HEADER,
        "X-Shopify-Webhook-Id": webhookId,
        ...(hmac === undefined ? {} : { "X-Shopify-Hmac-Sha256": hmac }),
      },
      body,
    });

  it("refuses payment sessions that are not JSON, not a session, or carry hostile values (400)", async () => {
    const valid = () => paymentSession("sale-3x");
    const bodies = fc.oneof(
      malformedJson,
      anyJson.map((v) => JSON.stringify(v)),
      badDecimal.map((amount) => JSON.stringify({ ...valid(), amount })),
      hostileString
        .filter((s) => !/^[A-Za-z]{3}$/.test(s))
        .map((currency) => JSON.stringify({ ...valid(), currency })),
      hostileString.map((id) => JSON.stringify({ ...valid(), gid: `gid://shopify/RefundSession/${id}` })),
      fc
        .oneof(
          hostileString.filter((s) => !/^https?:/i.test(s)),
          fc.constant("javascript:alert(1)"),
        )
        .map((url) =>
          JSON.stringify({ ...valid(), payment_method: { type: "offsite", data: { cancel_url: url } } }),
        ),
      fc.constant(JSON.stringify({ ...valid(), id: "x".repeat(256) })),
      // Valid but for a NUL or an unpaired surrogate, which PostgreSQL cannot store.
      fc
        .constantFrom("Zo\u0000é", "\uD800", "x\uDFFF")
        .map((name) => JSON.stringify({ ...valid(), customer: { billing_address: { given_name: name } } })),
    );
    await expectWritesNothing(
      server,
      fc.asyncProperty(bodies, async (body) => {
        expectRefusal(await session("payment-sessions", SHOP_A, body), [400], body.slice(0, 150));
      }),
    );
  });

  it("refuses session requests for shops it does not know or without a shop (400/404)", async () => {
    const body = JSON.stringify(paymentSession("sale-3x"));
    await expectWritesNothing(
      server,
      fc.asyncProperty(
        fc.oneof(hostileString, fc.constant("other.myshopify.com")),
        fc.constantFrom("payment-sessions", ...FOLLOW_UPS),
        async (shop, path) => {
          const header = shop.replace(/[^\x21-\x7e]/g, "");
          fc.pre(header.toLowerCase() !== SHOP_A && header.toLowerCase() !== SHOP_B);
          const answer = await session(path, header === "" ? undefined : header, body);
          expectRefusal(answer, [400, 404], `${path} for ${JSON.stringify(shop)}`);
        },
      ),
    );
  });

  it("never lets a shop refund, capture or void another shop's payment, nor an unknown one (404)", async () => {
    await expectWritesNothing(
      server,
      fc.asyncProperty(
        fc.constantFrom(...FOLLOW_UPS),
        fc.oneof(
          fc.constant(sessionOfB),
          hostileString.filter((s) => s.length > 0 && s.length <= 255),
        ),
        async (path, paymentId) => {
          const scenario = {
            "refund-sessions": "partial",
            "capture-sessions": "full",
            "void-sessions": "void",
          }[path];
          const answer = await session(
            path,
            SHOP_A,
            JSON.stringify(followUpSession(path, scenario, paymentId)),
          );
          // An id PostgreSQL could not even look up is refused as malformed (400).
          expectRefusal(answer, [400, 404], `${path} of ${JSON.stringify(paymentId)}`);
        },
      ),
    );
  });

  it("refuses follow-up requests with hostile bodies (400)", async () => {
    await expectWritesNothing(
      server,
      fc.asyncProperty(
        fc.constantFrom(...FOLLOW_UPS),
        fc.oneof(
          malformedJson,
          anyJson.map((v) => JSON.stringify(v)),
          badDecimal.map((amount) =>
            JSON.stringify({ ...followUpSession("refund-sessions", "partial", sessionOfB), amount }),
          ),
        ),
        async (path, body) => {
          fc.pre(path === "refund-sessions" || !body.includes('"amount"'));
          expectRefusal(await session(path, SHOP_B, body), [400], `${path} ${body.slice(0, 150)}`);
        },
      ),
    );
  });

  it("refuses webhooks with a forged, near-miss, other-app or missing HMAC (401), and signed junk (400)", async () => {
    const payload = JSON.stringify({
      shop_domain: SHOP_A,
      customer: { email: "x@example.com" },
      orders_to_redact: [],
    });
    const genuine = signWebhook(payload, API_SECRET);
    const forgeries = fc.oneof(
      fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => Buffer.from(bytes).toString("base64")),
      fc.boolean().map((atEnd) => nearMiss(genuine, atEnd)),
      fc.constant(signWebhook(payload, "shpss_another_app_secret")),
      hostileString.map((s) => s.replace(/[^\x21-\x7e]/g, "") || "x"),
    );
    await expectWritesNothing(
      server,
      fc.asyncProperty(forgeries, async (hmac) => {
        expectRefusal(await webhook(payload, hmac), [401], `hmac ${hmac}`);
      }),
    );
    expectRefusal(await webhook(payload, undefined), [401], "no hmac");
    await expectWritesNothing(
      server,
      fc.asyncProperty(fc.integer({ min: 201, max: 8000 }), async (length) => {
        const id = "w".repeat(length);
        expectRefusal(await webhook(payload, genuine, undefined, undefined, id), [400], `id of ${length}`);
      }),
    );
    await expectWritesNothing(
      server,
      fc.asyncProperty(
        fc.oneof(
          malformedJson,
          anyJson.map((v) => JSON.stringify(v)),
        ),
        fc.constantFrom("customers/redact", "customers/data_request"),
        async (body, topic) => {
          fc.pre(!body.includes("customer"));
          expectRefusal(
            await webhook(body, signWebhook(body, API_SECRET), topic),
            [400],
            `${topic} ${body.slice(0, 100)}`,
          );
        },
      ),
    );
  });

  it("refuses the settings API to forged sessions (401) and hostile settings to a signed-in merchant (4xx)", async () => {
    const settings = (method: string, path: string, cookie: string, body?: string) =>
      send(`${server.url}/shopify/settings/api/${path}`, {
        method,
        headers: { cookie, "content-type": "application/json" },
        body,
      });
    const name = "alma_shopify_session";
    const value = /alma_shopify_session=([^;]+)/.exec(merchantCookie)?.[1] ?? "";
    const [payload = "", signature = ""] = value.split(".");
    // Genuinely signed (the test knows the app secret) but expired, or for another shop's tenant.
    const tokens = signedTokens(API_SECRET, "alma-suite admin session v1");
    const signed = (data: object) => `${name}=${tokens.sign(data)}`;
    const session = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as {
      t: string;
      s: string;
    };
    expect((await settings("GET", "state", signed({ ...session, e: Date.now() + 60_000 }))).status).toBe(200);
    const forged = fc.oneof(
      fc.integer({ min: 1, max: 10 ** 9 }).map((ago) => signed({ ...session, e: Date.now() - ago })),
      fc.boolean().map((atEnd) => `${name}=${payload}.${nearMiss(signature, atEnd)}`),
      hostileString.map((s) => `${name}=${s.replace(/[^\x21-\x7e]/g, "").replace(/[;,]/g, "")}`),
    );
    await expectWritesNothing(
      server,
      fc.asyncProperty(
        forged,
        fc.constantFrom("GET state", "POST save", "POST alma-key"),
        async (cookie, route) => {
          const [method = "GET", path = "state"] = route.split(" ");
          const answer = await settings(method, path, cookie, method === "POST" ? "{}" : undefined);
          expectRefusal(answer, [401], `${route} ${cookie.slice(0, 60)}`);
        },
      ),
    );
    const hostile = fc.oneof(
      malformedJson.map((body) => ["save", body] as const),
      anyJson.map((v) => ["save", JSON.stringify(v)] as const),
      badCents.map(
        (minCents) =>
          [
            "save",
            JSON.stringify({
              almaMode: "test",
              plans: [{ key: "general_3_0_0", enabled: true, minCents, maxCents: 100_000 }],
            }),
          ] as const,
      ),
      hostileString.map((key) => ["alma-key", JSON.stringify({ mode: "test", key })] as const),
      hostileString.map((mode) => ["alma-key", JSON.stringify({ mode, key: "sk_test_whatever01" })] as const),
    );
    await expectWritesNothing(
      server,
      fc.asyncProperty(hostile, async ([path, body]) => {
        // The sandbox accepts any well-formed test key: such a key would be saved, rightly.
        fc.pre(!/"key":"sk_test_[A-Za-z0-9]{8,}"/.test(body));
        expectRefusal(
          await settings("POST", path, merchantCookie, body),
          [400, 409, 422],
          `${path} ${body.slice(0, 120)}`,
        );
      }),
    );
    await expectWritesNothing(
      server,
      fc.asyncProperty(hostileString, async (id) => {
        const answer = await settings("GET", `data-requests/${pathSegment(id) || "%20"}`, merchantCookie);
        expectRefusal(answer, [400, 404], `data request ${JSON.stringify(id)}`);
      }),
    );
  });

  it("answers hostile buyer page and install links with a 4xx page, never a 5xx", async () => {
    const isPage = (answer: Answer, what: string) => {
      expect([400, 401, 403, 404], `${what} → ${answer.status} ${answer.text.slice(0, 200)}`).toContain(
        answer.status,
      );
    };
    await expectWritesNothing(
      server,
      fc.asyncProperty(
        hostileString,
        hostileString,
        fc.constantFrom("checkout", "return", "cancel", "auth", "callback"),
        async (x, y, page) => {
          const p = pathSegment(x) || "%20";
          const q = encodeURIComponent(y.toWellFormed());
          const url = {
            checkout: `/shopify/checkout/${tenantA}/${p}?s=${q}`,
            return: `/shopify/return/${p}?pid=${q}`,
            cancel: `/shopify/cancel/${tenantA}?pid=${q}`,
            auth: `/shopify/auth?shop=${q}&hmac=${p}`,
            callback: `/shopify/auth/callback?shop=${SHOP_A}&code=${q}&state=${p}&hmac=${p}`,
          }[page];
          isPage(await send(`${server.url}${url}`), url);
        },
      ),
    );
  });

  it("refuses JSON nested thousands deep (400), even genuinely signed, where it overflowed the stack (500)", async () => {
    const before = await rowCounts(server.storage);
    for (const deep of [
      `${"[".repeat(10_000)}${"]".repeat(10_000)}`,
      `${'{"a":'.repeat(5000)}1${"}".repeat(5000)}`,
    ]) {
      for (const path of ["payment-sessions", ...FOLLOW_UPS])
        expectRefusal(await session(path, SHOP_A, deep), [400], path);
      expectRefusal(await webhook(deep, signWebhook(deep, API_SECRET)), [400], "signed webhook");
    }
    expect(await rowCounts(server.storage)).toEqual(before);
  });

  it("accepts only application/json on the payment session routes (415 otherwise)", async () => {
    const before = await rowCounts(server.storage);
    const body = JSON.stringify(paymentSession("sale-3x"));
    for (const type of ["application/json-patch+json", "text/plain", "application/x-www-form-urlencoded"]) {
      const answer = await send(`${server.url}/shopify/payment-sessions`, {
        method: "POST",
        headers: {
          "content-type": type,
          "Shopify-Shop-Domain": SHOP_A,
          "Shopify-Request-Id": randomUUID(),
          "Shopify-Api-Version": SHOPIFY_API_VERSION_HEADER,
        },
        body,
      });
      expectRefusal(answer, [415], type);
    }
    expect(await rowCounts(server.storage)).toEqual(before);
  });

  it("answers 413 to bodies over each route's limit", async () => {
    const before = await rowCounts(server.storage);
    const sized = (bytes: number) =>
      JSON.stringify({ ...paymentSession("sale-3x"), padding: "x".repeat(bytes) });
    expectRefusal(await session("payment-sessions", SHOP_A, sized(70 * 1024)), [413], "payment session");
    for (const path of FOLLOW_UPS) expectRefusal(await session(path, SHOP_A, sized(40 * 1024)), [413], path);
    const huge = oversized(1100 * 1024);
    expectRefusal(await webhook(huge, signWebhook(huge, API_SECRET)), [413], "webhook");
    const planForm = await send(`${server.url}/shopify/checkout/${tenantA}/pay_x/plan`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `plan=${"x".repeat(5 * 1024)}`,
    });
    expectRefusal(planForm, [413], "plan picker form");
    const settingsBody = await send(`${server.url}/shopify/settings/api/save`, {
      method: "POST",
      headers: { cookie: merchantCookie, "content-type": "application/json" },
      body: oversized(20 * 1024),
    });
    expectRefusal(settingsBody, [413], "settings API");
    expect(await rowCounts(server.storage)).toEqual(before);
  });
});
