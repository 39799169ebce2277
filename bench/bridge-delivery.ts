/**
 * Webhook delivery throughput of the bridge, on SQLite (one instance) and on PostgreSQL (two
 * instances, i.e. two server processes sharing one database), against baselines measured in the
 * same run on the same machine.
 *
 *   npx node bench/bridge-delivery.ts                      # both backends, 4,000 messages, 16 in flight per instance
 *   npx node bench/bridge-delivery.ts --messages 8000 --concurrency 32 --only postgres
 *   npx node bench/bridge-delivery.ts --database-url postgres://postgres@127.0.0.1:5432/test --instances 2
 *
 * Each instance is its own process running the bridge's job handlers under a JobWorker; the
 * receiver (local, answering 204) and the driver live in this process. Baselines: raw node:http
 * POSTs of the same signed body to the same receiver (what the network path alone allows), and the
 * requests per second a raw node:http and a bare Express 5 "hello" handler answer.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { SecretBox } from "@alma-suite/core";
import { sqlExecutorOf } from "@alma-suite/core/storage";
import { webhookHeaders } from "@alma-suite/webhook-bridge";
import {
  deliveryOnlyBridge,
  seedEndpoint,
  seedEvent,
  seedMerchant,
} from "@alma-suite/webhook-bridge/testing";
import { measureBaselines } from "./lib/baselines.ts";
import { type BenchDatabase, openBenchStorage } from "./lib/bridge-storage.ts";
import { machineCpu, processesCpu } from "./lib/machine-cpu.ts";
import { startReceiver } from "./lib/receiver.ts";
import { reportTarget, SHORT } from "./lib/report.ts";
import { SERVER_NODE_ARGS } from "./lib/server-node-args.ts";
import { spawnTarget } from "./lib/spawn-target.ts";

const { values: args } = parseArgs({
  options: {
    messages: { type: "string", default: SHORT ? "800" : "4000" },
    concurrency: { type: "string", default: "16" },
    "database-url": { type: "string" },
    instances: { type: "string" },
    only: { type: "string" },
  },
});
const MESSAGES = Number(args.messages);
const CONCURRENCY = Number(args.concurrency);
const PG_URL =
  args["database-url"] ??
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  "postgres://postgres@127.0.0.1:5432/test";
const CORES = availableParallelism();
const workerScript = fileURLToPath(new URL("targets/bridge-worker.ts", import.meta.url));

const body = JSON.stringify({
  type: "payment.accepted",
  timestamp: new Date().toISOString(),
  data: {
    payment: { id: "pay_bench", order_reference: "PS-1", amount: 45000, currency: "EUR", status: "paid" },
  },
});

/** What the network path alone allows: N signed POSTs, CONCURRENCY in flight, keep-alive. */
async function rawPosts(url: string): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const secret = `whsec_${randomBytes(24).toString("base64")}`;
  const post = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const headers = webhookHeaders({
        id: `msg_raw_${i}`,
        timestampMs: Date.now(),
        body,
        secrets: [secret],
      });
      const req = http.request(
        url,
        {
          method: "POST",
          agent,
          headers: {
            ...headers,
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
          },
        },
        (res) => res.resume().on("end", () => resolve()),
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
  agent.destroy();
  return MESSAGES / ((performance.now() - started) / 1000);
}

interface BridgeRun {
  label: string;
  instances: number;
  perSecond: number;
  publishPerSecond: number;
  /** CPU seconds the bridge processes used, summed, and their peak RSS. */
  bridgeCpuS: number;
  /** CPU seconds PostgreSQL's processes used during the delivery phase (0 on SQLite). */
  databaseCpuS: number;
  machineBusyS: number;
  seconds: number;
  peakRssMiB: number[];
  duplicates: number;
}

