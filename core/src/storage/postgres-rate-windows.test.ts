import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SecretBox } from "../crypto/secret-box.ts";
import { PostgresStorage } from "./postgres-storage.ts";
import { dropSchema, randomSchemaName, TEST_DATABASE_URL } from "./test-support/postgres-harness.ts";

describe("rate-limit windows shared on PostgreSQL", () => {
  const schema = randomSchemaName();
  const secretBox = new SecretBox(SecretBox.generateKey());
  // Two storages on one schema: two server instances on one database.
  const a = new PostgresStorage({ connectionString: TEST_DATABASE_URL, schema, secretBox, poolSize: 4 });
  const b = new PostgresStorage({ connectionString: TEST_DATABASE_URL, schema, secretBox, poolSize: 4 });
  beforeAll(async () => {
    await a.migrate();
    await b.migrate();
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    await dropSchema(schema);
  });

  it("counts every hit from every instance exactly, even all at once", async () => {
    const hits = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).rateWindows.increment("ipn:ten_1", 10_000)),
    );
    expect(hits.map((h) => h.totalHits).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    expect(new Set(hits.map((h) => h.resetTime.getTime())).size).toBe(1);
    await b.rateWindows.decrement("ipn:ten_1");
    expect((await a.rateWindows.increment("ipn:ten_1", 10_000)).totalHits).toBe(40);
    expect((await a.rateWindows.increment("ipn:ten_2", 10_000)).totalHits).toBe(1);
  });

  it("starts a new window once the old one ended, and sweeps ended ones", async () => {
    const first = await a.rateWindows.increment("ip:short", 50);
    await b.rateWindows.increment("ip:short", 50);
    await new Promise((resolve) => setTimeout(resolve, 80));
    const next = await b.rateWindows.increment("ip:short", 50);
    expect(next.totalHits).toBe(1);
    expect(next.resetTime.getTime()).toBeGreaterThan(first.resetTime.getTime());
    await b.rateWindows.decrement("ip:gone");
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await a.rateWindows.sweep(0)).toBeGreaterThanOrEqual(1);
    await a.rateWindows.reset("ipn:ten_1");
    expect((await b.rateWindows.increment("ipn:ten_1", 10_000)).totalHits).toBe(1);
  });
});
