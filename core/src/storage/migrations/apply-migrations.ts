import { int, text } from "../sql/row-reader.ts";
import type { SqlExecutor } from "../sql/sql-executor.ts";
import type { SqlDialect } from "../storage.ts";
import {
  type Migration,
  type MigrationReport,
  type PluginMigrations,
  pendingMigrations,
} from "./migration.ts";

/**
 * Applies what is missing: core's steps, then each plugin's. The caller has already opened a
 * transaction and taken whatever lock keeps a second process out (SQLite: BEGIN IMMEDIATE;
 * PostgreSQL: an advisory lock), so reading the applied versions and applying the rest cannot
 * race. `runScript` executes a multi-statement script.
 */
export async function applyMigrations(
  exec: SqlExecutor,
  runScript: (sql: string) => Promise<void>,
  migrations: readonly Migration[],
  now: number,
  options: { dialect: SqlDialect; plugins?: readonly PluginMigrations[] },
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
    report.currentVersion = Math.max(report.currentVersion, migration.version);
  }
  for (const plugin of options.plugins ?? []) {
    report.applied.push(...(await applyPluginMigrations(exec, runScript, plugin, now, options.dialect)));
  }
  return report;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

async function applyPluginMigrations(
  exec: SqlExecutor,
  runScript: (sql: string) => Promise<void>,
  plugin: PluginMigrations,
  now: number,
  dialect: SqlDialect,
): Promise<MigrationReport["applied"]> {
  const history = () =>
    exec.query("SELECT version, name FROM plugin_migrations WHERE plugin = $1 ORDER BY version", [
      plugin.plugin,
    ]);
  let rows = await history();
  if (rows.length === 0 && plugin.adoptsHistoryFrom) {
    await adoptHistory(exec, plugin.plugin, plugin.adoptsHistoryFrom, dialect);
    rows = await history();
  }
  const applied = new Set(rows.map((row) => int(row, "version")));
  for (const row of rows) {
    if (!plugin.migrations.some((m) => m.version === int(row, "version"))) {
      throw new Error(
        `database has migration ${int(row, "version")} (${text(row, "name")}) of plugin ${plugin.plugin} unknown to this code`,
      );
    }
  }
  const done: MigrationReport["applied"] = [];
  for (const migration of pendingMigrations(plugin.migrations, applied)) {
    for (const statement of migration.statements(dialect)) await runScript(statement);
    await exec.execute(
      "INSERT INTO plugin_migrations (plugin, version, name, applied_at) VALUES ($1, $2, $3, $4)",
      [plugin.plugin, migration.version, migration.name, now],
    );
    done.push({ version: migration.version, name: migration.name, plugin: plugin.plugin });
  }
  return done;
}

/** Moves a plugin's former history table into `plugin_migrations`, when that table is there. */
async function adoptHistory(exec: SqlExecutor, plugin: string, table: string, dialect: SqlDialect) {
  if (!IDENTIFIER.test(table)) throw new Error(`plugin ${plugin}: ${table} is not a table name`);
  const present = await exec.query(
    dialect === "sqlite"
      ? "SELECT 1 AS present FROM sqlite_master WHERE type = 'table' AND name = $1"
      : "SELECT 1 AS present FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1",
    [table],
  );
  if (present.length === 0) return;
  await exec.execute(
    `INSERT INTO plugin_migrations (plugin, version, name, applied_at) SELECT $1, version, name, applied_at FROM ${table}`,
    [plugin],
  );
  await exec.execute(`DROP TABLE ${table}`);
}
