/**
 * Child process for the kill -9 test: a JobWorker on a SQLite file whose handler records its job key in
 * `effects` (unique, so idempotent) and every invocation in `attempts`.
 * Usage: sqlite-effects-worker.ts <db path> <worker id> <lease ms> <step delay ms>
 */
import { DatabaseSync } from "node:sqlite";
import { setTimeout as sleep } from "node:timers/promises";
import { SecretBox } from "../../crypto/secret-box.ts";
import { SqliteStorage } from "../../storage/sqlite-storage.ts";
import { JobWorker } from "../job-worker.ts";

const [path = "", workerId = "child", leaseMs = "1000", delayMs = "10"] = process.argv.slice(2);
const storage = new SqliteStorage({ path, secretBox: new SecretBox(SecretBox.generateKey()) });
const effects = new DatabaseSync(path, { timeout: 5000 });
const recordAttempt = effects.prepare("INSERT INTO attempts (key, worker) VALUES (?, ?)");
const recordEffect = effects.prepare(
  "INSERT INTO effects (key, worker) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
);

const worker = new JobWorker({
  storage,
  workerId,
  concurrency: 4,
  leaseMs: Number(leaseMs),
  pollMs: 10,
  handlers: {
    effect: async (_payload, ctx) => {
      recordAttempt.run(ctx.key, workerId);
      await sleep(Number(delayMs));
      recordEffect.run(ctx.key, workerId);
      // The window between the effect and the job's completion is where a kill forces a re-run.
      await sleep(Number(delayMs));
    },
  },
});
worker.start();
process.send?.("ready");
process.once("SIGTERM", async () => {
  await worker.stop();
  await storage.close();
  effects.close();
  process.exit(0);
});
