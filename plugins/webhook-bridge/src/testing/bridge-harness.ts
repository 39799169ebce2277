import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { AlmaClient, type PluginLogger } from "@alma-suite/core";
import { JobWorker, type Storage } from "@alma-suite/core/storage";
import express from "express";
import { type BridgeConfig, bridgeConfigSchema } from "../config/bridge-config.ts";
import { type Bridge, createBridge } from "../create-bridge.ts";
import { postgresTestStorage, sqliteTestStorage, type TestStorage } from "./test-storage.ts";

/** Where tests point Alma clients; nock intercepts it. */
export const ALMA_URL = "https://alma.test";
export const OPERATOR_TOKEN = "operator-token-for-tests-0123456789";

export interface LogLine {
  level: "info" | "warn" | "error" | "debug";
  object: object;
  message?: string;
}

export interface BridgeHarness {
  bridge: Bridge;
  storage: Storage;
  url: string;
  worker: JobWorker;
  logs: LogLine[];
  clock: { now: number };
  /** Calls the bridge API; `key` is sent as a bearer token. */
  api(
    method: string,
    path: string,
    options?: { key?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<ApiAnswer>;
  close(): Promise<void>;
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON shapes
  body: any;
}

/**
 * The bridge's router on a local port with a throwaway store, a fake clock (`clock.now`, real
 * time unless a test moves it) and a job worker the test drains by hand.
 */
export async function startBridgeHarness(
  options: {
    postgres?: boolean;
    env?: Record<string, string>;
    random?: () => number;
    fakeClock?: boolean;
  } = {},
): Promise<BridgeHarness> {
  const clock = { now: Date.now() };
  const now = options.fakeClock ? () => clock.now : Date.now;
  const store: TestStorage = options.postgres
    ? await postgresTestStorage({ clock: now })
    : await sqliteTestStorage({ clock: now });
  const logs: LogLine[] = [];
  const log = (level: LogLine["level"]) => (object: object, message?: string) =>
    void logs.push({ level, object, message });
  const logger: PluginLogger = {
    info: log("info"),
    warn: log("warn"),
    error: log("error"),
    debug: log("debug"),
  };
  const config: BridgeConfig = bridgeConfigSchema.parse({
    BRIDGE_WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
    BRIDGE_OPERATOR_TOKEN: OPERATOR_TOKEN,
    BRIDGE_RECONCILE_INTERVAL_MS: "0",
    BRIDGE_WEBHOOK_TIMEOUT_MS: "2000",
    ...options.env,
  });
  // No retries and no waits: each test states exactly what Alma answers.
  const almaWithKey = (apiKey: string) =>
    new AlmaClient({ apiKey, baseUrl: ALMA_URL, maxRetries: 0, sleep: async () => {}, timeoutMs: 2000 });
  const app = express();
  const server: Server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const bridge = createBridge(
    config,
    {
      storage: store.storage,
      almaWithKey,
      almaFor: async (tenantId) => {
        const tenant = await store.storage.getTenant(tenantId);
        const key = await store.storage.getSecret(
          tenantId,
          tenant?.almaMode === "live" ? "alma_live_key" : "alma_test_key",
        );
        if (!key) throw new Error(`tenant ${tenantId} has no Alma key`);
        return almaWithKey(key);
      },
      logger,
      publicUrl: url,
      now,
    },
    { random: options.random ?? (() => 0.5) },
  );
  await bridge.ctx.ready;
  app.use("/bridge", bridge.routes);
  const worker = new JobWorker({
    storage: store.storage,
    handlers: bridge.jobs,
    workerId: "test",
    concurrency: 8,
    onError: () => {},
  });
  return {
    bridge,
    storage: store.storage,
    url,
    worker,
    logs,
    clock,
    async api(method, path, opts = {}) {
      const headers: Record<string, string> = { accept: "application/json", ...opts.headers };
      if (opts.key) headers.authorization = `Bearer ${opts.key}`;
      if (opts.body !== undefined) headers["content-type"] ??= "application/json";
      const response = await fetch(`${url}${path}`, {
        method,
        headers,
        redirect: "manual",
        body:
          opts.body === undefined
            ? undefined
            : typeof opts.body === "string"
              ? opts.body
              : JSON.stringify(opts.body),
      });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        body: text === "" ? undefined : JSON.parse(text),
      };
    },
    async close() {
      await worker.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.cleanup();
    },
  };
}

/** An agency with one key, through the operator API. */
export async function createAgencyFor(
  h: BridgeHarness,
  name = "Agence Lumière",
): Promise<{ agencyId: string; key: string }> {
  const answer = await h.api("POST", "/bridge/v1/operator/agencies", { key: OPERATOR_TOKEN, body: { name } });
  if (answer.status !== 201)
    throw new Error(`agency creation answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return { agencyId: answer.body.agency.id, key: answer.body.api_key.token };
}
