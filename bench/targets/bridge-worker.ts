// One bridge instance for bench/bridge-delivery.ts: opens the shared database, waits for `go` on
// stdin, delivers with a JobWorker until `stop`, then prints `DONE {cpu, rss}` and exits.
import { createInterface } from "node:readline";
import { JobWorker } from "@alma-suite/core/storage";
import { bridgeConfigSchema, createBridge } from "@alma-suite/webhook-bridge";
import { type BenchDatabase, openBenchStorage, quietLogger } from "../lib/bridge-storage.ts";

// A plain exit on SIGTERM, so --cpu-prof still writes its profile.
process.on("SIGTERM", () => process.exit(0));
const db = JSON.parse(process.argv[2] ?? "{}") as BenchDatabase;
const concurrency = Number(process.argv[3] ?? 16);
const workerId = process.argv[4] ?? "bench";
const storage = openBenchStorage(db, concurrency + 4);
const bridge = createBridge(
  bridgeConfigSchema.parse({ BRIDGE_WEBHOOK_ALLOWED_HOSTS: "127.0.0.1", BRIDGE_RECONCILE_INTERVAL_MS: "0" }),
  {
    storage,
    almaFor: () => Promise.reject(new Error("not used")),
    almaWithKey: () => {
      throw new Error("not used");
    },
    logger: quietLogger,
    publicUrl: "http://127.0.0.1:1",
    now: Date.now,
  },
);
await bridge.ctx.ready;
const worker = new JobWorker({
  storage,
  handlers: bridge.jobs,
  workerId,
  concurrency,
  onError: (error) => process.stderr.write(`${workerId}: ${String(error)}\n`),
});
process.stdout.write(`READY ${JSON.stringify({ workerId })}\n`);
let cpuAtStart = process.cpuUsage();
for await (const line of createInterface({ input: process.stdin })) {
  if (line === "go") {
    cpuAtStart = process.cpuUsage();
    worker.start();
  } else if (line === "stop") break;
}
await worker.stop();
const cpu = process.cpuUsage(cpuAtStart);
process.stdout.write(
  `DONE ${JSON.stringify({ cpuS: (cpu.user + cpu.system) / 1e6, peakRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`,
);
await storage.close();
process.exit(0);
