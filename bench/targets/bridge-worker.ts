// One bridge instance for bench/bridge-delivery.ts: opens the shared database, waits for `go` on
// stdin, delivers with a JobWorker until `stop`, then prints `DONE {cpu, rss}` and exits.
import { createInterface } from "node:readline";
import { JobWorker } from "@alma-suite/core/storage";
import { deliveryOnlyBridge } from "@alma-suite/webhook-bridge/testing";
import { type BenchDatabase, openBenchStorage } from "../lib/bridge-storage.ts";

// A plain exit on SIGTERM, so --cpu-prof still writes its profile.
process.on("SIGTERM", () => process.exit(0));
const db = JSON.parse(process.argv[2] ?? "{}") as BenchDatabase;
const concurrency = Number(process.argv[3] ?? 16);
const workerId = process.argv[4] ?? "bench";
const storage = openBenchStorage(db, concurrency + 4);
const bridge = await deliveryOnlyBridge(storage);
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
