import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.ts";
import { type RunningServer, startServer } from "../../src/create-server.ts";
import { createLogger } from "../../src/observability/create-logger.ts";
import { createTestDatabase } from "../support/test-database.ts";
import { send } from "./support/refusal.ts";

// A 60 s window at 0.1/s: 6 requests per client IP for the whole deployment, counted in PostgreSQL.
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
  const passed = async (server: RunningServer, path: string, count: number) => {
    let passed = 0;
    for (let i = 0; i < count; i++) if ((await send(`${server.url}${path}`)).status !== 429) passed++;
    return passed;
  };

  beforeAll(async () => {
    db = await createTestDatabase("rate_two");
  });
  afterAll(async () => {
    for (const server of servers) await server.stop();
    await db?.drop();
  });

  it("hold for the whole deployment: two instances on one database share every limit", async () => {
    const a = await start("a");
    const b = await start("b");
    // A client whose requests all land on one instance gets the whole limit there (not half of
    // it), and then nothing more from the other one: one count, in PostgreSQL.
    expect(await passed(a, "/", LIMIT + 2)).toBe(LIMIT);
    expect(await passed(b, "/", LIMIT)).toBe(0);
    // Refusals per IP on the IPN route: made-up tenants are refused (404) and counted in the same
    // shared bucket whichever instance answers.
    const ipn = "/alma/ipn/ten_madeup?pid=payment_1";
    expect((await passed(b, ipn, 2)) + (await passed(a, ipn, LIMIT))).toBe(LIMIT);
    expect(await passed(b, ipn, 2)).toBe(0);
    const metrics = await (await fetch(`${b.url}/metrics`)).text();
    expect(metrics).toMatch(/^alma_suite_live_instances 2$/m);
  });
});
