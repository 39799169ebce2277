import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PlatformAdapter, PlatformOutcome, PluginDeps } from "@alma-suite/core";
import { jobType, type Storage, sqlExecutorOf } from "@alma-suite/core/storage";
import { describePlatformConformance } from "@alma-suite/core/testing";
import express, { type Request, type Router } from "express";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { ConfigError, loadConfig } from "../src/config/load-config.ts";
import { type RunningServer, startServer } from "../src/create-server.ts";
import { createLogger } from "../src/observability/create-logger.ts";
import type { ServerPlugin } from "../src/plugins.ts";

/*
 * A fourth platform, "tinyshop", that exists only in this file: nothing outside it names it. It
 * declares what every plugin declares (docs/adding-a-platform.md), and the server composes it:
 * its settings checked before anything opens, its tables migrated by core's runner, its routes
 * mounted and loaded at their first request, its callers rate-limited by the store in the URL,
 * its jobs run by the worker, its adapter passing the battery every platform passes.
 */

const tinyshopConfigSchema = z
  .object({
    TINYSHOP_SIGNING_SECRET: z.string().min(16, "must be at least 16 characters"),
    TINYSHOP_PER_SECOND: z.coerce.number().min(0).max(1000).default(5),
  })
  .transform((env) => ({ signingSecret: env.TINYSHOP_SIGNING_SECRET, perSecond: env.TINYSHOP_PER_SECOND }));
type TinyshopConfig = z.output<typeof tinyshopConfigSchema>;

const helloJob = jobType("tinyshop:hello", z.object({ tenantId: z.string(), word: z.string() }));

/** What the server did with the plugin, seen from inside it. */
const seen = {
  creates: 0,
  adapter: undefined as PlatformAdapter | undefined,
  storage: undefined as Storage | undefined,
};

const tinyshopPlugin: ServerPlugin = {
  name: "tinyshop",
  mountPath: "/tinyshop",
  configSchema: tinyshopConfigSchema,
  // Nothing in its settings says it is in use: it loads at the first request to its routes.
  configured: () => false,
  migrations: [
    {
      version: 1,
      name: "orders and refunds",
      statements: (dialect) => {
        const big = dialect === "postgres" ? "BIGINT" : "INTEGER";
        return [
          `CREATE TABLE tinyshop_orders (
             id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, amount_cents ${big} NOT NULL,
             status TEXT NOT NULL, paid_transitions INTEGER NOT NULL DEFAULT 0)`,
          `CREATE TABLE tinyshop_refunds (id TEXT PRIMARY KEY, order_id TEXT NOT NULL, amount_cents ${big} NOT NULL)`,
        ];
      },
    },
    {
      version: 2,
      name: "greetings",
      statements: () => ["CREATE TABLE tinyshop_greetings (tenant_id TEXT NOT NULL, word TEXT NOT NULL)"],
    },
  ],
  rateLimits: (config: TinyshopConfig) => [
    {
      paths: ["/stores/:storeId"],
      perSecond: config.perSecond,
      callerOf: (req: Request) => String(req.params.storeId),
    },
  ],
  formatRefusal: (refusal) => ({
    contentType: "application/vnd.tinyshop+json",
    body: JSON.stringify({ tinyshop_error: refusal.problem.slug, status: refusal.status }),
  }),
  create(_config: TinyshopConfig, deps: PluginDeps) {
    seen.creates += 1;
    seen.storage = deps.storage;
    const db = sqlExecutorOf(deps.storage);
    const adapter = tinyshopAdapter(deps.storage);
    seen.adapter = adapter;
    const routes: Router = express.Router();
    routes.post("/stores/:storeId/orders", express.json(), async (req, res) => {
      const tenant = await deps.storage.findTenantByExternalId("tinyshop", req.params.storeId);
      if (!tenant) return void res.status(404).json({ error: "no such store" });
      const amount = Number((req.body as { amount_cents?: unknown }).amount_cents);
      if (!Number.isSafeInteger(amount) || amount <= 0)
        return void res.status(400).json({ error: "amount_cents must be a positive integer" });
      const id = `ord_${Math.random().toString(36).slice(2, 10)}`;
      await db.execute(
        "INSERT INTO tinyshop_orders (id, tenant_id, amount_cents, status) VALUES ($1, $2, $3, 'pending')",
        [id, tenant.id, amount],
      );
      res.status(201).json({ id });
    });
    routes.get("/stores/:storeId/ping", (_req, res) => void res.json({ ok: true }));
    return {
      routes,
      adapter,
      jobs: {
        [helloJob.type]: helloJob.define(async (hello) => {
          await db.execute("INSERT INTO tinyshop_greetings (tenant_id, word) VALUES ($1, $2)", [
            hello.tenantId,
            hello.word,
          ]);
        }),
      },
    };
  },
};

