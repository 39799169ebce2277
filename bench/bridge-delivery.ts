/**
 * Webhook delivery throughput of the bridge, against a baseline measured in the same run.
 *
 *   npx node bench/bridge-delivery.ts            # SQLite file, 2,000 messages, 16 at a time
 *   npx node bench/bridge-delivery.ts --messages 5000 --concurrency 32
 *   npx node bench/bridge-delivery.ts --database-url postgres://postgres@127.0.0.1:5432/test
 *
 * Baseline: raw node:http POSTs of the same body and headers to the same local receiver, with
 * the same concurrency and a keep-alive agent: what the network path alone allows. The bridge
 * adds what makes delivery durable: leasing the job, reading the delivery, message and
 * decrypting the endpoint secret, signing, the SSRF check, and recording the attempt and the
 * delivery's state in a transaction.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { SecretBox } from "@alma-suite/core";
import {
  JobWorker,
  PostgresStorage,
  SqliteStorage,
  type Storage,
  sqlExecutorOf,
} from "@alma-suite/core/storage";
import { bridgeConfigSchema, createBridge, webhookHeaders } from "@alma-suite/webhook-bridge";
import { seedEndpoint, seedEvent, seedMerchant } from "@alma-suite/webhook-bridge/testing";

const { values: args } = parseArgs({
  options: {
    messages: { type: "string", default: "2000" },
    concurrency: { type: "string", default: "16" },
    "database-url": { type: "string" },
  },
});
const MESSAGES = Number(args.messages);
const CONCURRENCY = Number(args.concurrency);
const DATABASE_URL = args["database-url"];

const body = JSON.stringify({
  type: "payment.accepted",
  timestamp: new Date().toISOString(),
  data: {
    payment: { id: "pay_bench", order_reference: "PS-1", amount: 45000, currency: "EUR", status: "paid" },
  },
});

async function startReceiver() {
  let received = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      received += 1;
      res.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return {
    url,
    received: () => received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What the network path alone allows: N POSTs, CONCURRENCY in flight, keep-alive. */
async function baseline(url: string): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const target = new URL(url);
  const secret = `whsec_${randomBytes(24).toString("base64")}`;
  const post = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const headers = webhookHeaders({ id: `msg_${i}`, timestampMs: Date.now(), body, secrets: [secret] });
      const req = http.request(
        target,
        {
          method: "POST",
          agent,
          headers: {
            ...headers,
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
          },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve());
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < MESSAGES) await post(next++);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return MESSAGES / seconds;
}

async function openStorage(): Promise<{ storage: Storage; label: string; cleanup(): Promise<void> }> {
  const secretBox = new SecretBox(SecretBox.generateKey());
  if (DATABASE_URL) {
    const schema = `bridge_bench_${randomBytes(4).toString("hex")}`;
    const storage = new PostgresStorage({
      connectionString: DATABASE_URL,
      schema,
      secretBox,
      poolSize: CONCURRENCY + 4,
    });
    return {
      storage,
      label: "PostgreSQL",
      async cleanup() {
        await sqlExecutorOf(storage).execute(`DROP SCHEMA "${schema}" CASCADE`);
        await storage.close();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "bridge-bench-"));
  const storage = new SqliteStorage({ path: join(dir, "bench.db"), secretBox });
  return {
    storage,
    label: "SQLite (WAL, file)",
    async cleanup() {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The bridge: N messages published (jobs due now), then workers deliver them; timed until the last attempt is recorded. */
async function bridgeThroughput(url: string) {
  const { storage, label, cleanup } = await openStorage();
  try {
    await storage.migrate();
    const quiet = () => {};
    const bridge = createBridge(
      bridgeConfigSchema.parse({
        BRIDGE_WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
        BRIDGE_RECONCILE_INTERVAL_MS: "0",
      }),
      {
        storage,
        almaFor: async () => {
          throw new Error("not used");
        },
        almaWithKey: () => {
          throw new Error("not used");
        },
        logger: { info: quiet, warn: quiet, error: quiet, debug: quiet },
        publicUrl: "http://127.0.0.1:1",
        now: Date.now,
      },
    );
    await bridge.ctx.ready;
    const merchant = await seedMerchant(bridge.ctx);
    await seedEndpoint(bridge.ctx, merchant, url);
    const data = JSON.parse(body).data;
    const publishStarted = performance.now();
    for (let i = 0; i < MESSAGES; i++)
      await seedEvent(bridge.ctx, merchant, "payment.accepted", `bench-${i}`, data);
    const publishPerSecond = MESSAGES / ((performance.now() - publishStarted) / 1000);
    const worker = new JobWorker({
      storage,
      handlers: bridge.jobs,
      workerId: "bench",
      concurrency: CONCURRENCY,
      pollMs: 5,
      onError: quiet,
    });
    const db = sqlExecutorOf(storage);
    const delivered = async () =>
      Number(
        (await db.query("SELECT COUNT(*) AS n FROM bridge_deliveries WHERE status = 'succeeded'"))[0]?.n,
      );
    const started = performance.now();
    worker.start();
    while ((await delivered()) < MESSAGES) await new Promise((resolve) => setTimeout(resolve, 10));
    const failed = await sqlExecutorOf(storage).query(
      "SELECT COUNT(*) AS n FROM bridge_attempts WHERE status <> 'succeeded'",
    );
    if (Number(failed[0]?.n) !== 0) throw new Error("some deliveries failed: the measure would be wrong");
    const seconds = (performance.now() - started) / 1000;
    await worker.stop();
    return { label, perSecond: MESSAGES / seconds, publishPerSecond };
  } finally {
    await cleanup();
  }
}

const receiver = await startReceiver();
try {
  // One warm-up pass of each so JIT and connection setup do not favour the second measured.
  await baseline(receiver.url);
  const rawPerSecond = await baseline(receiver.url);
  const bridge = await bridgeThroughput(receiver.url);
  const round = (n: number) => Math.round(n).toLocaleString("en-US");
  console.log(
    `webhook delivery throughput: ${MESSAGES} messages, ${CONCURRENCY} in flight, local receiver answering 204`,
  );
  console.log(`  baseline (raw node:http POSTs, keep-alive):  ${round(rawPerSecond)} deliveries/s`);
  console.log(`  bridge (${bridge.label}, durable jobs):      ${round(bridge.perSecond)} deliveries/s`);
  console.log(
    `  ratio bridge / baseline:                      ${(bridge.perSecond / rawPerSecond).toFixed(3)}`,
  );
  console.log(
    `  (publishing: ${round(bridge.publishPerSecond)} messages/s, each with its delivery and job in one transaction)`,
  );
  console.log(`  receiver got ${receiver.received()} requests in all`);
} finally {
  await receiver.close();
}
