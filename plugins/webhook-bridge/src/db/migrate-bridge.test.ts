import { randomBytes } from "node:crypto";
import { SecretBox } from "@alma-suite/core";
import {
  PostgresStorage,
  postgresMigrations,
  type Storage,
  sqliteMigrations,
} from "@alma-suite/core/storage";
import { memoryStorage } from "@alma-suite/core/testing";
import { describe, expect, it } from "vitest";
import { TEST_DATABASE_URL } from "../testing/test-storage.ts";
import { dbOf } from "./bridge-db.ts";
import { bridgeMigrations } from "./bridge-migrations.ts";
import { migrateBridge } from "./migrate-bridge.ts";

interface Opened {
  storage: Storage;
  /** The storage's clock, which stamps `applied_at`. */
  clock: { now: number };
  cleanup(): Promise<void>;
}

async function openSqlite(): Promise<Opened> {
  const clock = { now: 1_000 };
  const storage = await memoryStorage({ clock: () => clock.now });
  return { storage, clock, cleanup: () => storage.close() };
}

/** A fresh schema; `twin()` opens another instance (its own pool) on the same schema. */
async function openPostgres(): Promise<Opened & { twin(): Storage }> {
  const schema = `bridge_mig_${randomBytes(5).toString("hex")}`;
  const clock = { now: 1_000 };
  const make = () =>
    new PostgresStorage({
      connectionString: TEST_DATABASE_URL,
      schema,
      secretBox: new SecretBox(SecretBox.generateKey()),
      clock: () => clock.now,
    });
  const storage = make();
  await storage.migrate();
  const twins: Storage[] = [];
  return {
    storage,
    clock,
    twin() {
      const twin = make();
      twins.push(twin);
      return twin;
    },
    async cleanup() {
      await Promise.all(twins.map((t) => t.close()));
      await dbOf(storage).execute(`DROP SCHEMA "${schema}" CASCADE`);
      await storage.close();
    },
  };
}

describe.each([
  ["sqlite", openSqlite],
  ["postgres", openPostgres],
])("bridge migrations on %s", (_name, open: () => Promise<Opened>) => {
  it("applies its own versions once, under its own name in the plugins' history", async () => {
    const { storage, clock, cleanup } = await open();
    try {
      const first = await migrateBridge(storage);
      expect(first.applied.map((m) => m.version)).toEqual(bridgeMigrations.map((m) => m.version));
      clock.now = 2_000;
      expect((await migrateBridge(storage)).applied).toEqual([]);
      const db = dbOf(storage);
      expect(
        await db.query(
          "SELECT version, applied_at FROM plugin_migrations WHERE plugin = 'bridge' ORDER BY version",
        ),
      ).toEqual([
        { version: 1, applied_at: 1_000 },
        { version: 2, applied_at: 1_000 },
        { version: 3, applied_at: 1_000 },
      ]);
      // Core's history is untouched.
      const core = await db.query("SELECT version FROM schema_migrations ORDER BY version");
      const coreMigrations = storage.dialect === "postgres" ? postgresMigrations : sqliteMigrations;
      expect(core.map((r) => r.version)).toEqual(coreMigrations.map((m) => m.version));
    } finally {
      await cleanup();
    }
  });

  it("refuses a database migrated by newer code", async () => {
    const { storage, cleanup } = await open();
    try {
      await migrateBridge(storage);
      await dbOf(storage).execute(
        "INSERT INTO plugin_migrations (plugin, version, name, applied_at) VALUES ('bridge', 99, 'future', 1)",
      );
      await expect(migrateBridge(storage)).rejects.toThrow(
        /migration 99 \(future\) of plugin bridge unknown/,
      );
    } finally {
      await cleanup();
    }
  });

  it("takes over the history the bridge kept in its own table before the shared runner", async () => {
    const { storage, cleanup } = await open();
    try {
      // What the bridge's former runner left: its tables, and their versions in bridge_schema_migrations.
      const db = dbOf(storage);
      const big = storage.dialect === "postgres" ? "BIGINT" : "INTEGER";
      await db.execute(
        `CREATE TABLE bridge_schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at ${big} NOT NULL)`,
      );
      for (const migration of bridgeMigrations) {
        for (const statement of migration.statements(storage.dialect)) await db.execute(statement);
        await db.execute("INSERT INTO bridge_schema_migrations VALUES ($1, $2, 5)", [
          migration.version,
          migration.name,
        ]);
      }
      expect((await migrateBridge(storage)).applied).toEqual([]);
      expect(
        await db.query("SELECT version, applied_at FROM plugin_migrations WHERE plugin = 'bridge'"),
      ).toEqual(bridgeMigrations.map((m) => ({ version: m.version, applied_at: 5 })));
      await expect(db.query("SELECT 1 FROM bridge_schema_migrations")).rejects.toThrow();
    } finally {
      await cleanup();
    }
  });

  it("rolls bridge rows back with core's writes and jobs in one transaction", async () => {
    const { storage, cleanup } = await open();
    try {
      await migrateBridge(storage);
      await expect(
        storage.transaction(async (tx) => {
          await dbOf(tx).execute(
            "INSERT INTO bridge_agencies (id, name, status, created_at, updated_at) VALUES ('agy_x', 'X', 'active', 1, 1)",
          );
          await tx.enqueue({ type: "t", key: "rolled-back", payload: {} });
          throw new Error("boom");
        }),
      ).rejects.toThrow("boom");
      expect(await dbOf(storage).query("SELECT id FROM bridge_agencies")).toEqual([]);
      expect(await storage.getJobByKey("rolled-back")).toBeNull();
    } finally {
      await cleanup();
    }
  });
});

// SQLite serialises instances with BEGIN IMMEDIATE, which blocks the thread: only processes can race there.
describe("bridge migrations on postgres, several instances", () => {
  it("migrate once when they start together", async () => {
    const { storage, twin, cleanup } = await openPostgres();
    try {
      const reports = await Promise.all([
        migrateBridge(storage),
        migrateBridge(twin()),
        migrateBridge(twin()),
      ]);
      expect(reports.map((r) => r.applied.length).sort()).toEqual([0, 0, bridgeMigrations.length]);
    } finally {
      await cleanup();
    }
  });
});
