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
  cleanup(): Promise<void>;
}

async function openSqlite(): Promise<Opened> {
  const storage = await memoryStorage();
  return { storage, cleanup: () => storage.close() };
}

/** A fresh schema; `twin()` opens another instance (its own pool) on the same schema. */
async function openPostgres(): Promise<Opened & { twin(): Storage }> {
  const schema = `bridge_mig_${randomBytes(5).toString("hex")}`;
  const make = () =>
    new PostgresStorage({
      connectionString: TEST_DATABASE_URL,
      schema,
      secretBox: new SecretBox(SecretBox.generateKey()),
    });
  const storage = make();
  await storage.migrate();
  const twins: Storage[] = [];
  return {
    storage,
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
  it("applies its own versions once, in its own history table", async () => {
    const { storage, cleanup } = await open();
    try {
      const first = await migrateBridge(storage, 1_000);
      expect(first.applied.map((m) => m.version)).toEqual(bridgeMigrations.map((m) => m.version));
      expect((await migrateBridge(storage, 2_000)).applied).toEqual([]);
      const db = dbOf(storage);
      expect(
        await db.query("SELECT version, applied_at FROM bridge_schema_migrations ORDER BY version"),
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
      await migrateBridge(storage, 1_000);
      await dbOf(storage).execute(
        "INSERT INTO bridge_schema_migrations (version, name, applied_at) VALUES (99, 'future', 1)",
      );
      await expect(migrateBridge(storage, 2_000)).rejects.toThrow(
        /bridge migration 99 \(future\) is unknown/,
      );
    } finally {
      await cleanup();
    }
  });

  it("rolls bridge rows back with core's writes and jobs in one transaction", async () => {
    const { storage, cleanup } = await open();
    try {
      await migrateBridge(storage, 1_000);
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
        migrateBridge(storage, 1),
        migrateBridge(twin(), 1),
        migrateBridge(twin(), 1),
      ]);
      expect(reports.map((r) => r.applied.length).sort()).toEqual([0, 0, bridgeMigrations.length]);
    } finally {
      await cleanup();
    }
  });
});
