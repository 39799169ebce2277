import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../../src/config/load-config.ts";
import { type RunningServer, startServer } from "../../../src/create-server.ts";
import { createLogger } from "../../../src/observability/create-logger.ts";
import type { ServerPlugin } from "../../../src/plugins.ts";
import { freshPostgresDatabase } from "./postgres-database.ts";

/**
 * The whole server on a fresh SQLite (or on `config.DATABASE_URL`), silent, with no worker (so
 * the row counts only move when a request writes) and no rate limits (the fuzzers send hundreds
 * of requests per tenant; limits have their own test). `HOSTILE_POSTGRES=1` runs every file that
 * does not choose on a PostgreSQL database of its own, dropped at `stop()`.
 */
export async function startHostileServer(options: {
  plugins: ServerPlugin[];
  env?: Record<string, string>;
  config?: Record<string, string>;
}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "alma-hostile-"));
  const database =
    process.env.HOSTILE_POSTGRES === "1" && !options.config?.DATABASE_URL
      ? await freshPostgresDatabase()
      : undefined;
  const config = loadConfig({
    PORT: "0",
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    WORKER_CONCURRENCY: "0",
    RATE_LIMIT_IPN_PER_SECOND: "0",
    RATE_LIMIT_PLATFORM_PER_SECOND: "0",
    RATE_LIMIT_IP_PER_SECOND: "0",
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...options.config,
  });
  const server = await startServer(config, createLogger({ level: "silent" }), {
    plugins: options.plugins,
    env: { DATA_DIR: dataDir, RATE_LIMIT_BRIDGE_PER_SECOND: "0", ...options.env },
  });
  if (!database) return server;
  return {
    ...server,
    async stop() {
      await server.stop();
      await database.drop();
    },
  };
}
