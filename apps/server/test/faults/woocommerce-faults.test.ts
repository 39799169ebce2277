import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type SandboxServer, startSandboxServer } from "@alma-suite/alma-sandbox";
import { woocommercePlugin } from "@alma-suite/woocommerce";
import { type FakeWooCommerce, gatewayCall, startFakeWooCommerce } from "@alma-suite/woocommerce/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.ts";
import { type RunningServer, startServer } from "../../src/create-server.ts";
import { createLogger } from "../../src/observability/create-logger.ts";
import { type FaultProxy, startFaultProxy } from "../support/fault-proxy.ts";
import { createTestDatabase } from "../support/test-database.ts";
import { registerStore } from "../support/woocommerce-journey.ts";

// Two server instances behind a load balancer share one PostgreSQL database. WooCommerce's PHP
// gateway (a double click, a retry after a slow answer) reaches both for the same order at once:
// Alma has no idempotency key, so only a claim in the shared database keeps it to one payment.
const ALMA_KEY = "sk_test_wooTwoInstances01";
const TOKEN = "registration-token-two-instances-01";

let db: { url: string; drop(): Promise<void> };
let sandbox: SandboxServer;
let proxy: FaultProxy;
let woo: FakeWooCommerce;
const servers: RunningServer[] = [];
let storeId: string;
let secret: string;

beforeAll(async () => {
  db = await createTestDatabase("woo_two");
  sandbox = await startSandboxServer({ port: 0, ipnDelayMs: 60_000 });
  sandbox.sandbox.merchants.provision({ testKey: ALMA_KEY });
  proxy = await startFaultProxy(sandbox.url);
  woo = await startFakeWooCommerce();
  for (const name of ["a", "b"]) {
    servers.push(
      await startServer(
        loadConfig({
          PORT: "0",
          DATA_DIR: mkdtempSync(join(tmpdir(), `woo-two-${name}-`)),
          LOG_LEVEL: "silent",
          DATABASE_URL: db.url,
          ALMA_API_URL: proxy.url,
          MASTER_KEY: "a".repeat(64),
        }),
        createLogger({ level: "silent" }),
        {
          plugins: [woocommercePlugin],
          env: { WOOCOMMERCE_REGISTRATION_TOKEN: TOKEN, WOOCOMMERCE_RECONCILE_EVERY_MINUTES: "0" },
        },
      ),
    );
  }
  const registered = await registerStore({ server: servers[0]!, woo, keys: woo.addApiKey() }, TOKEN, {
    alma_test_key: ALMA_KEY,
  });
  const body = (await registered.json()) as { store_id: string; gateway_secret: string };
  storeId = body.store_id;
  secret = body.gateway_secret;
}, 30_000);
afterAll(async () => {
  for (const server of servers) await server.stop();
  await woo?.close();
  await proxy?.close();
  await sandbox?.close();
  await db?.drop();
});

describe("WooCommerce gateway on two instances sharing PostgreSQL", () => {
  it("creates one Alma payment for an order however many process_payment calls race across instances", async () => {
    const order = woo.createOrder({
      totalCents: 45_000,
      paymentMethod: "alma_suite",
      paymentMethodTitle: "Pay in instalments with Alma",
      billing: { first_name: "Léa", last_name: "Roux", email: "lea@example.com", country: "FR" },
    });
    // A slow Alma widens the window in which both instances could decide to create the payment.
    proxy.inject({
      method: "POST",
      path: /^\/v1\/payments$/,
      times: Infinity,
      fault: { kind: "slow", delayMs: 400 },
    });
    const call = (i: number) =>
      gatewayCall(servers[i % 2]!.url, storeId, secret, "payments", {
        order_id: order.id,
        order_key: order.order_key,
      });
    const first = await Promise.all(Array.from({ length: 6 }, (_, i) => call(i)));
    const statuses = first.map((a) => a.status);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    expect(statuses).toContain(200);
    const urls = new Set(first.filter((a) => a.status === 200).map((a) => a.json.redirect_url));
    expect(urls.size).toBe(1);

    // The ones asked to retry get the same payment once they do.
    const retried = await Promise.all(first.map((a, i) => (a.status === 200 ? a : call(i))));
    expect(new Set(retried.map((a) => a.json.redirect_url))).toEqual(urls);
    proxy.clear();

    const link = await servers[1]!.storage.findPaymentByOrderRef(storeId, String(order.id));
    expect(link?.almaPaymentId).toBeTruthy();
    const atAlma = sandbox.sandbox.store.payments
      .list()
      .items.filter(
        (r) => (r.payment.custom_data as { payment_link_id?: string } | null)?.payment_link_id === link?.id,
      );
    expect(atAlma).toHaveLength(1);
    expect(proxy.count("POST", /^\/v1\/payments$/)).toBe(1);
  });
});

describe("WooCommerce gateway while Alma hangs", () => {
  it("answers a clear 502 within the budget, and the customer's retry pays with one payment", async () => {
    const order = woo.createOrder({
      totalCents: 32_000,
      paymentMethod: "alma_suite",
      paymentMethodTitle: "Pay in instalments with Alma",
      billing: { first_name: "Noé", last_name: "Blanc", email: "noe@example.com", country: "FR" },
    });
    proxy.inject({ method: "POST", path: /^\/v1\/payments$/, times: 1, fault: { kind: "hang" } });
    const body = { order_id: order.id, order_key: order.order_key };
    const started = Date.now();
    const hung = await gatewayCall(servers[0]!.url, storeId, secret, "payments", body);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(hung.status).toBe(502);
    expect(hung.json).toEqual({ error: "Alma did not answer as expected, try again" });

    const retried = await gatewayCall(servers[1]!.url, storeId, secret, "payments", body);
    expect(retried.status).toBe(200);
    const link = await servers[0]!.storage.findPaymentByOrderRef(storeId, String(order.id));
    const atAlma = sandbox.sandbox.store.payments
      .list()
      .items.filter(
        (r) => (r.payment.custom_data as { payment_link_id?: string } | null)?.payment_link_id === link?.id,
      );
    expect(atAlma).toHaveLength(1);
    expect(retried.json.alma_payment_id).toBe(atAlma[0]?.payment.id);
  });
});