async function bridgeRun(
  receiver: Awaited<ReturnType<typeof startReceiver>>,
  postgres: boolean,
  instances: number,
) {
  const dir = postgres ? undefined : mkdtempSync(join(tmpdir(), "bridge-bench-"));
  const db: BenchDatabase = {
    location: postgres ? PG_URL : join(dir ?? "", "bench.db"),
    schema: `bridge_bench_${randomBytes(4).toString("hex")}`,
    masterKey: SecretBox.generateKey().toString("hex"),
  };
  const storage = openBenchStorage(db, 4);
  const workers: Awaited<ReturnType<typeof spawnTarget>>[] = [];
  try {
    await storage.migrate();
    const bridge = await deliveryOnlyBridge(storage);
    const merchant = await seedMerchant(bridge.ctx);
    await seedEndpoint(bridge.ctx, merchant, receiver.url);
    const data = JSON.parse(body).data;
    const publishStarted = performance.now();
    for (let i = 0; i < MESSAGES; i++)
      await seedEvent(bridge.ctx, merchant, "payment.accepted", `bench-${i}`, data);
    const publishPerSecond = MESSAGES / ((performance.now() - publishStarted) / 1000);
    for (let i = 0; i < instances; i++) {
      workers.push(
        await spawnTarget(
          workerScript,
          [JSON.stringify(db), String(CONCURRENCY), `bench-${i}`],
          {},
          {
            stdin: true,
            // BENCH_PROF_DIR=/tmp/prof writes a CPU profile of each instance (open it in Chrome DevTools).
            nodeArgs: [
              ...SERVER_NODE_ARGS,
              ...(process.env.BENCH_PROF_DIR
                ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROF_DIR}`]
                : []),
            ],
          },
        ),
      );
    }
    const sql = sqlExecutorOf(storage);
    const count = async (where: string) =>
      Number((await sql.query(`SELECT COUNT(*) AS n FROM bridge_deliveries WHERE ${where}`))[0]?.n);
    receiver.reset();
    const cpuBefore = machineCpu();
    const databaseBefore = postgres ? processesCpu("postgres") : 0;
    const started = performance.now();
    for (const w of workers) w.send("go");
    // The receiver's count is free to read; the database is asked only once it has seen them all.
    while (receiver.received() < MESSAGES) await new Promise((resolve) => setTimeout(resolve, 5));
    while ((await count("status = 'succeeded'")) < MESSAGES)
      await new Promise((resolve) => setTimeout(resolve, 2));
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = machineCpu();
    const databaseCpuS = postgres ? processesCpu("postgres") - databaseBefore : 0;
    const done = await Promise.all(
      workers.map((w) => {
        w.send("stop");
        return w.nextLine<{ cpuS: number; peakRssMiB: number }>("DONE");
      }),
    );
    const failed = await sql.query("SELECT COUNT(*) AS n FROM bridge_attempts WHERE status <> 'succeeded'");
    if (Number(failed[0]?.n) !== 0) throw new Error("some deliveries failed: the measure would be wrong");
    return {
      label: postgres ? "PostgreSQL" : "SQLite (WAL file)",
      instances,
      perSecond: MESSAGES / seconds,
      publishPerSecond,
      bridgeCpuS: done.reduce((sum, d) => sum + d.cpuS, 0),
      databaseCpuS,
      machineBusyS: cpuAfter.busyS - cpuBefore.busyS,
      seconds,
      peakRssMiB: done.map((d) => d.peakRssMiB),
      duplicates: receiver.duplicates(),
    } satisfies BridgeRun;
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    if (postgres) await sqlExecutorOf(storage).execute(`DROP SCHEMA IF EXISTS "${db.schema}" CASCADE`);
    await storage.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

async function postgresReachable(): Promise<boolean> {
  const pg = await import("pg");
  const client = new pg.default.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const round = (n: number) => Math.round(n).toLocaleString("en-US");
const baselines = await measureBaselines();
const receiver = await startReceiver();
try {
  await rawPosts(receiver.url); // warm-up: JIT and connections must not favour whoever runs second
  const raw = await rawPosts(receiver.url);
  const runs: BridgeRun[] = [];
  if (args.only !== "postgres") runs.push(await bridgeRun(receiver, false, Number(args.instances ?? 1)));
  if (args.only !== "sqlite") {
    if (await postgresReachable()) runs.push(await bridgeRun(receiver, true, Number(args.instances ?? 2)));
    else console.log(`(PostgreSQL skipped: nothing answers at ${PG_URL})`);
  }
  const express = baselines.find((b) => b.name === "bare Express 5")!;
  console.log(
    `\nWebhook delivery: ${MESSAGES} messages, ${CONCURRENCY} in flight per instance, local receiver answering 204, ${CORES} cores`,
  );
  console.log("target                                  per s  ratio/Express  ratio/raw POSTs  peak RSS");
  for (const b of baselines) {
    console.log(
      `${`${b.name} "hello" (requests)`.padEnd(36)} ${round(b.requestsPerSecond).padStart(8)} ${`${(b.requestsPerSecond / express.requestsPerSecond).toFixed(2)}x`.padStart(14)} ${"".padStart(16)} ${`${b.peakRssMiB.toFixed(0)} MiB`.padStart(9)}`,
    );
  }
  console.log(
    `${"raw node:http POSTs, keep-alive".padEnd(36)} ${round(raw).padStart(8)} ${`${(raw / express.requestsPerSecond).toFixed(2)}x`.padStart(14)} ${"1.00x".padStart(16)}`,
  );
  for (const r of runs) {
    console.log(
      `${`bridge, ${r.label}, ${r.instances} instance${r.instances > 1 ? "s" : ""}`.padEnd(36)} ${round(r.perSecond).padStart(8)} ${`${(r.perSecond / express.requestsPerSecond).toFixed(2)}x`.padStart(14)} ${`${(r.perSecond / raw).toFixed(2)}x`.padStart(16)} ${r.peakRssMiB
        .map((m) => `${m.toFixed(0)} MiB`)
        .join(" + ")
        .padStart(9)}`,
    );
  }
  console.log("");
  for (const r of runs) {
    console.log(
      `${r.label} (${r.instances}x): ${round(r.perSecond)} deliveries/s = ${round(r.perSecond / CORES)} per core of the machine; ` +
        `bridge processes used ${r.bridgeCpuS.toFixed(1)} CPU-s (${round(MESSAGES / r.bridgeCpuS)} deliveries per CPU-second), ` +
        `machine busy ${((r.machineBusyS / (r.seconds * CORES)) * 100).toFixed(0)}% (database included); ` +
        `publishing ${round(r.publishPerSecond)} messages/s; ${r.duplicates} duplicate deliveries`,
    );
    // Where one delivery's CPU goes: the bridge instances, PostgreSQL, and the rest (receiver, driver, kernel).
    const us = (cpuS: number) => `${round((cpuS * 1e6) / MESSAGES)} µs`;
    console.log(
      `  CPU per delivery: bridge ${us(r.bridgeCpuS)}` +
        (r.databaseCpuS > 0 ? `, PostgreSQL ${us(r.databaseCpuS)}` : "") +
        `, everything else ${us(r.machineBusyS - r.bridgeCpuS - r.databaseCpuS)}`,
    );
  }
  const pg = runs.find((r) => r.label === "PostgreSQL");
  if (pg) {
    // Two readings of "per core": the cores the bridge instances use (in production PostgreSQL and
    // the receivers run elsewhere), and the cores of this machine, which here also run PostgreSQL,
    // the receiver and this driver. Bare POSTs to the same receiver set the ceiling of the second.
    const perBridgeCore = MESSAGES / pg.bridgeCpuS;
    const perMachineCore = pg.perSecond / CORES;
    console.log(
      `per core the bridge instances use: ${round(perBridgeCore)}; per core of this machine, shared with PostgreSQL, the receiver and the driver: ${round(perMachineCore)}, where bare POSTs alone reach ${round(raw / CORES)}`,
    );
    reportTarget({
      benchmark: `Bridge deliveries, PostgreSQL ×${pg.instances}`,
      measured: `${round(perMachineCore)} per machine core (${round(pg.perSecond)}/s on ${CORES} cores); ${round(perBridgeCore)} per bridge CPU-second`,
      baseline: `raw POSTs ${round(raw / CORES)} per machine core; Express ${round(express.requestsPerSecond)} req/s`,
      target: "≥ 1,500 per second per machine core",
      met: perMachineCore >= 1500,
    });
  }
} finally {
  await receiver.close();
}
