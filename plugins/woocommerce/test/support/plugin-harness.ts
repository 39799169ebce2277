import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type SandboxServer, startSandboxServer } from "@alma-suite/alma-sandbox";
import { AlmaClient, type PlatformAdapter, verifyIpnSignature } from "@alma-suite/core";
import { CONFIRM_PAYMENT_JOB, coreJobHandlers } from "@alma-suite/core/flows";
import { JobWorker, type SqliteStorage } from "@alma-suite/core/storage";
import { memoryStorage } from "@alma-suite/core/testing";
import express from "express";
import { defaultWoocommerceConfig, type WoocommerceConfig } from "../../src/config/woocommerce-config.ts";
import { connectStore } from "../../src/connect-store/connect-store.ts";
import { KeyedMutex } from "../../src/shared/keyed-mutex.ts";
import type { WooDeps } from "../../src/store/woo-deps.ts";
import { woocommercePlugin } from "../../src/woocommerce-plugin.ts";
import { type FakeWooCommerce, startFakeWooCommerce } from "../fake-woocommerce/index.ts";

export const ALMA_KEY = "sk_test_wooPluginHarness01";

export interface Harness {
  storage: SqliteStorage;
  woo: FakeWooCommerce;
  sandbox: SandboxServer;
  /** Where the connector listens (its public URL). */
  url: string;
  deps: WooDeps;
  adapter: PlatformAdapter;
  logs: { level: string; message: string; data: object }[];
  /** The connector's (and the fake store's) clock: real time plus what `advance` added. */
  clock: { now(): number; advance(ms: number): void };
  /** While true the IPN route answers 503, as a connector that is down. */
  ipnDown: boolean;
  /** Registers the fake store (read/write key, pay-by-link on `cheque`), returns its tenant id and secrets. */
  connect(options?: {
    payByLinkMethods?: string[];
  }): Promise<{ storeId: string; gatewaySecret: string; webhookSecret: string }>;
  /** Lets webhooks arrive and runs every due job, until nothing is left to do. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The plugin as the server runs it, in one process: its routes on a local port, its jobs on a
 * worker together with core's (confirmation, fraud flag, platform calls), an IPN route like the
 * server's, a fake WooCommerce and the real Alma sandbox.
 */
export async function startHarness(overrides: Partial<WoocommerceConfig> = {}): Promise<Harness> {
  const storage = await memoryStorage();
  let offset = 0;
  const clock = {
    now: () => Date.now() + offset,
    advance(ms: number) {
      offset += ms;
    },
  };
  const woo = await startFakeWooCommerce({ now: () => new Date(clock.now()) });
  const sandbox = await startSandboxServer({
    port: 0,
    ipnRetry: { delaysMs: [50, 200] },
    merchants: [{ testKey: ALMA_KEY }],
  });
  const app = express();
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const logs: Harness["logs"] = [];
  const log = (level: string) => (data: object, message?: string) =>
    logs.push({ level, message: message ?? "", data });
  const almaWithKey = (apiKey: string) => new AlmaClient({ apiKey, baseUrl: sandbox.url, maxRetries: 0 });
  const keyFor = async (tenantId: string) => (await storage.getSecret(tenantId, "alma_test_key")) ?? ALMA_KEY;
  const pluginDeps = {
    storage,
    almaFor: async (tenantId: string) => almaWithKey(await keyFor(tenantId)),
    almaWithKey,
    logger: { info: log("info"), warn: log("warn"), error: log("error"), debug: log("debug") },
    publicUrl: url,
    now: () => clock.now(),
  };
  const config = defaultWoocommerceConfig({ reconcileEveryMinutes: 0, ...overrides });
  const created = await woocommercePlugin.create(config, pluginDeps);
  const deps: WooDeps = { ...pluginDeps, config, locks: new KeyedMutex() };
  const state = { ipnDown: false };
  app.get("/alma/ipn/:tenantId", async (req, res) => {
    if (state.ipnDown) {
      res.status(503).json({ error: "down" });
      return;
    }
    const pid = String(req.query.pid ?? "");
    if (!verifyIpnSignature(pid, req.get("x-alma-signature"), await keyFor(req.params.tenantId))) {
      res.status(401).json({ error: "bad signature" });
      return;
    }
    await storage.enqueue({
      type: CONFIRM_PAYMENT_JOB,
      key: `ipn:${pid}:${Date.now()}`,
      payload: { tenantId: req.params.tenantId, almaPaymentId: pid },
    });
    res.json({ success: true });
  });
  app.use("/woocommerce", created.routes);
  const adapter = created.adapter;
  // The server's core jobs, the adapter being this plugin's.
  const coreJobs = coreJobHandlers({
    storage,
    almaFor: pluginDeps.almaFor,
    adapterFor: () => adapter,
    logger: pluginDeps.logger,
  });
  const worker = new JobWorker({
    storage,
    handlers: { ...created.jobs, ...coreJobs },
    workerId: "harness",
    concurrency: 4,
    backoff: () => 10,
    pollMs: 20,
    onError: (error) => logs.push({ level: "error", message: "worker", data: { error: String(error) } }),
  });
  worker.start();

  return {
    storage,
    woo,
    sandbox,
    url,
    deps,
    adapter,
    logs,
    clock,
    get ipnDown() {
      return state.ipnDown;
    },
    set ipnDown(down: boolean) {
      state.ipnDown = down;
    },
    async connect(options = {}) {
      const keys = woo.addApiKey();
      const result = await connectStore(deps, {
        storeUrl: woo.url,
        ...keys,
        almaMode: "test",
        almaTestKey: ALMA_KEY,
        payByLinkMethods: options.payByLinkMethods ?? ["cheque"],
      });
      if (!result.ok) throw new Error(result.error);
      const webhookSecret = (await storage.getSecret(result.storeId, "webhook_secret")) ?? "";
      return { storeId: result.storeId, gatewaySecret: result.gatewaySecret, webhookSecret };
    },
    async settle() {
      // Quiet = no webhook in flight and no job due or running, twice in a row (a job may queue another).
      for (let quiet = 0, round = 0; quiet < 2 && round < 500; round++) {
        await woo.webhooks.settle();
        // An IPN the sandbox is still sending (or will retry soon) is work in flight too.
        const ipnInFlight = sandbox.sandbox.ipnOutbox.list().some((d) => !d.delivered && !d.gave_up);
        const jobs = [
          ...(await storage.listJobs({ state: "pending" })),
          ...(await storage.listJobs({ state: "running" })),
          ...(await storage.listJobs({ state: "failed" })),
        ];
        const busy = ipnInFlight || jobs.some((j) => j.state === "running" || j.runAt <= Date.now() + 100);
        quiet = busy ? 0 : quiet + 1;
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async close() {
      await worker.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await woo.close();
      await sandbox.close();
      await storage.close();
    },
  };
}
