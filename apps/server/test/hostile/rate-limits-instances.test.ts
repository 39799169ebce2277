import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.ts";
import { type RunningServer, startServer } from "../../src/create-server.ts";
import { createLogger } from "../../src/observability/create-logger.ts";
import { createTestDatabase } from "../support/test-database.ts";
import { send } from "./support/refusal.ts";

// A 60 s window at 0.1/s: 6 requests per client IP for the whole deployment.
const LIMIT = 6;

describe("rate limits shared by the instances of one deployment", () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const servers: RunningServer[] = [];
  const start = async (name: string) => {
    const server = await startServer(
      loadConfig({
        PORT: "0",
        DATA_DIR: mkdtempSync(join(tmpdir(), `alma-rate-${name}-`)),
        DATABASE_URL: db.url,
        MASTER_KEY: "b".repeat(64),
        WORKER_CONCURRENCY: "0",
        RATE_LIMIT_WINDOW_SECONDS: "60",
        RATE_LIMIT_IP_PER_SECOND: String(LIMIT / 60),
      }),
      createLogger({ level: "silent" }),
    );
    servers.push(server);
    return server;
  };
  const passed = async (server: RunningServer, count: number) => {
    let passed = 0;
    for (let i = 0; i < count; i++) if ((await send(`${server.url}/`)).status !== 429) passed++;
    return passed;
  };

  beforeAll(async () => {
    db = await createTestDatabase("rate_two");
  });
  afterAll(async () => {
    for (const server of servers) await server.stop();
    await db?.drop();
  });

  it("gives each of two instances half of every limit, so a client behind a load balancer gets the configured rate", async () => {
    const first = await start("a");
    expect(await passed(first, LIMIT + 2)).toBe(LIMIT);
    const second = await start("b");
    // The second instance finds the first alive in the database as it starts.
    expect(await passed(second, LIMIT + 2)).toBe(LIMIT / 2);
    const metrics = await (await fetch(`${second.url}/metrics`)).text();
    expect(metrics).toMatch(/^alma_suite_live_instances 2$/m);
  });
});
