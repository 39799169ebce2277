/**
 * A separate process delivering webhooks from a SQLite file, so a test can kill it with -9 in the
 * middle of deliveries. argv: <db path> <master key (hex)> <worker id> <lease ms>.
 */
import { SecretBox } from "@alma-suite/core";
import { JobWorker, SqliteStorage } from "@alma-suite/core/storage";
import { deliveryOnlyBridge } from "../../src/testing/delivery-only-bridge.ts";

const [path, key, workerId, leaseMs] = process.argv.slice(2);
if (!path || !key || !workerId || !leaseMs)
  throw new Error("usage: delivery-worker <db> <key> <worker id> <lease ms>");
const storage = new SqliteStorage({ path, secretBox: SecretBox.fromEncodedKey(key) });
const bridge = await deliveryOnlyBridge(storage);
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
