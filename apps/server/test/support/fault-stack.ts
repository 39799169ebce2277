import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type SandboxServer, startSandboxServer } from "@alma-suite/alma-sandbox";
import { webhookBridgePlugin } from "@alma-suite/webhook-bridge";
import { loadConfig } from "../../src/config/load-config.ts";
import { type RunningServer, startServer } from "../../src/create-server.ts";
import { createLogger } from "../../src/observability/create-logger.ts";
import { type FaultProxy, startFaultProxy } from "./fault-proxy.ts";

const OPERATOR = "fault-stack-operator-token-0001";

export const basket = JSON.parse(
  readFileSync(new URL("../../../../fixtures/bridge/checkouts/basket-3x.json", import.meta.url), "utf8"),
) as Record<string, unknown> & { amount: number };

export interface ApiAnswer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: answers are read as plain JSON
  body: any;
  ms: number;
}

export interface FaultStack {
  sandbox: SandboxServer;
  proxy: FaultProxy;
  server: RunningServer;
  dataDir: string;
  /** `/bridge/v1/merchants/<ref>` of the merchant set up at start. */
  base: string;
  tenantId: string;
  /** The agency's API key (Bearer). */
  agencyKey: string;
  api(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiAnswer>;
  /** Alma payments the sandbox holds for this merchant. */
  almaPayments(): { id: string; custom_data: unknown; refunds: { merchant_reference?: string | null }[] }[];
  close(): Promise<void>;
}

/**
 * The whole server with the webhook bridge, talking to a separate Alma sandbox through a fault
 * proxy: what a test counts at the sandbox is what really happened at "Alma". The sandbox's own
 * IPNs wait a minute, so a test drives notifications itself.
 */
export async function startFaultStack(
  options: { databaseUrl?: string; almaKey?: string; merchantRef?: string } = {},
): Promise<FaultStack> {
  const sandbox = await startSandboxServer({ port: 0, ipnDelayMs: 60_000 });
  const proxy = await startFaultProxy(sandbox.url);
  const dataDir = mkdtempSync(join(tmpdir(), "fault-stack-"));
  const server = await startServer(
    loadConfig({
      PORT: "0",
      DATA_DIR: dataDir,
      LOG_LEVEL: "silent",
      WORKER_CONCURRENCY: "4",
      ALMA_API_URL: proxy.url,
      // Fault tests drive load on purpose; the rate limits are another suite's subject.
      RATE_LIMIT_IP_PER_SECOND: "10000",
      RATE_LIMIT_IPN_PER_SECOND: "10000",
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    }),
    createLogger({ level: "silent" }),
    {
      plugins: [webhookBridgePlugin],
      env: {
        BRIDGE_WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
        BRIDGE_OPERATOR_TOKEN: OPERATOR,
        DATA_DIR: dataDir,
        RATE_LIMIT_BRIDGE_PER_SECOND: "10000",
      },
    },
  );
  let key = OPERATOR;
  const api: FaultStack["api"] = async (method, path, body, headers = {}) => {
    const started = Date.now();
    const response = await fetch(`${server.url}${path}`, {
      method,
      redirect: "manual",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : undefined,
      ms: Date.now() - started,
    };
  };
  const agency = await api("POST", "/bridge/v1/operator/agencies", { name: "Agence Pannes" });
  if (agency.status !== 201) throw new Error(`agency: ${agency.status} ${JSON.stringify(agency.body)}`);
  key = agency.body.api_key.token;
  const ref = options.merchantRef ?? "boutique-pannes";
  const base = `/bridge/v1/merchants/${ref}`;
  const almaKey = options.almaKey ?? "sk_test_faultStack0001";
  sandbox.sandbox.merchants.provision({ testKey: almaKey });
  const merchant = await api("PUT", base, { name: "Boutique Pannes", alma_test_key: almaKey });
  if (merchant.status !== 201)
    throw new Error(`merchant: ${merchant.status} ${JSON.stringify(merchant.body)}`);
  const tenantId: string = merchant.body.id;
  return {
    sandbox,
    proxy,
    server,
    dataDir,
    base,
    tenantId,
    agencyKey: key,
    api,
    almaPayments: () =>
      sandbox.sandbox.store.payments
        .list()
        .items.map((record) => record.payment)
        .filter((p) => JSON.stringify(p.custom_data ?? {}).includes(tenantId)),
    async close() {
      await server.stop();
      await proxy.close();
      await sandbox.close();
    },
  };
}