/** Orders in the plugin's own tables; every transition guarded so a repeat changes nothing. */
function tinyshopAdapter(storage: Storage): PlatformAdapter {
  const db = sqlExecutorOf(storage);
  const find = async (tenantId: string, orderRef: string) =>
    (
      await db.query("SELECT status, amount_cents FROM tinyshop_orders WHERE tenant_id = $1 AND id = $2", [
        tenantId,
        orderRef,
      ])
    )[0] as { status: string; amount_cents: number | bigint } | undefined;
  const unknown: PlatformOutcome = { status: "rejected", reason: "unknown_order", detail: "no such order" };
  const move = async (
    input: { tenantId: string; orderRef: string },
    to: "paid" | "failed" | "cancelled" | "on_hold",
    outcome: "paid" | "failed" | "cancelled" | "pending",
  ): Promise<PlatformOutcome> => {
    const changed = await db.execute(
      `UPDATE tinyshop_orders SET status = $3, paid_transitions = paid_transitions + $4
       WHERE tenant_id = $1 AND id = $2 AND status IN ('pending', 'on_hold')`,
      [input.tenantId, input.orderRef, to, to === "paid" ? 1 : 0],
    );
    if (changed > 0) return { status: outcome, alreadyDone: false };
    const order = await find(input.tenantId, input.orderRef);
    if (!order) return unknown;
    if (order.status === to || (to === "paid" && order.status === "refunded"))
      return { status: outcome, alreadyDone: true };
    return { status: "rejected", reason: "invalid_state", detail: `order is ${order.status}` };
  };
  return {
    markOrderPaid: (input) => move(input, "paid", "paid"),
    markOrderPending: (input) => move(input, "on_hold", "pending"),
    failOrder: (input) => move(input, "failed", "failed"),
    releaseOrder: (input) => move(input, "cancelled", "cancelled"),
    async recordRefund(input) {
      const order = await find(input.tenantId, input.orderRef);
      if (!order) return unknown;
      if (
        (await db.query("SELECT 1 AS found FROM tinyshop_refunds WHERE id = $1", [input.almaRefundId])).length
      )
        return { status: "refunded", alreadyDone: true };
      const [sum] = await db.query(
        "SELECT COALESCE(SUM(amount_cents), 0) AS refunded FROM tinyshop_refunds WHERE order_id = $1",
        [input.orderRef],
      );
      const refunded = Number(sum?.refunded ?? 0);
      const paid = Number(order.amount_cents);
      if (refunded + input.amountCents > paid)
        return { status: "rejected", reason: "refund_exceeds_paid", detail: `${paid - refunded} cents left` };
      await db.execute("INSERT INTO tinyshop_refunds (id, order_id, amount_cents) VALUES ($1, $2, $3)", [
        input.almaRefundId,
        input.orderRef,
        input.amountCents,
      ]);
      if (refunded + input.amountCents === paid)
        await db.execute("UPDATE tinyshop_orders SET status = 'refunded' WHERE id = $1", [input.orderRef]);
      return { status: "refunded", alreadyDone: false };
    },
  };
}

const SECRET = "tinyshop-signing-secret-0001";
const silent = createLogger({ level: "silent" });
let running: Promise<{ server: RunningServer; tenantId: string }> | undefined;

