/**
 * A separate process delivering webhooks from a SQLite file, so a test can kill it with -9 in the
 * middle of deliveries. argv: <db path> <master key (hex)> <worker id> <lease ms>.
 */
import { SecretBox } from "@alma-suite/core";
import { JobWorker, SqliteStorage } from "@alma-suite/core/storage";
import { bridgeConfigSchema } from "../../src/config/bridge-config.ts";
import { createBridge } from "../../src/create-bridge.ts";

const [path, key, workerId, leaseMs] = process.argv.slice(2);
if (!path || !key || !workerId || !leaseMs)
  throw new Error("usage: delivery-worker <db> <key> <worker id> <lease ms>");
const storage = new SqliteStorage({ path, secretBox: SecretBox.fromEncodedKey(key) });
const noAlma = async (): Promise<never> => {
  throw new Error("this worker only delivers webhooks");
};
const quiet = () => {};
const bridge = createBridge(
  bridgeConfigSchema.parse({ BRIDGE_WEBHOOK_ALLOWED_HOSTS: "127.0.0.1", BRIDGE_RECONCILE_INTERVAL_MS: "0" }),
  {
    storage,
    almaFor: noAlma,
    almaWithKey: () => {
      throw new Error("this worker only delivers webhooks");
    },
    logger: { info: quiet, warn: quiet, error: quiet, debug: quiet },
    publicUrl: "http://127.0.0.1:1",
    now: Date.now,
  },
);
await bridge.ctx.ready;
const worker = new JobWorker({
  storage,
  handlers: bridge.jobs,
  workerId,
  concurrency: 4,
  leaseMs: Number(leaseMs),
  pollMs: 10,
  onError: () => {},
});
worker.start();
process.send?.("ready");
process.on("SIGTERM", () => {
  void worker.stop().then(() => storage.close().then(() => process.exit(0)));
});
