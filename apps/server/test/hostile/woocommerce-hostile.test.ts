import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { provisionSandboxKeys } from "@alma-suite/alma-sandbox/testing";
import { gatewaySignature, wcSignature, woocommercePlugin } from "@alma-suite/woocommerce";
import { type FakeWooCommerce, startFakeWooCommerce } from "@alma-suite/woocommerce/testing";
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
import { expectRefusal, send } from "./support/refusal.ts";
import { rowCounts } from "./support/row-counts.ts";
import { expectWritesNothing } from "./support/writes-nothing.ts";

const TOKEN = "hostile-woocommerce-registration-01";
const webhookFixture = JSON.parse(
  readFileSync(
    new URL("../../../../fixtures/woocommerce/webhooks/order-updated-refund.json", import.meta.url),
    "utf8",
  ),
) as { headers: Record<string, string>; rawBody: string };

interface Store {
  id: string;
  gatewaySecret: string;
  webhookSecret: string;
}

describe("the WooCommerce routes under hostile input", () => {
  let server: RunningServer;
  let shops: FakeWooCommerce[];
  let a: Store;
  let b: Store;
  let orderOfA: { id: number; order_key: string };

  beforeAll(async () => {
    shops = [await startFakeWooCommerce(), await startFakeWooCommerce()];
    server = await startHostileServer({
      plugins: [woocommercePlugin],
      env: { WOOCOMMERCE_REGISTRATION_TOKEN: TOKEN, WOOCOMMERCE_RECONCILE_EVERY_MINUTES: "0" },
    });
    await provisionSandboxKeys(
      server.almaBaseUrl,
      "sk_test_hostileWooStoreA01",
      "sk_test_hostileWooStoreB01",
    );
    const connect = async (woo: FakeWooCommerce, almaKey: string): Promise<Store> => {
      const keys = woo.addApiKey();
      const response = await fetch(`${server.url}/woocommerce/stores`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({
          store_url: woo.url,
          consumer_key: keys.consumerKey,
          consumer_secret: keys.consumerSecret,
          alma_test_key: almaKey,
        }),
      });
      expect(response.status).toBe(201);
      const body = (await response.json()) as { store_id: string; gateway_secret: string };
      const webhookSecret = await server.storage.getSecret(body.store_id, "webhook_secret");
      return { id: body.store_id, gatewaySecret: body.gateway_secret, webhookSecret: webhookSecret ?? "" };
    };
    a = await connect(shops[0]!, "sk_test_hostileWooStoreA01");
    b = await connect(shops[1]!, "sk_test_hostileWooStoreB01");
    orderOfA = shops[0]!.createOrder({ totalCents: 30_000, paymentMethod: "alma_suite" });
    // The store's own (genuine) order.created delivery must land before the row counts start.
    await shops[0]!.webhooks.settle();
  }, 30_000);
  afterAll(async () => {
    await server?.stop();
    for (const woo of shops ?? []) await woo.close();
  });

  const webhook = (
    store: string,
    body: string,
    signature: string | undefined,
    headers: Record<string, string> = {},
  ) =>
    send(`${server.url}/woocommerce/webhooks/${store}`, {
      method: "POST",
      headers: {
        ...webhookFixture.headers,
        ...(signature === undefined ? {} : { "X-WC-Webhook-Signature": signature }),
        ...headers,
      },
      body,
    });
  const gateway = (
    store: string,
    action: string,
    body: string,
    sign: { secret: string; action?: string; timestamp?: number; signature?: string },
  ) => {
    const timestamp = String(sign.timestamp ?? Math.floor(Date.now() / 1000));
    return send(`${server.url}/woocommerce/gateway/${store}/${action}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-alma-suite-timestamp": timestamp,
        "x-alma-suite-signature":
          sign.signature ?? gatewaySignature(sign.secret, timestamp, sign.action ?? action, body),
      },
      body,
    });
  };

  it("refuses webhooks with forged, near-miss or another store's signatures, whatever the body (401)", async () => {
    const genuine = wcSignature(webhookFixture.rawBody, a.webhookSecret);
    const forgeries = fc.oneof(
      fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => Buffer.from(bytes).toString("base64")),
      fc.boolean().map((atEnd) => nearMiss(genuine, atEnd)),
      fc.constant(wcSignature(webhookFixture.rawBody, b.webhookSecret)),
      fc.constant(createHmac("sha256", a.webhookSecret).update(webhookFixture.rawBody).digest("hex")),
      hostileString.map((s) => s.replace(/[^\x20-\x7e]/g, "") || "x"),
    );
    const bodies = fc.oneof(
      fc.constant(webhookFixture.rawBody),
      malformedJson,
      anyJson.map((v) => JSON.stringify(v)),
    );
    await expectWritesNothing(
      server,
      fc.asyncProperty(forgeries, bodies, async (signature, body) => {
        fc.pre(signature !== wcSignature(body, a.webhookSecret));
        expectRefusal(await webhook(a.id, body, signature), [401], `signature ${signature}`);
      }),
    );
    // Store A's genuine delivery replayed at store B's URL: B checks with its own secret.
    expectRefusal(await webhook(b.id, webhookFixture.rawBody, genuine), [401], "A's delivery at B");
  });

  it("refuses signed webhooks whose body is not an order (400)", async () => {
    const notAnOrder = fc.oneof(
      malformedJson,
      anyJson
        .filter((v) => {
          const id = (v as { id?: unknown } | null)?.id;
          return !(typeof id === "number" && Number.isSafeInteger(id) && id > 0);
        })
        .map((v) => JSON.stringify(v)),
      badCents.map((id) => JSON.stringify({ ...JSON.parse(webhookFixture.rawBody), id })),
    );
    await expectWritesNothing(
      server,
      fc.asyncProperty(notAnOrder, async (body) => {
        expectRefusal(
          await webhook(a.id, body, wcSignature(body, a.webhookSecret)),
          [400],
          body.slice(0, 120),
        );
      }),
    );
  });

  it("refuses unknown and hostile store ids (400/404) on webhooks and gateway calls", async () => {
    await expectWritesNothing(
      server,
      fc.asyncProperty(hostileString, fc.boolean(), async (id, asWebhook) => {
        fc.pre(id !== a.id && id !== b.id);
        const store = pathSegment(id) || "%20";
        const answer = asWebhook
          ? await webhook(store, webhookFixture.rawBody, wcSignature(webhookFixture.rawBody, a.webhookSecret))
          : await gateway(store, "payments", JSON.stringify(orderOfA), { secret: a.gatewaySecret });
        expectRefusal(answer, [400, 404], `store ${JSON.stringify(id)}`);
      }),
    );
  });

  it("refuses gateway calls that are forged, expired, from the future, for another action or another store (401)", async () => {
    const body = JSON.stringify({ order_id: orderOfA.id, order_key: orderOfA.order_key });
    // Times are taken when each call is sent, so a slow run never drifts into the allowed window.
    type Signing = { secret: string; action?: string; skew?: number; signatureFor?: (ts: string) => string };
    const signings: fc.Arbitrary<Signing> = fc.oneof<fc.Arbitrary<Signing>[]>(
      fc.integer({ min: 301, max: 10 ** 9 }).map((age) => ({ secret: a.gatewaySecret, skew: -age })),
      fc.integer({ min: 301, max: 10 ** 6 }).map((ahead) => ({ secret: a.gatewaySecret, skew: ahead })),
      fc.constant({ secret: b.gatewaySecret }),
      fc.constant({ secret: a.gatewaySecret, action: "refunds" }),
      fc.constant({ secret: a.webhookSecret }),
      fc.boolean().map((atEnd) => ({
        secret: a.gatewaySecret,
        signatureFor: (ts: string) =>
          nearMiss(gatewaySignature(a.gatewaySecret, ts, "payments", body), atEnd),
      })),
      hostileString.map((s) => ({
        secret: a.gatewaySecret,
        signatureFor: () => s.replace(/[^\x20-\x7e]/g, "") || "x",
      })),
    );
    await expectWritesNothing(
      server,
      fc.asyncProperty(signings, async (sign) => {
        const timestamp = Math.floor(Date.now() / 1000) + (sign.skew ?? 0);
        const signature = sign.signatureFor?.(String(timestamp));
        expectRefusal(
          await gateway(a.id, "payments", body, { ...sign, timestamp, ...(signature ? { signature } : {}) }),
          [401],
          `${JSON.stringify(sign).slice(0, 150)} at ${timestamp}`,
        );
      }),
    );
    const timestamps = fc.oneof(hostileString, fc.constantFrom("-1", "1e9", "0x10", "99999999999999", " 1"));
    await expectWritesNothing(
      server,
      fc.asyncProperty(timestamps, async (timestamp) => {
        const answer = await send(`${server.url}/woocommerce/gateway/${a.id}/payments`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-alma-suite-timestamp": timestamp.replace(/[^\x20-\x7e]/g, "") || "x",
            "x-alma-suite-signature": gatewaySignature(a.gatewaySecret, timestamp, "payments", body),
          },
          body,
        });
        expectRefusal(answer, [401], `timestamp ${JSON.stringify(timestamp)}`);
      }),
    );
  });

  it("refuses genuinely signed gateway calls carrying hostile bodies (400/404)", async () => {
    const payments = fc.oneof(
      malformedJson,
      anyJson.map((v) => JSON.stringify(v)),
      badCents.map((order_id) => JSON.stringify({ order_id, order_key: orderOfA.order_key })),
      hostileString.map((order_key) => JSON.stringify({ order_id: orderOfA.id, order_key })),
      fc
        .boolean()
        .map((atEnd) =>
          JSON.stringify({ order_id: orderOfA.id, order_key: nearMiss(orderOfA.order_key, atEnd) }),
        ),
      fc.constant(JSON.stringify({ order_id: 999_999, order_key: orderOfA.order_key })),
      // A genuine order whose return URL carries what PostgreSQL cannot store.
      fc.constantFrom("\u0000", "\uD800").map((c) =>
        JSON.stringify({
          order_id: orderOfA.id,
          order_key: orderOfA.order_key,
          return_url: `${shops[0]!.url}/${c}`,
        }),
      ),
    );
    const refunds = fc.oneof(
      malformedJson,
      anyJson.map((v) => JSON.stringify(v)),
      badDecimal.map((amount) => JSON.stringify({ order_id: orderOfA.id, refund_id: 1, amount })),
    );
    await expectWritesNothing(
      server,
      fc.asyncProperty(
        fc.oneof(
          payments.map((b) => ["payments", b] as const),
          refunds.map((b) => ["refunds", b] as const),
        ),
        async ([action, body]) => {
          fc.pre(
            body.includes('"return_url"') ||
              !body.includes(`"order_key":${JSON.stringify(orderOfA.order_key)}`) ||
              !body.includes(`"order_id":${orderOfA.id},`),
          );
          const answer = await gateway(a.id, action, body, { secret: a.gatewaySecret });
          expectRefusal(answer, [400, 404], `${action} ${body.slice(0, 150)}`);
        },
      ),
    );
  });

  it("refuses store registrations with a wrong token or a body that is not a store (400/401)", async () => {
    await expectWritesNothing(
      server,
      fc.asyncProperty(
        fc.oneof(
          malformedJson,
          anyJson.map((v) => JSON.stringify(v)),
        ),
        fc.boolean(),
        async (body, withToken) => {
          const token = withToken ? TOKEN : nearMiss(TOKEN, body.length % 2 === 0);
          const answer = await send(`${server.url}/woocommerce/stores`, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
            body,
          });
          expectRefusal(answer, [400, 401], `${withToken} ${body.slice(0, 100)}`);
        },
      ),
    );
  });

  it("refuses a registration whose text PostgreSQL could not store (400)", async () => {
    const before = await rowCounts(server.storage);
    for (const name of ["Boutique\u0000", "\uD800"]) {
      const answer = await send(`${server.url}/woocommerce/stores`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({
          store_url: shops[0]!.url,
          consumer_key: "ck_x",
          consumer_secret: "cs_x",
          name,
        }),
      });
      expectRefusal(answer, [400], JSON.stringify(name));
    }
    expect(await rowCounts(server.storage)).toEqual(before);
  });

  it("refuses hostile ids on the customer's return and cancel (400/404)", async () => {
    await expectWritesNothing(
      server,
      fc.asyncProperty(
        hostileString,
        fc.constantFrom("return", "cancel"),
        fc.constantFrom("pid", "link"),
        async (value, route, param) => {
          const answer = await send(
            `${server.url}/woocommerce/${route}/${a.id}?${param}=${encodeURIComponent(value.toWellFormed())}`,
          );
          expectRefusal(answer, [400, 404], `${route} ${param}=${JSON.stringify(value)}`);
        },
      ),
    );
  });

  it("refuses a signed webhook for a tenant that is no usable store: another platform's (404), half-connected (409)", async () => {
    const secret = "whs_hostile_other_tenant_secret";
    const { tenant: bridge } = await server.storage.createTenant({
      platform: "bridge",
      externalId: "hostile-bridge-merchant",
      name: "Bridge merchant",
    });
    const { tenant: half } = await server.storage.createTenant({
      platform: "woocommerce",
      externalId: "https://half-connected.example",
      name: "Half connected",
    });
    await server.storage.updateTenant(half.id, { status: "active" });
    for (const id of [bridge.id, half.id]) await server.storage.setSecret(id, "webhook_secret", secret);
    const before = await rowCounts(server.storage);
    const signature = wcSignature(webhookFixture.rawBody, secret);
    expectRefusal(await webhook(bridge.id, webhookFixture.rawBody, signature), [404], "bridge tenant");
    const answer = await webhook(half.id, webhookFixture.rawBody, signature);
    expectRefusal(answer, [409], "half-connected store");
    expect(answer.text).toContain("storeUrl");
    expect(await rowCounts(server.storage)).toEqual(before);
  });

  it("refuses deeply nested JSON, even genuinely signed, before anything walks it (400)", async () => {
    const before = await rowCounts(server.storage);
    for (const deep of ["[".repeat(5000) + "]".repeat(5000), `${'{"a":'.repeat(3000)}1${"}".repeat(3000)}`]) {
      expectRefusal(await webhook(a.id, deep, wcSignature(deep, a.webhookSecret)), [400], "webhook");
      expectRefusal(await gateway(a.id, "payments", deep, { secret: a.gatewaySecret }), [400], "gateway");
      const registration = await send(`${server.url}/woocommerce/stores`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
        body: deep,
      });
      expectRefusal(registration, [400], "stores");
    }
    expect(await rowCounts(server.storage)).toEqual(before);
  });

  it("accepts the media types WooCommerce sends (JSON deliveries, the form-encoded ping) and refuses others (415)", async () => {
    const before = await rowCounts(server.storage);
    const body = webhookFixture.rawBody;
    const signature = wcSignature(body, a.webhookSecret);
    for (const type of ["application/json-patch+json", "text/plain", "application/xml"])
      expectRefusal(await webhook(a.id, body, signature, { "content-type": type }), [415], type);
    const ping = await send(`${server.url}/woocommerce/webhooks/${a.id}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "webhook_id=12",
    });
    expect(ping.status).toBe(200);
    expect(await rowCounts(server.storage)).toEqual(before);
  });

  it("answers 413 to bodies over each route's limit", async () => {
    const before = await rowCounts(server.storage);
    const huge = oversized(6 * 1024 * 1024);
    expectRefusal(await webhook(a.id, huge, wcSignature(huge, a.webhookSecret)), [413], "webhook");
    const big = oversized(300 * 1024);
    expectRefusal(await gateway(a.id, "payments", big, { secret: a.gatewaySecret }), [413], "gateway");
    const registration = await send(`${server.url}/woocommerce/stores`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
      body: oversized(40 * 1024),
    });
    expectRefusal(registration, [413], "stores");
    expect(await rowCounts(server.storage)).toEqual(before);
  });
});