/** One server for the file, with the registered plugin loaded the way registered plugins are. */
function tinyshopServer() {
  running ??= (async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "tinyshop-"));
    const env = { TINYSHOP_SIGNING_SECRET: SECRET, TINYSHOP_PER_SECOND: "0.5", DATA_DIR: dataDir };
    const server = await startServer(
      loadConfig({ PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "silent", RATE_LIMIT_WINDOW_SECONDS: "10" }),
      silent,
      { plugins: [tinyshopPlugin], lazyPlugins: true, env },
    );
    const { tenant } = await server.storage.createTenant({
      platform: "tinyshop",
      externalId: "s1",
      name: "S1",
    });
    await server.storage.createTenant({ platform: "tinyshop", externalId: "s2", name: "S2" });
    return { server, tenantId: tenant.id };
  })();
  return running;
}

afterAll(async () => {
  await (await running)?.server.stop();
});

describe("a platform defined only in a test file", () => {
  it("is migrated by core's runner under its own name, but not loaded before its routes are asked for", async () => {
    const { server } = await tinyshopServer();
    const db = sqlExecutorOf(server.storage);
    expect(
      await db.query("SELECT version FROM plugin_migrations WHERE plugin = 'tinyshop' ORDER BY version"),
    ).toEqual([{ version: 1 }, { version: 2 }]);
    expect(await db.query("SELECT id FROM tinyshop_orders")).toEqual([]);
    const home = (await (await fetch(server.url, { headers: { accept: "application/json" } })).json()) as {
      plugins: unknown[];
    };
    expect(home.plugins).toEqual([{ name: "tinyshop", mountPath: "/tinyshop" }]);
    // No request has reached its routes yet: its code was never asked for.
    expect(seen.creates).toBe(0);
    expect(seen.adapter).toBeUndefined();
  });

  it("is routed: its first request loads it, then its routes answer", async () => {
    const { server } = await tinyshopServer();
    const created = await fetch(`${server.url}/tinyshop/stores/s1/orders`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ amount_cents: 1234 }),
    });
    expect(created.status).toBe(201);
    expect(seen.creates).toBe(1);
    const [order] = await sqlExecutorOf(server.storage).query(
      "SELECT amount_cents, status FROM tinyshop_orders",
    );
    expect(order).toMatchObject({ status: "pending" });
    expect(Number(order?.amount_cents)).toBe(1234);
    expect((await fetch(`${server.url}/tinyshop/stores/nope/orders`, { method: "POST" })).status).toBe(404);
    expect(seen.creates).toBe(1);
  });

  it("is rate-limited per store named in the URL, refusing in its own format", async () => {
    const { server } = await tinyshopServer();
    // 0.5 per second over a 10 s window: 5 calls per store, the earlier test's included.
    const ping = (store: string) => fetch(`${server.url}/tinyshop/stores/${store}/ping`);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await ping("s1")).status);
    expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]);
    const limited = await ping("s1");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("content-type")).toMatch(/^application\/vnd\.tinyshop\+json/);
    expect(await limited.json()).toEqual({ tinyshop_error: "rate-limited", status: 429 });
    expect((await ping("s2")).status).toBe(200);
  });

  it("has its jobs run by the server's worker once loaded", async () => {
    const { server, tenantId } = await tinyshopServer();
    await fetch(`${server.url}/tinyshop/stores/s2/ping`);
    await helloJob.enqueue(server.storage, { key: "hello:1", payload: { tenantId, word: "bonjour" } });
    const db = sqlExecutorOf(server.storage);
    const deadline = Date.now() + 10_000;
    let rows: unknown[] = [];
    while (Date.now() < deadline) {
      rows = await db.query("SELECT word FROM tinyshop_greetings");
      if (rows.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(rows).toEqual([{ word: "bonjour" }]);
  });

  it("stops the start on a bad value of its settings, naming the variable, before opening anything", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "tinyshop-bad-"));
    const start = startServer(loadConfig({ PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "silent" }), silent, {
      plugins: [tinyshopPlugin],
      env: { TINYSHOP_SIGNING_SECRET: "short", DATA_DIR: dataDir },
    });
    await expect(start).rejects.toThrow(ConfigError);
    await expect(start).rejects.toThrow(
      /^invalid configuration:\n {2}TINYSHOP_SIGNING_SECRET: must be at least 16 characters \(tinyshop\)$/,
    );
    expect(existsSync(dataDir) ? readdirSync(dataDir) : []).toEqual([]);
  });
});

