import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type SandboxServer, startSandboxServer } from "@alma-suite/alma-sandbox";
import { AlmaClient, verifyIpnSignature } from "@alma-suite/core";
import { CONFIRM_PAYMENT_JOB, coreJobHandlers } from "@alma-suite/core/flows";
import { JobWorker, type SqliteStorage } from "@alma-suite/core/storage";
import { memoryStorage } from "@alma-suite/core/testing";
import express from "express";
import { runWoocommerceCli } from "../../src/cli/run-woocommerce-cli.ts";
import { defaultWoocommerceConfig, type WoocommerceConfig } from "../../src/config/woocommerce-config.ts";
import { connectStore } from "../../src/connect-store/connect-store.ts";
import { KeyedMutex } from "../../src/shared/keyed-mutex.ts";
import type { WooDeps } from "../../src/store/woo-deps.ts";
import { woocommercePlugin } from "../../src/woocommerce-plugin.ts";
import type { RealStore } from "./real-store.ts";

/** The test key the local Alma sandbox issues to this suite's merchant (it refuses any other, as Alma does). */
export const ALMA_KEY = "sk_test_realWooCommerce01";

/** One request the connector's webhook route answered. */
export interface Delivery {
  topic: string | null;
  signed: boolean;
  status: number;
  body: string;
}

export interface Connector {
  url: string;
  storage: SqliteStorage;
  sandbox: SandboxServer;
  deps: WooDeps;
  deliveries: Delivery[];
  logs: { level: string; message: string; data: object }[];
  /** While true the whole connector answers 503, as a connector that is down. */
  down: boolean;
  alma(): AlmaClient;
  /** Connects the store with its REST key, then fills our gateway's settings in WordPress. */
  connect(store: RealStore, options?: { payByLinkMethods?: string[] }): Promise<{ storeId: string }>;
  /** `alma-suite woocommerce reconcile <store>`: its exit code, what it printed and its progress lines. */
  reconcile(storeId: string, perPage?: number): Promise<{ code: number; out: string[]; progress: string[] }>;
  /** Until no job is due or running and no IPN is in flight. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The connector as the server runs it, in this process: the plugin's routes on a local port, its
 * jobs and core's on a worker, an IPN route like the server's, and the Alma sandbox, for a real
 * WooCommerce to talk to.
 */
export async function startConnector(overrides: Partial<WoocommerceConfig> = {}): Promise<Connector> {
  const storage = await memoryStorage();
  const sandbox = await startSandboxServer({
    port: 0,
    ipnRetry: { delaysMs: [100, 500] },
    merchants: [{ name: "Real WooCommerce shop", testKey: ALMA_KEY }],
  });
  const app = express();
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const logs: Connector["logs"] = [];
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
    now: Date.now,
  };
  const config = defaultWoocommerceConfig({ reconcileEveryMinutes: 0, ...overrides });
  const created = await woocommercePlugin.create(config, pluginDeps);
  const deps: WooDeps = { ...pluginDeps, config, locks: new KeyedMutex() };
  const state = { down: false };
  const deliveries: Delivery[] = [];
  app.use((_req, res, next) => {
    if (state.down) res.status(503).json({ error: "down" });
    else next();
  });
  app.use("/woocommerce/webhooks", (req, res, next) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    res.on("finish", () =>
      deliveries.push({
        topic: req.get("x-wc-webhook-topic") ?? null,
        signed: req.get("x-wc-webhook-signature") !== undefined,
        status: res.statusCode,
        body: Buffer.concat(chunks).toString("utf8"),
      }),
    );
    next();
  });
  app.get("/alma/ipn/:tenantId", async (req, res) => {
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
  const coreJobs = coreJobHandlers({
    storage,
    almaFor: pluginDeps.almaFor,
    adapterFor: () => created.adapter,
    logger: pluginDeps.logger,
  });
  const worker = new JobWorker({
    storage,
    handlers: { ...created.jobs, ...coreJobs },
    workerId: "real-woocommerce",
    concurrency: 4,
    backoff: () => 200,
    pollMs: 20,
    onError: (error) => logs.push({ level: "error", message: "worker", data: { error: String(error) } }),
  });
  worker.start();

  return {
    url,
    storage,
    sandbox,
    deps,
    deliveries,
    logs,
    get down() {
      return state.down;
    },
    set down(value: boolean) {
      state.down = value;
    },
    alma: () => almaWithKey(ALMA_KEY),
    async connect(store, options = {}) {
      const result = await connectStore(deps, {
        storeUrl: store.url,
        ...store.keys,
        almaMode: "test",
        almaTestKey: ALMA_KEY,
        payByLinkMethods: options.payByLinkMethods ?? [],
      });
      if (!result.ok) throw new Error(`connecting the store failed: ${result.error}`);
      const settings = {
        enabled: "yes",
        title: "Pay in instalments with Alma",
        description: "Pay in 3 monthly instalments by card.",
        connector_url: url,
        store_id: result.storeId,
        signing_secret: result.gatewaySecret,
      };
      // What the merchant pastes into the gateway's settings page (the plan's limits are already there).
      await store.php(
        `update_option('woocommerce_alma_suite_settings', array_merge((array) get_option('woocommerce_alma_suite_settings', array()), json_decode('${JSON.stringify(settings)}', true))); return true;`,
      );
      return { storeId: result.storeId };
    },
    async reconcile(storeId, perPage) {
      const out: string[] = [];
      const progress: string[] = [];
      const code = await runWoocommerceCli(
        ["reconcile", storeId, ...(perPage ? ["--per-page", String(perPage)] : [])],
        {
          out: (line) => out.push(line),
          fail: (message) => {
            out.push(message);
            return 1;
          },
          progress: (line) => progress.push(line),
          readSecret: async () => "",
        },
        { ...pluginDeps, config },
      );
      return { code, out, progress };
    },
    async settle() {
      for (let quiet = 0, round = 0; quiet < 3 && round < 1000; round++) {
        const ipnInFlight = sandbox.sandbox.ipnOutbox.list().some((d) => !d.delivered && !d.gave_up);
        const jobs = [
          ...(await storage.listJobs({ state: "pending" })),
          ...(await storage.listJobs({ state: "running" })),
        ];
        const busy = ipnInFlight || jobs.some((j) => j.state === "running" || j.runAt <= Date.now() + 300);
        quiet = busy ? 0 : quiet + 1;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      await worker.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sandbox.close();
      await storage.close();
    },
  };
}
