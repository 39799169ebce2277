/**
 * Child process for the two-process PostgreSQL test: every handler call inserts a row into
 * `executions` (no unique constraint, so a double execution would show as a duplicate).
 * Usage: pg-executions-worker.ts <database url> <schema> <worker id>
 */
import pg from "pg";
import { SecretBox } from "../../crypto/secret-box.ts";
import { PostgresStorage } from "../../storage/postgres-storage.ts";
import { JobWorker } from "../job-worker.ts";

const [connectionString = "", schema = "", workerId = "child"] = process.argv.slice(2);
const storage = new PostgresStorage({
  connectionString,
  schema,
  secretBox: new SecretBox(SecretBox.generateKey()),
});
const effects = new pg.Pool({ connectionString, max: 8, options: `-c search_path=${schema}` });

const worker = new JobWorker({
  storage,
  workerId,
  concurrency: 8,
  leaseMs: 10_000,
  pollMs: 20,
  handlers: {
    execute: async (_payload, ctx) => {
      await effects.query("INSERT INTO executions (key, worker) VALUES ($1, $2)", [ctx.key, workerId]);
    },
  },
});
worker.start();
process.send?.("ready");
process.once("SIGTERM", async () => {
  await worker.stop();
  await Promise.all([storage.close(), effects.end()]);
  process.exit(0);
});