describe("a platform whose first tenant arrives while the server runs", () => {
  it("is loaded when core's flows first need its adapter, and the job that needed it succeeds on retry", async () => {
    const calls: string[] = [];
    const latecomer: ServerPlugin = {
      name: "latecomer",
      mountPath: "/latecomer",
      configSchema: z.object({}),
      configured: () => false,
      create: () => ({
        routes: express.Router(),
        jobs: {},
        adapter: {
          markOrderPaid: async (input) => {
            calls.push(input.orderRef);
            return { status: "paid", alreadyDone: false };
          },
          markOrderPending: async () => ({ status: "pending", alreadyDone: false }),
          failOrder: async () => ({ status: "failed", alreadyDone: false }),
          releaseOrder: async () => ({ status: "cancelled", alreadyDone: false }),
          recordRefund: async () => ({ status: "refunded", alreadyDone: false }),
        },
      }),
    };
    const dataDir = mkdtempSync(join(tmpdir(), "latecomer-"));
    const server = await startServer(
      loadConfig({ PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "silent" }),
      silent,
      {
        plugins: [latecomer],
        lazyPlugins: true,
        env: { DATA_DIR: dataDir },
      },
    );
    try {
      // Connected after the start (from the CLI, say): nothing loaded the plugin for it.
      const { tenant } = await server.storage.createTenant({
        platform: "latecomer",
        externalId: "l1",
        name: "L",
      });
      const { link } = await server.storage.createPaymentLink({
        tenantId: tenant.id,
        platformOrderRef: "order-1",
        amountCents: 5000,
        currency: "EUR",
      });
      await server.storage.enqueue({
        type: "platform:call",
        key: "latecomer:paid:1",
        payload: {
          tenantId: tenant.id,
          paymentLinkId: link.id,
          action: "markOrderPaid",
          input: {
            tenantId: tenant.id,
            orderRef: "order-1",
            idempotencyKey: "k1",
            almaPaymentId: "p1",
            amountCents: 5000,
          },
        },
      });
      const deadline = Date.now() + 15_000;
      while (
        Date.now() < deadline &&
        (await server.storage.getJobByKey("latecomer:paid:1"))?.state !== "done"
      )
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await server.storage.getJobByKey("latecomer:paid:1"))?.state).toBe("done");
      expect(calls).toEqual(["order-1"]);
    } finally {
      await server.stop();
    }
  }, 20_000);
});

describePlatformConformance("tinyshop (test-only plugin)", async () => {
  const { server, tenantId } = await tinyshopServer();
  // Its adapter exists once the server loaded it; a request to its routes does that.
  await fetch(`${server.url}/tinyshop/stores/s2/ping`);
  const adapter = seen.adapter;
  if (!adapter) throw new Error("the server did not load the plugin");
  const db = sqlExecutorOf(server.storage);
  return {
    adapter,
    tenantId,
    async createOrder(amountCents) {
      const id = `ord_${Math.random().toString(36).slice(2, 10)}`;
      await db.execute(
        "INSERT INTO tinyshop_orders (id, tenant_id, amount_cents, status) VALUES ($1, $2, $3, 'pending')",
        [id, tenantId, amountCents],
      );
      return id;
    },
    async readOrder(orderRef) {
      const [row] = await db.query("SELECT status, paid_transitions FROM tinyshop_orders WHERE id = $1", [
        orderRef,
      ]);
      const [sum] = await db.query(
        "SELECT COALESCE(SUM(amount_cents), 0) AS refunded FROM tinyshop_refunds WHERE order_id = $1",
        [orderRef],
      );
      const status = String(row?.status);
      return {
        status: status as "pending" | "paid" | "failed" | "cancelled" | "refunded" | "on_hold",
        paidTransitions: Number(row?.paid_transitions ?? 0),
        refundedCents: Number(sum?.refunded ?? 0),
      };
    },
  };
});
