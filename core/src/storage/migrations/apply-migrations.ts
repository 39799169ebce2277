import { int, text } from "../sql/row-reader.ts";
import type { SqlExecutor } from "../sql/sql-executor.ts";
import { type Migration, type MigrationReport, pendingMigrations } from "./migration.ts";

/**
 * Applies what is missing. The caller has already opened a transaction and taken whatever lock keeps a
 * second process out (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock), so reading the applied
 * versions and applying the rest cannot race. `runScript` executes a multi-statement script.
 */
export async function applyMigrations(
  exec: SqlExecutor,
  runScript: (sql: string) => Promise<void>,
  migrations: readonly Migration[],
  now: number,
): Promise<MigrationReport> {
  await runScript(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       version INTEGER PRIMARY KEY,
       name TEXT NOT NULL,
       applied_at BIGINT NOT NULL
     )`,
  );
  const rows = await exec.query("SELECT version, name FROM schema_migrations ORDER BY version");
  const applied = new Set(rows.map((row) => int(row, "version")));
  const known = new Map(migrations.map((migration) => [migration.version, migration.name]));
  for (const row of rows) {
    // A database migrated by a newer release must not be run by an older one that cannot read it.
    if (!known.has(int(row, "version"))) {
      throw new Error(
        `database has migration ${int(row, "version")} (${text(row, "name")}) unknown to this code`,
      );
    }
  }
  const report: MigrationReport = { applied: [], currentVersion: Math.max(0, ...applied) };
  for (const migration of pendingMigrations(migrations, applied)) {
    await runScript(migration.sql);
    await exec.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [
      migration.version,
      migration.name,
      now,
    ]);
    report.applied.push({ version: migration.version, name: migration.name });
    report.currentVersion = migration.version;
  }
  return report;
}
