import pg from "pg";
import { expect, it } from "vitest";
import { SecretBox } from "../crypto/secret-box.ts";
import { PostgresStorage } from "../storage/postgres-storage.ts";
import { dropSchema, randomSchemaName, TEST_DATABASE_URL } from "../storage/test-support/postgres-harness.ts";
import { spawnScript, waitUntil } from "./test-support/spawn-script.ts";

const JOBS = 1000;

it("shares 1,000 jobs between two processes without running any twice", async () => {
  const schema = randomSchemaName();
  const storage = new PostgresStorage({
    connectionString: TEST_DATABASE_URL,
    schema,
    secretBox: new SecretBox(SecretBox.generateKey()),
  });
  await storage.migrate();
  const raw = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
  await raw.connect();
  const workers = ["alpha", "beta"].map((id) =>
    spawnScript("pg-executions-worker.ts", [TEST_DATABASE_URL, schema, id]),
  );
  try {
    await raw.query("CREATE TABLE executions (key TEXT NOT NULL, worker TEXT NOT NULL)");
    await Promise.all(workers.map((w) => w.ready));
    await storage.transaction(async (tx) => {
      for (let i = 0; i < JOBS; i++) await tx.enqueue({ type: "execute", key: `exec-${i}`, payload: { i } });
    });
    await waitUntil(async () => (await storage.countJobsByState()).done === JOBS, 30_000, "all jobs done");
    for (const w of workers) w.child.kill("SIGTERM");
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);

    const { rows } = await raw.query(
      "SELECT COUNT(*)::int AS total, COUNT(DISTINCT key)::int AS distinct_keys FROM executions",
    );
    expect(rows[0]).toEqual({ total: JOBS, distinct_keys: JOBS });
    const perWorker = await raw.query("SELECT worker, COUNT(*)::int AS n FROM executions GROUP BY worker");
    expect(perWorker.rows).toHaveLength(2);
    expect(await storage.countJobsByState()).toEqual({
      pending: 0,
      running: 0,
      failed: 0,
      done: JOBS,
      dead: 0,
    });
  } finally {
    for (const w of workers) w.child.kill("SIGKILL");
    await raw.end();
    await storage.close();
    await dropSchema(schema);
  }
}, 60_000);
