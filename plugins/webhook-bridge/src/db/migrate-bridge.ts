import type { Storage } from "@alma-suite/core/storage";
import { dbOf, num, str } from "./bridge-db.ts";
import { type BridgeMigration, bridgeMigrations } from "./bridge-migrations.ts";

export interface BridgeMigrationReport {
  applied: { version: number; name: string }[];
  currentVersion: number;
}

/**
 * Applies the bridge's pending migrations, recorded in its own `bridge_schema_migrations` so they
 * never mix with core's history. One transaction: SQLite's BEGIN IMMEDIATE, and on PostgreSQL an
 * advisory lock, keep a second instance starting at the same moment out until this one is done.
 */
export async function migrateBridge(
  storage: Storage,
  now: number,
  migrations: readonly BridgeMigration[] = bridgeMigrations,
): Promise<BridgeMigrationReport> {
  return storage.transaction(async (tx) => {
    const db = dbOf(tx);
    if (db.dialect === "postgres") {
      await db.query(
        "SELECT pg_advisory_xact_lock(hashtextextended('alma-suite:bridge:' || current_schema(), 0))",
      );
    }
    const big = db.dialect === "postgres" ? "BIGINT" : "INTEGER";
    await db.execute(
      `CREATE TABLE IF NOT EXISTS bridge_schema_migrations (
         version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at ${big} NOT NULL
       )`,
    );
    const rows = await db.query("SELECT version, name FROM bridge_schema_migrations ORDER BY version");
    const applied = new Set(rows.map((row) => num(row, "version")));
    for (const row of rows) {
      if (!migrations.some((m) => m.version === num(row, "version"))) {
        throw new Error(
          `bridge migration ${num(row, "version")} (${str(row, "name")}) is unknown to this code`,
        );
      }
    }
    const report: BridgeMigrationReport = { applied: [], currentVersion: Math.max(0, ...applied) };
    let previous = 0;
    for (const migration of migrations) {
      if (migration.version <= previous)
        throw new Error(`bridge migration ${migration.version} is out of order`);
      previous = migration.version;
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements(db.dialect)) await db.execute(statement);
      await db.execute(
        "INSERT INTO bridge_schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
        [migration.version, migration.name, now],
      );
      report.applied.push({ version: migration.version, name: migration.name });
      report.currentVersion = migration.version;
    }
    return report;
  });
}
