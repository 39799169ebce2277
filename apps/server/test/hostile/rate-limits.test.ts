import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { provisionSandboxKeys } from "@alma-suite/alma-sandbox/testing";
import { signIpn } from "@alma-suite/core";
import { webhookBridgePlugin } from "@alma-suite/webhook-bridge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.ts";
import { type RunningServer, startServer } from "../../src/create-server.ts";
import { createLogger } from "../../src/observability/create-logger.ts";
import { type Answer, send } from "./support/refusal.ts";

const OPERATOR = "rate-limit-operator-token-000001";
// A 60 s window: 0.1/s allows 6 requests per key, 0.5/s allows 30.
const LIMIT = 6;
const IP_LIMIT = 30;

describe("rate limits per tenant", () => {
  let server: RunningServer;
  const logs: string[] = [];
  let agencyKeys: string[];

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "alma-rate-"));
    const destination = new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    });
    server = await startServer(
      loadConfig({
        PORT: "0",
        DATA_DIR: dataDir,
        WORKER_CONCURRENCY: "0",
        RATE_LIMIT_WINDOW_SECONDS: "60",
        RATE_LIMIT_IPN_PER_SECOND: "0.1",
        RATE_LIMIT_PLATFORM_PER_SECOND: "0.1",
        RATE_LIMIT_IP_PER_SECOND: "0.5",
      }),
      createLogger({ level: "warn", destination }),
      {
        plugins: [webhookBridgePlugin],
        // The bridge's own limit is one of its settings.
        env: { BRIDGE_OPERATOR_TOKEN: OPERATOR, DATA_DIR: dataDir, RATE_LIMIT_BRIDGE_PER_SECOND: "0.1" },
      },
    );
    // The operator's calls spend the operator token's own allowance: two agencies take two.
    agencyKeys = [];
    for (const name of ["Agence Un", "Agence Deux"]) {
      const response = await fetch(`${server.url}/bridge/v1/operator/agencies`, {
        method: "POST",
        headers: { authorization: `Bearer ${OPERATOR}`, "content-type": "application/json" },
        body: JSON.stringify({ name }),
      });
      agencyKeys.push(((await response.json()) as { api_key: { token: string } }).api_key.token);
    }
  });
  afterAll(async () => {
    await server?.stop();
  });

  const burst = async (count: number, request: () => Promise<Answer>) => {
    const answers: Answer[] = [];
    for (let i = 0; i < count; i++) answers.push(await request());
    return answers;
  };
  const expectLimited = (answer: Answer) => {
    expect(answer.status).toBe(429);
    expect(answer.contentType).toMatch(/^application\/(problem\+)?json/);
    const body = JSON.parse(answer.text) as { error?: string; detail?: string };
    expect(answer.retryAfter).toMatch(/^\d+$/);
    expect(body.error ?? body.detail).toBe(`too many requests; retry after ${answer.retryAfter} s`);
  };

  /** A tenant whose Alma notifications our server accepts (200): a key and one known payment. */
  const tenantWithPayment = async (name: string) => {
    const { tenant } = await server.storage.createTenant({ platform: "bridge", externalId: name, name });
    const key = `sk_test_${name}Key0001`;
    await provisionSandboxKeys(server.almaBaseUrl, key);
    await server.storage.setSecret(tenant.id, "alma_test_key", key);
    const pid = `payment_11${name}`;
    await server.storage.createPaymentLink({
      tenantId: tenant.id,
      platformOrderRef: `order-${name}`,
      amountCents: 10_000,
      currency: "EUR",
      almaPaymentId: pid,
    });
    return (signature?: string, options: { from?: string; variant?: boolean } = {}) =>
      // `variant`: the same query ending in "&", a shape Alma does not send; it counts alike.
      send(`${server.url}/alma/ipn/${tenant.id}?pid=${pid}${options.variant ? "&" : ""}`, {
        headers: {
          "x-alma-signature": signature ?? signIpn(pid, key),
          ...(options.from ? { "x-forwarded-for": options.from } : {}),
        },
      });
  };

  it("stops one tenant's notifications at its limit, with Retry-After, while another tenant goes on", async () => {
    const noisy = await tenantWithPayment("noisy");
    const quiet = await tenantWithPayment("quiet");
    expect((await burst(LIMIT, () => noisy())).map((a) => a.status)).toEqual(Array(LIMIT).fill(200));
    const limited = await noisy();
    expectLimited(limited);
    expect(logs.some((line) => line.includes("rate limit exceeded") && line.includes('"limit":"ipn"'))).toBe(
      true,
    );
    // Forged notifications (anyone can put a tenant id in a URL) do not spend the tenant's
    // allowance: Alma's genuine ones still get through afterwards.
    const forged = await burst(LIMIT + 1, () => quiet("0".repeat(64)));
    expect(forged.map((a) => a.status)).toEqual(Array(LIMIT + 1).fill(401));
    expect((await quiet()).status).toBe(200);
  });

  it("does not count a tenant's own 429s as refusals of the address Alma sends every tenant's notifications from", async () => {
    const busy = await tenantWithPayment("busyDay");
    const other = await tenantWithPayment("otherShop");
    const alma = "198.51.100.9";
    let n = 0;
    const answers = await burst(LIMIT + IP_LIMIT + 2, () =>
      busy(undefined, { from: alma, variant: ++n % 2 === 0 }),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(LIMIT);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(IP_LIMIT + 2);
    // In either shape, another tenant's notification from the same address still gets in.
    expect((await other(undefined, { from: alma })).status).toBe(200);
    expect((await other(undefined, { from: alma, variant: true })).status).toBe(200);
  });

  it("never lets refused calls spend a WooCommerce store's or a Shopify shop's allowance", async () => {
    const woo = (store: string) =>
      send(`${server.url}/woocommerce/webhooks/${store}`, { method: "POST", body: "{}" });
    const wooAnswers = await burst(LIMIT + 1, () => woo("store-noisy"));
    expect(wooAnswers.filter((a) => a.status === 429)).toEqual([]);
    const shopify = (shop: string) =>
      send(`${server.url}/shopify/payment-sessions`, {
        method: "POST",
        headers: { "shopify-shop-domain": shop, "content-type": "application/json" },
        body: "{}",
      });
    const shopAnswers = await burst(LIMIT + 1, () => shopify("noisy.myshopify.com"));
    expect(shopAnswers.filter((a) => a.status === 429)).toEqual([]);
  });

  it("limits each agency API key on its own, answering problem+json", async () => {
    const bridge = (key: string) =>
      send(`${server.url}/bridge/v1/merchants`, { headers: { authorization: `Bearer ${key}` } });
    const [noisy = "", quiet = ""] = agencyKeys;
    expect((await burst(LIMIT, () => bridge(noisy))).map((a) => a.status)).toEqual(Array(LIMIT).fill(200));
    const limited = await bridge(noisy);
    expectLimited(limited);
    expect(limited.contentType).toMatch(/^application\/problem\+json/);
    const type = (JSON.parse(limited.text) as { type: string }).type;
    expect(await (await fetch(`${server.url}${type}`)).json()).toMatchObject({ status: 429 });
    expect((await bridge(quiet)).status).toBe(200);
  });

  it("counts refusals per client IP across made-up tenant ids, so cycling through ids does not help", async () => {
    // Tenant buckets ignore refused calls, so only the per-IP refusal count can stop this burst
    // (one more than that count allows, so the test holds when run on its own). Every other call
    // ends in "&": both shapes of the URL count in the one per-IP bucket.
    let n = 0;
    const answers = await burst(IP_LIMIT + 1, () => {
      n += 1;
      return send(`${server.url}/alma/ipn/ten_madeUp${n}?pid=payment_11x${n % 2 ? "&" : ""}`);
    });
    const limited = answers.find((a) => a.status === 429);
    expect(limited).toBeDefined();
    expectLimited(limited!);
    expect(logs.some((line) => line.includes('"limit":"refusals"'))).toBe(true);
  });

  it("behind a local proxy, counts refusals per forwarded client, whatever the URL's shape", async () => {
    let n = 0;
    const from = (client: string) => {
      n += 1;
      // Odd calls end in "&": the same notification in another shape, counted alike.
      return send(`${server.url}/alma/ipn/ten_proxied${n}?pid=payment_11x${n % 2 ? "&" : ""}`, {
        headers: { "x-forwarded-for": client },
      });
    };
    const answers = await burst(IP_LIMIT + 1, () => from("203.0.113.7"));
    expect(answers.slice(0, IP_LIMIT).map((a) => a.status)).toEqual(Array(IP_LIMIT).fill(404));
    expectLimited(answers[IP_LIMIT]!);
    expect((await from("203.0.113.8")).status).toBe(404);
  });

  it("limits other routes per client IP, but never health, readiness or metrics", async () => {
    await burst(IP_LIMIT, () => send(`${server.url}/`));
    expectLimited(await send(`${server.url}/`));
    for (const path of ["/healthz", "/readyz", "/metrics"]) {
      const answers = await burst(IP_LIMIT * 3, () => send(`${server.url}${path}`));
      expect(answers.map((a) => a.status)).toEqual(Array(IP_LIMIT * 3).fill(200));
    }
  });
});
