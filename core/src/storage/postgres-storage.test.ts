import pg from "pg";
import { describe, expect, it } from "vitest";
import { SecretBox } from "../crypto/secret-box.ts";
import { postgresMigrations } from "./migrations/postgres-migrations.ts";
import { openStorage } from "./open-storage.ts";
import { PostgresStorage } from "./postgres-storage.ts";
import { sqlExecutorOf } from "./sql-access.ts";
import { storageContract } from "./storage-contract.ts";
import {
  dropSchema,
  postgresHarness,
  randomSchemaName,
  TEST_DATABASE_URL,
} from "./test-support/postgres-harness.ts";

storageContract("postgres", postgresHarness);

describe("PostgresStorage specifics", () => {
  const secretBox = new SecretBox(SecretBox.generateKey());

  it("migrates once when several processes start together (advisory lock)", async () => {
    const schema = randomSchemaName();
    const storages = Array.from(
      { length: 4 },
      () => new PostgresStorage({ connectionString: TEST_DATABASE_URL, schema, secretBox, poolSize: 2 }),
    );
    try {
      const reports = await Promise.all(storages.map((s) => s.migrate()));
      const latest = postgresMigrations.at(-1)?.version;
      expect(reports.map((r) => r.applied.length).sort()).toEqual([0, 0, 0, postgresMigrations.length]);
      expect(reports.every((r) => r.currentVersion === latest)).toBe(true);
    } finally {
      await Promise.all(storages.map((s) => s.close()));
      await dropSchema(schema);
    }
  });

  /**
   * A storage on one pooled connection (so every call reuses the statements prepared on it) with a
   * tenant whose `SELECT * FROM tenants …` is already prepared there.
   */
  async function onOneConnection(
    fn: (s: { storage: PostgresStorage; schema: string; tenantId: string }) => Promise<void>,
  ): Promise<void> {
    const schema = randomSchemaName();
    const storage = new PostgresStorage({
      connectionString: TEST_DATABASE_URL,
      schema,
      secretBox,
      poolSize: 1,
    });
    try {
      await storage.migrate();
      const { tenant } = await storage.createTenant({ platform: "bridge", externalId: "x", name: "X" });
      expect((await storage.getTenant(tenant.id))?.name).toBe("X");
      await fn({ storage, schema, tenantId: tenant.id });
    } finally {
      await storage.close();
      await dropSchema(schema);
    }
  }

  it("keeps answering when another instance adds a column under its prepared statements", async () => {
    await onOneConnection(async ({ storage, schema, tenantId }) => {
      const side = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await side.connect();
      try {
        await side.query(`ALTER TABLE "${schema}".tenants ADD COLUMN added_by_a_newer_release TEXT`);
      } finally {
        await side.end();
      }
      // PostgreSQL refuses the prepared statement now ("cached plan must not change result type").
      expect((await storage.getTenant(tenantId))?.name).toBe("X");
      expect((await storage.getTenant(tenantId))?.name).toBe("X");
      await storage.transaction(async (tx) => expect((await tx.getTenant(tenantId))?.name).toBe("X"));
    });
  });

  it("keeps answering when its connection forgot the prepared statements (a pooler in transaction mode)", async () => {
    await onOneConnection(async ({ storage, tenantId }) => {
      // What a pooler handing us another server connection looks like: the statement is gone.
      await sqlExecutorOf(storage).execute("DEALLOCATE ALL");
      expect((await storage.getTenant(tenantId))?.name).toBe("X");
      expect((await storage.getTenant(tenantId))?.name).toBe("X");
    });
  });

  it("refuses a database migrated by a newer release", async () => {
    const schema = randomSchemaName();
    const storage = new PostgresStorage({ connectionString: TEST_DATABASE_URL, schema, secretBox });
    const client = new pg.Client({
      connectionString: TEST_DATABASE_URL,
      options: `-c search_path=${schema}`,
    });
    try {
      await storage.migrate();
      await client.connect();
      await client.query(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 0)",
      );
      await expect(storage.migrate()).rejects.toThrow(/unknown to this code/);
    } finally {
      await client.end();
      await storage.close();
      await dropSchema(schema);
    }
  });

  it("openStorage picks PostgreSQL from a postgres:// URL and rejects bad schema names", async () => {
    const schema = randomSchemaName();
    const storage = openStorage({
      databaseUrl: TEST_DATABASE_URL,
      dataDir: "/nonexistent",
      secretBox,
      schema,
    });
    expect(storage.dialect).toBe("postgres");
    await storage.migrate();
    await storage.health();
    await storage.close();
    await dropSchema(schema);
    expect(
      () => new PostgresStorage({ connectionString: TEST_DATABASE_URL, secretBox, schema: 'x"; drop' }),
    ).toThrow(RangeError);
  });
});
