import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config/load-config.ts";
import { type RunningServer, startServer } from "../../src/create-server.ts";
import { createLogger } from "../../src/observability/create-logger.ts";

/**
 * The server as the demo store's tests run it: silent, on a free port, with the bridge's periodic
 * reconciliation off (the tests' own payments are confirmed by their returns and notifications).
 * `dataDir` keeps a data folder across a restart; otherwise a new one is made from `dataDirPrefix`.
 */
export function startDemoStoreServer(options: {
  dataDirPrefix?: string;
  dataDir?: string;
  workerConcurrency: number;
  config?: Record<string, string>;
}): Promise<RunningServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), options.dataDirPrefix ?? "demo-store-"));
  return startServer(
    loadConfig({
      PORT: "0",
      DATA_DIR: dataDir,
      LOG_LEVEL: "silent",
      WORKER_CONCURRENCY: String(options.workerConcurrency),
      ...options.config,
    }),
    createLogger({ level: "silent" }),
    { env: { DATA_DIR: dataDir, BRIDGE_RECONCILE_INTERVAL_MS: "0" } },
  );
}
